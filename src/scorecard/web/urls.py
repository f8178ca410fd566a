from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from scorecard.web.accounts.views import admin_login
from scorecard.web.api import errors
from scorecard.web.api.api import api

urlpatterns = [
    # The admin's login, routed here before admin.site.urls: the workspace login's limits.
    path("admin/login/", admin_login, name="admin_login"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("scorecard.web.accounts.urls")),
    path("r/", include("scorecard.web.responses.urls")),
    path("api/v1/", errors.json_methods(api.urls)),
    path("", include("scorecard.web.reports.urls")),
    path("", include("scorecard.web.networks.urls")),
    path("", include("scorecard.web.participants.urls")),
    path("", include("scorecard.web.workspace.urls")),
]

# Error pages: JSON under /api/ (api/errors.py), Django's own pages elsewhere.
handler400 = errors.bad_request
handler403 = errors.permission_denied
handler404 = errors.page_not_found
handler500 = errors.server_error
