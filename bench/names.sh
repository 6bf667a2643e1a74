#!/usr/bin/env bash
# Compare nginx's lookup of exact server names with runbot-style regex names, loopback only.
# One nginx (1 worker) holds BUILDS server blocks that all answer `return 204`, so only the name lookup differs:
#   exact  server_name <dest>-vscode.<host>;                     as this service generates them (the baseline);
#   regex  server_name ~^<dest>(-[a-z0-9_]+)?\.<host>$;          as runbot names its builds.
# A default server answers 404, so a name that matched no block shows up as a non-2xx response.
# wrk sends each request with the next Host header from a shuffled list of NAMES names spread over the whole set.
# Prints requests/s, p50 and p99 of each and the exact/regex ratio.
#
# Usage: bench/names.sh   (as root or a user that can run nginx)
# Environment: BUILDS (default 5000), NAMES (default 1000), DURATION (seconds, default 15), CONNECTIONS (default 32),
#              RUNBOTVSCODE_BENCH_NGINX (default /usr/sbin/nginx).
# Everything it starts lives in one temporary folder and is stopped by pid on exit.
set -euo pipefail

builds=${BUILDS:-5000}
names=${NAMES:-1000}
duration=${DURATION:-15}
connections=${CONNECTIONS:-32}
warmup=3
nginx_bin=${RUNBOTVSCODE_BENCH_NGINX:-/usr/sbin/nginx}
host=runbot-host-1.example.com
# shellcheck source=bench/lib/nginx.sh
source "$(dirname "$0")/lib/nginx.sh"

for tool in wrk python3 curl "$nginx_bin"; do
    command -v "$tool" >/dev/null || { echo "names: $tool is not found; install it (bash tests/infra/install-packages.sh wrk)" >&2; exit 1; }
done

work=$(mktemp -d /tmp/rvs-names.XXXXXX)
chmod 755 "$work"


cleanup() {
    stop_nginx "$work/exact/nginx.pid"
    stop_nginx "$work/regex/nginx.pid"
    rm -rf "$work"
}
trap cleanup EXIT

port=$(free_port)

# Dests as runbot writes them for builds 109 onwards, and the Host list wrk cycles through: every
# (builds / names)-th build, shuffled with a fixed seed so both variants see the same order.
python3 - "$work" "$builds" "$names" "$host" "$port" <<'EOF'
import os, random, sys
work, builds, names, host, port = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
dests = [f"{build_id:05d}-17-0" for build_id in range(109, 109 + builds)]
escaped = host.replace(".", r"\.")
for variant in ("exact", "regex"):
    os.makedirs(f"{work}/{variant}/logs")
    with open(f"{work}/{variant}/servers.conf", "w") as out:
        out.write(f"server {{\n    listen 127.0.0.1:{port} default_server;\n    location / {{ return 404; }}\n}}\n")
        for dest in dests:
            name = f"{dest}-vscode.{host}" if variant == "exact" else f"~^{dest}(-[a-z0-9_]+)?\\.{escaped}$"
            out.write(f"server {{\n    listen 127.0.0.1:{port};\n    server_name {name};\n    location / {{ return 204; }}\n}}\n")
step = max(1, builds // names)
chosen = [f"{dest}-vscode.{host}" for dest in dests[::step][:names]]
random.Random(17).shuffle(chosen)
with open(f"{work}/hosts.txt", "w") as out:
    out.write("\n".join(chosen) + "\n")
EOF

cat >"$work/hosts.lua" <<EOF
local hosts = {}
for line in io.lines("$work/hosts.txt") do hosts[#hosts + 1] = line end
local next_host = 0
request = function()
    next_host = next_host % #hosts + 1
    return wrk.format("GET", "/", { Host = hosts[next_host] })
end
EOF

results=()
for variant in exact regex; do
    prefix=$work/$variant
    nginx_main_conf "$prefix" "    keepalive_requests 1000000;
    include $prefix/servers.conf;" >"$prefix/nginx.conf"
    echo "names: $variant: starting nginx with $builds server blocks" >&2
    "$nginx_bin" -p "$prefix/" -c "$prefix/nginx.conf" 2>"$prefix/start.log"
    # The first, the middle and the last name must match their block; an unknown name must not.
    for probe in "00109-17-0-vscode.$host" "$(printf '%05d' $((109 + builds / 2)))-17-0-vscode.$host" \
                 "$(printf '%05d' $((108 + builds)))-17-0-vscode.$host"; do
        status=$(curl -s -o /dev/null -w '%{http_code}' -H "Host: $probe" "http://127.0.0.1:$port/")
        [[ $status == 204 ]] || { echo "names: $variant: $probe returned $status, not 204" >&2; exit 1; }
    done
    status=$(curl -s -o /dev/null -w '%{http_code}' -H "Host: unknown.$host" "http://127.0.0.1:$port/")
    [[ $status == 404 ]] || { echo "names: $variant: an unknown name returned $status, not 404" >&2; exit 1; }

    echo "names: $variant: ${warmup}s warm-up, ${duration}s measured" >&2
    wrk -t1 -c"$connections" -d"${warmup}s" -s "$work/hosts.lua" "http://127.0.0.1:$port/" >/dev/null
    wrk -t1 -c"$connections" -d"${duration}s" --latency -s "$work/hosts.lua" "http://127.0.0.1:$port/" >"$work/$variant.txt"
    if grep -q "Non-2xx" "$work/$variant.txt"; then
        echo "names: $variant got responses other than 2xx or 3xx:" >&2
        cat "$work/$variant.txt" >&2
        exit 1
    fi
    stop_nginx "$prefix/nginx.pid"
done

echo "$builds server blocks, $(wc -l <"$work/hosts.txt") Host names; wrk -t1 -c$connections -d${duration}s --latency after a ${warmup}s warm-up; $(nproc) cores; $(uptime | sed 's/.*load/load/')"
python3 - "$work" <<'EOF'
import re, sys
work = sys.argv[1]
units = {"us": 0.001, "ms": 1.0, "s": 1000.0}

def parse(name):
    text = open(f"{work}/{name}.txt").read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    requests = int(re.search(r"(\d+) requests in", text).group(1))
    latency = {}
    for percentile in ("50", "99"):
        value, unit = re.search(rf"^\s+{percentile}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M).groups()
        latency[percentile] = float(value) * units[unit]
    return rps, latency["50"], latency["99"], requests

rows = {name: parse(name) for name in ("exact", "regex")}
print(f"| {'server_name':40} | {'requests/s':>10} | {'p50 ms':>7} | {'p99 ms':>7} | {'requests':>9} |")
print(f"|{'-' * 42}|{'-' * 11}:|{'-' * 8}:|{'-' * 8}:|{'-' * 10}:|")
labels = {"exact": "exact <dest>-vscode.<host> (baseline)", "regex": "regex ~^<dest>(-[a-z0-9_]+)?\\.<host>$"}
for name, (rps, p50, p99, requests) in rows.items():
    print(f"| {labels[name]:40} | {rps:>10.0f} | {p50:>7.2f} | {p99:>7.2f} | {requests:>9} |")
print()
print(f"exact/regex requests/s: {rows['exact'][0] / rows['regex'][0]:.1f}")
EOF
