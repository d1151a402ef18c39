"""Body languages guessed in a helper process give the answers guessed in the worker, and survive its loss."""
from __future__ import annotations

import os
import signal
import time

import pytest

from mailbot.extraction.languages import MIN_GROUP, LanguageGuesser
from parsers.language import detect_language

BODIES = [
    "Please find attached the contribution of our Ministry to the consultation on the guidelines.",
    "Veuillez trouver ci-joint la contribution de notre ministère à la consultation sur les lignes directrices.",
    "Adjuntamos la contribución de nuestro Ministerio a la consulta sobre las directrices de ciberseguridad.",
    "Направляем вклад нашего министерства в консультации по руководящим принципам кибербезопасности.",
    "نرفق طيه مساهمة وزارتنا في المشاورة بشأن المبادئ التوجيهية للأمن السيبراني العالمي.",
    "随函附上我国部委对全球网络安全议程准则磋商的意见和建议，请查收并登记为正式文稿。",
    "ok",                                   # too short for any guess
    "Anbei erhalten Sie den Beitrag unseres Ministeriums zur Konsultation über die Leitlinien.",
]


@pytest.fixture
def guesser():
    made = LanguageGuesser()
    yield made
    made.close()


def _warm(guesser: LanguageGuesser) -> None:
    guesser.guess(BODIES)                  # starts the helper
    deadline = time.monotonic() + 60
    while not guesser._started_and_ready() and time.monotonic() < deadline:
        time.sleep(0.05)


def test_the_helper_answers_as_the_worker_would(guesser):
    _warm(guesser)
    before = guesser.helped
    answers = guesser.guess(BODIES)
    assert guesser.helped - before == sum(1 for body in BODIES if len(body) > 20)
    assert answers == [detect_language(body) for body in BODIES]
    assert answers[:6] == ["en", "fr", "es", "ru", "ar", "zh"] and answers[6] is None and answers[7] is None


def test_the_group_that_starts_the_helper_is_answered_by_it(guesser):
    """The helper says it is ready as soon as it is forked: the first group waits for it rather than
    being guessed here (which loads langdetect's profiles in this process)."""
    answers = guesser.guess(BODIES)
    assert guesser.helped == sum(1 for body in BODIES if len(body) > 20)
    assert answers == [detect_language(body) for body in BODIES]


def test_a_small_group_is_guessed_here_without_a_helper(guesser):
    answers = guesser.guess(BODIES[:MIN_GROUP - 1])
    assert answers == ["en", "fr", "es"][:MIN_GROUP - 1]
    assert guesser._process is None and guesser.helped == 0


def test_a_helper_that_dies_costs_no_answer(guesser):
    _warm(guesser)
    os.kill(guesser._process.pid, signal.SIGKILL)
    guesser._process.join(5)
    answers = guesser.guess(BODIES)
    assert answers == [detect_language(body) for body in BODIES]
    assert guesser.helper is False           # guessed in the worker from then on
    assert guesser.guess(BODIES) == answers


def test_the_helper_ends_when_the_worker_closes_its_end(guesser):
    _warm(guesser)
    process = guesser._process
    guesser._connection.close()             # as when the worker dies: the helper reads end-of-file
    process.join(10)
    assert process.exitcode == 0


def test_the_helper_asks_the_fork_server_for_the_extraction_workers_preload(tmp_path):
    from mailbot.config import load_settings
    from mailbot.runtime import Runtime

    runtime = Runtime(load_settings(environ={"MAILBOT_STATE_DIR": str(tmp_path / "state")}))
    try:   # the fork server takes one preload list, from whichever process starts first
        assert runtime.languages.preload == runtime.extractor.fork_preload
        assert "mailbot.attribution.worker_tables" in runtime.languages.preload
    finally:
        runtime.close()
