"""Reuse unchanged packages on warm runs without loading, rendering or formatting them.

A package is a pure function of tcgen's code (the runtime included), the templates, black's
version and mode, the meta-schema, the common errors, its service directory's files (spec
and extensions) and its previous `_release.json` and `_spec.json.xz`. A record kept in the
cache maps each package to a hash of those raw bytes and to a hash of the manifest entry
(spec hash and every file's digest) that generation wrote from them. A package is reused
only when all three agree: the inputs hash still matches, the manifest's entry is the one
recorded, and every file it lists is on disk with the digest it records (a compressed file's
digest is of its content). Then the files on disk are exactly what generation would produce
(that covers the previous release and snapshot, and catches hand edits), so they are
returned as they are. Checking the files against the manifest alone is not enough: `git
checkout generated` puts back older files together with the older manifest that describes
them, and both agree while the spec is newer. A warm run over the whole catalog then costs
hashing its inputs (~90 MB) and reading its output instead of ~20 s of loading plus
rendering.

The record lives in the cache, not in the committed manifest: its hash covers tcgen's own
source, which would otherwise make every change to tcgen a change to `generated/`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from tcgen.output.formatting import MODE_KEY
from tcgen.output.jobs import Job
from tcgen.output.render import Templates
from tcgen.output.writer import COMPRESSED_SUFFIX, Content, Package, content_digest, read_manifest
from tcgen.spec import paths
from tcgen.spec.cache import cache_dir, digest, store
from tcgen.spec.tree import schema_path

_TCGEN_SOURCE = paths.PACKAGE_DIR


def _tree_parts(root: Path, pattern: str = "*") -> list[bytes]:
    """Relative path and bytes of every file under root, in a stable order."""
    parts: list[bytes] = []
    for path in sorted(p for p in root.rglob(pattern) if p.is_file()):
        if "__pycache__" not in path.parts:
            parts += [path.relative_to(root).as_posix().encode(), path.read_bytes()]
    return parts


@lru_cache(maxsize=1)
def _tcgen_fingerprint() -> str:
    return digest(MODE_KEY, *_tree_parts(_TCGEN_SOURCE, "*.py"))


def _shared_fingerprint(spec_dir: Path, templates: Templates) -> str:
    """Hash of the inputs every package shares: tcgen, black, templates, schema, common errors."""
    template_parts = [
        part
        for root in (templates.default, templates.override)
        if root
        for part in _tree_parts(root)
    ]
    return digest(
        _tcgen_fingerprint().encode(),
        *template_parts,
        schema_path(spec_dir).read_bytes(),
        (spec_dir / paths.COMMON_ERRORS_FILE).read_bytes(),
    )


def reuse_unchanged(
    jobs: Sequence[Job], build: Callable[[list[Job]], list[Package]]
) -> list[Package]:
    """Every job's package, in job order: read back from disk when its inputs are unchanged,
    else from `build(the other jobs)`; each carries its inputs hash for `remember`."""
    if not jobs:
        return []
    first = jobs[0]
    inputs = fingerprints(first.spec_dir, first.templates, jobs)
    reused = reusable(first.out_dir, inputs)
    built = build([job for job in jobs if job.source not in reused])
    by_source = reused | {package.source: package for package in built}
    return [replace(by_source[job.source], inputs=inputs[job.source]) for job in jobs]


def fingerprints(spec_dir: Path, templates: Templates, jobs: Sequence[Job]) -> dict[str, str]:
    """Source name -> hash of everything its package is generated from (raw bytes only)."""
    shared = _shared_fingerprint(spec_dir, templates).encode()
    return {job.source: digest(shared, *_tree_parts(job.directory)) for job in jobs}


def _record_path(out_dir: Path) -> Path | None:
    root = cache_dir()
    name = digest(str(out_dir.resolve()).encode())
    return None if root is None else root / "inputs" / f"{name}.json"


def _read_record(out_dir: Path) -> dict[str, dict[str, str]]:
    path = _record_path(out_dir)
    try:
        record: dict[str, dict[str, str]] = json.loads(path.read_text()) if path else {}
    except (OSError, ValueError):
        return {}
    return record


def reusable(out_dir: Path, inputs: dict[str, str]) -> dict[str, Package]:
    """Source name -> package read back from disk, for packages whose inputs are unchanged."""
    manifest = read_manifest(out_dir)
    found: dict[str, Package] = {}
    for name, entry in _read_record(out_dir).items():
        source, listed = entry["source"], manifest.get(name)
        if inputs.get(source) != entry["inputs"] or listed is None:
            continue
        if entry.get("output") != _entry_digest(listed):
            continue  # the manifest is not the one these inputs wrote (restored, edited)
        files = _read_owned(out_dir, listed["files"])
        if files is not None:
            found[source] = Package(name, str(listed["specHash"]), files, source, entry["inputs"])
    return found


def _read_owned(out_dir: Path, digests: object) -> dict[str, Content] | None:
    """The files a manifest entry lists, or None if any is missing or differs from it."""
    assert isinstance(digests, dict)
    files: dict[str, Content] = {}
    for name, expected in digests.items():
        try:
            data = (out_dir / name).read_bytes()
        except OSError:
            return None
        if content_digest(name, data) != expected:
            return None
        files[name] = data if name.endswith(COMPRESSED_SUFFIX) else data.decode()
    return files


def _entry_digest(entry: dict[str, object]) -> str:
    """Hash of a package's manifest entry: its spec hash and every file's digest."""
    return digest(json.dumps(entry, sort_keys=True).encode())


def remember(out_dir: Path, packages: list[Package]) -> None:
    """Record the inputs of packages just written, and the manifest entries they wrote, for
    the next run to reuse them."""
    path = _record_path(out_dir)
    if path is None:
        return
    record, manifest = _read_record(out_dir), read_manifest(out_dir)
    record.update(
        {
            p.name: {"source": p.source, "inputs": p.inputs, "output": _entry_digest(listed)}
            for p in packages
            if p.inputs and (listed := manifest.get(p.name)) is not None
        }
    )
    store(path, json.dumps(record, indent=1, sort_keys=True).encode())
