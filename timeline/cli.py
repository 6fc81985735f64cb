"""The ``timeline`` command: a thin layer over the library.

Each subcommand is a pair of functions, one that declares its arguments and one that runs it, listed in
``COMMANDS``. Errors the library raises on purpose become one line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from . import __version__
from .config import MODES, Config
from .errors import TimelineError


@dataclass(frozen=True)
class Command:
    help: str
    declare: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


def _add_mode(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--mode",
        choices=MODES,
        default="news",
        help="news: anchor on the publication date; narrative: anchor on the last date mentioned",
    )
    parser.add_argument(
        "--day-first",
        action="store_true",
        help="read 03/04/2014 as 3 April rather than 4 March",
    )


def _config(args: argparse.Namespace) -> Config:
    return Config(mode=args.mode, day_first=args.day_first)


# --- times -------------------------------------------------------------------------------------------------


def _declare_times(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="a UTF-8 text file")
    parser.add_argument("--anchor", help="the publication date (YYYY-MM-DD) that relative times resolve against")
    _add_mode(parser)


def _run_times(args: argparse.Namespace) -> int:
    from .temporal import find_times
    from .textio import read_text

    config = _config(args)
    text = read_text(args.file, config.max_input_bytes)
    expressions = find_times(text, args.anchor, config=config)
    out = sys.stdout
    for expression in expressions:
        out.write(json.dumps(expression.to_dict(), ensure_ascii=False) + "\n")
    return 0


COMMANDS: dict[str, Command] = {
    "times": Command("find and normalize the time expressions of a text", _declare_times, _run_times),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="timeline",
        description="Turn news articles into timelines of dated incidents and a graph of the places involved.",
    )
    parser.add_argument("--version", action="version", version=f"timeline {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, command in COMMANDS.items():
        sub = subparsers.add_parser(name, help=command.help, description=command.help)
        command.declare(sub)
        sub.set_defaults(run=command.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except TimelineError as error:
        print(f"timeline: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("timeline: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
