#!/usr/bin/env bash
# Load benchmark: the gateway's overhead over a direct call to a minimal OpenAI-compatible upstream,
# from one run on this machine. Starts a real Redis, the upstream and the gateway in Release with
# full telemetry (Prometheus metrics, real-time store on Redis, every request traced and exported over
# OTLP to a sink in the upstream process, auth and rate limits), then
# runs wrk at 1, 8 and 32 connections against both, measures streaming time-to-first-byte with curl,
# and reads the gateway's resident memory. Writes bench/results/load-latest.md.
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${BENCH_DURATION:-10s}"
# Extra gateway settings for experiments, e.g. BENCH_GATEWAY_ENV="Gatewayz__RateLimits__Enabled=false",
# or trace sampling: BENCH_GATEWAY_ENV="OTEL_TRACES_SAMPLER=parentbased_traceidratio OTEL_TRACES_SAMPLER_ARG=0.1".
# BENCH_PROFILE=1 adds a CPU breakdown of the gateway at 32 connections (perf record).
stream_samples="${BENCH_STREAM_SAMPLES:-300}"
warmup="${BENCH_WARMUP_SECONDS:-20}"
work=$(mktemp -d /tmp/gwz-bench-XXXX)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

for tool in wrk redis-server curl; do
    command -v "$tool" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk redis-server curl >/dev/null; break; }
done

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null \
    || shuf -i 20000-60000 -n 1; }
wait_http() { for _ in $(seq 1 200); do curl -s -o /dev/null "$1" && return 0; sleep 0.1; done; echo "no answer from $1" >&2; exit 1; }

echo "Building (Release)…"
dotnet build Gatewayz.Api -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet build bench/Gatewayz.Bench.Upstream -c Release -nologo -clp:ErrorsOnly >/dev/null

redis_port=$(free_port); upstream_port=$(free_port); gateway_port=$(free_port)
redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no --dir "$work" >/dev/null &
pids+=($!)
ASPNETCORE_URLS="http://127.0.0.1:$upstream_port" dotnet bench/Gatewayz.Bench.Upstream/bin/Release/net10.0/Gatewayz.Bench.Upstream.dll >/dev/null &
pids+=($!)

key="bench-key-0123456789abcdef"
env ASPNETCORE_ENVIRONMENT=Production \
    ConnectionStrings__redis="127.0.0.1:$redis_port" \
    Gatewayz__ApiKeys__0__Key="$key" Gatewayz__ApiKeys__0__Name=bench Gatewayz__ApiKeys__0__UserId=bench \
    Gatewayz__Providers__bench__Kind=OpenAiCompatible \
    Gatewayz__Providers__bench__BaseUrl="http://127.0.0.1:$upstream_port/v1" \
    Gatewayz__Models__bench-model__Routes__0__Provider=bench \
    Gatewayz__Models__bench-model__Routes__0__UpstreamModel=bench-upstream \
    Gatewayz__Models__bench-model__Pricing__InputPerMillion=1 \
    Gatewayz__Models__bench-model__Pricing__OutputPerMillion=2 \
    Gatewayz__RateLimits__KeyRequestsPerMinute=100000000 Gatewayz__RateLimits__KeyTokensPerMinute=100000000000 \
    Gatewayz__RateLimits__UserRequestsPerMinute=100000000 Gatewayz__RateLimits__UserTokensPerMinute=100000000000 \
    Logging__LogLevel__Default=Warning \
    OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$upstream_port" OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf \
    ${BENCH_PROFILE:+DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0} \
    ${BENCH_GATEWAY_ENV:-} \
    dotnet Gatewayz.Api/bin/Release/net10.0/Gatewayz.Api.dll --urls "http://127.0.0.1:$gateway_port" >"$work/gateway.log" 2>&1 &
gateway_pid=$!
pids+=($gateway_pid)

direct="http://127.0.0.1:$upstream_port/v1/chat/completions"
gateway="http://127.0.0.1:$gateway_port/v1/chat/completions"
wait_http "http://127.0.0.1:$upstream_port/v1/models"
wait_http "http://127.0.0.1:$gateway_port/health"

model="bench-model"
export BENCH_MODEL="$model"

run_wrk() { # url key connections → "rps p50_ms p99_ms"
    local out
    out=$(BENCH_KEY="$2" wrk -t "$(( $3 < 2 ? 1 : 2 ))" -c "$3" -d "$duration" --latency -s bench/load/chat.lua "$1")
    local rps p50 p99
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1=="50%" {print $2}' <<<"$out")
    p99=$(awk '$1=="99%" {print $2}' <<<"$out")
    echo "$rps $(to_ms "$p50") $(to_ms "$p99")"
}
to_ms() { awk -v v="$1" 'BEGIN { n=v+0; if (v ~ /us$/) n/=1000; else if (v ~ /ms$/) n=n; else if (v ~ /s$/) n*=1000; printf "%.3f", n }'; }

ttfb() { # url key → "p50_ms p99_ms"
    local auth=() samples="$work/ttfb.txt"
    [[ -n "$2" ]] && auth=(-H "Authorization: Bearer $2")
    : >"$samples"
    for _ in $(seq 1 "$stream_samples"); do
        curl -s -o /dev/null -w '%{time_starttransfer}\n' "${auth[@]}" -H 'Content-Type: application/json' \
            -d "{\"model\":\"$model\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}" "$1" >>"$samples"
    done
    sort -n "$samples" | awk '{v[NR]=$1*1000} END { printf "%.3f %.3f\n", v[int(NR*0.5)], v[int(NR*0.99)] }'
}

# Both servers are .NET: tiered JIT keeps recompiling hot methods for the first ~15 s of load, and a
# path not warmed (the streaming one) runs unoptimised code. Measure steady state, as a server lives.
echo "Warming up (${warmup}s per path)…"
BENCH_KEY="" wrk -t 2 -c 32 -d "${warmup}s" -s bench/load/chat.lua "$direct" >/dev/null
BENCH_KEY="" BENCH_STREAM=1 wrk -t 2 -c 8 -d "$(( warmup / 2 ))s" -s bench/load/chat.lua "$direct" >/dev/null
BENCH_KEY="$key" wrk -t 2 -c 32 -d "${warmup}s" -s bench/load/chat.lua "$gateway" >/dev/null
BENCH_KEY="$key" BENCH_STREAM=1 wrk -t 2 -c 8 -d "$(( warmup / 2 ))s" -s bench/load/chat.lua "$gateway" >/dev/null

report="bench/results/load-latest.md"
mkdir -p bench/results
{
    echo "# Gateway overhead — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, wrk ${duration} per cell"
    echo
    echo "| connections | direct req/s | gateway req/s | throughput ratio | direct p50 ms | gateway p50 ms | added p50 ms | direct p99 ms | gateway p99 ms | added p99 ms |"
    echo "|---|---|---|---|---|---|---|---|---|---|"
} >"$report"
for c in 1 8 32; do
    read -r d_rps d_p50 d_p99 < <(run_wrk "$direct" "" "$c")
    read -r g_rps g_p50 g_p99 < <(run_wrk "$gateway" "$key" "$c")
    awk -v c="$c" -v dr="$d_rps" -v gr="$g_rps" -v d5="$d_p50" -v g5="$g_p50" -v d9="$d_p99" -v g9="$g_p99" 'BEGIN {
        printf "| %d | %.0f | %.0f | %.2f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |\n", c, dr, gr, gr/dr, d5, g5, g5-d5, d9, g9, g9-d9 }' >>"$report"
done

read -r d_t50 d_t99 < <(ttfb "$direct" "")
read -r g_t50 g_t99 < <(ttfb "$gateway" "$key")
rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$gateway_pid/status")
hwm_kb=$(awk '/VmHWM/ {print $2}' "/proc/$gateway_pid/status")
{
    echo
    echo "| streaming time to first byte ($stream_samples requests, curl) | p50 ms | p99 ms |"
    echo "|---|---|---|"
    echo "| direct | $d_t50 | $d_t99 |"
    echo "| gateway | $g_t50 | $g_t99 |"
    awk -v a="$d_t50" -v b="$g_t50" -v c="$d_t99" -v d="$g_t99" 'BEGIN { printf "| added | %.3f | %.3f |\n", b-a, d-c }'
    echo
    echo "Gateway resident memory after the run: $((rss_kb / 1024)) MB (peak $((hwm_kb / 1024)) MB)."
    read -r otlp_requests otlp_bytes < <(curl -s "http://127.0.0.1:$upstream_port/otlp/received")
    echo "OTLP export received from the gateway during the run: $otlp_requests requests, $((otlp_bytes / 1048576)) MB."
} >>"$report"

if [[ -n "${BENCH_PROFILE:-}" ]]; then # where the gateway's CPU goes at 32 connections (perf + the runtime's perf map)
    command -v perf >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq linux-perf >/dev/null; }
    BENCH_KEY="$key" wrk -t 2 -c 32 -d 14s -s bench/load/chat.lua "$gateway" >/dev/null &
    load_pid=$!
    sleep 2
    perf record -F 499 -g -p "$gateway_pid" -o "$work/perf.data" -- sleep 10 >/dev/null 2>&1
    wait "$load_pid"
    { echo; perf script -i "$work/perf.data" 2>/dev/null | python3 bench/load/cpu-breakdown.py; } >>"$report"
fi
cat "$report"
