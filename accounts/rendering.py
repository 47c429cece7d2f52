"""The form renderer (settings.FORM_RENDERER): Django's own, except that the plainest
widgets (inputs, selects, text areas) are written in Python instead of through their
templates.

Django draws every widget through two or three nested templates (input.html includes
attrs.html; a select includes one template per option). A settings page of two dozen fields
spent a third of its time there. The HTML is exactly what those templates write (tests
compare the two for each widget); any other template, and any widget whose option template
was changed, still goes through the templates."""

from django.forms.renderers import DjangoTemplates

from .forms import escape, html_attributes

WIDGETS = "django/forms/widgets/"
# The widgets whose template is nothing but {% include "django/forms/widgets/input.html" %}.
INPUTS = {
    f"{WIDGETS}{name}.html"
    for name in [
        *("input", "checkbox", "color", "date", "datetime", "email", "hidden", "number"),
        *("password", "search", "tel", "text", "time", "url"),
    ]
}
OPTION = f"{WIDGETS}select_option.html"


def input_tag(kind: str, name: str, value, attrs: dict) -> str:
    """<input> as django/forms/widgets/input.html writes it (`value` None: no value)."""
    shown = "" if value is None else f' value="{escape(value)}"'
    return f'<input type="{escape(kind)}" name="{escape(name)}"{shown}{html_attributes(attrs)}>'


def _input(widget: dict) -> str | None:
    return input_tag(widget["type"], widget["name"], widget["value"], widget["attrs"])


def _textarea(widget: dict) -> str | None:
    value = escape(widget["value"]) if widget["value"] else ""
    attributes = html_attributes(widget["attrs"])
    return f'<textarea name="{escape(widget["name"])}"{attributes}>\n{value}</textarea>'


def _select(widget: dict) -> str | None:
    parts = [f'<select name="{escape(widget["name"])}"{html_attributes(widget["attrs"])}>']
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(f'\n  <optgroup label="{escape(group)}">')
        for option in options:
            if option["template_name"] != OPTION:
                return None  # a custom option template: let the templates draw it
            attributes = html_attributes(option["attrs"])
            parts.append(
                f'\n  <option value="{escape(option["value"])}"{attributes}>'
                f"{escape(option['label'])}</option>\n"  # the option template's last line
            )
        if group:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


WRITERS = {
    **dict.fromkeys(INPUTS, _input),
    f"{WIDGETS}textarea.html": _textarea,
    f"{WIDGETS}select.html": _select,
}


class QuickRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        write = WRITERS.get(template_name)
        html = write(context["widget"]) if write is not None else None
        if html is None:
            return super().render(template_name, context, request)
        return html
