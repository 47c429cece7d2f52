"""Pages travel compressed (with the length padding against BREACH) and static files are
stored under content-hashed names that browsers may keep forever."""

import gzip

import pytest
from django.core.management import call_command
from django.test import RequestFactory
from django.test.utils import override_settings


@pytest.mark.django_db
def test_pages_are_compressed_with_random_padding_against_breach(client):
    plain = client.get("/accounts/login/").content
    response = client.get("/accounts/login/", headers={"accept-encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    body = response.content
    assert len(body) < len(plain) / 2
    # Django's middleware writes a random-length file name into the gzip header ("heal the
    # breach"), so a page's compressed length does not reveal a guessed secret.
    fname_flag = 0x08
    assert body[3] & fname_flag
    page = gzip.decompress(body)
    assert b"<form" in page and b"csrfmiddlewaretoken" in page


def test_a_client_that_does_not_ask_gets_plain_html(client):
    response = client.get("/healthz/")
    assert "Content-Encoding" not in response


@pytest.mark.django_db  # closing a response tidies the database connections
def test_static_files_get_hashed_names_and_a_far_future_cache(tmp_path):
    """What the production settings do: collectstatic writes hashed and compressed copies,
    and WhiteNoise serves a hashed name as immutable."""
    from whitenoise.middleware import WhiteNoiseMiddleware

    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(
        STORAGES=storages,
        STATIC_ROOT=tmp_path,
        WHITENOISE_USE_FINDERS=False,
        WHITENOISE_AUTOREFRESH=False,
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
        from django.templatetags.static import static

        url = static("css/app.css")
        assert url != "/static/css/app.css" and url.endswith(".css")
        hashed = tmp_path / url.removeprefix("/static/")
        assert hashed.exists() and hashed.with_name(hashed.name + ".gz").exists()

        middleware = WhiteNoiseMiddleware(lambda request: None)
        request = RequestFactory().get(url, headers={"accept-encoding": "gzip"})
        response = middleware(request)
        assert response.status_code == 200
        assert response["Content-Encoding"] == "gzip"
        assert "immutable" in response["Cache-Control"]
        assert "max-age=315360000" in response["Cache-Control"]
        response.close()
