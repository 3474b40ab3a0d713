"""One run of the command line: parse, then help, skeleton, dry run or call; exit status.

Exit 0 on success, 1 when the API (or the network) said no, 2 for usage errors, which are
all found before anything is sent. Modules are imported only on the paths that need them.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from ..meta import ActionMeta, Member
from ..validation import check_params
from . import argv as grammar
from .argv import Invocation, UsageError, json_object

if TYPE_CHECKING:
    from .helptext import Docs

EXIT_OK, EXIT_API_ERROR, EXIT_USAGE = 0, 1, 2
EXIT_PIPE = 141  # 128 + SIGPIPE: what a shell reports for a writer the pipe closed on


class Program(NamedTuple):
    """Everything service-specific the CLI needs; the generated `cli.py` builds it.

    A NamedTuple, not a dataclass: importing dataclasses would cost help 7 ms.
    """

    package: str
    service: str
    version: str
    endpoint: str
    actions: Mapping[str, ActionMeta]
    structures: Mapping[str, tuple[Member, ...]]
    aliases: Mapping[str, Mapping[str, str]]
    """action -> kebab-case alias -> wire name"""
    docs: Callable[[], Docs]
    """reads the prose from the package's spec snapshot; called only for help"""

    @property
    def prog(self) -> str:
        """How the user invoked us, for usage lines: the console script, or `python -m`."""
        script = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else ""
        return script if script and script != "__main__.py" else f"python -m {self.package}"


def main(program: Program, argv: Sequence[str] | None = None) -> int:
    """Run one command line; returns the exit status."""
    try:
        return _run(program, list(sys.argv[1:] if argv is None else argv))
    except UsageError as exc:
        print(f"{program.prog}: error: {exc}", file=sys.stderr)
        print(f"Run `{program.prog} help` for usage.", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return _closed_pipe()


def _closed_pipe() -> int:
    """The reader went away (`help | head -1`): exit quietly, as `cat` does.

    stdout is pointed at /dev/null so that the interpreter's final flush of what is still
    buffered cannot raise (and print) a second BrokenPipeError.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return EXIT_PIPE


def _run(program: Program, argv: list[str]) -> int:
    invocation, pending = grammar.parse(argv, program.service)
    if invocation.action is None:
        if not invocation.help:
            raise UsageError("no action given")
        from . import helptext

        print(helptext.overview(program.prog, program.docs(), program.actions))
        return EXIT_OK
    meta = _action(program, invocation.action)
    version = invocation.options.get("version", program.version)
    if version != program.version:
        raise UsageError(f"--version: this command speaks {program.version} only, not {version}")
    aliases = program.aliases.get(meta.name, {})
    if invocation.help:
        from . import helptext

        text = helptext.action(program.prog, meta, program.docs(), aliases, program.structures)
        print(text)
        return EXIT_OK
    grammar.resolve(invocation, pending, {name for name, _, _ in meta.input}, aliases)
    params = _params(invocation, meta, program.structures)
    if "generate_cli_skeleton" in invocation.switches:
        return _skeleton(meta, program.structures, params)
    issues = list(check_params(params, meta.input, program.structures))
    if issues:
        raise UsageError("\n".join(f"--{i.parameter}: {i.message}" for i in issues))
    return _call(program, meta, invocation, params)


def _action(program: Program, name: str) -> ActionMeta:
    meta = program.actions.get(name)
    if meta is not None:
        return meta
    import difflib  # deferred: only a mistyped action pays for it

    close = difflib.get_close_matches(name, list(program.actions), n=1)
    hint = f"; did you mean {close[0]}?" if close else ""
    raise UsageError(f"unknown action {name!r} of {program.service} {program.version}{hint}")


def _params(
    invocation: Invocation, meta: ActionMeta, structures: Mapping[str, tuple[Member, ...]]
) -> dict[str, Any]:
    """`--cli-input-json` first, then each `--Flag` on top, converted by its spec type."""
    from . import convert

    source = invocation.options.get("cli_input_json")
    params = _load_input(source) if source is not None else {}
    types = {name: type_ for name, type_, _ in meta.input}
    for name, values in invocation.params.items():
        params[name] = convert.parameter(values, types[name], f"--{name}", structures)
    params.update(convert.unfolded(invocation.unfolded, types, structures))
    return params


def _load_input(source: str) -> dict[str, Any]:
    """tccli's `file://PATH`, inline JSON, or a plain path to a JSON file."""
    flag = "--cli-input-json"
    text = source
    if source.startswith("file://") or not source.lstrip().startswith("{"):
        path = os.path.expanduser(source.removeprefix("file://"))
        try:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
        except OSError as exc:
            raise UsageError(f"{flag}: cannot read {path}: {exc.strerror}") from None
        except UnicodeDecodeError as exc:
            raise UsageError(f"{flag}: {path} is not UTF-8 text (byte {exc.start})") from None
    return json_object(text, flag, "a JSON object of parameters")


def _skeleton(
    meta: ActionMeta, structures: Mapping[str, tuple[Member, ...]], given: Mapping[str, Any]
) -> int:
    """Every input parameter with a placeholder of its type, values given on the line kept."""
    import json

    from .convert import placeholder

    skeleton = {name: placeholder(type_, structures) for name, type_, _ in meta.input}
    print(json.dumps({**skeleton, **given}, indent=4, ensure_ascii=False))
    return EXIT_OK


def _call(
    program: Program, meta: ActionMeta, invocation: Invocation, params: dict[str, Any]
) -> int:
    from . import calling, output

    options = invocation.options
    output_format = output.check_format(options.get("output", "json"))
    search = output.compile_filter(options["filter"]) if "filter" in options else None
    sources = calling.sources(options)
    waiter = None
    if "waiter" in options:
        from ..credentials import tccli_settings
        from . import waiter as waiting

        settings = tccli_settings(sources).get("waiter")
        waiter = waiting.parse(options["waiter"], settings if isinstance(settings, dict) else {})
    max_items = _max_items(meta, invocation)
    client = calling.transport(
        program.service,
        program.version,
        program.endpoint,
        options,
        meta.region_required,
        sources,
        use_cvm_role="use_cvm_role" in invocation.switches,
        dry_run="dry_run" in invocation.switches,
    )
    debug = "debug" in invocation.switches

    def send(page_params: Mapping[str, Any]) -> Any:
        call = client.prepare(meta.name, page_params)
        if debug:
            print(calling.render_request(call), file=sys.stderr)
        response = calling.send(client, call)
        if debug:
            print(f"\nResponse: {output.render(response, 'json')}", file=sys.stderr)
        return response

    def call_once() -> Any:
        """One freshly signed call (or, with --all-pages, one per page): the response as
        tccli shapes it."""
        if meta.paging is None or max_items is False:
            response = send(params)
            if isinstance(response, list):  # a streamed answer: its events, each shaped
                return [output.shape(event, meta.output, program.structures) for event in response]
        else:
            from .. import paging

            pages = paging.iterate(send, params, meta.paging, max_items)
            response = paging.gather(pages, meta.paging)
        return output.shape(response, meta.output, program.structures)

    from ..exceptions import APIError, TencentCloudError

    try:
        if "dry_run" in invocation.switches:  # a role asked for is assumed now, nothing else
            print(calling.render_request(client.prepare(meta.name, params)))
            if client.credentials is calling.DRY_RUN_CREDENTIALS:
                print(
                    "(dry run: no credentials configured; signed with a placeholder key)",
                    file=sys.stderr,
                )
            return EXIT_OK
        if waiter is None:
            result = call_once()
        else:
            try:
                result = waiting.wait(call_once, waiter)
            except waiting.WaiterTimeout as exc:
                print(exc, file=sys.stderr)  # tccli's message, as tccli prints it
                return EXIT_API_ERROR
    except APIError as exc:
        error = {"Code": exc.code, "Message": exc.message, "RequestId": exc.request_id}
        print(output.render(error, "json"), file=sys.stderr)
        return EXIT_API_ERROR
    except TencentCloudError as exc:
        if debug:
            import traceback

            traceback.print_exc()
        print(f"{program.prog}: error: {exc}", file=sys.stderr)
        return EXIT_API_ERROR
    if search is not None:
        result = search(result)
    if result is not None:
        print(output.render(result, output_format))
    return EXIT_OK


def _max_items(meta: ActionMeta, invocation: Invocation) -> int | None | bool:
    """`--all-pages` (None: no cap) or `--max-items N` (implies it); False: one page."""
    text = invocation.options.get("max_items")
    if text is None and "all_pages" not in invocation.switches:
        return False
    flag = "--max-items" if text is not None else "--all-pages"
    if meta.paging is None:
        raise UsageError(f"{flag}: {meta.name} does not page its results")
    if text is None:
        return None
    if not text.isdigit():
        raise UsageError(f"--max-items: expected a whole number of items, got {text!r}")
    return int(text)
