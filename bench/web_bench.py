"""Bench 8: `mailbot web` over a register of 100,000 messages: the register page, a filtered page and
a search, each requested N times over real HTTP (httpx, logged in); median < 300 ms, p95 < 1 s."""
from __future__ import annotations

import os
import re
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Row, bench_args, finish, load_note, mailbot_cmd, state_dir  # noqa: E402
from bench.register_fill import fill_rich, open_register  # noqa: E402

PASSWORD = "bench password 1234"
PAGES = {
    "register page (newest 50)": "/register",
    "filtered (contribution, KEN, on time, review settled)": "/register?kind=contribution&state=KEN&late=no&review=no",
    "filtered + sorted by subject, page 40": "/register?kind=contribution&sort=subject&order=asc&page=40",
    "search 'cybersecurity strategy'": "/register?q=cybersecurity+strategy",
    "search 'children online' + kind": "/register?q=children+online&kind=contribution",
    "Today": "/",
}
# Each request a search not asked before (no kept results): word pairs from the bench's sentences.
FRESH_WORDS = ("national strategy", "capacity building", "legal measures", "international cooperation",
               "children online", "security standards", "organisational structures", "critical infrastructure",
               "incident response", "developing countries", "five pillars", "procedural measures",
               "computer incident", "recognised standards", "cyberattacks prevention", "roles regulator",
               "priority region", "paragraph protection", "guidelines agenda", "teams strengthened",
               "information infrastructure", "response teams", "national regulator", "first priority")
MEDIAN_MS, P95_MS = 300, 1000


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start(env: dict[str, str]) -> tuple[subprocess.Popen, str]:
    import httpx

    port = _free_port()
    process = subprocess.Popen(mailbot_cmd("web", "--port", str(port), "--now", "2020-01-21T10:00:00+01:00"),
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            httpx.get(base + "/login", timeout=2)
            return process, base
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"mailbot web did not start: {process.stderr.read().decode()[-2000:]}")


def _login(client) -> None:
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)
    response = client.post("/login", data={"name": "bench", "password": PASSWORD, "csrf_token": token})
    if response.status_code != 303:
        raise RuntimeError(f"login refused: {response.status_code}")


def _timings(client, path, rounds: int) -> tuple[list[float], str]:
    """`path` is one page asked `rounds` times, or a list of pages asked once each."""
    paths = list(path) if isinstance(path, (list, tuple)) else [path] * rounds
    client.get(paths[0] if len(set(paths)) == 1 else "/register")   # warm-up (page cache), not counted
    seconds = []
    for path in paths:
        start = time.perf_counter()
        response = client.get(path)
        seconds.append(time.perf_counter() - start)
        if response.status_code != 200:
            raise RuntimeError(f"{path}: HTTP {response.status_code}")
    found = re.search(r'id="match-count">(\d+)<', response.text)
    return seconds, f"{int(found.group(1)):,} match" if found else ""


def measure(count: int, rounds: int) -> list[Row]:
    import httpx

    state = state_dir("web")
    engine = open_register(state)
    figures = fill_rich(engine, count)
    engine.dispose()
    env = {**os.environ, "MAILBOT_STATE_DIR": str(state)}
    subprocess.run(mailbot_cmd("user", "add", "bench", "--role", "viewer", "--password-stdin"), env=env,
                   input=PASSWORD + "\n", text=True, check=True, capture_output=True)
    process, base = _start(env)
    rows = []
    try:
        with httpx.Client(base_url=base, timeout=60) as client:
            _login(client)
            fresh = [f"/register?q={words.replace(' ', '+')}" for words in FRESH_WORDS[:rounds]]
            for name, path in list(PAGES.items()) + [(f"search, each one new ({len(fresh)} queries)", fresh)]:
                seconds, matched = _timings(client, path, rounds)
                median = statistics.median(seconds) * 1000
                p95 = statistics.quantiles(seconds, n=20)[-1] * 1000
                rows.append(Row.judged(f"8 {name}", f"median {median:.0f} ms, p95 {p95:.0f} ms"
                                       + (f" ({matched})" if matched else ""), "-", "-",
                                       f"median < {MEDIAN_MS} ms, p95 < {P95_MS} ms",
                                       median < MEDIAN_MS and p95 < P95_MS))
    finally:
        process.terminate()
        process.wait(timeout=10)
    rows.append(Row("  register", f"{count:,} messages, {figures['contributions']:,} contributions; "
                    f"{rounds} requests per page over HTTP", verdict="info", target=load_note()))
    return rows


def main() -> None:
    args = bench_args(__doc__, messages=(100_000, "registered messages"), rounds=(40, "requests per page"))
    finish(measure(args.messages, args.rounds), "Bench 8: the web desk over a large register", args.results)


if __name__ == "__main__":
    main()
