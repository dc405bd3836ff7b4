"""A REDCap data dictionary: uploaded beside a REDCap export, it says what each field is; not data itself."""
from __future__ import annotations

from peers_dash.ingest.formats import Format, Head


def recognise(head: Head) -> bool:
    return ("variablefieldname" in head.header and "fieldtype" in head.header) or \
        head.header[:3] == ["fieldname", "formname", "sectionheader"]


FORMAT = Format("redcap_dictionary", "survey", "a REDCap data dictionary", 20, recognise, None)
