"""Where the suite finds the test tools that are not Python: ``make system-deps`` installs them all.

axe-core and the Nu HTML checker come from npm (``node_modules/``, never copied into the repository),
chromium and Java from Debian. A missing tool fails the test with the command that installs it: the
suite never skips a check because the machine lacks something.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
NODE_MODULES = REPO_ROOT / "node_modules"
INSTALL_HINT = "run `make system-deps` to install the test tools (chromium, Java, axe-core, the Nu HTML checker)"

AXE = "axe-core/axe.min.js"
VNU = "vnu-jar/build/dist/vnu.jar"


def node_module_file(relative: str) -> Path:
    """A file from an npm package in ``node_modules/``, or a failed test saying how to install it."""
    path = NODE_MODULES / relative
    if not path.is_file():
        pytest.fail(f"{path} is missing: {INSTALL_HINT}", pytrace=False)
    return path


def program(name: str, *fallbacks: str) -> str:
    """The path of a program on this machine, or a failed test saying how to install it."""
    found = shutil.which(name) or next((p for p in fallbacks if Path(p).is_file()), None)
    if found is None:
        pytest.fail(f"`{name}` is not installed: {INSTALL_HINT}", pytrace=False)
    return found
