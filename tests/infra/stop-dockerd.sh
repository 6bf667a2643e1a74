#!/usr/bin/env bash
# Stops the Docker engine that start-dockerd.sh started, by the pid it recorded. An engine that
# start-dockerd.sh reused rather than started is left running.
set -euo pipefail

state_dir="${RUNBOTVSCODE_INFRA_DIR:-/tmp/runbot-vscode-infra}"
pid_file="$state_dir/dockerd.pid"

if [[ ! -s "$pid_file" ]]; then
    echo "stop-dockerd: no pid file at $pid_file; nothing to stop" >&2
    exit 0
fi

pid="$(cat "$pid_file")"
if [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" != dockerd ]]; then
    echo "stop-dockerd: pid $pid is not a running dockerd; removing the stale pid file" >&2
    rm -f "$pid_file"
    exit 0
fi

kill -TERM "$pid"
for ((i = 0; i < 80; i++)); do
    if ! kill -0 "$pid" 2>/dev/null; then
        rm -f "$pid_file"
        exit 0
    fi
    sleep 0.25
done

echo "stop-dockerd: dockerd (pid $pid) still runs 20s after SIGTERM" >&2
exit 1
