"""Render lesson text: paragraphs, "- " bullet lists and ``` code blocks. Everything is
escaped first, so content (or an admin edit) can never inject markup."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


def _blocks(source: str):
    lines = source.replace("\r\n", "\n").split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.strip().startswith("```"):
            code = []
            i += 1
            while i < len(lines) and not lines[i].strip().startswith("```"):
                code.append(lines[i])
                i += 1
            yield "code", code
            i += 1
        elif line.lstrip().startswith("- "):
            items = []
            while i < len(lines) and lines[i].lstrip().startswith("- "):
                items.append(lines[i].lstrip()[2:])
                i += 1
            yield "list", items
        elif not line.strip():
            i += 1
        else:
            para = []
            while (
                i < len(lines)
                and lines[i].strip()
                and not lines[i].lstrip().startswith(("- ", "```"))
            ):
                para.append(lines[i].strip())
                i += 1
            yield "para", para


@register.filter
def lesson_markup(source: str) -> str:
    html = []
    for kind, lines in _blocks(source or ""):
        if kind == "code":
            html.append(f"<pre><code>{escape(chr(10).join(lines))}</code></pre>")
        elif kind == "list":
            html.append("<ul>" + "".join(f"<li>{escape(x)}</li>" for x in lines) + "</ul>")
        else:
            html.append(f"<p>{escape(' '.join(lines))}</p>")
    return mark_safe("\n".join(html))
