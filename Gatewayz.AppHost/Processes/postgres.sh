#!/bin/sh
# Starts PostgreSQL for the AppHost's Processes mode (no container engine): initialises PGDATA with the
# database POSTGRES_DB on first start, sets the superuser's password to POSTGRES_PASSWORD on every start
# (the AppHost parameter is the source of truth, as in the container), then execs the server on loopback,
# PGPORT, with password (scram-sha-256) authentication for TCP clients.
#
# PostgreSQL refuses to run as root. As root (CI, servers without a container engine) the server and its tools
# run as the "postgres" system user, which then owns PGDATA; the folders above PGDATA must let it pass (o+x).
# An earlier server still running on the same PGDATA (an AppHost killed with its orchestrator) makes this one stop
# with "lock file postmaster.pid already exists"; the AppHost reports that in its console.
set -eu
: "${PGBIN:?}" "${PGDATA:?}" "${PGPORT:?}" "${POSTGRES_PASSWORD:?}" "${POSTGRES_DB:?}"

# A link could point the server, and as root the chown below, at someone else's files.
if [ -L "$PGDATA" ]; then
    echo "postgres.sh: $PGDATA is a symbolic link; refusing to use it" >&2
    exit 1
fi

as_owner=""
if [ "$(id -u)" = 0 ]; then
    as_owner="setpriv --reuid=postgres --regid=postgres --init-groups --"
    mkdir -p "$PGDATA"
    chown -h postgres:postgres "$PGDATA"
fi

# Single-user mode runs SQL with no server and no socket, so nothing can connect half-initialised.
single_user() {
    $as_owner "$PGBIN/postgres" --single -D "$PGDATA" postgres >/dev/null
}

if [ ! -s "$PGDATA/PG_VERSION" ]; then
    $as_owner "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
        -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
    printf 'CREATE DATABASE "%s";\n' "$POSTGRES_DB" | single_user
fi

# SQL string literal: single quotes doubled.
password=$(printf '%s' "$POSTGRES_PASSWORD" | sed -e "s/'/''/g")
printf "ALTER ROLE postgres PASSWORD '%s';\n" "$password" | single_user

# TCP only: every client uses the connection string, and a Unix socket path under a long data folder can exceed
# the 107-byte limit (macOS: 103).
exec $as_owner "$PGBIN/postgres" -D "$PGDATA" -p "$PGPORT" \
    -c listen_addresses=127.0.0.1 -c unix_socket_directories=
