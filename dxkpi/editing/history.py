"""Every change made through the app or an import: a log beside the file and every version it had.

The history of `metrics.yaml` lives in the folder `.metrics.yaml.history/` beside it: `log.jsonl` (one
change a line: when, who, which indicator, the old and new figure, the source, and the signatures of
the file before and after) and `versions/<signature>.yaml`, the file's bytes at each of those points.

A change is saved in three steps, each atomic: the two versions, then the log with the new entry, then
the file itself. A process killed between the last two leaves a log entry whose file was never written;
such an entry is recognised (the file still has its `before` signature) and dropped when the log is read,
so the log always describes the file as it is. A file that differs from the last version the log knows
was edited by hand ("edited directly"): the app records it, with the indicators whose figures changed, as soon
as it reads the saved file (`notice`, called on every reload), or at the latest the next time it writes. The
first version the app ever reads is recorded too ("seen"), so a hand edit made before any change through the
app is still shown with its difference. Nothing here imports Streamlit.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import threading
from dataclasses import dataclass
from pathlib import Path

from dxkpi.editing import atomic
from dxkpi.editing import writer as w
from dxkpi.reading.loader import load_text
from dxkpi.reading.problems import Problem

LOG = "log.jsonl"
VERSIONS = "versions"

_locks: dict[Path, threading.Lock] = {}
_locks_guard = threading.Lock()


def folder_of(path: Path) -> Path:
    """Where the history of a metrics file is kept: `.<name>.history/` beside it."""
    path = Path(path)
    return path.parent / f".{path.name}.history"


def _lock(path: Path) -> threading.Lock:
    with _locks_guard:
        return _locks.setdefault(Path(path).resolve(), threading.Lock())


@dataclass(frozen=True)
class Entry:
    """One line of the log."""

    number: int
    when: str  # ISO 8601, UTC
    who: str | None
    kind: str  # add | edit | remove | add_source | import | undo | restore | direct | seen
    changes: list[dict[str, object]]  # {indicator, old, new}
    sources_added: list[str]
    before: str
    after: str
    valid: bool = True  # False for a direct edit that left the file with problems
    of: int | None = None  # the entry an undo reverses

    @property
    def time(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.when)

    def as_json(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False, sort_keys=True)


def _entry(line: str) -> Entry | None:
    try:
        raw = json.loads(line)
        return Entry(**raw)
    except (ValueError, TypeError):
        return None


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class History:
    """The change log and the kept versions of one metrics file."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.folder = folder_of(self.path)

    # --- reading ---------------------------------------------------------------------------------------
    def _raw_entries(self) -> list[Entry]:
        try:
            text = (self.folder / LOG).read_text(encoding="utf-8")
        except OSError:
            return []
        return [e for e in (_entry(line) for line in text.splitlines() if line.strip()) if e is not None]

    def entries(self, current: str | None = None) -> list[Entry]:
        """The log, oldest first, without an entry whose write never happened (see the module's note)."""
        entries = self._raw_entries()
        current = current if current is not None else self.current_signature()
        if entries and current is not None and entries[-1].after != current and entries[-1].before == current:
            entries.pop()
        return entries

    def current_signature(self) -> str | None:
        try:
            return w.signature_of(self.path.read_bytes())
        except OSError:
            return None

    def version(self, signature: str) -> bytes | None:
        try:
            return (self.folder / VERSIONS / f"{signature}.yaml").read_bytes()
        except OSError:
            return None

    def direct_edit(self) -> Entry | None:
        """The file's edit made outside the app since the last change the log knows, if any (not yet logged)."""
        entries = self.entries()
        if not entries:
            return None
        try:
            data = self.path.read_bytes()
        except OSError:
            return None
        return self._direct(entries[-1], data)

    def _direct(self, last: Entry, data: bytes) -> Entry | None:
        signature = w.signature_of(data)
        if signature == last.after:
            return None
        old = self.version(last.after)
        changes = indicator_diff(self.path, old, data) if old is not None else None
        try:
            when = dt.datetime.fromtimestamp(self.path.stat().st_mtime, dt.UTC).isoformat(timespec="seconds")
        except OSError:
            when = now()
        return Entry(
            number=last.number + 1,
            when=when,
            who=None,
            kind="direct",
            changes=changes or [],
            sources_added=[],
            before=last.after,
            after=signature,
            valid=changes is not None,
        )

    def last_change(self) -> Entry | None:
        """The most recent entry made by the app (what undo reverses), if the file is still as it left it."""
        entries = self.entries()
        return entries[-1] if entries and entries[-1].kind not in ("direct", "seen") else None

    # --- noticing --------------------------------------------------------------------------------------
    def notice(self) -> Entry | None:
        """Log the file as the app now reads it: the first version seen, or a hand edit since the last one logged.

        Called when the app loads a valid file; the entry logged, or None when there is nothing new. A version
        that cannot be compared (a file with problems) is left for the next valid one.
        """
        try:
            data = self.path.read_bytes()
        except OSError:
            return None
        signature = w.signature_of(data)
        with _lock(self.path):
            entries = self.entries(current=signature)
            if entries:
                entry = self._direct(entries[-1], data)
                if entry is None or not entry.valid:
                    return None
            else:
                entry = Entry(1, now(), None, "seen", [], [], signature, signature)
            self._keep(data)
            self._write_log([*entries, entry])
        return entry

    # --- writing ---------------------------------------------------------------------------------------
    def save(self, plan: w.Plan, who: str | None = None, kind: str | None = None) -> list[Problem]:
        """Write a planned change safely and log it; [] on success, else the problems and nothing written."""
        return self._save_bytes(plan, plan.data, kind or _kind_of(plan), who, None)

    def _save(self, old: bytes, new: bytes, plan: w.Plan, who: str | None, kind: str, of: int | None) -> None:
        entries = self.entries(current=w.signature_of(old))
        before, after = w.signature_of(old), w.signature_of(new)
        self._keep(old)
        self._keep(new)
        if entries:
            direct = self._direct(entries[-1], old)
            if direct is not None:
                entries.append(direct)
        number = entries[-1].number + 1 if entries else 1
        entry = Entry(number, now(), who, kind, plan.changes, plan.sources_added, before, after, of=of)
        self._write_log([*entries, entry])
        try:
            atomic.atomic_write(self.path, new)
        except BaseException:
            # If the file is still the old one, take the entry back out (if that fails too, the reader
            # drops it anyway, since the file still has the entry's `before` signature). A failure after
            # the rename (flushing the folder) leaves the new file, and the entry stays with it.
            if self.current_signature() != after:
                with contextlib.suppress(OSError):
                    self._write_log(entries)
            raise
        atomic.remove_stale_temps(self.path)

    def _keep(self, data: bytes) -> None:
        folder = self.folder / VERSIONS
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{w.signature_of(data)}.yaml"
        if not target.exists():
            atomic.atomic_write(target, data)

    def _write_log(self, entries: list[Entry]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        text = "".join(e.as_json() + "\n" for e in entries)
        atomic.atomic_write(self.folder / LOG, text.encode("utf-8"))

    def undo(self, who: str | None = None) -> list[Problem]:
        """Put the file back as it was before the last change (an undo of an undo redoes it)."""
        last = self.last_change()
        opened = w.open_file(self.path)
        if isinstance(opened, list):
            return opened
        if last is None:
            code = "undo_after_direct_edit" if self.entries() else "nothing_to_undo"
            return [Problem(self.path.name, 1, 1, "", code, {})]
        if last.after != opened.signature:
            return [Problem(self.path.name, 1, 1, "", "undo_after_direct_edit", {})]
        return self._put_back(opened, last.before, "undo", who, of=last.number)

    def restore(self, signature: str, who: str | None = None) -> list[Problem]:
        """Put the file back to any version the history keeps."""
        opened = w.open_file(self.path)
        if isinstance(opened, list):
            return opened
        return self._put_back(opened, signature, "restore", who)

    def _put_back(
        self, opened: w.Opened, signature: str, kind: str, who: str | None, of: int | None = None
    ) -> list[Problem]:
        data = self.version(signature)
        if data is None:
            return [Problem(self.path.name, 1, 1, "", "unknown_version", {"version": signature[:12]})]
        target = w.opened_from(self.path, data)
        if isinstance(target, list):
            return target
        result = load_text(target.text, self.path, filename=self.path.name)
        changes = indicator_diff(self.path, opened.data, data) or []
        plan = w.Plan(opened, target.text, result.problems, changes, [])
        return self._save_bytes(plan, data, kind, who, of)  # the version's own bytes, BOM and line ends

    def _save_bytes(self, plan: w.Plan, data: bytes, kind: str, who: str | None, of: int | None) -> list[Problem]:
        """The one way every change reaches the disk: checked, not changed since read, logged, atomic."""
        if plan.problems:
            return plan.problems
        with _lock(self.path):
            refused = w.still_unchanged(plan.before)
            if refused is not None:
                return [refused]
            if data == plan.before.data:
                return []
            try:
                self._save(plan.before.data, data, plan, who, kind, of)
            except OSError as err:
                return [Problem(self.path.name, 1, 1, "", "cannot_write", {"error": err.strerror or str(err)})]
        return []

    def versions(self) -> list[tuple[str, str, int]]:
        """Every version kept, newest first: (signature, when it was left, the entry number that made it)."""
        out, seen = [], set()
        for e in reversed(self.entries()):
            for sig, number in ((e.after, e.number), (e.before, e.number - 1)):
                if sig not in seen and self.version(sig) is not None:
                    seen.add(sig)
                    out.append((sig, e.when, number))
        return out


def _kind_of(plan: w.Plan) -> str:
    if len(plan.changes) > 1:
        return "import"
    if not plan.changes:
        return "add_source"
    change = plan.changes[0]
    return "add" if change["old"] is None else "remove" if change["new"] is None else "edit"


def indicator_diff(path: Path, old: bytes, new: bytes) -> list[dict[str, object]] | None:
    """Which indicators' figures were added, changed or removed between two versions of the file;
    None when either version has problems (then no figure-level comparison is possible)."""
    models = []
    for data in (old, new):
        opened = w.opened_from(Path(path), data)
        if isinstance(opened, list):
            return None
        result = load_text(opened.text, path, filename=Path(path).name)
        if result.metrics is None:
            return None
        models.append(result.metrics)
    before = {i.id: i for i in models[0].indicators}
    after = {i.id: i for i in models[1].indicators}
    changes: list[dict[str, object]] = []
    for ident in [*before, *(i for i in after if i not in before)]:
        old_figs = [w.figure_of(o).as_dict() for o in before[ident].observations] if ident in before else []
        new_figs = [w.figure_of(o).as_dict() for o in after[ident].observations] if ident in after else []
        old_by = {str(f["period"]): f for f in old_figs}
        new_by = {str(f["period"]): f for f in new_figs}
        for period in [*old_by, *(p for p in new_by if p not in old_by)]:
            a, b = old_by.get(period), new_by.get(period)
            if a != b:
                changes.append({"indicator": ident, "old": a, "new": b})
    return changes
