"""Generation time: the whole tccli catalog cold, warm and after one action changes; Live
alone; the floor (render + write only, no black, no loading) for the same catalog; and the
cost of each scaling choice: one worker instead of one per core, and what black would cost
if the templates did not render in its style (its rate on a sample, times the catalog).

Everything happens in a temporary directory: the catalog is imported from the installed
tccli, generated with a fresh cache, and deleted afterwards (nothing of it is committed).
Each generation is a real `tcgen generate` process, start-up included.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from pathlib import Path

from tcgen.model.service import build_all
from tcgen.output.release import plan_release
from tcgen.output.render import Templates, render_service
from tcgen.output.writer import encoded
from tcgen.sources.tccli.models import default_services_dir, discover
from tcgen.spec import paths
from tcgen.spec.snapshot import service_snapshot
from tcgen.spec.tree import load_tree

from .common import PYTHON, ROOT, clean_env, wall

CHANGED_ACTION = Path("live/2018-08-01/actions/DropLiveStream.json")


def seed_spec(spec: Path) -> None:
    """An empty spec tree: the committed meta-schema and common errors."""
    (spec / "schema").mkdir(parents=True)
    shutil.copyfile(ROOT / "spec/schema" / paths.SCHEMA_FILE, spec / "schema" / paths.SCHEMA_FILE)
    shutil.copyfile(ROOT / "spec" / paths.COMMON_ERRORS_FILE, spec / paths.COMMON_ERRORS_FILE)


def import_catalog(spec: Path, cache: Path) -> float:
    seed_spec(spec)
    names = sorted({m.name for m in discover(default_services_dir())})
    command = [PYTHON, "-m", "tcgen", "import-tccli", *names, "--spec-dir", str(spec)]
    return wall(command, clean_env(TCGEN_CACHE_DIR=str(cache)))


def generate(spec: Path, out: Path, cache: Path, **env: str) -> float:
    command = [PYTHON, "-m", "tcgen", "generate", "--spec-dir", str(spec), "--out", str(out)]
    return wall(command, clean_env(TCGEN_CACHE_DIR=str(cache), **env))


def change_one_action(spec: Path) -> None:
    path = spec / CHANGED_ACTION
    data = json.loads(path.read_text())
    data["description"] += " (changed by the benchmark)"
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def render_and_write_floor(spec: Path, out: Path) -> dict[str, float]:
    """Seconds to load + model (validation cache warm), then to render and write, serially."""
    started = time.perf_counter()
    tree = load_tree(spec)
    services = build_all(tree)
    loaded = time.perf_counter()
    for spec_service, service in zip(tree.services, services, strict=True):
        release = plan_release(
            out / "none", service_snapshot(tree, spec_service), service.spec_hash
        )
        for name, text in render_service(service, Templates(), release).files.items():
            target = out / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(encoded(text))
    return {"load_model_s": loaded - started, "render_write_s": time.perf_counter() - loaded}


def style_costs(out: Path) -> dict[str, float]:
    """CPU seconds per MB for black, for the syntax check and for `needs_black`, measured on
    about 2 MB of the biggest generated packages, and what each costs for the whole catalog."""
    import ast

    import black
    from tcgen.output.formatting import MODE
    from tcgen.output.pystyle import needs_black

    files = sorted(out.rglob("*.py"), key=lambda f: f.stat().st_size)
    catalog_mb = sum(f.stat().st_size for f in files) / 1e6
    packages = sorted(out.iterdir(), key=lambda p: -sum(f.stat().st_size for f in p.rglob("*.py")))
    sample: list[str] = []
    for file in (f for p in packages for f in sorted(p.rglob("*.py"))):
        if sum(map(len, sample)) > 2_000_000:
            break
        sample.append(file.read_text(encoding="utf-8"))
    sample_mb = sum(len(text.encode()) for text in sample) / 1e6
    costs = {"catalog_py_mb": catalog_mb, "sample_mb": sample_mb}
    for label, step in [
        ("black", lambda text: black.format_str(text, mode=MODE)),
        ("parse", ast.parse),
        ("needs_black", needs_black),
    ]:
        started = time.process_time()
        for text in sample:
            step(text)
        per_mb = (time.process_time() - started) / sample_mb
        costs[f"{label}_cpu_s_per_mb"] = per_mb
        costs[f"{label}_catalog_cpu_s"] = per_mb * catalog_mb
    return costs


def live_alone(catalog: Path, work: Path) -> dict[str, float]:
    spec, out, cache = work / "live-spec", work / "live-out", work / "live-cache"
    seed_spec(spec)
    shutil.copytree(catalog / "live", spec / "live")
    return {"live_cold_s": generate(spec, out, cache), "live_warm_s": generate(spec, out, cache)}


def run() -> dict[str, dict[str, float]]:
    with tempfile.TemporaryDirectory(prefix="tcgen-bench-") as temp:
        work = Path(temp)
        spec, out, cache = work / "spec", work / "out", work / "cache"
        results: dict[str, float] = {"import_s": import_catalog(spec, cache)}
        shutil.rmtree(cache, ignore_errors=True)  # cold means cold: no validation markers
        results["cold_s"] = generate(spec, out, cache)
        results["warm_s"] = generate(spec, out, cache)
        one_worker = work / "one-worker"  # its own output and cache: `out` stays warm
        results["cold_one_worker_s"] = generate(
            spec, one_worker / "out", one_worker / "cache", TCGEN_JOBS="1"
        )
        change_one_action(spec)
        results["one_action_s"] = generate(spec, out, cache)
        results |= live_alone(spec, work)
        os.environ["TCGEN_CACHE_DIR"] = str(cache)  # the floor reuses validation markers
        results |= render_and_write_floor(spec, work / "floor")
        costs = style_costs(out)
        results["packages"] = len(list(out.glob("*/__init__.py")))
        results["generated_mb"] = sum(f.stat().st_size for f in out.rglob("*.py")) / 1e6
    return {"catalog": results, "style costs": costs}  # sizes: bench/sizes.py
