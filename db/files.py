"""Reading and writing the user's files safely: regular files only, bounded, atomic.

A path a user types may name anything: a device (``/dev/zero`` never ends), a pipe
(reading one waits for a writer forever), a folder, a link that loops or leads out
of the folder they chose. Every file StemPrep reads or writes outside its database
goes through here, so each of those is one sentence instead of a hang, a memory
error or a device node replaced by a PDF.

* `read_regular_file` reads only a regular file, opened without blocking, and never
  more than a hard byte limit (`stat` says 0 for a device, so its size is not trusted).
* `write_atomic` writes a temporary file beside the target, flushes it to disk,
  renames it over the target and syncs the folder: a crash or a full disk leaves the
  old file or the new one, never half of one. It writes only to a regular file or a
  new name; a link is followed only to a file in the same folder.
"""

from __future__ import annotations

import contextlib
import errno
import importlib.util
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from db.errors import FileRefused


def kind_of(mode: int) -> str | None:
    """What a path is, in words, when it is not a regular file (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not an ordinary file"


def _not_a_file(path: Path, kind: str, *, through_link: bool) -> FileRefused:
    if kind.startswith("not "):
        return FileRefused(f"{path} is {kind}; StemPrep reads only files.")
    verb = "leads to" if through_link else "is"
    return FileRefused(f"{path} {verb} {kind}, not a file.")


def _is_link(path: Path) -> bool:
    try:
        return stat.S_ISLNK(os.lstat(path).st_mode)
    except OSError:
        return False


def refuse_non_file(path: Path) -> None:
    """Raise `FileRefused` if `path` exists and is not a regular file (after links); else return."""
    path = Path(path)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        if _is_link(path):
            raise FileRefused(f"{path} is a link to a file that does not exist.") from None
        return
    except OSError as error:
        raise _read_error(error, path) from error
    kind = kind_of(mode)
    if kind is not None:
        raise _not_a_file(path, kind, through_link=_is_link(path))


def _is_loop(path: Path) -> bool:
    try:
        os.stat(path)
    except OSError as error:
        return error.errno == errno.ELOOP
    return False


def _read_error(error: OSError, path: Path) -> FileRefused:
    if error.errno == errno.ENOENT:
        return FileRefused(f"There is no file at {path}.")
    if error.errno in (errno.EACCES, errno.EPERM):
        return FileRefused(f"StemPrep is not allowed to read {path}. Check the file's permissions.")
    if error.errno == errno.ELOOP:
        return FileRefused(f"{path} is a link that leads round in a circle, not a file.")
    if error.errno == errno.EISDIR:
        return FileRefused(f"{path} is a folder, not a file.")
    if error.errno == errno.ENOTDIR:
        return FileRefused(f"{path} is not inside a folder: part of the path is a file.")
    if error.errno == errno.ENAMETOOLONG:
        return FileRefused(f"The name {path} is too long to be a file.")
    return FileRefused(f"StemPrep could not read {path}: {error.strerror or error}.")


def read_regular_file(
    path: str | os.PathLike[str], *, limit: int, what: str = "a file StemPrep reads", start_only: bool = False
) -> bytes:
    """The bytes of the regular file at `path`, at most `limit` of them.

    Refuses, with one sentence, anything that is not a regular file (checked before
    opening and again on the open descriptor), a file longer than `limit` bytes
    (counted while reading, whatever `stat` says; with `start_only` its first `limit`
    bytes are returned instead), and a file it may not read. The file is opened
    non-blocking, so a pipe swapped in at the last moment never hangs.
    """
    path = Path(path)
    refuse_non_file(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as error:
        raise _read_error(error, path) from error
    try:
        kind = kind_of(os.fstat(fd).st_mode)
        if kind is not None:
            raise _not_a_file(path, kind, through_link=_is_link(path))
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                if start_only:
                    return b"".join(chunks)[:limit]
                raise FileRefused(f"{path} is too large to be {what} (more than {_size_words(limit)}).")
    except BlockingIOError:
        raise FileRefused(f"{path} is not ready to be read; it is not an ordinary file.") from None
    except OSError as error:
        raise _read_error(error, path) from error
    finally:
        os.close(fd)
    return b"".join(chunks)


def _size_words(limit: int) -> str:
    if limit >= 1 << 20:
        return f"{limit // (1 << 20)} MB"
    if limit >= 1 << 10:
        return f"{limit // (1 << 10)} KB"
    return f"{limit} bytes"


def someone_elses_file(path: Path, ours: Callable[[Path], bool]) -> bool:
    """Whether `path` is a file that replacing would lose: not empty, and not one StemPrep wrote (`ours`)."""
    return path.is_file() and path.stat().st_size > 0 and not ours(path)


def output_target(path: str | os.PathLike[str], *, example: str = "name.ext") -> Path:
    """The file a write to `path` will really replace or create; refuses what must not be written.

    A new name, or an existing regular file, is fine. A device, a pipe, a socket or a
    folder is refused. A link is followed only to a regular file in the same folder
    (the one the user chose); one that leads elsewhere, nowhere, or round in a circle
    is refused rather than replaced by a file or written through silently.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise _write_error(error, path, "the file") from error
    if info is not None and stat.S_ISLNK(info.st_mode):
        try:
            real = path.resolve(strict=False)  # a link to a name not made yet is followed like any other
        except (RuntimeError, OSError):
            raise FileRefused(f"{path} is a link that leads round in a circle, not a file.") from None
        if _is_loop(path):
            raise FileRefused(f"{path} is a link that leads round in a circle, not a file.")
        if real.parent != folder.resolve():
            raise FileRefused(
                f"{path} is a link to {real}, in another folder; StemPrep does not write through it. "
                "Choose the file itself or another name."
            )
        refuse_non_file(real)
        return real
    if info is not None:
        kind = kind_of(info.st_mode)
        if kind == "a folder":
            raise FileRefused(f"{path} is a folder; give a file name, such as {example}.")
        if kind is not None:
            raise FileRefused(f"{path} is {kind}, not a file; StemPrep writes only to files.")
    try:
        folder_mode = os.stat(folder).st_mode
    except FileNotFoundError:
        raise FileRefused(f"The folder {folder} does not exist. Choose a folder that exists.") from None
    except OSError as error:
        raise _write_error(error, path, "the file") from error
    if not stat.S_ISDIR(folder_mode):
        raise FileRefused(f"{folder} is not a folder, so {path.name} cannot be saved in it.")
    return path


def _write_error(error: OSError, path: Path, what: str) -> FileRefused:
    folder = path.parent if str(path.parent) else Path(".")
    if error.errno == errno.ENOSPC or error.errno == getattr(errno, "EDQUOT", None):
        return FileRefused(f"The disk is full, so {what} could not be saved as {path}. Free some space and try again.")
    if error.errno == errno.EROFS:
        return FileRefused(f"{folder} is on a disk that cannot be written to; choose another folder for {what}.")
    if error.errno in (errno.EACCES, errno.EPERM):
        return FileRefused(f"StemPrep is not allowed to write {path}. Choose a folder you can write to.")
    if error.errno == errno.ENOENT:
        if not folder.exists():
            return FileRefused(f"The folder {folder} does not exist. Choose a folder that exists.")
        return FileRefused(f"{folder} does not hold ordinary files, so {what} cannot be saved there. Choose another folder.")
    if error.errno == errno.ENOTDIR:
        return FileRefused(f"{folder} is not a folder, so {path.name} cannot be saved in it.")
    if error.errno == errno.ENAMETOOLONG:
        return FileRefused(f"The file name {path.name} is too long. Choose a shorter name.")
    if error.errno == errno.ELOOP:
        return FileRefused(f"{path} is a link that leads round in a circle, not a file.")
    return FileRefused(f"StemPrep could not save {what} as {path}: {error.strerror or error}.")


def write_atomic(
    path: str | os.PathLike[str], data: bytes, *, what: str = "the file", example: str = "name.ext",
    mode: int = 0o600,
) -> Path:
    """Write `data` to `path` atomically, readable by its owner only; returns the file written.

    Raises `FileRefused` with one sentence (naming `what`, such as "the sheet") when
    the path must not or cannot be written. On failure nothing is left behind: the
    temporary file is removed and an existing file at `path` is unchanged.
    """
    target = output_target(path, example=example)
    folder = target.parent if str(target.parent) else Path(".")
    temporary: str | None = None
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name[:80]}.", suffix=".part", dir=folder)
        with os.fdopen(handle, "wb") as output:
            output.write(data)
            output.flush()
            os.fsync(output.fileno())
        if os.name == "posix":
            os.chmod(temporary, mode)
        os.replace(temporary, target)
        temporary = None
        sync_folder(folder)
    except OSError as error:
        raise _write_error(error, Path(path), what) from error
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    return target


def write_cache_file(path: Path, data: bytes) -> bool:
    """Write a file StemPrep can always make again (a cache) whole or not at all, owner-only.

    Its folder is made (owner-only) when missing. Returns False instead of raising when
    it cannot be written: a cache that cannot be kept costs time, never the user's work.
    """
    try:
        path.parent.mkdir(parents=True, mode=0o700, exist_ok=True)
        write_atomic(path, data, what="a cache")
    except (OSError, FileRefused):
        return False
    return True


def cache_key(data: bytes) -> str:
    """A short fingerprint of `data`, to tell whether a cache was made from this content.

    A cache's key tells contents apart; it cannot guard them (whoever can write the cache
    can write its key too). So this is the hash Python itself keys its hash-based bytecode
    caches with, not a cryptographic digest: importing `hashlib` loads OpenSSL, 3.5 MiB
    of memory at every start for a comparison. It changes with Python's bytecode version,
    which only means a cache is made once more.
    """
    return importlib.util.source_hash(data).hex()


def publish_file(temporary: str | os.PathLike[str], path: str | os.PathLike[str]) -> None:
    """Flush a finished temporary file to disk and rename it to `path` (same folder), durably.

    For files another program wrote (a compiled translation): raises OSError as it is.
    """
    fd = os.open(temporary, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(temporary, path)
    sync_folder(Path(path).parent)


def sync_folder(folder: Path) -> None:
    """fsync a folder so a rename in it survives a power cut (POSIX; a no-op elsewhere)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
