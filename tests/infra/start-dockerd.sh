#!/usr/bin/env bash
# Starts a Docker engine for the integration tests, or reuses the one that already responds on
# /var/run/docker.sock. Prints the engine's pid (empty when an engine started elsewhere is reused).
#
# The engine runs with --iptables=false: no NAT rules are written, so containers cannot reach
# other networks. Ports published as -p 127.0.0.1:H:C still work because docker-proxy, the
# userland proxy, listens on the host address and forwards to the container's bridge address.
#
# State lives in $RUNBOTVSCODE_INFRA_DIR (default /tmp/runbot-vscode-infra): dockerd.pid and
# dockerd.log. Stop the engine with tests/infra/stop-dockerd.sh, which signals that pid only.
set -euo pipefail

socket=/var/run/docker.sock
state_dir="${RUNBOTVSCODE_INFRA_DIR:-/tmp/runbot-vscode-infra}"
pid_file="$state_dir/dockerd.pid"
log_file="$state_dir/dockerd.log"
wait_seconds=30

engine_responds() {
    [[ "$(curl --silent --max-time 2 --unix-socket "$socket" http://localhost/_ping 2>/dev/null)" == OK ]]
}

install_engine() {
    if command -v dockerd >/dev/null 2>&1; then
        return
    fi
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y docker.io; then
        apt-get update
        DEBIAN_FRONTEND=noninteractive apt-get install -y docker.io
    fi
}

mkdir -p "$state_dir"

# Several test runs may start at once: one of them starts the engine and the others reuse it.
exec 9>"$state_dir/dockerd.lock"
flock 9

if engine_responds; then
    if [[ -s "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
        cat "$pid_file"
    else
        echo "start-dockerd: reusing the Docker engine that responds on $socket" >&2
        echo
    fi
    exit 0
fi

install_engine

# A socket file left by an engine that died makes dockerd fail to bind.
if [[ -S "$socket" ]]; then
    rm -f "$socket"
fi

# fd 9 holds the lock, and closing it for dockerd keeps the engine from holding the lock for its lifetime.
dockerd --iptables=false --storage-driver=vfs --host "unix://$socket" >"$log_file" 2>&1 9>&- &
pid=$!
echo "$pid" >"$pid_file"

for ((i = 0; i < wait_seconds * 4; i++)); do
    if engine_responds; then
        echo "$pid"
        exit 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
        echo "start-dockerd: dockerd (pid $pid) exited; last lines of $log_file:" >&2
        tail -n 20 "$log_file" >&2
        exit 1
    fi
    sleep 0.25
done

echo "start-dockerd: dockerd (pid $pid) did not respond on $socket within ${wait_seconds}s; see $log_file" >&2
exit 1
