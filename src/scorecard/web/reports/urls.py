from __future__ import annotations

from django.urls import path

from scorecard.web.reports import public, publish_views, views

app_name = "reports"
urlpatterns = [
    path("editions/<slug:slug>/narrative/", views.narrative, name="narrative"),
    path("editions/<slug:slug>/narrative/history/", views.history, name="history"),
    path("editions/<slug:slug>/meetings/", views.meetings, name="meetings"),
    path(
        "editions/<slug:slug>/meetings/<int:pk>/suggestions/",
        views.add_suggestion,
        name="add_suggestion",
    ),
    path("editions/<slug:slug>/report.<str:fmt>", views.draft_report, name="draft"),
    path("editions/<slug:slug>/publish/", publish_views.publish_page, name="publish"),
    path("editions/<slug:slug>/publish/preview/", publish_views.preview, name="publish_preview"),
    path(
        "editions/<slug:slug>/publish/v<int:version>/",
        publish_views.publish_progress,
        name="publish_progress",
    ),
    path("p/<slug:slug>/", public.landing, name="public"),
    path("p/<slug:slug>/v<int:version>/", public.landing, name="public_version"),
    path(
        "p/<slug:slug>/v<int:version>/report.<str:fmt>",
        public.legacy_download,
        name="public_download",
    ),
    path(
        "p/<slug:slug>/v<int:version>/<str:language>/<str:name>",
        public.public_file,
        name="public_file",
    ),
]
