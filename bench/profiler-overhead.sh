#!/usr/bin/env bash
# Profiler overhead: alternating profiler-off / profiler-on phases of the same workload in one process.
# Usage: bash bench/profiler-overhead.sh [phaseSeconds=30] [pairs=3] [sampleSeconds=2] [intervalSeconds=15] [payloadBytes=262144]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/ProfilerOverhead -c Release -nologo -clp:ErrorsOnly
dotnet bench/ProfilerOverhead/bin/Release/net10.0/ProfilerOverhead.dll "$@"
