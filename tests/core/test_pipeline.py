"""The pipeline's pieces: typed jobs, the worker pool, the reuse cache around `build_package`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from tcgen.output.jobs import Job, plan_jobs
from tcgen.output.pool import PARALLEL_WEIGHT, run_jobs
from tcgen.output.render import Templates
from tcgen.output.reuse import reuse_unchanged
from tcgen.output.writer import Package
from tcgen.pipeline import build_package, generate
from tcgen.spec.problems import Problem, ProblemsError


@dataclass(frozen=True)
class Square:
    number: int
    weight: int = PARALLEL_WEIGHT


def square(job: Square, black_jobs: int | None) -> tuple[int, int | None]:
    if job.number < 0:
        raise ProblemsError([Problem(str(job.number), "", "negative")])
    return job.number**2, black_jobs


@pytest.mark.parametrize("workers", ["1", "2"])
def test_run_jobs_keeps_order_in_and_out_of_the_pool(
    workers: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TCGEN_JOBS", workers)
    results = run_jobs(square, [Square(n) for n in range(5)])
    black_jobs = 1 if workers == "2" else None  # a worker formats in its own process
    assert results == [(n * n, black_jobs) for n in range(5)]


def test_run_jobs_reports_every_jobs_problems(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TCGEN_JOBS", "2")
    with pytest.raises(ProblemsError) as caught:
        run_jobs(square, [Square(-1), Square(2), Square(-3, weight=1)])
    assert [p.file for p in caught.value.problems] == ["-1", "-3"]


def test_plan_jobs_names_a_wrong_selection(spec_copy: Path, tmp_path: Path) -> None:
    (job,) = plan_jobs(spec_copy, Templates(), tmp_path)
    assert (job.source, job.selector, job.weight) == ("live/2018-08-01", "live:2018-08-01", 1)
    with pytest.raises(ProblemsError, match="no service 'nope'"):
        plan_jobs(spec_copy, Templates(), tmp_path, ["nope"])


def test_reuse_wraps_the_build_of_what_changed(spec_copy: Path, tmp_path: Path) -> None:
    jobs = plan_jobs(spec_copy, Templates(), tmp_path)
    built: list[list[Job]] = []

    def build(todo: list[Job]) -> list[Package]:
        built.append(todo)
        return [build_package(job) for job in todo]

    first = reuse_unchanged(jobs, build)
    assert built == [jobs] and first[0].inputs
    generate(spec_copy, Templates(), tmp_path)  # writes, and records the inputs
    again = reuse_unchanged(jobs, build)
    assert built[-1] == [] and again == first  # read back from disk, not built
