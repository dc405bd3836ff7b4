"""Serving the dashboard to many leaders: `python -m peers_dash serve`.

It is `streamlit run app.py` with the libraries every page uses (pandas, numpy, plotly, DuckDB and the pages'
own modules) imported before the server listens, so the first visitor of a fresh process does not wait for
them (about a second on this machine). Several such processes can read the same database file behind one
address: see "Serving a consortium" in the README, and `python -m peers_dash.loadtest --processes 2`.
"""
from __future__ import annotations

import importlib
from typing import Any

from peers_dash.config import ROOT


# The pages' libraries and the plain modules under them (not peers_dash.ui: its caches belong to the server).
WARM = ("duckdb", "numpy", "pandas", "plotly.graph_objects", "peers_dash.charts", "peers_dash.chart_grids",
        "peers_dash.consortium", "peers_dash.extracts", "peers_dash.lookups", "peers_dash.overview",
        "peers_dash.export", "peers_dash.ingest.pipeline")


def warm_imports() -> None:
    """Import what the first page run would otherwise import (the pages' libraries and modules), and run once
    the code paths every page takes on a tiny made-up frame (a chart and its JSON, a pivot, a sort, a table
    for the browser), so the first visitor does not pay for their first use. No data is read or cached."""
    for name in WARM:
        importlib.import_module(name)
    import pandas as pd
    import pyarrow as pa

    from peers_dash.charts import build_rate_bars

    frame = pd.DataFrame({"class_year": ["MS1", "MS2"], "rate": [0.5, 0.6], "rate_lo": [0.4, 0.5],
                          "rate_hi": [0.6, 0.7], "n_counted": [10, 12]})
    build_rate_bars(frame, "class_year", title="warm").to_json()
    frame.pivot_table(index="class_year", values="rate", aggfunc="sum")
    pa.Table.from_pandas(frame.sort_values("rate").reset_index(drop=True))


def serve(port: int = 8501, address: str | None = None, options: dict[str, Any] | None = None) -> None:
    """Run the dashboard's server in this process (blocks until it stops)."""
    warm_imports()
    from streamlit.web import bootstrap

    flags: dict[str, Any] = {"server.port": port, **({"server.address": address} if address else {}),
                             **(options or {})}
    bootstrap.load_config_options(flag_options=flags)
    bootstrap.run(str(ROOT / "app.py"), False, [], flags)
