"""``python -m lawstats``: the same as the ``lawstats`` command."""
import sys

from .cli import main

if __name__ == "__main__":  # not when a spawned worker process re-imports this module
    sys.exit(main())
