#!/usr/bin/env bash
# The demo in one command: create .venv, install mailbot, process the bundled inbox, show the register.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip >/dev/null
.venv/bin/python -m pip install --quiet -e . 
export MAILBOT_STATE_DIR="${MAILBOT_STATE_DIR:-var/demo}"
echo "== mailbot run --once on the bundled demo inbox (data/demo/inbox); state in $MAILBOT_STATE_DIR"
.venv/bin/mailbot run --once "$@"
echo
.venv/bin/mailbot list --limit 0
echo
echo "Acknowledgements written as .eml files to $MAILBOT_STATE_DIR/outbox/"
echo "Try: .venv/bin/mailbot show 1    .venv/bin/mailbot export --format csv    .venv/bin/mailbot status"
