"""Tick, untick, note and skip: POST only, for whoever may change the plan. An htmx request
gets the item's row back (and the refreshed figures); a plain form post is redirected back.
A change made from a stale page is refused with a message instead of overwriting."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from progress.conflicts import Conflict
from progress.pages import WRITE, back_to, form_errors_from, learner_page

from .. import selectors, services
from ..forms import NoteForm, SkipForm, StatusForm
from .today import summary


def _respond(request, item, form=None, status=200, conflict=None):
    if not request.htmx:
        if conflict:
            messages.warning(request, conflict)
        return redirect(back_to(request))
    plan = selectors.plan_of(request.access)
    context = {
        "item": item,
        "form": form,
        "conflict": conflict,
        "oob": True,
        **summary(plan, request.schedule, request.access.learner, request.today),
    }
    return render(request, "progress/plans/partials/item_response.html", context, status=status)


def _item(request, item_id):
    return selectors.plan_item_get(viewer=request.user, item_id=item_id, change=True)


def _set_done(request, item_id, done: bool):
    item = _item(request, item_id)
    form = StatusForm(request.POST)
    expected = (form.cleaned_data["expected"] if form.is_valid() else "") or None
    try:
        item = services.plan_item_set_done(item=item, done=done, expected=expected)
    except Conflict as conflict:
        return _respond(request, item, status=409, conflict=str(conflict))
    return _respond(request, item)


@learner_page(methods=WRITE)
def item_done(request, item_id):
    return _set_done(request, item_id, done=True)


@learner_page(methods=WRITE)
def item_undo(request, item_id):
    return _set_done(request, item_id, done=False)


@learner_page(methods=WRITE)
def item_note(request, item_id):
    item = _item(request, item_id)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _invalid(request, item, form, "note")
    return _respond(request, services.plan_item_set_note(item=item, note=form.cleaned_data["note"]))


@learner_page(methods=WRITE)
def item_skip(request, item_id):
    item = _item(request, item_id)
    form = SkipForm(request.POST)
    if form.is_valid():
        try:
            item = services.plan_item_skip(
                item=item,
                reason=form.cleaned_data["reason"],
                expected=form.cleaned_data["expected"] or item.Status.PENDING,
            )
        except Conflict as conflict:
            return _respond(request, item, status=409, conflict=str(conflict))
        except ValidationError as error:
            form_errors_from(form, error)
    if form.errors:
        return _invalid(request, item, form, "skip")
    return _respond(request, item)


@learner_page()
def item_edit(request, item_id):
    """The note and skip forms of one item: loaded into the row when it is opened (htmx), or
    a page of their own without script. Rows leave them out, so a long list stays light."""
    item = _item(request, item_id)
    back = back_to(request)
    if request.htmx:
        context = {"item": item, "next_url": back}
        return render(request, "progress/plans/partials/item_forms.html", context)
    return render(request, "progress/plans/item_edit.html", {"item": item, "back": back})


def _invalid(request, item, form, which):
    """Bad input: show the item with the error next to the field and the text kept."""
    if request.htmx:
        return _respond(request, item, form={which: form}, status=422)
    context = {"item": item, "form": {which: form}, "back": back_to(request)}
    return render(request, "progress/plans/item_edit.html", context, status=422)
