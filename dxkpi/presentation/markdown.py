"""Text from a file as Streamlit Markdown that shows it exactly as written, for the widgets whose labels are Markdown.

A radio's, a segmented control's and pills' options are Markdown; a drop-down's are plain text. A name escaped
here can be an option of the former and still show as typed; one that no escape can keep is for a drop-down."""

from __future__ import annotations

import re

# Every ASCII punctuation character: CommonMark lets a backslash make each one literal, which stops emphasis, links,
# code, HTML, math ($), Streamlit's directives (:red[…]) and its icons (:material/…:) and emoji (:smile:).
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
# What Streamlit's Markdown still changes after every escape, since it rewrites the text itself: its logo, and
# arrows, dashes and comparisons between spaces (-> becomes →); and a line break, which no label keeps.
_REWRITTEN = re.compile(r":streamlit:|(?:^|\s)(?:<->|->|<-|--|>=|<=|~=)(?:\s|$)|[\r\n]")


def literal(text: str) -> str | None:
    """`text` as Markdown that Streamlit shows exactly as `text`, or None where no escaping can keep it so."""
    if _REWRITTEN.search(text):
        return None
    return _PUNCTUATION.sub(r"\\\1", text)
