"""`python -m dxkpi serve`: the index.html it sends asks for the parts each page needs, and its connections have
Nagle's algorithm off. The browser side is in tests/test_e2e.py (every browser test is served this way)."""

from __future__ import annotations

import asyncio
import re
import socket
from pathlib import Path

import pytest
from streamlit.web.server.starlette import starlette_server, starlette_static_routes

from dxkpi.ui import preload, serve
from dxkpi.ui.app import CHART_PAGES

STATIC = preload.static_dir()
JS = STATIC / "static" / "js"
INDEX = (STATIC / "index.html").read_text(encoding="utf-8")
PRELOAD = re.compile(r'<link rel="modulepreload" crossorigin href="\./static/js/([^"]+)">')


def added(page: str) -> list[str]:
    """The files page_html names beyond those Streamlit's own index.html names."""
    return [name for name in PRELOAD.findall(serve.page_html(STATIC, page)) if name not in PRELOAD.findall(INDEX)]


@pytest.mark.parametrize("part", [*serve.EVERY_PAGE, *serve.CHARTS])
def test_every_part_the_pages_ask_for_is_one_file_of_the_locked_streamlit(part):
    name = preload.chunk(JS, part)
    assert name is not None and name.startswith(f"{part}.") and (JS / name).is_file()


@pytest.mark.parametrize(
    ("source", "names"),
    [
        ('import{o as e}from"./rolldown.js";import"./src.js";var a=1;', ["rolldown.js", "src.js"]),
        ('import{a as b,c}from"./x.B1.js";import * as y from"./y.js";', ["x.B1.js", "y.js"]),
        ('var a=1;import"./late.js";', []),  # only the statements the chunk starts with
        ('import"./a.js";var s=`import"./in-a-string.js";`;', ["a.js"]),
        ('import{t}from"https://cdn.example/x.js";', []),  # never a file outside Streamlit's own folder
        ("", []),
    ],
)
def test_a_chunks_imports_are_the_static_import_statements_it_starts_with(source, names):
    assert serve.imports(source) == names


def test_the_files_of_a_part_are_it_and_everything_it_imports_each_once_in_the_order_met(tmp_path: Path):
    (tmp_path / "Part.h1.js").write_text('import"./a.js";import"./b.js";', encoding="utf-8")
    (tmp_path / "a.js").write_text('import"./b.js";import"./gone.js";', encoding="utf-8")
    (tmp_path / "b.js").write_text('import"./a.js";', encoding="utf-8")  # a cycle is walked once
    assert serve.closure(tmp_path, ["Part", "Missing"]) == ["Part.h1.js", "a.js", "b.js"]


def test_a_page_with_charts_asks_for_the_charts_part_and_its_imports_and_the_overview_only_for_the_common_parts():
    overview, chart_page = added(""), added("chinh-quyen-so")
    for part in serve.EVERY_PAGE:
        assert preload.chunk(JS, part) in overview
    assert preload.chunk(JS, "EChartsChart") in chart_page
    assert preload.chunk(JS, "EChartsChart") not in overview
    assert set(overview) < set(chart_page)
    every_import = set(serve.imports((JS / str(preload.chunk(JS, "EChartsChart"))).read_text(encoding="utf-8")))
    assert every_import <= set(PRELOAD.findall(serve.page_html(STATIC, "chinh-quyen-so"))) | {
        n for n in re.findall(r'src="\./static/js/([^"]+)"', INDEX)
    }


@pytest.mark.parametrize("page", sorted(CHART_PAGES | {".", "ke-hoach", "tong-ket"}))
def test_a_pages_html_is_streamlits_index_html_with_lines_added_and_each_file_named_once(page):
    sent = serve.page_html(STATIC, page)
    named = PRELOAD.findall(sent)
    assert len(named) == len(set(named))
    extra = [line for line in sent.splitlines() if line not in INDEX.splitlines()]
    links = [line for line in extra if PRELOAD.fullmatch(line.strip())]
    # Off the overview, one more line: where the server is (test_e2e.py runs its script).
    assert links and extra == links + ([] if page == "." else [serve.root_script(1).rstrip("\n")])
    assert [line for line in sent.splitlines() if line not in extra] == INDEX.splitlines()
    assert sent.index(extra[-1]) < sent.index("</head>")


@pytest.mark.parametrize(
    ("path", "parts"),
    [(".", []), ("", []), ("chinh-quyen-so", ["chinh-quyen-so"]), ("nen-tang/x", ["nen-tang", "x"]),
     ("present\\y", ["present", "y"])],
)  # fmt: skip
def test_the_parts_of_a_pages_path_inside_the_app_are_its_names_between_slashes(path, parts):
    assert serve.parts_of(path) == parts


def test_streamlits_frontend_still_takes_the_servers_address_from_window_streamlit():
    # The setting root_script makes; test_e2e.py runs the script and sees the setting used.
    entry = re.search(r'<script type="module" crossorigin src="\./static/js/([^"]+)"', INDEX)
    assert entry is not None
    source = (JS / entry.group(1)).read_text(encoding="utf-8")
    assert "window.__streamlit" in source and "BACKEND_BASE_URL" in source


@pytest.mark.parametrize(
    ("index", "names", "sent"),
    [
        ("<html><head>\n  </head></html>", ["a.js"], '<html><head>\n    <link rel="modulepreload" crossorigin '
         'href="./static/js/a.js">\n  </head></html>'),
        ('<head>\n<script src="./static/js/a.js"></script>\n</head>', ["a.js"],
         '<head>\n<script src="./static/js/a.js"></script>\n</head>'),  # named already
        ("<p>no head</p>", ["a.js"], "<p>no head</p>"),
        ("<head>\n</head>", ['a"><script>.js'], '<head>\n    <link rel="modulepreload" crossorigin '
         'href="./static/js/a&quot;&gt;&lt;script&gt;.js">\n</head>'),
    ],
)  # fmt: skip
def test_preload_links_go_before_the_end_of_head_escaped_and_never_twice(index, names, sent):
    assert serve.with_preloads(index, names) == sent


@pytest.mark.parametrize(
    ("path", "page"),
    [("", ""), (".", ""), ("index.html", "index.html"), ("chinh-quyen-so", "chinh-quyen-so"), ("so-sanh/", "so-sanh"),
     ("nen-tang/x", "nen-tang"), ("present\\y", "present")],
)  # fmt: skip
def test_the_page_an_index_html_is_for_is_the_first_part_of_its_path(path, page):
    assert serve.page_of(path) == page


def test_a_connection_the_server_accepts_has_nagles_algorithm_off():
    """asyncio turns Nagle off on a connection whose listener is marked TCP; Streamlit's own is not."""
    listener = serve._tcp_listener(starlette_server._bind_socket)("127.0.0.1", 0, 8)
    port = listener.getsockname()[1]
    assert listener.proto == socket.IPPROTO_TCP and not listener.getblocking()

    async def accepted_nodelay() -> int:
        got: asyncio.Future[int] = asyncio.get_running_loop().create_future()

        class Protocol(asyncio.Protocol):
            def connection_made(self, transport: asyncio.BaseTransport) -> None:
                sock = transport.get_extra_info("socket")
                got.set_result(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))

        server = await asyncio.get_running_loop().create_server(Protocol, sock=listener)
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            value = await asyncio.wait_for(got, 10)
            writer.close()
            return value
        finally:
            server.close()

    assert asyncio.run(accepted_nodelay()) != 0


def get(files, path: str) -> tuple[int, dict[str, str], bytes]:
    """One GET through an ASGI app: its status, headers and body."""
    scope = {
        "type": "http",
        "method": "GET",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", b"localhost")],
        "scheme": "http",
        "server": ("localhost", 80),
    }
    sent: list[dict] = []
    asked: list[bool] = []

    async def receive() -> dict:
        if asked:  # a streamed file listens for the client to go away, which it never does here
            await asyncio.Event().wait()
        asked.append(True)
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    asyncio.run(files(scope, receive, send))
    headers = {k.decode(): v.decode() for k, v in sent[0]["headers"]}
    return sent[0]["status"], headers, b"".join(m.get("body", b"") for m in sent[1:])  # fmt: skip


def test_installed_the_server_sends_each_page_its_html_and_every_other_file_as_streamlit_does(monkeypatch):
    monkeypatch.setattr(
        starlette_static_routes, "create_streamlit_static_handler",
        starlette_static_routes.create_streamlit_static_handler,
    )  # fmt: skip
    monkeypatch.setattr(starlette_server, "_bind_socket", starlette_server._bind_socket)
    bind = starlette_server._bind_socket
    serve.install()
    made = starlette_static_routes.create_streamlit_static_handler
    serve.install()  # a second install changes nothing
    assert starlette_static_routes.create_streamlit_static_handler is made and starlette_server._bind_socket is not bind
    files = made(str(STATIC), None)
    for path, page in [("/", ""), ("/chinh-quyen-so", "chinh-quyen-so"), ("/ke-hoach", "ke-hoach")]:
        status, headers, body = get(files, path)
        assert (status, headers["cache-control"], body.decode()) == (200, "no-cache", serve.page_html(STATIC, page))
    html_part = str(preload.chunk(JS, "Html"))
    status, headers, body = get(files, f"/static/js/{html_part}")
    assert (status, body) == (200, (JS / html_part).read_bytes())
    assert headers["cache-control"].startswith("public, immutable")


def test_streamlits_server_still_makes_its_socket_and_static_files_through_the_names_serve_replaces():
    # serve.install replaces module attributes that Streamlit's Starlette server looks up when it starts; an upgrade
    # that moves them fails here instead of silently serving pages without the preloads or with Nagle on.
    import inspect

    assert "_bind_socket(" in inspect.getsource(starlette_server._bind_server_socket)
    assert "create_streamlit_static_handler(" in inspect.getsource(
        starlette_static_routes.create_streamlit_static_assets_routes
    )
