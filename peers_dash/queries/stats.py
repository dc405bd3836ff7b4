"""Interval estimates for the dashboard's measures: Wilson, Newcombe and Welch, without scipy.

Conventions:
- Every interval is 95% two-sided.
- A difference is always "second minus first" (change from wave 1 to wave 2).
- Impossible counts (k < 0, k > n, negative sd) raise ValueError; an empty group (n == 0) gives NaN,
  which the pages show as "not enough answers" rather than as zero.
"""
from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
import pandas as pd

Z95 = 1.959963984540054  # standard normal 0.975 quantile
_NAN3 = (math.nan, math.nan, math.nan)


def _check_counts(k: float, n: float) -> None:
    if n < 0 or k < 0 or k > n:
        raise ValueError(f"impossible counts: {k} of {n}")


def wilson(k: float, n: float, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for k successes out of n; (nan, nan) when n == 0."""
    if n is None or k is None or (isinstance(n, float) and math.isnan(n)) or n == 0:
        return (math.nan, math.nan)
    if isinstance(k, float) and math.isnan(k):
        return (math.nan, math.nan)
    _check_counts(k, n)
    p = k / n
    z2 = z * z
    denom = 1.0 + z2 / n
    centre = (p + z2 / (2.0 * n)) / denom
    half = (z / denom) * math.sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n))
    # k == 0 or k == n gives exactly 0 or 1 in exact arithmetic; remove the float noise.
    lo = 0.0 if k == 0 else max(0.0, centre - half)
    hi = 1.0 if k == n else min(1.0, centre + half)
    return (lo, hi)


def wilson_arrays(kk: np.ndarray, nn: np.ndarray, z: float = Z95) -> tuple[np.ndarray, np.ndarray]:
    """Vectorised Wilson interval of float arrays: (lo, hi), NaN where n is 0 or missing."""
    if kk.shape != nn.shape:
        raise ValueError("k and n must have the same length")
    ok = np.isfinite(kk) & np.isfinite(nn) & (nn > 0)
    if np.any(ok & ((kk < 0) | (kk > nn))) or np.any(nn < 0):
        raise ValueError("impossible counts: some k is negative or larger than its n")
    lo = np.full(kk.shape, np.nan)
    hi = np.full(kk.shape, np.nan)
    ks, ns = kk[ok], nn[ok]
    p = ks / ns
    z2 = z * z
    denom = 1.0 + z2 / ns
    centre = (p + z2 / (2.0 * ns)) / denom
    half = (z / denom) * np.sqrt(p * (1.0 - p) / ns + z2 / (4.0 * ns * ns))
    lo[ok] = np.where(ks == 0, 0.0, np.maximum(0.0, centre - half))
    hi[ok] = np.where(ks == ns, 1.0, np.minimum(1.0, centre + half))
    return lo, hi


def wilson_frame(k: pd.Series, n: pd.Series, z: float = Z95) -> tuple[pd.Series, pd.Series]:
    """Vectorised Wilson interval; NaN where n is 0 or missing, aligned on k's index."""
    kk = pd.to_numeric(k, errors="coerce").astype("float64").to_numpy(copy=True)
    nn = pd.to_numeric(n, errors="coerce").astype("float64").to_numpy(copy=True)
    lo, hi = wilson_arrays(kk, nn, z)
    index = k.index if isinstance(k, pd.Series) else None
    return (pd.Series(lo, index=index, name="lo"), pd.Series(hi, index=index, name="hi"))


def newcombe_diff(k1: float, n1: float, k2: float, n2: float) -> tuple[float, float, float]:
    """Difference p2 - p1 with Newcombe's hybrid score interval (method 10); nan triple if an n is 0."""
    if not n1 or not n2 or any(isinstance(v, float) and math.isnan(v) for v in (k1, n1, k2, n2)):
        return _NAN3
    _check_counts(k1, n1)
    _check_counts(k2, n2)
    p1, p2 = k1 / n1, k2 / n2
    l1, u1 = wilson(k1, n1)
    l2, u2 = wilson(k2, n2)
    d = p2 - p1
    lo = d - math.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2)
    hi = d + math.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2)
    return (d, lo, hi)


def newcombe_frame(k1: pd.Series, n1: pd.Series, k2: pd.Series, n2: pd.Series) -> tuple[np.ndarray, ...]:
    """newcombe_diff for many pairs at once: (d, lo, hi) arrays, NaN where an n is 0."""
    l1, u1 = (s.to_numpy() for s in wilson_frame(k1, n1))
    l2, u2 = (s.to_numpy() for s in wilson_frame(k2, n2))
    with np.errstate(invalid="ignore", divide="ignore"):
        p1 = k1.to_numpy(dtype="float64") / n1.to_numpy(dtype="float64")
        p2 = k2.to_numpy(dtype="float64") / n2.to_numpy(dtype="float64")
    d = p2 - p1
    lo = d - np.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2)
    hi = d + np.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2)
    bad = np.isnan(l1) | np.isnan(l2)
    return tuple(np.where(bad, np.nan, a) for a in (d, lo, hi))


# --- Student t quantile -------------------------------------------------------------------------


def _lentz_step(aa: float, c: float, d: float, tiny: float = 1e-300) -> tuple[float, float]:
    """One step of the modified Lentz method: the new (c, d)."""
    d = 1.0 + aa * d
    c = 1.0 + aa / c
    return (c if abs(c) >= tiny else tiny), 1.0 / (d if abs(d) >= tiny else tiny)


def _betacf(a: float, b: float, x: float) -> float:
    """Continued fraction for the incomplete beta function (modified Lentz, Numerical Recipes)."""
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    _, d = _lentz_step(-qab * x / qap, 1.0, 1.0)  # the first term only starts d; c starts at 1
    c, h = 1.0, d
    for m in range(1, 100_000):
        m2 = 2 * m
        c, d = _lentz_step(m * (b - m) * x / ((qam + m2) * (a + m2)), c, d)
        h *= d * c
        c, d = _lentz_step(-(a + m) * (qab + m) * x / ((a + m2) * (qap + m2)), c, d)
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-15:
            return h
    raise ArithmeticError("incomplete beta continued fraction did not converge")


def betainc(a: float, b: float, x: float) -> float:
    """Regularized incomplete beta function I_x(a, b) for a, b > 0 and 0 <= x <= 1."""
    if a <= 0 or b <= 0:
        raise ValueError("betainc needs a > 0 and b > 0")
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = (
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    front = math.exp(log_front)
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _betacf(a, b, x) / a
    return 1.0 - front * _betacf(b, a, 1.0 - x) / b


def _t_upper_tail(t: float, df: float) -> float:
    """P(T > t) for t >= 0."""
    return 0.5 * betainc(df / 2.0, 0.5, df / (df + t * t))


def _normal_quantile(p: float) -> float:
    """Standard normal quantile by bisection on erfc (used only for df = inf)."""
    target = 1.0 - p  # upper tail, p > 0.5
    lo, hi = 0.0, 40.0
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if 0.5 * math.erfc(mid / math.sqrt(2.0)) > target:
            lo = mid
        else:
            hi = mid
        if hi - lo <= 1e-15 * max(1.0, hi):
            break
    return 0.5 * (lo + hi)


@lru_cache(maxsize=65536)
def t_quantile(p: float, df: float) -> float:
    """Quantile of Student's t with df > 0 degrees of freedom (non-integer allowed)."""
    if not 0.0 < p < 1.0:
        raise ValueError(f"p must be strictly between 0 and 1, got {p}")
    if not df > 0:
        raise ValueError(f"df must be positive, got {df}")
    if p == 0.5:
        return 0.0
    if p < 0.5:
        return -t_quantile(1.0 - p, df)
    if math.isinf(df):
        return _normal_quantile(p)
    target = 1.0 - p  # upper-tail probability, in (0, 0.5)
    # Bracket: the upper tail falls as t grows.
    lo, hi = 0.0, 1.0
    while _t_upper_tail(hi, df) > target:
        lo, hi = hi, hi * 2.0
        if hi > 1e300:
            return math.inf
    # Newton's steps from the middle of the bracket, each kept inside it (a step that leaves it halves the
    # bracket instead): robust for every df, and a handful of tail evaluations rather than fifty halvings.
    log_c = math.lgamma((df + 1) / 2) - math.lgamma(df / 2) - 0.5 * math.log(df * math.pi)
    t = 0.5 * (lo + hi)
    for _ in range(200):
        excess = _t_upper_tail(t, df) - target
        if excess > 0:
            lo = t
        else:
            hi = t
        density = math.exp(log_c - (df + 1) / 2 * math.log1p(t * t / df))
        step = t + excess / density if density > 0 else 0.5 * (lo + hi)
        new = step if lo < step < hi else 0.5 * (lo + hi)
        if abs(new - t) <= 1e-14 * max(abs(new), 1e-300) or hi - lo <= 1e-14 * hi:
            return new
        t = new
    return t


EXPANSION_DF = 50  # from here the Cornish-Fisher expansion is within 3e-9 of the exact quantile


def t_quantiles(p: float, dfs: np.ndarray | pd.Series | list) -> np.ndarray:
    """t_quantile(p, df) for many df at once (NaN where df is not positive): the exact quantile below
    EXPANSION_DF degrees of freedom, the four-term Cornish-Fisher expansion (Abramowitz and Stegun 26.7.5)
    above it, where it agrees with the exact one to 3e-9; a thousand cells take a millisecond, not a second."""
    d = np.asarray(dfs, dtype=float)
    out = np.full(d.shape, np.nan)
    large = d >= EXPANSION_DF
    x = _normal_quantile(p)
    g1 = (x ** 3 + x) / 4
    g2 = (5 * x ** 5 + 16 * x ** 3 + 3 * x) / 96
    g3 = (3 * x ** 7 + 19 * x ** 5 + 17 * x ** 3 - 15 * x) / 384
    g4 = (79 * x ** 9 + 776 * x ** 7 + 1482 * x ** 5 - 1920 * x ** 3 - 945 * x) / 92160
    big = d[large]
    out[large] = x + g1 / big + g2 / big ** 2 + g3 / big ** 3 + g4 / big ** 4
    small = (d > 0) & ~large
    out[small] = [t_quantile(p, float(v)) for v in d[small]]
    return out


def mean_halfwidth(n: np.ndarray | pd.Series, sd: np.ndarray | pd.Series) -> np.ndarray:
    """Half the width of the 95% t interval of a mean of n values with standard deviation sd (NaN for n < 2
    or no sd)."""
    n_arr, sd_arr = np.asarray(n, dtype=float), np.asarray(sd, dtype=float)
    ok = (n_arr > 1) & ~np.isnan(sd_arr)
    out = np.full(n_arr.shape, np.nan)
    out[ok] = t_quantiles(0.975, n_arr[ok] - 1) * sd_arr[ok] / np.sqrt(n_arr[ok])
    return out


def welch_diff(
    mean1: float, sd1: float, n1: float, mean2: float, sd2: float, n2: float
) -> tuple[float, float, float]:
    """Difference mean2 - mean1 with a 95% Welch-Satterthwaite t interval."""
    values = (mean1, sd1, n1, mean2, sd2, n2)
    if any(v is None or (isinstance(v, float) and math.isnan(v)) for v in values):
        return _NAN3
    if n1 < 2 or n2 < 2:
        return _NAN3
    if sd1 < 0 or sd2 < 0:
        raise ValueError("a standard deviation cannot be negative")
    d = mean2 - mean1
    v1, v2 = sd1 * sd1 / n1, sd2 * sd2 / n2
    se2 = v1 + v2
    if se2 == 0.0:
        # No spread on either side: the difference is known exactly.
        return (d, d, d)
    df = se2 * se2 / (v1 * v1 / (n1 - 1) + v2 * v2 / (n2 - 1))
    half = t_quantile(0.975, df) * math.sqrt(se2)
    return (d, d - half, d + half)


def is_change(lo: float, hi: float) -> bool:
    """True only when the interval [lo, hi] is known and excludes zero."""
    if lo is None or hi is None:
        return False
    try:
        if math.isnan(lo) or math.isnan(hi):
            return False
    except TypeError:
        return False
    return bool(lo > 0 or hi < 0)
