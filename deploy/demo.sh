#!/usr/bin/env bash
# Bring up RunbotVsCode on an embedded demo, on a fresh Debian 12 machine, as root.
# It starts a throwaway PostgreSQL seeded with a runbot-shaped database (samples/), a stand-in for runbot's Odoo,
# an nginx of its own on 127.0.0.1, a Docker engine with one build container when Docker can run here, and the
# service. Everything lives under .demo/ and stops with Ctrl+C, except a Docker engine the demo had to start,
# which keeps running.
#
# Environment, each port on 127.0.0.1:
#   RUNBOTVSCODE_DEMO_PORT          nginx, where the browser goes (default 8080)
#   RUNBOTVSCODE_DEMO_SERVICE_PORT  runbot-vscode serve's HTTP endpoints (default 8079)
#   RUNBOTVSCODE_DEMO_ODOO_PORT     the stand-in for runbot's Odoo (default 8069)
#   RUNBOTVSCODE_DEMO_DIR           where everything lives (default <repo>/.demo)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
demo=${RUNBOTVSCODE_DEMO_DIR:-$root/.demo}
port=${RUNBOTVSCODE_DEMO_PORT:-8080}
service_port=${RUNBOTVSCODE_DEMO_SERVICE_PORT:-8079}
odoo_port=${RUNBOTVSCODE_DEMO_ODOO_PORT:-8069}
host=runbot.localhost
pids=()

say() { printf '\033[1mdemo:\033[0m %s\n' "$*" >&2; }
fail() { say "$*"; exit 1; }

[[ $(id -u) -eq 0 ]] || fail "run as root: the demo installs packages and starts PostgreSQL as the postgres user"
for setting in "RUNBOTVSCODE_DEMO_PORT=$port" "RUNBOTVSCODE_DEMO_SERVICE_PORT=$service_port" "RUNBOTVSCODE_DEMO_ODOO_PORT=$odoo_port"; do
    p=${setting#*=}
    if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
        fail "port $p on 127.0.0.1 is in use; stop what listens there or set ${setting%%=*} to a free port"
    fi
done

cleanup() {
    say "stopping"
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    [[ -f "$demo/nginx/nginx.pid" ]] && kill -QUIT "$(cat "$demo/nginx/nginx.pid")" 2>/dev/null || true
    if command -v docker >/dev/null && [[ -n "${container:-}" ]]; then docker rm -f "$container" >/dev/null 2>&1 || true; fi
    bash "$root/tests/infra/stop-postgres.sh" "$demo/pg" || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say "installing what is missing"
bash "$root/tests/infra/install-packages.sh" postgresql nginx curl python3 ca-certificates
command -v dotnet >/dev/null || fail "the .NET 10 SDK is missing: install it from Microsoft's Debian packages, then run again"

mkdir -p "$demo"
say "building the service into $demo/app"
dotnet publish "$root/src/RunbotVsCode.Host" -c Release -o "$demo/app" -nologo -v quiet >/dev/null

say "starting PostgreSQL and loading samples/runbot-schema.sql and samples/demo-data.sql"
pg=$(bash "$root/tests/infra/start-postgres.sh" "$demo/pg")
psql -q -h "$pg" -U postgres -c "DROP DATABASE IF EXISTS runbot_demo WITH (FORCE)" -c "CREATE DATABASE runbot_demo"
psql -q -h "$pg" -U postgres -d runbot_demo -v ON_ERROR_STOP=1 -f "$root/samples/runbot-schema.sql" -f "$root/samples/demo-data.sql"
# The demo runs every build on this machine, under a name browsers resolve to loopback.
psql -q -h "$pg" -U postgres -d runbot_demo -v ON_ERROR_STOP=1 <<SQL
UPDATE runbot_build SET host = '$host' WHERE host = 'runbot-host-1.example.com';
UPDATE ir_config_parameter SET value = 'http://$host:$port' WHERE key = 'web.base.url';
SQL

build_root="$demo/build"
mkdir -p "$build_root/00101-17-0" "$build_root/00102-17-0"
chmod 0755 "$demo" "$build_root" "$build_root"/*
chown 1000:1000 "$build_root"/* 2>/dev/null || true

say "starting a Docker engine and a build container when Docker can run here"
# An engine started here runs in a session of its own, so Ctrl+C does not stop it before cleanup removes the container,
# and it keeps running afterwards for whatever else uses it. tests/infra/stop-dockerd.sh with the same
# RUNBOTVSCODE_INFRA_DIR stops it.
container=""
if bash "$root/tests/infra/install-packages.sh" docker.io debootstrap \
    && RUNBOTVSCODE_INFRA_DIR="$demo/docker" setsid -w bash "$root/tests/infra/start-dockerd.sh" >/dev/null \
    && bash "$root/tests/infra/build-test-image.sh" >/dev/null; then
    docker rm -f 00101-17-0_run >/dev/null 2>&1 || true
    container=$(docker run -d --name 00101-17-0_run --user 1000:1000 -v "$build_root/00101-17-0:/data/build" \
        -p 127.0.0.1:2000:8069 -p 127.0.0.1:2001:8070 runbot-vscode-test:bookworm sleep infinity)
    say "build 101 runs in container 00101-17-0_run; code-server starts in it when you open VS Code"
else
    say "Docker is not available; the stand-in editor of build 101 runs on the host instead"
    mkdir -p "$build_root/00101-17-0/.vscode-server"
    python3 "$root/tests/infra/code-server-standin/code-server" --auth none \
        --socket "$build_root/00101-17-0/.vscode-server/code-server.sock" --socket-mode 666 "$build_root/00101-17-0" &
    pids+=($!)
fi

say "starting the stand-in for runbot's Odoo on 127.0.0.1:$odoo_port"
python3 "$root/deploy/demo/odoo-standin.py" "$odoo_port" 2>"$demo/odoo-standin.log" &
pids+=($!)

say "starting nginx on 127.0.0.1:$port"
mkdir -p "$demo/nginx/vscode" "$demo/nginx/logs"
cat >"$demo/nginx/nginx.conf" <<NGINX
worker_processes 1;
pid $demo/nginx/nginx.pid;
error_log $demo/nginx/logs/error.log notice;
events { worker_connections 512; }
http {
    access_log $demo/nginx/logs/access.log;
    client_body_temp_path $demo/nginx/tmp-body;
    proxy_temp_path $demo/nginx/tmp-proxy;
    fastcgi_temp_path $demo/nginx/tmp-fastcgi;
    uwsgi_temp_path $demo/nginx/tmp-uwsgi;
    scgi_temp_path $demo/nginx/tmp-scgi;

    # runbot's main site: the open route goes to RunbotVsCode, the login to the Odoo stand-in.
    server {
        listen 127.0.0.1:$port;
        server_name $host;
        location /runbot/vscode/ { proxy_pass http://127.0.0.1:$service_port; proxy_set_header Host \$host; }
        location /web/ { proxy_pass http://127.0.0.1:$odoo_port; proxy_set_header Host \$host; }
        location = / { default_type text/html; return 200 '<!DOCTYPE html><title>demo runbot</title><h1>Demo runbot</h1><ul><li><a href="/runbot/vscode/101">Open VS Code in build 101</a></li><li><a href="/runbot/vscode/104">Build 104 (no code-server)</a></li></ul>'; }
    }
    include $demo/nginx/vscode/*.conf;
}
NGINX

cat >"$demo/appsettings.json" <<JSON
{
  "Runbot": {
    "ConnectionString": "Host=$pg;Username=postgres;Database=runbot_demo",
    "HostName": "$host",
    "OdooUrl": "http://127.0.0.1:$odoo_port"
  },
  "Routing": { "Scheme": "http", "PublicPort": $port },
  "Nginx": {
    "ConfigPath": "$demo/nginx/vscode/runbot-vscode.conf",
    "MainConfigPath": "$demo/nginx/nginx.conf",
    "Prefix": "$demo/nginx/",
    "PidFile": "$demo/nginx/nginx.pid",
    "Binary": "$(command -v nginx || echo /usr/sbin/nginx)",
    "Listen": "127.0.0.1:$port"
  },
  "Upstream": { "Mode": "Socket", "BuildRoot": "$build_root" },
  "Regen": { "Interval": "00:00:05" },
  "Http": { "Urls": "http://127.0.0.1:$service_port" }
}
JSON

say "starting runbot-vscode serve"
# The process substitution keeps $! the service's pid, so cleanup stops the service and not only sed.
"$demo/app/runbot-vscode" serve --settings "$demo/appsettings.json" > >(sed 's/^/service: /' >&2) 2>&1 &
pids+=($!)

for _ in $(seq 1 60); do
    curl -fsS "http://127.0.0.1:$service_port/readyz" >/dev/null 2>&1 && break
    sleep 1
done
curl -fsS "http://127.0.0.1:$service_port/readyz" >/dev/null || fail "the service did not become ready; see the lines above"

cat >&2 <<TEXT

RunbotVsCode demo is up.
  Browser on this machine:  http://$host:$port/runbot/vscode/101   (log in as admin on the stand-in login page)
  Routing without a browser:
    curl -si -H 'Host: 00101-17-0-vscode.$host' http://127.0.0.1:$port/    # 302 to the open route
    $demo/app/runbot-vscode regen --dry-run --settings $demo/appsettings.json
  Generated nginx config:   $demo/nginx/vscode/runbot-vscode.conf
Press Ctrl+C to stop everything.
TEXT
wait "${pids[-1]}"
