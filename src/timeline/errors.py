"""The exception tree of `timeline`.

Every error the library raises on purpose is a ``TimelineError``; the command line prints its message on one
line and exits non-zero. Anything else escaping is a bug.

    TimelineError
    ├── InputError            the input cannot be used as given
    │   ├── DecodeError       bytes that are not text in any encoding we accept
    │   ├── InputTooLarge     above the configured size limit; refused before reading
    │   └── TimeMLError       TimeML that is not well-formed or lacks <TEXT>
    ├── AnchorError           an anchor (publication date) that is missing or not a date
    ├── RuleError             rule data that fails validation (names the file and the rule)
    ├── GazetteerError        the place index cannot be built or read
    └── ExportError           an output that cannot be written
"""

from __future__ import annotations


class TimelineError(Exception):
    """Base class of every error raised on purpose by `timeline`."""


class InputError(TimelineError):
    """The input cannot be used as given."""


class DecodeError(InputError):
    """Bytes that do not decode as text."""


class InputTooLarge(InputError):
    """An input above the configured size limit."""


class TimeMLError(InputError):
    """TimeML that is not well-formed, or has no <TEXT>."""


class AnchorError(TimelineError):
    """A missing or malformed anchor date."""


class RuleError(TimelineError):
    """Rule data that fails validation."""


class GazetteerError(TimelineError):
    """The gazetteer index cannot be built or read."""


class ExportError(TimelineError):
    """An output that cannot be written."""
