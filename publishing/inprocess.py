"""A Python command's ``main`` run in this process as if it ran in a process of its own.

A publication runs mike twice (deploy, set-default). Each run in a process of its own
started Python again, imported MkDocs, its theme, mkdocs-macros and this project's
packages again and loaded the configuration with every plugin: about two seconds of
processor time each, for a few git commands. Run here, the imports are made once and
shared with the publication, which has made most of them already.

What the command sees is what it saw in a process of its own: its arguments, its
environment (``os.environ``, which the commands it starts inherit), its working folder,
standard input from /dev/null, its standard output thrown away, its standard error
(and that of every command it starts, at the file descriptor) captured, its exit status
(``SystemExit``, or 1 and the traceback for an exception it lets out), warnings shown
afresh. Everything is put back afterwards, however it ends: nothing of the command's
environment, folder, arguments, import path or warning settings is left to a later step.
"""

from __future__ import annotations

import locale
import os
import sys
import tempfile
import traceback
import warnings
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path


def run(main: Callable[[], object], prog: str, args: list[str], cwd: Path, env: dict[str, str],
        spool: Path) -> tuple[int, str]:
    """(exit status, standard error) of ``main()`` run with ``args`` in ``cwd`` with ``env``;
    what it writes is spooled in an unnamed file in ``spool`` (a folder the caller removes)."""
    encoding = locale.getpreferredencoding(False)
    with tempfile.TemporaryFile(dir=spool) as captured:
        with ExitStack() as stack:
            null = stack.enter_context(open(os.devnull, "r+b"))
            fds = {0: null.fileno(), 1: null.fileno(), 2: captured.fileno()}
            stack.enter_context(_file_descriptors(fds))
            stack.enter_context(_streams(encoding))
            stack.enter_context(_process(cwd, env, [prog, *args]))
            stack.enter_context(warnings.catch_warnings())
            status = _status(main)
        captured.seek(0)
        said = captured.read().decode(encoding, errors="replace")
    # As subprocess.run(text=True) reads it: universal newlines.
    return status, said.replace("\r\n", "\n").replace("\r", "\n")


@contextmanager
def _file_descriptors(targets: dict[int, int]) -> Iterator[None]:
    """Standard input, output and error (file descriptors, which the commands started
    meanwhile inherit) pointed at ``targets``, and back afterwards."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()
    saved = {fd: _dup(fd) for fd in targets}
    try:
        for fd, target in targets.items():
            os.dup2(target, fd)
        yield
    finally:
        for fd, copy in saved.items():
            if copy is None:  # closed in this process before
                os.close(fd)
            else:
                os.dup2(copy, fd)
                os.close(copy)


def _dup(fd: int) -> int | None:
    try:
        return os.dup(fd)
    except OSError:
        return None


@contextmanager
def _streams(encoding: str) -> Iterator[None]:
    """Python's standard streams on file descriptors 0-2 as a new process has them (standard
    error written line by line), whatever this process had put in their place."""
    saved = sys.stdin, sys.stdout, sys.stderr
    with open(0, encoding=encoding, closefd=False) as stdin, \
            open(1, "w", encoding=encoding, errors="backslashreplace", closefd=False) as stdout, \
            open(2, "w", encoding=encoding, errors="backslashreplace", buffering=1, closefd=False) as stderr:
        sys.stdin, sys.stdout, sys.stderr = stdin, stdout, stderr
        try:
            yield
        finally:
            sys.stdin, sys.stdout, sys.stderr = saved


@contextmanager
def _process(cwd: Path, env: dict[str, str], argv: list[str]) -> Iterator[None]:
    """The environment, working folder and arguments of the command (and the import path,
    which it may lengthen), and this process's own back afterwards."""
    saved_environ, saved_cwd = dict(os.environ), os.getcwd()
    saved_argv, saved_path = sys.argv, sys.path[:]
    try:
        os.environ.clear()
        os.environ.update(env)
        os.chdir(cwd)
        sys.argv = argv
        yield
    finally:
        sys.argv, sys.path[:] = saved_argv, saved_path
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_environ)


def _status(main: Callable[[], object]) -> int:
    """The exit status Python gives ``sys.exit(main())``, the traceback written as it would."""
    try:
        code = main()
    except SystemExit as stopped:
        code = stopped.code
    except Exception:  # noqa: BLE001 - as Python does with one a program lets out
        traceback.print_exc()
        return 1
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1
