from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from accounts import outbox

admin.autodiscover()
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Interview Prep administration"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("topics/", include("curriculum.urls")),
    path("", include("progress.urls")),
]

if settings.DEBUG:
    urlpatterns += [path("dev/outbox/", outbox.outbox_view, name="dev_outbox")]
