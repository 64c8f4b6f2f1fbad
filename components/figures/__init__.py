"""Figure builders: ``(tables, language, options) -> plotly Figure``. Pure; no Streamlit here."""
