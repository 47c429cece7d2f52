"""Test settings: SQLite unless DATABASE_URL points elsewhere (CI uses PostgreSQL)."""

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Rate limits have their own tests; the rest of the suite signs in many times a minute.
ACCOUNT_RATE_LIMITS = False

# Serve static files straight from the source folders (no collectstatic needed).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Tasks run in-process, so a page that sends an account e-mail can be checked through the
# locmem outbox. This proves plumbing only: the reminder tests start a real worker on
# Redis and a real SMTP server for behaviour (tests/progress/reminders/).
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
