"""The generation pipeline, top to bottom: load + validate -> model -> render -> format.

Packages whose inputs are unchanged are read back from disk (`reuse.py`). The rest are
rendered and formatted one service per pool worker when there are several, so Jinja, black
and the cache lookups all run in parallel; a single service keeps one process and spreads
only its black cache misses over the pool.
"""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

from . import paths
from .formatting import format_outputs, workers
from .model import Service, build_all
from .problems import Problem, ProblemsError
from .release import RELEASE_FILE, Release, plan_release
from .render import Templates, render_service
from .reuse import fingerprints, reusable, source_name
from .snapshot import service_snapshot
from .spec_tree import load_tree, select_dirs
from .writer import Package

# Below this many actions in total, starting a pool costs more than rendering in one process.
PARALLEL_ACTIONS = 200

_Job = tuple[Service, Templates, Release]


def load_services(spec_dir: Path, only: list[str] | None = None) -> list[Service]:
    """Validated spec tree -> typed model of every (selected) service."""
    return build_all(load_tree(spec_dir, only))


def build_packages(
    spec_dir: Path, templates: Templates, out_dir: Path, only: list[str] | None = None
) -> list[Package]:
    """Everything `tcgen generate` writes, computed in memory (nothing touches disk).

    `out_dir` is read for each package's previous release, which decides its version, and
    for packages that can be reused as they are.
    """
    directories, problems = select_dirs(spec_dir, only)
    if problems or not directories or not (spec_dir / paths.COMMON_ERRORS_FILE).is_file():
        return _build(spec_dir, templates, out_dir, only)  # reports what is wrong
    inputs = fingerprints(spec_dir, templates, directories)
    reused = reusable(out_dir, inputs)
    todo = [d for d in directories if source_name(spec_dir, d) not in reused]
    built: list[Package] = []
    if todo:  # the whole selection when nothing is reused, so problems read as before
        names = [f"{d.parent.name}:{d.name}" for d in todo] if reused else only
        built = _build(spec_dir, templates, out_dir, names)
    by_source = reused | {p.source: p for p in built}
    chosen = [by_source[source_name(spec_dir, d)] for d in directories]
    return [replace(p, inputs=inputs[p.source]) for p in chosen]


def _build(
    spec_dir: Path, templates: Templates, out_dir: Path, only: list[str] | None
) -> list[Package]:
    tree = load_tree(spec_dir, only)
    services = build_all(tree)
    jobs: list[_Job] = []
    for spec, service in zip(tree.services, services, strict=True):
        release = plan_release(
            out_dir / service.package / RELEASE_FILE,
            service_snapshot(tree, spec),
            service.spec_hash,
        )
        jobs.append((service, templates, release))
    results = _render_all(jobs)
    problems = [problem for _, found in results for problem in found]
    if problems:
        raise ProblemsError(problems)
    return [
        Package(service.package, service.spec_hash, files, source_name(spec_dir, spec.directory))
        for (files, _), service, spec in zip(results, services, tree.services, strict=True)
    ]


def _render_all(jobs: list[_Job]) -> list[tuple[dict[str, str], list[Problem]]]:
    """Render and format every job, in a pool of per-service workers when it pays."""
    size = sum(len(service.actions) for service, _, _ in jobs)
    pool_size = min(workers(), len(jobs))
    if pool_size < 2 or size < PARALLEL_ACTIONS:
        return [_render_one(job, None) for job in jobs]
    order = sorted(range(len(jobs)), key=lambda i: -_weight(jobs[i][0]))  # biggest first
    with ProcessPoolExecutor(pool_size) as pool:
        done = dict(zip(order, pool.map(_render_in_worker, [jobs[i] for i in order]), strict=True))
    return [done[i] for i in range(len(jobs))]


def _weight(service: Service) -> int:
    return len(service.actions) + len(service.structures)


def _render_in_worker(job: _Job) -> tuple[dict[str, str], list[Problem]]:
    return _render_one(job, 1)


def _render_one(job: _Job, black_jobs: int | None) -> tuple[dict[str, str], list[Problem]]:
    """(files, []) or ({}, problems): problems travel back from workers as values."""
    service, templates, release = job
    try:
        return format_outputs(render_service(service, templates, release), black_jobs), []
    except ProblemsError as exc:
        return {}, exc.problems
