"""Who a text says wrote it: author phrases, institutional lines, title lines, and mere mentions."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from mailbot.attribution import phrases
from mailbot.attribution.memo import remembered
from mailbot.attribution.names import NameIndex, NameMatch
from mailbot.attribution.text import Token, fold_phrase

MAX_FILLERS = 6          # "Contribution from the Government of the Republic of Kenya"
MAX_GAP = 4              # between co-authors: ", and the"
SHORT_LINE = 24          # tokens; institutional lines are signatures and title blocks, not prose
MAX_INSTITUTION = 14
GROUP_REACH = 3          # "African Union | Commission", "Economic Community of ... | Commission"     # "the Department of Information and Communications Technology (DICT) of"
_SENTENCE_END = re.compile(r"[.;:!?。；：！？]")
_NEWLINE = re.compile("\n")


@dataclass(frozen=True)
class Finding:
    """One statement about authorship (or a mere mention) found in a text."""

    how: str                          # explicit | label | institution | title_line | mention
    states: tuple[str, ...]
    orgs: tuple[tuple[str, str], ...] = ()   # (organisation id, category)
    ambiguous: tuple[str, ...] = ()          # names that could be several states ("Korea")
    negated: bool = False                    # "we support the contribution from Estonia"
    line: int = 0
    snippet: str = ""


class PhraseTables:
    """The phrase lists of `phrases`, folded once."""

    def __init__(self):
        self.before = _by_first(phrases.AUTHOR_BEFORE)
        self.after = _by_first(phrases.AUTHOR_AFTER)
        self.labels = _by_first(phrases.AUTHOR_LABELS)
        self.institutions = _by_first(phrases.INSTITUTIONS)
        self.fillers = _by_first(phrases.FILLERS)
        self.separators = _by_first(phrases.SEPARATORS)
        self.on_behalf = _by_first(phrases.ON_BEHALF)
        self.not_author = frozenset(fold_phrase(word)[0] for word in phrases.NOT_AUTHOR_BEFORE)
        # The words an author phrase before the authors can start with (a label or an author
        # phrase): Analyser._prefix has nothing to do at any other word, i.e. at most of them.
        self.prefix_firsts = frozenset(self.labels) | frozenset(self.before)


def _by_first(entries) -> dict[str, list[tuple[str, ...]]]:
    table: dict[str, list[tuple[str, ...]]] = {}
    for entry in entries:
        key = fold_phrase(entry)
        for form in dict.fromkeys((key, _definite(key))):
            if form and form not in table.setdefault(form[0], []):
                table[form[0]].append(form)
    for keys in table.values():
        keys.sort(key=len, reverse=True)
    return table


_ARABIC_PARTICLES = frozenset(fold_phrase("من عن في على إلى الى ل ب و")) | {"الى"}


def _definite(key: tuple[str, ...]) -> tuple[str, ...]:
    """An Arabic phrase with the article on its nouns and adjectives ("مساهمة مشتركة من" ->
    "المساهمة المشتركة من"): Arabic writes the same phrase definite or not, and a list of every
    phrase twice would drift."""
    if not key or not all("\u0600" <= word[:1] <= "\u06ff" for word in key):
        return key
    return tuple(word if word in _ARABIC_PARTICLES or word.startswith("ال") or len(word) < 3 else "ال" + word
                 for word in key)


def _phrase_end(toks: list[Token], index: int, table: dict) -> int | None:
    """End index of the longest phrase of `table` starting at `index`, or None."""
    if index >= len(toks):
        return None
    first = toks[index].norm
    end = _key_end(toks, index, table.get(first))
    if end is None and len(first) > 3 and first[0] in "وف":
        for word in _conjunction_stripped(first):
            end = _key_end(toks, index, table.get(word))
    return end


def _key_end(toks: list[Token], index: int, keys: list[tuple[str, ...]] | None) -> int | None:
    """End index of the first of `keys` (longest first) whose words after the first follow `index`."""
    if not keys:
        return None
    count = len(toks)
    for key in keys:
        size = len(key)
        if size == 1:
            return index + 1
        end = index + size
        if end > count:
            continue
        for offset in range(1, size):
            if toks[index + offset].norm != key[offset]:
                break
        else:
            return end
    return None


def _conjunction_stripped(word: str) -> tuple[str, ...]:
    """Arabic writes "and" (و) and "then" (ف) on the next word: "ومملكة" is "و" + "مملكة"."""
    if len(word) > 3 and word[0] in "وف" and "\u0600" <= word[1] <= "\u06ff":
        return (word[1:],)
    return ()


class Analyser:
    """Finds authorship statements in one text with a name index and the phrase tables."""

    def __init__(self, names: NameIndex, tables: PhraseTables):
        self.names, self.tables = names, tables

    def listed_states(self, text: str, minimum: int = 2) -> tuple[str, ...]:
        """The longest list of states written one after the other ("Australia, Japan and Malaysia",
        "Austria; Belgium; France"), with at least `minimum` states, or ()."""
        scanned = self.names.scanned(text)
        cleaned, toks = scanned.cleaned, scanned.toks
        matches = [match for match in scanned.matches
                   if not match.ambiguous and match.entry.kind in ("name", "acronym")]
        best: list = []
        run: list = []
        for match in matches:
            if run and self._list_gap(toks, cleaned, run[-1].end, match.start):
                run.append(match)
            else:
                run = [match]
            if len(run) > len(best):
                best = list(run)
        states = tuple(dict.fromkeys(state for match in best for state in match.entry.states))
        return states if len(states) >= minimum else ()

    def _list_gap(self, toks: list[Token], cleaned: str, end: int, start: int) -> bool:
        """Only separators, fillers and list punctuation between two names, on one line."""
        if start - end > MAX_GAP or "\n" in cleaned[toks[end - 1].end:toks[start].start]:
            return False
        index = end
        while index < start:
            step = _phrase_end(toks, index, self.tables.separators) or _phrase_end(toks, index, self.tables.fillers)
            if step is None or step > start:
                return False
            index = step
        gap = "".join(char for char in cleaned[toks[end - 1].end:toks[start].start] if not char.isalnum())
        return not _SENTENCE_END.search(gap.replace(";", "").replace("；", ""))

    def analyse(self, text: str, *, title_block: bool = False, short_lines: bool = True) -> list[Finding]:
        scanned = self.names.scanned(text)
        cleaned, toks, matches = scanned.cleaned, scanned.toks, scanned.matches
        if not toks:
            return []
        line_of, lines = self._lines(text, scanned)
        by_start = {match.start: match for match in matches}
        by_end = {match.end: match for match in matches}
        used: set[int] = set()
        findings: list[Finding] = []
        context = _Context(toks, cleaned, line_of, by_start, by_end, used)
        prefix_firsts = self.tables.prefix_firsts
        for index, tok in enumerate(toks):
            if tok.norm in prefix_firsts:
                self._prefix(context, index, findings)
        for match in matches:
            self._suffix(context, match, findings)
        if short_lines:
            for line_number, (first, last) in lines.items():
                self._institution(context, first, last, line_number, findings)
        if title_block:
            for line_number, (first, last) in lines.items():
                self._title_line(context, first, last, line_number, findings)
        for match in matches:
            if match.start not in used:
                findings.append(Finding("mention", match.entry.states if not match.ambiguous else (),
                                        _orgs([match]), _ambiguous([match]), False,
                                        line_of[match.start], match.text))
        return _joint_lines(findings)

    def address_line(self, text: str) -> Finding | None:
        """A signature's institution line followed by its address line, "City, State":
        "National Telecommunications Regulatory Commission / Kingstown, St. Vincent and the Grenadines".
        Not when the institution belongs to an organisation of states (its seat is no author)."""
        scanned = self.names.scanned(text)
        cleaned, toks, matches = scanned.cleaned, scanned.toks, scanned.matches
        if not toks:
            return None
        line_of, lines = self._lines(text, scanned)
        ctx = _Context(toks, cleaned, line_of, {m.start: m for m in matches}, {m.end: m for m in matches}, set())
        spans = list(lines.values())
        for (above_first, above_last), (first, last) in zip(spans, spans[1:]):
            state = ctx.by_end.get(last)
            if state is None or state.ambiguous or state.entry.kind != "name" or not 1 <= state.start - first <= 3 \
                    or any(index in ctx.by_start for index in range(first, state.start)) \
                    or "," not in cleaned[toks[state.start - 1].end:toks[state.start].start]:
                continue
            if self._institution_line(ctx, above_first, above_last):
                snippet = cleaned[toks[first].start:toks[last - 1].end]
                return Finding("institution", state.entry.states, line=line_of[first], snippet=snippet[:160])
        return None

    def _lines(self, text: str, scanned) -> tuple[list[int], dict[int, tuple[int, int]]]:
        """_lines of a scanned text, once per message for each text (shared: never changed)."""
        return remembered((self, "lines"), text, lambda: _lines(scanned.toks, scanned.cleaned))

    def _institution_line(self, ctx: "_Context", first: int, last: int) -> bool:
        """A short line naming an institution of a state, not of an organisation, and no other state."""
        if last - first > SHORT_LINE or any(index in ctx.by_start for index in range(first, last)):
            return False
        for index in range(first, last):
            if ctx.toks[index].norm in self.tables.institutions and \
                    _phrase_end(ctx.toks, index, self.tables.institutions) is not None:
                return not self._organisation_body(ctx, first, index)
        return False

    # -- author phrase before the authors: "Contribution from Kenya, Uganda and Tanzania"
    def _prefix(self, ctx: "_Context", index: int, findings: list[Finding]) -> None:
        label_end = None
        if index == 0 or ctx.line_of[index - 1] != ctx.line_of[index]:
            label_end = _phrase_end(ctx.toks, index, self.tables.labels)
        before_end = _phrase_end(ctx.toks, index, self.tables.before)
        end = label_end or before_end
        if end is None:
            return
        start = self._skip(ctx, end, MAX_FILLERS)
        first = ctx.by_start.get(start) or self._through_institution(ctx, start)
        if first is None or first.start in ctx.used:
            return
        group = [first]
        while True:
            following = ctx.by_start.get(self._skip_gap(ctx, group[-1].end))
            if following is None or following.start in ctx.used:
                break
            group.append(following)
        how = "label" if label_end is not None else "explicit"
        writer = self._writer_before(ctx, index)
        if writer is not None:
            group.insert(0, writer)
            index = writer.start
        findings.append(self._finding(ctx, how, group, index, negated=self._negated(ctx, index)))

    def _writer_before(self, ctx: "_Context", index: int) -> NameMatch | None:
        """'Fiji, on behalf of Samoa and Tonga': the state named just before the phrase, in the same
        sentence and line, writes together with those after it."""
        if _phrase_end(ctx.toks, index, self.tables.on_behalf) is None or index == 0:
            return None
        writer = ctx.by_end.get(self._back_gap(ctx.toks, index))
        if writer is None or writer.start in ctx.used or writer.entry.kind not in ("name", "acronym") \
                or ctx.line_of[writer.start] != ctx.line_of[index] or not self._same_sentence(ctx, writer.start, index):
            return None
        return writer

    def _same_sentence(self, ctx: "_Context", one: int, other: int) -> bool:
        low, high = sorted((one, other))
        return not _SENTENCE_END.search(ctx.cleaned[ctx.toks[low].end:ctx.toks[high].start])

    def _through_institution(self, ctx: "_Context", index: int) -> NameMatch | None:
        """'On behalf of the Department of ICT (DICT) of the Republic of the Philippines'."""
        if _phrase_end(ctx.toks, index, self.tables.institutions) is None:
            return None
        line = ctx.line_of[index]
        for ahead in range(index + 1, min(index + MAX_INSTITUTION, len(ctx.toks))):
            if ctx.line_of[ahead] != line or _SENTENCE_END.search(ctx.cleaned[ctx.toks[ahead - 1].end:ctx.toks[ahead].start]):
                return None
            if ahead in ctx.by_start:
                return ctx.by_start[ahead]
        return None

    # -- author phrase after the authors: "Kenya's contribution", "中国提交的文稿"
    def _suffix(self, ctx: "_Context", match: NameMatch, findings: list[Finding]) -> None:
        if match.start in ctx.used:
            return
        after = self._skip(ctx, match.end, 2, per_phrase=True)   # CJK words are several tokens
        if _phrase_end(ctx.toks, after, self.tables.after) is None:
            return
        if after < len(ctx.toks) and ctx.line_of[after] != ctx.line_of[match.start]:
            return      # "... Kenya\nContribution to the consultation" is a title line, not this
        group = [match]
        while True:
            gap_start = self._back_gap(ctx.toks, group[0].start)
            previous = ctx.by_end.get(gap_start)
            if previous is None or previous.start in ctx.used or previous is group[0]:
                break
            group.insert(0, previous)
        findings.append(self._finding(ctx, "explicit", group, group[0].start,
                                      negated=self._negated(ctx, group[0].start)))

    # -- "Permanent Mission of Kenya", "Ministère de l'Économie numérique, Sénégal"
    def _institution(self, ctx: "_Context", first: int, last: int, line: int, findings: list[Finding]) -> None:
        if last - first > SHORT_LINE:
            return
        free = [ctx.by_start[i] for i in range(first, last) if i in ctx.by_start and i not in ctx.used]
        if not free:
            return
        chosen, institutions = None, self.tables.institutions
        for index in range(first, last):
            if ctx.toks[index].norm not in institutions:
                continue    # most words start no institution's name: skip them without a call
            end = _phrase_end(ctx.toks, index, institutions)
            if end is None:
                continue
            if self._organisation_body(ctx, first, index):
                continue    # "African Union Commission, Addis Ababa, Ethiopia": a group's body and its seat
            after = ctx.by_start.get(self._skip(ctx, end, MAX_FILLERS))
            before = ctx.by_end.get(index) or ctx.by_end.get(self._back_skip(ctx.toks, index, 2))
            same_sentence = [match for match in (after, before, *reversed(free))
                             if match is not None and self._same_sentence(ctx, index, match.start)]
            chosen = chosen or (same_sentence[0] if same_sentence else None)
        if chosen is None or chosen.start in ctx.used:
            return
        # "We thank the Government of Switzerland": a short line, but a mention.
        negated = any(tok.norm in self.tables.not_author for tok in ctx.toks[first:chosen.start])
        findings.append(self._finding(ctx, "institution", [chosen], first, negated=negated))

    def _organisation_body(self, ctx: "_Context", first: int, index: int) -> bool:
        """The institution word at `index` belongs to an organisation of states: a group word just before
        it ("African Union Commission") or a known organisation's name or acronym ("ECOWAS Commission")."""
        if self.names.group_before(ctx.toks, max(first, index - GROUP_REACH), index):
            return True
        for start in range(max(first, index - GROUP_REACH), index + 1):
            match = ctx.by_start.get(start)
            if match is not None and match.end >= index and match.entry.kind == "org":
                return True
        return False

    # -- a title-block line that is only a country name (or a list of them): "REPUBLIC OF KENYA"
    def _title_line(self, ctx: "_Context", first: int, last: int, line: int, findings: list[Finding]) -> None:
        group, index = [], first
        while index < last:
            match = ctx.by_start.get(index)
            if match is not None and match.start not in ctx.used:
                group.append(match)
                index = match.end
                continue
            end = _phrase_end(ctx.toks, index, self.tables.fillers) or \
                _phrase_end(ctx.toks, index, self.tables.separators)
            if end is None:
                return
            index = end
        if group and all(match.entry.kind in ("name", "acronym") for match in group):
            findings.append(self._finding(ctx, "title_line", group, first, negated=False))

    def _finding(self, ctx: "_Context", how: str, group: list[NameMatch], at: int, negated: bool) -> Finding:
        for match in group:
            ctx.used.add(match.start)
        states = tuple(dict.fromkeys(state for match in group if not match.ambiguous
                                     for state in match.entry.states))
        end_char = ctx.toks[group[-1].end - 1].end
        snippet = ctx.cleaned[ctx.toks[at].start:end_char].replace("\n", " ")[:160]
        return Finding(how, states, _orgs(group), _ambiguous(group), negated, ctx.line_of[at], snippet)

    def _negated(self, ctx: "_Context", index: int) -> bool:
        """A 'we support', 'we thank', 'like' just before, on the same line."""
        start = max(0, index - 4)
        window = [tok for offset, tok in enumerate(ctx.toks[start:index], start=start)
                  if ctx.line_of[offset] == ctx.line_of[index]]
        return any(tok.norm in self.tables.not_author for tok in window)

    def _skip(self, ctx: "_Context", index: int, limit: int, per_phrase: bool = False) -> int:
        """Walk over fillers (at most `limit` tokens, or phrases), stopping where a name starts
        ("the Republic of Korea")."""
        skipped = 0
        while skipped < limit and index not in ctx.by_start:
            end = _phrase_end(ctx.toks, index, self.tables.fillers)
            if end is None:
                break
            skipped += 1 if per_phrase else end - index
            index = end
        return index

    def _skip_gap(self, ctx: "_Context", index: int) -> int:
        skipped, toks = 0, ctx.toks
        while skipped < MAX_GAP and index not in ctx.by_start:
            end = _phrase_end(toks, index, self.tables.separators) or _phrase_end(toks, index, self.tables.fillers)
            if end is None:
                break
            skipped += end - index
            index = end
        return index

    def _back_gap(self, toks: list[Token], index: int) -> int:
        """Walk back over separators and fillers before token `index` (single-token ones)."""
        steps = 0
        while steps < MAX_GAP and index > 0:
            word = (toks[index - 1].norm,)
            if word not in self.tables.separators.get(word[0], ()) and \
                    word not in self.tables.fillers.get(word[0], ()):
                break
            index -= 1
            steps += 1
        return index

    def _back_skip(self, toks: list[Token], index: int, limit: int) -> int:
        steps = 0
        while steps < limit and index > 0 and (toks[index - 1].norm,) in \
                self.tables.fillers.get(toks[index - 1].norm, ()):
            index -= 1
            steps += 1
        return index


@dataclass
class _Context:
    toks: list[Token]
    cleaned: str
    line_of: list[int]
    by_start: dict[int, NameMatch]
    by_end: dict[int, NameMatch]
    used: set[int]


def _lines(toks: list[Token], cleaned: str) -> tuple[list[int], dict[int, tuple[int, int]]]:
    """The line of each token (0-based, empty lines counted), and each line's tokens: {line: (first,
    end)} for the lines that have any, in line order.

    A token never contains a newline, so the tokens before the first newline are on line 0, those
    between the first and the second on line 1, ...: one bisection per line, not per token.
    """
    starts = [tok.start for tok in toks]
    line_of: list[int] = []
    spans: dict[int, tuple[int, int]] = {}
    ends = [newline.start() for newline in _NEWLINE.finditer(cleaned)] + [len(cleaned)]
    first = 0
    for line, end in enumerate(ends):
        after = bisect.bisect_left(starts, end, first)
        if after > first:
            line_of.extend([line] * (after - first))
            spans[line] = (first, after)
            first = after
    return line_of, spans


def _joint_lines(findings: list[Finding]) -> list[Finding]:
    """Author statements on one line are one joint statement: "Contribution of India, also on
    behalf of Singapore" names two co-authors, not two conflicting authors."""
    merged: list[Finding] = []
    by_line: dict[int, int] = {}
    for finding in findings:
        if finding.how not in ("explicit", "label") or finding.negated or not finding.states:
            merged.append(finding)
            continue
        if finding.line in by_line:
            first = merged[by_line[finding.line]]
            merged[by_line[finding.line]] = Finding(
                first.how, tuple(dict.fromkeys(first.states + finding.states)), first.orgs + finding.orgs,
                first.ambiguous + finding.ambiguous, False, first.line, f"{first.snippet} ... {finding.snippet}"[:160])
            continue
        by_line[finding.line] = len(merged)
        merged.append(finding)
    return merged


def _orgs(group: list[NameMatch]) -> tuple[tuple[str | None, str | None], ...]:
    return tuple(dict.fromkeys((m.entry.org, m.entry.org_category) for m in group if m.entry.kind == "org"))


def _ambiguous(group: list[NameMatch]) -> tuple[str, ...]:
    return tuple(m.text for m in group if m.ambiguous)
