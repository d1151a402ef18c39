"""Text of WordprocessingML / DrawingML XML in reading order, by local names (Transitional and Strict)."""
from __future__ import annotations

# Subtrees whose text is not the document's visible text: tracked deletions and moves away,
# field codes, paragraph/run properties (tab stops!), VML fallbacks duplicating mc:Choice.
SKIPPED = frozenset({
    "del", "moveFrom", "delText", "instrText", "pPr", "rPr", "sectPr", "tblPr", "trPr", "tcPr",
    "Fallback", "fldData", "delInstrText", "commentRangeStart",
})
LINE_BREAKS = frozenset({"br", "cr"})


def local_name(tag) -> str | None:
    """`{namespace}name` -> `name`; None for comments and processing instructions."""
    if not isinstance(tag, str):
        return None
    return tag.rpartition("}")[2]


def element_text(root) -> str:
    """All visible text under `root`: paragraphs end with a newline, table cells with a tab."""
    out: list[str] = []
    _walk(root, out)
    return "".join(out)


def _walk(element, out: list[str]) -> None:
    name = local_name(element.tag)
    if name is None or name in SKIPPED:
        return
    if name == "tc":
        out.append(_cell_text(element) + "\t")
        return
    if name == "t":
        out.append(element.text or "")
    elif name == "tab":
        out.append("\t")
    elif name in LINE_BREAKS:
        out.append("\n")
    elif name == "noBreakHyphen":
        out.append("-")
    for child in element:
        _walk(child, out)
    if name == "p":
        out.append("\n")
    elif name == "tr":
        out.append("\n")


def _cell_text(cell) -> str:
    """One table cell on one line, so rows read row by row, cell by cell."""
    inner: list[str] = []
    for child in cell:
        _walk(child, inner)
    return " ".join(" ".join("".join(inner).split("\n")).split())
