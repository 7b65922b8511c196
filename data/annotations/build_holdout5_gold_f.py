#!/usr/bin/env python3
"""Build holdout5_gold_f.csv from hand-written rows (annotator f).

Rows are written by hand below, in document order. Offsets are computed by walking each page
(text.find(quote, end of the previous quote), falling back to the previous quote's start for an
overlapping quote); a quote of "=" repeats the previous row's quote and offsets.
"""
import csv, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
PAGES = os.path.join(HERE, "..", "holdout5")
OUT = os.path.join(HERE, "holdout5_gold_f.csv")
COLS = ["doc_id", "claim_type", "subject", "low", "high", "unit", "quote", "start", "end",
        "supplement", "elemental", "times_per_day", "note"]

# (doc_id, claim_type, subject, low, high, unit, quote, supplement, elemental, times_per_day, note)
R = []
def row(doc, typ, subj, low, high, unit, quote, supp, elem="", tpd="", note=""):
    R.append((doc, typ, subj, low, high, unit, quote, supp, elem, tpd, note))

# ---------------- f01 magnesium (windinmyface blog) ----------------
d = "f01_magnesium_windinmyface"
row(d, "absorption_rate", "elemental magnesium (assumed absorption)", "100", "100", "%",
    "However, that’s assuming ~100% absorption.", "magnesium", "", "", "'~' ignored (approximator); an assumed absorption still gets a row (rulings_f 10)")
row(d, "dose", "elemental magnesium as magnesium citrate", "210", "210", "mg",
    "Some forms are far less well absorbed, so that 210mg of elemental magnesium as magnesium citrate might net you as little of 60 to 120mg actually absorbed.",
    "magnesium", "yes", "", "amount taken in the example; elemental stated")
row(d, "absorption_rate", "magnesium citrate (amount actually absorbed)", "60", "120", "mg", "=",
    "magnesium", "yes", "", "absorbed amount (conventions: 'you absorb about 11 mg'); 'as little of' describes the range, not a bound word (rulings_f 10)")
row(d, "absorption_rate", "absorption of MgCl (study claim)", "30", "50", "%",
    "This study on absorption of MgCl claims only 30-50%, a premise I reject because of personal experience with 2000 to 3000mg (2 to 4 grams) elemental Mg per day for months when I was deficient—with no diarrhea.",
    "magnesium", "", "", "'only' is emphasis (holdout2 ruling 7); the author rejects it, still a row (rulings_d 6)")
row(d, "dose", "author's own intake while deficient", "2000", "3000", "mg/day", "=",
    "magnesium", "yes", "", "'per day' in the sentence; 'for months' is vague (no row)")
row(d, "dose", "author's own intake while deficient", "2", "4", "g/day", "=",
    "magnesium", "yes", "", "restated in a second unit: one row per unit (conventions), written as the text gives (2-4 g, not 2-3) (rulings_f 11)")
row(d, "dose", "citrate (dose at which it causes diarrhea)", "600", "600", "mg",
    "I claim only that MgCl works exceptionally well for me on an empty stomach, and things like citrate give the shits by about 600mg.",
    "magnesium", "", "", "threshold intake for a side effect is a dose row (holdout ruling 20); 'about' ignored; elemental not stated")

# ---------------- f02 magnesium bisglycinate (mysina product page) ----------------
d = "f02_magnesium_mysina"
row(d, "dose", "Bioclinic vegetarian capsule", "200", "200", "mg",
    "Vegetarian capsules provide 200 mg of elemental magnesium per capsule", "magnesium", "yes", "",
    "product strength per capsule, plain mg; bullet marker left out (holdout ruling 17)")
row(d, "dose", "healthy older women (trial treatment group)", "300", "300", "mg/day",
    "In a randomized, controlled trial, healthy older women were assigned to the treatment group receiving 300 mg of magnesium daily or to a control group.",
    "magnesium", "", "", "trial dose; 'daily'")
row(d, "onset", "improvement in physical performance", "12", "12", "weeks",
    "After 12 weeks, the treatment group had significant improvements in physical performance compared to the control group.",
    "magnesium", "", "", "time at which a result is reported (holdout2 ruling 16)")
q = "A double-blind, placebo-controlled trial found that supplementation with 300 mg of magnesium bisglycinate daily for four weeks decreased the frequency and intensity of pregnancy-induced leg cramps."
row(d, "dose", "pregnant women with leg cramps (trial)", "300", "300", "mg/day", q, "magnesium", "no", "",
    "'daily'; mass of the compound named (magnesium bisglycinate); footnote '8' glued after the period left out")
row(d, "onset", "decrease in leg cramps", "4", "4", "weeks", "=", "magnesium", "", "",
    "trial length and effect in one clause -> onset (rulings_c 3)")
row(d, "dose", "magnesium per vegetarian capsule (label)", "200", "200", "mg", "Magnesium | 200 mg |", "magnesium", "yes", "",
    "label row under 'Each Vegetarian Capsule Contains:'; table row quoted whole; footnote digits glued to words ('oxide1', 'fat.3', 'adults.10,11') are not claims")

# ---------------- f03 vitamin D (hl123 blog) ----------------
d = "f03_vitamind_hl123"
q = "The Institute of Medicine's (IOM) recommended daily intake of vitamin D is 600 IU for people ages 1 to 70, and 800 IU after age 70."
row(d, "dose", "people ages 1 to 70", "600", "600", "IU/day", q, "vitamin d", "", "", "'recommended daily intake' -> /day; ages are population descriptors; '(7)' citation left out")
row(d, "dose", "after age 70", "800", "800", "IU/day", "=", "vitamin d", "", "", "same")
row(d, "dose", "optimal intake for adults", "800", "1000", "IU",
    "Yet this is overly conservative, since the best available evidence shows optimal intakes are higher, at least 800–1,000 IU for adults.",
    "vitamin d", "", "", "'at least' + a range keeps the range (rulings_e 3)")
row(d, "dose", "extremely high doses (toxic)", "200000", "", "IU",
    "In extremely high doses—hundreds of thousands of IU or more—vitamin D is toxic and can even cause death.",
    "vitamin d", "", "", "'hundreds of thousands of' read as at least 200,000 (rulings_f 1); toxic intake is a dose (holdout ruling 20)")
q = "But in children over the age of 9 and in adults, taking up to 4,000 IU per day as a supplement is safe; ages 4 to 8, up to 3,000 IU; ages 1 to 3, 2,500 IU; ages 6 to 12 months, up to 1,500 IU; and ages 0 to 6 months, up to 1,000 IU."
row(d, "dose", "children over 9 and adults (safe upper amount)", "", "4000", "IU/day", q, "vitamin d", "", "", "'up to' -> high only (holdout2 ruling 14)")
row(d, "dose", "ages 4 to 8 (safe upper amount)", "", "3000", "IU/day", "=", "vitamin d", "", "", "'per day' of the first clause governs the elliptical list (rulings_f 2)")
row(d, "dose", "ages 1 to 3 (safe upper amount)", "", "2500", "IU/day", "=", "vitamin d", "", "", "elliptical 'up to' of the list read as high only (rulings_f 2)")
row(d, "dose", "ages 6 to 12 months (safe upper amount)", "", "1500", "IU/day", "=", "vitamin d", "", "", "rulings_f 2")
row(d, "dose", "ages 0 to 6 months (safe upper amount)", "", "1000", "IU/day", "=", "vitamin d", "", "", "rulings_f 2; '(7)' left out")
row(d, "dose", "many people (darker skin, higher latitudes, little sun)", "2000", "", "IU/day",
    "Many people may need 2,000 IU per day (or more) for adequate blood levels, particularly if they have darker skin, spend winters at higher latitudes (such as the northern U.S.), or spend little time in the sun.",
    "vitamin d", "", "", "'(or more)' -> low only (dev_gold_rulings_a 'or higher')")
row(d, "dose", "adults in these groups", "2000", "2000", "IU",
    "If you fall into one of these groups, which would include most of the U.S. population, taking 2,000 IU is reasonable and well within the safe range for adults.",
    "vitamin d", "", "", "'one of these groups' and 'most' are not claims")
q = "To prevent rickets, the American Academy of Pediatrics recommends vitamin D supplements of 400 IU per day for breastfed infants, and also for non-breastfed infants and children who do not drink at least a liter of vitamin D fortified milk each day."
row(d, "dose", "breastfed infants; infants and children drinking too little fortified milk", "400", "400", "IU/day", q, "vitamin d", "", "", "'per day'; '(6)' left out")
row(d, "other", "vitamin D fortified milk drunk each day", "1", "", "l/day", "=", "vitamin d", "", "",
    "'at least a liter' = 1 liter, unit l/day (rulings_f 6), a measured amount (like 'by a week', dev_gold_rulings_a); food amount is other; 'each day' -> /day")
row(d, "dose", "infants and children at high risk of deficiency", "", "800", "IU/day",
    "Infants and children at high risk of deficiency—those who are born premature, have dark skin, or live at high latitudes—may need supplements of up to 800 IU per day, especially in the winter.",
    "vitamin d", "", "", "'up to' -> high only")

# ---------------- f04 omega-3 (yahoo affiliate) ----------------
d = "f04_omega3_yahoo"
row(d, "other", "best fish oil supplements listed", "15", "15", "count",
    "The 15 Best Fish Oil Supplements, According to a Dietitian", "omega-3", "", "",
    "title count of list items (holdout ruling 24, rulings_e 4)")
row(d, "other", "recommended fatty fish servings", "2", "2", "servings/week",
    "The majority of Americans do not eat the recommended two servings of fatty fish a week and, as a result, don't get enough omega-3s in their diet.",
    "omega-3", "", "", "food intake per week is other, servings/week (a03_omega3_dotfit; holdout2 ruling 3); 'The majority' is vague (no row)")
q = "According to Jaclyn London, MS, RD, it’s certainly possible to get enough omega-3s you need from fish, but up to 90% of Americans aren’t consuming the recommended eight ounces of a variety of seafood per week needed for adequate amounts of omega-3s to support overall health, well-being, and chronic disease risk reduction."
row(d, "deficiency_prevalence", "Americans not consuming the recommended seafood", "", "90", "%", q, "omega-3", "", "",
    "people below a recommended intake -> prevalence; 'up to' -> high only")
row(d, "other", "recommended seafood per week", "8", "8", "oz/week", "=", "omega-3", "", "",
    "food amount per week (holdout2 ruling 2/3, unit oz/week)")
q = "The recommended eight ounces of seafood per week is about the equivalent of 250 mg of EPA and DHA per day, which can easily be provided from a fish oil supplement."
row(d, "other", "recommended seafood per week", "8", "8", "oz/week", q, "omega-3", "", "", "repeat of the figure in a new sentence gets its own row (conventions)")
row(d, "dose", "EPA and DHA equivalent of the seafood recommendation", "250", "250", "mg/day", "=", "omega-3", "", "",
    "'per day'; 'about' ignored")

# ---------------- f05 zinc (rosycheeked blog) ----------------
d = "f05_zinc_rosycheeked"
q = "In a review of 15 studies published in the Canadian Medical Association Journal, researchers found that zinc supplements reduced the duration of colds by about a day and decreased the severity of symptoms."
row(d, "other", "studies in the review", "15", "15", "count", q, "zinc", "", "", "count of studies (dev_gold_rulings_a)")
row(d, "other", "reduction in cold duration", "1", "1", "days", "=", "zinc", "", "",
    "'by about a day' = 1 day, a measured amount (dev_gold_rulings_a 'by a week'); effect size is other")
for line, subj, v in [("Infants (0-6 months): 2 mg", "infants 0-6 months", "2"),
                      ("Infants (7-12 months): 3 mg", "infants 7-12 months", "3"),
                      ("Children (1-3 years): 3 mg", "children 1-3 years", "3"),
                      ("Children (4-8 years): 5 mg", "children 4-8 years", "5"),
                      ("Children (9-13 years): 8 mg", "children 9-13 years", "8")]:
    row(d, "dose", subj, v, v, "mg/day", line, "zinc", "", "",
        "RDA list under 'recommended daily allowance (RDA) for zinc is:' -> /day (a lead-in that governs the list); ages are descriptors; bullet marker left out")
row(d, "dose", "teen males 14-18", "11", "11", "mg/day", "Teens (14-18 years): 11 mg for males, 9 mg for females", "zinc", "", "", "RDA list -> /day")
row(d, "dose", "teen females 14-18", "9", "9", "mg/day", "=", "zinc", "", "", "RDA list -> /day")
row(d, "dose", "adult males 19+", "11", "11", "mg/day", "Adults (19 years and older): 11 mg for males, 8 mg for females", "zinc", "", "", "RDA list -> /day")
row(d, "dose", "adult females 19+", "8", "8", "mg/day", "=", "zinc", "", "", "RDA list -> /day")

# ---------------- f06 iron (purepharmacy product page) ----------------
d = "f06_iron_purepharmacy"
q = "The U.S. Centers for Disease Control has calculated the prevalence of iron deficiency and iron-deficient anemia in the United States from data collected from physical exams and household interviews and determined the prevalence of iron deficiency is greatest among toddlers, ages 1 - 2 years (7%), and menstruating adolescent and adult females, ages 12 - 49 (9 - 16%)."
row(d, "deficiency_prevalence", "toddlers ages 1-2", "7", "7", "%", q, "iron", "", "", "ages are population descriptors")
row(d, "deficiency_prevalence", "menstruating adolescent and adult females 12-49", "9", "16", "%", "=", "iron", "", "", "spaced hyphen is a range (rulings_d 10)")
row(d, "dose", "Thorne Iron Bisglycinate per capsule", "25", "25", "mg",
    "Thorne Research's Iron Bisglycinate provides 25 mg of elemental iron per capsule reacted with glycine for optimal absorption in the gastrointestinal tract, thus preventing the typical gastrointestinal side effects.",
    "iron", "yes", "", "product strength per capsule, plain mg")
row(d, "dose", "iron per capsule (label)", "25", "25", "mg", "Iron (as ferrochel ferrous bisglycinate chelate)† 25 mg.", "iron", "yes", "",
    "label line restating the strength gets its own row (dev_gold_rulings_a); iron named as the element; '†' kept inside the quote (mid-line)")
row(d, "dose", "capsules to take", "1", "1", "capsules/day", "Take 1 capsule daily or as recommended by a healthcare practitioner.", "iron", "", "", "'daily' -> capsules/day; 'daily' alone gives no times_per_day (no numeral, dev_gold_rulings_b; rulings_f 8)")

# ---------------- f07 melatonin (cnet affiliate) ----------------
d = "f07_melatonin_cnet"
q = "Typical melatonin doses are between 1 and 5 milligrams, although some products go to as high as 20 mg."
row(d, "dose", "typical doses", "1", "5", "mg", q, "melatonin", "", "", "range")
row(d, "dose", "highest product strengths", "", "20", "mg", "=", "melatonin", "", "", "'as high as' -> high only, read like 'up to' (rulings_f 5)")
q = "Experts at the Cleveland Clinic recommend trying 1 mg of melatonin for a whole week, then upping the dose by 1 mg each following week."
row(d, "dose", "starting dose", "1", "1", "mg", q, "melatonin", "", "", "")
row(d, "other", "length of the first step", "1", "1", "weeks", "=", "melatonin", "", "", "regimen phase length is other (conventions); 'a whole week' = 1 week, a measure (dev_gold_rulings_a 'by a week')")
row(d, "dose", "weekly increase", "1", "1", "mg", "=", "melatonin", "", "", "amount added each week is an amount taken (rulings_f 3); 'each following week' has no numeral (no frequency row)")
q = "Stop once you get to 10 mg (do not exceed 10 mg) or until the time it takes for you to fall asleep has decreased."
row(d, "dose", "stopping point", "", "10", "mg", q, "melatonin", "", "", "ceiling of the titration -> high only")
row(d, "dose", "do not exceed", "", "10", "mg", "=", "melatonin", "", "", "'do not exceed' -> high only (conventions); second mention gets its own row (holdout ruling 2)")
q = "Amazon Dosage: 1 tablet, one hour before bedtime"
row(d, "dose", "Nature Made Melatonin dosage", "1", "1", "tablets", q, "melatonin", "", "", "no per-day word")
row(d, "timing", "before bedtime", "1", "1", "hours", "=", "melatonin", "", "", "'one hour' = 1 hour")
row(d, "dose", "Nature Made melatonin per serving", "5", "5", "mg",
    "Melatonin per serving: 5 mg Nature Made is one of the best vitamin supplement brands on the market, if not the best.",
    "melatonin", "", "", "label and text run together in the stored copy; quoted to the end of the sentence (rulings_d 9, rulings_f 13); 'one of the best' is not a claim")
q = "Nature Made Melatonin tablets contain 5 mg of melatonin and 80 mg of calcium (as dibasic calcium phosphate), about only 6% of the daily recommended value of calcium."
row(d, "dose", "Nature Made Melatonin tablet", "5", "5", "mg", q, "melatonin", "", "", "product strength")
row(d, "dose", "calcium in the tablet", "80", "80", "mg", "=", "calcium", "yes", "", "companion ingredient gets its own supplement (holdout ruling 16); '80 mg of calcium (as dibasic calcium phosphate)' names the element's mass, the form in brackets (as the iron label line of f06; rulings_f 9)")
row(d, "other", "calcium share of daily value", "6", "6", "%DV", "=", "calcium", "", "", "%DV is other (conventions); 'about only' ignored")
q = "Take one tablet about an hour before you go to bed."
row(d, "dose", "tablets to take", "1", "1", "tablets", q, "melatonin", "", "", "'one tablet' is a number of tablets, not 'one' as 'a'")
row(d, "timing", "before bed", "1", "1", "hours", "=", "melatonin", "", "", "'an hour' = 1 hour (rulings_c 7); 'about' ignored")
row(d, "other", "how long one bottle lasts", "90", "90", "days", "One bottle will last about 90 days.", "melatonin", "", "", "how long a package lasts (holdout ruling 25); 'One bottle' is 'one' as 'a'")
q = "One bottle is enough for 90 nights Cons: May take up to an hour to kick in"
row(d, "other", "how long one bottle lasts", "90", "90", "nights", q, "melatonin", "", "", "holdout ruling 25; unit as written (dev_gold_rulings_a; rulings_f 7)")
row(d, "onset", "time to kick in", "", "1", "hours", "=", "melatonin", "", "", "'up to an hour' -> high only; 'an hour' = 1 hour (rulings_c 7)")
row(d, "dose", "Nature's Bounty melatonin dosage", "1", "1", "tablets", "Amazon Dosage: 1 tablet at bedtime", "melatonin", "", "", "")
q = "Melatonin per serving: 5 mg Nature's Bounty has over 50 years of experience in the supple"
row(d, "dose", "Nature's Bounty melatonin per serving", "5", "5", "mg", q, "melatonin", "", "", "stored copy cut mid-word; quoted to its end")
row(d, "other", "Nature's Bounty years of experience", "50", "", "years", "=", "", "", "", "company history in years (dev_gold_rulings_b); 'over' -> low only; not about the supplement -> supplement empty")

# ---------------- f08 vitamin B12 (clinical review) ----------------
d = "f08_b12_cdhub360"
row(d, "other", "naturally occurring B vitamins", "8", "8", "count",
    "Vitamin B12, a cobalt-containing, water-soluble compound, is one of eight naturally occurring B vitamins and is essential for maintaining normal hematologic and nervous system functions.",
    "vitamin b12", "", "", "count asserted about the world (dev_gold_rulings_a); 'one of' is not a claim; 'second article' is an ordinal; 'December 2011' a date")
row(d, "dose", "men and women 50 years and older (RDA)", "2.4", "2.4", "mcg/day",
    "In the United States, the recommended dietary allowance (RDA) of Cbl for men and women 50 years and older is 2.4 µg daily.",
    "vitamin b12", "", "", "'daily'; µg = mcg; footnote digit '2' after the period left out")
q = "The prevalence of Cbl deficiency, when defined as a serum or plasma concentration <148 pmol/L (200 pg/mL), increases with age and is estimated to affect 6% of adults 60 years and older."
row(d, "other", "serum or plasma B12 defining deficiency", "", "148", "pmol/L", q, "vitamin b12", "", "", "biomarker threshold (conventions); '<' -> high only; footnote '3' left out")
row(d, "other", "serum or plasma B12 defining deficiency", "", "200", "pg/mL", "=", "vitamin b12", "", "", "same threshold restated in a second unit: one row per unit, keeping the '<' bound")
row(d, "deficiency_prevalence", "adults 60 years and older", "6", "6", "%", "=", "vitamin b12", "", "", "age is a population descriptor")
row(d, "deficiency_prevalence", "community-dwelling elderly adults (Framingham)", "12", "", "%",
    "Combining serum levels with other markers, the Framingham study found that at least 12% of community-dwelling elderly adults have Cbl deficiency.",
    "vitamin b12", "", "", "'at least' -> low only; footnote '4' left out")
row(d, "deficiency_prevalence", "older adults including subclinical deficiency", "20", "20", "%",
    "Deficiency rates of 20% have been reported3 when older adults with subclinical vitamin B12 deficiency (asymptomatic with a borderline serum B12 level and/or elevated homocysteine [Hcy] or methylmalonic acid [MMA] levels5) are included.",
    "vitamin b12", "", "", "digits glued to words ('reported3', 'levels5') are footnotes, not claims")

# ---------------- f09 probiotics (ibrilo review page) ----------------
d = "f09_probiotics_ibrilo"
row(d, "other", "common types of probiotic bacteria", "2", "2", "count",
    "There are many general types of bacteria used as probiotics (two common ones are Lactobacillus and Bifidobacterium), and many different species as well as strains within species.",
    "probiotics", "", "", "'two ... are X and Y' is a count asserted about the world (rulings_e 9)")
row(d, "dose", "CFU per dose", "2000000000", "", "CFU",
    "CFU: This is the number of \"colony forming units\" present in each dose, which are measured in the billions.",
    "probiotics", "", "", "'in the billions' read like 'billions of' = at least 2,000,000,000 (rulings_f 4)")
row(d, "dose", "recommended CFU", "20000000000", "50000000000", "CFU",
    "And while more isn't always better, \"you want at least 20 to 50 billion CFU,\" says Dr. Nazareth.",
    "probiotics", "", "", "'at least' + a range keeps the range (rulings_e 3); CFU as absolute number")
row(d, "dose", "a very high dose", "400", "400", "CFU",
    "Just for reference, a very high dose is 400 CFU, which most experts agree is not necessary unless your health care practitioner specifically recommends this for you.",
    "probiotics", "", "", "written as the text gives it (400 CFU, probably meant 400 billion; not corrected; rulings_f 12)")
row(d, "other", "kefir study length", "8", "8", "weeks",
    "In a recent eight-week study, people with diabetes were given kefir milk containing Lactobacillus casei, Lactobacillus acidophilus, and bifidobacteria vs. conventional fermented milk.",
    "probiotics", "", "", "regimen length whose effect comes in the next sentence is other (rulings_c 3, holdout2 ruling 16)")

# ---------------- f10 creatine (mastersoftrivia blog) ----------------
d = "f10_creatine_mastersoftrivia"
q = "The recommended loading phase for creatine supplementation involves consuming 20 grams per day for 5-7 days."
row(d, "dose", "loading phase", "20", "20", "g/day", q, "creatine", "", "", "'per day'")
row(d, "other", "loading phase length", "5", "7", "days", "=", "creatine", "", "", "phase length is other (conventions)")
row(d, "dose", "loading phase", "20", "20", "g/day", "Why 20 grams per day?", "creatine", "", "", "heading repeats the figure: own row")
row(d, "dose", "loading phase", "20", "20", "g/day",
    "The dosage of 20 grams per day during the loading phase is based on research that suggests this amount effectively increases muscle creatine stores.",
    "creatine", "", "", "")
row(d, "dose", "maintenance", "3", "5", "g/day",
    "This loading strategy allows individuals to rapidly elevate their creatine levels, which can then be maintained with a lower daily dose, typically around 3-5 grams.",
    "creatine", "", "", "'daily dose' -> /day; 'around' ignored")
row(d, "dose", "maintenance phase", "3", "5", "g/day",
    "This maintenance phase typically involves taking 3-5 grams of creatine per day.", "creatine", "", "", "")
q = "Misconception: 25 grams per day for 3 days"
row(d, "dose", "misconceived loading protocol", "25", "25", "g/day", q, "creatine", "", "", "figure the page rejects still gets a row (rulings_d 6)")
row(d, "other", "misconceived loading length", "3", "3", "days", "=", "creatine", "", "", "phase length; rejected figure (rulings_d 6)")
q = "Misconception: 10 grams per day for 14 days"
row(d, "dose", "misconceived loading protocol", "10", "10", "g/day", q, "creatine", "", "", "rulings_d 6")
row(d, "other", "misconceived loading length", "14", "14", "days", "=", "creatine", "", "", "rulings_d 6")


def main():
    texts, pos, out = {}, {}, []
    prev = None
    for r in R:
        doc, typ, subj, low, high, unit, quote, supp, elem, tpd, note = r
        if doc not in texts:
            with open(os.path.join(PAGES, doc + ".txt"), encoding="utf-8") as f:
                texts[doc] = f.read()
            pos[doc] = (0, 0)
        text = texts[doc]
        if quote == "=":
            assert prev and prev[0] == doc, r
            quote, s, e = prev[1], prev[2], prev[3]
        else:
            ps, pe = pos[doc]
            s = text.find(quote, pe)
            if s < 0:
                s = text.find(quote, ps)
            if s < 0:
                sys.exit(f"quote not found in {doc}: {quote!r}")
            e = s + len(quote)
            pos[doc] = (s, e)
        prev = (doc, quote, s, e)
        out.append(dict(zip(COLS, [doc, typ, subj, low, high, unit, quote, s, e, supp, elem, tpd, note])))
    with open(OUT, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=COLS)
        w.writeheader()
        w.writerows(out)
    print(f"wrote {len(out)} rows to {OUT}")

if __name__ == "__main__":
    main()
