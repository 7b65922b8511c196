#!/usr/bin/env python3
"""Hand-written gold rows for holdout5 pages g01-g10; computes offsets by walking each page in
document order (text.find(quote, end of the previous quote)); a row whose quote is "=" shares the
previous row's quote and offsets."""
import csv, os
HERE = os.path.dirname(os.path.abspath(__file__))
PAGES = os.path.join(HERE, "..", "holdout5")
COLS = ["doc_id","claim_type","subject","low","high","unit","quote","start","end","supplement","elemental","times_per_day","note"]
R = []
def doc(d, supp, rows):
    for r in rows:
        t, subj, lo, hi, unit, quote = r[:6]
        extra = list(r[6:]) + [""] * (4 - len(r[6:]))
        sup, elem, tpd, note = extra
        R.append(dict(doc_id=d, claim_type=t, subject=subj, low=lo, high=hi, unit=unit, quote=quote,
                      supplement=sup if sup != "" else supp, elemental=elem, times_per_day=tpd, note=note))

# ---------------- g01 L-theanine, LiftMode
doc("g01_ltheanine_liftmode", "l-theanine", [
 ("dose","L-Theanine dosage used in most studies","100","200","mg","According to Examine.com - a great resource for scientific information about supplements - the L-Theanine dosage that is used in most studies is around 100-200 mg once or twice daily.","","","1-2","per-administration amount; 'around' ignored; citation [1] left out of quote (rulings_e 8)"),
 ("other","L-Theanine dosing frequency","1","2","times/day","=","","","","'once or twice daily' = 1-2 times/day (conventions; holdout ruling 3)"),
 ("other","reference portion of regular black tea","1","1","cups","However, scientists estimate that one cup of regular black tea usually contains an L-Theanine dosage of around 20 mg.","none","","","reference portion of a food-content figure with a number word (rulings_c 1; rulings_g 1); tea is not the supplement, so supplement empty; [2] left out"),
 ("other","L-Theanine in one cup of regular black tea","20","20","mg","=","","","","food content of the nutrient; 'around' ignored"),
 ("other","cups of strong black tea to reach the recommended dosage","5","10","cups","If you want to reach the recommended dosage for L-Theanine benefits you’d need to drink at least 5 – 10 cups of strong black tea in row.","none","","","'at least' + range keeps the range (rulings_e 3); tea, not the supplement (rulings_c 1) so supplement empty"),
])

# ---------------- g02 biotin, elispot.biz
tab = [
 ("Birth to 6 months5 mcg5 mcg", [("birth to 6 months, male","5"),("birth to 6 months, female","5")]),
 ("7–12 months6 mcg6 mcg", [("7–12 months, male","6"),("7–12 months, female","6")]),
 ("1–3 years8 mcg8 mcg", [("1–3 years, male","8"),("1–3 years, female","8")]),
 ("4–8 years12 mcg12 mcg", [("4–8 years, male","12"),("4–8 years, female","12")]),
 ("9–13 years20 mcg20 mcg", [("9–13 years, male","20"),("9–13 years, female","20")]),
 ("14–18 years25 mcg25 mcg35 mcg35 mcg", [("14–18 years, male","25"),("14–18 years, female","25"),("14–18 years, pregnancy","35"),("14–18 years, lactation","35")]),
 ("19+ years30 mcg30 mcg30 mcg35 mcg", [("19+ years, male","30"),("19+ years, female","30"),("19+ years, pregnancy","30"),("19+ years, lactation","35")]),
]
rows = [("dose","adults aged 19 and over","30","30","mcg/day","For most adults aged 19 and over, the average daily recommended amount is 30 micrograms (mcg).","","","","recommended amount; 'daily' in the sentence; age is a population descriptor")]
for q, cells in tab:
    for i, (s, v) in enumerate(cells):
        rows.append(("dose", s, v, v, "mcg", q if i == 0 else "=", "", "", "", "table row (cells run together in the stored copy, rulings_d 9); the age band is a descriptor; plain mcg: the table's own heading 'Biotin Dosage by Age and Life Stage' says no 'daily'"))
rows += [
 ("dose","doses used in clinical studies","","5","mg/day","Clinical studies have used doses as high as 5 mg/day (5,000 mcg/day) for up to two years","","","","'as high as' read as an upper bound, like 'up to' (rulings_g 2)"),
 ("dose","doses used in clinical studies","","5000","mcg/day","=","","","","same amount restated in mcg (conventions: one row per unit); upper bound (rulings_g 2)"),
 ("other","length of clinical studies","","2","years","=","","","","regimen length of the studies, 'up to' = high only; years kept as written (dev_gold_rulings_b)"),
]
doc("g02_biotin_elispot", "biotin", rows)

# ---------------- g03 spirulina, rxsolgroup
q1 = "Dried spirulina contains 5% water, 24% carbohydrates, 8% fat, and about 60% (51–71%) protein."
comp = [("water in dried spirulina","5","5"),("carbohydrates in dried spirulina","24","24"),("fat in dried spirulina","8","8"),("protein in dried spirulina","60","60"),("protein in dried spirulina (range)","51","71")]
rows = []
for rep in (0, 1):
    for i, (s, lo, hi) in enumerate(comp):
        rows.append(("other", s, lo, hi, "%", q1 if i == 0 else "=", "", "", "", "composition; 'about' ignored" + ("; the sentence repeated on the next line gets its own rows (conventions)" if rep else "")))
q2 = "An amount of 100g of spirulina in supplement form as a dried powder supplies 290 kilocalories (1,200 kJ) and is a rich source (20% or more of the Daily Value, DV) of numerous essential nutrients, particularly protein, B vitamins (thiamin, riboflavin, and niacin, providing 207%, 306%, and 85% DV, respectively), and dietary minerals, such as iron (219% DV) and manganese (90% DV)."
rows += [
 ("other","reference amount of dried spirulina powder","100","100","g",q2,"","","","reference portion of a food-content figure (rulings_c 1); spirulina is the supplement"),
 ("other","energy in 100g spirulina","290","290","kcal","=","","","",""),
 ("other","energy in 100g spirulina","1200","1200","kJ","=","","","","same energy restated in kJ (one row per unit)"),
 ("other","rich source threshold","20","","%DV","=","","","","'or more' = lower bound; %DV is other (conventions)"),
 ("other","thiamin in 100g spirulina","207","207","%DV","=","","","",""),
 ("other","riboflavin in 100g spirulina","306","306","%DV","=","","","",""),
 ("other","niacin in 100g spirulina","85","85","%DV","=","","","",""),
 ("other","iron in 100g spirulina","219","219","%DV","=","","","",""),
 ("other","manganese in 100g spirulina","90","90","%DV","=","","","",""),
 ("dose","spirulina a day (experts' maximum)","","8","g/day","Experts recommend taking no more than 8 grams of spirulina a day.","","","","'no more than' = upper bound"),
 ("dose","8 grams of spirulina in teaspoons","2","","teaspoons","That’s a little more than two teaspoons of the blue-green algae.","","","","the maximum restated as a volume; 'more than' gives low only (rulings_g 3)"),
]
doc("g03_spirulina_rxsolgroup", "spirulina", rows)

# ---------------- g04 saw palmetto, bestsellingsupplements.com
doc("g04_sawpalmetto_bestsellingsupplements", "saw palmetto", [
 ("dose","common dose of standardized extract","320","320","mg/day","common Dose\n320mg standardized extract daily","","","1","stat block quoted across its label line (conventions); 'daily' in the cell; frequency from the 'timing' cell (holdout ruling 3)"),
 ("other","fatty acids and sterols in liposterolic extract","85","95","%","best Form\nLiposterolic extract (85-95% fatty acids and sterols)","","","","composition of the extract"),
 ("other","dosing frequency","1","1","times/day","timing\nOnce daily with a meal","","","","'Once daily' is a frequency (holdout ruling 3); 'with a meal' has no number, so no timing row"),
 ("other","medicinal use by Native Americans","200","","years","Saw Palmetto (Serenoa repens) is a small palm tree native to the southeastern United States whose berries have been used medicinally by Native Americans for centuries.","","","","'for centuries' = at least 200 years (dev_gold_rulings_b)"),
 ("other","men over age 50 affected by BPH","50","","%","Today, it is one of the most commonly used herbal supplements for men's health, particularly for benign prostatic hyperplasia (BPH) — the non-cancerous enlargement of the prostate that affects over 50% of men over age 50.","none","","","prevalence of a condition, not a nutrient shortfall (dev_gold_rulings_a): other, supplement empty; 'over' = lower bound; 'over age 50' is a descriptor; 'one of the most' is not a count (holdout ruling 27)"),
])

# ---------------- g05 psyllium, biologyinsights
doc("g05_psyllium_biologyinsights", "psyllium", [
 ("dose","typical serving of whole husks","1","1","tablespoons","A typical serving is one tablespoon of whole husks or one teaspoon of the powdered form.","","","","serving size (amount taken), per serving so no /day"),
 ("dose","typical serving of powdered form","1","1","teaspoons","=","","","",""),
 ("other","fiber per tablespoon of whole husks","3.5","5","g","Whole psyllium husks generally yield 3.5 to 5 grams of fiber per tablespoon.","","","","content; 'per tablespoon' has no numeral, no portion row (rulings_c 1)"),
 ("other","fiber per one-tablespoon serving of powder","7","7","g","The finely ground powder is more concentrated, often delivering 7 grams of fiber per one-tablespoon serving, or 4 to 4.5 grams per teaspoon.","","","","content"),
 ("other","reference portion of powder","1","1","tablespoons","=","","","","'one-tablespoon serving' is a reference portion with a number word (rulings_c 1)"),
 ("other","fiber per teaspoon of powder","4","4.5","g","=","","","","content; 'per teaspoon' has no numeral, no portion row"),
 ("dose","recommended daily fiber intake for adults","25","38","g/day","This high content means a single serving can supply a significant portion of the recommended daily fiber intake for adults, which typically ranges from 25 to 38 grams.","fiber","","","recommended intake of fiber overall (supplement fiber); 'daily' governs; 'a single serving' is 'single' (no numeral)"),
 ("other","soluble share of total fiber","70","80","%","It is distinguished by its high soluble fiber content, constituting about 70 to 80% of the total fiber.","","","","composition; 'about' ignored; '%' after the last number governs the range"),
 ("other","insoluble share of fiber","20","30","%","The remaining 20 to 30% of the fiber is insoluble.","","","","composition"),
 ("other","swelling of psyllium fiber in water","","20","times","This fiber absorbs water, swelling up to 20 times its original volume, creating a thick, gelatinous mass that moves through the intestines.","","","","multiplicative, not absorption of the supplement: other; 'up to' = high only"),
])

# ---------------- g06 beta-alanine, ergo-log
doc("g06_betaalanine_ergolog", "beta-alanine", [
 ("dose","daily dose (low)","1.6","1.6","g/day","The body is just as thrifty with beta-alanine in daily doses of 1.6 g as it is with doses of 3.2 g.","","","","'daily doses'"),
 ("dose","dose (high)","3.2","3.2","g/day","=","","","","'doses of 3.2 g' is parallel to 'daily doses of 1.6 g' (the 'daily' governs both)"),
 ("other","slim men in the study","31","31","count","Thirty-one slim men were given a placebo or beta-alanine for a period of eight weeks.","","","","trial participants (holdout2 ruling 15)"),
 ("other","study period","8","8","weeks","=","","","","regimen length; effect given in later sentences (holdout2 ruling 16; rulings_c 3)"),
 ("dose","beta-alanine tablets","800","800","mg","The beta-alanine was given in 800-mg tablets, which the men took three times a day with their meals.","","","3","tablet strength (plain mg)"),
 ("other","tablets taken per day","3","3","times/day","=","","","","frequency (holdout ruling 3); 'with their meals' has no number"),
 ("dose","high-low group, first phase","3.2","3.2","g/day","One group took a daily dose of 3.2 g beta-alanine for the first four weeks and then 1.6 g beta-alanine daily for another four weeks [high-low].","","","",""),
 ("other","high-low group, first phase length","4","4","weeks","=","","","","phase length (conventions: regimen or phase lengths are other); 'One group' is 'one' used as 'a'"),
 ("dose","high-low group, second phase","1.6","1.6","g/day","=","","","",""),
 ("other","high-low group, second phase length","4","4","weeks","=","","","","phase length"),
 ("dose","low-low group","1.6","1.6","g/day","Another group took 1.6 g per day for eight weeks [low-low].","","","",""),
 ("other","low-low group regimen length","8","8","weeks","=","","","","regimen length"),
 ("onset","rise of carnosine concentration during supplementation","8","8","weeks","The figure below shows that in all cases during the eight weeks' supplementation, the carnosine concentration continued to rise.","","","","trial length and observed effect in one clause (rulings_c 3)"),
 ("dose","1.6 g per day intake","1.6","1.6","g/day","If you take 1.6 g per day the increase is a little slower than if you take 3.2 g, but in the end the carnosine concentration in muscle cells reaches the same level.","","","",""),
 ("dose","3.2 g intake","3.2","3.2","g/day","=","","","","parallel to '1.6 g per day' in the same comparison"),
])

# ---------------- g07 rhodiola, Pure Living Now (Rosavin Plus)
doc("g07_rhodiola_purelivingnow", "rhodiola", [
 ("other","rosavins in the extracts","3","3","%","In this study we investigated the effect of freeze-dried (FDE) and spray-dried (SDE) Rhodiola rosea root extracts, standardized to 3% rosavins and 0.8% salidroside, on swimming time to exhaustion, plasma fatty acids and corticosterone, and muscle glycogen concentration in rats.","","","","standardization (composition)"),
 ("other","salidroside in the extracts","0.8","0.8","%","=","","","",""),
 ("other","experimental groups of animals","2","2","count","The two experimental groups of animals received 50mg/kg of either FDE or SDE of R. rosea, administered 30 minutes prior to an exhaustive swimming test.","","","","count of things asserted about the study (rulings_e 9)"),
 ("dose","rats, FDE or SDE","50","50","mg/kg","=","","","","unit as written (dev_gold_rulings_a)"),
 ("timing","before an exhaustive swimming test","30","30","minutes","=","","","","relative to exercise"),
 ("dose","control group maltodextrin","50","50","mg/kg","The control group received 50mg/kg maltodextrin.","maltodextrin","","","amount taken by the control arm, filed under its own name (holdout ruling 16; rulings_g 5)"),
 ("other","swimming time of FDE vs SDE group","15.4","15.4","%","In the FDE-treated group the swimming time was 15.4±3.2% longer that the SDE-treated group (P < 0.05) and 43±5.5% longer that the control group (p<0.05).","","","","effect size; the '±3.2' spread and the P values get no row (rulings_g 4)"),
 ("other","swimming time of FDE vs control group","43","43","%","=","","","","effect size; '±5.5' spread no row (rulings_g 4)"),
 ("other","rest before the additional swim","30","30","minutes","Furthermore, after a 30-minute rest, the FDE-treated animals recovered faster and were able to swim for an additional 18.1±3.2 minutes, 27.5% longer","","","","duration of a protocol phase (other)"),
 ("other","additional swimming time of FDE animals","18.1","18.1","minutes","=","","","","effect size; '±3.2' spread no row (rulings_g 4)"),
 ("other","additional swimming time relative","27.5","27.5","%","=","","","","effect size (stored copy cut after 'longer')"),
])

# ---------------- g08 berberine, Ubie Health
qb = "Best berberine dose and timing: 1,000 to 1,500 mg per day split into 2 or 3 doses of 500 mg, taken just before or with meals; start at 500 mg once daily and increase as tolerated."
doc("g08_berberine_ubiehealth", "berberine", [
 ("dose","best daily dose","1000","1500","mg/day",qb,"","","","'per day'"),
 ("other","doses per day","2","3","times/day","=","","","","'2 or 3 doses' of a per-day amount read as a range like 'once or twice daily' (rulings_g 6); frequency (dev_gold_rulings_b, divided doses)"),
 ("dose","per-dose amount","500","500","mg","=","","","2-3","per dose (times_per_day from the split)"),
 ("dose","starting dose","500","500","mg","=","","","1",""),
 ("other","starting frequency","1","1","times/day","=","","","","'once daily' (holdout ruling 3)"),
 ("other","use in traditional medicine","200","","years","It has been used in traditional medicine for centuries and is now widely studied for its effects on blood sugar, cholesterol, gut health, and metabolic function.","","","","'for centuries' = at least 200 years (dev_gold_rulings_b)"),
 ("dose","clinical studies, per dose","500","500","mg","Most clinical studies use 500 mg per dose, taken two to three times per day.","","","2-3",""),
 ("other","clinical studies, frequency","2","3","times/day","=","","","",""),
 ("other","twice-daily schedule","2","2","times/day","If you only take berberine twice per day, focus on your two largest meals.","","","","frequency; 'two largest meals' only points back to the two doses (dev_gold_rulings_a; rulings_g 7)"),
])

# ---------------- g09 5-HTP, Bioclinic Naturals
q5 = "The participants in this study began by taking 50 mg three times daily for two weeks, then 100 mg three times daily for two weeks, then 133 mg three times daily for the remaining four weeks of the study."
doc("g09_5htp_bioclinicnaturals", "5-htp", [
 ("dose","product strength (title)","100","100","mg","100 mg","","","","strength in the product title carrying its unit (holdout ruling 18); '60 Enteric Coated Caplets' is a pack size, SKU/NPN are ids"),
 ("dose","extra-strength formula","100","100","mg","Extra-strength 100 mg formula for ease of dosing","","","","product strength; bullet marker left out (holdout ruling 17)"),
 ("other","people improving in depressive symptoms","73","73","%","In one small study, 73% of people taking 5-HTP experienced significant improvements in depressive symptoms during the eight-week study period.","","","","effect size (share of responders); 'one small study' is 'one' used as 'a'; trailing '.3' citation outside the quote"),
 ("onset","improvement during the study period","8","8","weeks","=","","","","trial length and effect in one clause (rulings_c 3)"),
 ("dose","first phase","50","50","mg",q5,"","","3",""),
 ("other","first phase frequency","3","3","times/day","=","","","",""),
 ("other","first phase length","2","2","weeks","=","","","","phase length"),
 ("dose","second phase","100","100","mg","=","","","3",""),
 ("other","second phase frequency","3","3","times/day","=","","","",""),
 ("other","second phase length","2","2","weeks","=","","","","phase length"),
 ("dose","third phase","133","133","mg","=","","","3",""),
 ("other","third phase frequency","3","3","times/day","=","","","",""),
 ("other","third phase length","4","4","weeks","=","","","","phase length"),
 ("dose","people with fibromyalgia","300","400","mg/day","People with fibromyalgia who take 300–400 mg of 5-HTP daily in divided doses have reported improvements in symptoms, including pain severity, morning stiffness, and sleeplessness.","","","","'daily'; 'divided doses' gives no number; citations '4,5,6' left out of the quote"),
])

# ---------------- g10 vitamin K2, NOW Foods
doc("g10_vitamink2_nowfoods", "vitamin k2", [
 ("dose","NOW MK-7 product strength (title)","100","100","mcg","MK-7 Vitamin K-2 100 mcg - Pharmacokinetic (pK) Study","","","","strength in a title (holdout ruling 18); 'MK-7', 'K-2' are names"),
 ("other","healthy adult volunteers","3","3","count","Three healthy adult volunteers 28 to 52 years old participated in a clinical trial to study the bioavailability of MK-7, a dietary supplement from NOW® (item # 0992).","","","","trial participants (holdout2 ruling 15); ages are a descriptor; item # is an id"),
 ("onset","plasma vitamin K measurement","4","4","hours","Plasma vitamin K was measured at baseline, and again at 4, 6 and 24 hours following oral administration of one capsule providing 100 mcg of NOW® MK-7.","","","","times after intake at which results are measured; the unit after the last number governs the list (rulings_d 13)"),
 ("onset","plasma vitamin K measurement","6","6","hours","=","","","",""),
 ("onset","plasma vitamin K measurement","24","24","hours","=","","","",""),
 ("dose","capsules administered","1","1","capsules","=","","","","the administered amount in capsules: 'one capsule' is a count of capsules given, not 'one' used as 'a' (rulings_g 8)"),
 ("dose","amount in the capsule","100","100","mcg","=","","","",""),
 ("onset","increase of average vitamin K","4","4","hours","Average vitamin K increased four hours after administration, and peaked six hours following administration, reaching 41% above the baseline level.","","","","time after intake until an effect (dev_gold_rulings_b; rulings_c 7)"),
 ("onset","peak of average vitamin K","6","6","hours","=","","","",""),
 ("absorption_rate","peak plasma vitamin K above baseline","41","41","%","=","","","","bioavailability study: the rise of plasma level after one dose is the page's measure of bioavailability (relative increase, unit %)"),
 ("other","return to near-baseline","24","24","hours","Average vitamin K concentration returned to near-baseline level 24 hours post-supplementation.","","","","time for an effect to fade is other (conventions; holdout2 ruling 17)"),
])

def main():
    out = []
    texts = {}
    prev = {}
    last = None
    for r in R:
        d = r["doc_id"]
        if d not in texts:
            texts[d] = open(os.path.join(PAGES, d + ".txt"), encoding="utf-8").read()
            prev[d] = 0
        t = texts[d]
        if r["quote"] == "=":
            assert last and last["doc_id"] == d, r
            r["quote"], r["start"], r["end"] = last["quote"], last["start"], last["end"]
        else:
            i = t.find(r["quote"], prev[d])
            if i < 0:
                raise SystemExit(f"NOT FOUND in {d}: {r['quote']!r}")
            r["start"], r["end"] = i, i + len(r["quote"])
            prev[d] = r["end"]
        if r["supplement"] == "none":
            r["supplement"] = ""
        out.append(r); last = r
    with open(os.path.join(HERE, "holdout5_gold_g.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=COLS); w.writeheader()
        for r in out: w.writerow({k: r[k] for k in COLS})
    print(len(out), "rows")

if __name__ == "__main__":
    main()
