"""What account pages add in a local run: where the e-mails they announce can be read."""

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, reverse

register = template.Library()


@register.simple_tag
def local_outbox_url() -> str:
    """The local outbox page's address while DEBUG is on and it is routed, else ""."""
    if not settings.DEBUG:
        return ""
    try:
        return reverse("dev_outbox")
    except NoReverseMatch:
        return ""
