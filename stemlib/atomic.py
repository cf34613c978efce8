"""Write files so that a reader sees the old version or the new one, never half of one.

Reports are written to a temporary name in the same folder and moved into
place with :func:`os.replace`, which is atomic on one file system. A batch
holds :class:`OutputLock` so that two batches never interleave in one folder.
"""

from __future__ import annotations

import errno
import fcntl
import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from .errors import StemlibError


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and an atomic rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); give it the permissions an ordinary file would get.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def atomic_write_text(path: str | os.PathLike, text: str) -> None:
    """Write UTF-8 ``text`` to ``path`` atomically."""
    atomic_write_bytes(path, text.encode("utf-8"))


class OutputLockedError(StemlibError):
    """Another batch holds the output folder."""


class OutputLock:
    """An exclusive lock on an output folder, released when the process ends, however it ends.

    The lock is an ``flock`` on ``<folder>/.batch.lock``; the kernel drops it
    when the holder exits, so a killed batch never leaves a stale lock. A batch
    that ends normally removes the file (while it still holds the lock); only a
    killed batch leaves it behind (naming its process), and the next batch takes it over.
    """

    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)
        self.path = self.folder / ".batch.lock"
        self._stream = None

    def __enter__(self) -> "OutputLock":
        self.folder.mkdir(parents=True, exist_ok=True)
        while True:
            stream = self._lock()
            # The holder removes the file before it lets go: a lock on a file that is no longer at the path
            # guards nothing, so open the path again.
            try:
                if os.stat(self.path).st_ino == os.fstat(stream.fileno()).st_ino:
                    break
            except FileNotFoundError:
                pass
            stream.close()
        stream.seek(0)
        stream.truncate()
        stream.write(f"pid {os.getpid()}, started {datetime.now(timezone.utc):%Y-%m-%d %H:%M:%S} UTC")
        stream.flush()
        self._stream = stream
        return self

    def _lock(self):
        """Open the lock file and take the lock, or raise :class:`OutputLockedError` naming the holder."""
        stream = open(self.path, "a+", encoding="utf-8")
        try:
            fcntl.flock(stream, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            if error.errno not in (errno.EAGAIN, errno.EACCES):
                raise
            stream.seek(0)
            holder = stream.read().strip() or "unknown process"
            stream.close()
            msg = (f"another batch ({holder}) is writing to {self.folder}/; wait for it to finish, "
                   "or give this run another folder with --output.")
            raise OutputLockedError(msg) from None
        return stream

    def __exit__(self, *exc) -> None:
        if self._stream is not None:
            self.path.unlink(missing_ok=True)  # before the lock is let go: see __enter__
            fcntl.flock(self._stream, fcntl.LOCK_UN)
            self._stream.close()
            self._stream = None
