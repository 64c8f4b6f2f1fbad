"""Running several replicas of the dashboard behind a load balancer (see deploy/local.sh)."""
