# Shared set-up of bench/auth-wrk.sh and bench/soak.sh, sourced after they set $root, $bench_name, $duration,
# $connections and $warmup: a sample database, the stand-in editor, an nginx with the plain, stub and service
# scenarios, runbot-vscode serve, and a valid cookie in $cookie. Everything it starts is stopped on exit.
pg_host=${RUNBOTVSCODE_BENCH_PG_HOST:-/tmp/rvs-pg-bench}
nginx_bin=${RUNBOTVSCODE_BENCH_NGINX:-/usr/sbin/nginx}
service_bin=$root/src/RunbotVsCode.Host/bin/Release/net10.0/runbot-vscode
bench_bin=$root/bench/RunbotVsCode.Benchmarks/bin/Release/net10.0/RunbotVsCode.Benchmarks
database=rvs_${bench_name//-/_}_$$
host=runbot-host-1.example.com
editor_host=00101-17-0-vscode.$host
# shellcheck source=bench/lib/nginx.sh
source "$root/bench/lib/nginx.sh"

for tool in wrk psql python3 "$nginx_bin"; do
    command -v "$tool" >/dev/null || { echo "$bench_name: $tool is not found; install it (bash tests/infra/install-packages.sh wrk)" >&2; exit 1; }
done

work=$(mktemp -d /tmp/rvs-${bench_name}.XXXXXX)
chmod 755 "$work"
service_pid=""
sampler_pid=""

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

echo "$bench_name: building Release binaries" >&2
dotnet build -c Release "$root/src/RunbotVsCode.Host" -v q -nologo >/dev/null
dotnet build -c Release "$root/bench/RunbotVsCode.Benchmarks" -v q -nologo >/dev/null

echo "$bench_name: loading the sample database $database" >&2
psql -q -h "$pg_host" -U postgres -d postgres -c "CREATE DATABASE $database" >/dev/null
psql -q -h "$pg_host" -U postgres -d "$database" -v ON_ERROR_STOP=1 -f "$root/samples/runbot-schema.sql" -f "$root/samples/demo-data.sql" >/dev/null

front_port=$(free_port)
stub_port=$(free_port)
service_port=$(free_port)
socket_folder=$work/build/00101-17-0/.vscode-server
socket=$socket_folder/code-server.sock
mkdir -p "$socket_folder" "$work/front/vscode" "$work/front/logs" "$work/backend/logs"
chmod -R 755 "$work/build" "$work/front" "$work/backend"

# The backend nginx replaces code-server on the build's socket and an auth server returning 204.
nginx_main_conf "$work/backend" "    server {
        listen unix:$socket;
        location / { return 200 \"editor\\n\"; }
    }
    server {
        listen 127.0.0.1:$stub_port;
        keepalive_requests 100000;
        location / { return 204; }
    }" >"$work/backend/nginx.conf"
"$nginx_bin" -p "$work/backend/" -c "$work/backend/nginx.conf"

# The front nginx loads the service's file, then servers (a) and (b), which copy the generated editor location's proxy
# settings. The service's first pass writes its file and starts this nginx.
nginx_main_conf "$work/front" "    include $work/front/vscode/*.conf;
    include $work/front/bench.conf;" >"$work/front/nginx.conf"
editor_proxy="set \$runbot_vscode_upstream \"http://unix:$socket:\";
        proxy_pass \$runbot_vscode_upstream;
        proxy_http_version 1.1;
        proxy_set_header Host $editor_host;
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

echo "$bench_name: starting runbot-vscode serve on 127.0.0.1:$service_port" >&2
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
    echo "$bench_name: the editor did not return 200 through nginx with the cookie (last status $status); service log:" >&2
    tail -n 20 "$work/service.log" >&2
    exit 1
fi
for name in plain stub; do
    status=$(curl -s -o /dev/null -w '%{http_code}' -H "Host: $name.bench.localhost" "http://127.0.0.1:$front_port/")
    [[ $status == 200 ]] || { echo "$bench_name: scenario $name returned $status, not 200" >&2; exit 1; }
done

