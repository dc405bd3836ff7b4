"""What the operating system or DuckDB said about a file, in one plain sentence that says what to do.

A full disk, a read-only file or folder and a damaged database are the world's problems, not the app's:
they get a PeersError (exit code 2 on the command line, a plain message on a page), never "please report
this". Only the file's name is named: a viewer never sees the server's folders.
"""
from __future__ import annotations

import errno
from pathlib import Path

from peers_dash import PeersError

_FULL = (errno.ENOSPC, errno.EDQUOT)
_DENIED = (errno.EACCES, errno.EPERM, errno.EROFS)


def explain_os_error(exc: OSError, path: Path | str | None = None) -> str:
    """One sentence for an OSError met while reading or writing the database at `path`."""
    name = Path(path).name if path else (Path(exc.filename).name if getattr(exc, "filename", None) else "the file")
    if exc.errno in _FULL:
        return (f"the disk holding {name} is full: nothing was changed. Free some space (an import needs room "
                "for a second copy of the database while it writes) and try again.")
    if exc.errno in _DENIED:
        return (f"{name} or its folder cannot be written (permission denied or a read-only disk): nothing was "
                "changed. Ask whoever runs the server to make the folder writable for the app.")
    if exc.errno == errno.ENOENT:
        return f"{name} or its folder does not exist: check the path."
    return f"{name} could not be read or written ({exc.strerror or type(exc).__name__}): nothing was changed."


def explain_duckdb_error(text: str, path: Path | str | None = None) -> str | None:
    """A plain sentence for the DuckDB errors the world causes (disk full, permissions, a damaged file), or
    None for any other."""
    low = text.lower()
    name = Path(path).name if path else "the database"
    if "no space left" in low or "disk full" in low or "quota" in low:
        return explain_os_error(OSError(errno.ENOSPC, "No space left on device"), path)
    if "permission denied" in low or "read-only file system" in low:
        return explain_os_error(OSError(errno.EACCES, "Permission denied"), path)
    if ("could not read enough bytes" in low or "checksum" in low or "corrupt" in low
            or "truncated" in low):
        return damaged(name)
    return None


def damaged(name: str) -> str:
    return (f"{name} is damaged (cut short or corrupted, e.g. by a full disk or a copy that did not finish): "
            f"restore it from a backup, or from {name}.previous if an import kept one.")


def as_peers_error(exc: BaseException, path: Path | str | None = None) -> BaseException:
    """The PeersError to raise instead of exc when the world caused it; exc itself otherwise."""
    if isinstance(exc, OSError):
        return PeersError(explain_os_error(exc, path))
    text = str(exc)
    if type(exc).__module__.startswith(("duckdb", "_duckdb")) and (plain := explain_duckdb_error(text, path)):
        return PeersError(plain)
    return exc
