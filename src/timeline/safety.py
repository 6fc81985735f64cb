"""Making text from the input safe to use where it could do harm: file names and spreadsheet cells.

File names: a document id or URL from a feed or a JSON Lines corpus may be ``../../etc/passwd``, an absolute path,
hold NUL bytes or slashes, name a device Windows reserves (``CON``, ``NUL``, ``COM1``), or be longer than a file
system allows. :func:`safe_file_name` turns any string into one plain file name, and :func:`safe_output_path`
joins it to a folder and checks that the result is inside that folder. Two different ids never share a name:
whenever the name had to be changed, a short hash of the original id is appended.

Spreadsheet cells: a cell whose text starts with ``=``, ``+``, ``-``, ``@``, tab or carriage return is a formula
to Excel and LibreOffice (OWASP, "CSV Injection"). :func:`neutralize_cell` puts an apostrophe in front of it, so
it is shown as the text it is.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from pathlib import Path

from .errors import ExportError

MAX_NAME_BYTES = 120  # well under the 255 bytes of ext4, NTFS and APFS, leaving room for a suffix and a hash
HASH_CHARS = 10
_FALLBACK = "document"

# One character class, one quantifier: linear. Letters and digits of any script are kept (ids in Cyrillic are
# fine file names); everything else, including separators, NUL and control characters, becomes "_".
_UNSAFE = re.compile(r"[^\w.\-]+")
_UNDERSCORES = re.compile(r"_{2,}")
_SCHEME = re.compile(r"\A[A-Za-z][A-Za-z0-9+.\-]{0,30}://")
# Devices Windows reserves in every folder, with or without an extension (CON.txt is the console too).
_RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"]
    + [f"{device}{n}" for device in ("COM", "LPT") for n in "0123456789¹²³"]
)

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:HASH_CHARS]


def _cut_bytes(text: str, limit: int) -> str:
    """The longest prefix of ``text`` whose UTF-8 form fits in ``limit`` bytes (never half a character)."""
    encoded = text.encode("utf-8", "surrogatepass")
    if len(encoded) <= limit:
        return text
    return encoded[:limit].decode("utf-8", "ignore")


def _is_reserved(name: str) -> bool:
    return name.split(".", 1)[0].upper() in _RESERVED


def safe_file_name(raw: object, suffix: str = "", max_bytes: int = MAX_NAME_BYTES) -> str:
    """A file name made from a document id or URL that cannot leave the folder it is joined to.

    The result holds only letters, digits, ``_``, ``-`` and ``.``, does not start with a dot or a dash (no
    hidden files, nothing a command line takes for an option), is not a Windows device name, fits in
    ``max_bytes`` UTF-8 bytes before ``suffix``, and is the same for the same input on every run. When the id
    had to be changed, ``-`` and a hash of the id are appended, so ``a/b`` and ``a_b`` stay two files.

    >>> safe_file_name("article-17", ".json")
    'article-17.json'
    >>> safe_file_name("../../etc/passwd")
    'etc_passwd-3754d6cb3a'
    """
    original = "" if raw is None else str(raw)
    text = unicodedata.normalize("NFC", original)
    text = _SCHEME.sub("", text)  # https://host/path -> host/path: the scheme says nothing about the document
    name = _UNDERSCORES.sub("_", _UNSAFE.sub("_", text)).strip("._- ")
    changed = name != original
    budget = max(16, max_bytes) - HASH_CHARS - 1
    if len(name.encode("utf-8")) > budget:
        name, changed = _cut_bytes(name, budget).rstrip("._- "), True
    if not name:
        name, changed = _FALLBACK, True
    if _is_reserved(name):
        name, changed = f"_{name}", True
    if changed:
        name = f"{name}-{_digest(original)}"
    return name + suffix


def safe_output_path(folder: str | Path, raw: object, suffix: str = "", max_bytes: int = MAX_NAME_BYTES) -> Path:
    """``folder / safe_file_name(raw, suffix)``, checked to be directly inside ``folder``.

    The check is a second line of defence (the name cannot hold a separator): it raises ExportError rather
    than return a path elsewhere. Writers should still write to a temporary name and rename it: a rename
    replaces a symbolic link planted at the target instead of writing through it.
    """
    base = Path(folder)
    path = base / safe_file_name(raw, suffix, max_bytes)
    if Path(os.path.abspath(path)).parent != Path(os.path.abspath(base)):
        raise ExportError(f"{raw!r}: refused as an output name (it would leave {base})")
    return path


def neutralize_cell(value: object) -> object:
    """A CSV cell that Excel and LibreOffice show as text rather than run as a formula (OWASP).

    Strings starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return get a leading apostrophe; numbers
    pass unchanged, so a negative longitude stays a number.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


__all__ = [
    "FORMULA_STARTS",
    "MAX_NAME_BYTES",
    "neutralize_cell",
    "safe_file_name",
    "safe_output_path",
]
