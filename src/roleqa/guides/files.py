"""Writing the index's files so that no crash, full disk or kill leaves half a file.

:func:`atomic_write` writes through a temp file in the same folder, fsyncs it
and renames it into place; :func:`write_error` turns an ``OSError`` into the
message a maintainer can act on.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from ..errors import IndexWriteError

__all__ = ["atomic_write", "write_error"]


def write_error(index_dir: Path, exc: OSError) -> IndexWriteError:
    """The message for a failed write of the index in ``index_dir``: what
    failed, that nothing was lost, and what to do."""
    reason = {
        errno.EROFS: "the folder is on a read-only file system",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is exhausted",
    }.get(exc.errno or 0, exc.strerror or str(exc))
    return IndexWriteError(
        f"Cannot write the index in {str(index_dir)!r}: {reason}. "
        "The previous index, if any, is unchanged. Free space or fix the "
        "permissions, or choose another folder with --index-dir."
    )


def atomic_write(path: Path, write: Callable[[Path], object]) -> None:
    """Write via a temp file in the same folder, fsync, then rename into place."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; an index is meant to be shared
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
