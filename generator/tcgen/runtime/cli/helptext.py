"""Help text from the spec: the action list, and per action its description, parameters,
output fields, data types, error codes and an example command.

The prose comes from the package's spec snapshot (`..snapshot`, the one copy of the spec's
descriptions), read only when help is asked for; types and required flags come from
`_meta.py`, so help states exactly the rules that are enforced.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from ..meta import REQUEST_ID_DESCRIPTION, ActionMeta, Member, product_name
from ..primitives import ARRAY
from .argv import GLOBALS

REQUEST_ID = "RequestId"  # every response's; help adds it to the output with its own note

WIDTH = 100
DEPRECATED_MARK = "[deprecated] "
DEPRECATED_NOTE = "Deprecated: this action is deprecated and may be removed."


class ActionDoc(NamedTuple):
    """The prose of one action."""

    title: str
    description: str
    input: dict[str, str]
    output: dict[str, str]
    example: dict[str, Any] | None


class Docs(NamedTuple):
    """The prose of one service version: actions, data type members and error codes."""

    title: str
    actions: dict[str, ActionDoc]
    structures: dict[str, dict[str, str]]
    errors: dict[str, str]


def load_docs(directory: str) -> Docs:
    """The prose of the package in `directory`, read from its spec snapshot."""
    from ..snapshot import load

    return docs_from_snapshot(load(directory))


def docs_from_snapshot(snapshot: Mapping[str, Any]) -> Docs:
    """The prose as the spec gives it: titles (the action's name when it has none),
    descriptions, member descriptions (without the response's RequestId), the first
    example's parameters, and per error code the first description given for it (the common
    codes', then the actions' in order), as the package's error classes are documented."""
    errors: dict[str, str] = {}
    for entry in [*snapshot["commonErrors"], *_action_errors(snapshot["actions"])]:
        if not errors.get(entry["code"]):
            errors[entry["code"]] = entry["description"]
    actions = {
        name: ActionDoc(
            title=str(action.get("title", name)),
            description=action["description"],
            input=_prose(action["input"]),
            output=_prose(action["output"], skip=REQUEST_ID),
            example=action["examples"][0]["request"]["params"] if action["examples"] else None,
        )
        for name, action in snapshot["actions"].items()
    }
    service, version = snapshot["service"], snapshot["version"]
    return Docs(
        title=f"{product_name(str(snapshot.get('title', service)))} ({service} {version})",
        actions=actions,
        structures={name: _prose(t["members"]) for name, t in snapshot["types"].items()},
        errors=errors,
    )


def _action_errors(actions: Mapping[str, Mapping[str, Any]]) -> Iterator[Mapping[str, str]]:
    for action in actions.values():
        yield from action["errorCodes"]


def _prose(members: list[Mapping[str, Any]], skip: str = "") -> dict[str, str]:
    return {m["name"]: m.get("description", "") for m in members if m["name"] != skip}


_OPTIONS = {
    "endpoint": "HOST or URL to call (default: the service endpoint); http://127.0.0.1:8080 works",
    "region": "region, e.g. ap-guangzhou (default: TENCENTCLOUD_REGION, then the tccli profile)",
    "profile": "credential/configure profile of ~/.tccli and ~/.tencentcloud (default: default)",
    "secret_id": "SecretId (default: TENCENTCLOUD_SECRET_ID, then the profile files)",
    "secret_key": "SecretKey (default: TENCENTCLOUD_SECRET_KEY, then the profile files)",
    "token": "session token of temporary credentials",
    "role_arn": "assume this role (STS AssumeRole, with --role-session-name) signed with the "
    "key found as usual (default: TENCENTCLOUD_ROLE_ARN, then the tccli profile's role-arn)",
    "role_session_name": "session name of --role-arn (default: TENCENTCLOUD_ROLE_SESSION_NAME, "
    "then the tccli profile's role-session-name)",
    "use_cvm_role": "use the CAM role of this CVM instance, from the instance metadata service",
    "language": "language of error messages: en-US or zh-CN",
    "timeout": "seconds to wait for connecting and for the answer (default: 60)",
    "output": "json (default, pretty-printed), text or table",
    "filter": "JMESPath expression applied to the response (needs the jmespath package)",
    "waiter": 'call again until {"expr": JMESPath, "to": value} holds ("timeout", "interval")',
    "max_items": "fetch pages until N items (implies --all-pages)",
    "all_pages": "fetch every page of a paginated action and answer with all items at once",
    "version": "API version; only this package's version is accepted",
    "cli_input_json": "parameters as JSON, or file://PATH, or a path to a JSON file",
    "generate_cli_skeleton": "print a JSON template of every parameter, for --cli-input-json",
    "cli_unfold_argument": "accept members one by one: --Param.0.Member value (tccli's dots)",
    "dry_run": "print the signed HTTP request instead of sending it (signature redacted)",
    "debug": "log the request, the answer and any traceback on stderr",
    "help": "this help; `ACTION help` describes one action",
}


def wrap(text: str, indent: int, width: int = WIDTH) -> Iterator[str]:
    """Greedy word wrap that keeps the page's line breaks (textwrap would import `re`)."""
    pad = " " * indent
    for paragraph in text.splitlines() or [""]:
        line = ""
        for word in paragraph.split():
            if line and len(pad) + len(line) + 1 + len(word) > width:
                yield pad + line
                line = word
            else:
                line = f"{line} {word}" if line else word
        yield pad + line if line else ""


def overview(prog: str, docs: Docs, actions: Mapping[str, ActionMeta]) -> str:
    """Top-level help: what this is, how to call it, every action, every global option."""
    lines = [docs.title, "", "Usage:", f"  {prog} ACTION [--Param value ...] [options]"]
    lines += [f"  {prog} ACTION help", "", "Actions:"]
    width = max((len(name) for name in actions), default=0)
    for name in actions:
        mark = DEPRECATED_MARK if actions[name].deprecated else ""
        lines.append(f"  {name.ljust(width)}  {mark}{summary(name, docs.actions[name])}")
    lines += ["", "Options:", *options()]
    return "\n".join(lines)


def summary(name: str, doc: ActionDoc) -> str:
    """The page title, or the first sentence of the description when the title is the name."""
    if doc.title != name:
        return doc.title
    first = doc.description.strip().splitlines()[0] if doc.description.strip() else ""
    return first.split(". ")[0].rstrip(".") + "." if first else ""


def options() -> Iterator[str]:
    for key, (spellings, takes_value) in GLOBALS.items():
        flags = ", ".join(("-" if len(s) == 1 else "--") + s for s in spellings)
        yield f"  {flags}{' VALUE' if takes_value else ''}"
        yield from wrap(_OPTIONS[key], 6)


def action(
    prog: str,
    meta: ActionMeta,
    docs: Docs,
    aliases: Mapping[str, str],
    structures: Mapping[str, tuple[Member, ...]],
) -> str:
    """Help of one action: everything needed to call it and to read its answer."""
    doc = docs.actions[meta.name]
    kebab = {wire: alias for alias, wire in aliases.items()}
    usage = " ".join(f"--{name} <{type_}>" for name, type_, required in meta.input if required)
    lines = [meta.name + ("" if doc.title == meta.name else f": {doc.title}"), ""]
    if meta.deprecated:
        lines += [f"  {DEPRECATED_NOTE}", ""]
    lines += [*wrap(doc.description, 2), "", "Usage:", f"  {prog} {meta.name} {usage} [options]"]
    lines += ["", "Parameters:" if meta.input else "Parameters: none"]
    for name, type_, required in meta.input:
        flags = f"--{name}" + (f", --{kebab[name]}" if kebab.get(name, name) != name else "")
        lines.append(f"  {flags}  ({type_}, {'required' if required else 'optional'})")
        lines += wrap(doc.input.get(name, ""), 6)
    lines += ["", "Output (fields of the JSON response):"]
    for name, type_, _ in meta.output:
        lines.append(f"  {name} ({type_})")
        lines += wrap(doc.output.get(name, ""), 6)
    lines += ["  RequestId (String)", f"      {REQUEST_ID_DESCRIPTION}"]
    lines += _types(meta, docs, structures)
    lines += ["", "Error codes (exit status 1; Code, Message and RequestId on stderr):"]
    for code in meta.errors:
        lines.append(f"  {code}")
        lines += wrap(docs.errors.get(code, ""), 6)
    if doc.example is not None:
        lines += ["", "Example:", f"  {prog} {meta.name} {example(doc.example)}"]
    lines += ["", f"Options: see `{prog} help`; arrays take several values or one JSON array,"]
    lines += ["structures take JSON; booleans take true/false."]
    return "\n".join(lines)


def _types(meta: ActionMeta, docs: Docs, structures: Mapping[str, tuple[Member, ...]]) -> list[str]:
    """Every data type the action's parameters and output reach, with its members."""
    lines: list[str] = []
    for name in referenced([*meta.input, *meta.output], structures):
        lines += ["", f"{name}:"]
        for member, type_, required in structures[name]:
            lines.append(f"  {member} ({type_}, {'required' if required else 'optional'})")
            lines += wrap(docs.structures.get(name, {}).get(member, ""), 6)
    return ["", "Data types:", *lines[1:]] if lines else []


def referenced(members: list[Member], structures: Mapping[str, tuple[Member, ...]]) -> list[str]:
    """Structure names reachable from members, in first-seen order."""
    found: list[str] = []
    queue = [type_ for _, type_, _ in members]
    while queue:
        type_ = queue.pop(0)
        while type_.startswith(ARRAY):
            type_ = type_.removeprefix(ARRAY)
        if type_ in structures and type_ not in found:
            found.append(type_)
            queue += [t for _, t, _ in structures[type_]]
    return found


def example(params: Mapping[str, Any]) -> str:
    """A documented request as command-line flags (JSON for structured values)."""
    words = []
    for name, value in params.items():
        if isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value):
            words += [f"--{name}", *(_quote(_text(v)) for v in value)]
        else:
            words += [f"--{name}", _quote(_text(value))]
    return " ".join(words)


def _text(value: Any) -> str:
    if isinstance(value, (dict, list)):
        import json  # deferred: only examples with structured values need it

        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _quote(word: str) -> str:
    """POSIX-shell quoting (shlex would import `re`)."""
    if word and all(c.isalnum() or c in "@%+=:,./-_" for c in word):
        return word
    return "'" + word.replace("'", "'\"'\"'") + "'"
