"""The database: read-only connections, the schema and its migrations, the only writer, the synthetic demo, and
what the operating system or DuckDB said about a file in plain words. Plain Python: no streamlit."""
