"""The Programs grid: each program against the whole view (peers_dash.queries.compare) and how it is drawn."""
import pandas as pd
import pytest

from peers_dash.charts import contrast
from peers_dash.charts.grids import GRID_SCALE, build_compare_grid
from peers_dash.queries import stats
from peers_dash.queries.compare import COMBINED, Column, against_whole, order_units


def frame(rows):
    return pd.DataFrame(rows, columns=["program", "k", "n"])


def test_a_program_is_compared_with_the_rest_and_its_difference_is_from_the_whole_view():
    df = frame([("A", 90, 100), ("B", 300, 500), ("C", 40, 100), (COMBINED, 10, 20)])
    long = against_whole([Column("Attendance rate", df, "k", "n")], "program")
    assert list(long["program"]) == ["A", "B", "C"]  # the combined row adds to the whole, no row of its own
    whole = 440 / 720
    a = long.set_index("program").loc["A"]
    assert a["whole"] == pytest.approx(whole) and a["difference"] == pytest.approx(0.9 - whole)
    # the interval is A against everyone else, not against a whole that contains A
    _, lo, hi = stats.newcombe_diff(350, 620, 90, 100)
    assert (a["lo"], a["hi"]) == pytest.approx((lo, hi)) and a["real"] and a["better"] is True
    c = long.set_index("program").loc["C"]
    assert c["real"] and c["better"] is False and c["difference"] < 0


def test_a_small_difference_is_not_real_and_has_no_direction_and_lower_is_better_turns_it_round():
    df = frame([("A", 50, 100), ("B", 52, 100)])
    long = against_whole([Column("Share", df, "k", "n")], "program")
    assert not long["real"].any() and long["better"].isna().all()
    big = frame([("A", 10, 200), ("B", 100, 200)])
    lower = against_whole([Column("Burnout", big, "k", "n", higher_is_better=False)], "program").set_index("program")
    assert list(lower["better"]) == [True, False]  # fewer burnt out is better


def test_units_are_ordered_best_first_and_capped_to_the_largest():
    df = frame([("Small", 9, 10), ("Mid", 50, 100), ("Big", 700, 1000)])
    long = against_whole([Column("Attendance rate", df, "k", "n")], "program")
    assert order_units(long, "program", "Attendance rate", 3) == (["Small", "Big", "Mid"], 0)
    assert order_units(long, "program", "Attendance rate", 2) == (["Big", "Mid"], 1)


def test_the_grid_marks_only_real_differences_colours_in_the_figures_direction_and_reads_at_4_5_to_1():
    df = frame([("A", 90, 100), ("B", 300, 500), ("C", 62, 100)])
    long = against_whole([Column("Attendance rate", df, "k", "n")], "program")
    fig = build_compare_grid(long, "program", ["A", "B", "C"], ["Attendance rate"], title="t",
                             whole_label="Whole view")
    heat = fig.data[0]
    text = [row[0] for row in heat.text]
    assert text[0] == "<b>65%</b>"  # the whole view first
    assert text[1].endswith("▲") and not text[3].endswith(("▲", "▼"))
    assert heat.z[1][0] > 0 > heat.z[2][0]
    for _, colour in GRID_SCALE:  # dark text on every colour of the scale
        assert contrast("#1A1A1A", colour) >= 4.5


def test_class_years_of_several_kinds_of_program_are_drawn_in_named_blocks():
    from peers_dash.charts import build_rate_bars

    df = pd.DataFrame({"class_year": ["MS1", "MS2", "PGY1", "G1"], "rate": [0.5, 0.6, 0.7, 0.8],
                       "rate_lo": [0.4] * 4, "rate_hi": [0.9] * 4, "n_counted": [50] * 4})
    fig = build_rate_bars(df, "class_year", title="t")
    assert [a.text for a in fig.layout.annotations] == ["<b>MD</b>", "<b>Residency</b>", "<b>PhD</b>"]
    assert [a.y for a in fig.layout.annotations] == ["MS1", "PGY1", "G1"]
    assert sorted(s.y0 for s in fig.layout.shapes) == [0.5, 1.5]  # between G1|PGY1 and PGY1|MS2 (drawn top-down)
    md_only = build_rate_bars(df.head(2), "class_year", title="t")
    assert not md_only.layout.annotations and not md_only.layout.shapes


def test_bar_labels_read_at_4_5_to_1_on_their_bar_and_a_year_under_way_is_hatched():
    from peers_dash.charts import PALETTE, build_rate_bars

    df = pd.DataFrame({"academic_year": ["2025-26", "2026-27 (to date)"], "short_label": ["a", "b"],
                       "rate": [0.5, 0.6], "rate_lo": [0.4] * 2, "rate_hi": [0.9] * 2, "n_counted": [50] * 2})
    fig = build_rate_bars(df, "academic_year", title="t")
    assert list(fig.data[0].marker.pattern.shape) == ["", "/"]
    assert fig.data[0].text == ("50%", "60%")  # n is in the hover and the table, not on every bar
    many = build_rate_bars(pd.concat([df.assign(short_label=str(i)) for i in range(len(PALETTE))]),
                           "academic_year", series="short_label", title="t")
    for trace in many.data:
        colour = trace.textfont.color
        assert contrast("#FFFFFF" if colour == "white" else colour, trace.marker.color) >= 4.5


def test_a_trend_marks_better_changes_filled_and_worse_open_in_the_measures_own_direction():
    from peers_dash.charts import WORSE_COLOUR, build_trend

    df = pd.DataFrame({"academic_year": ["2022-23", "2023-24", "2024-25", "2025-26"], "mean": [8, 6, 9, 9.1],
                       "mean_lo": [7, 5, 8, 8], "mean_hi": [9, 7, 10, 10], "n_responses": [50] * 4,
                       "change": [float("nan"), -2, 3, 0.1], "changed": [False, True, True, False]})
    stress = build_trend(df, title="t", y="mean", lo="mean_lo", hi="mean_hi", higher_is_better=False,
                         y_format=".1f", y_range=None)
    line = stress.data[-1]
    assert list(line.marker.symbol) == ["circle", "triangle-down", "triangle-up-open", "circle"]
    assert line.marker.color[2] == WORSE_COLOUR  # stress went up: worse
    support = build_trend(df, title="t", y="mean", lo="mean_lo", hi="mean_hi", higher_is_better=True,
                          y_format=".1f", y_range=None)
    assert list(support.data[-1].marker.symbol) == ["circle", "triangle-down-open", "triangle-up", "circle"]


def test_program_changes_are_lines_before_their_year_named_on_a_trend_and_under_the_title_of_bars():
    from peers_dash.charts.marks import mark_changes
    from peers_dash.charts import build_rate_bars, build_trend

    years = ["2019-20", "2020-21", "2021-22", "2022-23"]
    df = pd.DataFrame({"academic_year": years, "share": [0.5] * 4, "share_lo": [0.4] * 4, "share_hi": [0.6] * 4,
                       "n_responses": [50] * 4, "rate": [0.5] * 4, "rate_lo": [0.4] * 4, "rate_hi": [0.6] * 4,
                       "n_counted": [50] * 4})
    changes = [("2020-21", "Moved to <i>Zoom</i>"), ("2021-22", "New curriculum"), ("2030-31", "Not in view")]
    trend = mark_changes(build_trend(df, title="t", y="share", lo="share_lo", hi="share_hi"), changes, years)
    assert [s.x0 for s in trend.layout.shapes] == [0.5, 1.5]  # just before 2020-21 and 2021-22
    assert [a.text for a in trend.layout.annotations] == ["Moved to &lt;i&gt;Zoom&lt;/i&gt;", "New curriculum"]
    assert trend.layout.annotations[0].y != trend.layout.annotations[1].y  # neighbours never overlap
    bars = mark_changes(build_rate_bars(df, "academic_year", title="t"), changes, years, axis="y", top_down=True)
    assert [s.y0 for s in bars.layout.shapes] == [2.5, 1.5]  # drawn top-down: above each changed year's bar
    assert "Dashed: program changes: Moved to &lt;i&gt;Zoom&lt;/i&gt; (from 2020-21)" in \
        bars.layout.title.subtitle.text.replace("<br>", " ")
