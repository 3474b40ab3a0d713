"""The command-line grammar: tccli's `ACTION --Param value ... [global options]`.

Hand-written rather than argparse: parameters are known only once the action is, arrays take
several values (`--Names a b`), kebab-case aliases resolve to wire names, and every mistake
must become a usage error that names the offending flag.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

HELP = "help"

# Global options: canonical key -> (spellings, takes a value). tccli's camelCase spellings
# come first so ported scripts keep working; the kebab-case ones match the parameter aliases.
GLOBALS: dict[str, tuple[tuple[str, ...], bool]] = {
    "endpoint": (("endpoint",), True),
    "region": (("region",), True),
    "profile": (("profile",), True),
    "secret_id": (("secretId", "secret-id"), True),
    "secret_key": (("secretKey", "secret-key"), True),
    "token": (("token",), True),
    "role_arn": (("role-arn",), True),
    "role_session_name": (("role-session-name",), True),
    "use_cvm_role": (("use-cvm-role",), False),
    "language": (("language",), True),
    "timeout": (("timeout",), True),
    "output": (("output",), True),
    "filter": (("filter",), True),
    "waiter": (("waiter",), True),
    "max_items": (("max-items",), True),
    "all_pages": (("all-pages",), False),
    "version": (("version",), True),
    "cli_input_json": (("cli-input-json",), True),
    "generate_cli_skeleton": (("generate-cli-skeleton",), False),
    "cli_unfold_argument": (("cli-unfold-argument",), False),
    "dry_run": (("dry-run",), False),
    "debug": (("debug",), False),
    "help": (("help", "h"), False),
}
_SPELLINGS = {spelling: key for key, (names, _) in GLOBALS.items() for spelling in names}


class UsageError(Exception):
    """The command line is wrong; nothing was sent. The message names the flag."""


def json_object(text: str, flag: str, expected: str) -> dict[str, Any]:
    """A flag's JSON value that must be an object (`expected` says what it should hold).

    `json` is imported here, not at module level: only these flags need it, and help does not.
    """
    import json

    try:
        loaded = json.loads(text)
    except ValueError as exc:
        raise UsageError(f"{flag}: invalid JSON: {exc}") from None
    except RecursionError:
        raise UsageError(f"{flag}: invalid JSON: nested too deeply") from None
    if not isinstance(loaded, dict):
        raise UsageError(f"{flag}: expected {expected}")
    return loaded


class Invocation:
    """One parsed command line; parameter values are still text (see `convert`)."""

    def __init__(self) -> None:
        self.action: str | None = None
        self.help = False
        self.options: dict[str, str] = {}
        self.switches: set[str] = set()
        self.params: dict[str, list[str]] = {}
        self.unfolded: list[tuple[str, list[str], list[str]]] = []
        """`--cli-unfold-argument` paths: (flag, [parameter, member or index, ...], values)"""


def parse(argv: list[str], service: str) -> tuple[Invocation, list[tuple[str, list[str]]]]:
    """Split argv into globals, positionals and not yet resolved `--Flag values...` pairs.

    A leading service name (`live DropLiveStream ...`) is accepted, so that replacing `tccli`
    with this command is enough to port a script.
    """
    invocation = Invocation()
    pending: list[tuple[str, list[str]]] = []
    positionals: list[str] = []
    index = 0
    while index < len(argv):
        token = argv[index]
        index += 1
        if not token.startswith("-") or token == "-":
            positionals.append(token)
            continue
        name, has_inline, inline = token.lstrip("-").partition("=")
        key = _SPELLINGS.get(name)
        if key is None:
            values = [inline] if has_inline else []
            while not has_inline and index < len(argv) and not argv[index].startswith("--"):
                values.append(argv[index])
                index += 1
            pending.append((token.partition("=")[0], values))
        elif GLOBALS[key][1]:
            if not has_inline and (index >= len(argv) or argv[index].startswith("--")):
                raise UsageError(f"{token}: expected a value (use {token}=VALUE for one with --)")
            value = inline if has_inline else argv[index]
            index += 0 if has_inline else 1
            if key in invocation.options:
                raise UsageError(f"{token}: given more than once")
            invocation.options[key] = value
        else:
            if key == "generate_cli_skeleton" and index < len(argv) and argv[index] == "input":
                index += 1  # tccli's `--generate-cli-skeleton input`
            invocation.switches.add(key)
    invocation.help = "help" in invocation.switches or HELP in positionals
    rest = [p for p in positionals if p != HELP]
    if rest and rest[0] == service:  # actions are PascalCase, never the service name
        rest = rest[1:]
    if len(rest) > 1:
        raise UsageError(f"unexpected argument {rest[1]!r} (values follow their --Flag)")
    invocation.action = rest[0] if rest else None
    return invocation, pending


def resolve(
    invocation: Invocation,
    pending: list[tuple[str, list[str]]],
    names: Collection[str],
    aliases: Mapping[str, str],
) -> None:
    """Map each `--Flag` to its parameter: exact wire name, else its kebab-case alias; with
    `--cli-unfold-argument`, `--Param.0.Member` names a member inside a parameter."""
    unfold = "cli_unfold_argument" in invocation.switches
    for flag, values in pending:
        top, dot, path = flag.lstrip("-").partition(".")
        name = top if top in names else aliases.get(top)
        if name is None:
            raise UsageError(
                f"{flag}: unknown parameter of {invocation.action}{_hint(top, [*names, *aliases])}"
            )
        if not values:
            raise UsageError(f"{flag}: expected a value")
        if not dot:
            invocation.params.setdefault(name, []).extend(values)
        elif unfold:
            invocation.unfolded.append((flag, [name, *path.split(".")], values))
        else:
            raise UsageError(f"{flag}: dotted parameter names need --cli-unfold-argument")
    given_whole = {name for _, (name, *_), _ in invocation.unfolded} & set(invocation.params)
    if given_whole:
        raise UsageError(f"--{min(given_whole)}: given both whole and member by member")


def _hint(flag: str, names: Collection[str]) -> str:
    """`; did you mean --StreamName?` for a misspelled parameter (as for actions)."""
    import difflib  # deferred: only a mistyped flag pays for it

    close = difflib.get_close_matches(flag, list(names), n=1)
    return f"; did you mean --{close[0]}?" if close else ""
