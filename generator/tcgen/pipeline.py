"""The generation pipeline, top to bottom: load + validate -> model -> render -> format.

Packages whose inputs are unchanged are read back from disk (`reuse.py`). Each of the rest
is built start to finish by one worker when there are several (a service needs nothing of
another), so validation, Jinja and formatting all run in parallel and only the finished
files travel back; a single service keeps one process.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

from . import paths
from .formatting import format_outputs, workers
from .model import Service, build_all, build_service
from .problems import Problem, ProblemsError
from .release import RELEASE_FILE, plan_release
from .render import Templates, render_service
from .reuse import fingerprints, reusable, source_name
from .snapshot import service_snapshot
from .spec_tree import load_tree, select_dirs
from .writer import Package

# Below this many actions in total, starting a pool costs more than building in one process.
PARALLEL_ACTIONS = 200

_Job = tuple[Path, Path, Templates, Path]  # spec dir, service directory, templates, out dir


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
        load_tree(spec_dir, only)  # raises, naming what is wrong with the selection
    inputs = fingerprints(spec_dir, templates, directories)
    reused = reusable(out_dir, inputs)
    todo = [d for d in directories if source_name(spec_dir, d) not in reused]
    built = _build_all([(spec_dir, d, templates, out_dir) for d in todo])
    by_source = reused | {p.source: p for p in built}
    chosen = [by_source[source_name(spec_dir, d)] for d in directories]
    return [replace(p, inputs=inputs[p.source]) for p in chosen]


def _build_all(jobs: list[_Job]) -> list[Package]:
    """Build every job, in a pool of per-service workers when it pays; all problems at once."""
    pool_size = min(workers(), len(jobs))
    if pool_size < 2 or sum(_weight(job) for job in jobs) < PARALLEL_ACTIONS:
        results = [_build_one(job, None) for job in jobs]
    else:
        order = sorted(range(len(jobs)), key=lambda i: -_weight(jobs[i]))  # biggest first
        with ProcessPoolExecutor(pool_size) as pool:
            done = dict(
                zip(order, pool.map(_build_in_worker, [jobs[i] for i in order]), strict=True)
            )
        results = [done[i] for i in range(len(jobs))]
    problems = [problem for _, found in results for problem in found]
    if problems:
        raise ProblemsError(problems)
    return [package for package, _ in results if package is not None]


def _weight(job: _Job) -> int:
    actions = job[1] / paths.ACTIONS_DIR
    return len(os.listdir(actions)) if actions.is_dir() else 0


def _build_in_worker(job: _Job) -> tuple[Package | None, list[Problem]]:
    return _build_one(job, 1)


def _build_one(job: _Job, black_jobs: int | None) -> tuple[Package | None, list[Problem]]:
    """One service from its spec directory to formatted files: (package, []) or (None,
    problems); problems travel back from workers as values."""
    spec_dir, directory, templates, out_dir = job
    try:
        tree = load_tree(spec_dir, [f"{directory.parent.name}:{directory.name}"])
        spec = tree.services[0]
        service = build_service(tree, spec)
        release = plan_release(
            out_dir / service.package / RELEASE_FILE,
            service_snapshot(tree, spec),
            service.spec_hash,
        )
        files = format_outputs(render_service(service, templates, release), black_jobs)
    except ProblemsError as exc:
        return None, exc.problems
    return Package(service.package, service.spec_hash, files, source_name(spec_dir, directory)), []
