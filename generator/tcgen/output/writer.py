"""Write generated packages with a manifest, so regeneration deletes only what tcgen owns.

Everything is rendered and formatted in memory before the first byte is written, so a spec
or template error leaves the previous tree untouched. Files are replaced one by one with
atomic renames, and only when their bytes change, which keeps a warm regeneration cheap.

A compressed file (the spec snapshot, `.xz`) is compared, and recorded in the manifest, by
what it holds: its decompressed bytes. The compressor is deterministic (fixed preset, no
timestamps), but another liblzma may encode the same content differently, and that is not a
change: it is neither rewritten nor reported as drift.
"""

from __future__ import annotations

import hashlib
import json
import lzma
import os
from dataclasses import dataclass
from pathlib import Path

MANIFEST = ".tcgen-manifest.json"

Content = str | bytes
"""A generated file's content: text, or bytes for a binary file (the compressed snapshot)."""


@dataclass(frozen=True)
class Package:
    """One generated package's files (path relative to the output directory -> text, or
    bytes for a binary file).

    `source` (the spec directory, `live/2018-08-01`) and `inputs` (hash of everything the
    package is generated from) let a later run reuse it unchanged; see `reuse.py`.
    """

    name: str
    spec_hash: str
    files: dict[str, Content]
    source: str = ""
    inputs: str = ""


COMPRESSED_SUFFIX = ".xz"


def encoded(content: Content) -> bytes:
    return content.encode() if isinstance(content, str) else content


def _held(name: str, data: bytes) -> bytes:
    """What a file holds: its bytes, or a compressed file's decompressed bytes."""
    if not name.endswith(COMPRESSED_SUFFIX):
        return data
    try:
        return lzma.decompress(data)
    except lzma.LZMAError:
        return data  # not a compressed file after all: its bytes are what it holds


def same_content(name: str, data: bytes, content: Content) -> bool:
    """Whether the file `name` with bytes `data` holds `content`."""
    expected = encoded(content)
    return data == expected or (
        name.endswith(COMPRESSED_SUFFIX) and _held(name, data) == _held(name, expected)
    )


def content_digest(name: str, content: Content) -> str:
    """The manifest's digest of a file: sha256 of what it holds."""
    return hashlib.sha256(_held(name, encoded(content))).hexdigest()


def read_manifest(out_dir: Path) -> dict[str, dict[str, object]]:
    """Package name -> {"specHash", "files": {path: sha256}} from the last generation."""
    path = out_dir / MANIFEST
    if not path.exists():
        return {}
    data: dict[str, dict[str, object]] = json.loads(path.read_text(encoding="utf-8"))["packages"]
    return data


def _manifest_text(packages: dict[str, dict[str, object]]) -> str:
    body = {"packages": {name: packages[name] for name in sorted(packages)}}
    return json.dumps(body, indent=2, sort_keys=True) + "\n"


def _owned(entry: dict[str, object]) -> set[str]:
    files = entry.get("files", {})
    assert isinstance(files, dict)
    return set(files)


def atomic_write(path: Path, content: Content) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(encoded(content))
    tmp.replace(path)


def _entry(package: Package) -> dict[str, object]:
    return {
        "specHash": package.spec_hash,
        "files": {name: content_digest(name, c) for name, c in sorted(package.files.items())},
    }


def write_packages(out_dir: Path, packages: list[Package], complete: bool) -> list[str]:
    """Write packages; with `complete`, also remove packages the spec no longer has.

    Returns the paths written or removed (relative to out_dir), sorted.
    """
    manifest = read_manifest(out_dir)
    new_entries = {p.name: _entry(p) for p in packages}
    stale_packages = set(manifest) - set(new_entries) if complete else set()
    changed: list[str] = []
    for package in packages:
        for name, content in package.files.items():
            path = out_dir / name
            if not path.exists() or not same_content(name, path.read_bytes(), content):
                atomic_write(path, content)
                changed.append(name)
    for package_name, entry in manifest.items():
        keep = _owned(new_entries[package_name]) if package_name in new_entries else set()
        if package_name not in new_entries and package_name not in stale_packages:
            continue
        for name in sorted(_owned(entry) - keep):
            path = out_dir / name
            if path.exists():
                path.unlink()
                changed.append(name)
            _prune_empty_dirs(path.parent, out_dir)
    merged = {k: v for k, v in manifest.items() if k not in stale_packages} | new_entries
    if not (out_dir / MANIFEST).exists() or (out_dir / MANIFEST).read_text() != _manifest_text(
        merged
    ):
        atomic_write(out_dir / MANIFEST, _manifest_text(merged))
    return sorted(changed)


def _prune_empty_dirs(directory: Path, stop: Path) -> None:
    while directory != stop and directory.is_dir() and not any(directory.iterdir()):
        directory.rmdir()
        directory = directory.parent


def stale_files(out_dir: Path, packages: list[Package], complete: bool) -> list[str]:
    """What `write_packages` would change, plus stray files inside generated packages."""
    manifest = read_manifest(out_dir)
    problems: list[str] = []
    for package in packages:
        for name, content in sorted(package.files.items()):
            path = out_dir / name
            if not path.exists():
                problems.append(f"{name}: missing")
            elif not same_content(name, path.read_bytes(), content):
                problems.append(f"{name}: differs from what the spec and templates generate")
        package_dir = out_dir / package.name
        if package_dir.is_dir():
            for path in sorted(package_dir.rglob("*")):
                relative = path.relative_to(out_dir).as_posix()
                if path.is_file() and relative not in package.files and not _is_cache(path):
                    problems.append(f"{relative}: not generated by tcgen (remove it)")
    if complete:
        for name in sorted(set(manifest) - {p.name for p in packages}):
            problems.append(f"{name}/: package no longer in the spec")
    expected = {
        k: v for k, v in manifest.items() if not complete or k in {p.name for p in packages}
    }
    expected |= {p.name: _entry(p) for p in packages}
    manifest_path = out_dir / MANIFEST
    if not manifest_path.exists() or manifest_path.read_text() != _manifest_text(expected):
        problems.append(f"{MANIFEST}: out of date")
    return problems


def _is_cache(path: Path) -> bool:
    return "__pycache__" in path.parts or path.name.endswith((".pyc", ".pyo"))
