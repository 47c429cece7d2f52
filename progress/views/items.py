"""Tick, untick, note and skip: POST only, owner only, idempotent. An htmx request gets the
item's row back (and the refreshed figures); a plain form post is redirected back."""

from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from .. import selectors, services
from ..access import back_to, onboarded_required
from ..forms import NoteForm, SkipForm
from .today import summary


def _respond(request, item, form=None, status=200):
    if not request.htmx:
        return redirect(back_to(request))
    plan = selectors.active_plan_for(request.user)
    context = {
        "item": item,
        "form": form,
        "oob": True,
        **summary(plan, request.profile, request.today),
    }
    return render(request, "progress/partials/item_response.html", context, status=status)


@require_POST
@onboarded_required
def item_done(request, item_id):
    item = services.item_set_done(item=selectors.item_for_user(request.user, item_id), done=True)
    return _respond(request, item)


@require_POST
@onboarded_required
def item_undo(request, item_id):
    item = services.item_set_done(item=selectors.item_for_user(request.user, item_id), done=False)
    return _respond(request, item)


@require_POST
@onboarded_required
def item_note(request, item_id):
    item = selectors.item_for_user(request.user, item_id)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _invalid(request, item, form, "note")
    return _respond(request, services.item_set_note(item=item, note=form.cleaned_data["note"]))


@require_POST
@onboarded_required
def item_skip(request, item_id):
    item = selectors.item_for_user(request.user, item_id)
    form = SkipForm(request.POST)
    if not form.is_valid():
        return _invalid(request, item, form, "skip")
    return _respond(request, services.item_skip(item=item, reason=form.cleaned_data["reason"]))


def _invalid(request, item, form, which):
    """Bad input: show the item with the error next to the field and the text kept."""
    if request.htmx:
        return _respond(request, item, form={which: form}, status=422)
    return render(
        request, "progress/item_edit.html", {"item": item, "form": {which: form}}, status=422
    )
