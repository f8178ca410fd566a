"""A URLconf with one page that fails, for the test that server errors are logged."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("boom-7f3a: a forced server error")


urlpatterns = [path("boom/", boom), path("", include("scorecard.web.urls"))]
