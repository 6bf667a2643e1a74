#!/usr/bin/env bash
# Soak the auth path: wrk through nginx for a minute against a build behind auth_request to the real
# `runbot-vscode serve`, with a valid cookie (bench/auth-wrk.sh's scenario (c)), on loopback only.
# The baseline, measured first in the same run, is scenario (b): the same location behind auth_request to a keepalive
# upstream where nginx returns 204. The service's RSS is read from /proc once a second during the soak.
# Prints requests/s, p50 and p99 of both, the number of non-2xx responses and socket errors in the soak, and the
# service's RSS samples (first, last, min, max, and the growth between the first and last ten seconds).
# Fails if any soak response is not 2xx.
#
# Usage: bench/soak.sh   (as root or a user that can run nginx; PostgreSQL from tests/infra/start-postgres.sh)
# Environment: DURATION (soak seconds, default 60), BASELINE_DURATION (seconds, default 15), CONNECTIONS (default 32),
#              RUNBOTVSCODE_BENCH_PG_HOST (socket folder, default /tmp/rvs-pg-bench),
#              RUNBOTVSCODE_BENCH_NGINX (default /usr/sbin/nginx).
# Everything it starts lives in one temporary folder and is stopped by pid on exit.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
duration=${DURATION:-60}
baseline_duration=${BASELINE_DURATION:-15}
connections=${CONNECTIONS:-32}
warmup=3
bench_name=soak
# shellcheck source=bench/lib/auth-bench-setup.sh
source "$root/bench/lib/auth-bench-setup.sh"

# Runs wrk for one scenario and writes its report to $work/<name>.txt; a warm-up run comes first and is discarded.
measure() {
    local name=$1 seconds=$2; shift 2
    echo "soak: $name: ${warmup}s warm-up, ${seconds}s measured" >&2
    wrk -t1 -c"$connections" -d"${warmup}s" "$@" "http://127.0.0.1:$front_port/" >/dev/null
    wrk -t1 -c"$connections" -d"${seconds}s" --latency "$@" "http://127.0.0.1:$front_port/" >"$work/$name.txt"
}

# One RSS sample a second, with the seconds since the soak started, until the sampler is stopped.
sample_rss() {
    local start=$SECONDS
    while :; do
        echo "$((SECONDS - start)) $(awk '/^VmRSS/ { print $2 }' "/proc/$service_pid/status" 2>/dev/null || echo 0)"
        sleep 1
    done
}

measure stub "$baseline_duration" -H "Host: stub.bench.localhost"
echo "soak: service: ${warmup}s warm-up, then ${duration}s measured with RSS sampled every second" >&2
wrk -t1 -c"$connections" -d"${warmup}s" -H "Host: $editor_host" -H "Cookie: $cookie" "http://127.0.0.1:$front_port/" >/dev/null
sample_rss >"$work/rss.txt" &
sampler_pid=$!
wrk -t1 -c"$connections" -d"${duration}s" --latency -H "Host: $editor_host" -H "Cookie: $cookie" "http://127.0.0.1:$front_port/" >"$work/service.txt"
kill "$sampler_pid" 2>/dev/null || true
wait "$sampler_pid" 2>/dev/null || true
sampler_pid=""
kill -0 "$service_pid" 2>/dev/null || { echo "soak: the service exited during the soak; its log:" >&2; tail -n 20 "$work/service.log" >&2; exit 1; }

echo "wrk -t1 -c$connections --latency, ${baseline_duration}s baseline and ${duration}s soak, each after a ${warmup}s warm-up; $(nproc) cores; $(uptime | sed 's/.*load/load/')"
python3 - "$work" <<'EOF'
import re, sys
work = sys.argv[1]
units = {"us": 0.001, "ms": 1.0, "s": 1000.0}

def parse(name):
    text = open(f"{work}/{name}.txt").read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    requests = int(re.search(r"(\d+) requests in", text).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    latency = {}
    for percentile in ("50", "99"):
        value, unit = re.search(rf"^\s+{percentile}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M).groups()
        latency[percentile] = float(value) * units[unit]
    return {
        "rps": rps, "p50": latency["50"], "p99": latency["99"], "requests": requests,
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": sum(int(group) for group in errors.groups()) if errors else 0,
    }

rows = {"stub": parse("stub"), "service": parse("service")}
labels = {"stub": "(b) auth_request to nginx 204 (baseline)", "service": "(c) auth_request to auth_check (soak)"}
print(f"| {'scenario':42} | {'requests':>9} | {'requests/s':>10} | {'p50 ms':>7} | {'p99 ms':>7} | {'non-2xx':>7} | {'socket errors':>13} |")
print(f"|{'-' * 44}|{'-' * 10}:|{'-' * 11}:|{'-' * 8}:|{'-' * 8}:|{'-' * 8}:|{'-' * 14}:|")
for name, row in rows.items():
    print(f"| {labels[name]:42} | {row['requests']:>9} | {row['rps']:>10.0f} | {row['p50']:>7.2f} | {row['p99']:>7.2f} | {row['non_2xx']:>7} | {row['socket_errors']:>13} |")
print()
print(f"(c)/(b) requests/s: {rows['service']['rps'] / rows['stub']['rps']:.2f}")
samples = [int(line.split()[1]) for line in open(f"{work}/rss.txt") if line.split()[1:] and line.split()[1] != "0"]
mib = [sample / 1024 for sample in samples]
print(f"service RSS over {len(mib)} samples 1 s apart: first {mib[0]:.0f} MiB, last {mib[-1]:.0f} MiB, min {min(mib):.0f} MiB, max {max(mib):.0f} MiB")
if len(mib) >= 20:
    head, tail = sum(mib[:10]) / 10, sum(mib[-10:]) / 10
    print(f"mean of the first ten samples {head:.1f} MiB, of the last ten {tail:.1f} MiB, growth {tail - head:+.1f} MiB")
print("RSS samples (MiB): " + " ".join(f"{value:.0f}" for value in mib))
failed = rows["service"]["non_2xx"] + rows["service"]["socket_errors"]
sys.exit(1 if failed else 0)
EOF
