"""Reading input files: size limit first, then decoding, with errors that name the file."""

from __future__ import annotations

import codecs
import os
import tempfile
from pathlib import Path

from .errors import DecodeError, ExportError, InputError, InputTooLarge

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def read_bytes(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read a file whole, refusing it before reading when it is above ``max_bytes``."""
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
        return path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None


def decode(data: bytes, name: str = "input") -> str:
    """Decode bytes as UTF-8 (a BOM selects UTF-8, UTF-16 or UTF-32)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                break
    else:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    raise DecodeError(f"{name}: not UTF-8 text (save it as UTF-8, or with a byte-order mark)")


def read_text(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Read and decode a text file; offsets downstream refer to the decoded text."""
    return decode(read_bytes(path, max_bytes), str(path))


def write_text_atomic(path: str | Path, text: str) -> None:
    """Write UTF-8 text to a temporary file beside ``path`` and rename it, so no reader sees half a file."""
    path = Path(path)
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise ExportError(f"{path}: cannot write ({error.strerror})") from None
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.chmod(temporary, 0o644)  # mkstemp makes it private; outputs are ordinary files
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise ExportError(f"{path}: cannot write ({error.strerror})") from None
