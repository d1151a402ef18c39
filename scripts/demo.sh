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
# The demo's clock: the morning after the deadline, so the Secretariat's digest is due too.
DEMO_NOW="${DEMO_NOW:-2020-01-16T10:00:00+01:00}"
echo "== mailbot run --once --dry-run --now $DEMO_NOW: what a first run would do, changing nothing"
.venv/bin/mailbot run --once --dry-run --now "$DEMO_NOW" "$@"
echo
echo "== mailbot run --once --now $DEMO_NOW on the bundled demo inbox (data/demo/inbox); state in $MAILBOT_STATE_DIR"
echo "   First contact: mail that was already in the inbox for more than a day is registered, its acknowledgement held."
.venv/bin/mailbot run --once --now "$DEMO_NOW" "$@"
echo
echo "== mailbot ack release --all: the Secretariat decides to send the held acknowledgements (each once)"
.venv/bin/mailbot ack release --all --now "$DEMO_NOW" "$@"
echo
.venv/bin/mailbot list --limit 0
echo
echo "Acknowledgements, the forward to the Arabic translation section and the digest are .eml files in $MAILBOT_STATE_DIR/outbox/"
echo "Try: .venv/bin/mailbot show 1    .venv/bin/mailbot export --format csv    .venv/bin/mailbot status"
