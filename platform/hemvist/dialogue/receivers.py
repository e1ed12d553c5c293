"""The dialogue's section of a landlord's page, added through ``core.signals.landlord_page``."""

from __future__ import annotations

from flask import g, render_template, request
from flask_login import current_user
from markupsafe import Markup

from hemvist.core.paging import page_number
from hemvist.core.signals import landlord_page
from hemvist.dialogue import operations, presenting, queries

TIMELINE_PARAMETER = "interactions"


def landlord_section(landlord, tenant, **_extra) -> Markup:
    """The timeline, the open follow-ups, and who else is in touch, for the person reading the page."""
    # The section's own query parameter: which page of the timeline to show.
    page = page_number(request.args.get(TIMELINE_PARAMETER))
    dialogue = presenting.landlord_dialogue(tenant, landlord, current_user, timeline_page=page)
    return Markup(
        render_template(
            "dialogue/landlord_section.html",
            landlord=landlord,
            dialogue=dialogue,
            timeline_parameter=TIMELINE_PARAMETER,
            can_log=queries.can_log(g.get("membership")),
            may_change=lambda interaction: operations.may_change(tenant, current_user, interaction),
        )
    )


def connect() -> None:
    landlord_page.connect(landlord_section)
