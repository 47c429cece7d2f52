"""Own your data: download everything of yours as one JSON document, or delete it all."""

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render

from progress.pages import READ_WRITE, learner_page

from . import services
from .export import export_filename, export_of


@learner_page(needs_plan=False)
def export(request):
    # Streamed: the first bytes leave at once and a large account never waits in memory.
    response = StreamingHttpResponse(
        export_of(request.access.learner), content_type="application/json; charset=utf-8"
    )
    filename = export_filename(request.user.today)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@learner_page(methods=READ_WRITE, needs_plan=False)
@reauthentication_required(allow_get=True)
def delete(request):
    """What will go, and the button. Deleting asks for the password again (allauth's
    reauthentication, which resumes the POST), then signs the user out."""
    if request.method == "POST":
        if request.POST.get("confirm") != "delete":
            return render(
                request,
                "progress/privacy/delete.html",
                {"error": "Tick the box to confirm."},
                status=422,
            )
        services.account_delete(user=request.user)
        logout(request)
        messages.success(request, "Your account and everything in it are deleted.")
        return redirect("plans:home")
    return render(request, "progress/privacy/delete.html")
