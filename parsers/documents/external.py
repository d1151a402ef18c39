"""Running converters (antiword, catdoc, pdftoppm, tesseract): argument lists, private temp dir, timeouts."""
from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

from parsers.errors import ExtractionError

# Converters see a minimal environment: no proxies, no user config, one OCR thread.
_ENV_KEEP = ("PATH", "LANG", "LC_ALL", "TESSDATA_PREFIX")


def private_dir() -> tempfile.TemporaryDirectory:
    """A fresh 0700 directory; input files inside get generated names, never the sender's."""
    return tempfile.TemporaryDirectory(prefix="mailbot-extract-")


def write_input(folder: str, data: bytes, suffix: str) -> Path:
    path = Path(folder) / f"input{suffix}"
    path.write_bytes(data)
    return path


def run_program(args: list[str], *, timeout: float, what: str) -> subprocess.CompletedProcess:
    """Run without a shell; a converter that overruns is killed and reported as `timeout`."""
    env = {key: os.environ[key] for key in _ENV_KEEP if key in os.environ}
    env["OMP_THREAD_LIMIT"] = "1"
    try:
        return subprocess.run(args, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout,
                              check=False, env=env, shell=False)
    except subprocess.TimeoutExpired as err:
        raise ExtractionError("timeout", f"Reading the {what} took longer than {timeout:.0f} seconds; "
                                         "it was stopped. Open it by hand.") from err
    except OSError as err:
        raise ExtractionError("unsupported", f"The {what} reader could not be started "
                                             f"({err.strerror}); open it by hand.") from err
