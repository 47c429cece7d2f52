"""Who may see what: every learner page starts from the signed-in user's own profile."""

from functools import wraps
from zoneinfo import ZoneInfo

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from .models import Profile


def local_today(profile: Profile):
    return timezone.localdate(timezone=ZoneInfo(profile.timezone))


def onboarded_required(view):
    """Signed in and onboarded; sets request.profile and request.today (the learner's date)."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        profile = Profile.objects.filter(user=request.user, onboarded_at__isnull=False).first()
        if profile is None:
            return redirect("onboarding")
        request.profile = profile
        request.today = local_today(profile)
        return view(request, *args, **kwargs)

    return wrapper


def back_to(request, fallback: str = "/") -> str:
    """Where a plain (non-htmx) form post returns to: a local `next`, else the fallback."""
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback
