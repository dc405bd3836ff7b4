"""The instrument library: validated instruments an office can name in a mapping ([[instrument]]), with their
items, answer scale, reversed items, scoring rule, score range, direction and published cut-off, and sources."""
from __future__ import annotations

# Each instrument: instrument_id, name, construct, stem, scoring, score_min, score_max, higher_is_better,
# cutoff, cutoff_op, cutoff_label, source, answer_min, answer_max, answer_labels, items.
# - stem: the lead-in a respondent reads once above the items and that is NOT repeated in each item's `text`
#   (None where every `text` reads complete on its own, e.g. PSS and UCLA texts carry their stem).
# - scoring: "sum" of item values or "mean" of them, reversed items flipped first (answer_min + answer_max - v).
# - cutoff_op: the side of the cut-off that is flagged (">=", ">", "<=" or "<"); cutoff, cutoff_op and
#   cutoff_label are all None where no cut-off is published.
# - items: in order (position = index + 1); score-only instruments have no items and no answer scale.

# answer wordings (lowest answer first)
PHQ_0_3 = ["Not at all", "Several days", "More than half the days", "Nearly every day"]
CESD_0_3 = [
    "Rarely or none of the time (less than 1 day)", "Some or a little of the time (1-2 days)",
    "Occasionally or a moderate amount of time (3-4 days)", "Most or all of the time (5-7 days)",
]
WHO5_0_5 = [
    "At no time", "Some of the time", "Less than half of the time", "More than half of the time",
    "Most of the time", "All of the time",
]
PSS_0_4 = ["Never", "Almost never", "Sometimes", "Fairly often", "Very often"]
UCLA_1_3 = ["Hardly ever", "Some of the time", "Often"]
AGREE_1_5 = ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"]
MINIZ_BURNOUT_1_5 = [
    "I enjoy my work. I have no symptoms of burnout.",
    "Occasionally I am under stress, and I don't always have as much energy as I once did, but I don't feel "
    "burned out.",
    "I am definitely burning out and have one or more symptoms of burnout, such as physical and emotional "
    "exhaustion.",
    "The symptoms of burnout that I'm experiencing won't go away. I think about frustration at work a lot.",
    "I feel completely burned out and often wonder if I can go on. I am at the point where I may need some "
    "changes or may need to seek some sort of help.",
]

# stems
PHQ_STEM = "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
GAD_STEM = "Over the last 2 weeks, how often have you been bothered by the following problems?"
CESD_STEM = ("Below is a list of the ways you might have felt or behaved. "
             "Please tell me how often you have felt this way during the past week.")
WHO5_STEM = "Over the last two weeks:"
_PSS = "In the last month, how often have you "
_UCLA = "How often do you feel "


def _items(rows: list[tuple[str, str]], reverse: tuple[int, ...] = ()) -> list[dict]:
    """Item dicts from (text, label) pairs; `reverse` holds the 1-based positions of reversed items."""
    return [dict(text=text, label=label, reverse=pos in reverse) for pos, (text, label) in enumerate(rows, 1)]


_PHQ9 = [
    ("Little interest or pleasure in doing things", "Little interest or pleasure"),
    ("Feeling down, depressed, or hopeless", "Down, depressed or hopeless"),
    ("Trouble falling or staying asleep, or sleeping too much", "Sleep trouble"),
    ("Feeling tired or having little energy", "Tired or little energy"),
    ("Poor appetite or overeating", "Poor appetite or overeating"),
    ("Feeling bad about yourself - or that you are a failure or have let yourself or your family down",
     "Feeling bad about yourself"),
    ("Trouble concentrating on things, such as reading the newspaper or watching television",
     "Trouble concentrating"),
    ("Moving or speaking so slowly that other people could have noticed? Or the opposite - being so fidgety "
     "or restless that you have been moving around a lot more than usual", "Slowed down or restless"),
    ("Thoughts that you would be better off dead or of hurting yourself in some way",
     "Thoughts of death or self-harm"),
]
_GAD7 = [
    ("Feeling nervous, anxious, or on edge", "Nervous, anxious or on edge"),
    ("Not being able to stop or control worrying", "Can't stop or control worrying"),
    ("Worrying too much about different things", "Worrying too much"),
    ("Trouble relaxing", "Trouble relaxing"),
    ("Being so restless that it is hard to sit still", "Restless, hard to sit still"),
    ("Becoming easily annoyed or irritable", "Easily annoyed or irritable"),
    ("Feeling afraid, as if something awful might happen", "Afraid something awful may happen"),
]
_CESD20 = [
    ("I was bothered by things that usually don't bother me.", "Bothered by things"),
    ("I did not feel like eating; my appetite was poor.", "Poor appetite"),
    ("I felt that I could not shake off the blues even with help from my family or friends.",
     "Could not shake off the blues"),
    ("I felt I was just as good as other people.", "Just as good as others"),
    ("I had trouble keeping my mind on what I was doing.", "Trouble keeping mind on things"),
    ("I felt depressed.", "Felt depressed"),
    ("I felt that everything I did was an effort.", "Everything an effort"),
    ("I felt hopeful about the future.", "Hopeful about the future"),
    ("I thought my life had been a failure.", "Life a failure"),
    ("I felt fearful.", "Felt fearful"),
    ("My sleep was restless.", "Restless sleep"),
    ("I was happy.", "Was happy"),
    ("I talked less than usual.", "Talked less than usual"),
    ("I felt lonely.", "Felt lonely"),
    ("People were unfriendly.", "People unfriendly"),
    ("I enjoyed life.", "Enjoyed life"),
    ("I had crying spells.", "Crying spells"),
    ("I felt sad.", "Felt sad"),
    ("I felt that people dislike me.", "People dislike me"),
    ('I could not get "going."', "Could not get going"),
]
# the CES-D 10 items, as positions of the CES-D 20 (Andresen 1994): 1, 5, 6, 7, 8, 10, 11, 12, 14, 20
_CESD10 = [_CESD20[p - 1] for p in (1, 5, 6, 7, 8, 10, 11, 12, 14, 20)]
_WHO5 = [
    ("I have felt cheerful and in good spirits", "Cheerful, in good spirits"),
    ("I have felt calm and relaxed", "Calm and relaxed"),
    ("I have felt active and vigorous", "Active and vigorous"),
    ("I woke up feeling fresh and rested", "Woke up fresh and rested"),
    ("My daily life has been filled with things that interest me", "Life filled with interesting things"),
]
_PSS10 = [
    (_PSS + "been upset because of something that happened unexpectedly?", "Upset by the unexpected"),
    (_PSS + "felt that you were unable to control the important things in your life?",
     "Unable to control important things"),
    (_PSS + 'felt nervous and "stressed"?', "Nervous and stressed"),
    (_PSS + "felt confident about your ability to handle your personal problems?", "Confident handling problems"),
    (_PSS + "felt that things were going your way?", "Things going your way"),
    (_PSS + "found that you could not cope with all the things that you had to do?", "Could not cope"),
    (_PSS + "been able to control irritations in your life?", "Able to control irritations"),
    (_PSS + "felt that you were on top of things?", "On top of things"),
    (_PSS + "been angered because of things that were outside of your control?", "Angered by the uncontrollable"),
    (_PSS + "felt difficulties were piling up so high that you could not overcome them?", "Difficulties piling up"),
]
_PSS4 = [_PSS10[p - 1] for p in (2, 4, 5, 10)]   # the catalogue's pss4_1..pss4_4
_UCLA3 = [
    (_UCLA + "that you lack companionship?", "Lack companionship"),
    (_UCLA + "left out?", "Feel left out"),
    (_UCLA + "isolated from others?", "Feel isolated"),
]
_BRS = [
    ("I tend to bounce back quickly after hard times.", "Bounce back quickly"),
    ("I have a hard time making it through stressful events.", "Hard time through stressful events"),
    ("It does not take me long to recover from a stressful event.", "Recover quickly from stress"),
    ("It is hard for me to snap back when something bad happens.", "Hard to snap back"),
    ("I usually come through difficult times with little trouble.", "Come through with little trouble"),
    ("I tend to take a long time to get over set-backs in my life.", "Slow to get over set-backs"),
]

_MBI_SOURCE = ("Maslach C, Jackson SE, Leiter MP. Maslach Burnout Inventory Manual. 3rd ed. Palo Alto, CA: "
               "Consulting Psychologists Press; 1996. Cut-offs: MBI-HSS, medical workers.")
_SCORE_ONLY = dict(stem=None, scoring="sum", answer_min=None, answer_max=None, answer_labels=None, items=[])

LIBRARY: list[dict] = [
    dict(instrument_id="phq9", name="Patient Health Questionnaire (PHQ-9)", construct="depression", stem=PHQ_STEM,
         scoring="sum", score_min=0, score_max=27, higher_is_better=False,
         cutoff=10, cutoff_op=">=", cutoff_label="10 or more: moderate depression or worse",
         source="Kroenke K, Spitzer RL, Williams JB. J Gen Intern Med. 2001;16(9):606-613.",
         answer_min=0, answer_max=3, answer_labels=PHQ_0_3, items=_items(_PHQ9)),
    dict(instrument_id="phq2", name="Patient Health Questionnaire (PHQ-2)", construct="depression", stem=PHQ_STEM,
         scoring="sum", score_min=0, score_max=6, higher_is_better=False,
         cutoff=3, cutoff_op=">=", cutoff_label="3 or more: positive depression screen",
         source="Kroenke K, Spitzer RL, Williams JB. Med Care. 2003;41(11):1284-1292.",
         answer_min=0, answer_max=3, answer_labels=PHQ_0_3, items=_items(_PHQ9[:2])),
    dict(instrument_id="gad7", name="Generalized Anxiety Disorder scale (GAD-7)", construct="anxiety",
         stem=GAD_STEM, scoring="sum", score_min=0, score_max=21, higher_is_better=False,
         cutoff=10, cutoff_op=">=", cutoff_label="10 or more: moderate anxiety or worse",
         source="Spitzer RL, Kroenke K, Williams JBW, Lowe B. Arch Intern Med. 2006;166(10):1092-1097.",
         answer_min=0, answer_max=3, answer_labels=PHQ_0_3, items=_items(_GAD7)),
    dict(instrument_id="gad2", name="Generalized Anxiety Disorder scale (GAD-2)", construct="anxiety",
         stem=GAD_STEM, scoring="sum", score_min=0, score_max=6, higher_is_better=False,
         cutoff=3, cutoff_op=">=", cutoff_label="3 or more: positive anxiety screen",
         source="Kroenke K, Spitzer RL, Williams JBW, Monahan PO, Lowe B. Ann Intern Med. 2007;146(5):317-325.",
         answer_min=0, answer_max=3, answer_labels=PHQ_0_3, items=_items(_GAD7[:2])),
    dict(instrument_id="cesd20", name="Center for Epidemiologic Studies Depression Scale (CES-D 20)",
         construct="depression", stem=CESD_STEM, scoring="sum", score_min=0, score_max=60, higher_is_better=False,
         cutoff=16, cutoff_op=">=", cutoff_label="16 or more: at risk of clinical depression",
         source="Radloff LS. Appl Psychol Meas. 1977;1(3):385-401.",
         answer_min=0, answer_max=3, answer_labels=CESD_0_3, items=_items(_CESD20, reverse=(4, 8, 12, 16))),
    dict(instrument_id="cesd10", name="Center for Epidemiologic Studies Depression Scale (CES-D 10)",
         construct="depression", stem=CESD_STEM, scoring="sum", score_min=0, score_max=30, higher_is_better=False,
         cutoff=10, cutoff_op=">=", cutoff_label="10 or more: significant depressive symptoms",
         source="Andresen EM, Malmgren JA, Carter WB, Patrick DL. Am J Prev Med. 1994;10(2):77-84.",
         answer_min=0, answer_max=3, answer_labels=CESD_0_3, items=_items(_CESD10, reverse=(5, 8))),
    # raw score 0-25; the published percentage score is raw x 4 (0-100), and raw <= 12 is a percentage below 50
    dict(instrument_id="who5", short="WHO-5", name="WHO-5 Well-Being Index", construct="well-being", stem=WHO5_STEM,
         scoring="sum", score_min=0, score_max=25, higher_is_better=True,
         cutoff=12, cutoff_op="<=", cutoff_label="12 or less (below 50%): poor well-being",
         source="Topp CW, Ostergaard SD, Sondergaard S, Bech P. Psychother Psychosom. 2015;84(3):167-176.",
         answer_min=0, answer_max=5, answer_labels=WHO5_0_5, items=_items(_WHO5)),
    # PSS: no universal cut-off is published (Cohen reports norms only)
    dict(instrument_id="pss10", name="Perceived Stress Scale (PSS-10)", construct="stress", stem=None,
         scoring="sum", score_min=0, score_max=40, higher_is_better=False,
         cutoff=None, cutoff_op=None, cutoff_label=None,
         source="Cohen S, Williamson G. Perceived stress in a probability sample of the United States. In: "
                "Spacapan S, Oskamp S, eds. The Social Psychology of Health. Newbury Park, CA: Sage; 1988:31-67.",
         answer_min=0, answer_max=4, answer_labels=PSS_0_4, items=_items(_PSS10, reverse=(4, 5, 7, 8))),
    dict(instrument_id="pss4", name="Perceived Stress Scale (PSS-4)", construct="stress", stem=None,
         scoring="sum", score_min=0, score_max=16, higher_is_better=False,
         cutoff=None, cutoff_op=None, cutoff_label=None,
         source="Cohen S, Kamarck T, Mermelstein R. J Health Soc Behav. 1983;24(4):385-396.",
         answer_min=0, answer_max=4, answer_labels=PSS_0_4, items=_items(_PSS4, reverse=(2, 3))),
    # UCLA-3: Hughes et al. publish no cut-off; 6 or more (of 3-9) is the commonly used convention
    dict(instrument_id="ucla3", short="UCLA-3", name="UCLA 3-item Loneliness Scale", construct="loneliness",
         stem=None,
         scoring="sum", score_min=3, score_max=9, higher_is_better=False,
         cutoff=6, cutoff_op=">=", cutoff_label="6 or more: lonely",
         source="Hughes ME, Waite LJ, Hawkley LC, Cacioppo JT. Res Aging. 2004;26(6):655-672. "
                "Cut-off: commonly used convention (3-5 not lonely, 6-9 lonely).",
         answer_min=1, answer_max=3, answer_labels=UCLA_1_3, items=_items(_UCLA3)),
    # Maslach Burnout Inventory: subscale totals only, the item text is licensed
    dict(instrument_id="maslach_ee", short="MBI exhaustion",
         name="Maslach Burnout Inventory: emotional exhaustion", construct="burnout",
         score_min=0, score_max=54, higher_is_better=False,
         cutoff=27, cutoff_op=">=", cutoff_label="27 or more: high emotional exhaustion",
         source=_MBI_SOURCE, **_SCORE_ONLY),
    dict(instrument_id="maslach_dp", short="MBI depersonalization",
         name="Maslach Burnout Inventory: depersonalization", construct="burnout",
         score_min=0, score_max=30, higher_is_better=False,
         cutoff=10, cutoff_op=">=", cutoff_label="10 or more: high depersonalization",
         source=_MBI_SOURCE, **_SCORE_ONLY),
    dict(instrument_id="maslach_pa", short="MBI accomplishment",
         name="Maslach Burnout Inventory: personal accomplishment",
         construct="burnout", score_min=0, score_max=48, higher_is_better=True,
         cutoff=33, cutoff_op="<=", cutoff_label="33 or less: low personal accomplishment",
         source=_MBI_SOURCE, **_SCORE_ONLY),
    # score = the answer (1-5)
    dict(instrument_id="miniz_burnout", short="Mini-Z burnout",
         name="Mini-Z single-item burnout measure", construct="burnout",
         stem=None, scoring="sum", score_min=1, score_max=5, higher_is_better=False,
         cutoff=3, cutoff_op=">=", cutoff_label="3 or more: burnout",
         source="Rohland BM, Kruse GR, Rohrer JE. Stress Health. 2004;20(2):75-79. Linzer M, Poplau S, "
                "Babbott S, et al. J Gen Intern Med. 2016;31(9):1004-1010.",
         answer_min=1, answer_max=5, answer_labels=MINIZ_BURNOUT_1_5,
         items=_items([("Overall, based on your definition of burnout, how would you rate your level of burnout?",
                        "Self-rated burnout")])),
    # BRS: mean of the six items; below 3.00 is "low resilience" (Smith et al. 2013 norms: 1.00-2.99 low)
    dict(instrument_id="brs", name="Brief Resilience Scale (BRS)", construct="resilience", stem=None,
         scoring="mean", score_min=1, score_max=5, higher_is_better=True,
         cutoff=3, cutoff_op="<", cutoff_label="below 3: low resilience",
         source="Smith BW, Dalen J, Wiggins K, Tooley E, Christopher P, Bernard J. Int J Behav Med. "
                "2008;15(3):194-200.",
         answer_min=1, answer_max=5, answer_labels=AGREE_1_5, items=_items(_BRS, reverse=(2, 4, 6))),
]

# the instruments with no items: only a total can be mapped
SCORE_ONLY = ("maslach_ee", "maslach_dp", "maslach_pa")


def library_by_id() -> dict[str, dict]:
    """The library keyed by instrument_id."""
    return {inst["instrument_id"]: inst for inst in LIBRARY}
