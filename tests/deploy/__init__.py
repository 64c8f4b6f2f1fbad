"""Deployment tests: deploy/local.sh's replicas behind nginx (stickiness, compression, previews)."""
