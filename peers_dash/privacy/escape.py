"""Text from files and links shown as text: never as Markdown, HTML, a link or an image.

Names of programs and cohorts, question texts, survey comments and values in a shared link come from
outside. Streamlit renders Markdown in titles, captions, alerts, toasts and metric labels, and plotly renders a
few HTML tags (links among them) in chart text; both would turn a crafted name into a live link or an image
from another site. Every such text goes through one of these two functions first.
"""
from __future__ import annotations

import html
import re

# Every ASCII punctuation mark may be backslash-escaped in CommonMark; escaping them all leaves nothing to
# parse as emphasis, links, images, headings, lists, tables, code, HTML or maths.
_MD_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation mark


_WWW = re.compile(r"(?i)(www)(\\\.)")
_ZWSP = "\u200b"  # invisible: it only stops a web or e-mail address from being turned into a link


def markdown(text: object) -> str:
    """`text` as literal text inside Streamlit Markdown (no link, image, emphasis, HTML or maths; a bare web
    or e-mail address is not turned into a link: Markdown links those after escapes are resolved)."""
    s = " ".join(str(text).split())  # no line breaks: a line cannot start a heading, list or table
    s = _MD_SPECIAL.sub(r"\\\1", s)
    s = s.replace("\\:\\/", "\\:" + _ZWSP + "\\/")  # https://...
    s = re.sub(r"(\w)\\@", r"\1" + _ZWSP + r"\\@", s)  # name@example.org
    return _WWW.sub(r"\1" + _ZWSP + r"\2", s)  # www.example.org


def plotly(text: object) -> str:
    """`text` as literal text inside plotly's chart text (titles, ticks, labels, hovers)."""
    return html.escape(str(text), quote=False)
