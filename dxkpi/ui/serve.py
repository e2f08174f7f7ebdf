"""`python -m dxkpi serve`: Streamlit's own server for dashboard.py, with two changes that make pages open sooner.

1. Streamlit's browser code fetches each part of its frontend (the charts' EChartsChart.*.js, 1.2 MB; the
   switches' ButtonGroup; st.html's Html and DOMPurify; st.page_link's PageLink) only when the first element that
   needs it arrives over the websocket, a second or more after the page opened. Here the index.html sent for a page
   names those parts, and the files they import, as `<link rel="modulepreload">`, so the browser fetches them while
   the rest of the frontend starts. The charts' part is named only on the pages that draw charts as they open
   (app.CHART_PAGES); elsewhere preload.py has it loaded once the page is drawn.
2. Each connection has Nagle's algorithm off (_tcp_listener says why): Streamlit's own listening socket leaves it
   on, and then every small file and message waits 40 ms for the browser's acknowledgement.
3. On every page but the overview, Streamlit's browser code looks for its server first at the page's own address
   (/chinh-quyen-so/_stcore/health), and only when that fails, after a retry's wait of 100-250 ms, at the app's
   root. The page's index.html tells it the root (window.__streamlit.BACKEND_BASE_URL: the page's address less
   the page's part), so it asks there at once.

Nothing else changes: the same files, headers, routes and options (`python -m dxkpi serve --server.port 8502` passes
them to Streamlit). A part this Streamlit does not have is left out, so another Streamlit still serves the app the
usual way; tests/test_serve.py fails if the locked one's parts, its setting of the server's address or the two
functions changed here are not found."""

from __future__ import annotations

import functools
import html
import re
import socket
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .app import CHART_PAGES
from .preload import chunk

DASHBOARD = Path(__file__).resolve().parents[2] / "dashboard.py"
EVERY_PAGE = ("ButtonGroup", "Html", "PageLink")  # the region and language switches, st.html, st.page_link
CHARTS = ("EChartsChart",)  # st.echarts_chart

# One static import at the start of one of Streamlit's chunks: `import{a as b}from"./x.js";` or `import"./x.js";`.
_IMPORT = re.compile(r'import(?:[^";]*?from)?\s*"\./([^"/]+\.js)";')
# A file index.html already names (its entry script and its own modulepreload list).
_NAMED = re.compile(r'(?:src|href)="\./static/js/([^"/]+\.js)"')


def imports(source: str) -> list[str]:
    """The chunks one chunk imports statically, read from the import statements it starts with."""
    names: list[str] = []
    at = 0
    while (match := _IMPORT.match(source, at)) is not None:
        names.append(match.group(1))
        at = match.end()
    return names


def closure(js: Path, parts: Sequence[str]) -> list[str]:
    """The parts' files and every file they import, in the order a depth-first walk meets them, each once."""
    seen: list[str] = []

    def walk(name: str) -> None:
        if name in seen or not (js / name).is_file():
            return
        seen.append(name)
        with (js / name).open(encoding="utf-8") as f:
            head = f.read(8192)  # the imports come first; a chunk's body may be megabytes
        for each in imports(head):
            walk(each)

    for part in parts:
        name = chunk(js, part)
        if name is not None:
            walk(name)
    return seen


def before_head(index: str, lines: str) -> str:
    """index.html with `lines` (each ending in a newline) on lines of their own before the one that closes head."""
    head = index.rfind("</head>")
    if not lines or head < 0:
        return index
    line = index.rfind("\n", 0, head) + 1
    return index[:line] + lines + index[line:]


def with_preloads(index: str, names: Sequence[str]) -> str:
    """index.html with a modulepreload link for each file it does not already name, just before </head>."""
    named = set(_NAMED.findall(index))
    links = "".join(
        f'    <link rel="modulepreload" crossorigin href="./static/js/{html.escape(n)}">\n'
        for n in names
        if n not in named
    )
    return before_head(index, links)


def root_script(depth: int) -> str:
    """The script line telling Streamlit's browser code that its server is at the page's address less its last
    `depth` parts (the app's root, under any prefix a proxy adds), instead of trying the page's address first."""
    return (
        "    <script>window.__streamlit = Object.assign({}, window.__streamlit, {BACKEND_BASE_URL: "
        f'(p => (p.length -= {int(depth)}, location.origin + p.join("/") + "/"))'
        '(location.pathname.replace(/\\/+$/, "").split("/"))})</script>\n'
    )


def page_html(static: Path, path: str) -> str:
    """The index.html sent for a page, its path inside the app given ("." or "" for the overview,
    "chinh-quyen-so"): its parts preloaded and, off the overview, where the server is."""
    sent = _index_html(static, page_of(path) in CHART_PAGES)
    depth = len(parts_of(path))
    return before_head(sent, root_script(depth)) if depth else sent


@functools.cache
def _index_html(static: Path, charts: bool) -> str:
    """The index.html with its preloads, made once for the pages with charts and once for the others."""
    parts = EVERY_PAGE + (CHARTS if charts else ())
    return with_preloads((static / "index.html").read_text(encoding="utf-8"), closure(static / "static" / "js", parts))


def parts_of(path: str) -> list[str]:
    """The parts of the path of a request for index.html inside the app (none for the overview, "." or "")."""
    return [part for part in path.replace("\\", "/").split("/") if part not in ("", ".")]


def page_of(path: str) -> str:
    """The page a request for index.html is for: the first part of its path inside the app."""
    parts = parts_of(path)
    return parts[0] if parts else ""


def _with_page_html(make: Callable[..., Any]) -> Callable[..., Any]:
    """Streamlit's static-files handler, made by `make`, answering with page_html where it would send index.html."""
    from starlette.responses import FileResponse, HTMLResponse

    def made(directory: str, base_url: str | None) -> Any:
        files = make(directory, base_url)
        static = Path(directory).resolve()
        index = static / "index.html"
        base = files.get_response

        async def get_response(path: str, scope: Any) -> Any:
            response = await base(path, scope)
            # The name first: every file served goes through here, and resolving a path asks the disk.
            if not isinstance(response, FileResponse) or Path(response.path).name != index.name:
                return response
            if Path(response.path).resolve() != index:
                return response
            # Streamlit's own headers for its HTML (no-cache), on the page with its preloads and its server's root.
            return HTMLResponse(page_html(static, path), headers={"Cache-Control": "no-cache"})

        files.get_response = get_response
        return files

    return made


def _tcp_listener(bind: Callable[..., socket.socket]) -> Callable[..., socket.socket]:
    """Streamlit's bind of its listening socket, the socket marked as TCP so each connection gets TCP_NODELAY."""

    def bound(address: str, port: int, backlog: int) -> socket.socket:
        sock = bind(address, port, backlog)
        if sock.proto == socket.IPPROTO_TCP:
            return sock
        # Streamlit makes it with socket.socket(family) (proto 0); asyncio turns Nagle's algorithm off only on
        # sockets whose proto is IPPROTO_TCP, and an accepted connection takes the listener's. With Nagle on, the
        # body of every small response waits for the browser's delayed ACK of its headers: 40 ms a request.
        blocking = sock.getblocking()
        tcp = socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, fileno=sock.detach())
        tcp.setblocking(blocking)
        return tcp

    return bound


def install() -> None:
    """Have the server Streamlit is about to start send page_html for its pages (Streamlit's Starlette server)."""
    from streamlit.web.server.starlette import starlette_server as server
    from streamlit.web.server.starlette import starlette_static_routes as routes

    if getattr(routes.create_streamlit_static_handler, "dxkpi", False):
        return  # installed already
    made = _with_page_html(routes.create_streamlit_static_handler)
    made.dxkpi = True  # type: ignore[attr-defined]
    routes.create_streamlit_static_handler = made
    server._bind_socket = _tcp_listener(server._bind_socket)


def main(argv: Sequence[str], script: Path = DASHBOARD) -> int:
    """`streamlit run dashboard.py [options]`, its pages asking at once for the parts they need."""
    from streamlit.web import cli

    install()
    # Streamlit's own command line, as `streamlit run` is; it exits when the server stops.
    cli.main(["run", str(script), *argv], prog_name="streamlit")
    return 0


if __name__ == "__main__":
    # `python -m dxkpi.ui.serve <script> [options]`: another app through the same server (bench/bench_speed.py
    # serves hello-world this way, to tell the server's share of a gain from the page's).
    sys.exit(main(sys.argv[2:], Path(sys.argv[1])))
