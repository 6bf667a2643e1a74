#!/usr/bin/env bash
# Install RunbotVsCode on a runbot host: the service binaries in /opt/runbot-vscode, the systemd unit, the settings
# file (only when none exists, so an edited one is never overwritten) and, with --with-cron, the cron entry.
#
# Usage: install.sh [--root DIR] [--binaries DIR] [--with-cron]
#   --root DIR      install under DIR instead of / (for packaging and tests)
#   --binaries DIR  copy an existing 'dotnet publish' output instead of publishing from this checkout
#   --with-cron     also install /etc/cron.d/runbot-vscode, for sites that run 'regen' from cron instead of the service
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
root=/
binaries=""
with_cron=false
while [[ $# -gt 0 ]]; do
    case "$1" in
        --root) root=$2; shift 2 ;;
        --binaries) binaries=$2; shift 2 ;;
        --with-cron) with_cron=true; shift ;;
        *) echo "install.sh: unknown option '$1'; see the usage at the top of this script" >&2; exit 2 ;;
    esac
done

app="$root/opt/runbot-vscode"
settings="$root/etc/runbot-vscode/appsettings.json"
mkdir -p "$app" "$(dirname "$settings")" "$root/etc/systemd/system"

if [[ -z "$binaries" ]]; then
    binaries=$(mktemp -d)
    trap 'rm -rf "$binaries"' EXIT
    dotnet publish "$top/src/RunbotVsCode.Host" -c Release -o "$binaries" -nologo -v quiet >/dev/null
fi
[[ -x "$binaries/runbot-vscode" ]] || { echo "install.sh: $binaries/runbot-vscode is missing; pass a 'dotnet publish' output" >&2; exit 1; }
cp -a "$binaries/." "$app/"
cp "$top/README.md" "$app/README.md"

install -m 0644 "$here/systemd/runbot-vscode.service" "$root/etc/systemd/system/runbot-vscode.service"
if [[ -e "$settings" ]]; then
    echo "install.sh: kept the existing $settings" >&2
else
    install -m 0640 "$top/samples/appsettings.single-host.json" "$settings"
    echo "install.sh: wrote $settings from samples/appsettings.single-host.json; edit it before starting" >&2
fi
if [[ $with_cron == true ]]; then
    mkdir -p "$root/etc/cron.d"
    install -m 0644 "$here/systemd/runbot-vscode-regen.cron" "$root/etc/cron.d/runbot-vscode"
fi

cat >&2 <<TEXT
install.sh: installed into $root
Next: edit /etc/runbot-vscode/appsettings.json, run '/opt/runbot-vscode/runbot-vscode doctor --settings /etc/runbot-vscode/appsettings.json',
then 'systemctl daemon-reload && systemctl enable --now runbot-vscode'.
TEXT
