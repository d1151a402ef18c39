"""A strict-enough HTML structure check with html.parser: balanced tags, one html/head/body, lang and dir."""

from __future__ import annotations

from html.parser import HTMLParser

VOID = {"meta", "br", "hr", "img", "link", "input", "col", "wbr"}


class _Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.counts: dict[str, int] = {}
        self.html_attrs: dict[str, str] = {}
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.counts[tag] = self.counts.get(tag, 0) + 1
        if tag == "html":
            self.html_attrs = dict(attrs)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}> (open: {self.stack[-3:]})")
            return
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def check_html(document: str) -> tuple[dict[str, str], str]:
    """Raise AssertionError on a structural fault; return the <html> attributes and the visible text."""
    checker = _Checker()
    checker.feed(document)
    checker.close()
    assert document.lstrip().lower().startswith("<!doctype html>")
    assert not checker.errors, checker.errors
    assert not checker.stack, f"unclosed: {checker.stack}"
    for tag in ("html", "head", "body", "title"):
        assert checker.counts.get(tag) == 1, f"<{tag}> x{checker.counts.get(tag)}"
    assert "script" not in checker.counts
    return checker.html_attrs, " ".join(" ".join(checker.text).split())
