#!/usr/bin/env bash
# Runs the crash-point and fault tests N times in a row (default 10) and prints how many passes passed.
#   bash scripts/repeat_faults.sh [N] [extra pytest arguments]
# Uses .venv when present (scripts/test.sh creates it), else /work/venv, else python3.
set -uo pipefail

cd "$(dirname "$0")/.."
rounds="${1:-10}"
shift || true

python=python3
for candidate in .venv/bin/python /work/venv/bin/python; do
    if [ -x "$candidate" ]; then python="$candidate"; break; fi
done

targets=(tests/e2e/test_crash_restart.py tests/faults)
passed=0
for round in $(seq 1 "$rounds"); do
    if "$python" -m pytest -q -p no:cacheprovider "${targets[@]}" "$@" > "/tmp/repeat_faults.$$.log" 2>&1; then
        passed=$((passed + 1))
        echo "round $round: passed ($(tail -n 1 "/tmp/repeat_faults.$$.log"))"
    else
        echo "round $round: FAILED"
        grep -E "^(FAILED|ERROR)" "/tmp/repeat_faults.$$.log" | sed 's/^/    /'
    fi
done
rm -f "/tmp/repeat_faults.$$.log"
echo "repeat_faults: $passed of $rounds rounds passed"
[ "$passed" -eq "$rounds" ]
