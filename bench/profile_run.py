"""Profile `mailbot run --once` on generated mail with pyinstrument (install it in the venv; not a dependency),
or with cProfile (CPU per function, less disturbed by the machine's load than pyinstrument's wall clock).

    python bench/profile_run.py --messages 1000 --kind plain|docx|pdf [--html out.html] [--cprofile out.pstats]
"""
from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import REPO_ROOT, bench_args, env_for, fill_maildir, servers, state_dir  # noqa: E402
from bench.mailgen import document_message, plain_message  # noqa: E402


def main() -> None:
    args = bench_args(__doc__, messages=(1000, "how many messages"), kind=("plain", "plain, docx or pdf"),
                      pages=(10, "pages per document"), html=("", "write an HTML report here"),
                      cprofile=("", "profile with cProfile into this file instead (read it with pstats)"))
    rng = random.Random(7)
    if args.kind == "plain":
        raws = [plain_message(number, rng) for number in range(args.messages)]
    else:
        raws = [document_message(number, rng, args.kind, args.pages) for number in range(args.messages)]
    with servers() as (dovecot, sink):
        account = dovecot.new_user("profile")
        fill_maildir(dovecot, account, raws)
        env = env_for(state_dir("profile"), account, sink)
        report = ["-r", "html", "-o", args.html] if args.html else []
        profiler = ["cProfile", "-o", args.cprofile] if args.cprofile else ["pyinstrument", *report]
        subprocess.run([sys.executable, "-m", *profiler, "-m", "mailbot", "run", "--once"],
                       env=env, cwd=REPO_ROOT, check=True)


if __name__ == "__main__":
    main()
