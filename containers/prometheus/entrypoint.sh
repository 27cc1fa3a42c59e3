#!/bin/sh
# Renders prometheus.yml.tmpl from the environment, then starts Prometheus with the rendered file
# and the container arguments ("$@"). POSIX sh and sed only: the prom/prometheus image is busybox.
# PROMETHEUS_RENDER_ONLY=1 renders and exits, so tests can check exactly what the container would run.
#
# Optional components: AGGREGATOR_TARGET, REDIS_EXPORTER_TARGET, MIMIR_TARGET, TEMPO_TARGET and LOKI_TARGET
# keep their default when unset, but set to the empty string they mean "not deployed" (the AppHost's
# Processes mode has no Mimir, Tempo, Loki or redis exporter): the job renders as "targets: []", so it
# is scraped nowhere and has no up series that could read 0 and page. The other variables, including
# GATEWAY_API_TARGET and ALERTMANAGER_TARGET, fall back to their default when empty.
# MIMIR_REMOTE_WRITE_URL: unset follows MIMIR_TARGET (http://$MIMIR_TARGET/api/v1/push, or no remote
# write when MIMIR_TARGET is empty); set to the empty string, the remote_write block is left out; set to
# a URL, that URL is used even when MIMIR_TARGET is empty (a Mimir that this Prometheus does not scrape).
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
: "${ALERTMANAGER_TARGET:=alertmanager:9093}"
# No colon: only an unset variable takes the default, an empty one stays empty and means "not deployed".
: "${AGGREGATOR_TARGET=aggregator:8080}"
: "${REDIS_EXPORTER_TARGET=redis-exporter:9121}"
: "${MIMIR_TARGET=mimir:9009}"
: "${TEMPO_TARGET=tempo:3200}"
: "${LOKI_TARGET=loki:3100}"
: "${MIMIR_REMOTE_WRITE_URL=${MIMIR_TARGET:+http://$MIMIR_TARGET/api/v1/push}}"
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
    if [ -z "$value" ]; then
        # An empty target in the template's ['${NAME}'] form becomes an empty list, which Prometheus
        # accepts as a job with nothing to scrape; [''] is rejected ("no address").
        script="${script}s|\\['\${$name}']|[]|g;"
    fi
    script="${script}s|\${$name}|$(escape "$value")|g;"
done
if [ -z "$MIMIR_REMOTE_WRITE_URL" ]; then
    # No Mimir: drop the top-level remote_write key with its indented and blank lines (up to the next
    # top-level line), since an empty URL is invalid and writes to an absent Mimir only queue and fail.
    script="/^remote_write:/,/^[^ ]/{/^remote_write:/d;/^ /d;/^\$/d;};${script}"
fi

sed -e "$script" "$PROMETHEUS_TEMPLATE" > "$PROMETHEUS_CONFIG_FILE"

if [ "${PROMETHEUS_RENDER_ONLY:-0}" = "1" ]; then
    exit 0
fi
# PROMETHEUS_LISTEN_HOST (optional): listen on that address at PROMETHEUS_PORT. A local process is given its
# port in the environment (the AppHost's Processes mode), where a container relies on a port mapping.
if [ -n "${PROMETHEUS_LISTEN_HOST:-}" ]; then
    set -- --web.listen-address="$PROMETHEUS_LISTEN_HOST:$PROMETHEUS_PORT" "$@"
fi
exec prometheus --config.file="$PROMETHEUS_CONFIG_FILE" "$@"
