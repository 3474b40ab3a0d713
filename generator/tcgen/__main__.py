"""`python -m tcgen` runs the tcgen command."""

import sys

from .cli import main

sys.exit(main())
