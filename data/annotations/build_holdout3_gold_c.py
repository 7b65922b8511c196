#!/usr/bin/env python3
"""Build holdout3_gold_c.csv from hand-written rows: offsets found by walking each page in
document order (text.find(quote, start of previous quote)). Standard library only."""
import csv, os, sys
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
H3 = os.path.join(ROOT, "holdout3")
OUT = os.path.join(ROOT, "annotations", "holdout3_gold_c.csv")
COLS = ["doc_id","claim_type","subject","low","high","unit","quote","start","end","supplement","elemental","times_per_day","note"]

# (claim_type, subject, low, high, unit, quote, supplement, elemental, times_per_day, note)
R = {}

R["c01_magnesium_healthguru"] = [
 ("dose","men","400","400","mg","Men = 400 mg","magnesium","","","'What You Need' list; no per-day wording, plain mg; bullet marker left out (holdout ruling 17)"),
 ("dose","women","310","310","mg","Women = 310 mg","magnesium","","","as above"),
 ("other","oat bran","96","96","mg","Magnify magnesium intake with oat bran (96 mg per half cup)","magnesium","","","food content"),
 ("other","portion of oat bran","0.5","0.5","cups","Magnify magnesium intake with oat bran (96 mg per half cup)","","","","reference portion 'half cup' = 0.5 cups (rulings_c 1); quantifies food, empty supplement"),
 ("other","almonds","78","78","mg","almonds (78 mg per ounce)","magnesium","","","food content; 'per ounce' has no numeral, no portion row"),
 ("other","brown rice","86","86","mg","brown rice (86 mg per cup)","magnesium","","","food content; 'per cup' has no numeral"),
 ("other","cooked spinach","78","78","mg","cooked spinach (78 mg per half cup)","magnesium","","","food content"),
 ("other","portion of cooked spinach","0.5","0.5","cups","cooked spinach (78 mg per half cup)","","","","reference portion 'half cup' = 0.5 cups (rulings_c 1)"),
 ("other","bananas","32","32","mg","bananas (32 mg per banana),","magnesium","","","food content; 'per banana' has no numeral"),
 ("other","molasses","48","48","mg","molasses (48 mg per tablespoon).","magnesium","","","food content; 'per tablespoon' has no numeral"),
 ("dose","supplemental magnesium","","350","mg/day","There is no upper limit for dietary magnesium, but supplemental magnesium should not exceed 350 mg/day.","magnesium","","","'should not exceed' -> high only (upper limit of an intake)"),
]

W = []
rows = [("Birth to 6 months 30 mg* 30 mg*","birth to 6 months","30","30"),
        ("7–12 months 75 mg* 75 mg*","7–12 months","75","75"),
        ("1–3 years 80 mg 80 mg","1–3 years","80","80"),
        ("4–8 years 130 mg 130 mg","4–8 years","130","130"),
        ("9–13 years 240 mg 240 mg","9–13 years","240","240"),
        ("14–18 years 410 mg 360 mg","14–18 years","410","360"),
        ("19–30 years 400 mg 310 mg","19–30 years","400","310"),
        ("31–50 years 420 mg 320 mg","31–50 years","420","320"),
        ("51+ years 420 mg 320 mg","51+ years","420","320")]
for line, age, m, f in rows:
    star = "; the asterisk marks an AI, still an intake amount" if "*" in line else ""
    W.append(("dose","male "+age,m,m,"mg",line,"magnesium","","","RDA table row, Male column; age band is a population descriptor; no per-day wording, plain mg"+star))
    W.append(("dose","female "+age,f,f,"mg",line,"magnesium","","","RDA table row, Female column; age band is a population descriptor; no per-day wording, plain mg"+star))
q = "The normal range for blood magnesium level is 1.7 to 2.2 mg/dL (0.85 to 1.10 mmol/L)."
W += [("other","normal blood magnesium level","1.7","2.2","mg/dL",q,"magnesium","","","biomarker range"),
      ("other","normal blood magnesium level","0.85","1.10","mmol/L",q,"magnesium","","","same range restated in mmol/L: own row")]
R["c02_magnesium_whitecoats"] = W

q1 = "Deficiency rate: 42% of Americans, 70% worldwide! 😱"
q2 = "Studies show 42% of Americans are vitamin D deficient, and that number jumps to 82% in African Americans and 70% in Hispanics due to darker skin."
R["c03_vitamind_allnatrls"] = [
 ("deficiency_prevalence","Americans","42","42","%","Vitamin D3: Why 42% of Americans Are Deficient (And How It's Destroying Your Health)","vitamin d","","","page title; 'D3' is a name"),
 ("deficiency_prevalence","people","42","42","%","The sunshine vitamin that 42% of people are missing (and it's killing them)","vitamin d","","","subtitle"),
 ("deficiency_prevalence","Americans","42","42","%",q1,"vitamin d","","","Quick Facts line 'Deficiency rate'; emoji kept in the quote as part of the line"),
 ("deficiency_prevalence","worldwide","70","70","%",q1,"vitamin d","","",""),
 ("dose","optimal dose","2000","5000","IU/day","Optimal dose: 2000-5000 IU daily","vitamin d","","","'daily'"),
 ("other","direct sun on bare skin","15","30","minutes","Even if you're outside, you need 15-30 minutes of direct sun on bare skin WITHOUT sunscreen.","vitamin d","","","sun-exposure duration for making vitamin D: not timing relative to meals/sleep/exercise, not onset -> other (rulings_c 9)"),
 ("deficiency_prevalence","Americans","42","42","%",q2,"vitamin d","","","body repeats the figure: own row"),
 ("deficiency_prevalence","African Americans","82","82","%",q2,"vitamin d","","",""),
 ("deficiency_prevalence","Hispanics","70","70","%",q2,"vitamin d","","",""),
 ("deficiency_prevalence","people worldwide","1000000000","1000000000","count","1 BILLION people are deficient!","vitamin d","","","absolute count of deficient people (as dev_gold_rulings_a for absolute counts); the preceding 'Worldwide?' is its own sentence"),
 ("other","benefits of vitamin D3","10","10","count","Top 10 Benefits of Vitamin D3","vitamin d","","","count of list items in a heading (holdout ruling 24); the leading emoji is left out like a bullet marker (rulings_c 9); the list numbers '1.', '2.', '3.' are not claims"),
]

q = "Additionally, ashwagandha may help increase muscle strength."
qa = "In a 2015 study, male participants who took 600 mg of ashwagandha per day and participated in resistance training for 8 weeks had significantly greater gains in muscle strength and size compared with a placebo group."
qb = "In one study, 43 males aged 40–70 with overweight and mild fatigue took tablets containing ashwagandha extract or a placebo daily for 8 weeks."
R["c04_ashwagandha_tailorblend"] = [
 ("other","use in Indian medicine","2000","","years","Ashwagandha is a root extract from the Withania Somnifera Dunal, a woody shrub used in Indian medicine for millenia.","ashwagandha","","","'for millenia' read as at least 2,000 years, by analogy with 'for centuries' = at least 200 years (dev_gold_rulings_b) (rulings_c 2)"),
 ("other","use of ashwagandha","2000","","years","People have used ashwagandha for thousands of years to relieve stress, increase energy levels, and improve concentration","ashwagandha","","","'thousands of' = at least 2,000 (dev_gold_rulings_b); no final period in the page"),
 ("dose","male participants (2015 study)","600","600","mg/day",qa,"ashwagandha","","","trial dose; 'per day'; 2015 is a year"),
 ("onset","muscle strength gains","8","8","weeks",qa,"ashwagandha","","","regimen length in the same clause as the reported effect ('for 8 weeks had ... greater gains'), like the conventions' 'a 4-week trial reduced ...' (rulings_c 3)"),
 ("other","males with overweight and mild fatigue","43","43","count",qb,"ashwagandha","","","trial participants (holdout2 ruling 15); 'aged 40–70' is a descriptor; 'one study' is 'one' used as 'a'"),
 ("other","trial length","8","8","weeks",qb,"ashwagandha","","","regimen length stated with the regimen; the effect is reported in the next sentence (holdout2 ruling 16) (rulings_c 3)"),
 ("other","DHEA-S","18","18","%","The treatment was associated with an 18% greater increase in DHEA-S, a sex hormone involved in testosterone production.","ashwagandha","","","effect size"),
 ("other","testosterone","14.7","14.7","%","Participants who took the herb also had a 14.7% greater increase in testosterone than those who took the placebo.","ashwagandha","","","effect size"),
 ("dose","range","250","1250","mg/day","Range: 250-1250mg per day","ashwagandha","","","ingredient sheet field; 'per day'"),
 ("dose","popular dose","500","500","mg","Popular dose: 500mg","ashwagandha","","","no per-day wording -> plain mg"),
]

q1 = "Remember that dietary iron is poorly absorbed, with only about 20 percent of the iron in heme iron sources being absorbed and only 3 to 5 percent of the iron in nonheme sources being absorbed, says Eleanor Young, R.D., Ph.D., professor of nutrition in the Department of Medicine at the University of Texas Health Sciences Center in San Antonio."
R["c05_iron_cidpusa"] = [
 ("other","iron lost through bleeding during childbirth","250","300","mg","Women also can lose iron during childbirth, when as much as 250 to 300 milligrams of iron may be lost through bleeding.","iron","","","body iron loss (not an intake); 'as much as' + a range keeps the range, like 'up to' + a range (holdout2 ruling 4)"),
 ("dose","women who are not pregnant (Daily Value)","18","18","mg","If you're not pregnant, doctors recommend that you get the Daily Value (DV) of iron, which is 18 milligrams.","iron","","","'Daily Value' names the reference, read as no per-day wording: plain mg (rulings_c 10)"),
 ("dose","pregnant women (RDA)","30","30","mg","For pregnant women, doctors suggest the Recommended Dietary Allowance (RDA) of 30 milligrams.","iron","","","RDA; plain mg"),
 ("absorption_rate","iron in heme iron sources","20","20","%",q1,"iron","","","'only about' ignored ('only' is emphasis); 'a couple of days' earlier is vague (rulings_c 10)"),
 ("absorption_rate","iron in nonheme sources","3","5","%",q1,"iron","","",""),
 ("other","heme share of iron in lean beef and chicken","50","50","%","Roughly half of the iron found in lean beef and chicken is heme iron.","iron","","","'Roughly half' = 50% (composition); 'B12' later is a name"),
]

q1 = "Out of the hundreds of supplements one can take, fish oil is in my top 5 of the most important, perhaps second only to vitamin D."
q2 = "Here we have omega-3 with a content of approximately 150mg EPA and 125mg DHA per capsule, a small-medium-common dosage for fish oils."
q3 = "And taking four won't harm you, it's equivalent to a serving of fish, let's say, roughly as much omega-3 as 3-4 capsules."
R["c06_fishoil_scrooge"] = [
 ("other","supplements one can take","200","","count",q1,"","","","'hundreds of' = at least 200; counts supplements in general, empty supplement"),
 ("other","fish oil among the most important supplements","","5","rank",q1,"fish oil","","","'in my top 5' -> rank at most 5 (rulings_c 4); 'second only to' is an ordinal, no row"),
 ("other","omega-3 fatty acids (EPA and DHA)","2","2","count","It is much more certain that they will find it in humble fish oil - DHA, one of the two omega-3 fatty acids, is a balm for our brain.","fish oil","","","count of things asserted about the world (dev_gold_rulings_a: 'The two most studied omega-3 fatty acids')"),
 ("dose","EPA per capsule","150","150","mg",q2,"fish oil","","","product strength per capsule; 'approximately' ignored"),
 ("dose","DHA per capsule","125","125","mg",q2,"fish oil","","","product strength per capsule"),
 ("dose","recommended intake","2","2","capsules/day","That's why our company recommends taking 2 capsules per day.","fish oil","","","'per day'"),
 ("dose","safe intake","4","4","capsules",q3,"fish oil","","","'taking four' (capsules, from the previous sentence); no per-day wording in this sentence, plain capsules"),
 ("other","a serving of fish","3","4","capsules",q3,"fish oil","","","omega-3 content of a serving of fish expressed in capsules (food content); 'a serving' is 'a', no row"),
]

R["c07_biotin_yourbestselves"] = [
 ("dose","hair growth","100","1000","mcg/day","The amount of biotin suggested for hair growth usually ranges between 100 - 1,000 micrograms (mcg) daily, but this number varies based on your body's reaction to biotin.","biotin","","","'daily'"),
 ("dose","safe dose (Mayo Clinic)","10000","10000","mcg","Mayo Clinic states that 10,000 mcg is a safe dose, as no adverse side effects have been noted to date.","biotin","","","amount stated safe, no bound word"),
 ("dose","mega doses in neurological research","300000","300000","mcg","Reassuringly, even “mega doses” of 300,000 mcg found no side effects in neurological research.","biotin","","",""),
 ("dose","adults (AI)","30","30","mcg/day","Current recommendations for biotin by the Institute of Medicine state that the daily adequate intake (AI) for adults is 30 μg/day [1].","biotin","","","μg read as mcg; '[1]' is a citation"),
 ("dose","biotin supplementation many take","500","1000","mcg/day","Most healthy individuals meet these requirements through a well-balanced diet, though many still take up to 500–1,000 μg of biotin supplementation daily.","biotin","","","'up to' + a range keeps the range (holdout2 ruling 4); 'daily'"),
 ("dose","healthy hair, skin, and nails","500","5000","mcg/day","We recommend taking 500 mcg-5,000 mcg of biotin per day to support healthy hair, skin, and nails.","biotin","","","'per day'"),
 ("dose","biotin 10000 mcg","10000","10000","mcg","Is biotin 10000 mcg good for hair growth?","biotin","","","strength named in a question; plain mcg"),
 ("other","hair made up of keratin","95","95","%","Did you know that about 95% of your hair is made up of this protein?","","","","composition of hair (keratin), not about biotin: empty supplement (holdout ruling 28); 'about' ignored"),
 ("dose","adults","30","100","mcg/day","The normal recommended biotin dosage for adults is 30 to 100 micrograms (mcg) per day.","biotin","","","'per day'"),
 ("dose","biotin supplements","5000","10000","mcg","But there's no evidence of high levels of biotin being harmful or causing toxicity, which is why you'll commonly see biotin supplements containing 5,000 to 10,000 mcg.","biotin","","","product strengths; plain mcg"),
 ("onset","benefits","30","30","days","Research pertaining to how quickly vitamins work in the body is limited, however, we have found that some begin to see and experience benefits approximately 30 days after you start taking biotin.","biotin","","","time until benefits are seen; 'approximately' ignored; the question before it holds no number"),
 ("onset","benefits for some individuals","90","","days","It may take up to 90 days or longer for some individuals.","biotin","","","'up to 90 days or longer': 'or longer' lifts the upper bound -> low only (rulings_c 5, by analogy with dev_gold_rulings_a 'or higher')"),
]

q2 = "However, in a recent study that published in the International Journal of osteoporosis, 244 healthy postmenopausal women daily took 180 mcg vitamin K2 (menaquinone-7, MK-7) for three years."
R["c08_vitamink2_vitk2"] = [
 ("dose","vitamin K1 recommended amount","1","1","mcg/kg/day","At present, the daily recommended amount of vitamin K is only based on the requirements of vitamin K1 for proper coagulation, and the recommended amount of vitamin K1 is 1mcg / kg / day.","vitamin k1","","","unit as written (mcg/kg/day); the number is about K1 (rulings_c 6)"),
 ("dose","healthy bone and cardiovascular health","45","45","mcg/day","Studies have shown that vitamin K2 (menaquinone-7, MK-7) is effective at very low doses, and experts recommend taking only 45 mcg per day to maintain healthy bone and cardiovascular health.","vitamin k2","","","'only' is emphasis; MK-7 is a name"),
 ("other","healthy postmenopausal women","244","244","count",q2,"vitamin k2","","","trial participants (holdout2 ruling 15)"),
 ("dose","healthy postmenopausal women (trial)","180","180","mcg/day",q2,"vitamin k2","","","'daily took'"),
 ("other","trial length","3","3","years",q2,"vitamin k2","","","regimen length stated with the regimen (holdout2 ruling 16); years kept as written (dev_gold_rulings_b)"),
 ("dose","MK-7 nutritional dose","180","180","mcg/day","(Note: MK-7 at 180 mcg / day is considered to be a \"nutritional dose\", which means that this dose of vitamin K2 can be taken from a healthy point of view.)","vitamin k2","","","'180 mcg / day'"),
]

q1 = "In green tea, L-theanine has been estimated to be between 1-2% of dry weight tea [5] which is translated as being around 10-30g/kg in green tea leaves [6]– Table 1."
q3 = "Within 5 hours L-theanine reaches its maximum level, where it then lasts for 24 hours – having exited the kidneys, liver and brain"
R["c09_ltheanine_powdercity"] = [
 ("other","dry weight of green tea","1","2","%",q1,"l-theanine","","","food content (composition); '[5]' citation; '7.0 /10' ratings above are not claims"),
 ("other","green tea leaves","10","30","g/kg",q1,"l-theanine","","","same content restated in g/kg: own row; 'around' ignored"),
 ("onset","detection in serum","1","1","hours","When taken orally, L-theanine takes only an hour to be detected in serum.","l-theanine","","","time after intake until it is observed in serum (as dev_gold_rulings_b: time after intake at which a rise is measured); 'an hour' = 1 hour (a measure, as 'by a week'); 'only' is emphasis (rulings_c 7)"),
 ("onset","maximum level","","5","hours",q3,"l-theanine","","","'Within 5 hours' -> high only (rulings_c 7); quote stops before the unclosed '[11' citation"),
 ("other","how long it lasts","24","24","hours",q3,"l-theanine","","","duration of presence/effect is other (holdout ruling 5)"),
 ("onset","reaching the brain (rats)","30","30","minutes","Other data has suggested that L- theanine, administered to rats, took only 30 minutes to reach the brain [12].","l-theanine","","","time after administration (rulings_c 7); 'only' is emphasis; the later 'two forms – D and L' tallies the named items (no row)"),
]

q1 = "Typical doses used in recent sports/exercise performance studies use ~5-6mmol or ~300mg nitrate per serve of beetroot juice consumed ~2-2.5hrs before exercise"
q2 = "~500mL beetroot juice contains ~5.2 mmol of dietary nitrate, however be aware that nitrate content can vary from plant to plant therefore may not result in a reliable nitrate dose"
q3 = "Beet it – makes a concentrated beet juice (70mL) that contains 300-400mg of dietary nitrate"
q4 = "Recent studies have shown benefits with either a onetime dose ~2.5 hours before exercise or a continued dose over a period of 3-15 days"
R["c10_beetroot_nutrition360"] = [
 ("dose","nitrate per serve (studies)","5","6","mmol",q1,"beetroot","","","'~' ignored; per serve, plain unit"),
 ("dose","nitrate per serve (studies)","300","300","mg",q1,"beetroot","","","same dose in mg: own row"),
 ("timing","before exercise","2","2.5","hours",q1,"beetroot","","","'~2-2.5hrs before exercise'"),
 ("other","portion of beetroot juice","500","500","ml",q2,"beetroot","","","reference portion of a food-content figure (rulings_c 1); quantifies juice volume"),
 ("other","beetroot juice","5.2","5.2","mmol",q2,"beetroot","","","food content (nitrate in 500 mL juice)"),
 ("dose","Beet it concentrated juice","70","70","ml",q3,"beetroot","","","volume of one product shot = product strength (as dev_gold_rulings_a: a capsule's mass) (rulings_c 1)"),
 ("dose","Beet it concentrated juice","300","400","mg",q3,"beetroot","","","product strength (nitrate per shot)"),
 ("timing","before exercise","2.5","2.5","hours",q4,"beetroot","","","'a onetime dose' has no numeral (dev_gold_rulings_b 'single dose')"),
 ("other","continued dose period","3","15","days",q4,"beetroot","","","regimen length is other (conventions)"),
]

def main():
    out = []
    bad = 0
    for doc in sorted(R):
        text = open(os.path.join(H3, doc + ".txt"), encoding="utf-8").read()
        pos = 0
        for (t, subj, lo, hi, unit, quote, supp, el, tpd, note) in R[doc]:
            i = text.find(quote, pos)
            if i < 0:
                print("NOT FOUND", doc, quote[:60]); bad += 1; continue
            pos = i
            out.append(dict(doc_id=doc, claim_type=t, subject=subj, low=lo, high=hi, unit=unit, quote=quote,
                            start=i, end=i+len(quote), supplement=supp, elemental=el, times_per_day=tpd, note=note))
    with open(OUT, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=COLS); w.writeheader(); w.writerows(out)
    print(len(out), "rows;", bad, "not found")
    return bad
if __name__ == "__main__":
    sys.exit(main())
