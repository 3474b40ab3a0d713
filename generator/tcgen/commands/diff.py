"""Semantic diff of two spec trees (or of the spec with a git revision); exit 1 on what fails.

`tcgen diff OLD NEW` compares two trees; `tcgen diff --against REF [SPEC_DIR]` compares the
spec tree in the working tree with the same tree at a git revision. A change fails the run when
its level reaches `--fail-on` (default: breaking) and the policy (`<NEW>/diff-policy.json`, or
`--policy FILE`) does not accept it.
"""

from __future__ import annotations

import argparse
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from tcgen.diff.changes import diff_catalogs
from tcgen.diff.gitrev import export_tree
from tcgen.diff.policy import FAIL_ON, Policy, load_policy, policy_schema_path, tree_policy
from tcgen.diff.report import FORMATS, Report, render
from tcgen.spec import paths
from tcgen.spec.problems import Problem, ProblemsError, display_path
from tcgen.spec.snapshot import Snapshot, service_snapshot, snapshot_key
from tcgen.spec.tree import load_tree


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "trees",
        nargs="*",
        type=Path,
        metavar="TREE",
        help="OLD NEW spec trees; with --against: the spec tree (default: spec)",
    )
    parser.add_argument(
        "--against",
        metavar="GIT_REF",
        default=None,
        help="compare the spec tree with itself at this git revision (HEAD~1, origin/main, ...)",
    )
    parser.add_argument("--format", choices=FORMATS, default="text")
    parser.add_argument(
        "--fail-on",
        choices=FAIL_ON,
        default="breaking",
        help="exit 1 when a change at this level or above is not accepted (default: breaking)",
    )
    parser.add_argument(
        "--policy",
        type=Path,
        default=None,
        help=f"accepted changes (default: {paths.POLICY_FILE} in the new tree, when present)",
    )


def catalog(spec_dir: Path) -> dict[str, Snapshot]:
    tree = load_tree(spec_dir)
    snapshots = (service_snapshot(tree, service) for service in tree.services)
    return {snapshot_key(s): s for s in snapshots}


def _usage(message: str) -> ProblemsError:
    return ProblemsError([Problem("tcgen diff", "", message)])


def _policy(args: argparse.Namespace, new: Path) -> Policy:
    if args.policy is not None:
        return load_policy(args.policy, policy_schema_path(new))
    return tree_policy(new)


def run(args: argparse.Namespace) -> int:
    if args.against is None:
        if len(args.trees) != 2:
            raise _usage("give OLD and NEW spec trees, or --against GIT_REF [SPEC_DIR]")
        old, new = args.trees
        return _diff(args, old, new, display_path(old))
    if len(args.trees) > 1:
        raise _usage("--against takes at most one spec tree (the working tree's)")
    new = args.trees[0] if args.trees else paths.DEFAULT_SPEC_DIR
    with tempfile.TemporaryDirectory(prefix="tcgen-diff-") as scratch:
        old = export_tree(new, args.against, Path(scratch))
        return _diff(args, old, new, f"{display_path(new)}@{args.against}")


def _diff(args: argparse.Namespace, old: Path, new: Path, old_label: str) -> int:
    policy = _policy(args, new)  # a bad policy is reported before any diffing
    changes = diff_catalogs(catalog(old), catalog(new))
    today = datetime.now(UTC).date()
    verdicts = policy.judge(changes, args.fail_on, today)
    report = Report(
        verdicts, args.fail_on, policy.source, policy.unused(verdicts), old_label, display_path(new)
    )
    print(render(report, args.format))
    return 1 if any(v.fails for v in verdicts) else 0
