"""Interval estimates checked against published values (Newcombe 1998; Student t tables)."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from peers_dash.queries.stats import (
    betainc,
    is_change,
    newcombe_diff,
    t_quantile,
    welch_diff,
    wilson,
    wilson_frame,
)


# --- Wilson ---------------------------------------------------------------------------------------


def test_wilson_matches_newcombe_1998_for_81_of_263():
    lo, hi = wilson(81, 263)
    assert lo == pytest.approx(0.2553, abs=5e-5)
    assert hi == pytest.approx(0.3662, abs=5e-5)


def test_wilson_for_zero_of_ten_starts_exactly_at_zero():
    lo, hi = wilson(0, 10)
    assert lo == 0.0
    assert hi == pytest.approx(0.2775, abs=5e-5)


def test_wilson_for_all_of_ten_ends_exactly_at_one():
    lo, hi = wilson(10, 10)
    assert hi == 1.0
    assert lo == pytest.approx(1 - 0.2775, abs=5e-5)


def test_wilson_of_an_empty_group_is_nan():
    lo, hi = wilson(0, 0)
    assert math.isnan(lo) and math.isnan(hi)


def test_wilson_rejects_more_successes_than_trials():
    with pytest.raises(ValueError):
        wilson(11, 10)


def test_wilson_frame_agrees_with_the_scalar_version_and_gives_nan_for_empty_groups():
    k = pd.Series([81, 0, 10, 0, 3], index=list("abcde"))
    n = pd.Series([263, 10, 10, 0, 7], index=list("abcde"))
    lo, hi = wilson_frame(k, n)
    assert list(lo.index) == list("abcde")
    for key in "abce":
        assert (lo[key], hi[key]) == pytest.approx(wilson(k[key], n[key]), abs=1e-12)
    assert math.isnan(lo["d"]) and math.isnan(hi["d"])


def test_wilson_frame_treats_missing_counts_as_nan():
    k = pd.Series([5, pd.NA], dtype="Int64")
    n = pd.Series([9, pd.NA], dtype="Int64")
    lo, hi = wilson_frame(k, n)
    assert lo[0] == pytest.approx(wilson(5, 9)[0])
    assert np.isnan(lo[1]) and np.isnan(hi[1])


def test_wilson_frame_rejects_impossible_counts():
    with pytest.raises(ValueError):
        wilson_frame(pd.Series([4]), pd.Series([3]))


# --- Newcombe -------------------------------------------------------------------------------------


def test_newcombe_matches_the_1998_example_with_second_minus_first_sign():
    # Newcombe (1998) example (a): 56/70 vs 48/80, p1 - p2 = 0.2 with 95% CI 0.0524 to 0.3339.
    # Our function reports wave 2 minus wave 1, so the same numbers come back negated.
    d, lo, hi = newcombe_diff(56, 70, 48, 80)
    assert d == pytest.approx(-0.2)
    assert lo == pytest.approx(-0.3339, abs=5e-5)
    assert hi == pytest.approx(-0.0524, abs=5e-5)


def test_newcombe_swapping_the_waves_mirrors_the_interval():
    d, lo, hi = newcombe_diff(48, 80, 56, 70)
    assert d == pytest.approx(0.2)
    assert lo == pytest.approx(0.0524, abs=5e-5)
    assert hi == pytest.approx(0.3339, abs=5e-5)


def test_newcombe_is_built_from_the_two_wilson_intervals():
    k1, n1, k2, n2 = 12, 40, 25, 45
    l1, u1 = wilson(k1, n1)
    l2, u2 = wilson(k2, n2)
    p1, p2 = k1 / n1, k2 / n2
    d, lo, hi = newcombe_diff(k1, n1, k2, n2)
    assert lo == pytest.approx(p2 - p1 - math.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2))
    assert hi == pytest.approx(p2 - p1 + math.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2))


def test_newcombe_with_an_empty_wave_is_a_nan_triple():
    assert all(math.isnan(v) for v in newcombe_diff(3, 10, 0, 0))
    assert all(math.isnan(v) for v in newcombe_diff(0, 0, 3, 10))


# --- Student t quantile ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("df", "expected"),
    [
        (1, 12.7062), (2, 4.3027), (5, 2.5706), (7, 2.3646),
        (8, 2.3060), (10, 2.2281), (30, 2.0423), (1000, 1.9623),
    ],
)
def test_t_quantile_matches_the_published_table_at_0_975(df, expected):
    assert t_quantile(0.975, df) == pytest.approx(expected, abs=5e-5)


def test_t_quantile_accepts_fractional_degrees_of_freedom_between_the_table_rows():
    q = t_quantile(0.975, 7.5)
    assert t_quantile(0.975, 8) < q < t_quantile(0.975, 7)
    assert 2.3060 < q < 2.3646


@pytest.mark.parametrize("p", [0.55, 0.6, 0.75, 0.9, 0.95, 0.99, 0.999])
def test_t_quantile_agrees_with_the_closed_forms_for_one_and_two_degrees_of_freedom(p):
    assert t_quantile(p, 1) == pytest.approx(math.tan(math.pi * (p - 0.5)), rel=1e-10)
    assert t_quantile(p, 2) == pytest.approx((2 * p - 1) / math.sqrt(2 * p * (1 - p)), rel=1e-10)


def test_t_quantile_is_symmetric_and_zero_at_the_median():
    assert t_quantile(0.5, 4.2) == 0.0
    assert t_quantile(0.025, 9.3) == pytest.approx(-t_quantile(0.975, 9.3), rel=1e-12)


def test_t_quantile_approaches_the_normal_quantile_for_huge_degrees_of_freedom():
    assert t_quantile(0.975, math.inf) == pytest.approx(1.959963984540054, rel=1e-12)
    assert t_quantile(0.975, 1e7) == pytest.approx(1.959964, abs=1e-6)


def test_t_quantile_inverts_the_t_distribution_function():
    for df in (1.0, 3.7, 12.0, 55.5):
        for p in (0.8, 0.975, 0.995):
            t = t_quantile(p, df)
            upper_tail = 0.5 * betainc(df / 2, 0.5, df / (df + t * t))
            assert upper_tail == pytest.approx(1 - p, rel=1e-9)


def test_t_quantile_rejects_probabilities_outside_zero_to_one_and_nonpositive_df():
    for bad in (0.0, 1.0, -0.1, 1.5):
        with pytest.raises(ValueError):
            t_quantile(bad, 5)
    with pytest.raises(ValueError):
        t_quantile(0.975, 0)


def test_betainc_matches_simple_closed_forms():
    # I_x(1, 1) = x and I_x(a, 1) = x**a.
    assert betainc(1, 1, 0.3) == pytest.approx(0.3, rel=1e-12)
    assert betainc(2.5, 1, 0.4) == pytest.approx(0.4**2.5, rel=1e-12)
    assert betainc(3, 4, 0.0) == 0.0 and betainc(3, 4, 1.0) == 1.0


# --- Welch ----------------------------------------------------------------------------------------


def test_welch_with_equal_groups_uses_the_pooled_degrees_of_freedom_from_the_t_table():
    # n = 6 and sd = 2 on both sides: se^2 = 4/6 + 4/6 = 4/3 and Welch df = 2 * (6 - 1) = 10,
    # whose 0.975 t quantile is 2.2281 in every table. Half-width = 2.2281 * sqrt(4/3) = 2.5728.
    d, lo, hi = welch_diff(10.0, 2.0, 6, 13.0, 2.0, 6)
    assert d == pytest.approx(3.0)
    assert lo == pytest.approx(3.0 - 2.2281 * math.sqrt(4 / 3), abs=1e-4)
    assert hi == pytest.approx(3.0 + 2.2281 * math.sqrt(4 / 3), abs=1e-4)
    assert lo == pytest.approx(0.4272, abs=1e-4)


def test_welch_with_unequal_groups_follows_the_satterthwaite_formula_worked_by_hand():
    m1, s1, n1 = 3.2, 0.9, 40
    m2, s2, n2 = 3.6, 1.1, 35
    v1, v2 = s1**2 / n1, s2**2 / n2
    df = (v1 + v2) ** 2 / (v1**2 / (n1 - 1) + v2**2 / (n2 - 1))
    assert df == pytest.approx(65.81, abs=0.005)
    # Between the t table's rows for 60 (2.0003) and 70 (1.9944) degrees of freedom.
    t = t_quantile(0.975, df)
    assert 1.9944 < t < 2.0003
    d, lo, hi = welch_diff(m1, s1, n1, m2, s2, n2)
    assert d == pytest.approx(0.4)
    assert (lo, hi) == pytest.approx((0.4 - t * math.sqrt(v1 + v2), 0.4 + t * math.sqrt(v1 + v2)))
    assert (lo, hi) == pytest.approx((-0.0675, 0.8675), abs=1e-3)


def test_welch_with_one_constant_side_uses_the_other_sides_degrees_of_freedom():
    d, lo, hi = welch_diff(4.0, 0.0, 20, 3.0, 1.5, 11)
    half = t_quantile(0.975, 10) * 1.5 / math.sqrt(11)
    assert (d, lo, hi) == pytest.approx((-1.0, -1.0 - half, -1.0 + half))


def test_welch_with_no_spread_on_either_side_returns_the_exact_difference():
    assert welch_diff(2.0, 0.0, 5, 3.5, 0.0, 8) == (1.5, 1.5, 1.5)


def test_welch_needs_at_least_two_answers_per_wave():
    assert all(math.isnan(v) for v in welch_diff(3.0, 1.0, 1, 3.5, 1.0, 30))
    assert all(math.isnan(v) for v in welch_diff(3.0, 1.0, 30, 3.5, 1.0, 0))


def test_welch_with_a_missing_sd_is_a_nan_triple():
    assert all(math.isnan(v) for v in welch_diff(3.0, math.nan, 30, 3.5, 1.0, 30))


# --- is_change ------------------------------------------------------------------------------------


def test_is_change_only_when_the_interval_excludes_zero():
    assert is_change(0.01, 0.3)
    assert is_change(-0.3, -0.01)
    assert not is_change(-0.1, 0.2)
    assert not is_change(0.0, 0.2)
    assert not is_change(-0.2, 0.0)


def test_is_change_is_false_for_an_unknown_interval():
    assert not is_change(math.nan, 0.2)
    assert not is_change(0.1, math.nan)
    assert not is_change(None, None)
    assert not is_change(*newcombe_diff(0, 0, 5, 10)[1:])


def test_many_t_quantiles_at_once_agree_with_the_exact_one():
    from peers_dash.queries.stats import EXPANSION_DF, t_quantiles

    dfs = [1, 2, 7.5, 30, EXPANSION_DF - 1, EXPANSION_DF, 51, 200, 5_000, 1e7]
    got = t_quantiles(0.975, dfs + [0, -1])
    for d, q in zip(dfs, got):
        assert q == pytest.approx(t_quantile(0.975, d), rel=5e-9)
    assert np.isnan(got[-2:]).all()


def test_newcombe_for_many_pairs_at_once_is_the_one_pair_formula():
    import numpy as np
    import pandas as pd

    from peers_dash.queries.stats import newcombe_diff, newcombe_frame

    k1, n1 = pd.Series([3.0, 0, 50, 7]), pd.Series([10.0, 20, 50, 0])
    k2, n2 = pd.Series([9.0, 5, 1, 2]), pd.Series([12.0, 5, 40, 4])
    d, lo, hi = newcombe_frame(k1, n1, k2, n2)
    for i in range(4):
        want = newcombe_diff(k1[i], n1[i], k2[i], n2[i])
        np.testing.assert_allclose([d[i], lo[i], hi[i]], want, equal_nan=True)
