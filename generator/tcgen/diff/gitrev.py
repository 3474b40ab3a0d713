"""A spec tree as it was at a git revision (`tcgen diff --against REF`), exported to a directory.

git itself reads the revision (`git archive REF -- <path>`), so any ref git understands works
(`HEAD~1`, `origin/main`, a tag, a sha); the working tree is never touched.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path

from tcgen.spec.problems import Problem, ProblemsError, display_path


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise ProblemsError([Problem("git", "", "git is not installed")]) from None


def _fail(where: Path, message: str) -> ProblemsError:
    return ProblemsError([Problem(display_path(where), "", message)])


def export_tree(spec_dir: Path, ref: str, into: Path) -> Path:
    """Write `spec_dir` as it is at `ref` under `into`; returns the exported spec directory."""
    if not spec_dir.is_dir():
        raise _fail(spec_dir, "spec directory not found")
    top = _git(spec_dir, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        said = top.stderr.decode(errors="replace").strip().splitlines()
        raise _fail(
            spec_dir,
            "not in a git checkout, so there is no revision to compare with"
            + (f" (git: {said[0]})" if said else ""),
        )
    root = Path(top.stdout.decode().strip()).resolve()
    relative = spec_dir.resolve().relative_to(root).as_posix()
    commit = None
    if ref and not ref.startswith("-"):  # never let a ref pass as an option
        commit = _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if commit is None or commit.returncode != 0:
        raise _fail(spec_dir, f"'{ref}' is not a git revision of {display_path(root)}")
    sha = commit.stdout.decode().strip()
    paths = [] if relative == "." else [relative]
    if paths and not _git(root, "ls-tree", "-d", "--name-only", sha, "--", relative).stdout:
        raise _fail(spec_dir, f"{relative}/ does not exist at {ref} ({sha[:12]})")
    archive = _git(root, "archive", "--format=tar", sha, "--", *paths)
    if archive.returncode != 0:
        raise _fail(spec_dir, f"git archive {ref} failed: {archive.stderr.decode().strip()}")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")
    return into / relative
