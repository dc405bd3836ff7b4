"""Staging: canonical frames matched to the database (names to ids, people to the roster), and what an import
adds and replaces worked out before anything is written (Staged, with the function that writes it)."""
