"""What a survey's columns mean: the mapping file, the catalogue questions a column holds, and the engine that
turns a survey's rows into responses and answers (used by the Qualtrics, REDCap and mapped-table parsers)."""
