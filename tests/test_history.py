"""The history of changes: logged, undoable, restorable, hand edits noticed, and whole after any crash."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from dxkpi.editing import atomic
from dxkpi.editing import writer as w
from dxkpi.editing.history import History, folder_of

ROOT = Path(__file__).parent.parent
GOOD = (ROOT / "tests/good/minimal.yaml").read_bytes()
NEW = w.Figure("2021", "bao", value=12000, qualifier=("uoc",))


@pytest.fixture
def path(tmp_path) -> Path:
    path = tmp_path / "metrics.yaml"
    path.write_bytes(GOOD)
    return path


def add(path: Path, figure: w.Figure = NEW, who: str | None = "cán bộ A") -> list:
    opened = w.open_file(path)
    return History(path).save(w.plan(opened, [w.AddFigure("doanh-thu", figure)]), who=who)


def test_a_saved_change_is_logged_with_who_which_indicator_old_and_new_and_keeps_both_versions(path):
    assert add(path) == []
    (entry,) = History(path).entries()
    assert (entry.number, entry.who, entry.kind, entry.changes) == (
        1,
        "cán bộ A",
        "add",
        [
            {
                "indicator": "doanh-thu",
                "old": None,
                "new": {"period": "2021", "value": 12000, "qualifier": ["uoc"], "source": "bao"},
            }
        ],
    )
    assert History(path).version(entry.before) == GOOD
    assert History(path).version(entry.after) == path.read_bytes()


def test_undo_puts_back_the_exact_bytes_and_undoing_the_undo_redoes(path):
    add(path)
    changed = path.read_bytes()
    history = History(path)
    assert history.undo() == []
    assert path.read_bytes() == GOOD
    assert [(e.kind, e.of) for e in history.entries()] == [("add", None), ("undo", 1)]
    assert history.entries()[-1].changes == [{"indicator": "doanh-thu", "old": NEW.as_dict(), "new": None}]
    assert history.undo() == []
    assert path.read_bytes() == changed


def test_nothing_to_undo_without_a_change(path):
    assert [p.code for p in History(path).undo()] == ["nothing_to_undo"]


def test_any_kept_version_can_be_restored(path):
    add(path)
    add(path, w.Figure("2022", "bao", value=13000))
    history = History(path)
    first = history.entries()[0]
    assert history.restore(first.before) == []
    assert path.read_bytes() == GOOD
    assert [v[0] for v in history.versions()][:1] == [w.signature_of(GOOD)]
    assert history.entries()[-1].kind == "restore"
    assert [c["new"]["period"] for c in history.entries()[-1].changes if c["old"] is None] == []


def test_a_hand_edit_is_shown_as_a_direct_edit_with_the_indicators_it_changed_and_then_logged(path):
    add(path)
    path.write_bytes(path.read_bytes().replace(b"value: 60", b"value: 65"))
    direct = History(path).direct_edit()
    assert (direct.kind, direct.changes) == (
        "direct",
        [
            {
                "indicator": "dvctt",
                "old": {"period": "2021", "value": 60, "source": "bao"},
                "new": {"period": "2021", "value": 65, "source": "bao"},
            }
        ],
    )
    assert add(path, w.Figure("2022", "bao", value=1)) == []
    assert [e.kind for e in History(path).entries()] == ["add", "direct", "add"]
    assert History(path).direct_edit() is None


def test_undo_after_a_hand_edit_is_refused_so_the_hand_edit_is_not_lost(path):
    add(path)
    edited = path.read_bytes().replace(b"value: 60", b"value: 65")
    path.write_bytes(edited)
    assert [p.code for p in History(path).undo()] == ["undo_after_direct_edit"]
    assert path.read_bytes() == edited


def test_a_write_is_refused_when_the_file_was_saved_elsewhere_after_the_form_opened(path):
    form = w.open_file(path)
    plan = w.plan(form, [w.AddFigure("doanh-thu", NEW)])
    notepad = GOOD.replace(b"value: 60", b"value: 61")
    path.write_bytes(notepad)
    assert [p.code for p in History(path).save(plan)] == ["file_changed"]
    assert path.read_bytes() == notepad
    assert History(path).entries() == []


def test_a_plan_with_problems_writes_nothing(path):
    assert [p.code for p in add(path, w.Figure("2021", "khong-co", value=1))] == ["unknown_source"]
    assert path.read_bytes() == GOOD
    assert not folder_of(path).exists()


# --- faults: every step of a save interrupted ---------------------------------------------------------
class Crash(Exception):
    pass


def _steps(monkeypatch, fail_at: int, full_disk: bool) -> list[int]:
    """Make the fail_at-th low-level step (os.write, os.fsync, os.replace) fail; returns the step counter."""
    count = [0]
    real = {"write": os.write, "fsync": os.fsync, "replace": os.replace}

    def wrap(name):
        def step(*args):
            count[0] += 1
            if count[0] == fail_at:
                if name == "write" and full_disk:
                    real["write"](args[0], bytes(args[1])[: len(args[1]) // 2])  # half written, then the disk is full
                    raise OSError(errno.ENOSPC, "No space left on device")
                raise Crash(name)
            return real[name](*args)

        return step

    for name in real:
        monkeypatch.setattr(os, name, wrap(name))
    return count


def _check_consistent(path: Path, old: bytes, new: bytes, entries_before: int) -> str:
    """The file is the old or the new one, and the log says exactly which; returns 'old' or 'new'."""
    data = path.read_bytes()
    assert data in (old, new)
    entries = History(path).entries()
    assert History(path).direct_edit() is None
    leftovers = [p.name for p in path.parent.iterdir() if atomic.TEMP_PREFIX in p.name]
    assert leftovers == []
    if data == old:
        assert len(entries) == entries_before
        return "old"
    assert len(entries) == entries_before + 1 and entries[-1].after == w.signature_of(new)
    return "new"


@pytest.mark.parametrize("full_disk", [False, True], ids=["crash", "full-disk"])
def test_a_save_interrupted_at_any_step_leaves_the_old_or_the_new_file_and_a_history_that_agrees(
    path, monkeypatch, full_disk
):
    add(path)  # a history already exists
    old = path.read_bytes()
    plan = w.plan(w.open_file(path), [w.AddFigure("doanh-thu", w.Figure("2022", "bao", value=13000))])
    outcomes = []
    step = 1
    while True:
        path.write_bytes(old)
        with monkeypatch.context() as m:
            count = _steps(m, step, full_disk)
            try:
                problems = History(path).save(plan)
            except Crash:
                problems = ["crash"]
        outcomes.append(_check_consistent(path, old, plan.data, 1))
        if count[0] < step:  # the save finished without reaching the step: every step has been tried
            assert problems == [] and outcomes[-1] == "new"
            break
        assert problems, f"step {step} failed but the save said it succeeded"
        step += 1
    assert outcomes.count("old") >= 6 and outcomes[-1] == "new"


KILLER = textwrap.dedent(
    """
    import os, signal, sys
    from dxkpi.editing import writer as w
    from dxkpi.editing.history import History
    fail_at, count = int(sys.argv[2]), [0]
    for name in ("write", "fsync", "replace"):
        real = getattr(os, name)
        def step(*args, _real=real):
            count[0] += 1
            if count[0] == fail_at:
                os.kill(os.getpid(), signal.SIGKILL)
            return _real(*args)
        setattr(os, name, step)
    path = sys.argv[1]
    plan = w.plan(w.open_file(path), [w.AddFigure("doanh-thu", w.Figure("2022", "bao", value=13000))])
    sys.exit(1 if History(path).save(plan) else 0)
    """
)


def test_a_process_killed_at_any_step_of_a_save_leaves_the_old_or_the_new_file_and_an_agreeing_history(path):
    add(path)
    old = path.read_bytes()
    new = w.plan(w.open_file(path), [w.AddFigure("doanh-thu", w.Figure("2022", "bao", value=13000))]).data
    outcomes = []
    for step in range(1, 60):
        path.write_bytes(old)
        result = subprocess.run(
            [sys.executable, "-c", KILLER, str(path), str(step)], cwd=ROOT, capture_output=True, text=True
        )
        # A killed process leaves its temporary file; the next save clears stale ones, here we do.
        for tmp in path.parent.glob(f"**/.*{atomic.TEMP_PREFIX}*"):
            tmp.unlink()
        if result.returncode == 0:
            assert _check_consistent(path, old, new, 1) == "new"
            break
        assert result.returncode == -signal.SIGKILL, result.stderr
        outcomes.append(_check_consistent(path, old, new, 1))
    else:
        pytest.fail("the save never finished")
    assert "old" in outcomes and outcomes[0] == "old"


def test_the_first_read_is_logged_once_and_a_hand_edit_before_any_app_change_is_logged_with_its_difference(path):
    history = History(path)
    seen = history.notice()
    assert (seen.kind, seen.changes, seen.before == seen.after) == ("seen", [], True)
    assert history.notice() is None  # nothing new
    path.write_bytes(GOOD.replace(b"value: 60", b"value: 65"))
    direct = history.notice()
    assert (direct.kind, direct.changes) == (
        "direct",
        [
            {
                "indicator": "dvctt",
                "old": {"period": "2021", "value": 60, "source": "bao"},
                "new": {"period": "2021", "value": 65, "source": "bao"},
            }
        ],
    )
    assert [e.kind for e in history.entries()] == ["seen", "direct"]
    assert (history.direct_edit(), history.last_change()) == (None, None)  # nothing pending; nothing to undo
    assert history.version(direct.before) == GOOD


def test_a_file_with_problems_is_not_logged_until_it_is_valid_again(path):
    history = History(path)
    history.notice()
    path.write_bytes(GOOD.replace(b"value: 60", b"value: 6,0"))
    assert history.notice() is None
    path.write_bytes(GOOD.replace(b"value: 60", b"value: 61"))
    assert [e.kind for e in [*history.entries()[:1], history.notice()]] == ["seen", "direct"]
