"""What the engine builds from its rule files, kept between processes.

Each process would otherwise parse the TOML rule files, analyse every rule and compile every pattern anew, which
takes longer (about 0.1 s) than recognizing a news article. A ``BuildCache`` keeps in one file of the user cache
folder the results of those steps, each under a key made of all its inputs, so that an entry can never be stale:
an edited rule file or pattern simply has another key.

Two kinds of entries:

- regex programs: what ``re`` compiles a pattern to (the program of integers ``_sre`` runs, with the group names),
  handed straight back to ``_sre`` in the next process. ``_sre`` checks every program it is given.
- analyses (``memo``): values of pure functions of their key, such as a parsed TOML file keyed by its text.

The file is bound to the interpreter that wrote it (implementation, version, ``_sre.MAGIC``) and to the engine's
modules that made the entries (their sizes and modification times). Its name holds a checksum of the interpreter
and of where the engine is installed: two installations (two virtual environments, a checkout and a wheel) keep a
file each instead of rebuilding in turn over one file, while an edited checkout rewrites its own. A missing,
unreadable or damaged file, or a program ``_sre`` refuses, means the work is done again: the same result, only
slower to make. A cache folder that cannot be written is not an error either. Writing a file removes the files of
installations unused for ``cachedir.STALE_DAYS`` days (older versions, removed environments).
"""

from __future__ import annotations

import marshal
import os
import re
import sys
import zlib
from array import array
from functools import cache

try:  # The compiler's own parts: private, so each use below has a fallback to re.compile.
    import _sre
    from re import _compiler as sre_compile  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # Python 3.10, or an interpreter without CPython's regex engine
    try:
        import _sre
        import sre_compile  # type: ignore[no-redef]
        import sre_parse  # type: ignore[no-redef]
    except ImportError:
        _sre = None  # type: ignore[assignment]

FORMAT = 3
# The array type of _sre's code words (CODESIZE bytes each).
_CODE_TYPE = next((kind for kind in "HIL" if array(kind).itemsize == getattr(_sre, "CODESIZE", 4)), "I")
_ENGINE = os.path.dirname(__file__)
FILE_PREFIX = "engine-build-"
FILE_SUFFIX = ".marshal"
# The files earlier versions wrote, removed with stale ones.
LEGACY_FILES = ("engine-build.marshal", "rule-programs.marshal")
# The engine makes about 500 entries; entries of edited rules pile up until the file holds this many, and then
# only the entries of the process that writes it are kept. (Keeping only the entries a process used would make
# processes that use different parts of the engine undo each other's work.)
MAX_ENTRIES = 5000

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing (see namedtuples.py)
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, TypeVar

    T = TypeVar("T")
    # flags, code (as the bytes of an array of _sre.CODESIZE-byte words: marshal reads bytes at once, a list of
    # ints word by word), groups, groupindex, indexgroup
    Program = tuple[int, bytes, int, dict[str, int], tuple[Any, ...]]


def _interpreter() -> tuple[Any, ...]:
    """What the entries depend on besides their keys: the interpreter and the engine's own code (an analysis
    written by an older version of a module is not reused; size and modification time tell the versions apart)."""
    if _sre is None:
        return ()
    # scandir, not Path.glob: glob compiles its pattern with re, in Python, in every process.
    with os.scandir(_ENGINE) as entries:
        stats = [(entry.name, entry.stat()) for entry in entries if entry.name.endswith(".py")]
    code = sorted((name, stat.st_size, stat.st_mtime_ns) for name, stat in stats)
    return (
        FORMAT,
        sys.implementation.name,
        sys.version,
        getattr(_sre, "MAGIC", None),
        getattr(_sre, "CODESIZE", None),
        tuple(code),
    )


def installation() -> tuple[Any, ...]:
    """What tells installations apart: the interpreter and the engine's folder (not its files' times, which every
    edit changes: an edited engine rewrites its own file)."""
    return (FORMAT, sys.implementation.name, sys.version, getattr(_sre, "MAGIC", None), os.path.abspath(_ENGINE))


def file_name(installation: tuple[Any, ...]) -> str:
    """The build file's name for an installation (``engine-build-1a2b3c4d.marshal``)."""
    return f"{FILE_PREFIX}{zlib.crc32(repr(installation).encode()):08x}{FILE_SUFFIX}"


class BuildCache:
    """Regex programs and analyses through one file; ``save`` writes it when this process made new entries."""

    def __init__(self, path: str | os.PathLike[str] | None, interpreter: tuple[Any, ...] | None = None) -> None:
        self.path = path
        self.interpreter = _interpreter() if interpreter is None else interpreter
        self.stored: dict[tuple[Any, ...], Any] = self._read()
        self.used: dict[tuple[Any, ...], Any] = {}
        self.made_anew = 0

    def compile(self, pattern: str, flags: int = 0) -> re.Pattern[str]:
        """``re.compile(pattern, flags)``."""
        key = ("re", pattern, int(flags))
        program = self.stored.get(key)
        if program is not None:
            regex = _from_program(pattern, program)
            if regex is not None:
                self.used[key] = program
                return regex
        regex = re.compile(pattern, flags)
        program = _program(pattern, int(flags)) if self.interpreter else None
        if program is not None:
            self._made(key, program)
        return regex

    def memo(self, kind: str, key: Any, compute: Callable[[], T]) -> T:
        """``compute()``, a pure function of ``key``, whose value marshal can write (no class instances)."""
        entry = ("memo", kind, key)
        if entry in self.stored:
            value: T = self.stored[entry]
            self.used[entry] = value
            return value
        value = compute()
        self._made(entry, value)
        return value

    def _made(self, key: tuple[Any, ...], value: Any) -> None:
        self.used[key] = value
        self.made_anew += 1

    def save(self) -> None:
        """Write the cache if this process made entries; quietly keep going when it cannot."""
        if not self.made_anew or self.path is None or not self.interpreter:
            return
        entries = {**self.stored, **self.used}
        if len(entries) > MAX_ENTRIES:
            entries = dict(self.used)
        try:
            payload = marshal.dumps((self.interpreter, entries))
        except ValueError:  # an analysis marshal cannot write: a programming error, kept out of the user's way
            return
        import tempfile  # only when writing, which most processes never do

        folder = os.path.dirname(os.path.abspath(self.path))
        try:
            os.makedirs(folder, exist_ok=True)
            descriptor, temporary = tempfile.mkstemp(prefix="." + FILE_PREFIX, dir=folder)
            try:
                with os.fdopen(descriptor, "wb") as handle:
                    handle.write(payload)
                os.replace(temporary, self.path)
            except BaseException:
                if os.path.exists(temporary):
                    os.unlink(temporary)
                raise
        except OSError:
            return  # a read-only or full cache folder: the next process builds again, nothing is lost
        self.stored = entries
        self.made_anew = 0
        remove_stale(folder, keep=os.path.basename(self.path))

    def _read(self) -> dict[tuple[Any, ...], Any]:
        if self.path is None or not self.interpreter:
            return {}
        try:
            with open(self.path, "rb") as handle:
                interpreter, entries = marshal.loads(handle.read())
        except (OSError, EOFError, ValueError, TypeError):
            return {}
        if interpreter != self.interpreter or not isinstance(entries, dict):
            return {}
        return entries


def remove_stale(folder: str, keep: str, now: float | None = None) -> list[str]:
    """Remove the build files of other installations not written for ``cachedir.STALE_DAYS`` days, and those of
    earlier versions; return their names."""
    from ..cachedir import remove_unused

    def ours(name: str) -> bool:
        return name in LEGACY_FILES or (name.startswith(FILE_PREFIX) and name.endswith(FILE_SUFFIX))

    return remove_unused(folder, keep, ours, superseded=LEGACY_FILES.__contains__, now=now)


def _program(pattern: str, flags: int) -> Program | None:
    """What re.compile hands to _sre for this pattern (see re._compiler.compile)."""
    try:
        parsed = sre_parse.parse(pattern, flags)
        code = sre_compile._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        groups = parsed.state.groups - 1
        # int(): the compiler's opcodes and re.RegexFlag are int subclasses that marshal cannot write.
        program: Program = (
            int(flags | parsed.state.flags),
            array(_CODE_TYPE, code).tobytes(),
            groups,
            groupindex,
            tuple(indexgroup),
        )
    except (AttributeError, TypeError, ValueError, re.error):  # private API of another version: no cache
        return None
    return program if _from_program(pattern, program) is not None else None


def _from_program(pattern: str, program: Program) -> re.Pattern[str] | None:
    try:
        flags, code, groups, groupindex, indexgroup = program
        words = array(_CODE_TYPE, code).tolist()
        return _sre.compile(pattern, flags, words, groups, groupindex, indexgroup)  # type: ignore[no-any-return]
    except (RuntimeError, TypeError, ValueError, OverflowError):  # refused by _sre: compiled again
        return None


@cache
def build_cache() -> BuildCache:
    """The process's build cache, in the timeline cache folder (``$TIMELINE_CACHE_DIR`` moves it)."""
    from ..cachedir import default_cache_folder

    return BuildCache(os.path.join(default_cache_folder(), file_name(installation())))


def compile_pattern(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile``, through the build cache.

    The engine's module-level patterns go through it too: ``re`` parses and compiles each in Python, which made
    a tenth of what importing the engine cost; the cache, read by then or soon after anyway, has their programs.
    """
    return build_cache().compile(pattern, flags)
