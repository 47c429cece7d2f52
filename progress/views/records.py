"""The shape shared by the practice log, stories and mocks: a paginated list with an add
form on the same page, an edit page, and delete by POST. Owner-only by construction: every
queryset and lookup passed in is already scoped to request.user."""

from django.contrib import messages
from django.shortcuts import redirect, render

from .. import log_selectors as selectors


def list_and_create(request, *, form, queryset, template, save, noun, extra=None):
    if request.method == "POST" and form.is_valid():
        save(form=form, user=request.user)
        messages.success(request, f"{noun} saved.")
        return redirect(request.path)
    context = {"form": form, "page": selectors.page_of(queryset, request), **(extra or {})}
    return render(request, template, context, status=422 if form.errors else 200)


def edit(request, *, form, template, save, noun, back, extra=None):
    if request.method == "POST" and form.is_valid():
        save(form=form, user=request.user)
        messages.success(request, f"{noun} updated.")
        return redirect(back)
    context = {"form": form, "back": back, **(extra or {})}
    return render(request, template, context, status=422 if form.errors else 200)


def delete(request, record, *, noun, back):
    record.delete()
    messages.success(request, f"{noun} deleted.")
    return redirect(back)
