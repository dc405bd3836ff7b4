"""The parsers the format modules call: a file read into canonical frames (peers_dash.ingest.canonical).

Imported only when a file is parsed, so that the registry (the modules one level up, all imported to recognise
a file) stays light.
"""
