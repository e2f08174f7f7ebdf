"""Who may change the figures: the person at this computer, or, when the app is served to other
computers, whoever knows the editor password set in .streamlit/secrets.toml (never in the repo)."""

from __future__ import annotations

import getpass
import hmac
from collections.abc import Mapping

import streamlit as st

from dxkpi.core.fmt import t

LOCAL_ADDRESSES = {"localhost", "127.0.0.1", "::1"}
UNLOCKED = "dxkpi_editor_unlocked"


# Headers a reverse proxy adds: behind one (nginx, IIS, Caddy) on this computer, every visitor's request comes
# from 127.0.0.1, so the listening address alone cannot tell the person at this computer from the whole network.
FORWARDING_HEADERS = frozenset(
    {"forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-server", "x-real-ip", "via"}
)


def without_password(address: str, headers: Mapping[str, str]) -> bool:
    """True only when the server listens on localhost only and the request came with no proxy's forwarding headers."""
    return address in LOCAL_ADDRESSES and not any(name.lower() in FORWARDING_HEADERS for name in headers)


def _headers() -> Mapping[str, str]:
    """This request's headers (none in a test run without a browser)."""
    try:
        return dict(st.context.headers)
    except Exception:  # no request behind this run (AppTest, bare mode)
        return {}


def served_locally() -> bool:
    """True for the person at this computer: a server on localhost only, reached directly, not through a proxy."""
    return without_password(str(st.get_option("server.address") or ""), _headers())


def editor_password() -> str | None:
    """`[dxkpi] editor_password` from .streamlit/secrets.toml, if set."""
    try:
        section = st.secrets.get("dxkpi") or {}
        password = section.get("editor_password")
    except Exception:  # no secrets.toml at all: Streamlit raises its own not-found error type
        return None
    return str(password) if password else None


def may_edit(lang: str) -> bool:
    """Whether this reader may change the file; asks for the password (or says why not) when needed."""
    if served_locally() or st.session_state.get(UNLOCKED):
        return True
    password = editor_password()
    if password is None:
        st.info(
            t(
                lang,
                "Ứng dụng đang mở cho máy khác trong mạng nên trang này chỉ để xem. Để cho phép cập nhật, "
                "đặt mật khẩu trong .streamlit/secrets.toml (xem docs/serving.md), "
                "hoặc cập nhật trên chính máy chạy ứng dụng.",
                "The app is served to other computers, so this page is read-only. To allow updates, set a "
                "password in .streamlit/secrets.toml (see docs/serving.md), or update on the "
                "computer that runs the app.",
            ),
            icon="🔒",
        )
        return False
    entered = st.text_input(t(lang, "Mật khẩu cập nhật", "Editor password"), type="password", key="upd_password")
    if entered and hmac.compare_digest(entered.encode("utf-8"), password.encode("utf-8")):
        st.session_state[UNLOCKED] = True
        return True
    if entered:
        st.error(t(lang, "Mật khẩu không đúng.", "Wrong password."))
    else:
        st.info(t(lang, "Nhập mật khẩu để cập nhật số liệu.", "Enter the password to update figures."), icon="🔒")
    return False


def who(typed: str | None) -> str | None:
    """Who makes a change: the name typed in the form, else (on this computer) the login name."""
    if typed and typed.strip():
        return typed.strip()
    if served_locally():
        try:
            return getpass.getuser()
        except Exception:  # no login name in this environment
            return None
    return None
