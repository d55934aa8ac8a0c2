"""Shared by the tests: find an installed console script (`ms-*`) the way a user's shell would."""
import shutil, sys
from pathlib import Path


def script(name: str) -> str:
    "Path of console script `name`: next to this Python first (the venv running the tests), else on PATH."
    exe = Path(sys.executable).parent / name
    exe = str(exe) if exe.exists() else shutil.which(name)
    assert exe, f"{name} is not installed: pip install -e ."
    return exe
