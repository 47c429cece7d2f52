from django.shortcuts import render


def home(request):
    if not request.user.is_authenticated:
        return render(request, "progress/landing.html")
    return render(request, "progress/today.html")
