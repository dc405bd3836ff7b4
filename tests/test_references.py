"""Targets and benchmarks (peers_dash.queries.references): recorded by an administrator, drawn on their figure's
charts, a benchmark only with its source."""
import json

import pytest
from streamlit.testing.v1 import AppTest

from peers_dash import PeersError
from peers_dash.charts import build_rate_bars
from peers_dash.charts.marks import mark_references
from peers_dash.model.filters import CohortFilter
from peers_dash.queries import references
from peers_dash.store.db import open_readonly
from tests.test_app import APP, EVERY_YEAR


def test_a_benchmark_needs_its_source_and_a_value_in_the_figures_range(office_db):
    with pytest.raises(PeersError, match="source"):
        references.record(office_db, "benchmark", "item:peers_space", "share", 0.7, "  ", "dean@x.edu")
    with pytest.raises(PeersError, match="outside"):
        references.record(office_db, "target", "attendance_rate", "share", 1.5, "", "dean@x.edu")
    with pytest.raises(PeersError, match="outside"):
        references.record(office_db, "target", "score:pss4", "mean", 17, "", "dean@x.edu", scale=(0, 16))
    references.record(office_db, "target", "attendance_rate", "share", 0.8, "", "dean@x.edu")
    references.record(office_db, "benchmark", "attendance_rate", "share", 0.7, "A survey of 40 schools, 2024",
                      "dean@x.edu")
    refs = references.in_view(open_readonly(office_db), CohortFilter())
    assert references.lines_for(refs, "attendance_rate") == [("Target", 0.8),
                                                             ("Benchmark: A survey of 40 schools, 2024", 0.7)]
    assert references.lines_for(refs, "reach") == [] and references.lines_for(refs, "attendance_rate", "mean") == []


def test_lines_are_drawn_at_their_value_with_their_name_and_value():
    import pandas as pd

    df = pd.DataFrame({"program": ["A", "B"], "rate": [0.5, 0.9], "rate_lo": [0.4, 0.8], "rate_hi": [0.6, 0.95],
                       "n_counted": [50, 60]})
    fig = mark_references(build_rate_bars(df, "program", title="t"), [("Target", 0.8), ("Benchmark: <b>x</b>", 0.7)],
                          "x", ".0%")
    assert [(s.x0, s.line.dash) for s in fig.layout.shapes] == [(0.8, "dot"), (0.7, "dashdot")]
    assert [a.text for a in fig.layout.annotations] == ["Target 80%", "Benchmark: &lt;b&gt;x&lt;/b&gt; 70%"]


def test_an_administrator_sets_a_target_on_the_import_page_and_participation_draws_it(office_db):
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page("pages/import.py")
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    figure = next(s for s in at.selectbox if s.label == "Figure")
    figure.set_value("Attendance rate")
    next(n for n in at.number_input if n.label.startswith("Value")).set_value(80.0)
    next(b for b in at.button if b.label == "Save the line").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page("pages/participation.py")
    for key, value in EVERY_YEAR.items():
        at.query_params[key] = value
    at.run()
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    marked = {s["layout"]["title"]["text"]: any(a.get("text") == "Target 80%" for a in s["layout"].get("annotations",
                                                                                                       []))
              for s in specs}
    attendance = [title for title in marked if title.startswith("Attendance rate")]
    assert attendance and all(marked[t] for t in attendance)  # every attendance chart has its target
    assert not any(marked[t] for t in marked if t.startswith("Reach"))  # and only those
