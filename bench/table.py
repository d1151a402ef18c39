"""Print the rows the benchmarks appended to a results file (JSON lines) as one table."""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Row, print_table  # noqa: E402


def main() -> None:
    lines = Path(sys.argv[1]).read_text(encoding="utf-8").splitlines()
    rows = [Row(**json.loads(line)) for line in lines if line.strip()]
    print_table(rows, sys.argv[2] if len(sys.argv) > 2 else "")


if __name__ == "__main__":
    main()
