"""Tổng kết giai đoạn 2021–2025 / 2021–2025 final account: how every target dated 2025 ended."""

from __future__ import annotations

import streamlit as st

from dxkpi.analysis.account import Outcome, final_account
from dxkpi.core import fmt
from dxkpi.presentation import html as h
from dxkpi.presentation.slides import final_groups, final_row, final_title

from . import common


def render() -> None:
    snap = common.loaded()
    lang = st.session_state.get("lang", "vi")
    t = common.t
    metrics = snap.metrics
    account = final_account(metrics)
    st.title(final_title(account, lang))  # the app's own words, not text from the file
    common.html(
        '<div class="dx-meta">'
        + h.esc(
            t(
                lang,
                f"Mỗi mục tiêu có năm đích {account.year}: số liệu cuối cùng có kỳ kết thúc trước hoặc đúng "
                f"31/12/{account.year} được tính; số liệu sau thời điểm đó không bao giờ được tính. Có số liệu thì "
                "đạt hoặc không đạt; không có thì không đo được. Đếm theo mục tiêu (một chỉ tiêu có thể có mục tiêu "
                "quốc gia và mục tiêu của tỉnh).",
                f"Every target dated {account.year}: the last figure whose period ends by 31/12/{account.year} "
                "counts; a figure dated later never does. With a figure the target is achieved or not; without one "
                "it is not measured. Counted by target (an indicator may have a national and a provincial target).",
            )
        )
        + "</div>"
    )
    cards = [h.count_card(str(o), account.count(o), lang, of=account.total) for o in Outcome]
    common.html(h.grid(cards, columns=3))
    common.html(f'<div class="dx-meta" style="margin:6px 0 12px">{h.esc(account.headline(lang))}</div>')
    if not account.lines:
        st.info(
            t(
                lang,
                f"Chưa có mục tiêu nào có năm đích {account.year} trong tệp số liệu.",
                f"The metrics file has no target dated {account.year}.",
            )
        )
        return
    sources = metrics.source_by_id()
    rows = []
    for group in final_groups(account):
        r = final_row(group, lang)  # the same words as the slide and every export
        cite = ""
        if group.figure is not None:
            source = sources.get(group.figure.source)
            cite = f"{t(lang, 'Nguồn', 'Source')}: {fmt.source_name(source, group.figure.source)}"
        rows.append(
            [
                h.badge(r.status, lang),
                h.esc(r.name) + f'<div class="dx-meta">{h.esc(fmt.pillar(group.indicator.pillar, lang))}</div>',
                h.esc(r.value) + (f'<div class="dx-meta">{h.esc(cite)}</div>' if cite else ""),
                h.esc(r.target),
                h.esc(r.reason),
            ]
        )
    header = [
        h.esc(x)
        for x in (
            t(lang, "Kết quả", "Outcome"),
            t(lang, "Chỉ tiêu", "Indicator"),
            t(lang, "Số liệu được tính", "Figure counted"),
            t(lang, "Mục tiêu", "Targets"),
            t(lang, "Vì sao", "Why"),
        )
    ]
    common.html(h.table(header, rows))
