"""The canonical frames every format is turned into, before validation against the database.

Every frame has, besides its columns, `_file` (the file's name) and `_row` (the row number a person sees
in a spreadsheet, header = row 1) so that a problem found later can still name where it came from.
All columns are text (str, '' when empty) unless stated; dates are ISO 'YYYY-MM-DD' after parsing.
"""
from __future__ import annotations

# Roster: one row per membership (a participant with a leave or a transfer has several rows).
ROSTER = ("roster_id", "email", "name", "program", "cohort", "group", "start_date", "end_date", "end_reason")
# program: program name as in the database (or new); cohort: graduation year ('2024') or cohort name
# ('MD Class of 2024'); group: group name ('Group 07' or '7'); end_reason: '', leave, transfer, graduated,
# withdrew. roster_id: the school's own student id (optional). email or roster_id identifies a person.

# Sessions: one row per meeting of one group.
SESSIONS = ("program", "cohort", "group", "session_number", "topic", "date", "start_time", "length_min",
            "modality")
# session_number 1-10; start_time 'HH:MM' or ''; length_min whole minutes or ''; modality in_person /
# virtual / hybrid (also accepted: 'in person', 'zoom', 'online', 'remote', 'teams').

# Attendance sign-in sheet: one row per person per session.
ATTENDANCE = ("program", "cohort", "group", "date", "session_number", "person", "status", "minutes")
# person: e-mail, roster id or full name (matched to the roster in that order); status present / excused /
# absent (also accepted: P/E/A, yes/no, 1/0, x = present, blank = absent).

# A Zoom or Teams report for one session, after merging rejoins: one row per person who came.
MEETING = ("name", "email", "minutes", "first_join", "last_leave")
# minutes: float, total time in the meeting; first_join/last_leave: ISO datetime text or ''.

# Survey responses: one row per respondent.
RESPONSES = ("respondent", "program", "cohort", "class_year", "email", "roster_id", "complete", "key")
# respondent: the export's response id; program/cohort/class_year when the export carries them; email or
# roster_id when it does (used only at import to fill program, cohort, class year and attendance band,
# then dropped); complete: 'true'/'false'; key: what recognises the response when it is exported again,
# 'id:' and the export's own response id, or (a file with none) 'content:' and the row's cells.

# Survey answers: one row per respondent and question.
ANSWERS = ("respondent", "item_id", "value", "text")
# item_id: an id of peers_dash.model.catalog or one defined by the mapping; value: float or NaN; text: free text.

# Items a mapping defines beyond the catalogue (same columns as the items table).
NEW_ITEMS = ("item_id", "instrument_id", "item_text", "short_label", "construct", "response_type", "scale_min",
             "scale_max", "favorable_min", "favorable_max", "higher_is_better", "reverse_scored")
