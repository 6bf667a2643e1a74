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
pg_host=${RUNBOTVSCODE_BENCH_PG_HOST:-/tmp/rvs-pg-bench}
nginx_bin=${RUNBOTVSCODE_BENCH_NGINX:-/usr/sbin/nginx}
service_bin=$root/src/RunbotVsCode.Host/bin/Release/net10.0/runbot-vscode
bench_bin=$root/bench/RunbotVsCode.Benchmarks/bin/Release/net10.0/RunbotVsCode.Benchmarks
database=rvs_soak_$$
host=runbot-host-1.example.com
editor_host=00101-17-0-vscode.$host

for tool in wrk psql python3 "$nginx_bin"; do
    command -v "$tool" >/dev/null || { echo "soak: $tool is not found; install it (bash tests/infra/install-packages.sh wrk)" >&2; exit 1; }
done

work=$(mktemp -d /tmp/rvs-soak.XXXXXX)
chmod 755 "$work"
service_pid=""
sampler_pid=""

stop_nginx() {
    local pid_file=$1
    [[ -f $pid_file ]] || return 0
    local pid
    pid=$(cat "$pid_file")
    # Signal only an nginx master we started: its pid file is in our folder and its command line names nginx.
    if [[ -r /proc/$pid/cmdline ]] && grep -q "nginx: master" "/proc/$pid/cmdline"; then
        kill -QUIT "$pid" 2>/dev/null || true
        for _ in $(seq 50); do [[ -d /proc/$pid ]] || break; sleep 0.1; done
    fi
}

cleanup() {
    [[ -n $sampler_pid ]] && kill "$sampler_pid" 2>/dev/null || true
    if [[ -n $service_pid ]]; then
        kill -TERM "$service_pid" 2>/dev/null || true
        wait "$service_pid" 2>/dev/null || true
    fi
    stop_nginx "$work/front/nginx.pid"
    stop_nginx "$work/backend/nginx.pid"
    psql -q -h "$pg_host" -U postgres -d postgres -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

echo "soak: building Release binaries" >&2
dotnet build -c Release "$root/src/RunbotVsCode.Host" -v q -nologo >/dev/null
dotnet build -c Release "$root/bench/RunbotVsCode.Benchmarks" -v q -nologo >/dev/null

echo "soak: loading the sample database $database" >&2
psql -q -h "$pg_host" -U postgres -d postgres -c "CREATE DATABASE $database" >/dev/null
psql -q -h "$pg_host" -U postgres -d "$database" -v ON_ERROR_STOP=1 -f "$root/samples/runbot-schema.sql" -f "$root/samples/demo-data.sql" >/dev/null

front_port=$(free_port)
stub_port=$(free_port)
service_port=$(free_port)
socket_folder=$work/build/00101-17-0/.vscode-server
socket=$socket_folder/code-server.sock
mkdir -p "$socket_folder" "$work/front/vscode" "$work/front/logs" "$work/backend/logs"
chmod -R 755 "$work/build" "$work/front" "$work/backend"

temp_paths() {
    local prefix=$1
    printf '    client_body_temp_path %s/tmp-body;\n    proxy_temp_path %s/tmp-proxy;\n' "$prefix" "$prefix"
    printf '    fastcgi_temp_path %s/tmp-fastcgi;\n    uwsgi_temp_path %s/tmp-uwsgi;\n    scgi_temp_path %s/tmp-scgi;\n' "$prefix" "$prefix" "$prefix"
}

# The backend nginx replaces code-server on the build's socket and an auth server returning 204.
cat >"$work/backend/nginx.conf" <<EOF
worker_processes 1;
pid $work/backend/nginx.pid;
error_log $work/backend/logs/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
$(temp_paths "$work/backend")
    server {
        listen unix:$socket;
        location / { return 200 "editor\n"; }
    }
    server {
        listen 127.0.0.1:$stub_port;
        keepalive_requests 100000;
        location / { return 204; }
    }
}
EOF
"$nginx_bin" -p "$work/backend/" -c "$work/backend/nginx.conf"

# The front nginx loads the service's file, then servers (a) and (b), which copy the generated editor location's proxy
# settings. The service's first pass writes its file and starts this nginx.
cat >"$work/front/nginx.conf" <<EOF
worker_processes 1;
pid $work/front/nginx.pid;
error_log $work/front/logs/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
$(temp_paths "$work/front")
    include $work/front/vscode/*.conf;
    include $work/front/bench.conf;
}
EOF
editor_proxy="proxy_pass http://unix:$socket:;
        proxy_http_version 1.1;
        proxy_set_header Host \$host;
        proxy_set_header Upgrade \$http_upgrade;
        proxy_set_header Connection \$runbot_vscode_connection;
        proxy_set_header Cookie \$runbot_vscode_cookie;
        proxy_read_timeout 7d;
        proxy_send_timeout 7d;
        proxy_buffering off;"
cat >"$work/front/bench.conf" <<EOF
upstream bench_auth_stub {
    server 127.0.0.1:$stub_port;
    keepalive 32;
}
server {
    listen 127.0.0.1:$front_port;
    server_name plain.bench.localhost;
    location / {
        $editor_proxy
    }
}
server {
    listen 127.0.0.1:$front_port;
    server_name stub.bench.localhost;
    location = /__bench/auth {
        internal;
        proxy_pass http://bench_auth_stub/auth_check?build=101;
        proxy_pass_request_body off;
        proxy_set_header Content-Length "";
        proxy_http_version 1.1;
        proxy_set_header Connection "";
        proxy_set_header Host \$host;
        proxy_set_header X-Original-URI \$request_uri;
        proxy_set_header X-Original-Upgrade \$http_upgrade;
    }
    location / {
        auth_request /__bench/auth;
        $editor_proxy
    }
}
EOF

echo "soak: starting runbot-vscode serve on 127.0.0.1:$service_port" >&2
RUNBOTVSCODE__Runbot__ConnectionString="Host=$pg_host;Username=postgres;Database=$database" \
RUNBOTVSCODE__Runbot__HostName=$host \
RUNBOTVSCODE__Nginx__ConfigPath=$work/front/vscode/runbot-vscode.conf \
RUNBOTVSCODE__Nginx__MainConfigPath=$work/front/nginx.conf \
RUNBOTVSCODE__Nginx__Prefix=$work/front/ \
RUNBOTVSCODE__Nginx__PidFile=$work/front/nginx.pid \
RUNBOTVSCODE__Nginx__Binary=$nginx_bin \
RUNBOTVSCODE__Nginx__Listen=127.0.0.1:$front_port \
RUNBOTVSCODE__Upstream__BuildRoot=$work/build \
RUNBOTVSCODE__Http__Urls=http://127.0.0.1:$service_port \
RUNBOTVSCODE__Routing__Scheme=http \
RUNBOTVSCODE__Docker__Endpoint=unix://$work/no-docker.sock \
RUNBOTVSCODE__Logging__LogLevel__Default=Warning \
    "$service_bin" serve >"$work/service.log" 2>&1 &
service_pid=$!

cookie="runbot_vscode=$("$bench_bin" issue-token 101 2)"
ready=false
for _ in $(seq 120); do
    status=$(curl -s -o /dev/null -w '%{http_code}' -H "Host: $editor_host" -H "Cookie: $cookie" "http://127.0.0.1:$front_port/" || true)
    if [[ $status == 200 ]]; then ready=true; break; fi
    kill -0 "$service_pid" 2>/dev/null || break
    sleep 0.5
done
if [[ $ready != true ]]; then
    echo "soak: the editor did not return 200 through nginx with the cookie (last status $status); service log:" >&2
    tail -n 20 "$work/service.log" >&2
    exit 1
fi
for name in plain stub; do
    status=$(curl -s -o /dev/null -w '%{http_code}' -H "Host: $name.bench.localhost" "http://127.0.0.1:$front_port/")
    [[ $status == 200 ]] || { echo "soak: scenario $name returned $status, not 200" >&2; exit 1; }
done

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
