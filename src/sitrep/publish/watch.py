"""``sitrep regenerate``: rebuild whenever a watched file changes.

Polling modification times keeps it dependency-free and works on every
filesystem (network mounts and containers included, where inotify does not).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Callable, Iterable


def snapshot(paths: Iterable[Path]) -> dict[Path, int]:
    """Modification time of every file under the watched paths."""
    return {
        p: p.stat().st_mtime_ns
        for base in paths
        for p in (base.rglob("*") if base.is_dir() else [base])
        if p.is_file()
    }


def watch(paths: list[Path], rebuild: Callable[[], None], interval: float = 1.0) -> None:
    """Call ``rebuild`` now and after every change, until interrupted."""
    state = None
    while True:
        current = snapshot(paths)
        if current != state:
            state = current
            rebuild()
        time.sleep(interval)
