from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path, register_converter

from accounts import outbox

from .converters import IdConverter
from .health import healthz

register_converter(IdConverter, "id")

admin.autodiscover()
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Interview Prep administration"

urlpatterns = [
    path("healthz/", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    # Before the curriculum: /topics/<slug>/mine/ is the learner's own panel on a topic.
    path("", include("progress.plans.urls")),
    path("topics/", include("curriculum.urls")),
    path("", include("progress.interviews.urls")),
    path("", include("progress.journal.urls")),
    path("", include("progress.settings.urls")),
    path("", include("progress.reminders.urls")),
    path("", include("progress.mentoring.urls")),
    path("", include("progress.privacy.urls")),
    path("", include("progress.feeds.urls")),
    path("", include("progress.review.urls")),
]

if settings.DEBUG:
    urlpatterns += [path("dev/outbox/", outbox.outbox_view, name="dev_outbox")]
