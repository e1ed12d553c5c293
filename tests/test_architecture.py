"""Rules of the code base that a reviewer should not have to remember."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from hemvist.config import REPO_ROOT

PACKAGE = Path(REPO_ROOT) / "platform" / "hemvist"
SCHEMA_MACHINERY = re.compile(r"schema_translate_map|ATTACH|DETACH|search_path|CREATE SCHEMA")


def test_only_tenancy_knows_about_schemas():
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "tenancy" not in path.parts and SCHEMA_MACHINERY.search(path.read_text("utf-8"))
    ]
    assert offenders == []


# Flask-Babel's date formats are American in English; core.i18n's day-first ones are what readers here expect.
BABEL_DATE_FORMATS = re.compile(r"from flask_babel import[^\n]*\bformat_date(time)?\b|flask_babel\.format_date")


def test_dates_are_formatted_through_core_i18n():
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if path.name != "i18n.py" and BABEL_DATE_FORMATS.search(path.read_text("utf-8"))
    ]
    assert offenders == []


def test_no_init_file_shadows_the_standard_library_platform_module():
    assert not (Path(REPO_ROOT) / "platform" / "__init__.py").exists()
    import platform

    assert platform.system()  # the standard library's module, not our folder


def test_the_import_contracts_hold():
    result = subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports")), "--config", str(Path(REPO_ROOT) / "pyproject.toml")],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
