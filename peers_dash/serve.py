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
WARM = ("duckdb", "numpy", "pandas", "plotly.graph_objects", "peers_dash.charts", "peers_dash.consortium",
        "peers_dash.extracts", "peers_dash.lookups", "peers_dash.overview", "peers_dash.export",
        "peers_dash.ingest.pipeline")


def warm_imports() -> None:
    """Import what the first page run would otherwise import (the pages' libraries and modules)."""
    for name in WARM:
        importlib.import_module(name)


def serve(port: int = 8501, address: str | None = None, options: dict[str, Any] | None = None) -> None:
    """Run the dashboard's server in this process (blocks until it stops)."""
    warm_imports()
    from streamlit.web import bootstrap

    flags: dict[str, Any] = {"server.port": port, **({"server.address": address} if address else {}),
                             **(options or {})}
    bootstrap.load_config_options(flag_options=flags)
    bootstrap.run(str(ROOT / "app.py"), False, [], flags)
