"""``python -m lawstats``: the same as the ``lawstats`` command."""
import sys

try:
    from lawstats.cli import main
except KeyboardInterrupt:  # Ctrl-C while the command line is still being loaded: one line, 130
    _command = next((a for a in sys.argv[1:] if not a.startswith("-")), "")
    print(f"lawstats{' ' + _command if _command else ''}: interrupted", file=sys.stderr)
    sys.exit(130)

if __name__ == "__main__":  # not when a spawned worker process re-imports this module
    sys.exit(main())
