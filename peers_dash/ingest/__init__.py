"""Imports, in the order a file goes through them:

read/      a file's bytes into rows of text cells (CSV, .xlsx) and dates as people write them
formats/   which export a file is (one module per format) and its parser (formats/parsers/): canonical frames
survey/    what a survey's columns mean: the mapping file, catalogue questions, the engine the survey parsers share
stage/     the frames matched to the database and what the import adds and replaces, before anything is written
pipeline   the entry point: all of the above for each file, then all or nothing through the single writer

Beside them: parse (a file to its format and frames), problems (what is wrong, where, with a stable code),
canonical (the frames' columns), roster (the file of names and e-mails beside the database), templates (the
blank templates to download), and suggest/ (a starting mapping file for a survey export).
"""
