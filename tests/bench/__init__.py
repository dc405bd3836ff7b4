"""Benchmarks and the load test: beside the tests, not part of them (pytest collects none of these files:
machines here are noisy, so a figure is printed, never asserted). Each runs from the repository's root:

    python -m tests.bench.pages    every page's reruns, first visits in Chromium, and the pandas way side by side
    python -m tests.bench.imports  a 5-million-row attendance import, end to end
    python -m tests.bench.load     concurrent browser sessions while imports swap in new data (--processes 2)

server.py starts a dashboard as the README does; the browser tests use it too. Their SQL is in sql/ here, not
in the product's tree.
"""
from pathlib import Path


def sql(name: str) -> str:
    """The text of sql/<name>.sql beside this file."""
    return (Path(__file__).parent / "sql" / f"{name}.sql").read_text()

