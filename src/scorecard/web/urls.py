from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from scorecard.web.accounts.views import admin_login
from scorecard.web.api.api import api

urlpatterns = [
    # The same per-address limit on attempts as the workspace login.
    path("admin/login/", admin_login, name="admin_login"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("scorecard.web.accounts.urls")),
    path("r/", include("scorecard.web.responses.urls")),
    path("api/v1/", api.urls),
    path("", include("scorecard.web.reports.urls")),
    path("", include("scorecard.web.networks.urls")),
    path("", include("scorecard.web.editions.urls")),
]
