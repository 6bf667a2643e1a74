#!/usr/bin/env bash
# Measure, in one run, what auth_request costs through nginx, with wrk on loopback only:
#   (a) plain     nginx proxies to a stand-in editor on a unix socket, without auth;
#   (b) stub      the same, behind auth_request to a keepalive upstream where nginx returns 204 (the baseline of (c));
#   (c) service   the generated config: auth_request to this service's auth_check, with a valid cookie.
# Prints requests/s, p50 and p99 latency of each, the ratios (c)/(b) and (b)/(a), and the service's RSS during (c).
#
# Usage: bench/auth-wrk.sh   (as root or a user that can run nginx; PostgreSQL from tests/infra/start-postgres.sh)
# Environment: DURATION (seconds per measurement, default 15), CONNECTIONS (default 32),
#              RUNBOTVSCODE_BENCH_PG_HOST (socket folder, default /tmp/rvs-pg-bench),
#              RUNBOTVSCODE_BENCH_NGINX (default /usr/sbin/nginx).
# Everything it starts lives in one temporary folder and is stopped by pid on exit.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
duration=${DURATION:-15}
connections=${CONNECTIONS:-32}
warmup=3
bench_name=auth-wrk
# shellcheck source=bench/lib/auth-bench-setup.sh
source "$root/bench/lib/auth-bench-setup.sh"

# Runs wrk for one scenario and writes its report to $work/<name>.txt; a warm-up run comes first and is discarded.
measure() {
    local name=$1; shift
    echo "auth-wrk: $name: ${warmup}s warm-up, ${duration}s measured" >&2
    wrk -t1 -c"$connections" -d"${warmup}s" "$@" "http://127.0.0.1:$front_port/" >/dev/null
    wrk -t1 -c"$connections" -d"${duration}s" --latency "$@" "http://127.0.0.1:$front_port/" >"$work/$name.txt"
    if grep -q "Non-2xx" "$work/$name.txt"; then
        echo "auth-wrk: $name got responses other than 2xx or 3xx:" >&2
        cat "$work/$name.txt" >&2
        exit 1
    fi
}

sample_rss() {
    for _ in $(seq $((duration + warmup + 5))); do
        awk '/^VmRSS/ { print $2 }' "/proc/$service_pid/status" 2>/dev/null || true
        sleep 1
    done
}

measure plain -H "Host: plain.bench.localhost"
measure stub -H "Host: stub.bench.localhost"
sample_rss >"$work/rss.txt" &
sampler_pid=$!
measure service -H "Host: $editor_host" -H "Cookie: $cookie"
kill "$sampler_pid" 2>/dev/null || true
wait "$sampler_pid" 2>/dev/null || true
sampler_pid=""

echo "wrk -t1 -c$connections -d${duration}s --latency, after a ${warmup}s warm-up; $(nproc) cores; $(uptime | sed 's/.*load/load/')"
python3 - "$work" <<'EOF'
import re, sys
work = sys.argv[1]
units = {"us": 0.001, "ms": 1.0, "s": 1000.0}

def parse(name):
    text = open(f"{work}/{name}.txt").read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    latency = {}
    for percentile in ("50", "99"):
        value, unit = re.search(rf"^\s+{percentile}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M).groups()
        latency[percentile] = float(value) * units[unit]
    return rps, latency["50"], latency["99"]

rows = {name: parse(name) for name in ("plain", "stub", "service")}
labels = {"plain": "(a) no auth", "stub": "(b) auth_request to nginx 204", "service": "(c) auth_request to auth_check"}
print(f"| {'scenario':32} | {'requests/s':>10} | {'p50 ms':>7} | {'p99 ms':>7} |")
print(f"|{'-' * 34}|{'-' * 11}:|{'-' * 8}:|{'-' * 8}:|")
for name, (rps, p50, p99) in rows.items():
    print(f"| {labels[name]:32} | {rps:>10.0f} | {p50:>7.2f} | {p99:>7.2f} |")
print()
print(f"(c)/(b) requests/s: {rows['service'][0] / rows['stub'][0]:.2f}  (target >= 0.80)")
print(f"(b)/(a) requests/s: {rows['stub'][0] / rows['plain'][0]:.2f}")
rss = [int(line) for line in open(f"{work}/rss.txt") if line.strip()]
if rss:
    print(f"service RSS during (c): min {min(rss) / 1024:.0f} MiB, max {max(rss) / 1024:.0f} MiB ({len(rss)} samples, 1 s apart)")
EOF
