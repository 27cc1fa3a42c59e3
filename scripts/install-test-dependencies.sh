#!/usr/bin/env bash
# Installs the Debian packages whose servers and tools the tests run as real local processes.
set -euo pipefail

declare -A packages=(
    [redis-server]=redis-server
    [prometheus]=prometheus
    [promtool]=prometheus
    [prometheus-alertmanager]=prometheus-alertmanager
    [amtool]=prometheus-alertmanager
    [rsvg-convert]=librsvg2-bin
    [node]=nodejs
    [npm]=npm
)
missing=()
for command in "${!packages[@]}"; do
    command -v "$command" >/dev/null 2>&1 || missing+=("${packages[$command]}")
done
[[ -x /usr/lib/postgresql/15/bin/postgres ]] || missing+=(postgresql-15)

if ((${#missing[@]})); then
    sudo_cmd=""
    [[ $(id -u) -eq 0 ]] || sudo_cmd="sudo"
    mapfile -t unique < <(printf '%s\n' "${missing[@]}" | sort -u)
    echo "Installing test dependencies: ${unique[*]}"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${unique[@]}" >/dev/null
fi

# Grafana's query grammars (lezer) for the dashboard and alert-rule query tests; the tests also run
# this lazily when node_modules is missing.
grafana_query_parser="$(dirname "$0")/../containers/grafana/tests"
if [[ ! -d "$grafana_query_parser/node_modules/@prometheus-io/lezer-promql" ]]; then
    (cd "$grafana_query_parser" && npm ci --no-audit --no-fund --loglevel=error)
fi
