"""Views: one module per section of the page; the only place that calls ``st.*`` for it."""
