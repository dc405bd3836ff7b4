"""A starting mapping file for a survey export, written from its column names and question texts for a person
to check (the Import page's suggestion); never from its answers."""
