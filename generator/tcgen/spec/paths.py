"""Where tcgen finds its own assets (templates, meta-schema) and the names of the spec tree.

The assets live at the repository root (`templates/`, `spec/schema/*.json`,
`spec/common-errors.json`, `spec/resources/`: the resource blocks tcgen ships), outside the
`tcgen` package. A built tcgen (a wheel: `pip install .`) carries copies of them inside the
package, as `tcgen/_assets/` at the same relative paths (setup.py's build step). `asset_root`
is the one lookup: the package's `_assets/` when it has one, else the checkout the package
runs from (a source tree or an editable install).
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[1]  # generator/tcgen (this file is in spec/)
ASSETS_DIR = "_assets"  # a built package's copy of the assets (setup.py writes it)
PROJECT_ROOT = PACKAGE_DIR.parents[1]  # the checkout, when tcgen runs from one (generator/tcgen)


def asset_root(package_dir: Path = PACKAGE_DIR) -> Path:
    """The directory that holds `templates/` and `spec/` as the repository lays them out: the
    installed package's `_assets/`, else (checkout, editable install) the repository root."""
    bundled = package_dir / ASSETS_DIR
    return bundled if bundled.is_dir() else package_dir.parents[1]


ASSET_ROOT = asset_root()
DEFAULT_TEMPLATES = ASSET_ROOT / "templates"
DEFAULT_SPEC_DIR = Path("spec")
DEFAULT_OUT_DIR = Path("generated")
SCHEMA_FILE = "tcgen-spec.schema.json"
BUNDLED_SCHEMA = ASSET_ROOT / "spec" / "schema" / SCHEMA_FILE
POLICY_FILE = "diff-policy.json"  # accepted API changes, kept at the spec tree's root
POLICY_SCHEMA_FILE = "diff-policy.schema.json"
BUNDLED_POLICY_SCHEMA = ASSET_ROOT / "spec" / "schema" / POLICY_SCHEMA_FILE
COMMON_ERRORS_FILE = "common-errors.json"
BUNDLED_COMMON_ERRORS = ASSET_ROOT / "spec" / COMMON_ERRORS_FILE  # a new tree starts with it
BUNDLED_RESOURCES = ASSET_ROOT / "spec" / "resources"  # hand-written resource blocks (infer)
SERVICE_FILE = "service.json"
ACTIONS_DIR = "actions"
TYPES_DIR = "types"
EXTENSIONS_DIR = "extensions"  # a service's own code, copied into its package
RUNTIME_DIR = "_runtime"  # where a package holds its copy of `tcgen.runtime`
