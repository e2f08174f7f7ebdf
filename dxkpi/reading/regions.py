"""Regions: the default metrics file and one file per other region, and the links between them."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from dxkpi.core.model import Metrics
from dxkpi.reading.loader import LoadResult, load
from dxkpi.reading.problems import Problem, suggest

FOLDER = Path("data") / "regions"


@dataclass(frozen=True)
class Region:
    """A region's id (its file name, or meta.id for the default file), its file, and whether it is the default."""

    id: str
    path: Path
    default: bool = False


def folder_for(default_path: Path) -> Path:
    """Where the other regions' files live: $DXKPI_REGIONS, else data/regions beside the default file."""
    env = os.environ.get("DXKPI_REGIONS")
    return Path(env) if env else default_path.parent / FOLDER


def region_files(default_path: Path, folder: Path | None = None) -> list[Path]:
    """The default file first, then every *.yaml in the regions folder by name."""
    folder = folder if folder is not None else folder_for(default_path)
    others = sorted(p for p in folder.glob("*.yaml") if p.is_file()) if folder.is_dir() else []
    return [default_path, *(p for p in others if p.resolve() != default_path.resolve())]


def default_id(path: Path, metrics: Metrics | None) -> str:
    """The default file's region id: its meta.id if written, else its file name without .yaml."""
    if metrics is not None and metrics.meta.id:
        return metrics.meta.id
    return path.stem


def discover(default_path: Path, default_metrics: Metrics | None, folder: Path | None = None) -> list[Region]:
    """Every region, the default first; a file in the folder is named by its file name."""
    files = region_files(default_path, folder)
    regions = [Region(default_id(default_path, default_metrics), default_path, True)]
    regions += [Region(p.stem, p) for p in files[1:]]
    return regions


def by_id(regions: Iterable[Region], wanted: str | None) -> Region:
    """The region with that id, else the default (the first)."""
    regions = list(regions)
    return next((r for r in regions if r.id == wanted), regions[0])


def check_links(
    regions: list[Region], models: dict[Path, Metrics | None], filename: Callable[[Path], str] = str
) -> list[Problem]:
    """Problems between region files: ids that disagree with file names, ids used twice, unknown predecessors."""
    problems: list[Problem] = []
    ids = [r.id for r in regions]
    folder = str(folder_for(regions[0].path)) if regions else str(FOLDER)
    every_file_read = all(models.get(r.path) is not None for r in regions)
    for region in regions:
        metrics = models.get(region.path)
        if metrics is None:
            continue
        meta, name = metrics.meta, filename(region.path)

        def at(key: str, meta: object = meta) -> tuple[int, int]:
            pos = getattr(meta, "pos", {})
            return pos.get(key, pos.get("", (1, 1)))

        if not region.default and meta.id and meta.id != region.id:
            line, col = at("id")
            params = {"value": meta.id, "file_id": region.id}
            problems.append(Problem(name, line, col, "meta.id", "region_id_mismatch", params))
        if region.default and ids.count(region.id) > 1:
            other = next(r for r in regions if r.id == region.id and not r.default)
            line, col = at("id")
            params = {"value": region.id, "other": filename(other.path)}
            problems.append(Problem(name, line, col, "meta.id", "region_duplicate_id", params))
        for i, pred in enumerate(meta.predecessors):
            line, col = at("predecessors")
            field = f"meta.predecessors[{i}]"
            if pred == region.id:
                problems.append(Problem(name, line, col, field, "region_self", {"value": pred}))
            elif pred not in ids and every_file_read:  # with a file unread, its id is not known for sure
                params = {"value": pred, "folder": folder, "known": ", ".join(ids), **suggest(pred, ids)}
                problems.append(Problem(name, line, col, field, "unknown_region", params))
    return problems


@dataclass
class RegionsResult:
    """Every region file's load, and the problems between them."""

    regions: list[Region]
    results: dict[str, LoadResult]  # by region id
    links: list[Problem]

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.results.values()) and not any(p.severity == "error" for p in self.links)


def load_regions(default_path: Path, folder: Path | None = None, only: list[Path] | None = None) -> RegionsResult:
    """Load every region file (or only those named) and check the links between all of them."""
    default_result = load(default_path, filename=_display(default_path))
    regions = discover(default_path, default_result.metrics, folder)
    results: dict[str, LoadResult] = {}
    models: dict[Path, Metrics | None] = {}
    wanted = {p.resolve() for p in only} if only else None
    for region in regions:
        result = default_result if region.default else load(region.path, filename=_display(region.path))
        models[region.path] = result.metrics
        if wanted is None or region.path.resolve() in wanted:
            results[region.id] = result
    links = check_links(regions, models, _display)
    if wanted is not None:
        names = {_display(p) for p in regions_paths(regions) if p.resolve() in wanted}
        links = [p for p in links if p.file in names]
    return RegionsResult(regions, results, links)


def regions_paths(regions: list[Region]) -> list[Path]:
    return [r.path for r in regions]


def _display(path: Path) -> str:
    """A file's name as messages show it: relative to the working folder where it can be."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
