#!/usr/bin/env bash
# make demo: a freshly seeded portal on a free port with a temporary database, the leora client
# against it (the demo email prefilled), and the portal stopped when leora exits.
set -euo pipefail
swift=${SWIFT:-swift}
$swift build --product leora-portal
$swift build --product leora
bin=$($swift build --show-bin-path)
workdir=$(mktemp -d -t leora-demo-XXXXXX)
log="$workdir/portal.log"
"$bin/leora-portal" --seed demo --port 0 --database "$workdir/portal.sqlite" >"$log" 2>&1 &
portal=$!
cleanup() {
    kill "$portal" 2>/dev/null || true
    wait "$portal" 2>/dev/null || true
    rm -rf "$workdir"
}
trap cleanup EXIT INT TERM
url=""
for _ in $(seq 1 300); do
    url=$(sed -n 's/^listening on //p' "$log" | head -n 1)
    [[ -n "$url" ]] && break
    kill -0 "$portal" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.1
done
[[ -n "$url" ]] || { echo "leora-portal did not start; its log:" >&2; cat "$log" >&2; exit 1; }
echo "Portal at $url — demo accounts: rep@northwind.test, admin@northwind.test, viewer@northwind.test, rep@fjord.test (password leora-demo)"
# Keep the demo's session and cache apart from the user's own.
export XDG_STATE_HOME="$workdir/state" XDG_CACHE_HOME="$workdir/cache"
"$bin/leora" --server "$url" --user rep@northwind.test
