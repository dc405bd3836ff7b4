"""The sessions template: one row per meeting of one group (group, session number, topic, date, time, length,
format)."""
from __future__ import annotations

from peers_dash.ingest.formats import Format
from peers_dash.ingest.formats.signin import template_parse, template_recognise

FORMAT = Format("sessions", "sessions", "a sessions list", 61, template_recognise("sessions"),
                template_parse("sessions"))
