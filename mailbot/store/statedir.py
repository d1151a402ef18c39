"""The private state folder: created 0700, and refused in one line when it cannot be used."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from mailbot.errors import ConfigError

HINT = "[state] dir or MAILBOT_STATE_DIR"


def prepare_state_dir(state_dir: Path) -> Path:
    """Create the folder (private) if needed; ConfigError naming the folder and what is wrong."""
    state_dir = Path(state_dir)
    try:
        state_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as err:
        raise ConfigError(f"cannot create the state folder {state_dir}: {err.strerror} ({HINT})",
                          key="state.dir") from err
    try:   # a real write: os.access says yes to root on a read-only or special file system
        tempfile.TemporaryFile(dir=state_dir, prefix=".probe-").close()
    except OSError as err:
        raise ConfigError(f"the state folder {state_dir} exists but is not writable: {err.strerror} ({HINT})",
                          key="state.dir") from err
    try:
        os.chmod(state_dir, 0o700)
    except OSError:
        pass   # not ours (e.g. a mounted volume): still usable, as checked above
    return state_dir
