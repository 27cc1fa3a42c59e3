#!/bin/sh
# Renders prometheus.yml.tmpl from the environment, then starts Prometheus with the rendered file
# and the container arguments ("$@"). POSIX sh and sed only: the prom/prometheus image is busybox.
# PROMETHEUS_RENDER_ONLY=1 renders and exits, so tests can check exactly what the container would run.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
: "${PROMETHEUS_TEMPLATE:=$here/prometheus.yml.tmpl}"
: "${PROMETHEUS_CONFIG_FILE:=/tmp/prometheus.yml}"
: "${PROMETHEUS_RULES_DIR:=$here/rules}"
: "${PROMETHEUS_ENVIRONMENT:=local}"
: "${PROMETHEUS_PORT:=9090}"
: "${PROMETHEUS_SCRAPE_INTERVAL:=15s}"
: "${PROMETHEUS_SCRAPE_TIMEOUT:=10s}"
: "${PROMETHEUS_SLOW_SCRAPE_INTERVAL:=30s}"
: "${PROMETHEUS_EVALUATION_INTERVAL:=15s}"
: "${GATEWAY_API_TARGET:=gateway-api:8080}"
: "${AGGREGATOR_TARGET:=aggregator:8080}"
: "${REDIS_EXPORTER_TARGET:=redis-exporter:9121}"
: "${MIMIR_TARGET:=mimir:9009}"
: "${TEMPO_TARGET:=tempo:3200}"
: "${LOKI_TARGET:=loki:3100}"
: "${ALERTMANAGER_TARGET:=alertmanager:9093}"
: "${MIMIR_REMOTE_WRITE_URL:=http://$MIMIR_TARGET/api/v1/push}"
: "${MIMIR_TENANT:=anonymous}"

# Escapes a value for the replacement side of a sed s||| command.
escape() {
    printf '%s' "$1" | sed -e 's/[\\|&]/\\&/g'
}

script=""
for name in PROMETHEUS_ENVIRONMENT PROMETHEUS_PORT PROMETHEUS_SCRAPE_INTERVAL PROMETHEUS_SCRAPE_TIMEOUT \
    PROMETHEUS_SLOW_SCRAPE_INTERVAL PROMETHEUS_EVALUATION_INTERVAL PROMETHEUS_RULES_DIR \
    GATEWAY_API_TARGET AGGREGATOR_TARGET REDIS_EXPORTER_TARGET MIMIR_TARGET TEMPO_TARGET LOKI_TARGET \
    ALERTMANAGER_TARGET MIMIR_REMOTE_WRITE_URL MIMIR_TENANT; do
    eval "value=\${$name}"
    script="${script}s|\${$name}|$(escape "$value")|g;"
done

sed -e "$script" "$PROMETHEUS_TEMPLATE" > "$PROMETHEUS_CONFIG_FILE"

if [ "${PROMETHEUS_RENDER_ONLY:-0}" = "1" ]; then
    exit 0
fi
exec prometheus --config.file="$PROMETHEUS_CONFIG_FILE" "$@"
