#!/usr/bin/env bash
# Install the Debian packages given as arguments when any is missing, without starting their system services.
set -euo pipefail

missing=()
for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -ne 0 ]]; then
    echo "install-packages: missing ${missing[*]}; run as root or install them with apt-get" >&2
    exit 1
fi

# Keep apt from starting nginx or PostgreSQL as system services: the tests and the demo run their own instances.
policy=/usr/sbin/policy-rc.d
created_policy=false
if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod +x "$policy"
    created_policy=true
fi
trap '[[ $created_policy == true ]] && rm -f "$policy"' EXIT

echo "install-packages: installing ${missing[*]}" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
