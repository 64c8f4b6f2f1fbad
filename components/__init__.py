"""The dashboard's Python package: data loading, derived tables, figures, text helpers and views."""
