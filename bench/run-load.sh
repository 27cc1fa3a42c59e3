#!/usr/bin/env bash
# Load benchmark: the gateway's overhead over a direct call to a minimal OpenAI-compatible upstream,
# from one run on this machine. Starts a real Redis, the upstream and the gateway in Release with
# full telemetry (Prometheus metrics, real-time store on Redis, every request traced and exported over
# OTLP to a sink in the upstream process, auth and rate limits), then runs wrk at 1, 8 and 32
# connections, non-streamed and streamed, against both, measures streaming time-to-first-byte with
# curl, and reads the gateway's resident memory. Writes bench/results/load-latest.md.
#
# BENCH_BASELINE_REF=<git ref> (e.g. HEAD~3, main, a commit id) also builds that ref's gateway in a
# temporary git worktree and runs it beside the current one, with the same settings, so a change is
# compared with the code before it in one run: this machine is noisy, and only ratios measured in the
# same run mean anything. The current gateway is this checkout's working tree, uncommitted changes
# included.
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${BENCH_DURATION:-10s}"
# Extra gateway settings for experiments (given to both gateways), e.g. BENCH_GATEWAY_ENV="Gatewayz__RateLimits__Enabled=false",
# or trace sampling: BENCH_GATEWAY_ENV="OTEL_TRACES_SAMPLER=parentbased_traceidratio OTEL_TRACES_SAMPLER_ARG=0.1".
# BENCH_PROFILE=1 adds a CPU breakdown of the (current) gateway at 32 connections (perf record).
stream_samples="${BENCH_STREAM_SAMPLES:-300}"
warmup="${BENCH_WARMUP_SECONDS:-20}"
stream_warmup=$(( warmup / 2 > 0 ? warmup / 2 : 1 ))
baseline_ref="${BENCH_BASELINE_REF:-}"
connection_counts=(1 8 32)
modes=(plain stream)
key="bench-key-0123456789abcdef"
model="bench-model"
export BENCH_MODEL="$model"
report="bench/results/load-latest.md"

work=$(mktemp -d /tmp/gwz-bench-XXXX)
baseline_tree="" # the baseline's temporary worktree, once created
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    # Through git, so the repository forgets the worktree too; it lives under $work either way.
    if [[ -n "$baseline_tree" ]]; then git worktree remove --force "$baseline_tree" >/dev/null 2>&1 || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
# On Ctrl-C bash would otherwise die without running the EXIT trap, leaving the servers running and
# the worktree registered. (wrk and dotnet build catch Ctrl-C themselves and exit normally; bash then
# carries on with the next step, so a Ctrl-C stops the step under way, not always the run.)
trap 'exit 130' INT

for tool in wrk redis-server curl; do
    command -v "$tool" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk redis-server curl >/dev/null; break; }
done

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null \
    || shuf -i 20000-60000 -n 1; }

wait_http() { # url [log to show if it never answers] [pid that must stay alive]
    for _ in $(seq 1 600); do
        curl -s -o /dev/null "$1" && return 0
        if [[ -n "${3:-}" ]] && ! kill -0 "$3" 2>/dev/null; then break; fi # it exited: no use waiting
        sleep 0.1
    done
    echo "no answer from $1" >&2
    if [[ -n "${2:-}" ]]; then tail -n 30 "$2" >&2; fi
    exit 1
}

build() { # project name-for-the-log → builds it in Release, showing the errors if it fails
    dotnet build "$1" -c Release -nologo -clp:ErrorsOnly >"$work/build-$2.log" 2>&1 \
        || { echo "building $1 failed:" >&2; tail -n 40 "$work/build-$2.log" >&2; exit 1; }
}

# ---- targets: what a cell is run against ---------------------------------------------------------
# direct is the upstream itself; current is this checkout's gateway; baseline (only with
# BENCH_BASELINE_REF) the ref's. Without a baseline the report calls the current gateway "gateway",
# as it always has.
declare -A url api_key pid_of label
targets=(direct)
[[ -n "$baseline_ref" ]] && targets+=(baseline)
targets+=(current)
label=([direct]=direct [baseline]=baseline [current]=current)
[[ -z "$baseline_ref" ]] && label[current]=gateway

# ---- build -------------------------------------------------------------------------------------
current_desc="working tree at $(git rev-parse --short HEAD)"
if [[ -n "$(git status --porcelain --untracked-files=no)" ]]; then current_desc+=" with uncommitted changes"; fi
if [[ -n "$baseline_ref" ]]; then # resolved first, so a mistyped ref fails before minutes of building
    baseline_commit=$(git rev-parse --verify --quiet "${baseline_ref}^{commit}") \
        || { echo "BENCH_BASELINE_REF=$baseline_ref is not a commit in this repository" >&2; exit 1; }
    baseline_desc="$baseline_ref = $(git log -1 --format='%h "%s"' "$baseline_commit")"
fi
echo "Building (Release)…"
build Gatewayz.Api current
build bench/Gatewayz.Bench.Upstream upstream
if [[ -n "$baseline_ref" ]]; then
    echo "Building the baseline, $baseline_desc, in a temporary worktree (Release)…"
    baseline_tree="$work/baseline-src"
    git worktree add --detach --quiet "$baseline_tree" "$baseline_commit"
    build "$baseline_tree/Gatewayz.Api" baseline
fi

# ---- servers -----------------------------------------------------------------------------------
start_redis() { # port
    redis-server --bind 127.0.0.1 --port "$1" --save '' --appendonly no --dir "$work" >/dev/null &
    pids+=($!)
}

# One function starts both gateways so they get exactly the same settings; only the build, the port
# and the Redis server differ. Each gateway has its own Redis server (same flags) so their rate-limit
# counters, breaker state and real-time metrics never mix, whatever database a ref picks.
read -r -a extra_env <<<"${BENCH_GATEWAY_ENV:-}"
start_gateway() { # target dll port redis_port
    env ASPNETCORE_ENVIRONMENT=Production \
        ConnectionStrings__redis="127.0.0.1:$4" \
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
        "${extra_env[@]}" \
        dotnet "$2" --urls "http://127.0.0.1:$3" >"$work/$1.log" 2>&1 &
    pid_of[$1]=$!
    pids+=($!)
    url[$1]="http://127.0.0.1:$3/v1/chat/completions"
    api_key[$1]="$key"
}

upstream_port=$(free_port)
ASPNETCORE_URLS="http://127.0.0.1:$upstream_port" dotnet bench/Gatewayz.Bench.Upstream/bin/Release/net10.0/Gatewayz.Bench.Upstream.dll >/dev/null &
pids+=($!)
url[direct]="http://127.0.0.1:$upstream_port/v1/chat/completions"
api_key[direct]=""
wait_http "http://127.0.0.1:$upstream_port/v1/models"

for target in "${targets[@]}"; do
    [[ "$target" == direct ]] && continue
    dll="Gatewayz.Api/bin/Release/net10.0/Gatewayz.Api.dll"
    [[ "$target" == baseline ]] && dll="$baseline_tree/$dll"
    redis_port=$(free_port)
    start_redis "$redis_port"
    start_gateway "$target" "$dll" "$(free_port)" "$redis_port"
done
for target in "${targets[@]}"; do
    [[ "$target" == direct ]] && continue
    wait_http "${url[$target]%/v1/chat/completions}/health" "$work/$target.log" "${pid_of[$target]}"
done

# ---- measuring ---------------------------------------------------------------------------------
wrk_at() { # target connections mode seconds-or-duration [extra env…] → wrk's output
    local target=$1 connections=$2 mode=$3 length=$4
    shift 4
    env BENCH_KEY="${api_key[$target]}" BENCH_STREAM="$([[ $mode == stream ]] && echo 1 || echo 0)" "$@" \
        wrk -t "$(( connections < 2 ? 1 : 2 ))" -c "$connections" -d "$length" --latency -s bench/load/chat.lua "${url[$target]}"
}

to_ms() { awk -v v="$1" 'BEGIN { n=v+0; if (v ~ /us$/) n/=1000; else if (v ~ /ms$/) n=n; else if (v ~ /s$/) n*=1000; printf "%.3f", n }'; }

# Results, keyed "mode/connections/target".
declare -A rps p50 p99
notes=() # socket errors and the like, printed under the tables

measure_cell() { # mode connections target → fills rps, p50, p99
    local mode=$1 connections=$2 target=$3 out cell="$1/$2/$3"
    out=$(wrk_at "$target" "$connections" "$mode" "$duration")
    # An error answer is fast and cheap: a cell with any would measure the error path, not the gateway.
    if grep -q 'Non-2xx' <<<"$out"; then
        echo "error responses from $target ($mode, $connections connections):" >&2
        echo "$out" >&2
        [[ "$target" != direct ]] && tail -n 30 "$work/$target.log" >&2
        exit 1
    fi
    if grep -q 'Socket errors' <<<"$out"; then
        notes+=("$mode, $connections connections, ${label[$target]}: $(awk '/Socket errors/ { sub(/^ *Socket errors: */, ""); print }' <<<"$out") (socket errors)")
    fi
    rps[$cell]=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50[$cell]=$(to_ms "$(awk '$1=="50%" {print $2}' <<<"$out")")
    p99[$cell]=$(to_ms "$(awk '$1=="99%" {print $2}' <<<"$out")")
}

# Both servers are .NET: tiered JIT keeps recompiling hot methods for the first ~15 s of load, and a
# path not warmed (the streaming one) runs unoptimised code. Measure steady state, as a server lives.
# Every target gets the same warm-up. The streamed part runs with BENCH_CHECK=1, which proves each
# target answers 200 with whole streams (down to "data: [DONE]") before any cell is timed.
warm_up() { # target
    local target=$1 out
    wrk_at "$target" 32 plain "${warmup}s" >/dev/null
    out=$(wrk_at "$target" 8 stream "${stream_warmup}s" BENCH_CHECK=1)
    if ! grep -q 'checked [1-9][0-9]* responses, 0 failed or incomplete' <<<"$out"; then
        echo "${label[$target]} did not answer the streamed warm-up with complete streams:" >&2
        echo "$out" >&2
        exit 1
    fi
}

# Time to first byte of a stream, one curl request.
ttfb_sample() { # target → seconds
    local auth=()
    [[ -n "${api_key[$1]}" ]] && auth=(-H "Authorization: Bearer ${api_key[$1]}")
    curl -s -o /dev/null -w '%{time_starttransfer}\n' "${auth[@]}" -H 'Content-Type: application/json' \
        -d "{\"model\":\"$model\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}" "${url[$1]}"
}

declare -A ttfb50 ttfb99
measure_ttfb() { # interleaved sample by sample, like the cells, so drift hits every target alike
    local target
    for target in "${targets[@]}"; do : >"$work/ttfb-$target.txt"; done
    for _ in $(seq 1 "$stream_samples"); do
        for target in "${targets[@]}"; do ttfb_sample "$target" >>"$work/ttfb-$target.txt"; done
    done
    for target in "${targets[@]}"; do
        read -r "ttfb50[$target]" "ttfb99[$target]" < <(sort -n "$work/ttfb-$target.txt" \
            | awk '{v[NR]=$1*1000} END { printf "%.3f %.3f\n", v[int(NR*0.5)], v[int(NR*0.99)] }')
    done
}

memory_mb() { # target field (VmRSS or VmHWM) → MB
    awk -v field="$2:" '$1==field { printf "%d", $2/1024 }' "/proc/${pid_of[$1]}/status"
}

# ---- run ---------------------------------------------------------------------------------------
echo "Warming up (${warmup}s non-streamed + ${stream_warmup}s streamed per target: ${targets[*]})…"
for target in "${targets[@]}"; do warm_up "$target"; done

# Interleaved: for each connection count and mode, every target back to back (direct, baseline,
# current), so the machine's drift over the run hits all of them alike.
echo "Measuring ($duration per cell: ${#connection_counts[@]} connection counts × ${#modes[@]} modes × ${#targets[@]} targets)…"
for c in "${connection_counts[@]}"; do
    for mode in "${modes[@]}"; do
        for target in "${targets[@]}"; do measure_cell "$mode" "$c" "$target"; done
    done
done
echo "Streaming time to first byte ($stream_samples requests per target)…"
measure_ttfb

# ---- report ------------------------------------------------------------------------------------
mode_title() { [[ $1 == stream ]] && echo "streamed (wrk, whole stream)" || echo "non-streamed"; }

# Without a baseline: the report's historical shape, plus the same table for streamed requests.
report_overhead_table() { # mode
    local mode=$1 c d g
    echo
    echo "| $( [[ $mode == stream ]] && echo "streamed, connections" || echo connections ) | direct req/s | gateway req/s | throughput ratio | direct p50 ms | gateway p50 ms | added p50 ms | direct p99 ms | gateway p99 ms | added p99 ms |"
    echo "|---|---|---|---|---|---|---|---|---|---|"
    for c in "${connection_counts[@]}"; do
        d="$mode/$c/direct" g="$mode/$c/current"
        awk -v c="$c" -v dr="${rps[$d]}" -v gr="${rps[$g]}" -v d5="${p50[$d]}" -v g5="${p50[$g]}" -v d9="${p99[$d]}" -v g9="${p99[$g]}" 'BEGIN {
            printf "| %d | %.0f | %.0f | %.2f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |\n", c, dr, gr, gr/dr, d5, g5, g5-d5, d9, g9, g9-d9 }'
    done
}

# With a baseline: per mode, one table of throughput and its ratios, one of latency and what each
# gateway adds over direct.
report_comparison_tables() { # mode
    local mode=$1 c d b g
    echo
    echo "### $(mode_title "$mode")"
    echo
    echo "| connections | direct req/s | baseline req/s | current req/s | current / baseline | current / direct | baseline / direct |"
    echo "|---|---:|---:|---:|---:|---:|---:|"
    for c in "${connection_counts[@]}"; do
        d="$mode/$c/direct" b="$mode/$c/baseline" g="$mode/$c/current"
        awk -v c="$c" -v d="${rps[$d]}" -v b="${rps[$b]}" -v g="${rps[$g]}" 'BEGIN {
            printf "| %d | %.0f | %.0f | %.0f | %.2f | %.2f | %.2f |\n", c, d, b, g, g/b, g/d, b/d }'
    done
    echo
    echo "| connections | direct p50 ms | baseline p50 ms | current p50 ms | added p50 ms, baseline | added p50 ms, current | direct p99 ms | baseline p99 ms | current p99 ms | added p99 ms, baseline | added p99 ms, current |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    for c in "${connection_counts[@]}"; do
        d="$mode/$c/direct" b="$mode/$c/baseline" g="$mode/$c/current"
        awk -v c="$c" -v d5="${p50[$d]}" -v b5="${p50[$b]}" -v g5="${p50[$g]}" -v d9="${p99[$d]}" -v b9="${p99[$b]}" -v g9="${p99[$g]}" 'BEGIN {
            printf "| %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |\n", c, d5, b5, g5, b5-d5, g5-d5, d9, b9, g9, b9-d9, g9-d9 }'
    done
}

report_ttfb() {
    local target
    echo
    echo "| streaming time to first byte ($stream_samples requests, curl) | p50 ms | p99 ms |"
    echo "|---|---|---|"
    for target in "${targets[@]}"; do echo "| ${label[$target]} | ${ttfb50[$target]} | ${ttfb99[$target]} |"; done
    for target in "${targets[@]}"; do
        [[ "$target" == direct ]] && continue
        awk -v name="added$( [[ -n "$baseline_ref" ]] && echo ", ${label[$target]}")" -v a="${ttfb50[direct]}" -v b="${ttfb50[$target]}" \
            -v c="${ttfb99[direct]}" -v d="${ttfb99[$target]}" 'BEGIN { printf "| %s | %.3f | %.3f |\n", name, b-a, d-c }'
    done
}

report_memory_and_export() {
    local target otlp_requests otlp_bytes
    echo
    for target in "${targets[@]}"; do
        [[ "$target" == direct ]] && continue
        echo "$( [[ -n "$baseline_ref" ]] && echo "${label[$target]^} gateway" || echo Gateway ) resident memory after the run: $(memory_mb "$target" VmRSS) MB (peak $(memory_mb "$target" VmHWM) MB)."
    done
    read -r otlp_requests otlp_bytes < <(curl -s "http://127.0.0.1:$upstream_port/otlp/received")
    echo "OTLP export received from the $( [[ -n "$baseline_ref" ]] && echo "two gateways together" || echo gateway ) during the run: $otlp_requests requests, $((otlp_bytes / 1048576)) MB."
    if (( ${#notes[@]} > 0 )); then
        echo
        echo "wrk reported socket errors:"
        printf -- '- %s\n' "${notes[@]}"
    fi
}

mkdir -p bench/results
{
    if [[ -z "$baseline_ref" ]]; then
        echo "# Gateway overhead — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, wrk ${duration} per cell"
        for mode in "${modes[@]}"; do report_overhead_table "$mode"; done
    else
        echo "# Gateway overhead, current vs baseline — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, wrk ${duration} per cell"
        echo
        echo "Current: $current_desc. Baseline: $baseline_desc. Same settings, each on its own Redis;"
        echo "each cell ran direct, baseline and current back to back. Compare ratios within this run only."
        for mode in "${modes[@]}"; do report_comparison_tables "$mode"; done
    fi
    report_ttfb
    report_memory_and_export
} >"$report"

if [[ -n "${BENCH_PROFILE:-}" ]]; then # where the current gateway's CPU goes at 32 connections (perf + the runtime's perf map)
    command -v perf >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq linux-perf >/dev/null; }
    wrk_at current 32 plain 14s >/dev/null &
    load_pid=$!
    sleep 2
    perf record -F 499 -g -p "${pid_of[current]}" -o "$work/perf.data" -- sleep 10 >/dev/null 2>&1
    wait "$load_pid"
    { echo; perf script -i "$work/perf.data" 2>/dev/null | python3 bench/load/cpu-breakdown.py; } >>"$report"
fi
cat "$report"
