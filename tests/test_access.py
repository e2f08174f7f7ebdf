"""Who may edit without the password: the person at this computer, never a visitor coming through a proxy."""

from __future__ import annotations

import pytest

from dxkpi.ui.access import without_password


@pytest.mark.parametrize(
    ("address", "headers", "expected"),
    [
        ("localhost", {"Host": "localhost:8501", "User-Agent": "Chromium"}, True),
        ("127.0.0.1", {}, True),
        ("::1", {"Host": "[::1]:8501"}, True),
        # a reverse proxy on this computer: the request comes from 127.0.0.1, but on behalf of someone else
        ("localhost", {"Host": "dxkpi.tayninh.gov.vn", "X-Forwarded-For": "10.0.0.23"}, False),
        ("127.0.0.1", {"x-real-ip": "10.0.0.23"}, False),
        ("localhost", {"Forwarded": "for=10.0.0.23;proto=https"}, False),
        ("localhost", {"X-Forwarded-Host": "dxkpi.example"}, False),
        ("localhost", {"Via": "1.1 proxy"}, False),
        # served to the network: always the password
        ("", {}, False),
        ("0.0.0.0", {}, False),
        ("192.168.1.10", {"Host": "192.168.1.10:8501"}, False),
    ],
)
def test_editing_without_the_password_needs_a_localhost_server_and_a_request_with_no_forwarding_headers(
    address, headers, expected
):
    assert without_password(address, headers) is expected
