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
from pathlib import Path

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
    parser.add_argument(
        "--max-input-mb",
        type=float,
        metavar="MB",
        help=f"refuse input files above this size, unread (default {Config().max_input_bytes / 2**20:g} MiB)",
    )
    parser.add_argument(
        "--max-article-chars",
        type=int,
        metavar="N",
        help=f"refuse an article text longer than this (default {Config().max_article_chars:,} characters)",
    )


def _config(args: argparse.Namespace) -> Config:
    limits: dict[str, int] = {}
    if getattr(args, "max_input_mb", None):
        limits["max_input_bytes"] = int(args.max_input_mb * 2**20)
    if getattr(args, "max_article_chars", None):
        limits["max_article_chars"] = args.max_article_chars
    return Config(mode=args.mode, day_first=args.day_first, **limits)


# --- times -------------------------------------------------------------------------------------------------


def _declare_times(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="a UTF-8 text file")
    parser.add_argument("--anchor", help="the publication date (YYYY-MM-DD) that relative times resolve against")
    _add_mode(parser)


def _run_times(args: argparse.Namespace) -> int:
    from .temporal import find_times
    from .textio import read_text

    config = _config(args)
    text = read_text(args.file, config.max_input_bytes, detect=True)
    expressions = find_times(text, args.anchor, config=config)
    out = sys.stdout
    for expression in expressions:
        out.write(json.dumps(expression.to_dict(), ensure_ascii=False) + "\n")
    return 0


# --- timeml ------------------------------------------------------------------------------------------------


def _declare_timeml(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="TimeML files (.tml, .xml) or folders")
    parser.add_argument("-o", "--output", required=True, metavar="OUTDIR", help="folder to write them to")
    _add_mode(parser)


def _run_timeml(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .errors import ExportError
    from .textio import write_text_atomic
    from .timeml import annotate_timeml, output_paths, read_timeml, timeml_files

    config = _config(args)
    files = timeml_files(args.paths)
    outdir = Path(args.output)
    targets = output_paths(files, outdir)
    # Every input is read and its anchor checked before anything is written.
    documents = [read_timeml(path, config.max_input_bytes) for path in files]
    for document in documents:
        document.anchor(config.mode)
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ExportError(f"{outdir}: cannot create the folder ({error.strerror})") from None
    for document, target in zip(documents, targets, strict=True):
        annotated = annotate_timeml(document, config)
        write_text_atomic(target, annotated.timeml)
        for refused in annotated.refused:
            print(
                f"timeline: warning: {document.name}: {refused.start}-{refused.end} {refused.text!r} not "
                "tagged (it overlaps another expression or crosses markup)",
                file=sys.stderr,
            )
    print(f"{len(documents)} TimeML file(s) written to {outdir}")
    return 0


# --- evaluate ----------------------------------------------------------------------------------------------


def _declare_evaluate(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="GOLD_PATH", help="gold TimeML files or folders")
    _add_mode(parser)
    parser.add_argument(
        "--errors",
        metavar="FILE",
        help="write every miss, spurious match, wrong type and wrong value to FILE as JSON lines",
    )
    parser.add_argument("--by-document", action="store_true", help="also print each document's scores")


def _run_evaluate(args: argparse.Namespace) -> int:
    from .evaluate import evaluate_timeml, format_by_document, format_scores
    from .textio import write_text_atomic
    from .timeml import read_timeml, timeml_files

    config = _config(args)
    documents = [read_timeml(path, config.max_input_bytes) for path in timeml_files(args.paths)]
    evaluation = evaluate_timeml(documents, config)
    print(format_scores(evaluation.scores, len(evaluation.documents)))
    if args.by_document:
        print()
        print(format_by_document(evaluation))
    if args.errors:
        lines = (json.dumps(error.to_dict(), ensure_ascii=False) + "\n" for error in evaluation.errors)
        write_text_atomic(args.errors, "".join(lines))
    return 0


# --- places ------------------------------------------------------------------------------------------------


def _declare_places(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="a UTF-8 text file")
    parser.add_argument("--json", action="store_true", help="one JSON object per place and line")
    parser.add_argument(
        "--graph",
        metavar="FILE",
        help="also write the location graph to FILE: .graphml, .gexf or .json (node-link) by its suffix",
    )


def _run_places(args: argparse.Namespace) -> int:
    from .errors import ExportError
    from .graph import location_graph, write_gexf, write_graphml, write_node_link
    from .places import find_places
    from .textio import read_text

    writers = {".graphml": write_graphml, ".gexf": write_gexf, ".json": write_node_link}
    if args.graph and Path(args.graph).suffix.lower() not in writers:
        raise ExportError(f"{args.graph}: the graph file must end in .graphml, .gexf or .json")
    text = read_text(args.file, Config().max_input_bytes, detect=True)
    found = find_places(text)
    for place in found:
        if args.json:
            print(json.dumps(place.to_dict(), ensure_ascii=False))
        else:
            where = ", ".join(part for part in (place.region, place.country) if part)
            print(f"{place.id}\t{place.kind}\t{place.name}\t{where}\t{len(place.mentions)} mention(s)")
    if args.graph:
        writers[Path(args.graph).suffix.lower()](location_graph(found), args.graph)
    return 0


# --- build -------------------------------------------------------------------------------------------------


def _add_outputs(parser: argparse.ArgumentParser) -> None:
    """The options that choose what `build` and `corpus` write."""
    from .export import IMAGE_FORMATS, OUTPUTS

    parser.add_argument(
        "--format",
        action="append",
        metavar="NAME[,NAME...]",
        help=f"outputs to write (default all): {', '.join(OUTPUTS)}",
    )
    parser.add_argument("--image-format", choices=IMAGE_FORMATS, default="png", help="format of the charts")


def _declare_build(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="news articles: plain text or saved HTML pages")
    parser.add_argument(
        "--published",
        metavar="DATE",
        help="publication date (YYYY-MM-DD); default: from HTML metadata, else a dateline or date line",
    )
    parser.add_argument("-o", "--output", required=True, metavar="OUTDIR", help="folder to write the outputs to")
    _add_outputs(parser)
    _add_mode(parser)


def _run_build(args: argparse.Namespace) -> int:
    from .export import chosen_formats, write_outputs
    from .pipeline import build_source, combine
    from .sources import parse_published, read_source

    config = _config(args)
    published = parse_published(args.published)
    formats = chosen_formats(args.format, args.image_format)  # checked before any article is read
    timelines = [build_source(read_source(path, published, config), config) for path in args.files]
    timeline = combine(timelines)
    for path in write_outputs(timeline, args.output, formats, args.image_format):
        print(path)
    for note in timeline.notes:
        print(f"note: {note}", file=sys.stderr)
    dated = sum(1 for i in timeline.incidents if i.date)
    print(
        f"{len(timeline.incidents)} incidents ({dated} dated), {len(timeline.places)} places",
        file=sys.stderr,
    )
    return 0


# --- corpus (timeline/corpus/command.py) -------------------------------------------------------------------


def _declare_corpus(parser: argparse.ArgumentParser) -> None:
    from .corpus.command import declare

    declare(parser, _add_mode, _add_outputs)


def _run_corpus(args: argparse.Namespace) -> int:
    from .corpus.command import run

    return run(args, _config(args))


# --- doctor ------------------------------------------------------------------------------------------------


def _declare_doctor(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the report as one JSON object")


def _run_doctor(args: argparse.Namespace) -> int:
    from .doctor import format_report, run_doctor

    report = run_doctor()
    print(json.dumps(report.to_dict(), ensure_ascii=False, indent=1) if args.json else format_report(report))
    return 1 if any(problem.startswith("the sample build failed") for problem in report.problems) else 0


COMMANDS: dict[str, Command] = {
    "times": Command("find and normalize the time expressions of a text", _declare_times, _run_times),
    "timeml": Command("annotate TimeML files with the time expressions found", _declare_timeml, _run_timeml),
    "evaluate": Command("score the engine on gold TimeML (TempEval-3)", _declare_evaluate, _run_evaluate),
    "places": Command("find the places a text names, resolved to real places", _declare_places, _run_places),
    "build": Command("build the timeline of news articles and write its outputs", _declare_build, _run_build),
    "doctor": Command(
        "versions, gazetteer cache state and stage timings, for bug reports", _declare_doctor, _run_doctor
    ),
    "corpus": Command(
        "merge the timelines of many articles into one, locally or on a Dask cluster", _declare_corpus, _run_corpus
    ),
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
