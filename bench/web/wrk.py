"""wrk, the load generator: installed when missing, run against loopback, its output parsed.

``report.lua`` (beside this file) makes wrk print one ``BENCH_RESULT {json}`` line with the request count,
the status classes (wrk alone would not count redirects) and the latency percentiles; wrk's own text
(``Requests/sec``, ``Latency Distribution``, ``Non-2xx or 3xx responses``) is parsed as well, as a
cross-check and for a script-less run.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import asdict, dataclass, field
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent / "report.lua"
RESULT_PREFIX = "BENCH_RESULT "


class WrkError(RuntimeError):
    """wrk could not be installed or run, or its output could not be read."""


def ensure_installed(progress) -> str:
    """The path of wrk, installed from Debian's packages with apt-get when it is missing."""
    found = shutil.which("wrk")
    if found:
        return found
    if shutil.which("apt-get") is None:
        raise WrkError("wrk is not installed and there is no apt-get to install it: install wrk")
    sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = [*sudo, "apt-get", "install", "-y", "-qq", "wrk"]
    progress("web: wrk is missing, installing it with apt-get")
    if subprocess.run(install, env=env, capture_output=True, check=False).returncode != 0:
        # The package lists may be missing or stale (a fresh container): read them and try again.
        subprocess.run([*sudo, "apt-get", "update", "-qq"], env=env, capture_output=True, check=False)
        result = subprocess.run(install, env=env, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise WrkError(f"apt-get install wrk failed: {result.stderr.strip()[-500:]}")
    found = shutil.which("wrk")
    if not found:
        raise WrkError("apt-get installed wrk, but it is not on PATH")
    return found


def version(wrk: str) -> str:
    # wrk has no --version; its usage text (on stdout or stderr, exit status 1) starts with the version.
    result = subprocess.run([wrk, "-v"], capture_output=True, text=True, check=False)
    text = (result.stdout + result.stderr).strip()
    return text.splitlines()[0] if text else "unknown"


@dataclass
class Result:
    requests: int
    seconds: float
    requests_per_second: float
    p50_ms: float
    p75_ms: float
    p90_ms: float
    p95_ms: float
    p99_ms: float
    mean_ms: float
    max_ms: float
    status_2xx: int
    status_3xx: int
    status_other: int
    first_non_2xx: int | None
    socket_errors: dict = field(default_factory=dict)
    # What wrk's own text said, for the cross-check.
    wrk_requests_per_second: float | None = None

    @property
    def non_2xx(self) -> int:
        return self.status_3xx + self.status_other

    @property
    def errors(self) -> int:
        return self.non_2xx + sum(self.socket_errors.values())

    def as_dict(self) -> dict:
        return asdict(self)


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}
_DURATION = re.compile(r"([0-9.]+)(us|ms|s|m)\b")


def milliseconds(text: str) -> float:
    """wrk's durations ("812.00us", "1.53ms", "2.01s") in milliseconds."""
    match = _DURATION.fullmatch(text.strip())
    if match is None:
        raise WrkError(f"not a wrk duration: {text!r}")
    return float(match.group(1)) * _UNITS[match.group(2)]


def parse_text(output: str) -> dict:
    """What wrk's standard text says: requests per second, the latency distribution, non-2xx responses."""
    parsed: dict = {"latency_ms": {}}
    if match := re.search(r"^Requests/sec:\s+([0-9.]+)", output, re.MULTILINE):
        parsed["requests_per_second"] = float(match.group(1))
    if match := re.search(r"^\s*([0-9]+) requests in ([0-9.]+\w+),", output, re.MULTILINE):
        parsed["requests"] = int(match.group(1))
        parsed["seconds"] = milliseconds(match.group(2)) / 1000
    for percent, value in re.findall(r"^\s+([0-9]+)%\s+([0-9.]+(?:us|ms|s|m))\s*$", output, re.MULTILINE):
        parsed["latency_ms"][int(percent)] = milliseconds(value)
    match = re.search(r"Non-2xx or 3xx responses:\s+([0-9]+)", output)
    parsed["non_2xx_or_3xx"] = int(match.group(1)) if match else 0
    if match := re.search(r"Socket errors: connect ([0-9]+), read ([0-9]+), write ([0-9]+), timeout ([0-9]+)", output):
        parsed["socket_errors"] = dict(
            zip(("connect", "read", "write", "timeout"), map(int, match.groups()), strict=True)
        )
    return parsed


def parse(output: str) -> Result:
    """A run's figures from wrk's output with ``report.lua``'s line in it."""
    lines = [line for line in output.splitlines() if line.startswith(RESULT_PREFIX)]
    if not lines:
        raise WrkError(f"no {RESULT_PREFIX.strip()} line in wrk's output:\n{output[-2000:]}")
    data = json.loads(lines[-1][len(RESULT_PREFIX) :])
    text = parse_text(output)
    seconds = data["duration_us"] / 1_000_000
    latency = {key: value / 1000 for key, value in data["latency_us"].items()}
    status = data["status"]
    return Result(
        requests=data["requests"],
        seconds=seconds,
        requests_per_second=data["requests"] / seconds if seconds else 0.0,
        p50_ms=latency["p50"],
        p75_ms=latency["p75"],
        p90_ms=latency["p90"],
        p95_ms=latency["p95"],
        p99_ms=latency["p99"],
        mean_ms=latency["mean"],
        max_ms=latency["max"],
        status_2xx=status["2xx"],
        status_3xx=status["3xx"],
        status_other=status["other"],
        first_non_2xx=status["first_non_2xx"] or None,
        socket_errors=data["socket_errors"],
        wrk_requests_per_second=text.get("requests_per_second"),
    )


def command(wrk: str, url: str, *, seconds: float, connections: int, threads: int, headers=()) -> list[str]:
    if not url.startswith(("http://127.0.0.1:", "http://localhost:", "http://[::1]:")):
        raise WrkError(f"the benchmark loads loopback only, not {url}")
    args = [wrk, "--latency", "-t", str(threads), "-c", str(connections), "-d", f"{seconds:g}s", "--timeout", "10s"]
    for header in headers:
        args += ["-H", header]
    return [*args, "-s", str(SCRIPT), url]


def run(wrk: str, url: str, *, seconds: float, connections: int, threads: int, headers=()) -> Result:
    args = command(wrk, url, seconds=seconds, connections=connections, threads=threads, headers=headers)
    result = subprocess.run(args, capture_output=True, text=True, timeout=seconds + 60, check=False)
    if result.returncode != 0:
        raise WrkError(f"wrk exited with status {result.returncode}: {result.stderr.strip()[-500:]}")
    return parse(result.stdout)
