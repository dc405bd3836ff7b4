"""Zoom and Teams reports as they really come: names written 'Last, First', reports in French with dates
that read two ways, a report of another day, and reports that match nobody. Each either lands right or
is refused, never turned into absences."""
from __future__ import annotations

from pathlib import Path

import pytest

from peers_dash.ingest.pipeline import Request, run_import
from peers_dash.ingest.templates import template_csv
from peers_dash.store.db import open_readonly

SESSION_1 = "MD Class of 2028 / Group 07 / 2024-09-10"
SESSION_2 = "MD Class of 2028 / Group 07 / 2024-10-08"


def statuses(db: Path) -> dict[str, str]:
    con = open_readonly(db)
    try:
        rows = con.execute("SELECT s.session_date, a.participant_id, a.status FROM attendance a "
                           "JOIN sessions s USING (session_id) ORDER BY 1, 2").fetchall()
    finally:
        con.close()
    return {f"{d}/{p}": s for d, p, s in rows}


def teams_list(names_and_times: list[tuple[str, str, str]]) -> bytes:
    """A Teams attendance list (the 2020 download): UTF-16, tab separated."""
    lines = ["Full Name\tUser Action\tTimestamp"] + ["\t".join(r) for r in names_and_times]
    return ("\r\n".join(lines) + "\r\n").encode("utf-16")


def test_a_teams_list_with_names_written_last_first_matches_the_roster(template_school):
    came = ["Example, Ada", "Placeholder, Cy", "Sample, Dee", "Example, Fay"]
    events = [(n, "Joined", "9/10/2024, 12:00:05 PM") for n in came] + [
        (n, "Left", "9/10/2024, 12:58:40 PM") for n in came]
    outcome = run_import(template_school, Request("attendance", [("teams.csv", teams_list(events))],
                                                  session=SESSION_1, date_order="mdy"))
    assert outcome.applied, outcome.report.lines()
    got = statuses(template_school)
    assert sorted(got.values()).count("present") == 4 and sorted(got.values()).count("absent") == 2


FRENCH_REPORT = "\r\n".join([
    "1. Résumé",
    "Titre de la réunion\tSéance PEERS 2",
    "Participants présents\t5",
    "Heure de début\t08/10/2024 à 12:00:31",
    "Heure de fin\t08/10/2024 à 13:02:10",
    "Durée de la réunion\t1\u00a0h 1\u00a0m",
    "Durée moyenne de participation\t52\u00a0min 10\u00a0s",
    "",
    "2. Participants",
    "Nom\tPremière participation\tDernière sortie\tDurée de la réunion\tE-mail\tID de participant (UPN)\tRôle",
    "Ada Example\t08/10/2024 à 12:00:31\t08/10/2024 à 13:02:10\t1\u00a0h 1\u00a0m\tada.example@example.edu\t"
    "ada.example@example.edu\tOrganisateur",
    "Example, Eli\t08/10/2024 à 12:01:02\t08/10/2024 à 13:01:55\t1\u00a0h 0\u00a0m 53\u00a0s\t\t\tParticipant",
    "Cy Placeholder\t08/10/2024 à 12:03:40\t08/10/2024 à 12:20:00\t16\u00a0m 20\u00a0s\t"
    "cy.placeholder@med.example.edu\t\tParticipant",
    "Dee Sample\t08/10/2024 à 12:00:59\t08/10/2024 à 13:00:00\t59\u00a0m 1\u00a0s\t\t\tParticipant",
    "Fay Example\t08/10/2024 à 12:02:00\t08/10/2024 à 13:00:30\t58\u00a0m 30\u00a0s\t\t\tParticipant",
    "",
    "3. Activités de la réunion",
    "Nom\tHeure d'arrivée\tHeure de départ",
]) + "\r\n"


def test_a_french_teams_report_reads_its_dates_the_way_the_session_says(template_school):
    data = FRENCH_REPORT.encode("utf-16")
    outcome = run_import(template_school, Request("attendance", [("Rapport de présence.csv", data)],
                                                  session=SESSION_2))
    assert outcome.applied, outcome.report.lines()
    assert outcome.formats == {"Rapport de présence.csv": "teams"}
    got = statuses(template_school)
    # 08/10/2024 is 8 October here (the session's date); Cy stayed 16 of 60 minutes: absent; Ben not there
    assert [got[f"2024-10-08/{p}"] for p in range(1, 7)] == ["present", "absent", "absent", "present", "present",
                                                             "present"]


def test_a_report_whose_date_contradicts_the_session_is_refused(template_school):
    data = FRENCH_REPORT.encode("utf-16")
    outcome = run_import(template_school, Request("attendance", [("rapport.csv", data)], session=SESSION_1))
    assert not outcome.applied
    assert any("neither day first nor month first" in e.message for e in outcome.report.errors)
    zoom = (b"Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\n"
            b"Ada Example,ada.example@example.edu,2024-11-08 12:00:00,2024-11-08 12:55:00,55\n")
    outcome = run_import(template_school, Request("attendance", [("zoom.csv", zoom)], session=SESSION_2))
    assert not outcome.applied
    assert any("this report is of a meeting on 2024-11-08, but the session chosen is on 2024-10-08" in e.message
               for e in outcome.report.errors), outcome.report.lines()
    assert statuses(template_school) == {}


def test_a_sign_in_sheet_whose_dates_read_two_ways_is_refused_until_the_order_is_given(template_school):
    sheet = (template_csv("signin").replace(b"2024-09-10", b"10/09/2024").replace(b"2024-10-08", b"08/10/2024"))
    outcome = run_import(template_school, Request("attendance", [("signin.csv", sheet)]))
    assert not outcome.applied
    assert any("'10/09/2024' is 9 October 2024 or 10 September 2024" in e.message for e in outcome.report.errors)
    outcome = run_import(template_school, Request("attendance", [("signin.csv", sheet)], date_order="dmy"))
    assert outcome.applied, outcome.report.lines()
    assert {k[:10] for k in statuses(template_school)} == {"2024-09-10", "2024-10-08"}


def test_minutes_with_a_thousands_separator_or_beyond_a_day_are_refused(template_school):
    for minutes in (b"1,000", b"1.000", b"2147483648"):
        sheet = template_csv("signin").replace(b"ada.example@example.edu,present,60",
                                               b"ada.example@example.edu,present,\"" + minutes + b"\"")
        outcome = run_import(template_school, Request("attendance", [("signin.csv", sheet)]))
        assert not outcome.applied, minutes
        assert any(e.row == 2 and e.column == "minutes" for e in outcome.report.errors), outcome.report.lines()
    assert statuses(template_school) == {}


ZOOM_LOCALES = {
    # German Zoom: day first with dots; ISO; US: 12-hour clock, month first, every date reading both ways (10/08
    # is 8 October or 10 August): the session's date decides
    "de": ("08.10.2024 12:00:10", "08.10.2024 12:59:00"),
    "iso": ("2024-10-08 12:00:10", "2024-10-08 12:59:00"),
    "us": ("10/08/2024 12:00:10 PM", "10/08/2024 12:59:00 PM"),
}


@pytest.mark.parametrize("locale", ZOOM_LOCALES)
def test_a_zoom_report_in_each_locales_date_format_lands_on_its_session_or_is_refused(template_school, locale):
    joined, left = ZOOM_LOCALES[locale]
    zoom = ("Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\n"
            f"Ada Example,ada.example@example.edu,{joined},{left},59\n"
            f"Dee Sample,dee.sample@example.edu,{joined},{left},57\n").encode()
    outcome = run_import(template_school, Request("attendance", [("zoom.csv", zoom)], session=SESSION_2))
    assert outcome.applied, outcome.report.lines()
    got = statuses(template_school)
    assert got["2024-10-08/1"] == "present" and got["2024-10-08/4"] == "present" and got["2024-10-08/2"] == "absent"
