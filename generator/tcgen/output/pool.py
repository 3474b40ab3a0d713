"""Run independent jobs in a process pool when it pays; problems travel back as values.

A service needs nothing of another, so each job runs start to finish in one worker and only
its result travels back. Small selections stay in this process: starting a pool costs more
than it saves below `PARALLEL_WEIGHT`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from typing import Protocol, TypeVar

from tcgen.output.formatting import workers
from tcgen.spec.problems import Problem, ProblemsError

# Below this much work in total (actions), starting a pool costs more than building here.
PARALLEL_WEIGHT = 200


class Weighted(Protocol):
    @property
    def weight(self) -> int: ...


J = TypeVar("J", bound=Weighted)
R = TypeVar("R")


def run_jobs(build: Callable[[J, int | None], R], jobs: Sequence[J]) -> list[R]:
    """`build` every job, in a pool of workers when it pays; results in job order; every
    job's problems at once (ProblemsError). `build` must be a module-level function."""
    pool_size = min(workers(), len(jobs))
    if pool_size < 2 or sum(job.weight for job in jobs) < PARALLEL_WEIGHT:
        outcomes = [_attempt(build, None, job) for job in jobs]
    else:
        order = sorted(range(len(jobs)), key=lambda i: -jobs[i].weight)  # biggest first
        with ProcessPoolExecutor(pool_size) as pool:
            results = pool.map(partial(_attempt, build, 1), [jobs[i] for i in order])
            done = dict(zip(order, results, strict=True))
        outcomes = [done[i] for i in range(len(jobs))]
    problems = [problem for _, found in outcomes for problem in found]
    if problems:
        raise ProblemsError(problems)
    return [result for result, _ in outcomes if result is not None]


def _attempt(
    build: Callable[[J, int | None], R], black_jobs: int | None, job: J
) -> tuple[R | None, list[Problem]]:
    try:
        return build(job, black_jobs), []
    except ProblemsError as exc:
        return None, exc.problems
