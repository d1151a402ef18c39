"""Extractor: cache by sha256 and version, lazy worker pool, limits, use from a child process."""
from __future__ import annotations

import hashlib
import subprocess
import sys
import textwrap

from sqlmodel import select

from mailbot.store.models import Extraction
from tests.corpus import REPO_ROOT
from tests.documents import pdfgen


def _item(data: bytes, name: str = "doc.pdf"):
    return hashlib.sha256(data).hexdigest(), data, "", name


def _pdf(text: str) -> bytes:
    return pdfgen.text_pdf([[text], ["second page"]])


def test_results_are_cached_and_identical_bytes_extracted_once(make_extractor, session_factory):
    first, second = _item(_pdf("Alpha contribution")), _item(_pdf("Beta contribution"))
    extractor = make_extractor()
    results = extractor.extract_all([first, second, first])
    assert extractor.extracted == 2
    assert results[first[0]].text.startswith("Alpha contribution") and results[first[0]].pages == 2
    again = make_extractor().extract_all([first, second])      # a new Extractor: only the cache
    assert again == results
    with session_factory() as session:
        rows = session.exec(select(Extraction)).all()
    assert {row.sha256 for row in rows} == {first[0], second[0]}


def test_second_pass_starts_no_worker(make_extractor):
    item = _item(_pdf("Cached once"))
    make_extractor().extract_all([item])
    extractor = make_extractor()
    assert extractor.extract_all([item])[item[0]].status == "ok"
    assert extractor.extracted == 0 and extractor.cache_hits == 1
    assert extractor._pool is None


def test_version_bump_re_extracts(make_extractor, session_factory):
    from mailbot.config import ExtractSettings
    from mailbot.extraction import Extractor

    item = _item(_pdf("Versioned"))
    make_extractor().extract_all([item])
    with Extractor(ExtractSettings(workers=1, ocr=False), session_factory, version="test-next") as newer:
        newer.extract_all([item])
        assert newer.extracted == 1
    with session_factory() as session:
        assert session.get(Extraction, item[0]).extractor_version == "test-next"


def test_containers_round_trip_through_the_cache(make_extractor):
    from tests.documents.make_golden import build_zip

    item = _item(build_zip({"a.txt": b"member text one", "b.pdf": _pdf("member pdf")}), "bundle.zip")
    fresh = make_extractor().extract_all([item])[item[0]]
    cached = make_extractor().extract_all([item])[item[0]]
    assert cached == fresh and len(cached.parts) == 2
    assert cached.parts[1].metadata["filename"] == "b.pdf"


def test_timeouts_are_not_cached(make_extractor):
    slow = _item(pdfgen.slow_pdf(operators=400_000), "slow.pdf")
    extractor = make_extractor(workers=1, timeout_seconds=2, pdf_engine="pdfminer")
    assert extractor.extract_all([slow])[slow[0]].status == "timeout"
    again = make_extractor(workers=1, timeout_seconds=2, pdf_engine="pdfminer")
    again.extract_all([slow])
    assert again.extracted == 1


def test_documents_over_the_size_limit_never_reach_a_worker(make_extractor):
    big = _item(b"%PDF-1.4\n" + b"0" * (2 * 1024 * 1024), "big.pdf")
    extractor = make_extractor(max_document_mb=1)
    result = extractor.extract_all([big])[big[0]]
    assert result.status == "too_large" and "limit 1 MB" in result.reason
    assert extractor._pool is None


def test_cpu_limit_ends_a_busy_worker(make_extractor):
    """With a generous wall clock, the per-document CPU budget (RLIMIT_CPU) is what stops it."""
    slow = _item(pdfgen.slow_pdf(operators=1_500_000), "slow.pdf")
    extractor = make_extractor(workers=1, timeout_seconds=1, pdf_engine="pdfminer")
    extractor._get_pool().timeout_seconds = 60          # leave only the CPU limit in play
    result = extractor.extract_all([slow])[slow[0]]
    assert result.status == "timeout" and "CPU" in result.reason


def test_importing_the_package_loads_no_reader():
    code = ("import sys, mailbot.extraction, mailbot.extraction.search; "
            "print(sorted(m for m in ('pdfminer', 'docx', 'lxml', 'langdetect', 'odf', 'extract_msg') "
            "if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True,
                          timeout=60, check=True)
    assert done.stdout.strip() == "[]"


def test_works_from_a_child_process(tmp_path):
    """The pipeline runs inside `python -m mailbot`, itself often started by a test: pool must work there."""
    script = textwrap.dedent(f"""
        import hashlib
        from pathlib import Path
        from sqlmodel import Session
        from mailbot.config import ExtractSettings
        from mailbot.extraction import Extractor
        from tests.builders import register
        from tests.documents import pdfgen

        engine = register(Path("{tmp_path / 'child'}"))
        data = pdfgen.text_pdf([["from the child process"]])
        sha = hashlib.sha256(data).hexdigest()
        with Extractor(ExtractSettings(workers=2, ocr=False), lambda: Session(engine)) as extractor:
            print(extractor.extract_all([(sha, data, "", "c.pdf")])[sha].text)
    """)
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO_ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "from the child process"


def test_a_worker_killed_from_outside_is_replaced(make_extractor):
    """The OOM killer's SIGKILL: that document gets a status, the next one a fresh worker."""
    import os
    import signal
    import threading
    import time

    slow, normal = _item(pdfgen.slow_pdf(operators=400_000), "slow.pdf"), _item(_pdf("After the kill"))
    extractor = make_extractor(workers=1, timeout_seconds=60, pdf_engine="pdfminer")
    pool = extractor._get_pool()

    def kill_the_busy_worker():
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            busy = [worker for worker in list(pool._workers) if worker.job_key == slow[0]]
            if busy:
                time.sleep(0.3)
                os.kill(busy[0].process.pid, signal.SIGKILL)
                return
            time.sleep(0.02)

    killer = threading.Thread(target=kill_the_busy_worker)
    killer.start()
    results = extractor.extract_all([slow, normal])
    killer.join()
    assert results[slow[0]].status == "too_large" and "memory" in results[slow[0]].reason
    assert results[normal[0]].text.startswith("After the kill")
    assert extractor.workers_replaced == 1


def test_workers_send_the_findings_back_and_the_cache_keeps_none(make_extractor, session_factory):
    """The after-read step runs in the worker; its findings come back with the text, are not stored,
    and a cache hit comes without them (attribution then finds them itself)."""
    from mailbot.attribution.authorship import Analyser, PhraseTables
    from mailbot.attribution.document_findings import AnalyseRead, find, first_page, reference_key
    from mailbot.attribution.names import NameIndex
    from mailbot.reference import FOCAL_POINTS_FILE, reference_data
    from tests.documents.make_golden import build_zip

    reference = reference_data(FOCAL_POINTS_FILE)
    pdf = _pdf("Contribution from the Republic of Kenya")
    zipped = build_zip({"inner.pdf": pdf})
    items = [_item(pdf), _item(zipped, "pack.zip")]
    extractor = make_extractor()
    extractor.after_read = AnalyseRead.of(reference)
    fresh = extractor.extract_all(items)
    here = Analyser(NameIndex(reference), PhraseTables())
    read = fresh[items[0][0]]
    assert read.analysis == find(here, first_page(read), read.text, reference_key(reference))
    assert ("explicit", ("KEN",)) in [(f.how, f.states) for f in read.analysis.title]
    inner = fresh[items[1][0]].parts[0]
    assert inner.analysis is not None and inner.analysis.title == read.analysis.title
    cached = make_extractor().extract_all(items)
    assert cached == fresh and cached[items[0][0]].analysis is None and cached[items[1][0]].parts[0].analysis is None
    with session_factory() as session:
        assert "analysis" not in str(session.get(Extraction, items[1][0]).meta)


def test_a_failing_after_read_step_keeps_the_document(make_extractor):
    from mailbot.attribution.document_findings import AnalyseRead

    item = _item(_pdf("Read all the same"))
    extractor = make_extractor()
    extractor.after_read = AnalyseRead(states=None, organisations=(), key="broken")   # cannot build its tables
    result = extractor.extract_all([item])[item[0]]
    assert result.status == "ok" and result.text.startswith("Read all the same") and result.analysis is None
