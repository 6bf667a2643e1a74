#!/usr/bin/env bash
# Measure how a regeneration pass and nginx grow with the number of running builds, loopback only.
# For each size: a fresh database (samples/runbot-schema.sql, samples/demo-data.sql, then N running builds on
# runbot-host-1.example.com added with generate_series) and a throwaway nginx prefix. Build n gets port 3000 + 3n,
# starting again at 3003 after 20,000 builds, because the service skips a build whose port + 2 is above 65535. Then, with the
# Release build of `runbot-vscode regen`:
#   first      writes the file, runs nginx -t and starts nginx (not timed as a figure, it only sets things up);
#   changed    build 109 switched from running to done: render, write, nginx -t, reload;
#   unchanged  the same data again: read, render and hash, no nginx;
# then `nginx -t` alone and a reload alone (SIGHUP until a worker of the new generation runs).
# Each pass runs under /usr/bin/time -v (wall time, peak RSS of the process tree) while VmHWM of the service process
# itself is read every 50 ms. The 100-build size is the baseline that the per-build costs compare to.
#
# Usage: bench/scale.sh                 (as root or a user that can run nginx; PostgreSQL from tests/infra/start-postgres.sh)
# Environment: SIZES (default "100 1000 10000 50000"), BOUND (seconds any one nginx command or pass may take,
#              default 300), RUNBOTVSCODE_BENCH_PG_HOST (socket folder, default /tmp/rvs-pg-bench),
#              RUNBOTVSCODE_BENCH_NGINX (default /usr/sbin/nginx).
# Everything it starts lives in one temporary folder and is stopped by pid on exit.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
sizes=${SIZES:-100 1000 10000 50000}
bound=${BOUND:-300}
pg_host=${RUNBOTVSCODE_BENCH_PG_HOST:-/tmp/rvs-pg-bench}
nginx_bin=${RUNBOTVSCODE_BENCH_NGINX:-/usr/sbin/nginx}
service_bin=$root/src/RunbotVsCode.Host/bin/Release/net10.0/runbot-vscode
host=runbot-host-1.example.com
# shellcheck source=bench/lib/nginx.sh
source "$root/bench/lib/nginx.sh"

for tool in psql python3 timeout /usr/bin/time "$nginx_bin"; do
    command -v "$tool" >/dev/null || { echo "scale: $tool is not found" >&2; exit 1; }
done

work=$(mktemp -d /tmp/rvs-scale.XXXXXX)
chmod 755 "$work"
databases=()
prefixes=()


cleanup() {
    local prefix database
    for prefix in "${prefixes[@]}"; do stop_nginx "$prefix/nginx.pid"; done
    for database in "${databases[@]}"; do
        psql -q -h "$pg_host" -U postgres -d postgres -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1 || true
    done
    rm -rf "$work"
}
trap cleanup EXIT

if [[ ! -x $service_bin || ${BUILD:-1} == 1 ]]; then
    echo "scale: building the Release binary" >&2
    dotnet build -c Release "$root/src/RunbotVsCode.Host" -v q -nologo >/dev/null
fi

# Runs one regen pass under /usr/bin/time -v and prints "seconds tree_max_rss_kib service_hwm_kib exit_code".
# VmHWM of the service process itself is read every 50 ms, since the tree figure includes nginx -t.
regen() {
    local prefix=$1 database=$2 name=$3
    local hwm_file=$prefix/$name.hwm
    : >"$hwm_file"
    RUNBOTVSCODE__Runbot__ConnectionString="Host=$pg_host;Username=postgres;Database=$database" \
    RUNBOTVSCODE__Runbot__HostName=$host \
    RUNBOTVSCODE__Nginx__ConfigPath=$prefix/vscode/runbot-vscode.conf \
    RUNBOTVSCODE__Nginx__MainConfigPath=$prefix/nginx.conf \
    RUNBOTVSCODE__Nginx__Prefix=$prefix/ \
    RUNBOTVSCODE__Nginx__PidFile=$prefix/nginx.pid \
    RUNBOTVSCODE__Nginx__Binary=$nginx_bin \
    RUNBOTVSCODE__Nginx__Listen=127.0.0.1:$front_port \
    RUNBOTVSCODE__Nginx__CommandTimeout=$(printf '%02d:%02d:%02d' $((bound / 3600)) $((bound % 3600 / 60)) $((bound % 60))) \
    RUNBOTVSCODE__Nginx__ReloadTimeout=$(printf '%02d:%02d:%02d' $((bound / 3600)) $((bound % 3600 / 60)) $((bound % 60))) \
    RUNBOTVSCODE__Upstream__BuildRoot=$prefix/build \
    RUNBOTVSCODE__Http__Urls=http://127.0.0.1:$service_port \
    RUNBOTVSCODE__Routing__Scheme=http \
    RUNBOTVSCODE__Docker__Endpoint=unix://$prefix/no-docker.sock \
    RUNBOTVSCODE__Logging__LogLevel__Default=Warning \
        timeout "$((bound * 3))" /usr/bin/time -v -o "$prefix/$name.time" "$service_bin" regen >"$prefix/$name.log" 2>&1 &
    local runner=$!
    local pid=""
    while kill -0 "$runner" 2>/dev/null; do
        [[ -n $pid ]] || pid=$(pgrep -P "$(pgrep -P "$runner" | head -n 1)" 2>/dev/null | head -n 1 || true)
        [[ -n $pid ]] && awk '/^VmHWM/ { print $2 }' "/proc/$pid/status" 2>/dev/null >>"$hwm_file" || true
        sleep 0.05
    done
    local code=0
    wait "$runner" || code=$?
    python3 - "$prefix/$name.time" "$hwm_file" "$code" <<'EOF'
import re, sys
text = open(sys.argv[1]).read() if sys.argv[1] else ""
wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (.+)", text)
seconds = 0.0
if wall:
    for part in wall.group(1).strip().split(":"):
        seconds = seconds * 60 + float(part)
rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
hwm = [int(line) for line in open(sys.argv[2]) if line.strip()]
print(f"{seconds:.2f} {rss.group(1) if rss else 0} {max(hwm) if hwm else 0} {sys.argv[3]}")
EOF
}

seconds_since() { python3 -c "import sys, time; print(f'{time.monotonic() - float(sys.argv[1]):.2f}')" "$1"; }
now() { python3 -c 'import time; print(time.monotonic())'; }

# Sends SIGHUP to the master and waits until a worker it did not have before runs; prints seconds or "bound".
reload() {
    local prefix=$1
    local master old start new
    master=$(cat "$prefix/nginx.pid")
    grep -q "nginx: master" "/proc/$master/cmdline" || { echo "not-running"; return; }
    old=$(pgrep -P "$master" | sort)
    start=$(now)
    kill -HUP "$master"
    while :; do
        new=$(pgrep -P "$master" | sort | comm -13 <(echo "$old") - | head -n 1 || true)
        if [[ -n $new ]] && grep -q "worker process" "/proc/$new/cmdline" 2>/dev/null; then break; fi
        if (($(python3 -c "import sys, time; print(int(time.monotonic() - float(sys.argv[1]) > float(sys.argv[2])))" "$start" "$bound"))); then
            echo "bound"; return
        fi
        sleep 0.05
    done
    seconds_since "$start"
}

results=$work/results.txt
: >"$results"
echo "scale: $(nproc) cores; bound ${bound}s per nginx command; $(uptime | sed 's/.*load/load/')" >&2
for size in $sizes; do
    database=rvs_scale_${size}_$$
    prefix=$work/n$size
    databases+=("$database")
    prefixes+=("$prefix")
    front_port=$(free_port)
    service_port=$(free_port)
    mkdir -p "$prefix/vscode" "$prefix/logs" "$prefix/build"
    chmod -R 755 "$prefix"

    echo "scale: $size builds: loading $database" >&2
    psql -q -h "$pg_host" -U postgres -d postgres -c "CREATE DATABASE $database" >/dev/null
    psql -q -h "$pg_host" -U postgres -d "$database" -v ON_ERROR_STOP=1 \
        -f "$root/samples/runbot-schema.sql" -f "$root/samples/demo-data.sql" >/dev/null
    psql -q -h "$pg_host" -U postgres -d "$database" -v ON_ERROR_STOP=1 -v count="$size" >/dev/null <<'EOF'
INSERT INTO runbot_build (id, params_id, version_id, config_id, global_state, local_state, host, port, dest, active_step,
                          job_start, build_type, parent_path, keep_running, access_token, create_date, write_date)
SELECT id, 1, 1, 1, 'running', 'running', 'runbot-host-1.example.com', 3000 + 3 * (1 + (n - 1) % 20000), lpad(id::text, 5, '0') || '-17-0', 3,
       now(), 'normal', id || '/', false, 'bench' || id, now(), now()
  FROM (SELECT nextval('runbot_build_id_seq') AS id, n FROM generate_series(1, :count) AS n) AS added;
EOF

    nginx_main_conf "$prefix" "    include $prefix/vscode/*.conf;" >"$prefix/nginx.conf"

    echo "scale: $size builds: first pass (write, nginx -t, start nginx)" >&2
    read -r first_s first_rss first_hwm first_code < <(regen "$prefix" "$database" first)
    if [[ $first_code != 0 ]]; then
        echo "scale: $size builds: first pass ended with exit code $first_code after ${first_s}s: $(tail -n 1 "$prefix/first.log")" >&2
        echo "$size first-failed $first_s $first_code" >>"$results"
        continue
    fi
    file_bytes=$(stat -c %s "$prefix/vscode/runbot-vscode.conf")
    routed=$(grep -c "server_name" "$prefix/vscode/runbot-vscode.conf" || true)

    echo "scale: $size builds: changed pass" >&2
    psql -q -h "$pg_host" -U postgres -d "$database" -c "UPDATE runbot_build SET local_state = 'done' WHERE id = 109" >/dev/null
    read -r changed_s changed_rss changed_hwm changed_code < <(regen "$prefix" "$database" changed)
    if [[ $changed_code != 0 ]]; then
        # The next pass would apply the config again rather than find it unchanged, so the size ends here.
        echo "scale: $size builds: changed pass ended with exit code $changed_code after ${changed_s}s: $(tail -n 1 "$prefix/changed.log")" >&2
        echo "$size changed-failed $changed_s $changed_code" >>"$results"
        continue
    fi
    echo "scale: $size builds: unchanged pass" >&2
    read -r unchanged_s unchanged_rss unchanged_hwm unchanged_code < <(regen "$prefix" "$database" unchanged)

    echo "scale: $size builds: nginx -t alone" >&2
    start=$(now)
    test_code=0
    timeout "$bound" "$nginx_bin" -t -q -p "$prefix/" -c "$prefix/nginx.conf" 2>"$prefix/test.log" || test_code=$?
    test_s=$(seconds_since "$start")
    [[ $test_code == 124 ]] && test_s="bound"
    echo "scale: $size builds: reload alone" >&2
    reload_s=$(reload "$prefix")
    echo "$size ok $file_bytes $routed $first_s $changed_s $changed_rss $changed_hwm $changed_code $unchanged_s $unchanged_rss $unchanged_hwm $unchanged_code $test_s $test_code $reload_s" >>"$results"
    grep -h "warn\|emerg" "$prefix/test.log" "$prefix/logs/error.log" 2>/dev/null | sort | uniq -c | head -n 3 >&2 || true

    # Free the memory of the larger sizes before the next one.
    stop_nginx "$prefix/nginx.pid"
    psql -q -h "$pg_host" -U postgres -d postgres -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null
done

echo "runbot-vscode regen (Release), nginx 1.22 with 1 worker; $(nproc) cores; $(uptime | sed 's/.*load/load/'); bound ${bound}s"
python3 - "$results" <<'EOF'
import sys
rows, failed = [], []
for line in open(sys.argv[1]):
    fields = line.split()
    if fields[1] != "ok":
        failed.append(fields)
        continue
    rows.append(fields)

def number(text):
    try:
        return float(text)
    except ValueError:
        return None

def fmt(value, digits=2):
    return "-" if value is None else f"{value:.{digits}f}"

print("| builds | servers | file MB | changed s | unchanged s | nginx -t s | reload s | changed: tree / service peak RSS MiB | unchanged: service peak RSS MiB | exit codes changed/unchanged/-t |")
print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
for (size, _, size_bytes, routed, first, changed, changed_rss, changed_hwm, changed_code, unchanged, unchanged_rss,
     unchanged_hwm, unchanged_code, test, test_code, reload) in rows:
    print(f"| {int(size):,} | {int(routed):,} | {int(size_bytes) / 1e6:.2f} | {changed} | {unchanged} | {test} | {reload} | "
          f"{int(changed_rss) / 1024:.0f} / {int(changed_hwm) / 1024:.0f} | {int(unchanged_hwm) / 1024:.0f} | "
          f"{changed_code}/{unchanged_code}/{test_code} |")
print()
print("Per build (milliseconds, and KiB of service peak RSS above the 100-build baseline):")
print("| builds | changed ms/build | unchanged ms/build | nginx -t ms/build | reload ms/build | bytes/build | unchanged RSS KiB/build over baseline |")
print("|---:|---:|---:|---:|---:|---:|---:|")
base = rows[0] if rows else None
for row in rows:
    size = int(row[0])
    per = [number(row[i]) for i in (5, 9, 13, 15)]
    per = [None if value is None else value * 1000 / size for value in per]
    over = None
    if base is not None and size != int(base[0]):
        over = (int(row[11]) - int(base[11])) / (size - int(base[0]))
    print(f"| {size:,} | {fmt(per[0], 3)} | {fmt(per[1], 3)} | {fmt(per[2], 3)} | {fmt(per[3], 3)} | {int(row[2]) / size:.0f} | {fmt(over, 1)} |")
for fields in failed:
    print(f"{fields[0]} builds: {fields[1]}: exit code {fields[3]} after {fields[2]} s")
EOF
