#!/usr/bin/env python3
"""Build data/annotations/holdout4_gold.csv from hand annotations of data/holdout4/e*.txt.

Rows are written by hand below, in document order. Offsets are computed by walking each page:
a new quote is searched with text.find(quote, end of the previous quote); a row whose quote is "="
shares the previous row's quote and offsets. Every row is checked with text[start:end] == quote.
"""
import csv, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
PAGES = os.path.join(HERE, "..", "holdout4")
OUT = os.path.join(HERE, "holdout4_gold.csv")

# (quote, claim_type, subject, low, high, unit, supplement, elemental, times_per_day, note)
G = {}

G["e01_magnesium_citrate_minclinic"] = [
    ("290mg/5mL", "dose", "magnesium citrate liquid (adult form)", "290", "290", "mg", "magnesium", "", "", "strength of the liquid: product strength, plain mg (holdout ruling 7); not said to be elemental"),
    ("=", "other", "reference volume of the liquid", "5", "5", "ml", "magnesium", "", "", "reference portion of a concentration figure (rulings_c 1 by analogy; rulings_e 1)"),
    ("100mg (elemental)", "dose", "magnesium citrate tablet (adult form)", "100", "100", "mg", "magnesium", "yes", "", "tablet strength; '(elemental)'"),
    ("19-30 years: Men, 400 mg/day; women, 310 mg/day; pregnant women (≤50 years), 350 mg/day; breastfeeding women (≤50 years), 310 mg/day", "dose", "men 19-30 years", "400", "400", "mg/day", "magnesium", "", "", "nutritional supplementation table; age bands are descriptors"),
    ("=", "dose", "women 19-30 years", "310", "310", "mg/day", "magnesium", "", "", ""),
    ("=", "dose", "pregnant women 19-30 years", "350", "350", "mg/day", "magnesium", "", "", "'(≤50 years)' is a population descriptor"),
    ("=", "dose", "breastfeeding women 19-30 years", "310", "310", "mg/day", "magnesium", "", "", "'(≤50 years)' is a population descriptor"),
    (">30 years: Men, 420 mg/day; women, 320 mg/day; pregnant women (≤50 years), 360 mg/day; breastfeeding women (≤50 years), 320 mg/day", "dose", "men over 30 years", "420", "420", "mg/day", "magnesium", "", "", "'>30 years' is a population descriptor"),
    ("=", "dose", "women over 30 years", "320", "320", "mg/day", "magnesium", "", "", ""),
    ("=", "dose", "pregnant women over 30 years", "360", "360", "mg/day", "magnesium", "", "", ""),
    ("=", "dose", "breastfeeding women over 30 years", "320", "320", "mg/day", "magnesium", "", "", ""),
    ("195-300 mL PO in single daily dose or in divided doses with full glass of water", "dose", "adults, constipation/bowel evacuation", "195", "300", "ml/day", "magnesium", "", "", "'single daily dose' -> /day; 'full glass of water' has no numeral"),
    ("Alternative: 2-4 tablets PO at bedtime", "dose", "adults, constipation (tablets)", "2", "4", "tablets", "magnesium", "", "", "'at bedtime' has no number: no timing row"),
    ("1 tablet twice daily or as directed by healthcare provider", "dose", "acid indigestion", "1", "1", "tablets", "magnesium", "", "2", "per-dose amount; 'twice daily' in times_per_day (holdout ruling 3)"),
    ("=", "other", "acid indigestion dosing frequency", "2", "2", "times/day", "magnesium", "", "", "'twice daily' frequency (holdout ruling 3)"),
    ("290mg/5mL", "dose", "magnesium citrate liquid (pediatric form)", "290", "290", "mg", "magnesium", "", "", "repeat in the pediatric section gets its own row (conventions)"),
    ("=", "other", "reference volume of the liquid", "5", "5", "ml", "magnesium", "", "", "reference portion (rulings_e 1); repeat"),
    ("100mg (elemental)", "dose", "magnesium citrate tablet (pediatric form)", "100", "100", "mg", "magnesium", "yes", "", "repeat in the pediatric section"),
    ("2-6 years: 60-90 mL PO once or divided doses; not to exceed 90 mL/24hr", "dose", "children 2-6 years, constipation", "60", "90", "ml", "magnesium", "", "", "'once' without 'daily' is not a frequency (rulings_e 2)"),
    ("=", "dose", "children 2-6 years, maximum", "", "90", "ml", "magnesium", "", "", "'not to exceed' -> upper bound"),
    ("=", "other", "window of the maximum", "24", "24", "hours", "magnesium", "", "", "window of a limit '/24hr' (holdout ruling 5)"),
    ("6-12 years: 90-210 mL in single dose or in divided doses with full glass of water", "dose", "children 6-12 years, constipation", "90", "210", "ml", "magnesium", "", "", "'single dose' is not a number (dev_gold_rulings_b)"),
    (">12 years: 195-300 mL PO in single daily dose or in divided doses with full glass of water; alternatively, may administer 2-4 tablets PO at bedtime", "dose", "children over 12 years, constipation", "195", "300", "ml/day", "magnesium", "", "", "'single daily dose' -> /day"),
    ("=", "dose", "children over 12 years, constipation (tablets)", "2", "4", "tablets", "magnesium", "", "", "'at bedtime' has no number"),
]

G["e02_magnesium_threonate_magnesiumlthreonatenet"] = [
    ("The recommended dose of Mag Threonate is 144 mg of elemental magnesium (pure) daily, given as three capsules of Mag Threonate.", "dose", "Mag Threonate", "144", "144", "mg/day", "magnesium", "yes", "", "'elemental magnesium ... daily'"),
    ("=", "dose", "Mag Threonate capsules", "3", "3", "capsules/day", "magnesium", "", "", "capsule count giving the daily amount takes /day (dev_gold_rulings_a; rulings_d 12)"),
    ("You can have two in the morning and one in the evening.", "dose", "capsules in the morning", "2", "2", "capsules", "magnesium", "", "", "'in the morning' has no number: no timing row"),
    ("=", "dose", "capsules in the evening", "1", "1", "capsules", "magnesium", "", "", "'one' counts capsules (not 'one' used as 'a')"),
    ("However, many companies sell magnesium l-threonate supplements that provide around 1500 to 2000 mg per dose.", "dose", "magnesium l-threonate supplements", "1500", "2000", "mg", "magnesium", "no", "", "per dose, compound mass; 'around' ignored"),
    ("If you use capsules, take one in the morning and two capsules before going to sleep.", "dose", "capsules in the morning", "1", "1", "capsules", "magnesium", "", "", "'one' counts capsules"),
    ("=", "dose", "capsules before going to sleep", "2", "2", "capsules", "magnesium", "", "", "'before going to sleep' has no number: no timing row"),
    ("A common side effect of taking magnesium is watery stools; however, this usually occurs when magnesium is taken in doses greater than 1000 mg.", "dose", "doses causing watery stools", "1000", "", "mg", "magnesium", "", "", "threshold intake is a dose (holdout ruling 20); 'greater than' -> low only"),
    ("Magtein by NOW contains pure magnesium L-threonate and each pack includes 90 vegetarian capsules that can last 30 days.", "other", "how long a pack lasts", "30", "30", "days", "magnesium", "", "", "how long a package lasts is other (holdout ruling 25; rulings_e 15); '90 vegetarian capsules' is a pack size: no row"),
]

G["e03_magnesium_forms_theturtle"] = [
    ("Magnesium is a powerhouse mineral involved in over 300 bodily processes, from regulating heart rhythms to supporting mental health.", "enzyme_count", "bodily processes", "300", "", "count", "magnesium", "", "", "'over 300 ... processes' read as enzyme_count (rulings_d 11); low only"),
    ("Yet, nearly half of adults fail to meet their daily magnesium needs through diet alone.", "deficiency_prevalence", "adults", "50", "50", "%", "magnesium", "", "", "'nearly half' = 50%"),
    ("Absorption Rate: 30–40% (moderate).", "absorption_rate", "magnesium citrate", "30", "40", "%", "magnesium", "", "", "en dash range"),
    ("Elemental Magnesium: A 500mg pill provides ~150mg of usable magnesium.", "dose", "magnesium citrate pill", "500", "500", "mg", "magnesium", "no", "", "pill strength (compound)"),
    ("=", "absorption_rate", "usable magnesium from a 500mg citrate pill", "150", "150", "mg", "magnesium", "", "", "absorbed amount (150 = 30% of 500, the rate given above; rulings_e 6); '~' ignored"),
    ("Absorption Rate: 4–15% (lowest among common forms).", "absorption_rate", "magnesium oxide", "4", "15", "%", "magnesium", "", "", ""),
    ("Elemental Magnesium: A 500mg pill contains ~300mg magnesium, but only ~15–45mg is absorbed.", "dose", "magnesium oxide pill", "500", "500", "mg", "magnesium", "no", "", "pill strength (compound)"),
    ("=", "dose", "magnesium in a 500mg oxide pill", "300", "300", "mg", "magnesium", "yes", "", "elemental content of the pill (product strength; rulings_e 6); '~' ignored"),
    ("=", "absorption_rate", "magnesium absorbed from a 500mg oxide pill", "15", "45", "mg", "magnesium", "", "", "absorbed amount; 'only' is emphasis (holdout2 ruling 7)"),
    ("Absorption Rate: 50%+ (highe", "absorption_rate", "magnesium glycinate", "50", "", "%", "magnesium", "", "", "'50%+' -> low only; stored copy cut here"),
]

G["e04_vitamin_d_sackidmd"] = [
    ("Adults aged 19 to 70 years require at least 600 IU/day of vitamin D to maximize bone health and muscle function.", "dose", "adults aged 19 to 70 years", "600", "", "IU/day", "vitamin d", "", "", "'at least' -> low only; age band is a descriptor"),
    ("However, getting 25(OH)D levels consistently above 30 ng/mL may require at least 1500 to 2000 IU/day of vitamin D.", "other", "25(OH)D level target", "30", "", "ng/mL", "vitamin d", "", "", "biomarker threshold; 'above' -> low only"),
    ("=", "dose", "adults aged 19 to 70 years, to keep 25(OH)D above 30 ng/mL", "1500", "2000", "IU/day", "vitamin d", "", "", "'at least' + a range keeps the range (rulings_e 3)"),
    ("Adults 70 years and older require at least 800 IU/day of vitamin D for bone health and fall prevention; at least 1500 to 2000 IU/day of supplemental vitamin D may be needed to keep 25(OH)D levels above 30 ng/mL.", "dose", "adults 70 years and older", "800", "", "IU/day", "vitamin d", "", "", "'at least' -> low only"),
    ("=", "dose", "adults 70 years and older, to keep 25(OH)D above 30 ng/mL", "1500", "2000", "IU/day", "vitamin d", "", "", "'at least' + a range keeps the range (rulings_e 3)"),
    ("=", "other", "25(OH)D level target", "30", "", "ng/mL", "vitamin d", "", "", "biomarker threshold; 'above' -> low only"),
    ("Pregnant and lactating women need a minimum of 600 IU/day of vitamin D; 1500 IU/day may be needed to maintain blood levels of 25(OH)D higher than 30 ng/mL.", "dose", "pregnant and lactating women", "600", "", "IU/day", "vitamin d", "", "", "'a minimum of' -> low only"),
    ("=", "dose", "pregnant and lactating women, to keep 25(OH)D above 30 ng/mL", "1500", "1500", "IU/day", "vitamin d", "", "", ""),
    ("=", "other", "25(OH)D level target", "30", "", "ng/mL", "vitamin d", "", "", "'higher than' -> low only"),
    ("Obese children and adults and children and adults on anticonvulsant medications, glucocorticoids, antifungals such as ketoconazole, and medications for AIDS need at least 2 to 3 times more vitamin D for their age group to satisfy their body's vitamin D requirement,\" Dr. Holick reported.", "other", "obese people and people on some medications", "2", "3", "times", "vitamin d", "", "", "ratio of doses is other in times (holdout ruling 10); 'at least' + a range keeps the range (rulings_e 3)"),
    ("1000 IU/day for infants aged up to 6 months,", "dose", "infants aged up to 6 months, tolerable upper limit", "", "1000", "IU/day", "vitamin d", "", "", "list under 'Tolerable upper limits': upper bound (holdout2 ruling 14); age is a descriptor"),
    ("1500 IU/day for infants aged 6 months to 1 year old,", "dose", "infants aged 6 months to 1 year, tolerable upper limit", "", "1500", "IU/day", "vitamin d", "", "", "upper limit (holdout2 ruling 14)"),
    ("2500 IU/day for children aged 1 to 3 years,", "dose", "children aged 1 to 3 years, tolerable upper limit", "", "2500", "IU/day", "vitamin d", "", "", "upper limit (holdout2 ruling 14)"),
    ("3000 IU/day for children aged 4 to 8 years, and", "dose", "children aged 4 to 8 years, tolerable upper limit", "", "3000", "IU/day", "vitamin d", "", "", "upper limit (holdout2 ruling 14)"),
    ("4000 IU/day for everyone older than 8 years.", "dose", "everyone older than 8 years, tolerable upper limit", "", "4000", "IU/day", "vitamin d", "", "", "upper limit (holdout2 ruling 14)"),
    ("However, the guideline states that for individuals who are vitamin D deficient, higher levels of vitamin D (2000 IU/day for children up to age 1 year; 4000 IU/day for children aged 1 - 18 years, and up to 10,000 IU/day for adults aged 19 years and older) \"may be necessary to correct, treat, and prevent vitamin D deficiency,\"", "dose", "deficient children up to age 1 year", "2000", "2000", "IU/day", "vitamin d", "", "", "treatment dose for deficiency"),
    ("=", "dose", "deficient children aged 1 - 18 years", "4000", "4000", "IU/day", "vitamin d", "", "", "'1 - 18 years' is a descriptor"),
    ("=", "dose", "deficient adults aged 19 years and older", "", "10000", "IU/day", "vitamin d", "", "", "'up to' -> high only"),
]

G["e05_omega3_naturemade"] = [
    ("The two types of Omega-3 fatty acids to focus on are the long-chain fatty acids Eicosapentaenoic acid (EPA) and Docosahexaenoic acid (DHA).", "other", "types of omega-3 fatty acids to focus on", "2", "2", "count", "omega-3", "", "", "count asserted about the world, like 'The two most studied omega-3 fatty acids' (dev_gold_rulings_a; rulings_e 9)"),
    ("The recommendation of two servings of oily fish per week for healthy adults equates to approximately 500 mg EPA and DHA Omega-3s per day", "other", "oily fish for healthy adults", "2", "2", "servings/week", "omega-3", "", "", "food intake per week keeps /week (holdout2 ruling 3); trailing footnote mark '‡' left out (rulings_e 8)"),
    ("=", "dose", "healthy adults, EPA and DHA", "500", "500", "mg/day", "omega-3", "", "", "'approximately' ignored"),
    ("A standard 1000 mg fish oil softgel provides around 300 mg of Omega-3s (and even less EPA and DHA), so it is important to read the Supplement Facts label to determine the amount of EPA and DHA per serving in your Omega-3 fish oil supplement.", "dose", "standard fish oil softgel", "1000", "1000", "mg", "omega-3", "", "", "capsule's total oil mass is a product strength (dev_gold_rulings_a)"),
    ("=", "dose", "omega-3s in a standard 1000 mg softgel", "300", "300", "mg", "omega-3", "", "", "product strength in omega-3s; 'around' ignored"),
    ("Many people focus on the fish oil dosage to take per day, like 1000 mg or 1200 mg, but it is the Omega-3s that matter.", "dose", "fish oil dosage per day", "1000", "1000", "mg/day", "omega-3", "", "", "alternatives joined by 'or' give one row each (rulings_d 5); 'per day' governs"),
    ("=", "dose", "fish oil dosage per day", "1200", "1200", "mg/day", "omega-3", "", "", "rulings_d 5"),
    ("The two types of Omega-3 fatty acids to focus on are EPA and DHA.", "other", "types of omega-3 fatty acids to focus on", "2", "2", "count", "omega-3", "", "", "repeat of the count in the body (dev_gold_rulings_a; rulings_e 9)"),
]

G["e06_zinc_askvity"] = [
    ("Males: 11 mg", "dose", "teenage males 14-18 years", "11", "11", "mg/day", "zinc", "", "", "RDA; heading 'Recommended Daily Allowances' governs the list -> /day (rulings_e 16)"),
    ("Females: 9 mg", "dose", "teenage females 14-18 years", "9", "9", "mg/day", "zinc", "", "", "RDA"),
    ("Males: 11 mg", "dose", "adult males 19+ years", "11", "11", "mg/day", "zinc", "", "", "RDA"),
    ("Females: 8 mg", "dose", "adult females 19+ years", "8", "8", "mg/day", "zinc", "", "", "RDA"),
    ("Adults: 40 mg/day (This is the generally accepted upper limit for adults.)", "dose", "adults, tolerable upper intake level", "", "40", "mg/day", "zinc", "", "", "UL -> high only (holdout2 ruling 14)"),
    ("Infants (0-6 months): 4 mg/day", "dose", "infants 0-6 months, tolerable upper intake level", "", "4", "mg/day", "zinc", "", "", "UL -> high only; age band is a descriptor"),
    ("Infants (7-12 months): 5 mg/day", "dose", "infants 7-12 months, tolerable upper intake level", "", "5", "mg/day", "zinc", "", "", "UL -> high only"),
    ("Children (1-3 years): 7 mg/day", "dose", "children 1-3 years, tolerable upper intake level", "", "7", "mg/day", "zinc", "", "", "UL -> high only"),
]

G["e07_iron_pharmics"] = [
    ("Iron deficiency is one of the most common nutrient deficiencies globally, affecting millions of people and leading to symptoms such as fatigue, weakness, and cognitive challenges.", "deficiency_prevalence", "people with iron deficiency", "2000000", "", "count", "iron", "", "", "'millions of' = at least 2,000,000 (conventions); 'one of the most common' is not a number"),
    ("Infants (7-12 months): 11 mg/day", "dose", "infants 7-12 months", "11", "11", "mg/day", "iron", "", "", "recommended daily intake (NIH)"),
    ("Children (1-3 years): 7 mg/day", "dose", "children 1-3 years", "7", "7", "mg/day", "iron", "", "", ""),
    ("Children (4-8 years): 10 mg/day", "dose", "children 4-8 years", "10", "10", "mg/day", "iron", "", "", ""),
    ("Children (9-13 years): 8 mg/day", "dose", "children 9-13 years", "8", "8", "mg/day", "iron", "", "", ""),
    ("Boys: 11 mg/day", "dose", "adolescent boys 14-18 years", "11", "11", "mg/day", "iron", "", "", ""),
    ("Girls: 15 mg/day", "dose", "adolescent girls 14-18 years", "15", "15", "mg/day", "iron", "", "", ""),
    ("Men: 8 mg/day", "dose", "men 19-50 years", "8", "8", "mg/day", "iron", "", "", ""),
    ("Women: 18 mg/day", "dose", "women 19-50 years", "18", "18", "mg/day", "iron", "", "", ""),
    ("Adults (51+ years): 8 mg/day for both men and women", "dose", "adults 51+ years", "8", "8", "mg/day", "iron", "", "", "one figure for both sexes: one row; '51+ years' is a descriptor"),
    ("Pregnant Women: 27 mg/day", "dose", "pregnant women", "27", "27", "mg/day", "iron", "", "", ""),
    ("Breastfeeding Women (19+ years): 9-10 mg/day", "dose", "breastfeeding women 19+ years", "9", "10", "mg/day", "iron", "", "", ""),
    ("Diet: Vegetarians and vegans may need up to 1.8 times more iron than meat-eaters because plant-based iron (non-heme) is less easily absorbed than the heme iron found in meat.", "other", "iron needs of vegetarians and vegans vs meat-eaters", "", "1.8", "times", "iron", "", "", "ratio of needs is other in times (holdout ruling 10); 'up to' -> high only"),
]

G["e08_melatonin_top5best"] = [
    ("Top 5 Best Melatonin Gummies 5mg (Most Trusted)", "dose", "melatonin gummies", "5", "5", "mg", "melatonin", "", "", "strength in a title with its unit (holdout ruling 18)"),
    ("=", "other", "melatonin gummies in the list", "5", "5", "count", "melatonin", "", "", "count of list items in a heading (holdout ruling 24; rulings_e 4 on the conflict with dev_gold_rulings_a)"),
    ("For most people, take them 30-60 minutes before you plan to sleep.", "timing", "before sleep", "30", "60", "minutes", "melatonin", "", "", ""),
    ("5 mg is a common OTC dose, but many people sleep just fine with much lower amounts.", "dose", "common OTC dose", "5", "5", "mg", "melatonin", "", "", ""),
    ("If you’re new to melatonin, starting with a lower dose like 0.5-1 mg can help you gauge your sensitivity and reduce the risk of next-day grogginess.", "dose", "new users, starting dose", "0.5", "1", "mg", "melatonin", "", "", ""),
    ("If you don’t notice any benefit after about a week, you could discuss increasing the dose with a healthcare professional, but avoid jumping straight to 5 mg if you’re unsure.", "onset", "time to notice a benefit", "1", "1", "weeks", "melatonin", "", "", "'a week' is a measure (dev_gold_rulings_a 'by a week'); 'about' ignored"),
    ("=", "dose", "dose not to jump to", "5", "5", "mg", "melatonin", "", "", ""),
]

G["e09_ashwagandha_prithvimart"] = [
    ("A double-blind, randomized placebo-controlled trial (60 days) found that a high-concentration, full-spectrum ashwagandha root extract significantly reduced stress scores and serum cortisol.", "onset", "trial length with reduced stress and cortisol", "60", "60", "days", "ashwagandha", "", "", "trial length and effect in one sentence -> onset (rulings_c 3)"),
    ("Participants took 300 mg twice daily (600 mg/day) with meals, for 60 days.", "dose", "trial participants, per dose", "300", "300", "mg", "ashwagandha", "", "2", "per-dose amount; 'twice daily' in times_per_day"),
    ("=", "other", "dosing frequency", "2", "2", "times/day", "ashwagandha", "", "", "'twice daily' (holdout ruling 3)"),
    ("=", "dose", "trial participants, daily", "600", "600", "mg/day", "ashwagandha", "", "", ""),
    ("=", "other", "regimen length", "60", "60", "days", "ashwagandha", "", "", "regimen length; the effect is stated in another bullet (rulings_c 3; holdout2 ruling 16). 'with meals' has no number"),
    ("Stress scores (PSS) decreased by 44% in the ashwagandha group compared to 5.5% with the placebo, and cortisol levels dropped by 27.9% compared to 7.9%.", "other", "decrease in stress scores, ashwagandha group", "44", "44", "%", "ashwagandha", "", "", "effect size"),
    ("=", "other", "decrease in stress scores, placebo group", "5.5", "5.5", "%", "ashwagandha", "", "", "effect size in the comparison arm of the trial (rulings_e 13)"),
    ("=", "other", "drop in cortisol, ashwagandha group", "27.9", "27.9", "%", "ashwagandha", "", "", "effect size"),
    ("=", "other", "drop in cortisol, placebo group", "7.9", "7.9", "%", "ashwagandha", "", "", "effect size in the comparison arm (rulings_e 13)"),
    ("Participants: 64 adults with a history of chronic stress (ages 18–54).", "other", "trial participants", "64", "64", "count", "ashwagandha", "", "", "trial participants are a count (holdout2 ruling 15); ages are a descriptor"),
]

G["e10_folic_acid_youthhealthmag"] = [
    ("In 1992, the U.S. Public Health Service recommended that all women of child-bearing age take 400 micrograms of folic acid each day as a way to help prevent certain types of birth defects.", "dose", "women of child-bearing age", "400", "400", "mcg/day", "folic acid", "", "", "'each day' -> /day; 1992 is a year"),
    ("In 1998, the United States required makers of most grain products to add 140 micrograms of folic acid.", "other", "folic acid added to grain products", "140", "140", "mcg", "folic acid", "", "", "food fortification content (other); 1998 is a year"),
    ("Now, the Centers for Disease Control and Prevention reports these steps prevent about 1,300 neural tube birth defects each year.", "other", "neural tube birth defects prevented each year", "1300", "1300", "count", "folic acid", "", "", "count of prevented defects per year (rulings_e 11); 'about' ignored"),
    ("The two most common neural tube defects are spina bifida, where the lower spine has not formed correctly, or anencephaly, where the head or brain has not formed correctly.", "other", "most common neural tube defects", "2", "2", "count", "", "", "", "count asserted about the world (dev_gold_rulings_a 'The two most studied ...'; rulings_e 9); not about the supplement: empty supplement (holdout ruling 28)"),
    ("The CDC issued two reports, one on the prevalence of neural tube defects from 1995 to 2011, after mandatory folic acid fortification, and a second paper on the use of dietary supplements and other characteristics among women who had one pregnancy affected by a neural tube defect.", "other", "CDC reports", "2", "2", "count", "folic acid", "", "", "count of things (dev_gold_rulings_b; rulings_e 9); 'one on ...' enumerates them, '1995 to 2011' are years, 'one pregnancy' describes the population"),
    ("The second paper found that women who had had a baby with a neural tube defect who took high doses of folic acid-4 milligrams per day-with a subsequent pregnancy were less likely to have a baby with a defect than those who did not take folic acid.", "dose", "women with a previous NTD-affected baby", "4", "4", "mg/day", "folic acid", "", "", "'per day'"),
    ("Women are urged to take a high-dose folic acid supplement starting at least 4 weeks before becoming pregnant and at least through the first three months of the pregnancy.", "timing", "start before pregnancy", "4", "", "weeks", "folic acid", "", "", "timing relative to pregnancy (holdout ruling 23; rulings_e 12); 'at least' -> low only"),
    ("=", "timing", "continue into pregnancy", "3", "", "months", "folic acid", "", "", "timing relative to pregnancy (holdout ruling 23; rulings_e 12); 'at least through' -> low only"),
    ("The report also notes that Hispanic women are about 20% more likely to have a child with a neural tube defect than non-Hispanic white women.", "other", "higher NTD risk of Hispanic women", "20", "20", "%", "", "", "", "relative risk of a condition, not a nutrient shortfall: other, empty supplement (holdout ruling 28)"),
    ("Since the rule requiring grain foods to be fortified with folic acid, the number of babies born with neural tube defects has declined by 35%, according to the March of Dimes, an organization that works against birth defects and for healthy pregnancies and b", "other", "decline in babies born with NTDs since fortification", "35", "35", "%", "folic acid", "", "", "effect size of fortification; stored copy cut at the end"),
]

G["e11_selenium_nutsforlife"] = [
    ("Brazil nuts are one of the highest natural sources of selenium – containing 1,917µg of selenium in 100g", "other", "selenium in Brazil nuts", "1917", "1917", "mcg", "selenium", "", "", "food content; µg -> mcg; trailing citation '[1]' left out of the quote (holdout2 ruling 1; rulings_e 8)"),
    ("=", "other", "portion of Brazil nuts", "100", "100", "g", "", "", "", "reference portion of a food-content figure (rulings_c 1); quantifies the food: empty supplement"),
    ("In Australia and New Zealand, the Recommended Dietary Intake (RDI) for selenium is 70µg for men and 60µg for women, and an upper level of intake has been set at 400µg/day.", "dose", "men (RDI)", "70", "70", "mcg", "selenium", "", "", "RDI; no per-day wording for these figures (rulings_e 16)"),
    ("=", "dose", "women (RDI)", "60", "60", "mcg", "selenium", "", "", "RDI"),
    ("=", "dose", "upper level of intake", "", "400", "mcg/day", "selenium", "", "", "upper level -> high only (holdout2 ruling 14)"),
    ("And it’s good to keep in mind that we only absorb around 55-70% of selenium from the foods we eat", "absorption_rate", "selenium from foods", "55", "70", "%", "selenium", "", "", "'only' is emphasis; 'around' ignored"),
    ("Did you know? The daily selenium target (RDI) can be achieved with just two Brazil nuts.", "dose", "Brazil nuts to meet the RDI", "2", "2", "count/day", "selenium", "", "", "food items counted as a dose (holdout ruling 21); 'daily' governs"),
    ("And around seven Brazil nuts provides the upper limit for selenium (400µg/day).", "dose", "Brazil nuts at the upper limit", "", "7", "count/day", "selenium", "", "", "amount restating the upper limit keeps its upper bound (rulings_e 5); holdout ruling 21"),
    ("=", "dose", "upper limit", "", "400", "mcg/day", "selenium", "", "", "upper limit -> high only"),
    ("Did you know? An upper level (UL) of intake has also been set at 400µg/day of selenium, and relates to intakes from food and supplements", "dose", "upper level (UL) of intake", "", "400", "mcg/day", "selenium", "", "", "UL -> high only (holdout2 ruling 14)"),
    ("This is based on studies from China and the US indicating that intakes of 800µg do not cause adverse effects.", "dose", "intakes without adverse effects", "800", "800", "mcg", "selenium", "", "", "studied intake (holdout ruling 20: intakes at a threshold are doses)"),
    ("Studies in native populations of the Brazilian Amazon region have found blood selenium levels ranging from 103 to 1500µg with no signs or symptoms of selenium toxicity", "other", "blood selenium levels in Amazon populations", "103", "1500", "mcg", "selenium", "", "", "body level of the substance (dev_gold_rulings_b); unit as written"),
    ("However, because of gaps in the body of evidence, a safety factor is applied – resulting in an upper limit of 400µg (equivalent to 21g or approximately seven Brazil nuts).", "dose", "upper limit", "", "400", "mcg", "selenium", "", "", "upper limit -> high only; no per-day wording here"),
    ("=", "dose", "Brazil nuts at the upper limit (mass)", "", "21", "g", "selenium", "", "", "same limit restated in a second unit (conventions; rulings_e 5)"),
    ("=", "dose", "Brazil nuts at the upper limit (count)", "", "7", "count", "selenium", "", "", "same limit restated as a nut count (holdout ruling 21; rulings_e 5); 'approximately' ignored"),
]

G["e12_glucosamine_inedia"] = [
    ("Sodium - 15mg", "dose", "sodium per capsule", "15", "15", "mg", "sodium", "", "", "Supplement Facts amount per capsule: product strength; companion ingredient takes its own name (holdout ruling 16; rulings_e 10)"),
    ("Glucosamine Sulfate - 500mg", "dose", "glucosamine sulfate per capsule", "500", "500", "mg", "glucosamine", "", "", "per capsule: plain mg"),
    ("Suggested Use: Take 1 capsule, 3 times a day, with meals.", "dose", "suggested use", "1", "1", "capsules", "glucosamine", "", "3", "per-dose amount; frequency in times_per_day; 'with meals' has no number"),
    ("=", "other", "dosing frequency", "3", "3", "times/day", "glucosamine", "", "", "'3 times a day' (holdout ruling 3)"),
    ("When taken as a dietary supplement, glucosamine may help to relieve the pain, stiffness, and swelling of osteoarthritis, a degenerative joint disorder that affects 12% of the population, in which cartilage has worn down.", "other", "population with osteoarthritis", "12", "12", "%", "", "", "", "prevalence of a condition that is not a nutrient shortfall (dev_gold_rulings_a): other, empty supplement"),
    ("The millions of Americans who suffer from osteoarthritis have cartilage that has dried out and gradually broken down over time, cracking and flaking off.", "other", "Americans with osteoarthritis", "2000000", "", "count", "", "", "", "'millions of' = at least 2,000,000 (conventions); condition, not a nutrient shortfall: empty supplement"),
]

COLS = ["doc_id", "claim_type", "subject", "low", "high", "unit", "quote", "start", "end",
        "supplement", "elemental", "times_per_day", "note"]


def build():
    out, bad = [], 0
    for doc, rows in G.items():
        path = os.path.join(PAGES, doc + ".txt")
        text = open(path, encoding="utf-8").read()
        pos, prev = 0, None
        for r in rows:
            quote, ctype, subj, lo, hi, unit, supp, elem, tpd, note = r
            if quote == "=":
                quote, start, end = prev
            else:
                start = text.find(quote, pos)
                if start < 0:
                    print("NOT FOUND", doc, quote[:70]); bad += 1; continue
                end = start + len(quote)
                pos = end
            prev = (quote, start, end)
            out.append(dict(zip(COLS, [doc, ctype, subj, lo, hi, unit, quote, start, end, supp, elem, tpd, note])))
    with open(OUT, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=COLS)
        w.writeheader()
        w.writerows(out)
    print(f"{len(out)} rows written, {bad} quotes not found")
    return bad


if __name__ == "__main__":
    sys.exit(1 if build() else 0)
