# SPDX-License-Identifier: Apache-2.0
"""Reading the files a user names: regular files only, with a size cap, as one-line errors otherwise.

A named pipe, a device or a socket is refused before anything is read (opening a FIFO for reading
blocks until a writer comes; reading `/dev/zero` never ends), and a file larger than the reader's cap
is refused instead of being read into memory.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from licensecheck.errors import InputError, LicenseCheckError

#: the default cap for a file named on the command line (case files, terms files, configuration)
DEFAULT_MAX_BYTES = 64 * 1024 * 1024


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def read_bytes(path: Path, shown: str, error: type[LicenseCheckError] = InputError,
               max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a regular file; anything else, or a file over `max_bytes`, raises `error` in one line."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise error(f"no such file: `{shown}`") from None
    except IsADirectoryError:
        raise error(f"`{shown}` is a directory, not a file") from None
    except OSError as exc:
        raise error(f"cannot read `{shown}`: {exc.strerror or exc.__class__.__name__}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise error(f"`{shown}` is {_kind(info.st_mode)}, not a regular file")
        if info.st_size > max_bytes:
            raise error(f"`{shown}` is too large ({info.st_size:,} bytes; the limit is {max_bytes:,})")
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            total += len(chunk)
            if total > max_bytes:
                raise error(f"`{shown}` is too large (over {max_bytes:,} bytes)")
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise error(f"cannot read `{shown}`: {exc.strerror or exc.__class__.__name__}") from None
    finally:
        os.close(fd)


def read_text(path: Path, shown: str, error: type[LicenseCheckError] = InputError,
              max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """A UTF-8 regular file as text; a missing, special, oversized or undecodable one raises `error`."""
    data = read_bytes(path, shown, error, max_bytes)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise error(f"cannot read `{shown}`: not UTF-8 (line {line})") from None
