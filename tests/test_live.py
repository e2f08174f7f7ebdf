"""Live reload (dxkpi.ui.live): one watcher per server reruns only the sessions whose file was saved with new content.

The hub is driven here with a real watchdog observer on temporary copies of metrics.yaml and a recording
`rerun` in place of Streamlit's; tests/test_e2e.py checks the same with real browser sessions.
"""

from __future__ import annotations

import inspect
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit import runtime
from streamlit.runtime import Runtime
from streamlit.runtime.app_session import AppSession
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from dxkpi.ui import data, live
from dxkpi.ui.live import Hub

ROOT = Path(__file__).resolve().parent.parent
WAIT_S = 30  # generous upper bound for one wait; a passing wait returns as soon as the rerun is asked
REVENUE = "        value: 11500\n"


class Reruns:
    """A stand-in for Streamlit's rerun: records the sessions asked to rerun; `gone` ones answer False."""

    def __init__(self, gone: frozenset[str] = frozenset()) -> None:
        self.asked: list[str] = []
        self.gone = gone
        self._changed = threading.Condition()

    def __call__(self, session_id: str) -> bool:
        with self._changed:
            self.asked.append(session_id)
            self._changed.notify_all()
        return session_id not in self.gone

    def wait_for(self, count: int) -> list[str]:
        """The sessions asked so far, once there are `count` of them (fails after WAIT_S)."""
        with self._changed:
            assert self._changed.wait_for(lambda: len(self.asked) >= count, timeout=WAIT_S), self.asked
            return list(self.asked)


def copy_of_metrics(folder: Path) -> Path:
    folder.mkdir()
    shutil.copy(ROOT / "metrics.yaml", folder / "metrics.yaml")
    shutil.copytree(ROOT / "data", folder / "data")
    return (folder / "metrics.yaml").resolve()


def save(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(params=["native", "polling"])
def make_hub(request) -> Iterator:
    """Hubs on watchdog's native observer and on its stat() poller (server.fileWatcherType = "poll")."""
    hubs: list[Hub] = []

    def make(reruns: Reruns) -> Hub:
        observer = Observer() if request.param == "native" else PollingObserver(timeout=0.1)
        hubs.append(Hub(reruns, observer, settle=0.05))
        return hubs[-1]

    yield make
    for hub in hubs:
        hub.stop()


def test_a_save_reruns_every_session_showing_that_file_and_no_other(tmp_path, make_hub):
    a, b = copy_of_metrics(tmp_path / "a"), copy_of_metrics(tmp_path / "b")
    reruns = Reruns()
    hub = make_hub(reruns)
    hub.follow("a1", [data.current(a)])
    hub.follow("a2", [data.current(a)])
    hub.follow("b1", [data.current(b)])

    save(a, REVENUE, "        value: 12500\n")
    assert sorted(reruns.wait_for(2)) == ["a1", "a2"]
    save(b, REVENUE, "        value: 12500\n")
    # b1 is asked once, and only after b was saved: a's save did not rerun it.
    assert sorted(reruns.wait_for(3)[:2]) == ["a1", "a2"]
    assert reruns.asked[2:] == ["b1"]


def test_saving_the_included_national_targets_reruns_the_sessions_of_the_file_that_includes_it(tmp_path, make_hub):
    metrics = copy_of_metrics(tmp_path / "m")
    snap = data.current(metrics)
    targets = (tmp_path / "m" / "data" / "national-targets.yaml").resolve()
    included = ["national-targets", "national-series", "shared-sources", "definitions", "plans"]
    assert snap.files == (metrics, *((tmp_path / "m" / "data" / f"{n}.yaml").resolve() for n in included))
    reruns = Reruns()
    make_hub(reruns).follow("s1", [snap])

    with targets.open("a", encoding="utf-8") as out:
        out.write("\n# a comment added in Notepad\n")
    assert reruns.wait_for(1) == ["s1"]
    assert data.current(metrics).signature != snap.signature  # and the page's rerun reads the files again


def test_no_rerun_when_the_files_signature_did_not_change_and_one_rerun_per_saved_version(tmp_path):
    metrics = copy_of_metrics(tmp_path / "m")
    reruns = Reruns()
    hub = Hub(reruns, PollingObserver(timeout=3600))  # checked by hand here: the observer never reports
    try:
        hub.follow("s1", [data.current(metrics)])
        assert hub.check(metrics) == []
        stat = metrics.stat()
        os.utime(metrics, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # touched, same time and size: no change
        assert hub.check(metrics) == []

        save(metrics, REVENUE, "        value: 12500\n")
        assert hub.check(metrics) == ["s1"]
        assert hub.check(metrics) == []  # asked once for this version, not again at every event
        assert reruns.asked == ["s1"]
    finally:
        hub.stop()


def test_a_session_that_read_the_file_before_a_save_it_missed_is_rerun_when_it_registers(tmp_path):
    metrics = copy_of_metrics(tmp_path / "m")
    read_before = data.current(metrics)
    save(metrics, REVENUE, "        value: 12500\n")  # saved while that session was still drawing its page
    reruns = Reruns()
    hub = Hub(reruns, PollingObserver(timeout=3600), settle=0.05)
    try:
        hub.follow("late", [read_before])
        assert reruns.wait_for(1) == ["late"]
    finally:
        hub.stop()


def test_a_session_whose_browser_is_gone_is_forgotten_and_a_page_that_moved_on_follows_its_new_file(tmp_path):
    a, b = copy_of_metrics(tmp_path / "a"), copy_of_metrics(tmp_path / "b")
    reruns = Reruns(gone=frozenset({"closed"}))
    hub = Hub(reruns, PollingObserver(timeout=3600))
    try:
        hub.follow("closed", [data.current(a)])
        hub.follow("moved", [data.current(a)])
        hub.follow("moved", [data.current(b)])  # its next run shows b only
        save(a, REVENUE, "        value: 12500\n")
        assert hub.check(a) == ["closed"]
        assert hub.sessions() == {"moved": {b: data.current(b).signature}}
    finally:
        hub.stop()


def test_a_broken_include_is_watched_even_before_the_file_was_ever_valid(tmp_path):
    metrics = copy_of_metrics(tmp_path / "m")
    targets = (tmp_path / "m" / "data" / "national-targets.yaml").resolve()
    good = targets.read_text(encoding="utf-8")
    targets.write_text("bogus: 1\n" + good, encoding="utf-8")  # a key an included file may not have
    snap = data.current(metrics)
    assert snap.metrics is None
    assert [p.file for p in snap.problems] == ["data/national-targets.yaml"]
    assert snap.files == (metrics, targets)


def test_the_streamlit_internals_the_server_side_rerun_uses_are_still_there():
    # dxkpi.ui.live.rerun_session does what Streamlit's run-on-save does; an upgrade that changes it fails here.
    assert "session_id" in inspect.signature(Runtime.get_app_session).parameters
    assert list(inspect.signature(AppSession.request_rerun).parameters) == ["self", "client_state"]
    assert "self.request_rerun(self._client_state)" in inspect.getsource(AppSession._on_source_file_changed)


def test_a_rerun_asked_for_when_no_streamlit_server_is_running_says_the_session_is_gone_instead_of_raising():
    # AppTest, and a server that has stopped, have no Runtime: a settle timer firing then used to raise in its thread.
    assert not runtime.exists()
    assert live.rerun_session("no-such-session") is False


def test_pages_a_save_reruns_take_turns_two_at_a_time_while_a_readers_own_run_never_waits(tmp_path):
    metrics = copy_of_metrics(tmp_path / "m")
    hub = Hub(Reruns(), PollingObserver(timeout=3600), turns=2)
    asked = [f"s{i}" for i in range(5)]
    inside: list[str] = []
    most = 0
    changed = threading.Condition()
    go = {sid: threading.Event() for sid in asked}

    def page_run(sid: str) -> None:
        nonlocal most
        with hub.turn(sid):
            with changed:
                inside.append(sid)
                most = max(most, len(inside))
                changed.notify_all()
            assert go[sid].wait(WAIT_S)
            with changed:
                inside.remove(sid)
                changed.notify_all()

    def until(condition) -> None:
        with changed:
            assert changed.wait_for(condition, timeout=WAIT_S), inside

    try:
        for sid in asked:
            hub.follow(sid, [data.current(metrics)])
        save(metrics, REVENUE, "        value: 12500\n")
        assert hub.check(metrics) == asked
        runs = [threading.Thread(target=page_run, args=[sid], daemon=True) for sid in asked]
        for run in runs:
            run.start()
        until(lambda: len(inside) == 2)
        # Meanwhile a reader clicks: that run is not one the save asked for, so it goes ahead at once.
        reader = threading.Thread(target=lambda: hub.turn("reader").__enter__(), daemon=True)
        reader.start()
        reader.join(WAIT_S)
        assert not reader.is_alive()
        for left in range(len(asked) - 1, -1, -1):
            first = inside[0]
            go[first].set()  # that page's run ends: the next one waiting takes its turn
            until(lambda: first not in inside and len(inside) == min(2, left))  # noqa: B023 (used at once)
        for run in runs:
            run.join(WAIT_S)
        assert (most, [run.is_alive() for run in runs]) == (2, [False] * 5)
        # The save's turn was used once: the next run of the same page (the reader's own click) does not queue.
        with hub.turn("s0"):
            pass
    finally:
        hub.stop()
