#!/usr/bin/env bash
# Run every benchmark (each starts its own Dovecot and SMTP sink on loopback) and print one table.
#   bash bench/run_all.sh            all of them, then the other areas' bench scripts (15-20 minutes)
#   bash bench/run_all.sh 1 4 6      only these (1 ingest, 2 documents, 3 idle poll, 4 start-up,
#                                    5 memory, 6 arrival to ack, 7 register at scale, 8 web desk, 9 service,
#                                    10 issue 18: plain and documents next to their same-run floors)
# Figures only, never a test: compare each with its floor and target. PYTHON overrides the interpreter.
set -uo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-$( [ -x .venv/bin/python ] && echo .venv/bin/python || echo python3 )}"
RESULTS="$(mktemp -t mailbot-bench-XXXXXX.jsonl)"
declare -A SCRIPT=([1]=ingest_bench [2]=documents_bench [3]=idle_poll_bench [4]=startup_bench
                   [5]=memory_bench [6]=latency_bench [7]=register_bench [8]=web_bench [9]=service_bench
                   [10]=speed_bench)
selected=("$@")
[ ${#selected[@]} -eq 0 ] && selected=(1 2 3 4 5 6 7 8 9 10)
failed=0
for number in "${selected[@]}"; do
    script="bench/${SCRIPT[$number]}.py"
    echo "== $script" >&2
    started=$(date +%s)
    if ! "$PYTHON" "$script" --results "$RESULTS" >&2; then
        echo "{\"bench\": \"$number ${SCRIPT[$number]}\", \"figure\": \"the benchmark crashed\", \"verdict\": \"ERROR\"}" >> "$RESULTS"
        failed=1
    fi
    echo "   ($(( $(date +%s) - started )) s)" >&2
done
# The other areas' own figures (printed above the table, not in it), when every benchmark runs.
for extra in bench/parse_bench.py bench/bench_extract.py bench/attribution.py bench/digest_at_scale.py \
             bench/delivery_steps_bench.py bench/stage_cpu.py; do
    if [ -f "$extra" ] && [ $# -eq 0 ]; then
        echo "== $extra" >&2
        "$PYTHON" "$extra" >&2 || echo "   $extra failed" >&2
    fi
done
echo
echo "mailbot benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
"$PYTHON" bench/table.py "$RESULTS"
rm -f "$RESULTS"
exit $failed
