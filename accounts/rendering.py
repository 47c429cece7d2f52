"""The form renderer (settings.FORM_RENDERER): Django's own, except that the plainest
widgets (inputs, selects, text areas, groups of radio buttons and boxes) are written in
Python instead of through their templates.

Django draws every widget through nested templates (input.html includes attrs.html; a select
includes one template per option, a group of radio buttons four per option). A settings
page with a dozen 1-5 ratings and two dozen fields spent most of its time there. The HTML
is exactly what those templates write (tests compare the two for each widget); any other
template, and any widget whose option template was changed, still goes through the
templates."""

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
CHOICE_OPTIONS = {f"{WIDGETS}radio_option.html", f"{WIDGETS}checkbox_option.html"}


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


def _choices(widget: dict) -> str | None:
    """A group of radio buttons or boxes, as multiple_input.html and its option templates
    write it."""
    parts = []
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(f"\n  <div><label>{escape(group)}</label>")
        for option in options:
            if option["template_name"] not in CHOICE_OPTIONS:
                return None  # a custom option template: let the templates draw it
            parts.append(f"<div>\n    {_choice(option)}</div>")
        if group:
            parts.append("\n  </div>")
    outer = widget["attrs"]
    identity = f' id="{escape(outer["id"])}"' if outer.get("id") else ""
    style = f' class="{escape(outer["class"])}"' if outer.get("class") else ""
    return f"<div{identity}{style}>{''.join(parts)}\n</div>"


def _choice(option: dict) -> str:
    # The newlines are the ones Django's templates end with (input.html, input_option.html
    # and radio_option.html or checkbox_option.html).
    value = None if option["value"] is None else str(option["value"])
    field = input_tag(option["type"], option["name"], value, option["attrs"]) + "\n"
    if option["wrap_label"]:
        identity = option["attrs"].get("id")
        label_for = f' for="{escape(identity)}"' if identity else ""
        field = f"<label{label_for}>{field} {escape(option['label'])}</label>"
    return f"{field}\n\n"


WRITERS = {
    **dict.fromkeys(INPUTS, _input),
    f"{WIDGETS}textarea.html": _textarea,
    f"{WIDGETS}select.html": _select,
    f"{WIDGETS}radio.html": _choices,
    f"{WIDGETS}checkbox_select.html": _choices,
}


class QuickRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        write = WRITERS.get(template_name)
        html = write(context["widget"]) if write is not None else None
        if html is None:
            return super().render(template_name, context, request)
        return html
