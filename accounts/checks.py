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


@register(Tags.security, deploy=True)
def client_address_is_configured(app_configs, **kwargs):
    # Production trusts the proxy's X-Forwarded-Proto (SECURE_PROXY_SSL_HEADER): it runs
    # behind one, where the connection's address is the proxy's for every client.
    if not settings.SECURE_PROXY_SSL_HEADER:
        return []
    if settings.ALLAUTH_TRUSTED_PROXY_COUNT > 0 or settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER:
        return []
    return [
        Warning(
            "Behind the proxy, every client has the proxy's address, so rate limits put all "
            "clients in one bucket (ten failed logins lock everyone out).",
            hint="Set TRUSTED_PROXY_COUNT (proxies appending to X-Forwarded-For) or "
            "TRUSTED_CLIENT_IP_HEADER (a header the proxy sets to the client's address).",
            id="accounts.W002",
        )
    ]
