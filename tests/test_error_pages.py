"""The site's own pages for a missing page (404), a crash (500) and a rate limit (429): in the
site's look, saying what happened and where to go, instead of the bare defaults."""

import pytest
from django.core.cache import cache
from django.template import loader
from django.test import Client, override_settings
from django.urls import path, reverse

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate limits count in the cache: start and leave it empty."""
    cache.clear()
    yield
    cache.clear()


def _crash(request):
    raise RuntimeError("a bug")


# This module doubles as a URLconf with one crashing view, for the 500 test.
urlpatterns = [path("crash/", _crash)]


def test_a_missing_page_answers_404_with_the_sites_page_and_a_way_back(client, learner):
    client.force_login(learner)

    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in response.text
    assert 'aria-label="Main"' in response.text  # the signed-in menu: the page is the site's
    assert f'href="{reverse("plans:home")}"' in response.text
    assert f'href="{reverse("curriculum:topics")}"' in response.text


def test_a_missing_page_for_a_visitor_offers_the_start_page_only(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in response.text
    assert f'href="{reverse("curriculum:topics")}"' not in response.text


@pytest.mark.urls(__name__)
def test_a_crash_answers_500_with_the_sites_page(learner):
    client = Client(raise_request_exception=False)
    client.force_login(learner)

    response = client.get("/crash/")

    assert response.status_code == 500
    assert "<h1>Something went wrong</h1>" in response.text
    assert "/static/css/app.css" in response.text
    assert '<html lang="en">' in response.text


def test_the_500_page_renders_without_a_request():
    # Django renders it with no context at all when a view has crashed.
    html = loader.get_template("500.html").render()

    assert "<h1>Something went wrong</h1>" in html
    assert 'href="/"' in html


@override_settings(ACCOUNT_RATE_LIMITS={"reset_password": "1/m/ip"})
def test_a_rate_limited_request_answers_429_with_what_to_do(client, learner):
    form = {"email": learner.email}
    client.post(reverse("account_reset_password"), form)

    response = client.post(reverse("account_reset_password"), form)

    assert response.status_code == 429
    assert "<h1>Too many attempts</h1>" in response.text
    assert "Wait a few minutes, then try again." in response.text
    assert f'href="{reverse("account_login")}"' in response.text
