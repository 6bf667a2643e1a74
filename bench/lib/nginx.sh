# Helpers the benchmark scripts share for their throwaway nginx prefixes, sourced after they set $nginx_bin.

# Prints a loopback TCP port the kernel just gave out and released.
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Prints a main nginx.conf for PREFIX: 1 worker, pid file, error log and temporary files under PREFIX, and BODY
# (directives already indented for the http block) at the end of the http block.
nginx_main_conf() {
    local prefix=$1 body=$2
    cat <<CONF
worker_processes 1;
pid $prefix/nginx.pid;
error_log $prefix/logs/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $prefix/tmp-body;
    proxy_temp_path $prefix/tmp-proxy;
    fastcgi_temp_path $prefix/tmp-fastcgi;
    uwsgi_temp_path $prefix/tmp-uwsgi;
    scgi_temp_path $prefix/tmp-scgi;
$body
}
CONF
}

# Stops the nginx master whose pid is in PID_FILE with SIGQUIT, and kills it and its workers if it still runs 10 s
# later: a master still parsing a large config after SIGHUP handles no signal until it finishes, which can take minutes.
stop_nginx() {
    local pid_file=$1
    [[ -f $pid_file ]] || return 0
    local pid
    pid=$(cat "$pid_file")
    # Signal only an nginx master we started: its pid file is in our folder and its command line names nginx.
    if [[ -r /proc/$pid/cmdline ]] && grep -q "nginx: master" "/proc/$pid/cmdline"; then
        kill -QUIT "$pid" 2>/dev/null || true
        for _ in $(seq 100); do [[ -d /proc/$pid ]] || break; sleep 0.1; done
        if [[ -d /proc/$pid ]]; then
            local workers
            workers=$(pgrep -P "$pid" || true)
            kill -KILL "$pid" $workers 2>/dev/null || true
        fi
    fi
}
