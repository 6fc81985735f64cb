"""Reading input files: size limit first, then decoding, with errors that name the file."""

from __future__ import annotations

import codecs
import os
import tempfile
from pathlib import Path
from typing import Any, BinaryIO

from .errors import DecodeError, ExportError, InputError, InputTooLarge

DEFAULT_MAX_BYTES = 50 * 1024 * 1024  # Config.max_input_bytes; one limit for every input the library reads

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: its BOM starts with UTF-16 LE's
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BOM_LABELS = {"utf-8-sig": "UTF-8", "utf-16": "UTF-16", "utf-32": "UTF-32"}
# When bytes fit several single-byte encodings equally well (a short text: "Café à Paris." is also valid
# cp1250 and cp1006), the one news in Western and Eastern Europe most often comes in wins.
PREFERRED_ENCODINGS = ("cp1252", "cp1251", "cp1250", "koi8_r", "koi8_u", "iso8859_15", "latin_1")
# Text has line breaks and tabs; other C0 controls in any number mean binary data or a wrong guess (UTF-16
# read as UTF-8 is full of them).
_CONTROLS = frozenset(chr(c) for c in range(32)) - set("\t\n\r\f\v")
MAX_CONTROL_SHARE = 0.01
_SAMPLE_CHARS = 1 << 16
READ_CHUNK = 1 << 20


def read_bytes(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read a file whole, refusing it before reading when it is above ``max_bytes``.

    The size on disk is checked first; the read itself stops one byte past the limit, so a file that grows
    meanwhile, a pipe or a device (``/dev/zero`` has size 0 on disk) is never read into memory past it.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not a file")
    if size > max_bytes:
        raise InputTooLarge(f"{path}: {size:,} bytes is above the limit of {max_bytes:,} bytes")
    try:
        with path.open("rb") as handle:
            data = _read_at_most(handle, max_bytes + 1)
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None
    if len(data) > max_bytes:
        raise InputTooLarge(f"{path}: more than the limit of {max_bytes:,} bytes")
    return data


def _read_at_most(handle: BinaryIO, limit: int) -> bytes:
    chunks, total = [], 0
    while total < limit:
        chunk = handle.read(min(READ_CHUNK, limit - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def control_share(text: str) -> float:
    """The share of control characters other than line breaks and tabs, in the first 64k characters."""
    sample = text[:_SAMPLE_CHARS]
    if not sample:
        return 0.0
    return sum(1 for character in sample if character in _CONTROLS) / len(sample)


def _looks_like_text(text: str) -> bool:
    return control_share(text) <= MAX_CONTROL_SHARE


def _from_bom(data: bytes, name: str) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                # utf-8-sig counts from after its mark; UTF-16 and UTF-32 from the start of the data.
                offset = error.start + (len(bom) if encoding == "utf-8-sig" else 0)
                label = _BOM_LABELS[encoding]
                raise DecodeError(
                    f"{name}: starts with a {label} byte-order mark but byte {offset:,} is not {label}"
                ) from None
    return None


def looks_binary(data: bytes) -> bool:
    """NUL bytes near the start of data that is neither marked nor shaped as UTF-16: an image, an archive, an
    executable."""
    if b"\x00" not in data[:8192] or any(data.startswith(bom) for bom, _ in _BOMS):
        return False
    return not _utf16_order(data)


def _utf16_order(data: bytes) -> str:
    """``utf-16-le`` or ``utf-16-be`` when the bytes look like UTF-16 without a byte-order mark (mostly-ASCII
    text has a NUL in every other byte), else ``""``."""
    sample = data[:4096]
    half = len(sample) // 2
    if half < 2:
        return ""
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd > 0.6 * half and even == 0:
        return "utf-16-le"
    if even > 0.6 * half and odd == 0:
        return "utf-16-be"
    return ""


def _utf16_without_bom(data: bytes) -> str | None:
    encoding = _utf16_order(data)
    if not encoding or len(data) % 2:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _preferred(best: Any, matches: Any) -> str:
    """The encoding to use: the detector's best, or a preferred one that explains the bytes as well."""
    ties = [
        match
        for match in matches
        if match.chaos <= best.chaos + 1e-9 and match.coherence >= best.coherence - 1e-9
    ]
    for preferred in PREFERRED_ENCODINGS:
        if any(preferred in match.could_be_from_charset for match in ties):
            return preferred
    return best.encoding


def _detected(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    encoding = _preferred(best, matches)
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError:
        return None


def decode(data: bytes, name: str = "input", detect: bool = False) -> str:
    """Decode bytes as text; offsets downstream refer to the decoded text (a byte-order mark is not part of it).

    A byte-order mark selects UTF-8, UTF-16 or UTF-32; else the bytes must be UTF-8. With ``detect``, other
    encodings are recognized too: UTF-16 without a byte-order mark, and single-byte encodings such as Latin-1,
    Windows-1252 and Windows-1251 (Russian and Ukrainian news), with charset-normalizer. TimeML is XML and
    keeps to XML's rule (UTF-8 unless marked), so it reads without ``detect``. Bytes that are none of these
    raise DecodeError naming the file.
    """
    return decode_with_encoding(data, name, detect)[0]


def decode_with_encoding(data: bytes, name: str = "input", detect: bool = False) -> tuple[str, str]:
    """:func:`decode`, and the name of the encoding it used."""
    text = _from_bom(data, name)
    if text is not None:
        return text, "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-16/32 (byte-order mark)"
    try:
        text = data.decode("utf-8")
        if not detect or _looks_like_text(text):
            return text, "utf-8"
    except UnicodeDecodeError:
        pass
    if not detect:
        raise DecodeError(f"{name}: not UTF-8 text (save it as UTF-8, or with a byte-order mark)")
    utf16 = _utf16_without_bom(data)
    if utf16 is not None and _looks_like_text(utf16):
        return utf16, "utf-16"
    found = _detected(data)
    if found is not None and _looks_like_text(found[0]):
        return found
    raise DecodeError(f"{name}: not text in any encoding we recognise (UTF-8, UTF-16, Latin-1, Windows-1251...)")


def read_text(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES, detect: bool = False) -> str:
    """Read and decode a text file (see :func:`decode`); offsets downstream refer to the decoded text."""
    return decode(read_bytes(path, max_bytes), str(path), detect)


def write_bytes_atomic(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to a temporary file beside ``path`` and rename it, so that no reader sees half a file and a
    failure leaves the old file whole; ExportError naming the path when it cannot be written."""
    path = Path(path)
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise ExportError(f"{path}: cannot write ({error.strerror})") from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        os.chmod(temporary, 0o644)  # mkstemp makes it private; outputs are ordinary files
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise ExportError(f"{path}: cannot write ({error.strerror})") from None
    return path


def write_text_atomic(path: str | Path, text: str) -> Path:
    """``write_bytes_atomic`` of UTF-8 text, line ends as they are."""
    return write_bytes_atomic(path, text.encode("utf-8"))
