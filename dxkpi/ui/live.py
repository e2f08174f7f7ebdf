"""Live reload for every open page: one file watcher per server; a save reruns only the sessions it changes.

An open page costs nothing while its file stays as it is: the server's one watchdog observer waits on the
folders of the watched files, and each browser session is only an entry in a table (file -> the signature
the session shows). When a watched file is saved, the watcher waits for the writes to settle, takes the
signature of the files again and reruns, from the server, only the sessions that show an older one: the
same rerun Streamlit's "run on save" gives a session when one of its Python files changes. Those reruns take
turns (TURNS at once), so that with many pages open the first get the new figures at once and none waits for
all the others.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import streamlit as st
from streamlit import runtime
from streamlit.runtime.scriptrunner import get_script_run_ctx
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

from . import data

# Pages a save reruns take turns, this many at once. Python runs one thread at a time: fifty reruns started
# together share the processor and all finish near the end, after the time of all fifty; in turns, the first
# pages show the new figure after the time of one or two, and the median page after half of the whole.
TURNS = 2
SETTLE_SECONDS = 0.1  # an editor's save is several writes (truncate, write, close): act once they are done
# Events that can change a file's content or existence; opening and reading a file (as every load does) are not.
CHANGES = {"created", "modified", "moved", "deleted", "closed"}

Rerun = Callable[[str], bool]  # asks one browser session to run again; False once the session is gone

_LOG = logging.getLogger(__name__)


def _key(path: Path) -> str:
    """How a watched path is compared with the paths in watchdog's events."""
    return os.path.normcase(str(path))


class Hub:
    """Which sessions show which metrics file at which signature; reruns those left behind by a save."""

    def __init__(
        self, rerun: Rerun, observer: BaseObserver, settle: float = SETTLE_SECONDS, turns: int = TURNS
    ) -> None:
        self._rerun = rerun
        self._observer = observer
        self._settle = settle
        self._lock = threading.Lock()
        self._turns = threading.BoundedSemaphore(turns)
        self._asked: set[str] = set()  # sessions rerun for a save whose run has not yet started
        self._shown: dict[str, dict[Path, data.Signature]] = {}  # session -> metrics file -> signature shown
        self._files: dict[Path, tuple[Path, ...]] = {}  # metrics file -> the files its snapshot was read from
        self._snapshots_of: dict[str, set[Path]] = {}  # watched file (_key) -> metrics files that read it
        self._folders: set[str] = set()  # folders scheduled on the observer
        self._timers: dict[Path, threading.Timer] = {}
        self._handler = _Handler(self)
        self._poller: BaseObserver | None = None  # the fallback when the native observer refuses a folder
        observer.start()

    def follow(self, session_id: str, snaps: Iterable[data.Snapshot]) -> None:
        """Record that the session now shows these snapshots (and no others); watch the files they read."""
        snaps = list(snaps)
        with self._lock:
            self._shown[session_id] = {snap.path: snap.signature for snap in snaps}
            for snap in snaps:
                self._files[snap.path] = snap.files
                for file in snap.files:
                    self._watch(file, snap.path)
        # A save between the session's read and this call has been handled without it: catch up now.
        for snap in snaps:
            if data.signatures(snap.files) != snap.signature:
                self.changed(snap.path)

    def changed(self, path: Path) -> None:
        """A file behind the snapshot of `path` may have changed: check once the writes have settled."""
        with self._lock:
            timer = self._timers.pop(path, None)
            if timer is not None:
                timer.cancel()
            timer = threading.Timer(self._settle, self.check, [path])
            timer.daemon = True
            self._timers[path] = timer
        timer.start()

    def check(self, path: Path) -> list[str]:
        """Rerun the sessions showing `path` at another signature than its files have now; returns them."""
        with self._lock:
            if self._timers.get(path) is threading.current_thread():
                del self._timers[path]
            files = self._files.get(path)
            if files is None:
                return []
        now = data.signatures(files)  # outside the lock: the file system may be slow
        with self._lock:
            behind = [sid for sid, shown in self._shown.items() if path in shown and shown[path] != now]
            for sid in behind:
                self._shown[sid][path] = now  # asked once for this version; its rerun records what it shows
                self._asked.add(sid)
        for sid in behind:
            if not self._rerun(sid):
                with self._lock:
                    self._shown.pop(sid, None)
                    self._asked.discard(sid)
        return behind

    def on_event(self, event: FileSystemEvent) -> None:
        """Called on the observer's thread for every event in a watched folder."""
        if event.event_type not in CHANGES:
            return
        touched = [event.src_path, getattr(event, "dest_path", "")]  # a save by renaming a temporary file
        paths: set[Path] = set()
        with self._lock:
            for name in filter(None, touched):
                paths |= self._snapshots_of.get(_key(Path(os.fsdecode(name))), set())
        for path in paths:
            self.changed(path)

    @contextlib.contextmanager
    def turn(self, session_id: str) -> Iterator[None]:
        """Run a rerun this hub asked for in turn with the others (at most `turns` at once); any other at once."""
        with self._lock:
            asked = session_id in self._asked
            self._asked.discard(session_id)
        if not asked:  # the reader's own click, a first visit: never kept waiting
            yield
            return
        with self._turns:
            yield

    def sessions(self) -> dict[str, dict[Path, data.Signature]]:
        """What each session shows, as recorded (a copy)."""
        with self._lock:
            return {sid: dict(shown) for sid, shown in self._shown.items()}

    def stop(self) -> None:
        """Stop the observer and any pending check."""
        with self._lock:
            for timer in self._timers.values():
                timer.cancel()
            self._timers.clear()
        for observer in filter(None, [self._observer, self._poller]):
            observer.stop()
            observer.join(timeout=10)

    def _watch(self, file: Path, snapshot_path: Path) -> None:
        """Add `file` to what the observer reports (called with the lock held)."""
        self._snapshots_of.setdefault(_key(file), set()).add(snapshot_path)
        folder = _key(file.parent)
        if folder in self._folders or not file.parent.is_dir():
            return
        try:
            self._observer.schedule(self._handler, str(file.parent), recursive=False)
        except OSError as error:
            # e.g. the system's limit of inotify instances or watches: stat() the folder every second instead.
            _LOG.warning("cannot watch %s for changes (%s); polling it instead", file.parent, error)
            if self._poller is None:
                self._poller = PollingObserver(timeout=1)
                self._poller.start()
            self._poller.schedule(self._handler, str(file.parent), recursive=False)
        self._folders.add(folder)


class _Handler(FileSystemEventHandler):
    def __init__(self, hub: Hub) -> None:
        super().__init__()
        self._hub = hub

    def on_any_event(self, event: FileSystemEvent) -> None:
        self._hub.on_event(event)


def rerun_session(session_id: str) -> bool:
    """Rerun one browser session from the server, as Streamlit's run-on-save does; False if it is gone."""
    # Under AppTest, or once the server has stopped, there is no Runtime and so no session to rerun: a timer
    # that fires then must not raise in its thread.
    if not runtime.exists():
        return False
    session = runtime.get_instance().get_app_session(session_id)
    if session is None:
        return False
    # AppSession._on_source_file_changed (run on save) reruns with the client state of the session's last
    # run: the same page and query string (?lang=en, ?slide=3), the widgets as the reader left them.
    # Streamlit has no public name for it; tests/test_live.py fails if an upgrade takes it away.
    session.request_rerun(session._client_state)
    return True


def new_observer() -> BaseObserver:
    """watchdog's native observer, or its stat() poller where Streamlit is told to poll (fileWatcherType)."""
    if st.get_option("server.fileWatcherType") == "poll":
        return PollingObserver(timeout=1)
    return Observer()


@st.cache_resource(show_spinner=False)
def hub() -> Hub:
    """The server's one hub (one observer thread), made when the first page opens."""
    return Hub(rerun_session, new_observer())


def follow(*snaps: data.Snapshot) -> None:
    """Rerun this page, from the server, when a file behind one of `snaps` is saved with new content.

    Call it once per run with every snapshot the page shows: a later call replaces the earlier one. Does
    nothing outside a served app (AppTest, bare mode), where no browser waits for a rerun.
    """
    ctx = get_script_run_ctx()
    if ctx is None or not runtime.exists():
        return
    hub().follow(ctx.session_id, snaps)


@contextlib.contextmanager
def turn() -> Iterator[None]:
    """Wrap a page's whole run: a rerun asked for by a save waits its turn (see TURNS); others run at once."""
    ctx = get_script_run_ctx()
    if ctx is None or not runtime.exists():
        yield
        return
    with hub().turn(ctx.session_id):
        yield
