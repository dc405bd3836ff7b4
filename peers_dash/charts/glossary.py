"""What each figure means, in plain words: one sentence for the (?) beside it on a page, and the full
definition the Methods page shows under the same name (a page's (?) links to it). The one home of the words:
pages, the Methods page and the Extracts data dictionary read them from here."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    name: str      # as the page names the figure
    meaning: str   # one sentence a dean reads in five seconds
    detail: str    # the Methods page's full definition (markdown)

    @property
    def anchor(self) -> str:
        """Its heading's id on the Methods page."""
        return "".join(c if c.isalnum() else "-" for c in self.name.lower()).strip("-")

    def help(self, extra: str = "") -> str:
        """The (?) text: what it means, what this figure is computed from (`extra`), and where to read more."""
        more = f"[Read more in Methods](/methods#{self.anchor})"
        return " ".join(p for p in (self.meaning, extra, more) if p)


TERMS: dict[str, Term] = {t.name: t for t in (
    Term("Attendance rate",
         "Of the sessions people were expected at, the share they came to; excused absences are left out.",
         "Sessions attended ÷ (sessions attended + unexcused absences), over the attendance records in view. "
         "**Excused absences are left out of the rate** and shown beside it as their own share of all records. "
         "The people expected at a session are the members of its group enrolled on its date; a Zoom or Teams "
         "report lists only who came, so every expected member it does not list counts as absent. The tables give "
         "the attendances counted (present + absent) and the **people** behind them, each person counted once a "
         "year (a view over several years adds the years up)."),
    Term("Trainees who came",
         "How many people came to at least one PEERS session that academic year.",
         "People expected at a session in the year who were marked present at least once. People who were only "
         "ever absent or excused are not counted. It counts across every session format."),
    Term("PEERS groups",
         "How many small groups had members expected at a session that academic year.",
         "Groups with at least one session and one expected member in the year."),
    Term("Sessions held",
         "How many group sessions took place that academic year, with attendance taken.",
         "Sessions in view with at least one attendance record."),
    Term("Reach",
         "Of the people expected at sessions in a year, the share who came at least once.",
         "People who attended at least one session ÷ people expected at one or more, per academic year. It counts "
         "people across every session format, so it is not shown for a session-format filter."),
    Term("Group continuity",
         "Of a group's starting members, the share who still came at least once in a later year.",
         "Starting members are those expected in the group's first academic year. A **fading group** has fewer "
         "than half of them still attending in its latest *complete* year: the year under way is not judged, "
         "since most members have not come yet a few weeks in."),
    Term("Survey response rate",
         "Of the people invited to a survey, the share who answered it.",
         "Responses ÷ people eligible for the wave. **Responses** beside a survey figure are one per person per "
         "wave, so a figure over several years counts a person once a year."),
    Term("Feel their group is a space to talk",
         "The share who agree or strongly agree that their PEERS group is a space to talk about challenges.",
         "The annual survey's PEERS question “My PEERS group is a space where I can talk about challenges”: "
         "answers 4 or 5 on its 1-5 agree scale, among everyone who answered it."),
    Term("Share",
         "The share of people who gave the answers named beside the chart (for example agree or strongly agree).",
         "For an agree question, the share answering 4 or 5 (agree or strongly agree). For the burnout questions "
         "(0-6, never to every day), the share answering less often than once a week. For an instrument with a "
         "published cut-off (PHQ-9 10 or more, CES-D 16 or more), the share of scores on the flagged side. For "
         "your own questions (defined in a mapping), the share answering yes, or in the band the mapping names."),
    Term("Score",
         "An instrument's total (or mean) from people who answered every one of its questions.",
         "Scores of instruments (PSS-4, UCLA-3, PHQ-9, GAD-7, ...) are made **only from complete answers**: every "
         "question of the instrument answered, reversed questions turned round, then added up (the Brief "
         "Resilience Scale takes the mean), or a total the survey tool computed and the mapping names. A response "
         "that skipped a question has no score. The instrument library below gives each one's rule and source. "
         "**Lower is better** for stress, loneliness, depression, anxiety and burnout; higher is better for "
         "support, community, coping, well-being and resilience. Every chart says which."),
    Term("Attendance band",
         "How many PEERS sessions a respondent had attended when answering the survey (0-3, 4-7, 8-10).",
         "Fixed when the survey is loaded. It lets you ask whether attending goes with feeling supported, without "
         "linking answers to people."),
    Term("95% interval",
         "The range a figure could move by chance with this many people: a short line is a firm figure.",
         "Shown as the thin line on each bar and point. For a share, the Wilson score interval; for a mean, the "
         "t interval."),
    Term("A change",
         "A difference from the year before is called a change only when chance alone is unlikely to explain it.",
         "When the 95% interval of the difference excludes zero (Newcombe's interval for a difference of shares, "
         "Welch's for a difference of means). Otherwise both figures are shown but the difference is too uncertain "
         "to call: the page shows it in grey."),
    Term("Consortium",
         "The same figure for every institution of the consortium together, from the program kinds in view.",
         "It adds up only pieces to which at least three institutions contribute (two more than a person sees, for "
         "someone who sees several), so taking one's own school away from it always leaves two schools or more. "
         "**Middle half**: where at least five other institutions have a figure of their own, the range in which "
         "the middle half of them lie (each end is the mean of three institutions' figures around that point, "
         "never one school's)."),
)}


def help_for(name: str, extra: str = "") -> str:
    """The (?) text of a figure named as the page names it."""
    return TERMS[name].help(extra)
