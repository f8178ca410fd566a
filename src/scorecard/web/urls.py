from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from scorecard.web.api.api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("scorecard.web.accounts.urls")),
    path("r/", include("scorecard.web.responses.urls")),
    path("api/v1/", api.urls),
    path("", include("scorecard.web.reports.urls")),
    path("", include("scorecard.web.networks.urls")),
    path("", include("scorecard.web.editions.urls")),
]
