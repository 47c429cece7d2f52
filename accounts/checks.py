"""Deployment checks (`manage.py check --deploy`) for what e-mails need."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def site_url_is_https(app_configs, **kwargs):
    # Links in e-mails carry signed tokens, and RFC 8058 asks for an HTTPS unsubscribe URL.
    if settings.SITE_URL.startswith("https://"):
        return []
    return [
        Warning(
            f"SITE_URL is {settings.SITE_URL!r}: e-mail links and one-click unsubscribe need "
            "an https:// address.",
            id="accounts.W001",
        )
    ]
