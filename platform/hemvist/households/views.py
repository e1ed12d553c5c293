from __future__ import annotations

from flask import render_template


def list_view():
    return render_template("households/list.html")
