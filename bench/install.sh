#!/usr/bin/env bash
# What `make bench` needs beyond the build's own packages: wrk and less (Debian), the headers the
# C floor program links against, and pyte (PyPI) to read the terminal as a person sees it.
set -euo pipefail

"$(dirname "$0")/../scripts/install-deps.sh" wrk less gcc

python=${PYTHON:-python3}
if ! "$python" -c 'import pyte' 2>/dev/null; then
    echo "Installing pyte"
    "$python" -m pip install --quiet pyte
fi
