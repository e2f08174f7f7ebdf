"""dxkpi.presentation.markdown: a name from a file as Markdown that Streamlit shows as typed, or None."""

from __future__ import annotations

import pytest

from dxkpi.presentation.markdown import literal


@pytest.mark.parametrize(
    ("text", "markdown"),
    [
        ("Long An · đến 30/06/2025", r"Long An · đến 30\/06\/2025"),
        ("Tây Ninh (cũ)", r"Tây Ninh \(cũ\)"),
        ("**b** _u_ `c` ~~s~~", r"\*\*b\*\* \_u\_ \`c\` \~\~s\~\~"),
        ("$x^2$ :smile: :material/home: :red[r]", r"\$x\^2\$ \:smile\: \:material\/home\: \:red\[r\]"),
        ("<b>t</b> [l](http://e.com) &amp;", r"\<b\>t\<\/b\> \[l\]\(http\:\/\/e\.com\) \&amp\;"),
        ("Bà Rịa-Vũng Tàu", r"Bà Rịa\-Vũng Tàu"),
        ("1. Hà Nội", r"1\. Hà Nội"),
    ],
)
def test_every_ascii_punctuation_mark_is_escaped(text, markdown):
    assert literal(text) == markdown


@pytest.mark.parametrize(
    "text",
    ["A -> B", "A <- B", "A <-> B", "A -- B", "x >= 1", "x <= 1", "x ~= 1", "-> B", "Tỉnh :streamlit:", "A\nB"],
)
def test_text_that_streamlits_markdown_rewrites_after_any_escape_has_no_literal(text):
    assert literal(text) is None
