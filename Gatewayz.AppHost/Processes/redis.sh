#!/bin/sh
# Starts redis-server for the AppHost's Processes mode (no container engine), bound to loopback on
# REDIS_PORT, keeping its data in REDIS_DATA. The password goes into a config file readable only by its
# owner instead of onto the command line, where every local user (and the dashboard) could read it.
set -eu
: "${REDIS_SERVER:=redis-server}"
: "${REDIS_PORT:?}" "${REDIS_DATA:?}" "${REDIS_PASSWORD:?}"

mkdir -p "$REDIS_DATA"
config="$REDIS_DATA/redis.conf"
umask 077
# Redis config strings are double-quoted with backslash escapes.
password=$(printf '%s' "$REDIS_PASSWORD" | sed -e 's/[\\"]/\\&/g')
cat > "$config" <<CONF
bind 127.0.0.1
port $REDIS_PORT
dir "$REDIS_DATA"
requirepass "$password"
# Snapshot like the container's data volume: at least every minute when something changed.
save 60 1
appendonly no
CONF

exec "$REDIS_SERVER" "$config"
