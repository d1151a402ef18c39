#!/usr/bin/env bash
# The words of the outgoing mail live in gettext catalogs, managed with Babel:
#   bash scripts/i18n.sh update    extract the templates' messages into locale/messages.pot and merge
#                                  them into the six catalogs (new ones arrive empty, changed ones fuzzy)
#   bash scripts/i18n.sh compile   compile the catalogs to .mo and print how much is translated
#   bash scripts/i18n.sh init LANG a new language's catalog
# mailbot itself reads the .po files (compiled in memory), so a fresh clone needs no build step; the
# tests (tests/correspondence/test_catalogs.py) fail on any untranslated or fuzzy message.
set -euo pipefail
cd "$(dirname "$0")/.."

PYBABEL="${PYBABEL:-.venv/bin/pybabel}"
LOCALE=outbox_templates/locale
POT="$LOCALE/messages.pot"
LANGUAGES=(ar en es fr ru zh)

extract() {
    "$PYBABEL" extract -F scripts/babel.cfg --no-location --sort-output --project mailbot \
        -k _ -k gettext -k ngettext:1,2 -o "$POT" outbox_templates
}

case "${1:-update}" in
    update)
        extract
        for lang in "${LANGUAGES[@]}"; do
            "$PYBABEL" update --no-wrap -i "$POT" -d "$LOCALE" -l "$lang" --ignore-obsolete
        done
        ;;
    compile)
        "$PYBABEL" compile -d "$LOCALE" --statistics
        ;;
    init)
        extract
        "$PYBABEL" init -i "$POT" -d "$LOCALE" -l "${2:?which language?}" --no-wrap
        ;;
    *)
        echo "usage: bash scripts/i18n.sh update|compile|init LANG" >&2
        exit 2
        ;;
esac
