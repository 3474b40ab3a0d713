"""Write the golden vectors of every action: `python -m tests.contract.record_vectors`.

Run after a spec change that alters a request (new example, parameters of a synthesized
request); `--spec-dir` / `--out` default to the contract target (see `target.py`).
Only the official SDK produces the requests (`golden.derive`).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from .golden import derive, dumps, vector_path
from .target import TARGET, services


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.contract.record_vectors")
    parser.add_argument("--spec-dir", type=Path, default=TARGET.spec_dir)
    parser.add_argument("--out", type=Path, default=TARGET.vectors_dir)
    parser.add_argument(
        "--actions",
        type=lambda text: frozenset(text.split(",")),
        default=TARGET.actions,
        help="comma-separated action names (default: all, or TCGEN_CONTRACT_ACTIONS)",
    )
    args = parser.parse_args(argv)
    written = 0
    for service in services(args.spec_dir.resolve()):
        for action in service.actions:
            if args.actions is not None and action.name not in args.actions:
                continue
            path = vector_path(args.out, service, action)
            text = dumps(derive(service, action))
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
                written += 1
    print(f"{written} vectors written under {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
