"""``python -m cleaner`` runs the ``clean`` command."""

import sys

from .cli import main

sys.exit(main())
