#!/usr/bin/env bash
# Starts or stops a throwaway SMTP server on a free loopback port that keeps every message it accepts in a Maildir:
# Debian's python3-aiosmtpd with its Mailbox handler. The tests send the platform's mail to it and read what arrived.
#
#   eval "$(scripts/smtp.sh start)"   # exports PPIPE_TEST_SMTP_PORT, PPIPE_TEST_MAILDIR, PPIPE_SMTP_DIR
#   scripts/smtp.sh stop "$PPIPE_SMTP_DIR"
#
# Installs python3-aiosmtpd from Debian's packages when Debian's python3 cannot import it.
set -euo pipefail

python=/usr/bin/python3

install_aiosmtpd() {
  echo "aiosmtpd not found; installing python3-aiosmtpd from Debian packages..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends python3-aiosmtpd >&2
}

free_port() {
  "$python" - <<'PY'
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
PY
}

start() {
  local dir port pid
  { [ -x "$python" ] && "$python" -c 'import aiosmtpd' 2>/dev/null; } || install_aiosmtpd
  dir=$(mktemp -d /tmp/ppipe-smtp.XXXXXX)
  port=$(free_port)
  # Detached from this shell's output, so that eval "$(... start)" returns at once.
  setsid "$python" -m aiosmtpd -n -u -l "127.0.0.1:$port" -c aiosmtpd.handlers.Mailbox "$dir/maildir" \
    </dev/null >"$dir/server.log" 2>&1 &
  pid=$!
  echo "$pid" >"$dir/pid"
  if ! "$python" - "$port" <<'PY'
import socket, sys, time
deadline = time.time() + 30
while time.time() < deadline:
    try:
        with socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=1) as s:
            if s.recv(3) == b"220":
                sys.exit(0)
    except OSError:
        time.sleep(0.1)
sys.exit(1)
PY
  then
    echo "The SMTP server did not start; its log:" >&2
    cat "$dir/server.log" >&2
    kill "$pid" 2>/dev/null || true
    rm -rf "$dir"
    exit 1
  fi
  echo "export PPIPE_SMTP_DIR='$dir'"
  echo "export PPIPE_TEST_SMTP_PORT='$port'"
  echo "export PPIPE_TEST_MAILDIR='$dir/maildir'"
}

stop() {
  local dir=${1:?usage: smtp.sh stop DIR} pid
  if [ -f "$dir/pid" ]; then
    pid=$(cat "$dir/pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) shift; stop "$@" ;;
  *) echo "usage: $0 start | stop DIR" >&2; exit 2 ;;
esac
