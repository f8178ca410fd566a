from __future__ import annotations

from django.urls import path

from scorecard.web.editions import identity, transitions
from scorecard.web.workspace import imports, views

app_name = "editions"
urlpatterns = [
    path("", views.home, name="home"),
    path("editions/new/", views.create, name="create"),
    path("editions/<slug:slug>/", views.detail, name="detail"),
    path("editions/<slug:slug>/edit/", views.edit, name="edit"),
    path("editions/<slug:slug>/results/", views.results_page, name="results"),
    path("editions/<slug:slug>/invite/", views.invite, name="invite"),
    path("editions/<slug:slug>/links/", views.links, name="links"),
    path("editions/<slug:slug>/links/<int:pk>/revoke/", views.revoke, name="revoke"),
    path("editions/<slug:slug>/links/<int:pk>/reissue/", views.reissue, name="reissue"),
    path("editions/<slug:slug>/step/<str:action>/", transitions.transition, name="transition"),
    path("editions/<slug:slug>/upload/", imports.upload, name="upload"),
    path("editions/<slug:slug>/import/", imports.preview, name="import_preview"),
    path("editions/<slug:slug>/import/confirm/", imports.confirm, name="import_confirm"),
    path("editions/<slug:slug>/import/draft-map/", imports.draft_map, name="import_draft_map"),
    path("editions/<slug:slug>/answers.<str:fmt>", views.download, name="download"),
    path("editions/<slug:slug>/identity/", identity.page, name="identity"),
    path("editions/<slug:slug>/identity/logo/", identity.logo, name="identity_logo"),
    path("editions/<slug:slug>/identity/partners/", identity.add_partner, name="identity_partners"),
    path(
        "editions/<slug:slug>/identity/partners/<int:pk>/remove/",
        identity.remove_partner,
        name="identity_partner_remove",
    ),
]
