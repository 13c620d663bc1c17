#!/usr/bin/env bash
# Runs every check and every test of the repository (contracts.md "Run the tests"; .ci/run calls this).
#
#   ./test.sh
#
# 1. Installs what the tests need where it is missing (as root: Debian chromium, PostgreSQL server; dotnet tools).
# 2. Starts a throwaway PostgreSQL on 127.0.0.1 as a non-root user and exports KC_TEST_POSTGRES for the tests;
#    stops it and deletes its folder on exit, also on failure or Ctrl-C.
# 3. Builds the solution once, then checks formatting and pending EF migrations (both providers).
# 4. Runs every test project, prints `tests: N passed, N failed, N skipped` alone on a line and exits non-zero on
#    any failure, any failed check, or when no test ran.
#
# Settings (environment): KC_PG_PORT (first port to try, default 55432; the next free one is taken when busy),
# KC_SKIP_FORMAT=1 (skip the format check locally; never in CI).
set -euo pipefail

cd "$(dirname "$0")"
repo=$(pwd)

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export TESTINGPLATFORM_TELEMETRY_OPTOUT=1 DOTNET_GENERATE_ASPNET_CERTIFICATE=false
ci=${CI:-false}
[[ $ci == true || $ci == 1 ]] && ci=true || ci=false
is_root=false
[[ $(id -u) -eq 0 ]] && is_root=true

# ---------------------------------------------------------------- output helpers
started=$(date +%s)
phase_start=$started
phase_name=""
timings=()
say() { printf '\n==> %s\n' "$*"; }
phase() {
    local now
    now=$(date +%s)
    if [[ -n $phase_name ]]; then
        timings+=("$(printf '%-24s %4ss' "$phase_name" "$((now - phase_start))")")
    fi
    phase_name=$1
    phase_start=$now
    [[ -n $phase_name ]] && say "$phase_name"
    return 0
}
timings_printed=false
print_timings() {
    $timings_printed && return 0
    timings_printed=true
    phase ""
    printf '\nTimings:\n'
    printf '  %s\n' "${timings[@]}"
    printf '  %-24s %4ss\n' "total" "$(($(date +%s) - started))"
}

# ---------------------------------------------------------------- cleanup (trap)
pg_dir=""
pg_bin=""
pg_as=()
child=""
# Long steps run in the background and are waited for, so a signal reaches the trap at once (bash defers traps
# while a foreground command runs); the trap then ends that step's process tree, by process id.
run() {
    "$@" &
    child=$!
    wait "$child"
}
kill_tree() {
    local pid=$1 sub
    for sub in $(ps -o pid= --ppid "$pid" 2>/dev/null); do
        kill_tree "$sub"
    done
    kill -TERM "$pid" 2>/dev/null || true
}
on_signal() {
    trap - INT TERM
    echo "interrupted: stopping" >&2
    [[ -n $child ]] && kill_tree "$child"
    exit "$1"
}
cleanup() {
    local rc=$?
    ((rc == 0)) || print_timings >&2
    if [[ -n $pg_dir && -d $pg_dir ]]; then
        if [[ -f $pg_dir/data/postmaster.pid ]]; then
            "${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1 || true
        fi
        rm -rf "$pg_dir"
    fi
    if $ci; then
        # Build servers (MSBuild nodes, compiler, Razor) would outlive the run holding CI's output open.
        dotnet build-server shutdown >/dev/null 2>&1 || true
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'on_signal 130' INT
trap 'on_signal 143' TERM

# ---------------------------------------------------------------- 1. what the tests need
phase "prerequisites"
missing_apt=()
[[ -x /usr/bin/chromium ]] || missing_apt+=(chromium)
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
[[ -n $pg_bin && -x $pg_bin/initdb && -x $pg_bin/pg_ctl ]] || { pg_bin=""; missing_apt+=(postgresql); }

if ((${#missing_apt[@]} > 0)); then
    if $is_root && command -v apt-get >/dev/null; then
        echo "Installing with apt: ${missing_apt[*]}"
        if [[ " ${missing_apt[*]} " == *" postgresql "* ]]; then
            # The tests start their own throwaway cluster; Debian's default cluster would only be in the way.
            mkdir -p /etc/postgresql-common
            conf=/etc/postgresql-common/createcluster.conf
            if [[ -f $conf ]] && grep -Eq '^[[:space:]]*#?[[:space:]]*create_main_cluster' "$conf"; then
                sed -i -E 's/^[[:space:]]*#?[[:space:]]*create_main_cluster.*/create_main_cluster = false/' "$conf"
            else
                echo 'create_main_cluster = false' >>"$conf"
            fi
        fi
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq "${missing_apt[@]}" >/dev/null
        pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    elif $ci; then
        echo "error: CI needs ${missing_apt[*]} and cannot install them (not root, or no apt-get)." >&2
        exit 1
    else
        echo "note: missing ${missing_apt[*]}; install with: sudo apt-get install ${missing_apt[*]}"
        echo "      (browser tests skip without chromium; PostgreSQL tests skip without a server)"
    fi
fi
dotnet tool restore >/dev/null
# Independent HL7 v2 peer (npm simple-hl7) for the interop tests; they skip with a message without it.
hl7_peer=tests/KetamineClinic.Interop.Tests/Hl7v2/node
if command -v npm >/dev/null; then
    if [[ ! -d $hl7_peer/node_modules ]]; then
        npm ci --prefix "$hl7_peer" --no-audit --no-fund --silent || { $ci && { echo "error: npm ci for the HL7 peer failed" >&2; exit 1; }; }
    fi
    # Independent FHIR client (npm fhir-kit-client) for the questionnaire interop test.
    fhir_peer=tests/KetamineClinic.Web.Tests/Questionnaires/node
    if [[ ! -d $fhir_peer/node_modules ]]; then
        npm ci --prefix "$fhir_peer" --no-audit --no-fund --silent || { $ci && { echo "error: npm ci for the FHIR peer failed" >&2; exit 1; }; }
    fi
elif $ci; then
    echo "error: CI needs node and npm for the HL7 v2 interop tests." >&2
    exit 1
fi

# ---------------------------------------------------------------- 2. throwaway PostgreSQL
phase "postgresql"
unset KC_TEST_POSTGRES # never reuse a server this script did not start
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if [[ -n $pg_bin && -x $pg_bin/initdb ]]; then
    if $is_root; then
        id -u postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
        # PostgreSQL refuses to run as root; `env -C /` because the clone may sit under a folder postgres cannot read.
        pg_as=(runuser -u postgres -- env -C /)
    else
        pg_as=(env -C /)
    fi
    # In /tmp, not $TMPDIR: the postgres user must be able to reach it.
    pg_dir=$(mktemp -d /tmp/kc-pg.XXXXXX)
    chmod 755 "$pg_dir"
    $is_root && chown postgres: "$pg_dir"
    port=${KC_PG_PORT:-55432}
    for _ in $(seq 1 50); do
        port_busy "$port" || break
        port=$((port + 1))
    done
    "${pg_as[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 --locale=C --no-sync >"$pg_dir/initdb.log" 2>&1 ||
        { cat "$pg_dir/initdb.log" >&2; echo "error: initdb failed" >&2; exit 1; }
    if "${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 30 \
        -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        start >/dev/null; then
        export KC_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres"
        echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data in $pg_dir)"
    else
        cat "$pg_dir/server.log" >&2 || true
        echo "error: could not start PostgreSQL" >&2
        exit 1
    fi
elif $ci; then
    echo "error: no PostgreSQL server binaries; CI must run the PostgreSQL tests" >&2
    exit 1
else
    echo "note: PostgreSQL not installed: PostgreSQL tests will be skipped (each says why)."
fi

# ---------------------------------------------------------------- 3. build and checks
phase "build"
run dotnet build KetamineClinic.slnx -nologo -v:q -clp:NoSummary

failed_checks=()
if [[ ${KC_SKIP_FORMAT:-} == 1 && $ci != true ]]; then
    echo "note: format check skipped (KC_SKIP_FORMAT=1)"
else
    phase "format check"
    # Code style and analyzers are already errors in the build (EnforceCodeStyleInBuild, TreatWarningsAsErrors);
    # what the build cannot see is whitespace. Folder mode checks it without loading the projects: seconds instead
    # of the minutes a full `dotnet format` takes on 2 cores (docs/performance.md).
    if ! run dotnet format whitespace . --folder --verify-no-changes --exclude '**/bin/' '**/obj/' --verbosity quiet; then
        echo "error: whitespace differs from .editorconfig: run 'dotnet format whitespace . --folder --exclude **/bin/ **/obj/' (or 'dotnet format KetamineClinic.slnx') and commit the result" >&2
        failed_checks+=("format")
    fi
fi

# Every test project must be in the solution, or `dotnet test --solution` would silently leave it out.
for proj in tests/*/*.csproj; do
    if grep -q '<IsTestProject>true</IsTestProject>' "$proj" && ! grep -qF "Path=\"$proj\"" KetamineClinic.slnx; then
        echo "error: $proj is a test project missing from KetamineClinic.slnx (dotnet sln KetamineClinic.slnx add $proj)" >&2
        failed_checks+=("solution")
    fi
done

phase "migrations check"
if ! run scripts/migrations.sh check; then
    echo "error: the EF model has changes without a migration: run 'scripts/migrations.sh add <Name>'" >&2
    failed_checks+=("migrations")
fi

# ---------------------------------------------------------------- 4. tests
phase "tests"
results=$repo/TestResults/test-sh
rm -rf "$results"
mkdir -p "$results"
test_rc=0
# One `dotnet test` over the solution, one module at a time: on 2 cores the web and browser suites slow each other
# down more than running them side by side saves (docs/performance.md). Exit code 8 ("zero tests ran") is judged
# below over all modules together, so a project still without tests does not fail the run on its own.
run dotnet test --solution KetamineClinic.slnx --no-build --no-progress --no-ansi --max-parallel-test-modules 1 \
    --report-xunit-trx --results-directory "$results" --ignore-exit-code 8 --timeout 30m || test_rc=$?

passed=0 failed=0 skipped=0
shopt -s nullglob
trx_files=("$results"/*.trx "$results"/*/*.trx)
counters=""
count() {
    local n
    n=$(sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters")
    echo "${n:-0}"
}
for trx in "${trx_files[@]}"; do
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1 || true)
    passed=$((passed + $(count passed)))
    failed=$((failed + $(count failed) + $(count error) + $(count timeout) + $(count aborted)))
    skipped=$((skipped + $(count notExecuted)))
done

list_outcome() {
    local outcome=$1 title=$2 names
    names=$(cat "${trx_files[@]}" /dev/null | grep -Eo "<UnitTestResult [^>]*outcome=\"($outcome)\"[^>]*>" |
        sed -n 's/.*testName="\([^"]*\)".*/  \1/p' | sed 's/&quot;/"/g; s/&amp;/\&/g; s/&lt;/</g; s/&gt;/>/g' || true)
    if [[ -n $names ]]; then
        printf '\n%s:\n%s\n' "$title" "$names"
    fi
}
list_outcome NotExecuted "Skipped tests"
list_outcome "Failed|Error|Timeout|Aborted" "Failed tests"

print_timings

status=0
if ((${#trx_files[@]} == 0)); then
    echo "error: no test results were written (did a test host crash?)" >&2
    status=1
fi
if ((test_rc != 0)); then
    echo "error: dotnet test exited with $test_rc" >&2
    status=1
fi
if ((passed + failed == 0)); then
    echo "error: no test ran" >&2
    status=1
fi
if ((failed > 0)); then
    status=1
fi
if ((${#failed_checks[@]} > 0)); then
    echo "error: failed checks: ${failed_checks[*]}" >&2
    status=1
fi

echo
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
