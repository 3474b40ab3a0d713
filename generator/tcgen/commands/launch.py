"""Console scripts `tcgen-<service>`: a generated package's CLI, from any directory.

Generated packages have no install metadata of their own, and `generated/` is on sys.path
only when running from the project root; in the (editable) tcgen install this entry point
knows where the checkout is. The script's name picks the service, the newest version runs.
"""

from __future__ import annotations

import os
import sys
from importlib import import_module

from tcgen.spec.paths import DEFAULT_OUT_DIR, PROJECT_ROOT

PREFIX = "tcgen-"


def main() -> int:
    """`tcgen-live DropLiveStream ...` = `python -m generated.live_v20180801 DropLiveStream ...`."""
    service = os.path.basename(sys.argv[0]).removeprefix(PREFIX)
    out = PROJECT_ROOT / DEFAULT_OUT_DIR
    versions = sorted(out.glob(f"{service}_v*/cli.py"))
    if not versions:
        print(f"{PREFIX}{service}: no generated package {out}/{service}_v*", file=sys.stderr)
        return 2
    sys.path.insert(0, str(PROJECT_ROOT))
    cli = import_module(f"{DEFAULT_OUT_DIR.name}.{versions[-1].parent.name}.cli")
    return int(cli.main())
