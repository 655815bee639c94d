#!/usr/bin/env bash
# make fuzz: schemathesis (every check, every phase, the stateful one included) against a freshly
# seeded leora-portal on a free loopback port, once logged in as a rep and once as an admin.
# Exits non-zero when any run finds a failure.
#
#   scripts/fuzz.sh [--quick] [st run options…]
#
# --quick is the short pass CI runs (5 examples an operation instead of 100). Any other argument goes
# to `st run` as is: `--seed 7`, `--max-examples 500`, `--include-operation-id getCart`.
# The checks, and the few narrow exceptions to them, are in schemathesis.toml.
set -euo pipefail
cd "$(dirname "$0")/.."
swift=${SWIFT:-swift}
python=${PYTHON:-python3}
seed=15
examples=()
st_args=()
for argument in "$@"; do
    case $argument in
        --quick) examples=(--max-examples 5) ;;
        *) st_args+=("$argument") ;;
    esac
done

# schemathesis.toml uses settings of schemathesis 4.32.
if ! "$python" -c 'import schemathesis, sys
version = tuple(int(part) for part in schemathesis.__version__.split(".")[:2])
sys.exit(not (4, 32) <= version < (5, 0))' 2>/dev/null; then
    echo "Installing schemathesis 4 (PyPI)"
    "$python" -m pip install --quiet 'schemathesis>=4.32,<5'
fi
st() { "$python" -m schemathesis.cli --config-file schemathesis.toml "$@"; }
# Hypothesis keeps its caches under .build (ignored by git), not in the working tree.
export HYPOTHESIS_STORAGE_DIRECTORY=${HYPOTHESIS_STORAGE_DIRECTORY:-$PWD/.build/hypothesis}

$swift build --product leora-portal
bin=$($swift build --show-bin-path)

# Loopback only: no proxy, and none of the settings that make the portal call out (a language model;
# webhook deliveries, which also need the scheduler or a cron secret).
unset HTTP_PROXY HTTPS_PROXY ALL_PROXY http_proxy https_proxy all_proxy
export NO_PROXY='*' no_proxy='*'
workdir=$(mktemp -d -t leora-fuzz-XXXXXX)
log="$workdir/portal.log"
env -u OPENAI_API_KEY -u OPENAI_BASE_URL -u OPENAI_MODEL -u CRON_SECRET -u STRIPE_WEBHOOK_SECRET -u METRICS_TOKEN \
    -u LEORA_JWT_SECRET \
    "$bin/leora-portal" --host 127.0.0.1 --port 0 --database "$workdir/portal.sqlite" \
    --seed demo --bcrypt-cost 4 --no-webhook-scheduler --log-level warning >"$log" 2>&1 &
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
[[ "$url" == http://127.0.0.1:* ]] || { echo "leora-portal did not start on 127.0.0.1; its log:" >&2; cat "$log" >&2; exit 1; }
echo "Portal at $url"

# The accessToken cookie set by logging in as $1 (demo password).
access_token() {
    "$python" - "$url" "$1" <<'PYTHON'
import json, sys, urllib.request
url, email = sys.argv[1], sys.argv[2]
request = urllib.request.Request(
    url + "/api/portal/auth/login", method="POST", headers={"Content-Type": "application/json"},
    data=json.dumps({"email": email, "password": "leora-demo"}).encode())
with urllib.request.build_opener(urllib.request.ProxyHandler({})).open(request, timeout=30) as response:
    for cookie in response.headers.get_all("Set-Cookie") or []:
        name, _, rest = cookie.partition("=")
        if name.strip() == "accessToken":
            print(rest.split(";", 1)[0])
PYTHON
}

# With --include-… filters, one run of just those operations.
filtered=false
for argument in "${st_args[@]}"; do [[ $argument == --include-* ]] && filtered=true; done

failed=()
for user in rep@northwind.test admin@northwind.test; do
    token=$(access_token "$user")
    [[ -n "$token" ]] || { echo "Could not log in as $user" >&2; exit 1; }
    export LEORA_FUZZ_ACCESS_TOKEN=$token
    echo
    echo "=== schemathesis as $user"
    if $filtered; then
        st run openapi.yaml --url "$url" --seed "$seed" --phases examples,coverage,fuzzing,stateful "${examples[@]}" \
            "${st_args[@]}" || failed+=("$user")
        continue
    fi
    # Logging out revokes the session every other operation is authenticated with, so logout runs on
    # its own, last (without the stateful phase: no link leads to it).
    st run openapi.yaml --url "$url" --seed "$seed" --phases examples,coverage,fuzzing,stateful "${examples[@]}" \
        --exclude-operation-id logout "${st_args[@]}" || failed+=("$user")
    st run openapi.yaml --url "$url" --seed "$seed" --phases examples,coverage,fuzzing "${examples[@]}" \
        --include-operation-id logout "${st_args[@]}" || failed+=("$user (logout)")
done

echo
if ((${#failed[@]})); then
    echo "make fuzz: failures as ${failed[*]}; the portal's warnings and errors:" >&2
    tail -n 50 "$log" >&2
    exit 1
fi
echo "make fuzz: no failures"
