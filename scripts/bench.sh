#!/usr/bin/env bash
# Benchmarks (BenchmarkDotNet, short in-process job, Release). Results: BenchmarkDotNet.Artifacts/results/ and
# the summary table printed at the end; record the figures in docs/performance.md. Not part of CI.
#
#   scripts/bench.sh                         every benchmark
#   scripts/bench.sh --filter '*Append*'     a subset (any BenchmarkDotNet option passes through)
set -euo pipefail
cd "$(dirname "$0")/.."
args=("$@")
((${#args[@]} > 0)) || args=(--filter '*')
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet run -c Release --project bench/KetamineClinic.Benchmarks -- "${args[@]}" --artifacts BenchmarkDotNet.Artifacts
