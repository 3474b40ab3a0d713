"""The `tcgen` command: one subcommand per module in `tcgen.commands`.

Every command reports problems the same way: one line per problem naming the file and JSON
pointer (or line), exit status 2, and never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from importlib import import_module

from tcgen import __version__
from tcgen.commands.wording import counted
from tcgen.runtime.optional import MissingDependency
from tcgen.spec.problems import ProblemsError

COMMANDS = (
    "validate",
    "generate",
    "check",
    "schema",
    "capture",
    "diff",
    "vendor",
    "package",
    "import-tccli",
    "mock",
    "infer-resources",
    "export",
)

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
EXIT_PIPE = 141  # 128 + SIGPIPE, as a shell reports a writer whose pipe closed


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tcgen", description="Spec-driven code generator for Tencent Cloud API 3.0."
    )
    parser.add_argument("--version", action="version", version=f"tcgen {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        module = import_module(f".{name.replace('-', '_')}", __package__)
        command = sub.add_parser(
            name, help=module.__doc__.splitlines()[0] if module.__doc__ else ""
        )
        module.configure(command)
        command.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        status: int = args.run(args)
    except ProblemsError as exc:
        count = len(exc.problems)
        print(f"tcgen {args.command}: {counted(count, 'problem')}", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_USAGE
    except MissingDependency as exc:
        print(f"tcgen {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `tcgen schema ... | head`: the reader left, nothing to say
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_PIPE
    return status


if __name__ == "__main__":
    sys.exit(main())
