#!/usr/bin/env bash
# Run every test of RunbotVsCode against real services: install what is missing (Debian 12, as root), start a
# throwaway PostgreSQL and a Docker engine (or reuse the one answering on /var/run/docker.sock), build the test
# image from a debootstrap root, build, run all test projects, and end with one line
# "N passed, N failed, N skipped". nginx instances are started by the tests themselves on loopback ports.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=${RUNBOTVSCODE_TEST_WORK:-/tmp/runbot-vscode-tests}
results="$work/results"
mkdir -p "$work"
rm -rf "$results"

bash "$root/tests/infra/install-packages.sh" postgresql nginx curl ca-certificates docker.io debootstrap chromium

pg="$work/pg"
export RUNBOTVSCODE_INFRA_DIR="$work/docker"
dockerd_pid=""
cleanup() {
    bash "$root/tests/infra/stop-postgres.sh" "$pg" || true
    # Stop the engine only when this run started it; an engine that was already running is left alone.
    [[ -n "$dockerd_pid" ]] && bash "$root/tests/infra/stop-dockerd.sh" || true
}
trap cleanup EXIT
export RUNBOTVSCODE_TEST_PG_HOST=$(bash "$root/tests/infra/start-postgres.sh" "$pg")
export RUNBOTVSCODE_TEST_NGINX=$(command -v nginx || echo /usr/sbin/nginx)
dockerd_pid=$(bash "$root/tests/infra/start-dockerd.sh")
bash "$root/tests/infra/build-test-image.sh" >/dev/null
export RUNBOTVSCODE_TEST_DOCKER=1

cd "$root"
dotnet build RunbotVsCode.sln -c Release -nologo -v quiet
# One project at a time: the machine has two cores, and each run writes its own results file.
set +e
test_exit=0
for project in tests/*/*Tests.csproj; do
    name=$(basename "$project" .csproj)
    dotnet test "$project" -c Release --no-build -nologo \
        --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" --results-directory "$results" || test_exit=$?
done

python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
passed = failed = skipped = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    counters = ET.parse(path).getroot().find(f"{ns}ResultSummary/{ns}Counters")
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
    skipped += int(counters.get("notExecuted", 0)) + int(counters.get("inconclusive", 0))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed or passed == 0 else 0)
PY
summary_exit=$?
set -e
exit $(( test_exit != 0 ? test_exit : summary_exit ))
