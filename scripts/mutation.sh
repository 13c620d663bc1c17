#!/usr/bin/env bash
# Mutation testing of the clinical rules (src/KetamineClinic.Domain) with Stryker.NET, run by the Domain tests
# (stack-notes pitfall 11: --test-runner mtp, direct ProjectReference). Not part of CI: a full pass takes minutes
# per hundred mutants (docs/performance.md). The configuration is stryker-config.json at the repo root; the
# break threshold there (80 %) makes this script fail below the project's bar.
#
#   scripts/mutation.sh                      full pass over Domain
#   scripts/mutation.sh --since main         only files changed since main
#   scripts/mutation.sh -m 'Infusions/**/*.cs'   one area (glob relative to src/KetamineClinic.Domain)
#   any other dotnet-stryker option passes through (e.g. -c 1 on a busy machine)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
dotnet tool restore >/dev/null
out="$root/StrykerOutput/$(date -u +%Y%m%dT%H%M%SZ)"
log="$out.log"
mkdir -p "$root/StrykerOutput"
start=$(date +%s)
rc=0
# Stryker runs from the test project's folder (in the repo root it would switch to solution mode).
(cd tests/KetamineClinic.Domain.Tests &&
    dotnet stryker --config-file ../../stryker-config.json --output "$out" "$@") 2>&1 | tee "$log" || rc=$?
elapsed=$(($(date +%s) - start))

tested=$(grep -Eo '[0-9]+ +total mutants will be tested' "$log" | grep -Eo '^[0-9]+' | tail -n 1 || true)
score=$(grep -Eo 'final mutation score is [0-9.]+ ?%' "$log" | grep -Eo '[0-9.]+' | tail -n 1 || true)
echo
echo "mutation score: ${score:-unknown} % (${tested:-?} mutants tested in ${elapsed}s; report: $out/reports/mutation-report.html)"
if [[ -n ${tested:-} && ${tested:-0} -gt 0 ]]; then
    echo "runtime: $((elapsed * 100 / tested)) s per 100 mutants on $(nproc) cores"
fi
exit "$rc"
