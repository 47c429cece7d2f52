"""The shape shared by the practice log, stories and mocks: a paginated list with an add
form on the same page, an edit page, and delete by POST. `save` is a callable that hands
the valid form's data to a service; a ValidationError it raises lands next to the fields."""

from django.contrib import messages
from django.shortcuts import redirect, render

from progress.pages import saved
from progress.paging import page_of


def _saved(request, form, save) -> bool:
    return request.method == "POST" and saved(form, save) is not None


def list_and_create(request, *, form, queryset, template, save, noun, extra=None):
    if _saved(request, form, save):
        messages.success(request, f"{noun} saved.")
        return redirect(request.path)
    context = {"form": form, "page": page_of(queryset, request), **(extra or {})}
    return render(request, template, context, status=422 if form.errors else 200)


def edit(request, *, form, template, save, noun, back, extra=None):
    if _saved(request, form, save):
        messages.success(request, f"{noun} updated.")
        return redirect(back)
    context = {"form": form, "back": back, **(extra or {})}
    return render(request, template, context, status=422 if form.errors else 200)


def deleted(request, *, noun, back):
    messages.success(request, f"{noun} deleted.")
    return redirect(back)
