"""``timeline corpus INPUT -o OUTDIR [--workers N] [--scheduler ADDRESS] [--resume] [--quiet]``.

Declared here and listed in ``timeline/cli.py``'s COMMANDS. Exit status: 0 when every article was done, 1 when
some failed (they are in ``errors.jsonl``), 2 for an error that stops the run (the CLI's usual one-line error).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from ..config import Config

HELP = "merge the timelines of many articles (a folder, .jsonl or .csv) into one, locally or on Dask"


def declare(
    parser: argparse.ArgumentParser,
    add_mode: Callable[[argparse.ArgumentParser], None],
    add_outputs: Callable[[argparse.ArgumentParser], None],
) -> None:
    parser.add_argument(
        "input",
        metavar="INPUT",
        help="a folder of .txt/.html files (publication date from the file or a sidecar .json), "
        "a JSON Lines file or a CSV file with id, text, published, url, source (gzip too)",
    )
    parser.add_argument("-o", "--output", required=True, metavar="OUTDIR", help="folder to write the outputs to")
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="start a local Dask cluster of N worker processes (default: local processes on all cores)",
    )
    where.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run on the Dask cluster whose scheduler is at ADDRESS (tcp://host:8786); the workers need "
        "timeline installed, and to see INPUT when it is a folder",
    )
    parser.add_argument("--resume", action="store_true", help="skip the articles an earlier run into OUTDIR did")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    add_outputs(parser)
    add_mode(parser)


def run(args: argparse.Namespace, config: Config) -> int:
    from contextlib import ExitStack

    from ..export import chosen_formats
    from .run import build_corpus

    formats = chosen_formats(args.format, args.image_format)  # checked before any article is read
    with ExitStack() as stack:
        client = None
        if args.workers is not None or args.scheduler:
            from .cluster import local_client, remote_client

            manager = remote_client(args.scheduler) if args.scheduler else local_client(args.workers, config)
            client = stack.enter_context(manager)
        result = build_corpus(
            args.input,
            client,
            output=args.output,
            resume=args.resume,
            config=config,
            formats=formats,
            image_format=args.image_format,
            progress=not args.quiet,
        )
    for path in result.outputs:
        print(path)
    reports = sum(len(incident.sources) for incident in result.incidents)
    rate = (result.documents - result.resumed) / result.seconds if result.seconds else 0.0
    print(
        f"{result.documents} articles: {result.done} done ({result.resumed} by an earlier run), {result.failed} "
        f"failed; {len(result.incidents)} incidents from {reports} reports; {rate:.1f} articles/s",
        file=sys.stderr,
    )
    if result.failed:
        print(f"timeline: {result.failed} article(s) failed: see {args.output}/errors.jsonl", file=sys.stderr)
        return 1
    return 0
