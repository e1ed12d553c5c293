"""Log, correct and delete interactions; follow-ups; headline figures. Load → check → operate → render."""

from __future__ import annotations

from datetime import date

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from hemvist.auth.queries import members_of, users_by_id
from hemvist.core import clock
from hemvist.core.access import writer_required
from hemvist.core.paging import page_number
from hemvist.dialogue import operations, presenting, queries
from hemvist.dialogue.forms import ConfirmForm, InteractionForm, LogInteractionForm, PeriodForm, RescheduleForm
from hemvist.dialogue.operations import DialogueError
from hemvist.landlords.queries import get_landlord_or_404
from hemvist.tenancy.web import current_tenant


@writer_required
def log(landlord_id: int):
    landlord = get_landlord_or_404(current_tenant, landlord_id)
    members = members_of(current_tenant)
    form = LogInteractionForm(members=members, contacts=landlord.contacts)
    if request.method == "GET":
        member_ids = {member.id for member in members}
        form.occurred_on.data = clock.today()
        form.user_id.data = current_user.id
        form.assigned_to_id.data = landlord.owner_id if landlord.owner_id in member_ids else current_user.id
    problem = None
    if form.validate_on_submit():
        try:
            operations.log_interaction(
                current_tenant, current_user, landlord, form.interaction_data(), form.follow_up_plan()
            )
        except DialogueError as error:
            problem = str(error)
        else:
            flash(_("The contact with %(landlord)s is logged.", landlord=landlord.name), "success")
            return redirect(presenting.landlord_url(landlord.id))
    dialogue = presenting.landlord_dialogue(current_tenant, landlord, current_user)
    return render_template("dialogue/log.html", form=form, landlord=landlord, dialogue=dialogue, problem=problem)


def _changeable_interaction(landlord_id: int, interaction_id: int):
    landlord = get_landlord_or_404(current_tenant, landlord_id)
    interaction = queries.get_interaction_or_404(current_tenant, landlord, interaction_id)
    if not operations.may_change(current_tenant, current_user, interaction):
        abort(403)
    return landlord, interaction


@writer_required
def edit(landlord_id: int, interaction_id: int):
    landlord, interaction = _changeable_interaction(landlord_id, interaction_id)
    members = members_of(current_tenant)
    if interaction.user_id not in {member.id for member in members}:
        members += users_by_id([interaction.user_id]).values()
    form = InteractionForm(members=members, contacts=landlord.contacts)
    if request.method == "GET":
        form.fill(interaction)
    problem = None
    if form.validate_on_submit():
        try:
            operations.update_interaction(current_tenant, current_user, interaction, form.interaction_data())
        except DialogueError as error:
            problem = str(error)
        else:
            flash(_("The contact with %(landlord)s is saved.", landlord=landlord.name), "success")
            return redirect(presenting.landlord_url(landlord.id))
    return render_template("dialogue/edit.html", form=form, landlord=landlord, interaction=interaction, problem=problem)


@writer_required
def delete(landlord_id: int, interaction_id: int):
    landlord, interaction = _changeable_interaction(landlord_id, interaction_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        operations.delete_interaction(current_tenant, current_user, interaction)
        flash(_("The contact is deleted."), "success")
        return redirect(presenting.landlord_url(landlord.id))
    author = users_by_id([interaction.user_id]).get(interaction.user_id)
    return render_template("dialogue/delete.html", form=form, landlord=landlord, interaction=interaction, author=author)


def _everyone() -> bool:
    return request.values.get("who") == "all"


def follow_ups():
    everyone = _everyone()
    today = clock.today()
    lists = queries.follow_up_lists(
        current_tenant, today, None if everyone else current_user.id, later_page=page_number(request.args.get("later"))
    )
    users = users_by_id(follow_up.assigned_to_id for follow_up in lists.all)
    return render_template(
        "dialogue/follow_ups.html",
        lists=lists,
        users=users,
        everyone=everyone,
        today=today,
        can_write=queries.can_log(g.membership),
        form=ConfirmForm(),
    )


def _back_to_follow_ups():
    return redirect(url_for("dialogue.follow_ups", who="all") if _everyone() else url_for("dialogue.follow_ups"))


@writer_required
def complete(follow_up_id: int):
    follow_up = queries.get_open_follow_up_or_404(current_tenant, follow_up_id)
    if request.method == "POST" and ConfirmForm().validate_on_submit():
        operations.complete_follow_up(current_tenant, current_user, follow_up)
        flash(_("The follow-up of %(landlord)s is done.", landlord=follow_up.landlord.name), "success")
    return _back_to_follow_ups()


@writer_required
def reschedule(follow_up_id: int):
    follow_up = queries.get_open_follow_up_or_404(current_tenant, follow_up_id)
    form = RescheduleForm()
    if request.method == "GET":
        form.due_on.data = follow_up.due_on
    problem = None
    if form.validate_on_submit():
        try:
            operations.reschedule_follow_up(current_tenant, current_user, follow_up, form.due_on.data)
        except DialogueError as error:
            problem = str(error)
        else:
            flash(
                _("The follow-up of %(landlord)s is moved.", landlord=follow_up.landlord.name),
                "success",
            )
            return _back_to_follow_ups()
    assignee = users_by_id([follow_up.assigned_to_id]).get(follow_up.assigned_to_id)
    return render_template(
        "dialogue/reschedule.html",
        form=form,
        follow_up=follow_up,
        assignee=assignee,
        everyone=_everyone(),
        problem=problem,
    )


def figures():
    today = clock.today()
    form = PeriodForm(formdata=request.args)
    start, end = date(today.year, 1, 1), date(today.year, 12, 31)
    if form.validate():
        # A missing end is the end of the start's year, and the other way round.
        start = form.start.data or date((form.end.data or today).year, 1, 1)
        end = form.end.data or date(start.year, 12, 31)
        form.start.data, form.end.data = start, end
    return render_template("dialogue/figures.html", form=form, figures=queries.figures(current_tenant, start, end))
