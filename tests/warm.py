"""A warm start for the commands the tests run most: ``python -m <module> ...``.

The catalogue of bad input (tests/catalogue) runs make check's or the build's command in
a fresh copy of the project for each of its cases, the build tests build (tests/conftest.py,
mkdocs_build) and the publishing tests publish (tests/publishing/published.py, publish), and
a new Python spends a large part of such a command importing the same libraries (MkDocs,
Material, pydantic, WeasyPrint, mike, ...). Here a server,
one per test process, has imported them already and forks a child for each command. The
child is a process of its own, in a session of its own, with the command's working
folder, environment, arguments and standard streams; it runs the module as ``python -m``
does (the working folder first on sys.path) and ends as Python ends (atexit, exit code).
Only the start-up is shared.

The server never imports anything of a project: only modules of the standard library and
of the virtual environment, and only those that a command it ran imported (each child
tells it, as it exits). So every command imports the project's own modules (macros/, the
configuration's plugins' settings) from its own folder, as a new Python would.

Two costs of a new Python are spared too, without a difference a command could see:
- Compiling. A copy of the project is a new folder, so no bytecode file ever matches its
  modules (and the commands write none: PYTHONDONTWRITEBYTECODE). A child tells the server
  the sources it compiled; the server compiles each once more (it never runs them) and
  hands the code, by fork, to later children, keyed by the source's bytes. A child that
  imports a module of the same bytes reads that code as Python reads a valid bytecode file
  (a checked hash-based .pyc): with the file names of the child's own copy. A source that
  does not compile, or warns when compiled, is compiled by each child itself, as it fails
  or warns in a new Python.
- The end. A child ends as Python ends: an uncaught exception is printed as Python prints
  it (SystemExit's code or message), non-daemon threads are joined, atexit handlers run,
  files still open are flushed and standard output and error too, and the exit code is
  Python's; then it leaves without tearing down every module and object one by one.
  (Its collections of garbage leave the objects it had from the server alone, gc.freeze, as
  they would write to, so copy, every page of them.)

``POLICY_TESTS_COLD=1`` runs every command in a new Python instead.
"""

from __future__ import annotations

import atexit
import gc
import importlib
import io
import json
import marshal
import os
import signal
import socket
import subprocess
import sys
import sysconfig
import tempfile
import types
import warnings
from dataclasses import dataclass

#: The places a module may come from to be imported by the server.
LIBRARIES = tuple(
    os.path.realpath(sysconfig.get_paths()[name]) + os.sep
    for name in ("stdlib", "platstdlib", "purelib", "platlib")
)


@dataclass(frozen=True)
class Finished:
    returncode: int | None  # None: did not end within the time limit, and was killed
    stdout: str
    stderr: str


# --- In the test process -------------------------------------------------------------------


class _Server:
    def __init__(self, env: dict[str, str]):
        self.socket, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self.process = subprocess.Popen(
            [sys.executable, __file__, str(theirs.fileno())], pass_fds=[theirs.fileno()], env=env,
            cwd=tempfile.gettempdir(), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        theirs.close()
        atexit.register(self.close)

    def close(self) -> None:
        self.socket.close()  # the server ends when it reads the end of its socket
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover
            self.process.kill()

    def _answer(self) -> dict:
        message = self.socket.recv(65536)
        if not message:
            raise RuntimeError("the warm server of tests/warm.py has ended")
        return json.loads(message)

    def run(self, module: str, args: list[str], cwd, env: dict[str, str], timeout: float) -> Finished:
        request = json.dumps({"module": module, "args": args, "cwd": str(cwd), "env": env})
        with open(os.devnull, "rb") as stdin, tempfile.TemporaryFile() as stdout, \
                tempfile.TemporaryFile() as stderr:
            socket.send_fds(self.socket, [request.encode()], [stdin.fileno(), stdout.fileno(), stderr.fileno()])
            pid = self._answer()["pid"]
            self.socket.settimeout(timeout)
            try:
                returncode = self._answer()["returncode"]
            except TimeoutError:
                self.socket.settimeout(None)
                try:
                    os.killpg(pid, signal.SIGKILL)  # the child leads a session of its own
                except ProcessLookupError:  # pragma: no cover - it ended just now
                    pass
                returncode = self._answer()["returncode"]
                returncode = None if returncode < 0 else returncode
            finally:
                self.socket.settimeout(None)
            stdout.seek(0)
            stderr.seek(0)
            return Finished(returncode, stdout.read().decode(errors="replace"),
                            stderr.read().decode(errors="replace"))


_SERVER: _Server | None = None


def run_module(module: str, args: list[str], cwd, env: dict[str, str], timeout: float) -> Finished:
    """``python -m module *args`` in ``cwd`` with exactly ``env``, standard input empty;
    killed (returncode None) if it has not ended after ``timeout`` seconds."""
    global _SERVER
    if os.environ.get("POLICY_TESTS_COLD"):
        try:
            done = subprocess.run([sys.executable, "-m", module, *args], cwd=cwd, env=env, capture_output=True,
                                  text=True, timeout=timeout, stdin=subprocess.DEVNULL, start_new_session=True)
        except subprocess.TimeoutExpired as exc:
            output = exc.stdout.decode(errors="replace") if isinstance(exc.stdout, bytes) else exc.stdout or ""
            return Finished(None, output, "")
        return Finished(done.returncode, done.stdout, done.stderr)
    if _SERVER is None or _SERVER.process.poll() is not None:
        _SERVER = _Server(dict(os.environ))
    try:
        return _SERVER.run(module, args, cwd, env, timeout)
    except BaseException:
        _SERVER.close()  # whatever it was doing, the next command gets a new one
        _SERVER = None
        raise


def run_completed(module: str, args: list[str], cwd, env: dict[str, str],
                  timeout: float) -> subprocess.CompletedProcess:
    """run_module's outcome as ``subprocess.run(capture_output=True, text=True)`` gives that
    of ``python -m module *args`` (returncode None: killed after ``timeout`` seconds)."""
    done = run_module(module, args, cwd, env, timeout)
    return subprocess.CompletedProcess([sys.executable, "-m", module, *args], done.returncode,
                                       done.stdout, done.stderr)


# --- The server ----------------------------------------------------------------------------

#: Compiled code (marshal) of the sources children compiled, by the source's bytes; None for
#: a source that does not compile or warns when compiled (each child compiles it itself).
#: (One server is one Python: its version and optimization level are those of every child.)
_CODE: dict[bytes, bytes | None] = {}


def _warm(names: list[str]) -> None:
    """Import the modules a command imported that came from the libraries."""
    for name in names:
        if name not in sys.modules:
            try:
                importlib.import_module(name)
            except BaseException:  # noqa: BLE001 - a module that will not import here is left cold
                sys.modules.pop(name, None)


def _learn(sources: list[bytes]) -> None:
    """Compile (never run) the sources a command compiled, for later children."""
    for source in sources:
        if source in _CODE:
            continue
        try:
            with warnings.catch_warnings(record=True) as warned:
                warnings.simplefilter("always")
                code = compile(source, "<warm>", "exec", dont_inherit=True)
        except Exception:  # noqa: BLE001 - it fails in each child as in a new Python
            code, warned = None, []
        _CODE[source] = marshal.dumps(code) if code is not None and not warned else None


def _serve(control: socket.socket):
    """Answer requests until the test process closes its end; in a child, return the
    command it is to run."""
    while True:
        message, fds, _, _ = socket.recv_fds(control, 1 << 20, 3)
        if not message:
            sys.exit(0)
        request = json.loads(message)
        report, reported = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        # The child's collections of garbage leave the server's objects alone: they would
        # write to, so copy, every page of them (and its end need not look at them).
        gc.freeze()
        pid = os.fork()
        if pid == 0:
            control.close()
            os.close(report)
            return request, fds, reported
        gc.unfreeze()
        for fd in (*fds, reported):
            os.close(fd)
        control.send(json.dumps({"pid": pid}).encode())
        with os.fdopen(report, "rb") as reading:
            told = reading.read()
        _, status = os.waitpid(pid, 0)
        control.send(json.dumps({"returncode": os.waitstatus_to_exitcode(status)}).encode())
        names, sources = marshal.loads(told) if told else ([], [])  # nothing told: it was killed
        _warm(names)
        _learn(sources)


# --- The child: a command's process ---------------------------------------------------------


def _become(request: dict, fds: list[int]) -> None:
    """Turn this child into the command's process, as ``python -m`` would have started it."""
    os.setsid()
    for target, fd in zip((0, 1, 2), fds):
        os.dup2(fd, target)
        os.close(fd)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    sys.dont_write_bytecode = bool(os.environ.get("PYTHONDONTWRITEBYTECODE"))
    sys.pycache_prefix = os.environ.get("PYTHONPYCACHEPREFIX") or None
    sys.path.insert(0, os.getcwd())
    sys.argv = ["-m", *request["args"]]
    importlib.invalidate_caches()


def _use_compiled(compiled: list[bytes]) -> None:
    """Import the sources the server holds code of as from a valid bytecode file; note in
    ``compiled`` the sources compiled here, for the server to learn.

    Only while no bytecode is written: a new Python would write it, and a copy's folder
    (or PYTHONPYCACHEPREFIX) would show it."""
    if not sys.dont_write_bytecode:
        return
    from importlib.machinery import SourceFileLoader
    from importlib.util import MAGIC_NUMBER, cache_from_source, source_hash

    read = SourceFileLoader.get_data
    checked_hash_based = (0b11).to_bytes(4, "little")

    def get_data(self, path):
        # SourceLoader.get_code asks for the bytecode file of its source first; the code
        # it then takes from this one gets the source's own path (_imp._fix_co_filename).
        if isinstance(path, str) and path.endswith(".pyc") and not self.path.startswith(LIBRARIES) \
                and path == cache_from_source(self.path):
            try:
                source = read(self, self.path)
            except OSError:
                pass
            else:
                code = _CODE.get(source, b"")
                if code:
                    return MAGIC_NUMBER + checked_hash_based + source_hash(source) + code
                if code is not None:  # not seen yet
                    compiled.append(source)
        return read(self, path)

    SourceFileLoader.get_data = get_data


def _report(reported: int, known: set[str], compiled: list[bytes]) -> None:
    """Tell the server the modules from the libraries the command imported and the sources
    it compiled."""
    names = []
    for name in set(sys.modules) - known:  # what the server had, it has
        origin = getattr(getattr(sys.modules[name], "__spec__", None), "origin", None)
        if name != "__main__" and origin and os.path.realpath(origin).startswith(LIBRARIES):
            names.append(name)
    with os.fdopen(reported, "wb") as file:
        file.write(marshal.dumps((sorted(names), compiled)))


def _exit_code(exit: SystemExit) -> int:
    """The exit code of an uncaught SystemExit, its message written as Python writes it."""
    code = exit.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF if -(1 << 63) <= code < 1 << 63 else 0xFF
    _write_stderr(str(code) + "\n")
    return 1


def _write_stderr(text: str) -> None:
    if sys.stderr is not None:
        sys.stderr.write(text)
    else:
        os.write(2, text.encode(errors="backslashreplace"))


def _print_uncaught(error: BaseException) -> int | None:
    """Print an uncaught exception as Python does (sys.excepthook); the exit code when the
    hook raised SystemExit."""
    kind, traceback = type(error), error.__traceback__
    sys.last_type, sys.last_value, sys.last_traceback = kind, error, traceback
    hook = getattr(sys, "excepthook", None)
    sys.audit("sys.excepthook", hook, kind, error, traceback)
    if hook is None:
        _write_stderr("sys.excepthook is missing\n")
        sys.__excepthook__(kind, error, traceback)
        return None
    try:
        hook(kind, error, traceback)
    except SystemExit as exit:
        return _exit_code(exit)
    except BaseException as failure:  # noqa: BLE001 - shown as Python shows it
        _write_stderr("Error in sys.excepthook:\n")
        sys.__excepthook__(type(failure), failure, failure.__traceback__)
        _write_stderr("\nOriginal exception was:\n")
        sys.__excepthook__(kind, error, traceback)
    return None


def _unraisable(error: BaseException, where: object) -> None:
    """As Python reports an exception it cannot raise at its end."""
    _write_stderr(f"Exception ignored in: {where!r}\n")
    sys.__excepthook__(type(error), error, error.__traceback__)


#: The files whose writes may wait in a buffer.
_BUFFERED = {io.TextIOWrapper, io.BufferedRandom, io.BufferedWriter, io.BufferedRWPair}


def _flush_open_files() -> None:
    """Flush the files the command left open, as tearing their objects down would."""
    for file in [o for o in gc.get_objects() if type(o) in _BUFFERED]:
        try:
            if not file.closed:
                file.flush()
        except Exception:  # noqa: BLE001,S112 - ignored at the end, as Python does
            continue


def _end(status: int, interrupted: bool, reported: int, known: set[str],
         compiled: list[bytes]) -> None:
    """End as Python ends (Py_FinalizeEx), without tearing down every module."""
    threading = sys.modules.get("threading")
    if threading is not None:
        try:
            threading._shutdown()  # joins the threads that are not daemons
        except BaseException as error:  # noqa: BLE001
            _unraisable(error, threading)
    atexit._run_exitfuncs()
    _flush_open_files()
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name, None)
        if stream is not None and not getattr(stream, "closed", False):
            try:
                stream.flush()
            except BaseException as error:  # noqa: BLE001
                if name == "stdout":
                    _unraisable(error, stream)
                status = 120
    _report(reported, known, compiled)
    if interrupted:  # KeyboardInterrupt ends Python by SIGINT
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGINT)
        status = 128 + signal.SIGINT
    os._exit(status)


def _run(module: str, reported: int) -> None:
    """Run the module as ``python -m`` runs it (runpy._run_module_as_main, called from C),
    in a new ``__main__``, and end."""
    import builtins
    import runpy

    known = set(sys.modules)
    compiled: list[bytes] = []
    _use_compiled(compiled)
    main = types.ModuleType("__main__")
    main.__builtins__ = builtins
    main.__annotations__ = {}
    sys.modules["__main__"] = main
    status, interrupted = 0, False
    try:
        runpy._run_module_as_main(module, alter_argv=True)
    except SystemExit as exit:
        status = _exit_code(exit)
    except BaseException as error:  # noqa: BLE001 - uncaught: printed, and the exit code is 1
        error.__traceback__ = error.__traceback__.tb_next  # without this frame, as from C
        interrupted = type(error) is KeyboardInterrupt
        printed = _print_uncaught(error)
        status = 1 if printed is None else printed
        del error
    _end(status, interrupted, reported, known, compiled)


if __name__ == "__main__":
    # The server's own folder (tests/) is not where anything is imported from.
    sys.path.pop(0)
    command, descriptors, report_to = _serve(socket.socket(fileno=int(sys.argv[1])))
    _become(command, descriptors)
    _run(command["module"], report_to)
