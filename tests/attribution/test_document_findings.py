"""Documents' authorship findings made where they are read: the same evidence as made here, used only
when found with the name tables in use."""
from __future__ import annotations

import pickle
from dataclasses import replace
from types import SimpleNamespace

from mailbot.attribution.collectors.documents import collect_documents
from mailbot.attribution.collectors.view import MessageView, documents_of
from mailbot.attribution.context import build_context
from mailbot.attribution.document_findings import AnalyseRead, DocumentFindings, find, reference_key
from mailbot.attribution.screen import _names_state
from mailbot.extraction.worker import _after_read
from parsers.types import ExtractResult
from tests.attribution.builders import document

COVER = ("CWG-Internet\nContribution from the Niger\nOn the guidelines\n" + "Background paragraph.\n" * 20
         + "We thank Nigeria and, jointly with Estonia, submit this.\nSubmitted by the Republic of Kenya\n")


def _view(attachment, result) -> MessageView:
    parsed = SimpleNamespace(attachments=(attachment,))       # all documents_of reads of a message
    return MessageView(None, (), "", "", "", "", documents_of(parsed, {attachment.sha256: result}))


def test_worker_findings_give_the_same_evidence_as_found_here(ctx):
    attachment, result = document("cover.docx", COVER, first_page=COVER[:200])
    analysed = AnalyseRead.of(ctx.reference)(result)
    assert analysed.analysis == find(ctx.analyser, COVER[:200], COVER, reference_key(ctx.reference))
    assert analysed.analysis.text, "the text after the title block is analysed too"
    here = collect_documents(_view(attachment, result), ctx)
    carried = collect_documents(_view(attachment, analysed), ctx)
    assert carried == here and ("doc_author", ("NER",)) in [(e.kind, e.states) for e in here]


def test_the_parts_of_a_container_each_carry_their_findings(ctx):
    attachment, inner = document("pack.zip", COVER)
    container = ExtractResult(status="ok", reason="", parts=(inner, replace(inner, status="corrupt")))
    analysed = AnalyseRead.of(ctx.reference)(container)
    assert analysed.analysis is None                       # no text of its own
    assert analysed.parts[0].analysis is not None and analysed.parts[1].analysis is None
    assert collect_documents(_view(attachment, analysed), ctx) == collect_documents(_view(attachment, container), ctx)


def test_findings_made_with_other_name_tables_are_not_used(ctx):
    attachment, result = document("cover.docx", COVER)
    stale = DocumentFindings("other reference data", title=(), text=(), names_state=False)
    assert collect_documents(_view(attachment, replace(result, analysis=stale)), ctx) == \
        collect_documents(_view(attachment, result), ctx) != []


def test_the_key_follows_the_reference_data(ctx):
    organisations = ctx.reference.organisations[1:]
    assert reference_key(ctx.reference) == reference_key(replace(ctx.reference))
    assert reference_key(ctx.reference) != reference_key(replace(ctx.reference, organisations=organisations))


def test_the_step_travels_to_a_worker_and_a_failing_step_keeps_the_result(ctx):
    step = pickle.loads(pickle.dumps(AnalyseRead.of(ctx.reference)))
    _attachment, result = document("cover.docx", COVER)
    assert step(result).analysis is not None
    broken = AnalyseRead(states=None, organisations=(), key="broken")      # cannot build its tables
    assert _after_read(broken, result) is result
    assert _after_read(None, result) is result


def _screened(ctx, *results_and_attachments) -> bool:
    """The screen's `names_state` for a message of these documents and nothing else."""
    parsed = SimpleNamespace(attachments=tuple(att for att, _ in results_and_attachments), subject="",
                             sender=None, forwarded=())
    extracts = {att.sha256: result for att, result in results_and_attachments}
    return _names_state(parsed, MessageView(None, (), "", "", "", "", documents_of(parsed, extracts)), ctx)


def test_the_worker_answers_the_screens_question_as_the_screen_would(ctx):
    padding = "Background paragraph without names.\n" * 100        # past the 3,000 characters looked at
    cases = {"named first": "Comments on the guidelines\nThe Government of Kenya welcomes them\n" + padding,
             "named late": "Comments on the guidelines\n" + padding + "Kenya\n",
             "not named": "Comments on the guidelines\n" + padding}
    step = AnalyseRead.of(ctx.reference)
    for name, text in cases.items():
        pair = document(f"{name}.docx", text, first_page=text)
        assert step(pair[1]).analysis.names_state is (name == "named first"), name
        assert _screened(ctx, pair) is (name == "named first"), name
        assert _screened(ctx, (pair[0], step(pair[1]))) is (name == "named first"), name


def test_the_screen_takes_the_workers_answer_without_the_name_tables(ctx):
    fresh = build_context(ctx.settings, ctx.reference, ctx.rules)        # its name tables not built yet
    attachment, result = document("cover.docx", "Comments on the guidelines\n")
    says = DocumentFindings(reference_key(ctx.reference), title=(), text=None, names_state=True)
    assert _screened(fresh, (attachment, replace(result, analysis=says))) is True
    assert fresh.tables._built is None, "the document's text was not scanned here"
    stale = replace(says, key="other reference data")                     # found with other tables: scanned here
    assert _screened(fresh, (attachment, replace(result, analysis=stale))) is False


def test_the_name_tables_built_ahead_in_a_thread_are_the_ones_used(ctx):
    """The stream asks for them while the first documents are read; attribution then uses that build."""
    import threading

    fresh = build_context(ctx.settings, ctx.reference, ctx.rules).tables
    fresh.build_soon()
    fresh.build_soon()                                         # one build, however often asked
    builders = [thread for thread in threading.enumerate() if thread.name == "name-tables"]
    assert len(builders) <= 1
    for thread in builders:
        thread.join(60)
    built = fresh._built
    assert built is not None and fresh.get() is built
    assert [m.entry.states for m in built[0].find("the Republic of Kenya")] == \
        [m.entry.states for m in ctx.names.find("the Republic of Kenya")]
