"""The app's remembered values (dxkpi.ui.data.remembered): worked out once per key, and only the latest few kept."""

from __future__ import annotations

from dxkpi.ui.data import remembered


def test_a_value_is_worked_out_once_per_key_and_the_cache_forgets_all_once_it_holds_keep_keys():
    cache: dict = {}
    calls: list[str] = []

    def ask(key: str) -> str:
        return remembered(cache, key, lambda: calls.append(key) or key.upper(), keep=2)

    answers = [ask(k) for k in ["a", "a", "b", "a", "c", "a"]]
    # a, b computed; a remembered; c finds two keys held, forgets them; a computed again beside c.
    assert (answers, calls, sorted(cache)) == (["A", "A", "B", "A", "C", "A"], ["a", "b", "c", "a"], ["a", "c"])
