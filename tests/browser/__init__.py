"""Browser tests: the running app in Debian's Chromium (rendering, shaping, offline maps, URL state)."""
