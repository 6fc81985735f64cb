"""Synthetic corpora with known incidents, for tests and benchmarks of corpus mode.

The generator makes up events (a type, a day, a town, an actor, casualties) and has several outlets report each
one in articles written from templates (``data/generator.toml``):

- dates are written relative to each article's own publication date (``yesterday``, ``on Sunday``,
  ``on July 13``; ``last week`` or ``earlier this month`` for events an article mentions in passing);
- wording varies (templates, actor names, attributions, casualty phrasing), and outlets disagree on casualty
  figures now and then;
- some articles are wire copies republished word for word by another outlet;
- hard cases on purpose: another event on the same day in the same town (another type, or the other side
  doing the same thing), and the same actor doing the same thing in the same town the next day.

The truth is which sentence of which article reports which event, so :func:`score_merge` measures a merged
timeline against it: pairwise and B-cubed precision and recall of the merge over the reports extracted.

    python -m timeline.corpus.generate 2000 corpus.jsonl --truth truth.json --seed 1
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

from ..errors import RuleError
from .merge import MergedIncident

DATA = Path(__file__).parent / "data" / "generator.toml"
START = date(2014, 6, 2)
DAYS = 42
_MAIN_LAGS = ((0, 30), (1, 40), (2, 15), (3, 8), (4, 5), (5, 2))
MISDATED = 0.05  # the share of reports that date their event a day off
_SOURCES_PER_EVENT = ((1, 25), (2, 25), (3, 20), (4, 15), (5, 10), (6, 5))


@dataclass(frozen=True)
class Template:
    type: str
    text: str
    needs_casualties: bool


@dataclass(frozen=True)
class Actor:
    side: str
    names: tuple[str, ...]
    kinds: tuple[str, ...]
    enemy: tuple[str, ...]


@dataclass(frozen=True)
class GeneratorData:
    towns: tuple[tuple[str, str], ...]  # (name, area)
    numbers: tuple[str, ...]  # number words from zero
    outlets: tuple[str, ...]
    attributions: tuple[str, ...]
    fillers: tuple[str, ...]
    actors: tuple[Actor, ...]
    types: dict[str, dict[str, Any]]
    templates: tuple[Template, ...]


@lru_cache(maxsize=1)
def load_generator_data(path: Path = DATA) -> GeneratorData:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        generator = GeneratorData(
            towns=tuple((t["name"], t["area"]) for t in data["town"]),
            numbers=tuple(data["numbers"]),
            outlets=tuple(data["outlets"]),
            attributions=tuple(data["attributions"]),
            fillers=tuple(data["fillers"]),
            actors=tuple(
                Actor(a["side"], tuple(a["names"]), tuple(a["kinds"]), tuple(a.get("enemy", ()))) for a in data["actor"]
            ),
            types=dict(data["types"]),
            templates=tuple(Template(t["type"], t["text"], t.get("needs") == "casualties") for t in data["template"]),
        )
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError) as error:
        raise RuleError(f"{path}: {error}") from None
    missing = sorted(set(generator.types) - {t.type for t in generator.templates})
    if missing:
        raise RuleError(f"{path}: no template for {', '.join(missing)}")
    return generator


@dataclass(frozen=True)
class Event:
    """An event the generator made up: what the corpus is about."""

    id: str
    type: str
    day: date
    town: str
    side: str | None
    killed: int | None = None
    injured: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "day": self.day.isoformat(),
            "town": self.town,
            "side": self.side,
            "killed": self.killed,
            "injured": self.injured,
        }


@dataclass(frozen=True)
class Mention:
    """A sentence of an article that reports an event: ``text[start:end]``."""

    event: str
    start: int
    end: int


@dataclass(frozen=True)
class GeneratedArticle:
    id: str
    text: str
    published: date
    source: str
    url: str
    mentions: tuple[Mention, ...]
    copy_of: str | None = None

    def to_record(self) -> dict[str, Any]:
        """The article as a line of a corpus JSON Lines file."""
        return {
            "id": self.id,
            "text": self.text,
            "published": self.published.isoformat(),
            "url": self.url,
            "source": self.source,
        }


@dataclass(frozen=True)
class GeneratedCorpus:
    articles: tuple[GeneratedArticle, ...]
    events: dict[str, Event]

    def write_jsonl(self, path: str | Path) -> Path:
        path = Path(path)
        with path.open("w", encoding="utf-8") as stream:
            for article in self.articles:
                stream.write(json.dumps(article.to_record(), ensure_ascii=False) + "\n")
        return path

    def truth(self) -> dict[str, Any]:
        return {
            "events": [event.to_dict() for event in self.events.values()],
            "mentions": {
                a.id: [{"event": m.event, "start": m.start, "end": m.end} for m in a.mentions] for a in self.articles
            },
        }

    def write_truth(self, path: str | Path) -> Path:
        path = Path(path)
        path.write_text(json.dumps(self.truth(), ensure_ascii=False) + "\n", encoding="utf-8")
        return path


# --- writing ----------------------------------------------------------------------------------------------


def _number(value: int, capital: bool = False) -> str:
    words = load_generator_data().numbers
    word = words[value] if value < len(words) else str(value)
    return word[:1].upper() + word[1:] if capital else word


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _weighted(rng: random.Random, table: Sequence[tuple[int, int]]) -> int:
    return rng.choices([value for value, _ in table], [weight for _, weight in table])[0]


def date_phrase(rng: random.Random, day: date, published: date, coarse: bool = False) -> str:
    """How an article published on ``published`` writes ``day`` (lower case; a preposition where one is needed).

    ``coarse`` prefers "last week" / "earlier this month" when they are true of the day."""
    lag = (published - day).days
    if not 0 <= lag <= 6:
        raise ValueError(f"an article written {lag} days after the event says its date in full")
    if coarse:
        if day.isocalendar()[1] == published.isocalendar()[1] - 1 and day.year == published.year:
            return "last week"
        if day.month == published.month and lag >= 2:
            return "earlier this month"
    month = day.strftime("%B")
    choices = {
        0: ["today", "earlier today"],
        1: ["yesterday", f"on {day.strftime('%A')}", f"on {month} {day.day}"],
    }.get(lag, [f"on {day.strftime('%A')}", f"on {month} {day.day}", f"on {day.day} {month}"])
    return rng.choice(choices)


def _casualties(rng: random.Random, killed: int | None, injured: int | None) -> tuple[str, str]:
    """(clause, lead): ", killing two people and wounding five" and "Two people were killed and five wounded"."""
    plural = rng.choice(["people", "civilians"])
    noun = (
        {"people": "person", "civilians": "civilian"}[plural]
        if killed == 1 or (not killed and injured == 1)
        else plural
    )
    verb = "was" if noun != plural else "were"
    if killed and injured:
        return (
            f", killing {_number(killed)} {noun} and wounding {_number(injured)}",
            f"{_number(killed, True)} {noun} {verb} killed and {_number(injured)} wounded",
        )
    if killed:
        return f", killing {_number(killed)} {noun}", f"{_number(killed, True)} {noun} {verb} killed"
    if injured:
        return f", wounding {_number(injured)} {noun}", f"{_number(injured, True)} {noun} {verb} wounded"
    return "", ""


class _Writer:
    def __init__(self, rng: random.Random, data: GeneratorData) -> None:
        self.rng = rng
        self.data = data
        self.actors = {actor.side: actor for actor in data.actors}

    def sentence(self, event: Event, published: date, coarse: bool = False) -> str:
        rng = self.rng
        killed, injured = event.killed, event.injured
        if killed and rng.random() < 0.25:  # outlets disagree on the toll now and then
            killed = max(1, killed + rng.choice([-1, 1, 2]))
        has_casualties = bool(killed or injured)
        templates = [
            t for t in self.data.templates if t.type == event.type and (has_casualties or not t.needs_casualties)
        ]
        template = rng.choice(templates)
        actor = self.actors.get(event.side or "")
        name = rng.choice(actor.names) if actor else ""
        day = event.day
        if rng.random() < MISDATED:  # one outlet puts a late-night event on the next day, or the day before
            shifted = day + timedelta(days=rng.choice([-1, 1]))
            day = shifted if 0 <= (published - shifted).days <= 6 else day
        when = date_phrase(rng, day, published, coarse)
        clause, lead = _casualties(rng, killed, injured)
        text = template.text.format(
            actor=name,
            Actor=_capital(name),
            enemy=rng.choice(actor.enemy) if actor and actor.enemy else "",
            town=event.town,
            when=when,
            When=_capital(when),
            casualties=clause,
            casualty_lead=lead,
            n=rng.choice([40, 150, 300, 500, 1200, 2000]),
            few=rng.choice([3, 5, 8, 11, 17, 24, 30]),
            attribution=rng.choice(self.data.attributions),
        )
        return _capital(text)


# --- events -----------------------------------------------------------------------------------------------


class _Events:
    def __init__(self, rng: random.Random, data: GeneratorData, start: date, days: int) -> None:
        self.rng = rng
        self.data = data
        self.start = start
        self.days = days
        self.events: dict[str, Event] = {}
        self.by_day: dict[date, list[Event]] = {}
        self.keys: set[tuple[str, date, str, str | None]] = set()

    def _new(self, kind: str, day: date, town: str, side: str | None) -> Event | None:
        """A new event, or None when there is one of that type, day, town and side already: nothing could tell
        the two apart (two sources describing the same attack do so with the same facts)."""
        rng = self.rng
        if (kind, day, town, side) in self.keys:
            return None
        self.keys.add((kind, day, town, side))
        killed = injured = None
        if self.data.types[kind]["casualties"]:
            killed = rng.choice([None, 1, 2, 3, 4, 5, 7, 12])
            injured = rng.choice([None, None, 2, 4, 6, 9, 15])
        event = Event(f"E{len(self.events) + 1}", kind, day, town, side, killed, injured)
        self.events[event.id] = event
        self.by_day.setdefault(day, []).append(event)
        return event

    def _sides(self, kind: str) -> list[str | None]:
        sides: list[str | None] = [a.side for a in self.data.actors if kind in a.kinds]
        return sides or [None]

    def make(self) -> list[Event]:
        """A new event, and sometimes the hard cases that go with it."""
        rng = self.rng
        event = None
        while event is None:
            kind = rng.choice(sorted(self.data.types))
            areas = self.data.types[kind]["areas"]
            town = rng.choice([name for name, area in self.data.towns if area in areas])
            day = self.start + timedelta(days=rng.randrange(self.days))
            event = self._new(kind, day, town, rng.choice(self._sides(kind)))
        made = [event]
        twist = rng.random()
        if twist < 0.12:  # another type, same day, same town
            others = [k for k in sorted(self.data.types) if k != kind and town_fits(self.data, k, town)]
            if others:
                other = rng.choice(others)
                made.append(self._new(other, day, town, rng.choice(self._sides(other))))
        elif twist < 0.22 and len(self._sides(kind)) > 1:  # the other side did the same thing there that day
            side = rng.choice([s for s in self._sides(kind) if s != event.side])
            made.append(self._new(kind, day, town, side))
        elif twist < 0.32:  # the same thing again the next day
            made.append(self._new(kind, day + timedelta(days=1), town, event.side))
        return [e for e in made if e is not None]

    def earlier(self, published: date) -> list[Event]:
        """Events an article published that day can mention in passing (2 to 6 days before it)."""
        return [e for lag in range(2, 7) for e in self.by_day.get(published - timedelta(days=lag), [])]


def town_fits(data: GeneratorData, kind: str, town: str) -> bool:
    areas = data.types[kind]["areas"]
    return any(name == town and area in areas for name, area in data.towns)


def generate(articles: int, seed: int = 0, start: date = START, days: int = DAYS, filler: int = 1) -> GeneratedCorpus:
    """A corpus of exactly ``articles`` articles about events between ``start`` and ``start + days``; each
    article has ``filler`` sentences beside its reports (more make longer articles, for timing)."""
    if articles < 1:
        raise ValueError("articles must be at least 1")
    data = load_generator_data()
    if not 1 <= filler < len(data.fillers):
        raise ValueError(f"filler must be between 1 and {len(data.fillers) - 1}")
    rng = random.Random(seed)
    events = _Events(rng, data, start, days)
    writer = _Writer(rng, data)
    written: list[GeneratedArticle] = []
    serial = 0
    while len(written) < articles:
        for event in events.make():
            outlets = rng.sample(data.outlets, _weighted(rng, _SOURCES_PER_EVENT))
            for outlet in outlets:
                serial += 1
                published = event.day + timedelta(days=_weighted(rng, _MAIN_LAGS))
                article = _article(rng, writer, events, event, published, outlet, serial, filler)
                written.append(article)
                if rng.random() < 0.12:  # a wire copy: another outlet runs the same text
                    serial += 1
                    other = rng.choice([o for o in data.outlets if o != outlet])
                    written.append(_copy(article, other, serial))
    written = written[:articles]
    rng.shuffle(written)
    used = {m.event for a in written for m in a.mentions}
    return GeneratedCorpus(tuple(written), {k: v for k, v in events.events.items() if k in used})


def _slug(outlet: str) -> str:
    return "-".join(outlet.lower().split())


def _article(
    rng: random.Random,
    writer: _Writer,
    events: _Events,
    event: Event,
    published: date,
    outlet: str,
    serial: int,
    filler: int,
) -> GeneratedArticle:
    fillers = [(sentence, None) for sentence in rng.sample(writer.data.fillers, 1 + filler)]
    parts: list[tuple[str, str | None]] = [(writer.sentence(event, published), event.id), fillers[0]]
    earlier = [e for e in events.earlier(published) if e.id != event.id]
    if earlier and rng.random() < 0.4:
        background = rng.choice(earlier)
        parts.append((writer.sentence(background, published, coarse=rng.random() < 0.3), background.id))
    parts.extend(fillers[1:])
    text = ""
    mentions = []
    for sentence, event_id in parts:
        start = len(text)
        text += sentence + " "
        if event_id:
            mentions.append(Mention(event_id, start, start + len(sentence)))
    identifier = f"{_slug(outlet)}-{serial:06d}"
    return GeneratedArticle(
        identifier,
        text.rstrip() + "\n",
        published,
        outlet,
        f"https://{_slug(outlet)}.example/{serial}",
        tuple(mentions),
    )


def _copy(article: GeneratedArticle, outlet: str, serial: int) -> GeneratedArticle:
    identifier = f"{_slug(outlet)}-{serial:06d}"
    return GeneratedArticle(
        identifier,
        article.text,
        article.published,
        outlet,
        f"https://{_slug(outlet)}.example/{serial}",
        article.mentions,
        copy_of=article.id,
    )


# --- scoring ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MergeScores:
    """How a merged timeline matches the truth of a generated corpus.

    A *report* is one article's incident (a source of a merged incident). It is *matched* to the event of the first
    of its mentions whose trigger lies in a sentence that reports an event of the same type (a sentence is
    *found* when a mention lies in it); pairwise and B-cubed scores are over matched reports:
    pair precision is the share of pairs of reports merged together that are one event, pair recall the share
    of pairs of reports of one event that were merged together.
    """

    mentions: int  # sentences of the corpus that report an event
    found: int  # of those, with a matched report
    reports: int
    matched: int
    events: int  # events with a matched report
    incidents: int  # merged incidents with a matched report
    pair_precision: float
    pair_recall: float
    bcubed_precision: float
    bcubed_recall: float
    whole: int  # events whose matched reports are exactly one merged incident's
    dated_right: int  # of the merged incidents with matched reports, those dated to their event's day

    @property
    def pair_f1(self) -> float:
        p, r = self.pair_precision, self.pair_recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "mentions": self.mentions,
            "found": self.found,
            "reports": self.reports,
            "matched": self.matched,
            "events": self.events,
            "incidents": self.incidents,
            "pair_precision": round(self.pair_precision, 4),
            "pair_recall": round(self.pair_recall, 4),
            "pair_f1": round(self.pair_f1, 4),
            "bcubed_precision": round(self.bcubed_precision, 4),
            "bcubed_recall": round(self.bcubed_recall, 4),
            "whole_events": self.whole,
            "dated_right": self.dated_right,
        }


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def score_merge(truth: GeneratedCorpus | dict[str, Any], incidents: Sequence[MergedIncident]) -> MergeScores:
    """Score merged incidents against the truth of a generated corpus (the corpus or its ``truth()`` dict)."""
    data = truth.truth() if isinstance(truth, GeneratedCorpus) else truth
    events = {e["id"]: e for e in data["events"]}
    mentions = {doc: [(m["event"], m["start"], m["end"]) for m in found] for doc, found in data["mentions"].items()}
    cells: Counter = Counter()  # (incident number, event id) -> matched reports
    found_mentions: set[tuple[str, int]] = set()
    reports = 0
    for number, incident in enumerate(incidents):
        for report in incident.sources:
            reports += 1
            spans = mentions.get(report.document_id, [])
            matched_events = [
                (position, event_id)
                for mention in report.incident.mentions
                for position, (event_id, start, end) in enumerate(spans)
                if start <= mention.trigger_start < end and events[event_id]["type"] == report.incident.type
            ]
            found_mentions.update((report.document_id, position) for position, _ in matched_events)
            if matched_events:  # an article's incident stands for the event of its first mention
                cells[(number, matched_events[0][1])] += 1
    by_incident: Counter = Counter()
    by_event: Counter = Counter()
    for (number, event_id), n in cells.items():
        by_incident[number] += n
        by_event[event_id] += n
    matched = sum(cells.values())
    together = sum(_pairs(n) for n in cells.values())
    predicted = sum(_pairs(n) for n in by_incident.values())
    actual = sum(_pairs(n) for n in by_event.values())
    bcubed_p = sum(n * n / by_incident[i] for (i, _), n in cells.items()) / matched if matched else 0.0
    bcubed_r = sum(n * n / by_event[e] for (_, e), n in cells.items()) / matched if matched else 0.0
    whole = sum(1 for (i, e), n in cells.items() if n == by_incident[i] == by_event[e])
    majority: dict[int, tuple[int, str]] = {}
    for (number, event_id), n in sorted(cells.items()):
        if n > majority.get(number, (0, ""))[0]:
            majority[number] = (n, event_id)
    dated_right = 0
    for number, (_, event_id) in majority.items():
        incident = incidents[number]
        if incident.time_precision == 1 and incident.date_start == events[event_id]["day"]:
            dated_right += 1
    return MergeScores(
        mentions=sum(len(found) for found in mentions.values()),
        found=len(found_mentions),
        reports=reports,
        matched=matched,
        events=len(by_event),
        incidents=len(by_incident),
        pair_precision=together / predicted if predicted else 1.0,
        pair_recall=together / actual if actual else 1.0,
        bcubed_precision=bcubed_p,
        bcubed_recall=bcubed_r,
        whole=whole,
        dated_right=dated_right,
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m timeline.corpus.generate", description=__doc__.split("\n")[0])
    parser.add_argument("articles", type=int, help="how many articles")
    parser.add_argument("output", help="the corpus, a .jsonl file")
    parser.add_argument("--truth", help="also write the truth (events and the sentences that report them) here")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--filler", type=int, default=1, help="sentences beside the reports in each article")
    args = parser.parse_args(argv)
    corpus = generate(args.articles, seed=args.seed, filler=args.filler)
    corpus.write_jsonl(args.output)
    if args.truth:
        corpus.write_truth(args.truth)
    print(f"{len(corpus.articles)} articles about {len(corpus.events)} events written to {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
