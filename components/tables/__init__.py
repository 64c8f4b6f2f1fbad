"""Derived tables: pure pandas functions over the loaded :class:`~components.data.Dataset`."""
