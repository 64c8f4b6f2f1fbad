#!/usr/bin/env bash
# N Streamlit replicas of the dashboard behind nginx on http://127.0.0.1:8080, on this machine.
#
#   deploy/local.sh 3        # Ctrl-C or SIGTERM stops the balancer and every replica
#
# Everything listens on 127.0.0.1 only. Writes into deploy/run/: replica-<k>.pid, .port and .log,
# nginx's configuration pieces and logs, the link-preview cards, and `ready` once the balancer and
# every replica answer. From a fresh clone as root it installs what is missing (nginx from
# Debian's packages, .venv from requirements.txt).
#
# Environment: PORT (balancer, 8080), REPLICA_PORT (first replica, 8701; the others follow),
# PUBLIC_URL (the address link previews point at, and the host name served besides 127.0.0.1 and
# localhost; default http://127.0.0.1:$PORT/), RUN_DIR (default deploy/run), PYTHON (default
# .venv/bin/python), EXPOSE_REPLICA=1 (responses name the replica that answered: for tests).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

N=${1:-2}
if ! [[ $N =~ ^[1-9][0-9]?$ ]]; then
  echo "usage: deploy/local.sh N   (N = number of replicas, 1-99)" >&2
  exit 2
fi
PORT=${PORT:-8080}
REPLICA_PORT=${REPLICA_PORT:-8701}
PUBLIC_URL=${PUBLIC_URL:-http://127.0.0.1:$PORT/}
RUN=${RUN_DIR:-$ROOT/deploy/run}
mkdir -p "$RUN"
RUN=$(cd "$RUN" && pwd)

fail() { echo "deploy/local.sh: $*" >&2; exit 1; }

# --- what it needs -----------------------------------------------------------------------------
NGINX=$(command -v nginx || true)
if [ -z "$NGINX" ] && [ -x /usr/sbin/nginx ]; then NGINX=/usr/sbin/nginx; fi  # not on a user's PATH
if [ -z "$NGINX" ]; then
  [ "$(id -u)" = "0" ] || fail "nginx is needed: sudo apt-get install -y nginx"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq nginx >/dev/null
  NGINX=/usr/sbin/nginx
fi
PY=${PYTHON:-$ROOT/.venv/bin/python}
if [ ! -x "$PY" ] && [ -z "${PYTHON:-}" ]; then
  python3 -m venv "$ROOT/.venv"
  "$PY" -m pip install -q --disable-pip-version-check -r "$ROOT/requirements.txt"
fi
"$PY" -c "import streamlit" 2>/dev/null || fail "$PY has no streamlit: $PY -m pip install -r requirements.txt"

for pidfile in "$RUN"/replica-*.pid "$RUN"/nginx.pid; do
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    fail "already running ($pidfile): stop that one first (kill -TERM the local.sh that started it)"
  fi
done
# A port someone else listens on would answer the health checks below for us.
"$PY" - "$PORT" $(seq "$REPLICA_PORT" $((REPLICA_PORT + N - 1))) <<'PYTHON' || exit 1
import socket, sys
for port in map(int, sys.argv[1:]):
    with socket.socket() as sock:
        # As nginx and Streamlit do: connections of a server stopped a moment ago do not count.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            sys.exit(f"deploy/local.sh: port {port} is in use (choose others with PORT=... REPLICA_PORT=...)")
PYTHON
rm -rf "$RUN"/logs "$RUN"/tmp "$RUN"/preview "$RUN"/*.conf "$RUN"/replica-* "$RUN"/ready
mkdir -p "$RUN/logs" "$RUN/tmp" "$RUN/preview"

# --- stopping: SIGTERM/SIGINT/exit stop every process started here ------------------------------
PIDS=()
PREVIEW_COPY=""
stop() {
  trap - TERM INT EXIT
  rm -f "$RUN/ready"
  if [ -n "$PREVIEW_COPY" ]; then rm -rf "$PREVIEW_COPY"; fi
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for _ in $(seq 50); do  # at most 10 s, then SIGKILL
    alive=0
    for pid in "${PIDS[@]}"; do
      if kill -0 "$pid" 2>/dev/null; then alive=1; fi
    done
    [ "$alive" = 0 ] && break
    sleep 0.2
  done
  for pid in "${PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -f "$RUN"/replica-*.pid "$RUN/nginx.pid"
}
trap 'stop; exit 0' TERM INT
trap stop EXIT

# --- replicas ----------------------------------------------------------------------------------
# One cookie secret for all: a reader moved to another replica keeps a valid XSRF cookie.
STREAMLIT_SERVER_COOKIE_SECRET=$("$PY" -c "import secrets; print(secrets.token_hex(32))")
export STREAMLIT_SERVER_COOKIE_SECRET
: >"$RUN/replicas.conf"
for k in $(seq "$N"); do
  port=$((REPLICA_PORT + k - 1))
  "$PY" -m streamlit run "$ROOT/app.py" \
    --server.port "$port" --server.address 127.0.0.1 --server.headless true \
    --browser.gatherUsageStats false --server.fileWatcherType none --server.runOnSave false \
    >"$RUN/replica-$k.log" 2>&1 </dev/null &
  PIDS+=("$!")
  echo "$!" >"$RUN/replica-$k.pid"
  echo "$port" >"$RUN/replica-$k.port"
  # One failed connection takes a replica out for 10 s; nginx then tries it again.
  echo "server 127.0.0.1:$port max_fails=1 fail_timeout=10s;" >>"$RUN/replicas.conf"
done

# --- balancer ----------------------------------------------------------------------------------
"$PY" -m deploy.nginx_previews --out "$RUN" --base-url "$PUBLIC_URL" >/dev/null
# The Content-Security-Policy allows Streamlit's inline script by its hash, read from the installed
# Streamlit; nosniff; Referrer-Policy.
"$PY" -m deploy.security --out "$RUN" >/dev/null
cp "$ROOT/deploy/nginx.conf" "$RUN/nginx.conf"
echo "listen 127.0.0.1:$PORT;" >"$RUN/listen.conf"
echo "listen 127.0.0.1:$PORT default_server;" >"$RUN/default_listen.conf"
# Only the dashboard's own names are served; any other Host gets 421 from the default server.
PUBLIC_HOST=$("$PY" -c "import sys, urllib.parse; print(urllib.parse.urlsplit(sys.argv[1]).hostname or '')" "$PUBLIC_URL")
echo "server_name 127.0.0.1 localhost ${PUBLIC_HOST};" >"$RUN/server_name.conf"
if [ "${EXPOSE_REPLICA:-0}" = "1" ]; then
  echo 'add_header X-Replica $upstream_addr always;' >"$RUN/replica_header.conf"
else
  : >"$RUN/replica_header.conf"
fi
CARDS="$RUN/preview"
if [ "$(id -u)" = "0" ]; then
  # Workers never run as root. They read only the cards (nothing is buffered to disk); where the
  # run folder is private (a clone in /root, a test's temporary folder) the cards are copied to a
  # folder of their own that nobody can read.
  WORKER_GROUP=$(id -gn nobody)
  echo "user nobody $WORKER_GROUP;" >"$RUN/user.conf"
  if ! runuser -u nobody -- test -r "$CARDS/card-en.png"; then
    PREVIEW_COPY=$(mktemp -d /tmp/dash-preview.XXXXXX)
    cp "$CARDS"/*.png "$PREVIEW_COPY/"
    chmod 755 "$PREVIEW_COPY" && chmod 644 "$PREVIEW_COPY"/*.png
    CARDS=$PREVIEW_COPY
  fi
else
  : >"$RUN/user.conf"           # nginx cannot change user: workers run as the one who started it
fi
echo "alias $CARDS/;" >"$RUN/preview.conf"
"$NGINX" -q -t -p "$RUN/" -c "$RUN/nginx.conf" || fail "nginx rejected $RUN/nginx.conf"
"$NGINX" -p "$RUN/" -c "$RUN/nginx.conf" &
NGINX_PID=$!
PIDS+=("$NGINX_PID")

# --- ready when every replica and the balancer answer (at most 120 s) ---------------------------
urls=("http://127.0.0.1:$PORT/_stcore/health")
for k in $(seq "$N"); do urls+=("http://127.0.0.1:$((REPLICA_PORT + k - 1))/_stcore/health"); done
# In the background: bash runs a trap (SIGTERM) only once the foreground command is over.
"$PY" - "${urls[@]}" <<'PYTHON' &
import sys, time, urllib.request
deadline = time.monotonic() + 120
for url in sys.argv[1:]:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if time.monotonic() > deadline:
            sys.exit(f"{url} did not answer")
        time.sleep(0.2)
PYTHON
WAITER=$!
PIDS+=("$WAITER")
wait "$WAITER" || fail "not healthy after 120 s; see $RUN/replica-*.log and $RUN/logs/error.log"
echo "http://127.0.0.1:$PORT/" >"$RUN/ready"
echo "ready: http://127.0.0.1:$PORT/ ($N replicas on ports $REPLICA_PORT-$((REPLICA_PORT + N - 1)); logs in $RUN)"

# Runs until SIGTERM/SIGINT, or until nginx exits (then the replicas are stopped too). A replica
# that dies is left dead: the balancer routes around it.
wait "$NGINX_PID" || true
