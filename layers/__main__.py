"""``python -m layers``: see layers/cli.py."""

import sys

from layers.cli import main

sys.exit(main())
