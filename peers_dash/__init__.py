"""PEERS dashboard: participation and well-being of a small-group well-being curriculum, on DuckDB."""


class PeersError(Exception):
    """A problem the user can act on; its message is one plain sentence, shown without a traceback."""
