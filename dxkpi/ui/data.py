"""Loading metrics.yaml for the app: re-read only when the file changes, keep the last good model."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
import threading
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from dxkpi.analysis.progress import Progress, assess_all
from dxkpi.core.model import Metrics
from dxkpi.editing.history import History
from dxkpi.reading.loader import LoadResult, load
from dxkpi.reading.regions import Region, default_id, discover, folder_for

ROOT = Path(__file__).resolve().parent.parent.parent
T = TypeVar("T")


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


Signature = tuple[tuple[int, int] | None, ...]  # one signature per file a snapshot was read from


def signatures(files: tuple[Path, ...]) -> Signature:
    """The signature of each file, in order: what changes when any of them is saved."""
    return tuple(signature(file) for file in files)


def files_read(path: Path, result: LoadResult, last: Snapshot | None) -> tuple[Path, ...]:
    """The metrics file, then each file its content depends on (includes, files its problems name), in order."""
    model = result.metrics if result.metrics is not None else (last.metrics if last else None)
    names = list(model.include) if model else []
    for problem in result.problems:
        names.append(problem.file)
        if problem.code == "include_missing":
            names.append(str(problem.params["path"]))
    files = dict.fromkeys([path, *((path.parent / name).resolve() for name in names)])
    return tuple(files)


@dataclass(frozen=True)
class Snapshot:
    """What the pages show: the current load's problems and the last model that had none."""

    path: Path
    files: tuple[Path, ...]  # `path`, then the files it includes: see files_read
    signature: Signature  # of `files` when they were read
    problems: list
    metrics: Metrics | None  # the last good model, possibly older than the file on disk
    progress: dict[str, Progress]
    loaded_at: float  # when `metrics` was read
    warnings: list = field(default_factory=list)  # of the file shown: its data is used all the same

    @property
    def errors(self) -> list:
        """The problems that hold the file back (its warnings, listed beside them, are not mistakes)."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def read_at(self) -> str:
        """When the model shown was read, HH:MM:SS on this computer's clock."""
        return dt.datetime.fromtimestamp(self.loaded_at).strftime("%H:%M:%S")


_lock = threading.Lock()
_snapshots: dict[Path, Snapshot] = {}


def current(path: Path | None = None) -> Snapshot:
    """The snapshot for the file as it is now; parsed again only if the signature of a file it read changed."""
    path = resolved(path or metrics_path())
    with _lock:
        last = _snapshots.get(path)
        files = last.files if last else (path,)
        sig = signatures(files)  # taken before reading, so a save during the read is seen next time
        if last is not None and last.signature == sig:
            return last
        result: LoadResult = load(path, filename=path.name)
        now_files = files_read(path, result, last)
        if now_files != files:  # a file newly included: its signature is taken now, the others' stay
            before = dict(zip(files, sig, strict=True))
            sig = tuple(before[file] if file in before else signature(file) for file in now_files)
        if result.metrics is not None:
            _notice(path)
            snap = Snapshot(
                path, now_files, sig, [], result.metrics, assess_all(result.metrics), time.time(), result.warnings
            )
        else:
            snap = Snapshot(
                path,
                now_files,
                sig,
                result.problems,
                last.metrics if last else None,
                last.progress if last else {},
                last.loaded_at if last else 0.0,
            )
        _snapshots[path] = snap
        return snap


def _notice(path: Path) -> None:
    """A valid file read for the first time or saved by hand goes into its history (see History.notice)."""
    # A read-only folder: the dashboard still shows the file; its history waits for a write.
    with contextlib.suppress(OSError):
        History(path).notice()


@functools.lru_cache(maxsize=1024)
def resolved(path: Path) -> Path:
    """`path` made absolute, links followed. Remembered: every page's every run asks, and each is a stat per folder."""
    return path.resolve()


def remembered(cache: dict[Hashable, T], key: Hashable, compute: Callable[[], T], keep: int = 1) -> T:
    """cache[key], computed the first time that key is asked; the cache forgets all once it holds `keep` keys.

    For what every page's every run asks and only a saved file changes: the key holds what the value
    depends on (signatures), and a server needs only the latest few.
    """
    if key in cache:
        return cache[key]
    value = compute()
    if len(cache) >= keep:
        cache.clear()
    cache[key] = value
    return value


_regions: dict[Hashable, list[Region]] = {}


def regions() -> list[Region]:
    """Every region: the default metrics file (its id from its last good model), then data/regions/*.yaml."""
    default = metrics_path()
    metrics = current(default).metrics
    folder = folder_for(default)
    # Adding, removing or renaming a region file changes the folder's signature; only then look again.
    key = (default, folder, signature(folder), default_id(default, metrics))
    found: list[Region] = remembered(_regions, key, lambda: discover(default, metrics))
    return list(found)  # a copy: the remembered list is every session's


def regions_state(regions: list[Region]) -> tuple:
    """What region labels and the links between region files depend on: each region and its files' signatures."""
    return tuple((r.id, r.path, current(r.path).signature) for r in regions)
