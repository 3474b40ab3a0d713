"""What `tcgen generate` and `check` build: one typed job per selected service version."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from tcgen.output.render import Templates
from tcgen.spec import paths
from tcgen.spec.tree import load_tree, select_dirs


@dataclass(frozen=True)
class Job:
    """One package to build: its service directory, and where the build reads from."""

    spec_dir: Path
    directory: Path
    templates: Templates
    out_dir: Path

    @property
    def source(self) -> str:
        """`live/2018-08-01`: how the package's spec directory is named in records."""
        return self.directory.relative_to(self.spec_dir).as_posix()

    @property
    def selector(self) -> str:
        """`live:2018-08-01`, the `--services` spelling that selects just this directory."""
        return f"{self.directory.parent.name}:{self.directory.name}"

    @property
    def weight(self) -> int:
        """The number of actions: what building the package costs, roughly."""
        actions = self.directory / paths.ACTIONS_DIR
        return len(os.listdir(actions)) if actions.is_dir() else 0


def plan_jobs(
    spec_dir: Path, templates: Templates, out_dir: Path, only: list[str] | None = None
) -> list[Job]:
    """A job per selected service directory, sorted; raises ProblemsError (naming what is
    wrong) when the selection is empty or names an unknown service, or the tree has no
    common errors."""
    directories, problems = select_dirs(spec_dir, only)
    if problems or not directories or not (spec_dir / paths.COMMON_ERRORS_FILE).is_file():
        load_tree(spec_dir, only)  # raises, naming what is wrong with the selection
    return [Job(spec_dir, directory, templates, out_dir) for directory in directories]
