"""The shape shared by the practice log, stories and mocks: a paginated list with an add
form on the same page, an edit page, and delete by POST. `save` is a callable that hands
the valid form's data to a service; a ValidationError it raises lands next to the fields."""

import uuid

from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.db.models import Count, Window
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from progress.fields import MAX_ID
from progress.pages import Part, cached_parts, draw, drawn_page, saved
from progress.paging import PAGE_SIZE, page_of


def _saved(request, form, save) -> bool:
    return request.method == "POST" and saved(form, save) is not None


def list_and_create(
    request, *, new_form, queryset, template, title, save, noun, cards=None, extra=None, also=""
):
    """`new_form`: makes the add form (bound to a POST), called only when it is needed: on a
    POST, or when the list is drawn. `cards`: turns the shown page's records into what the
    template shows of each (default: the records themselves); `extra`: what else the template
    shows, as a callable (called only when the list is drawn). The template gets `count`, how
    many records the list holds. `also`: what else the list follows, as progress.pages.Part
    says.

    The page is drawn once per change of the learner's data (progress.pages.cached_parts),
    its blank add form included (each response gets the form a submission key of its own). A
    refused form is drawn afresh, with what was typed and its errors."""
    form = new_form() if request.method == "POST" else None
    if form is not None and _saved(request, form, save):
        messages.success(request, f"{noun} saved.")
        return redirect(request.path)

    def context() -> dict:
        page = _page(queryset, request)
        if cards is not None:
            page.object_list = cards(page.object_list)
        shown = form or new_form()
        return {
            "form": shown,
            "add_form": add_form_fields(shown),
            "page": page,
            "count": page.paginator.count,
            **(extra() if extra else {}),
        }

    if form is not None:  # refused: drawn afresh, with what was typed
        body = draw(request, template, context())
        return drawn_page(request, title=title, body=body, status=422)
    # The add form is in the part: its submission key is replaced in every response.
    body = cached_parts(request, {"body": Part(template, context, also=also or "")})["body"]
    return drawn_page(request, title=title, body=body)


def _page(queryset, request):
    """The page `progress.paging.page_of` would pick, its records read with their total (a
    window count in the same query): one query instead of a COUNT and then the page. Only a
    number before the start or past the end costs those two, as page_of."""
    paginator = Paginator(queryset, PAGE_SIZE)
    try:
        number = int(request.GET.get("page") or 1)
    except ValueError:
        number = 1
    if 1 <= number <= MAX_ID // PAGE_SIZE:  # (a larger one is no offset the database takes)
        start = (number - 1) * PAGE_SIZE
        counted = queryset.annotate(listed_of=Window(Count("pk")))
        records = list(counted[start : start + PAGE_SIZE])
        if records or number == 1:
            paginator.count = records[0].listed_of if records else 0  # a cached property
            return Page(records, number, paginator)
    return page_of(queryset, request)


# An add form nobody has typed into is the same markup for every learner on the same date
# (its initial date) with the same curriculum (its choices), but for its random submission
# key, and drawing a form's widgets costs more than the rest of its page. So that markup is
# drawn once per process for each shape and the key put in for each response. The shape
# holds the choices read for this request, so a staff edit to the curriculum shows at once.
_BLANK_FORMS: dict[tuple, tuple[str, str]] = {}
_SHAPES_KEPT = 32  # a few forms times a few dates (learners' time zones) times edits


def add_form_fields(form):
    """The form's fields as `partials/form_fields.html` draws them."""
    if form.is_bound:  # typed in: values and errors of its own
        return render_to_string("partials/form_fields.html", {"form": form})
    shape = _shape(form)
    drawn = _BLANK_FORMS.get(shape)
    if drawn is None:
        key = str(uuid.uuid4())
        form.initial["submission"] = key
        before, after = render_to_string("partials/form_fields.html", {"form": form}).split(key)
        if len(_BLANK_FORMS) >= _SHAPES_KEPT:
            _BLANK_FORMS.clear()
        drawn = _BLANK_FORMS[shape] = (before, after)
        return mark_safe(key.join(drawn))
    before, after = drawn
    return mark_safe(f"{before}{uuid.uuid4()}{after}")


def _shape(form) -> tuple:
    """Everything an unbound form's markup depends on but its submission key: per field its
    label, help, whether required, initial value, widget attributes and choices. The choices
    are read once here and kept on the field, so drawing the form does not read them again."""
    shape = [type(form).__qualname__, form.prefix, form.auto_id]
    for name, field in form.fields.items():
        if name == "submission":
            continue
        choices = getattr(field, "choices", None)
        if choices is not None:
            # iter(): list() alone asks a model field's choices their length, a COUNT query.
            field.choices = choices = list(iter(choices))
            choices = tuple((str(value), str(label)) for value, label in choices)
        shape.append(
            (
                name,
                str(field.label),
                str(field.help_text),
                field.required,
                repr(form[name].initial),
                tuple(sorted((k, str(v)) for k, v in field.widget.attrs.items())),
                choices,
            )
        )
    return tuple(shape)


def edit(request, *, form, template, save, noun, back, extra=None):
    if _saved(request, form, save):
        messages.success(request, f"{noun} updated.")
        return redirect(back)
    context = {"form": form, "back": back, **(extra or {})}
    return render(request, template, context, status=422 if form.errors else 200)


def deleted(request, *, noun, back):
    messages.success(request, f"{noun} deleted.")
    return redirect(back)
