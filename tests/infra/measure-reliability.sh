#!/usr/bin/env bash
# Measure the figures of docs/reliability.md in one run: the machine, the verifier fuzz run at its default count
# (the baseline) and at RUNBOTVSCODE_FUZZ_COUNT (default 1,000,000), and the fault and hostile-input suites with the
# timings they print. Needs the services of tests/run.sh: RUNBOTVSCODE_TEST_PG_HOST must name a running cluster's
# socket folder, and the suites mount tmpfs and start a second dockerd, so run it as root.
# Usage: tests/infra/measure-reliability.sh [LOG]    (default /tmp/runbot-vscode-reliability.log)
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
log=${1:-/tmp/runbot-vscode-reliability.log}
count=${RUNBOTVSCODE_FUZZ_COUNT:-1000000}
: "${RUNBOTVSCODE_TEST_PG_HOST:?set it to the socket folder of a cluster started with tests/infra/start-postgres.sh}"
export RUNBOTVSCODE_TEST_NGINX=${RUNBOTVSCODE_TEST_NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}

cd "$root"
{
    echo "== machine"
    date -u +%FT%TZ
    git rev-parse --short HEAD
    lscpu | grep -E '^(Model name|CPU\(s\))'
    free -g | sed -n 2p
    uname -r
    dotnet --version
    "$RUNBOTVSCODE_TEST_NGINX" -v 2>&1
    dockerd --version
} >"$log"

dotnet build RunbotVsCode.sln -c Release -nologo -v quiet >/dev/null

fuzz() {
    local started ended
    started=$(date +%s.%N)
    env -u RUNBOTVSCODE_FUZZ_COUNT "$@" dotnet test tests/RunbotVsCode.Tests -c Release --no-build -nologo \
        --filter "FullyQualifiedName~SignedValueFuzzTests.Verify_RandomAndMutatedInputs_AcceptsNone" \
        --logger "console;verbosity=detailed" | grep -E '^ *(Fuzzing|Valid:|Passed|Failed) ' | sort -u
    ended=$(date +%s.%N)
    echo "wall seconds: $(echo "$ended - $started" | bc)"
}

{
    echo "== fuzz, default count (baseline)"
    fuzz
    echo "== fuzz, $count inputs"
    fuzz RUNBOTVSCODE_FUZZ_COUNT="$count"
    echo "== fault and hostile-input suites"
    dotnet test tests/RunbotVsCode.IntegrationTests -c Release --no-build -nologo \
        --filter "FullyQualifiedName~RunbotVsCode.Faults" --logger "console;verbosity=normal" \
        | grep -E '^ *(Passed|Failed|Skipped) |ms after|Cookie headers|hostile rows|Baseline|Start-up error|Total tests|Passed:|Failed:' | sort -u
} >>"$log" 2>&1

cat "$log"
