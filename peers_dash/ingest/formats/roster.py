"""The roster template: one row per person and group stretch (roster id or e-mail, name, program, cohort,
group, start and end dates, end reason)."""
from __future__ import annotations

from peers_dash.ingest.formats import Format
from peers_dash.ingest.formats.signin import template_parse, template_recognise

FORMAT = Format("roster", "roster", "a roster", 62, template_recognise("roster"), template_parse("roster"))
