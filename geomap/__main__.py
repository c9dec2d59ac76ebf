"""``python -m geomap``: the geomap command."""

import sys

from geomap.cli import main

sys.exit(main())
