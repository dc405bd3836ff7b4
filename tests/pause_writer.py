"""Run a Python command line with the writer held at one of its stages, for a test to kill it there:

    python -m tests.pause_writer STAGE -m peers_dash import roster FILE --db DB
    python -m tests.pause_writer STAGE -c CODE ARG...

When the writer logs that it reached STAGE (peers_dash.store.writer._reached), this touches <db>.paused-<STAGE>
and sleeps."""
from __future__ import annotations

import logging
import runpy
import sys
import time


class _Hold(logging.Handler):
    def __init__(self, stage: str) -> None:
        super().__init__(logging.DEBUG)
        self.stage = stage

    def emit(self, record: logging.LogRecord) -> None:
        if getattr(record, "stage", None) == self.stage:
            path = record.path
            path.with_name(f"{path.name}.paused-{self.stage}").touch()
            time.sleep(3600)


def main() -> None:
    stage, how, what, *rest = sys.argv[1:]
    log = logging.getLogger("peers_dash.store.writer")
    log.setLevel(logging.DEBUG)
    log.addHandler(_Hold(stage))
    if how == "-m":
        sys.argv = [what, *rest]
        runpy.run_module(what, run_name="__main__", alter_sys=True)
    elif how == "-c":
        sys.argv = ["-c", *rest]
        exec(compile(what, "<string>", "exec"), {"__name__": "__main__"})
    else:
        raise SystemExit(f"usage: python -m tests.pause_writer STAGE (-m MODULE | -c CODE) ARG...; not {how!r}")


if __name__ == "__main__":
    main()
