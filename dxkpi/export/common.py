"""What every export shares: the error it raises, the deck it draws, file names and safe writing."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from dxkpi.analysis.progress import Progress, assess_all
from dxkpi.core import model as m
from dxkpi.core.fmt import t, unaccent
from dxkpi.editing import atomic
from dxkpi.presentation.slides import Slide, build_deck
from dxkpi.reading.loader import load


class ExportError(Exception):
    """An export that could not be made, with a message for the person who asked for it (already in their language).

    `problems` holds the metrics file's problems, one rendered line each, when those are the cause.
    """

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.problems = list(problems or [])

    def __str__(self) -> str:
        return "\n".join([self.message, *self.problems])


@dataclass(frozen=True)
class Report:
    """The model, its progress and the deck: what an export draws."""

    metrics: m.Metrics
    progress: dict[str, Progress]
    deck: list[Slide]
    lang: str


def prepare(metrics_path: str | os.PathLike[str], lang: str, *, deck: bool = True) -> Report:
    """Load the metrics file and build the deck (unless `deck` is False: the Word report draws none); a file with
    problems is an ExportError listing them in `lang`."""
    result = load(metrics_path)
    if not result.ok:
        lines = [p.render(lang) for p in result.errors]
        count = len(lines)
        raise ExportError(
            t(
                lang,
                f"Không xuất được: tệp số liệu {os.fspath(metrics_path)} có {count} lỗi, sửa rồi xuất lại:",
                f"Nothing exported: the metrics file {os.fspath(metrics_path)} has {count} problem(s); fix them first:",
            ),
            lines,
        )
    assert result.metrics is not None
    progress = assess_all(result.metrics)
    return Report(result.metrics, progress, build_deck(result.metrics, progress, lang) if deck else [], lang)


def slug(text: str) -> str:
    """'Chính quyền số' -> 'chinh-quyen-so': lower-case ASCII words joined by hyphens, safe in any file system."""
    return re.sub(r"[^a-z0-9]+", "-", unaccent(text)).strip("-") or "x"


def chart_file_names(deck: list[Slide]) -> list[str]:
    """One file name per chart of the deck, in deck order: '03-chinh-quyen-so-xep-hang-dti.png'."""
    return [
        f"{number:02d}-{slug(slide.title)}-{slug(chart.key)}.png"
        for number, slide in enumerate(deck, start=1)
        for chart in slide.charts
    ]


def _cannot_write(path: Path, error: OSError, lang: str) -> ExportError:
    """The message for an output that cannot be written, saying why in words a user can act on."""
    if isinstance(error, IsADirectoryError):
        reason = t(lang, "đó là một thư mục", "it is a folder")
    elif isinstance(error, PermissionError):
        reason = t(
            lang,
            "không có quyền ghi (tệp đang mở trong chương trình khác?)",
            "permission denied (is the file open in another program?)",
        )
    elif isinstance(error, FileNotFoundError):
        reason = t(lang, f"thư mục {path.parent} không tồn tại", f"the folder {path.parent} does not exist")
    else:
        reason = error.strerror or str(error)
    return ExportError(t(lang, f"Không ghi được {path}: {reason}", f"Cannot write {path}: {reason}"))


def check_writable(path: Path, lang: str) -> None:
    """Fail before any work when the output file cannot be written: a folder, a missing or read-only folder."""
    if path.is_dir():
        raise _cannot_write(path, IsADirectoryError(), lang)
    if not path.parent.is_dir():
        raise _cannot_write(path, FileNotFoundError(), lang)
    if not os.access(path.parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise _cannot_write(path, PermissionError(), lang)


def write_file(path: Path, write: Callable[[Path], None], lang: str) -> Path:
    """Write `path` through a temporary file beside it, so a failed export never leaves half a file behind."""
    check_writable(path, lang)
    try:
        atomic.replace_with(path, write, suffix=path.suffix)
    except OSError as error:
        raise _cannot_write(path, error, lang) from None
    return path


def check_folder(path: Path, lang: str) -> None:
    """Fail before any work when the PNG folder cannot be made or written to."""
    if path.exists() and not path.is_dir():
        raise ExportError(
            t(
                lang,
                f"Không tạo được thư mục {path}: đã có một tệp cùng tên",
                f"Cannot create the folder {path}: a file with that name exists",
            )
        )
    target = path if path.is_dir() else path.parent
    if not target.is_dir():
        raise _cannot_write(path, FileNotFoundError(), lang)
    if not os.access(target, os.W_OK):
        raise _cannot_write(path, PermissionError(), lang)


def make_folder(path: Path, lang: str) -> Path:
    """The output folder of the PNG export, created if missing (its parent must exist)."""
    check_folder(path, lang)
    try:
        path.mkdir(exist_ok=True)
    except OSError as error:
        raise _cannot_write(path, error, lang) from None
    return path
