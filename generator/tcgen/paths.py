"""Where tcgen finds its own assets (templates, meta-schema) and the names of the spec tree."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_TEMPLATES = PROJECT_ROOT / "templates"
DEFAULT_SPEC_DIR = Path("spec")
DEFAULT_OUT_DIR = Path("generated")
SCHEMA_FILE = "tcgen-spec.schema.json"
BUNDLED_SCHEMA = PROJECT_ROOT / "spec" / "schema" / SCHEMA_FILE
POLICY_FILE = "diff-policy.json"  # accepted API changes, kept at the spec tree's root
POLICY_SCHEMA_FILE = "diff-policy.schema.json"
BUNDLED_POLICY_SCHEMA = PROJECT_ROOT / "spec" / "schema" / POLICY_SCHEMA_FILE
COMMON_ERRORS_FILE = "common-errors.json"
BUNDLED_COMMON_ERRORS = PROJECT_ROOT / "spec" / COMMON_ERRORS_FILE  # a new tree starts with it
SERVICE_FILE = "service.json"
ACTIONS_DIR = "actions"
TYPES_DIR = "types"
EXTENSIONS_DIR = "extensions"  # a service's own code, copied into its package
RUNTIME_DIR = "_runtime"  # where a package holds its copy of `tcgen.runtime`
