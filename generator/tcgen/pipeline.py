"""The generation pipeline, top to bottom.

One package (`build_package`): load and validate its spec directory -> model -> release
(version and changelog against the previous `_release.json`) -> render (templates, the
runtime, the service's extensions) -> format. Every package (`build_packages`): the jobs the
selection names (`jobs.py`), each built as above, wrapped by the reuse cache (`reuse.py`:
packages whose inputs are unchanged are read back from disk instead) and by the worker pool
(`pool.py`: one process per service when there is enough to do). `generate` then writes them
(`writer.py`) and records their inputs for the next run.
"""

from __future__ import annotations

from pathlib import Path

from tcgen.model.service import Service, build_all, build_service
from tcgen.output.formatting import format_outputs
from tcgen.output.jobs import Job, plan_jobs
from tcgen.output.pool import run_jobs
from tcgen.output.release import RELEASE_FILE, plan_release
from tcgen.output.render import Templates, render_service
from tcgen.output.reuse import remember, reuse_unchanged
from tcgen.output.writer import Package, write_packages
from tcgen.spec.snapshot import service_snapshot
from tcgen.spec.tree import load_tree


def load_services(spec_dir: Path, only: list[str] | None = None) -> list[Service]:
    """Validated spec tree -> typed model of every (selected) service."""
    return build_all(load_tree(spec_dir, only))


def build_package(job: Job, black_jobs: int | None = None) -> Package:
    """One service from its spec directory to formatted files; raises ProblemsError.

    `black_jobs` caps black's process pool (1 when this runs in a pool worker itself).
    """
    tree = load_tree(job.spec_dir, [job.selector])
    spec = tree.services[0]
    service = build_service(tree, spec)
    previous = job.out_dir / service.package / RELEASE_FILE
    release = plan_release(previous, service_snapshot(tree, spec), service.spec_hash)
    rendered = render_service(service, job.templates, release)
    files = format_outputs(rendered, black_jobs)
    return Package(service.package, service.spec_hash, files, job.source)


def build_packages(
    spec_dir: Path, templates: Templates, out_dir: Path, only: list[str] | None = None
) -> list[Package]:
    """Everything `tcgen generate` writes, computed in memory (nothing touches disk).

    `out_dir` is read for each package's previous release, which decides its version, and
    for packages that can be reused as they are.
    """
    jobs = plan_jobs(spec_dir, templates, out_dir, only)
    return reuse_unchanged(jobs, lambda todo: run_jobs(build_package, todo))


def generate(
    spec_dir: Path, templates: Templates, out_dir: Path, only: list[str] | None = None
) -> tuple[list[Package], list[str]]:
    """Build, then write (removing packages gone from the spec unless `only` selects some);
    returns the packages and the paths written or removed."""
    packages = build_packages(spec_dir, templates, out_dir, only)
    changed = write_packages(out_dir, packages, complete=not only)
    remember(out_dir, packages)
    return packages, changed
