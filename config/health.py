"""Liveness: what a load balancer polls. It answers from the process alone (no session, no
database, no cache), so a slow database does not take every worker out of rotation; the
benchmarks use it as the cheapest page the middleware stack can serve."""

from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@never_cache
@require_safe
def healthz(request):
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
