"""The report to hand on (peers_dash.charts.report) and the Share link."""
import pandas as pd
import plotly.graph_objects as go

from peers_dash.charts import report


def test_a_report_holds_each_chart_with_its_table_the_filter_and_the_privacy_note_and_escapes_names():
    evil = "<script>alert(1)</script> Medicine"
    parts = [report.Part("Attendance rate by program", go.Figure(go.Bar(x=[0.8], y=["MD"])),
                         pd.DataFrame({"Program": [evil], "Attendance rate": ["80%"]})),
             report.Part("Headline", None, pd.DataFrame({"Figure": ["Sessions held"], "Value": ["757"]}))]
    text = report.build("Programs", f"{evil}; 2025-26", "2026-11-15", 3, "Every figure comes from at least 5 people.",
                        parts, link="http://x/programs?program=a&years=2025-26")
    assert text.count("<section>") == 2 and "Attendance rate by program" in text and "Sessions held" in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Medicine" in text and "<script>alert(1)" not in text
    assert "2026-11-15 (version 3)" in text and "at least 5 people" in text
    assert 'href="http://x/programs?program=a&amp;years=2025-26"' in text
    assert text.count("<script>") == 2  # plotly.js once, and the one chart's drawing
    assert "break-inside: avoid" in text  # a chart and its table stay on one printed page
