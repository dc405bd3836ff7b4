"""Benchmarks and the load test: not part of the product, nor of the tests (machines here are noisy, so a
figure is printed, never asserted). Each runs as a module from the repository's root:

    python -m bench.pages    every page's reruns, first visits in Chromium, and the pandas way side by side
    python -m bench.imports  a 5-million-row attendance import, end to end
    python -m bench.load     concurrent browser sessions while imports swap in new data (--processes 2)

bench/server.py starts a dashboard as the README does; the browser tests use it too. Their SQL is in bench/sql/,
not in the product's tree.
"""
from pathlib import Path


def sql(name: str) -> str:
    """The text of bench/sql/<name>.sql."""
    return (Path(__file__).parent / "sql" / f"{name}.sql").read_text()

