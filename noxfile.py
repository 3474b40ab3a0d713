"""Project sessions: `nox -s generate` (main job), `tests`, `check`, `lint`, `slow`, `catalog`,
`properties`, `domestic`, `history`, `bench`, `capture_corpus`, `openapi`."""

from __future__ import annotations

import nox

nox.options.default_venv_backend = "venv"
nox.options.reuse_existing_virtualenvs = True
nox.options.sessions = ["check", "tests", "lint"]

PYTHON = "3.11"
# spec: services' extensions; setup.py: the build step that puts tcgen's assets in its wheel
LINT_PATHS = ["generator", "tests", "bench", "spec", "noxfile.py", "setup.py"]


def _install(session: nox.Session, extras: str = "") -> None:
    session.install("-e", f".{extras}")


@nox.session(python=PYTHON)
def generate(session: nox.Session) -> None:
    """Regenerate generated/ from the committed spec (the main job)."""
    _install(session)
    session.run("tcgen", "generate", *session.posargs)


@nox.session(python=PYTHON)
def check(session: nox.Session) -> None:
    """Fail when generated/ differs from what the spec and templates produce (drift)."""
    _install(session)
    session.run("tcgen", "validate")
    session.run("tcgen", "check")


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """Drift check, then the default test suite (slow tests excluded) on one worker per CPU
    (pytest-xdist), with line coverage of tcgen reported (pytest-cov; at least 90% when the
    whole suite runs). `nox -s tests -- tests/cli -n 0` runs a part, serially.
    """
    _install(session, "[dev]")
    session.run("tcgen", "check")
    gate = [] if session.posargs else ["--cov-fail-under=90"]
    session.run(
        "pytest", "-m", "not slow", "-q", "-n", "auto", "--dist", "loadgroup", "--cov=tcgen",
        *gate, *session.posargs,
    )  # fmt: skip


@nox.session(python=PYTHON)
def slow(session: nox.Session) -> None:
    """Long runs: whole-catalog import and generation, soak tests."""
    _install(session, "[dev]")
    session.run("pytest", "-m", "slow", "-q", *session.posargs)


@nox.session(python=PYTHON)
def catalog(session: nox.Session) -> None:
    """The whole tccli catalog in a temp dir: import, validate, generate, import every package,
    mypy/black on a sample, sampled round trips through the mock, a sampled contract run."""
    _install(session, "[dev]")
    session.run("pytest", "-m", "slow", "-q", "tests/catalog", *session.posargs)


@nox.session(python=PYTHON)
def properties(session: nox.Session) -> None:
    """Every property test (hypothesis) of the default suite with 2,000 examples each instead
    of 100 (the `thorough` profile, tests/conftest.py): black fixpoints of the renderer,
    signatures byte-identical to the official SDK's, the emulator's fuzz tests."""
    _install(session, "[dev]")
    session.run(
        "pytest", "-m", "hypothesis and not slow", "-q", "-n", "auto",
        "--hypothesis-profile", "thorough", *session.posargs,
    )  # fmt: skip


@nox.session(python=PYTHON)
def domestic(session: nox.Session) -> None:
    """The domestic editions of the official SDKs (tencentcloud-sdk-python and tccli from PyPI,
    tencentcloud-sdk-nodejs from npm; cached in .tcgen-cache) against `tcgen mock`: the whole
    domestic catalog through both SDKs at once with one kept-alive client per service, and
    every action+version two services share through the Node.js SDK's per-service path.
    `TCGEN_DOMESTIC_SERVICES=cvm,postgres` runs the catalog part on a few services."""
    _install(session, "[dev]")
    session.run(
        "pytest", "-m", "slow", "-q", "-n", "0", "-s", "tests/domestic",
        "tests/edge/test_shared_pairs.py", *session.posargs,
    )  # fmt: skip


@nox.session(python=PYTHON)
def openapi(session: nox.Session) -> None:
    """The OpenAPI export's long runs: Schemathesis over Live against `tcgen mock` with many
    cases per operation (`TCGEN_FUZZ_EXAMPLES`, default 50), Live rendered by Swagger UI
    (npm) in headless Chromium (needs Debian's `chromium` and `npm`), and every document of
    the domestic tccli edition's catalog validated. The tccli-intl-en catalog's documents are
    validated, and a sample of its services fuzzed, by `nox -s catalog`."""
    _install(session, "[dev]")
    session.run("pytest", "-m", "slow", "-q", "-n", "0", "tests/openapi", *session.posargs)


@nox.session(python=PYTHON)
def history(session: nox.Session) -> None:
    """`tcgen diff` over real history: two pinned tccli-intl-en releases fetched from PyPI
    (cached in .tcgen-cache/oracle), imported whole and diffed; pinned counts and the
    deprecations of issue 15."""
    _install(session, "[dev]")
    session.run("pytest", "-m", "slow", "-q", "tests/history", *session.posargs)


@nox.session(python=PYTHON)
def bench(session: nox.Session) -> None:
    """Benchmarks side by side with the official SDK and tccli -> bench/results/ (Markdown, JSON).

    `nox -s bench -- client imports` runs a subset; see bench/__main__.py.
    """
    _install(session, "[dev]")
    session.run("python", "-m", "bench", *session.posargs)


@nox.session(python=PYTHON)
def capture_corpus(session: nox.Session) -> None:
    """Capture every page of ../shared/pages/real, compare each with tccli-intl-en's model of
    the same action (release fetched once into .tcgen-cache/oracle) -> docs/capture-corpus.md.

    The report is written whatever it finds; `python -m tcgen.sources.corpus --help` for
    page-by-page use.
    """
    _install(session)
    session.run(
        "python",
        "-m",
        "tcgen.sources.corpus",
        "--markdown",
        "docs/capture-corpus.md",
        *session.posargs,
        success_codes=[0, 1],  # 1: capture faults remain, and the report says which
    )


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """black --check, ruff, import-linter's contracts, and mypy --strict on tcgen and on every
    generated package."""
    _install(session, "[dev]")
    session.run("black", "--check", *LINT_PATHS)
    session.run("ruff", "check", *LINT_PATHS)
    session.run("lint-imports")  # the stage layering and no cycles (pyproject.toml)
    session.run("mypy", "generator/tcgen")
    session.run("mypy", "--strict", "generated")
    # what type checkers see of the generated models' synthesized `__init__` (PEP 681)
    session.run("mypy", "--strict", "tests/typing")
    session.run("black", "--check", "generated")
