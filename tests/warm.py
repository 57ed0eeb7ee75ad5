"""A warm start for the commands the tests run most: ``python -m <module> ...``.

The catalogue of bad input (tests/catalogue) runs make check's or the build's command in
a fresh copy of the project for each of its cases, and a new Python spends half of such a
command importing the same libraries (MkDocs, Material, pydantic, ...). Here a server,
one per test process, has imported them already and forks a child for each command. The
child is a process of its own, in a session of its own, with the command's working
folder, environment, arguments and standard streams; it runs the module as ``python -m``
does (the working folder first on sys.path) and ends as Python ends (atexit, exit code).
Only the start-up is shared.

The server never imports anything of a project: only modules of the standard library and
of the virtual environment, and only those that a command it ran imported (each child
tells it, as it exits). So every command imports the project's own modules (macros/, the
configuration's plugins' settings) from its own folder, as a new Python would.

``POLICY_TESTS_COLD=1`` runs every command in a new Python instead.
"""

from __future__ import annotations

import atexit
import importlib
import json
import os
import signal
import socket
import subprocess
import sys
import sysconfig
import tempfile
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


# --- The server ----------------------------------------------------------------------------


def _warm(names: list[str]) -> None:
    """Import the modules a command imported that came from the libraries."""
    for name in names:
        if name not in sys.modules:
            try:
                importlib.import_module(name)
            except BaseException:  # noqa: BLE001 - a module that will not import here is left cold
                sys.modules.pop(name, None)


def _imported_from_libraries() -> list[str]:
    names = []
    for name, module in list(sys.modules.items()):
        origin = getattr(getattr(module, "__spec__", None), "origin", None)
        if name != "__main__" and origin and os.path.realpath(origin).startswith(LIBRARIES):
            names.append(name)
    return names


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
        pid = os.fork()
        if pid == 0:
            control.close()
            os.close(report)
            return request, fds, reported
        for fd in (*fds, reported):
            os.close(fd)
        control.send(json.dumps({"pid": pid}).encode())
        with os.fdopen(report, "rb") as reading:
            names = reading.read().decode().split()
        _, status = os.waitpid(pid, 0)
        control.send(json.dumps({"returncode": os.waitstatus_to_exitcode(status)}).encode())
        _warm(names)


def _become(request: dict, fds: list[int], reported: int) -> None:
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
    sys.argv = [request["module"], *request["args"]]
    importlib.invalidate_caches()

    def report() -> None:  # registered first, so it runs last of the exit handlers
        with os.fdopen(reported, "wb") as file:
            file.write("\n".join(_imported_from_libraries()).encode())

    atexit.register(report)


if __name__ == "__main__":
    # The server's own folder (tests/) is not where anything is imported from.
    sys.path.pop(0)
    import runpy

    command, descriptors, report_to = _serve(socket.socket(fileno=int(sys.argv[1])))
    _become(command, descriptors, report_to)
    del command, descriptors, report_to
    runpy.run_module(sys.argv[0], run_name="__main__", alter_sys=True)
