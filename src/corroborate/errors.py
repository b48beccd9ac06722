"""The error tree of corroborate.

Every message names the file or argument at fault and says what to do next. Adapters (the CLI, later
the web service) map these to exit codes or HTTP statuses; built-in exceptions are left for
programming mistakes.

    CorroborateError
    ├── InputError            a user-supplied file or argument cannot be used
    │   ├── UnsupportedFormat     the file type is not one we read
    │   ├── EmptyInput            the file holds no text
    │   ├── BinaryInput           the file is not text
    │   ├── EncodingError         the bytes are not valid in the expected encoding
    │   ├── MalformedInput        the file is broken (bad JSONL line, HTML with no main text, …)
    │   ├── FileTooLarge          above the configured size limit
    │   └── NoCheckableClaims     an article with no check-worthy sentence
    ├── LibraryError          the library path is missing, is not a library, or is damaged
    │   ├── LibraryDamaged        the library file is corrupt or truncated
    │   ├── LibraryReadOnly       a write was needed but the library's folder or file is read-only
    │   ├── LibraryBusy           another process holds the library's write lock
    │   └── DiskFull              the disk (or the library's file system) ran out of space
    └── ModelError            the verifier model cannot be loaded
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "BinaryInput",
    "CorroborateError",
    "DiskFull",
    "EmptyInput",
    "EncodingError",
    "FileTooLarge",
    "InputError",
    "LibraryBusy",
    "LibraryDamaged",
    "LibraryError",
    "LibraryReadOnly",
    "MalformedInput",
    "ModelError",
    "NoCheckableClaims",
    "UnsupportedFormat",
]


class CorroborateError(Exception):
    """Base class of every error corroborate raises on purpose."""

    exit_code = 1


class InputError(CorroborateError):
    """A file or argument given by the user cannot be used.

    `path` names the file at fault, so a batch run can list what failed and go on.
    """

    def __init__(self, message: str, path: str | Path | None = None) -> None:
        self.path = str(path) if path is not None else None
        super().__init__(f"{self.path}: {message}" if self.path else message)
        self.reason = message


class UnsupportedFormat(InputError):
    pass


class EmptyInput(InputError):
    pass


class BinaryInput(InputError):
    pass


class EncodingError(InputError):
    pass


class MalformedInput(InputError):
    pass


class FileTooLarge(InputError):
    pass


class NoCheckableClaims(InputError):
    pass


class LibraryError(CorroborateError):
    pass


class ModelError(CorroborateError):
    pass


class LibraryDamaged(LibraryError):
    pass


class LibraryReadOnly(LibraryError):
    pass


class LibraryBusy(LibraryError):
    pass


class DiskFull(LibraryError):
    pass
