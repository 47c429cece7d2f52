"""The main menu, written in Python: it is on every signed-in page, and as a template it cost
a dozen URL reversals and comparisons per response. The addresses are reversed once per
process; the link to the page being shown (or a page under it) is marked aria-current."""

from functools import cache

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe

register = template.Library()

# (URL name, label, whether the pages under it count as it too)
MENU = [
    ("plans:home", "Today", False),
    ("plans:plan", "Plan", False),
    ("curriculum:topics", "Topics", True),
    ("interviews:list", "Interviews", True),
    ("journal:practice", "Practice", True),
    ("journal:stories", "Stories", True),
    ("journal:mocks", "Mocks", True),
    ("plans:progress", "Progress", False),
    ("mentoring:dashboard", "Mentoring", True),
    ("settings:page", "Settings", False),
]


@cache
def _links() -> tuple[tuple[str, str, bool], ...]:
    return tuple((reverse(name), label, below) for name, label, below in MENU)


@register.simple_tag(takes_context=True)
def main_menu(context) -> str:
    path = context["request"].path
    items = []
    for url, label, below in _links():
        here = path.startswith(url) if below else path == url
        current = ' aria-current="page"' if here else ""
        items.append(f'<li><a href="{url}"{current}>{label}</a></li>')
    return mark_safe("\n".join(items))
