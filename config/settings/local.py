"""The zero-setup local run: SQLite, a file broker, e-mails printed and kept in var/mail
(readable at /dev/outbox/)."""

from .base import *  # noqa: F403
from .base import VAR_DIR

DEBUG = True
LOCAL_OUTBOX_DIR = VAR_DIR / "mail"
MAILERS = {"default": {"BACKEND": "accounts.mail_backends.LocalOutboxBackend"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Serve static files straight from the source folders (no collectstatic needed).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
