"""Loading metrics.yaml for the app: re-read only when the file changes, keep the last good model."""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..loader import LoadResult, load
from ..model import Metrics
from ..progress import Progress, assess_all

ROOT = Path(__file__).resolve().parent.parent.parent


def metrics_path() -> Path:
    """The metrics file: $DXKPI_METRICS if set, else metrics.yaml beside dashboard.py."""
    return Path(os.environ.get("DXKPI_METRICS") or ROOT / "metrics.yaml")


def signature(path: Path) -> tuple[int, int] | None:
    """What changes when the file is saved: (mtime in ns, size); None if it cannot be read."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


@dataclass(frozen=True)
class Snapshot:
    """What the pages show: the current load's problems and the last model that had none."""

    path: Path
    signature: tuple[int, int] | None
    problems: list
    metrics: Metrics | None  # the last good model, possibly older than the file on disk
    progress: dict[str, Progress]
    loaded_at: float  # when `metrics` was read
    warnings: list = field(default_factory=list)  # of the file shown: its data is used all the same

    @property
    def stale(self) -> bool:
        """True when the file on disk has problems and an older good version is shown."""
        return bool(self.problems) and self.metrics is not None


_lock = threading.Lock()
_snapshots: dict[Path, Snapshot] = {}


def current(path: Path | None = None) -> Snapshot:
    """The snapshot for the file as it is now; parsed again only if its signature changed."""
    path = (path or metrics_path()).resolve()
    sig = signature(path)
    with _lock:
        snap = _snapshots.get(path)
        if snap is not None and snap.signature == sig:
            return snap
        result: LoadResult = load(path, filename=path.name)
        if result.metrics is not None:
            snap = Snapshot(path, sig, [], result.metrics, assess_all(result.metrics), time.time(), result.warnings)
        else:
            last = _snapshots.get(path)
            snap = Snapshot(
                path,
                sig,
                result.problems,
                last.metrics if last else None,
                last.progress if last else {},
                last.loaded_at if last else 0.0,
            )
        _snapshots[path] = snap
        return snap
