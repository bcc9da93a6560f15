"""The ``lawstats`` command line: thin subcommands over the library's functions.

Each subcommand is one ``_add_<name>(subparsers)`` function that declares its
options and sets ``func`` to a handler taking the parsed arguments and
returning an exit code; :data:`COMMANDS` lists them.  To add ``extract`` or
``audit``, write ``_add_extract`` and append it to :data:`COMMANDS`.

Errors that lawstats raises on purpose (:class:`~lawstats.errors.LawstatsError`)
are printed without a traceback and give exit status 1.
"""
from __future__ import annotations

import argparse
import sys
from typing import Callable, Sequence

from .errors import LawstatsError

__all__ = ["main", "build_parser", "COMMANDS"]


def _build(args: argparse.Namespace) -> int:
    from .build import build_site

    build_site(
        out_dir=args.out,
        notebooks_dir=args.notebooks,
        report=args.report,
        language=args.language,
        jobs=args.jobs,
        cache_dir=None if args.no_cache else args.cache_dir,
        progress=not args.quiet,
    )
    return 0


def _add_build(subparsers) -> None:
    p = subparsers.add_parser(
        "build",
        help="execute the notebooks and write the static site",
        description="Execute notebooks/NN-*.ipynb in parallel (reusing cached results whose inputs are "
                    "unchanged) and write the site: index, one page per notebook with its code page, "
                    "the annotated report and the data downloads.",
    )
    p.add_argument("--out", default="site", help="site folder to write (default: %(default)s)")
    p.add_argument("--report", default=None, metavar="FILE",
                   help="report text file (default: the project's report)")
    p.add_argument("--language", choices=("zh", "en"), default="zh",
                   help="language of the pages (default: %(default)s)")
    p.add_argument("--jobs", type=int, default=None, metavar="N",
                   help="notebooks executed at once (default: number of cores)")
    p.add_argument("--no-cache", action="store_true", help="execute every notebook, keep nothing")
    p.add_argument("--notebooks", default="notebooks", metavar="DIR", help="notebooks folder (default: %(default)s)")
    p.add_argument("--cache-dir", default=".cache/lawstats-build", metavar="DIR",
                   help="cache folder (default: %(default)s)")
    p.add_argument("--quiet", action="store_true", help="no progress lines")
    p.set_defaults(func=_build)


#: The subcommands, each a function adding its parser to the subparsers.
COMMANDS: list[Callable] = [_add_build]


def build_parser() -> argparse.ArgumentParser:
    """Return the ``lawstats`` argument parser with every subcommand of :data:`COMMANDS`.

    Examples
    --------
    >>> args = build_parser().parse_args(["build", "--language", "en", "--jobs", "2"])
    >>> args.command, args.language, args.jobs, args.out
    ('build', 'en', 2, 'site')
    """
    parser = argparse.ArgumentParser(
        prog="lawstats",
        description="Turn a law-based-government annual report into audited figures, notebooks and a site.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for add in COMMANDS:
        add(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status.

    Examples
    --------
    >>> main(["build", "--jobs", "0"])
    Traceback (most recent call last):
    ...
    SystemExit: 2
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "jobs", None) is not None and args.jobs < 1:
        parser.error(f"--jobs must be at least 1. Got {args.jobs} instead.")
    try:
        return args.func(args)
    except LawstatsError as error:
        print(f"lawstats {args.command}: error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"lawstats {args.command}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
