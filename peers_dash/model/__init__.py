"""What the data is: the dimensions a figure is broken down by, the cohort filter, the survey catalogue and the
instrument library. Plain Python: no streamlit."""
