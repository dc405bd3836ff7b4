"""Imports: read real files (readers), turn each format into canonical frames (formats_*), check them
against the database (validate), and write all or nothing through the single writer (pipeline)."""
