#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL server on a free loopback port in a temp directory.
#
#   eval "$(scripts/postgres.sh start)"   # exports PPIPE_TEST_POSTGRES, PPIPE_PG_DIR, PPIPE_PG_BIN
#   scripts/postgres.sh stop "$PPIPE_PG_DIR"
#
# Installs PostgreSQL from Debian's packages when no server binaries are found.
set -euo pipefail

find_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && { echo "$dir"; return 0; }
  done
  return 1
}

install_postgres() {
  echo "PostgreSQL server not found; installing it from Debian packages..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
}

free_port() {
  python3 - <<'PY' 2>/dev/null || echo 55432
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
PY
}

start() {
  local bin dir port user
  bin=$(find_bin) || { install_postgres; bin=$(find_bin); }
  dir=$(mktemp -d /tmp/ppipe-pg.XXXXXX)
  port=$(free_port)
  user=postgres
  # initdb refuses to run as root: run the server as the postgres system user when we are root.
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$dir"
    run() { su postgres -s /bin/bash -c "$*"; }
  else
    user=$(id -un)
    run() { bash -c "$*"; }
  fi
  run "'$bin/initdb' -D '$dir/data' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >'$dir/initdb.log' 2>&1"
  run "'$bin/pg_ctl' -D '$dir/data' -l '$dir/server.log' -w -t 60 \
    -o \"-c listen_addresses=127.0.0.1 -p $port -k '$dir' -c max_connections=300 -c fsync=on -c shared_buffers=128MB\" start >/dev/null"
  echo "export PPIPE_PG_DIR='$dir'"
  echo "export PPIPE_PG_BIN='$bin'"
  echo "export PPIPE_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres'"
}

stop() {
  local dir=${1:?usage: postgres.sh stop DIR} bin
  bin=$(find_bin) || return 0
  if [ -f "$dir/data/postmaster.pid" ]; then
    if [ "$(id -u)" = 0 ]; then
      su postgres -s /bin/bash -c "'$bin/pg_ctl' -D '$dir/data' -m fast -w stop" >/dev/null || true
    else
      "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    fi
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) shift; stop "$@" ;;
  *) echo "usage: $0 start | stop DIR" >&2; exit 2 ;;
esac
