"""Put a complete new folder in place of an old one, so that the place is never empty.

Used by ``make build`` (site/) and ``make export`` (the web server's folder). The new
folder is written beside the target (same file system) and then swapped in:

- On Linux, ``renameat2(RENAME_EXCHANGE)`` swaps the two names in one atomic step:
  at every instant the target is either the complete old folder or the complete new
  one, whatever is killed when. It is called through ctypes (glibc 2.28+, Linux 3.15+).
- Where that call is missing or the file system refuses it, the fallback renames the
  old folder aside and the new one in: two renames, a window of microseconds in which
  the target is missing, never a half-written folder.

A symbolic link ``site -> build folder`` replaced with os.replace would be atomic
everywhere too, but then site/ is no longer a folder: CI's artifact upload, rsync and
copying the folder by hand would handle the link, not the site. The exchange keeps
site/ an ordinary folder.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import uuid
from pathlib import Path

RENAME_EXCHANGE = 2
AT_FDCWD = -100


def _renameat2():
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


def exchange(first: Path, second: Path) -> bool:
    """Swap two existing paths atomically; False where this system cannot."""
    function = _renameat2()
    if function is None:
        return False
    if function(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def swap_in(new: Path, target: Path) -> Path | None:
    """Move the complete folder ``new`` to ``target``.

    Returns the path that now holds what was at ``target`` before (for the caller to
    remove once it has checked it is its own), or None when there was nothing.
    """
    if not os.path.lexists(target):
        try:
            os.rename(new, target)
            return None
        except FileExistsError:
            pass  # appeared meanwhile: swap below
    if exchange(new, target):
        return new
    aside = target.with_name(f".{target.name}.gammal-{uuid.uuid4().hex[:8]}")
    os.rename(target, aside)
    os.rename(new, target)
    return aside


def remove(path: Path) -> None:
    """Remove a folder this command put aside (or a link that stood in its place)."""
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path)
