"""`python -m tcgen` runs the tcgen command."""

import sys

from tcgen.commands.main import main

sys.exit(main())
