"""Settings shared by every environment; the others start with `from .base import *`."""

import os
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

from .env import env_bool, env_float, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
# The local run's files (SQLite aside): the file broker, the local outbox, beat's schedule.
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env_str("SECRET_KEY", "insecure-local-key-change-me")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "django_htmx",
    "accounts",
    "curriculum",
    "curriculum.baseline",
    "progress",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages compressed below WhiteNoise (static files come compressed already). Django's
    # middleware pads each response with random bytes against BREACH-style length attacks,
    # and CSRF tokens are masked per response.
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

# Django's form renderer, with the plainest widgets written in Python (accounts.rendering).
FORM_RENDERER = "accounts.rendering.QuickRenderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# Django's and allauth's backends, reading the user's schedule with them (progress.backends).
AUTHENTICATION_BACKENDS = [
    "progress.backends.LearnerModelBackend",
    "progress.backends.LearnerAuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# allauth: e-mail is the identity, verified before first login.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_CHANGE_EMAIL = True
# Opening the confirmation link in the browser that signed up signs the user in (allauth
# only does so while the sign-up is in that session; another browser is sent to sign in).
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
# The browser's time zone is recorded at sign-up (a hidden field the page's script fills).
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
# The same forms with the product's wording in their labels.
ACCOUNT_FORMS = {
    "login": "accounts.account_forms.LoginForm",
    "change_password": "accounts.account_forms.ChangePasswordForm",
    "reset_password_from_key": "accounts.account_forms.ResetPasswordKeyForm",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Interview Prep] "
# Rate limits count per client address. Behind a reverse proxy every connection comes from
# the proxy, so the address must be read from what the proxy adds: the number of proxies of
# ours that append to X-Forwarded-For (its last entries are theirs; the one before is the
# client's, whatever the client wrote before it), or a header the proxy sets to the client's
# address (e.g. X-Real-IP). Without either, behind a proxy all clients share one limit.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env_str("TRUSTED_CLIENT_IP_HEADER", "") or None
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

SITE_NAME = "Interview Prep"
# Where e-mails link to: links in an e-mail need the full address of the site.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Interview Prep <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"

# Reminders (progress.reminders). A `mailto:` unsubscribe address is added to
# List-Unsubscribe when set; retries back off from BASE seconds, doubling up to CAP.
REMINDERS_UNSUBSCRIBE_MAILTO = env_str("REMINDERS_UNSUBSCRIBE_MAILTO", "")
MAIL_RETRY_MAX = env_int("MAIL_RETRY_MAX", 6)
MAIL_RETRY_BASE_SECONDS = env_float("MAIL_RETRY_BASE_SECONDS", 30.0)
MAIL_RETRY_CAP_SECONDS = env_float("MAIL_RETRY_CAP_SECONDS", 600.0)
REMINDERS_SWEEP_SECONDS = env_int("REMINDERS_SWEEP_SECONDS", 300)

# Strict policy: only this site's own scripts (with the per-request nonce), styles and images.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

REDIS_URL = env_str("REDIS_URL", "")

# Celery: every CELERY_* setting lives here (read by config/celery.py).
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
    # An unacknowledged message goes back to the queue after this many seconds (a worker
    # died holding it). Tasks never wait in the broker for longer (no far-future ETAs).
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600),
        # How often a worker looks for such messages.
        "unacked_restore_interval": env_int("CELERY_RESTORE_INTERVAL", 60),
        "unacked_restore_throttle": 1,
    }
else:
    # A broker kept in files: the zero-setup local run needs no server.
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT = "config.file_broker:Transport"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(VAR_DIR / "broker" / "queue"),
        "data_folder_out": str(VAR_DIR / "broker" / "queue"),
        "processed_folder": str(VAR_DIR / "broker" / "processed"),
        "control_folder": str(VAR_DIR / "broker" / "control"),
        "store_processed": False,
    }
    CELERY_RESULT_BACKEND = None
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Worker processes (`celery worker` without --concurrency). Sending e-mail waits more than it
# computes (each claim's commit, the mail server's replies): twice as many processes as
# cores keep the cores busy. Measured by benchmarks/reminders.py.
CELERY_WORKER_CONCURRENCY = env_int("CELERY_WORKER_CONCURRENCY", 2 * (os.cpu_count() or 1))
CELERY_TASK_TIME_LIMIT = 120
CELERY_TASK_SOFT_TIME_LIMIT = 100
# Send tasks set ignore_result themselves; the rest (ping, heartbeat) keep theirs for checks.
CELERY_TASK_IGNORE_RESULT = False
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "UTC"
# Beat only names tasks; what is due lives in the database (no far-future ETA tasks).
CELERY_BEAT_SCHEDULE = {
    "heartbeat": {"task": "progress.tasks.heartbeat", "schedule": 60.0},
    "reminders-sweep": {
        "task": "progress.reminders.tasks.reminders_sweep",
        "schedule": float(REMINDERS_SWEEP_SECONDS),
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
