#!/usr/bin/env bash
# Installs the Debian packages Leora Terminal needs (and any named as arguments), or says exactly
# what to install when not root.
set -euo pipefail

# postgresql: the server tests run a second time on a throwaway PostgreSQL cluster (the tests start it).
# strace: an end-to-end test counts the writes leora makes to the terminal per frame.
packages=(libncursesw5-dev libcurl4-openssl-dev libssl-dev libsqlite3-dev tmux postgresql strace "$@")
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]} == 0)); then
    exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
    echo "Missing system packages: ${missing[*]}" >&2
    echo "Install them with: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
fi
echo "Installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
