"""Run the attributor over the labelled corpus and compute the figures the issue asks for."""
from __future__ import annotations

from dataclasses import dataclass, field

from mailbot.attribution import attribute
from tests.attribution.builders import work_item
from tests.attribution.corpus_gen import Case, generate


@dataclass
class Figures:
    cases: int = 0
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0
    must_review: int = 0
    must_review_flagged: int = 0
    flagged: int = 0
    spoofs: int = 0
    spoofs_attributed_unreviewed: int = 0
    forwarded: int = 0
    forwarded_flagged_as_such: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        predicted = self.true_positive + self.false_positive
        return self.true_positive / predicted if predicted else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positive + self.false_negative
        return self.true_positive / expected if expected else 1.0

    @property
    def review_recall(self) -> float:
        return self.must_review_flagged / self.must_review if self.must_review else 1.0

    @property
    def flagged_share(self) -> float:
        return self.flagged / self.cases if self.cases else 0.0

    def report(self) -> str:
        return (f"cases {self.cases}: precision {self.precision:.4f}, recall {self.recall:.4f} "
                f"(TP {self.true_positive}, FP {self.false_positive}, FN {self.false_negative}); "
                f"must-review flagged {self.must_review_flagged}/{self.must_review} ({self.review_recall:.0%}); "
                f"flagged overall {self.flagged}/{self.cases} ({self.flagged_share:.1%}); "
                f"spoofs attributed without review {self.spoofs_attributed_unreviewed}/{self.spoofs}; "
                f"forwarded flagged {self.forwarded_flagged_as_such}/{self.forwarded}")


def evaluate(ctx, cases: list[Case] | None = None) -> Figures:
    figures = Figures()
    for case in cases if cases is not None else generate():
        item = work_item(case.parsed, case.extracts, language=case.language, kind=case.kind)
        attribute(item, ctx)
        result = item.attribution
        predicted, expected = set(result.states), set(case.states)
        figures.cases += 1
        figures.true_positive += len(predicted & expected)
        figures.false_positive += len(predicted - expected)
        figures.false_negative += len(expected - predicted)
        figures.flagged += result.needs_review
        if case.must_review:
            figures.must_review += 1
            figures.must_review_flagged += result.needs_review
        if case.spoof:
            figures.spoofs += 1
            figures.spoofs_attributed_unreviewed += bool(result.states) and not result.needs_review
        if case.forwarded:
            figures.forwarded += 1
            figures.forwarded_flagged_as_such += result.forwarded
        if predicted != expected or result.needs_review != case.must_review:
            figures.failures.append(
                f"{case.id} [{case.language}] expected {sorted(expected)} review={case.must_review}; "
                f"got {sorted(predicted)} review={result.needs_review} {result.review_reasons}")
    return figures
