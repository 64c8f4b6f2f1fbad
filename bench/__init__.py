"""Performance benchmark of the dashboard against a bare Streamlit app: ``python -m bench.run``."""
