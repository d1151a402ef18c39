"""The register as CSV: one writer for `mailbot export --format csv` and the digest's attachment.

UTF-8 with a byte-order mark (Excel then reads accents and scripts right), CRLF rows, booleans
`true`/`false` as in the JSON export, and no cell a spreadsheet would run as a formula."""
from __future__ import annotations

import csv

# The export contract's fields; lists joined with spaces (states) or "; " (reasons, files).
COLUMNS = ("id", "message_id", "received_at", "from_address", "from_name", "subject", "kind", "states",
           "late", "duplicate_of", "needs_review", "review_reasons", "reference", "attachments",
           "ack_status", "ack_sent_at", "ack_reason",
           "decision_by", "decision_at", "decision_note", "decision_states_before", "bounce_recipients")
BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> str:
    """One CSV cell: booleans as in JSON, None empty, text that would start a formula kept as text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    return "'" + text if text[:1] in _FORMULA_START and not _is_number(text) else text


def _is_number(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


def write_rows(rows, out) -> None:
    """The header and each row (a sequence in COLUMNS order) to a text stream."""
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([cell(value) for value in row])


def record_row(record: dict) -> tuple:
    """A JSON export record (mailbot.export.message_record) as a CSV row."""
    ack, decision = record["ack"], record.get("decision") or {}
    return (record["id"], record["message_id"], record["received_at"], record["from_address"],
            record["from_name"], record["subject"], record["kind"], " ".join(record["states"]),
            record["late"], record["duplicate_of"], record["needs_review"], "; ".join(record["review_reasons"]),
            record["reference"], "; ".join(att["filename"] or "" for att in record["attachments"]),
            ack["status"], ack["sent_at"], ack["reason"],
            decision.get("by"), decision.get("at"), decision.get("note"),
            " ".join(decision["states_before"]) if decision else None,
            bounce_cell(record.get("bounce")))


def bounce_cell(bounce: dict | None) -> str:
    """A delivery report's recipients as `address action status`, joined with "; " (empty for other mail)."""
    recipients = (bounce or {}).get("recipients") or []
    return "; ".join(" ".join(part for part in (each.get("address"), each.get("action"), each.get("status")) if part)
                     for each in recipients)

