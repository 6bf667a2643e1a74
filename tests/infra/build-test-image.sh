#!/usr/bin/env bash
# Builds the images the container integration tests run, when they are missing:
#   runbot-vscode-test:base      a Debian bookworm root filesystem (debootstrap), imported
#   runbot-vscode-test:nolabel   base + the stand-in code-server and a user "runbot" (uid 1000)
#   runbot-vscode-test:bookworm  nolabel + the label org.runbot-vscode.code-server=0.0.0-test
#   runbot-vscode-test:failing   bookworm whose code-server prints an error and exits with 1
# The root filesystem tarball is cached at $RUNBOTVSCODE_ROOTFS_CACHE (default
# /var/cache/runbot-vscode/bookworm-rootfs.tar) and rebuilt only when missing. The derived
# images are rebuilt every run; Docker's build cache makes that take about a second when the
# stand-in did not change.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tarball="${RUNBOTVSCODE_ROOTFS_CACHE:-/var/cache/runbot-vscode/bookworm-rootfs.tar}"
repository=runbot-vscode-test

# Prints the Debian mirror that apt uses for bookworm, read from the one-line (.list) and
# deb822 (.sources) formats, so debootstrap downloads from the same place apt does.
find_mirror() {
    local files=()
    [[ -f /etc/apt/sources.list ]] && files+=(/etc/apt/sources.list)
    for file in /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
        [[ -f "$file" ]] && files+=("$file")
    done
    if ((${#files[@]} > 0)); then
        for file in "${files[@]}"; do
            if [[ "$file" == *.sources ]]; then
                awk 'BEGIN { RS = ""; FS = "\n" }
                    {
                        uri = ""; deb = 0; suite = 0; enabled = 1
                        for (i = 1; i <= NF; i++) {
                            if ($i ~ /^#/) continue
                            split($i, kv, ":[ \t]*")
                            key = tolower(kv[1]); value = substr($i, length(kv[1]) + 2)
                            if (key == "types" && value ~ /(^|[ \t])deb([ \t]|$)/) deb = 1
                            if (key == "suites" && value ~ /(^|[ \t])bookworm([ \t]|$)/) suite = 1
                            if (key == "enabled" && value ~ /no/) enabled = 0
                            if (key == "uris") { split(value, uris, /[ \t]+/); uri = (uris[1] == "" ? uris[2] : uris[1]) }
                        }
                        if (deb && suite && enabled && uri != "") { print uri; exit }
                    }' "$file"
            else
                awk '$1 == "deb" {
                        n = 2
                        if ($n ~ /^\[/) { while ($n !~ /\]$/) n++; n++ }
                        if ($(n + 1) == "bookworm") { print $n; exit }
                    }' "$file"
            fi
        done | head -n 1
    fi
}

ensure_tool() {
    local command_name="$1" package="$2"
    if command -v "$command_name" >/dev/null 2>&1; then
        return
    fi
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y "$package"; then
        apt-get update
        DEBIAN_FRONTEND=noninteractive apt-get install -y "$package"
    fi
}

build_rootfs_tarball() {
    ensure_tool debootstrap debootstrap
    local mirror
    mirror="$(find_mirror)"
    if [[ -z "$mirror" ]]; then
        mirror=http://deb.debian.org/debian
        echo "build-test-image: no bookworm source found under /etc/apt; using $mirror" >&2
    fi

    local root
    root="$(mktemp -d /var/tmp/runbot-vscode-rootfs.XXXXXX)"
    trap 'rm -rf "$root"' RETURN
    echo "build-test-image: debootstrap bookworm from $mirror into $root" >&2
    debootstrap --variant=minbase --include=python3,procps bookworm "$root" "$mirror" >&2

    # The vfs storage driver copies the whole tree for every container, so files no test reads
    # (downloaded packages, package lists, documentation, translations) are left out.
    rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* \
        "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/locale/*

    # mktemp made the folder 0700, and as the image's / it would lock out every non-root user.
    chmod 0755 "$root"
    mkdir -p "$(dirname "$tarball")"
    tar -C "$root" -c . >"$tarball.partial"
    mv "$tarball.partial" "$tarball"
}

image_exists() {
    docker image inspect "$1" >/dev/null 2>&1
}

if ! image_exists "$repository:base"; then
    if [[ ! -s "$tarball" ]]; then
        build_rootfs_tarball
    fi
    docker import "$tarball" "$repository:base" >/dev/null
fi

context="$here/code-server-standin"
docker build --quiet --target nolabel --tag "$repository:nolabel" "$context" >/dev/null
docker build --quiet --target labelled --tag "$repository:bookworm" "$context" >/dev/null
docker build --quiet --target failing --tag "$repository:failing" "$context" >/dev/null

echo "$repository:bookworm $repository:nolabel $repository:failing"
