"""``python -m cleaner`` runs the ``clean`` command."""

import sys

from .cli.main import main

sys.exit(main())
