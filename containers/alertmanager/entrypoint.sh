#!/bin/sh
# Renders alertmanager.yml.tmpl from the environment, then starts Alertmanager with the rendered file
# and the container arguments ("$@"). POSIX sh and sed only: the prom/alertmanager image is busybox.
# The SMTP settings fall back to Grafana's GF_SMTP_* variables, so one set serves both alert layers.
# ALERTMANAGER_RENDER_ONLY=1 renders and exits, so tests can check exactly what the container would run.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
: "${ALERTMANAGER_TEMPLATE:=$here/alertmanager.yml.tmpl}"
: "${ALERTMANAGER_CONFIG_FILE:=/tmp/alertmanager.yml}"
: "${ALERTMANAGER_BINARY:=alertmanager}"
: "${ALERTMANAGER_PORT:=9093}"
: "${SMTP_HOST:=${GF_SMTP_HOST:-localhost:25}}"
: "${SMTP_FROM:=${GF_SMTP_FROM_ADDRESS:-alertmanager@gatewayz.invalid}}"
: "${SMTP_USER:=${GF_SMTP_USER:-}}"
: "${SMTP_PASSWORD:=${GF_SMTP_PASSWORD:-}}"
: "${ALERT_EMAIL_OPS:=ops@gatewayz.invalid}"
: "${ALERT_EMAIL_CRIT:=oncall@gatewayz.invalid}"
: "${ALERT_WEBHOOK_URL:=}"

# Escapes a value for a single-quoted YAML scalar and then for the replacement side of sed s|||.
escape() {
    printf '%s' "$1" | sed -e "s/'/''/g" -e 's/[\\|&]/\\&/g'
}

script=""
for name in SMTP_HOST SMTP_FROM SMTP_USER SMTP_PASSWORD ALERT_EMAIL_OPS ALERT_EMAIL_CRIT ALERT_WEBHOOK_URL; do
    eval "value=\${$name}"
    script="${script}s|\${$name}|$(escape "$value")|g;"
done
if [ -n "$ALERT_WEBHOOK_URL" ]; then
    script="${script}s|^\( *\)#webhook |\1|;"
fi

umask 077 # the rendered file holds the SMTP password
sed -e "$script" "$ALERTMANAGER_TEMPLATE" > "$ALERTMANAGER_CONFIG_FILE"

if [ "${ALERTMANAGER_RENDER_ONLY:-0}" = "1" ]; then
    exit 0
fi
# ALERTMANAGER_LISTEN_HOST (optional): listen on that address at ALERTMANAGER_PORT. A local process is given its
# port in the environment (the AppHost's Processes mode), where a container relies on a port mapping.
if [ -n "${ALERTMANAGER_LISTEN_HOST:-}" ]; then
    set -- --web.listen-address="$ALERTMANAGER_LISTEN_HOST:$ALERTMANAGER_PORT" "$@"
fi
exec "$ALERTMANAGER_BINARY" --config.file="$ALERTMANAGER_CONFIG_FILE" "$@"
