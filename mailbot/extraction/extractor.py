"""Extractor: cache lookup, then the misses through the worker pool, then the cache written."""
from __future__ import annotations

import math
import os

from mailbot.config import ExtractSettings
from mailbot.extraction import cache
from mailbot.extraction.worker import WorkerConfig, fork_preload
from parsers.documents import EXTRACTOR_VERSION, Limits, reasons
from parsers.types import ExtractResult

Item = tuple[str, bytes, str, str | None]          # sha256, data, sniffed type, filename


def limits_from_settings(settings: ExtractSettings) -> Limits:
    return Limits(max_bytes=settings.max_document_mb * 1024 * 1024,
                  program_timeout_seconds=settings.timeout_seconds, ocr=settings.ocr,
                  ocr_languages=settings.ocr_languages, ocr_max_pages=settings.ocr_max_pages,
                  pdf_engine=settings.pdf_engine)


class Extractor:
    """`extract_all` returns one ExtractResult per sha256; identical bytes are extracted once, ever."""

    def __init__(self, settings: ExtractSettings, session_factory, *, version: str = EXTRACTOR_VERSION,
                 after_read=None):
        self.settings = settings
        self.after_read = after_read      # see WorkerConfig.after_read; its work is not cached
        self.session_factory = session_factory
        # Results differ by PDF engine, so the cache keeps them apart.
        self.version = version if settings.pdf_engine == "poppler" else f"{version}+{settings.pdf_engine}"
        self.limits = limits_from_settings(settings)
        self._pool = None
        self.extracted = 0            # documents actually extracted by this Extractor
        self.cache_hits = 0

    def extract_all(self, items: list[Item]) -> dict[str, ExtractResult]:
        unique = {sha: (sha, data, sniffed, filename) for sha, data, sniffed, filename in items}
        if not unique:
            return {}
        with self.session_factory() as session:
            results = cache.load(session, list(unique), self.version)
        self.cache_hits += len(results)
        misses = [item for sha, item in unique.items() if sha not in results]
        if misses:
            fresh = self._extract(misses)
            with self.session_factory() as session:
                cache.store(session, fresh, self.version)
                session.commit()
            results.update(fresh)
        return results

    def extract_stream(self, take, emit, stopped) -> None:
        """`take(block)` gives (sha256, data, type, filename) items as messages come (None: no more);
        each result goes to `emit(sha256, result)` as soon as it is read or found in the cache, and
        is cached at once, so a crash loses only the documents being read at that moment."""
        def more(block: bool):
            items = take(block)
            if items is None:
                return None
            unique = {sha: (sha, data, sniffed, filename) for sha, data, sniffed, filename in items}
            if not unique:
                return []
            with self.session_factory() as session:
                cached = cache.load(session, list(unique), self.version)
            self.cache_hits += len(cached)
            for sha, result in cached.items():
                emit(sha, result)
            misses = [item for sha, item in unique.items() if sha not in cached]
            jobs, at_once = self._jobs(misses)
            for sha, result in at_once.items():
                done(sha, result)
            return jobs

        def done(sha: str, result: ExtractResult) -> None:
            with self.session_factory() as session:
                cache.store(session, {sha: result}, self.version)
                session.commit()
            self.extracted += 1
            emit(sha, result)

        self._get_pool().stream(more, done, stopped)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    def __enter__(self) -> "Extractor":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    @property
    def workers_replaced(self) -> int:
        return self._pool.replaced if self._pool is not None else 0

    def _jobs(self, misses: list[Item]) -> tuple[list[Item], dict[str, ExtractResult]]:
        """The pool's jobs, and the results known without reading (over the size limit)."""
        results: dict[str, ExtractResult] = {}
        jobs = []
        for sha, data, sniffed, filename in misses:
            if len(data) > self.limits.max_bytes:
                results[sha] = ExtractResult(status="too_large", reason=reasons.too_large(
                    f"The file is {len(data) // (1024 * 1024)} MB "
                    f"(limit {self.settings.max_document_mb} MB)"))
            else:
                jobs.append((sha, data, sniffed or "", filename))
        return jobs, results

    def _extract(self, misses: list[Item]) -> dict[str, ExtractResult]:
        jobs, results = self._jobs(misses)
        if jobs:
            jobs.sort(key=lambda job: len(job[1]), reverse=True)   # longest first: no lone straggler at the end
            results.update(self._get_pool().run(jobs))
        self.extracted += len(misses)
        return results

    def _get_pool(self):
        """Started on first need, so a run with nothing new never starts a process."""
        if self._pool is None:
            # lazy: start-up time (multiprocessing loads when a document first needs a worker)
            from mailbot.extraction.pool import WorkerPool

            size = self.settings.workers or os.cpu_count() or 1
            config = WorkerConfig(limits=self.limits, memory_mb=self.settings.memory_mb,
                                  cpu_seconds=max(1, math.ceil(self.settings.timeout_seconds)),
                                  after_read=self.after_read)
            self._pool = WorkerPool(size, config, self.settings.timeout_seconds, preload=self.fork_preload)
        return self._pool

    @property
    def fork_preload(self) -> list[str]:
        """What the fork server loads beside the readers: the after-read step's modules. Every process
        forked from it (the workers, the language helper) must ask for the same list."""
        return fork_preload(self.after_read)
