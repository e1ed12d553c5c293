"""Gunicorn on loopback for the web benchmark, and the few plain HTTP requests around the load.

Gunicorn runs with production's settings (``deploy/gunicorn.conf.py``: sync workers, no preloading,
access log on stdout), bound to a free port of 127.0.0.1, with two changes on the command line: the
number of workers can be chosen, and workers are not recycled (``--max-requests 0``), because at a
benchmark's request rate production's 1000-request recycling would restart every worker many times
during a run and measure start-ups instead of pages.
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from bench.environment import REPO_ROOT
from bench.overhead import CSRF_TOKEN
from bench.web.app import SCHEMA_VARIABLE

HOST = "127.0.0.1"  # loopback only: nothing of the benchmark is reachable from elsewhere
APPLICATION = "bench.web.app:create_app()"
DEPLOY_CONFIG = REPO_ROOT / "deploy" / "gunicorn.conf.py"
SECRET_KEY = "bench-web-secret-not-used-anywhere-else"


class ServerError(RuntimeError):
    """Gunicorn did not start, or a page did not answer as the benchmark needs."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def environment(database_url: str, instance_path: str, schema: str) -> dict[str, str]:
    """The workers' environment: production settings pinned, whatever HEMVIST_* the caller has set."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("HEMVIST_")}
    env.update(
        {
            "HEMVIST_ENV": "production",
            "HEMVIST_SECRET_KEY": SECRET_KEY,
            "HEMVIST_BASE_URL": "https://hemvist-bench.invalid",
            "HEMVIST_DATABASE_URL": database_url,
            "HEMVIST_INSTANCE_PATH": instance_path,
            "HEMVIST_LOG_LEVEL": "WARNING",
            "HEMVIST_DEMO": "false",
            "HEMVIST_PROXY_HOPS": "0",
            SCHEMA_VARIABLE: schema,
        }
    )
    env.pop("WEB_CONCURRENCY", None)
    return env


@dataclass
class Server:
    host: str
    port: int
    workers: int
    log_path: Path
    command: list[str]

    def request(self, method: str, path: str, *, cookie: str = "", body: dict | None = None):
        """(status, headers, text) of one request; no redirects followed, no cookie jar."""
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        headers = {"Cookie": cookie} if cookie else {}
        data = None
        if body is not None:
            data = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=data, headers=headers)
            response = connection.getresponse()
            return response.status, response.headers, response.read().decode("utf-8", "replace")
        finally:
            connection.close()

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text("utf-8", "replace").splitlines()[-lines:])
        except OSError:
            return ""


@contextmanager
def gunicorn(env: dict[str, str], workers: int, log_path: Path, timeout: float = 60) -> Iterator[Server]:
    """Gunicorn serving the benchmark's application until the block ends (also on errors and Ctrl-C)."""
    port = free_port()
    command = [
        sys.executable, "-m", "gunicorn", "-c", str(DEPLOY_CONFIG), "--bind", f"{HOST}:{port}",
        "--workers", str(workers), "--max-requests", "0", APPLICATION,
    ]  # fmt: skip
    server = Server(HOST, port, workers, log_path, command)
    with open(log_path, "wb") as log:
        # A session of its own: Ctrl-C in the terminal reaches the benchmark, which stops gunicorn itself.
        process = subprocess.Popen(
            command, cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        _wait_healthy(server, process, timeout)
        yield server
    finally:
        _stop(process)


def _wait_healthy(server: Server, process: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerError(f"gunicorn exited with status {process.returncode}:\n{server.log_tail()}")
        try:
            status, _headers, _text = server.request("GET", "/healthz")
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise ServerError(f"gunicorn did not answer /healthz within {timeout:.0f} s:\n{server.log_tail()}")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)  # gunicorn's graceful stop: the workers finish and exit
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # its own process group: the master and its workers
        process.wait(timeout=10)


def _cookies(headers) -> dict[str, str]:
    jar = SimpleCookie()
    for header in headers.get_all("Set-Cookie") or []:
        jar.load(header)
    return {name: morsel.value for name, morsel in jar.items()}


def log_in(server: Server, email: str, password: str) -> str:
    """Log in through the real form (CSRF token and all); returns the Cookie header for later requests."""
    status, headers, page = server.request("GET", "/login")
    match = CSRF_TOKEN.search(page)
    if status != 200 or match is None:
        raise ServerError(f"GET /login answered {status} without a CSRF token")
    cookies = _cookies(headers)
    cookie = "; ".join(f"{name}={value}" for name, value in cookies.items())
    form = {"csrf_token": match.group(1), "email": email, "password": password}
    status, headers, _page = server.request("POST", "/login", cookie=cookie, body=form)
    if status != 302 or "/login" in headers.get("Location", "/login"):
        raise ServerError(f"logging in as {email} failed: POST /login answered {status}")
    cookies.update(_cookies(headers))
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


LOGIN_FORM = re.compile(r'<input[^>]+name="password"')


def check_page(server: Server, path: str, cookie: str, expect: str | None = None) -> int:
    """The page answers 200 with content (not the login form, and ``expect`` in it); returns its size."""
    status, headers, text = server.request("GET", path, cookie=cookie)
    if status == 404:
        raise ServerError(f"GET {path} answered 404: is the page built yet?")
    if status in (301, 302, 303, 307, 308):
        raise ServerError(f"GET {path} redirected to {headers.get('Location')}: the session cookie was not accepted")
    if status != 200:
        raise ServerError(f"GET {path} answered {status}:\n{server.log_tail()}")
    if LOGIN_FORM.search(text):
        raise ServerError(f"GET {path} showed the login form")
    if expect is not None and expect not in text:
        raise ServerError(f"GET {path} answered 200 without {expect!r}")
    return len(text.encode("utf-8"))
