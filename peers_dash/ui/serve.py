"""Serving the dashboard to many leaders: `python -m peers_dash serve`.

It is `streamlit run app.py` with the libraries every page uses (pandas, numpy, plotly, DuckDB and the pages'
own modules) imported before the server listens, so the first visitor of a fresh process does not wait for
them (about a second on this machine). Several such processes can read the same database file behind one
address: see "Serving a consortium" in the README, and `python -m tests.bench.load --processes 2`.
"""
from __future__ import annotations

import gc
import importlib
import logging
from typing import Any

from peers_dash.config import ROOT


# Not imported ahead: the command line, and this module.
_NOT_WARMED = ("__main__", "serve")


def warm_imports() -> None:
    """Import every module a page may import (the libraries and all of peers_dash, compiled once here even where
    Python writes no bytecode), and run once the code paths every page takes on a tiny made-up frame (a chart
    and its JSON, a pivot, a sort, a table for the browser), so the first visitor does not pay for their first
    use. No data is read or cached."""
    for name in ("duckdb", "numpy", "pandas", "plotly.graph_objects"):
        importlib.import_module(name)
    # A cached function defined before the server runs checks its parameters against a stand-in store and
    # says so in the log; its results are kept in the server's store all the same (made on first call).
    caching_log = logging.getLogger("streamlit.runtime.caching.cache_data_api")
    quiet = logging.Filter("nothing")  # passes no record (Streamlit resets its loggers' levels as it loads)
    caching_log.addFilter(quiet)
    try:
        for path in sorted((ROOT / "peers_dash").rglob("*.py")):  # ui/ has no __init__.py: pkgutil skips it
            parts = path.relative_to(ROOT).with_suffix("").parts
            if not any(part.startswith(_NOT_WARMED) for part in parts[1:]):
                importlib.import_module(".".join(p for p in parts if p != "__init__"))
    finally:
        caching_log.removeFilter(quiet)
    import pandas as pd
    import pyarrow as pa

    from peers_dash.charts import build_rate_bars

    frame = pd.DataFrame({"class_year": ["MS1", "MS2"], "rate": [0.5, 0.6], "rate_lo": [0.4, 0.5],
                          "rate_hi": [0.6, 0.7], "n_counted": [10, 12]})
    build_rate_bars(frame, "class_year", title="warm").to_json()
    frame.pivot_table(index="class_year", values="rate", aggfunc="sum")
    pa.Table.from_pandas(frame.sort_values("rate").reset_index(drop=True))


def _settle_process() -> None:
    """What a fresh process would otherwise do on its first visitor's time: Streamlit's once-per-process check
    for a bare `python app.py` (it reads the source of every frame on the stack, 0.1-0.2 s here; a served
    process is never bare), and a full garbage collection after each script run walking the 100,000 objects the
    libraries made at import (frozen here: they live as long as the process)."""
    from streamlit import delta_generator

    delta_generator._use_warning_has_been_displayed = True
    gc.collect()
    gc.freeze()


def serve(port: int = 8501, address: str | None = None, options: dict[str, Any] | None = None) -> None:
    """Run the dashboard's server in this process (blocks until it stops)."""
    warm_imports()
    _settle_process()
    from streamlit.web import bootstrap

    flags: dict[str, Any] = {"server.port": port, **({"server.address": address} if address else {}),
                             **(options or {})}
    bootstrap.load_config_options(flag_options=flags)
    bootstrap.run(str(ROOT / "app.py"), False, [], flags)
