#!/usr/bin/env bash
# What `make bench` needs beyond the build's own packages: wrk and less (Debian), the headers the
# C floor program links against, and pyte (PyPI) to read the terminal as a person sees it.
set -euo pipefail

packages=(wrk less libncursesw5-dev libcurl4-openssl-dev gcc)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]} > 0)); then
    if [[ $(id -u) -ne 0 ]]; then
        echo "Missing system packages: ${missing[*]}" >&2
        echo "Install them with: sudo apt-get install -y ${missing[*]}" >&2
        exit 1
    fi
    echo "Installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python=${PYTHON:-python3}
if ! "$python" -c 'import pyte' 2>/dev/null; then
    echo "Installing pyte"
    "$python" -m pip install --quiet pyte
fi
