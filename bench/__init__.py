"""Hemvist's benchmark: provisioning, upgrading and serving municipalities on both backends.

Run it from the checkout with ``make bench`` (or ``.venv/bin/python -m bench --help``). ``run()`` is the
whole benchmark as a function, so that a test can drive it in quick mode; ``bench/README.md`` says what
is measured and why.
"""

from bench.options import Options
from bench.runner import run

__all__ = ["Options", "run"]
