from __future__ import annotations

from django.urls import path

from scorecard.web.reports import views

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
    path("editions/<slug:slug>/validate/", views.validate, name="validate"),
    path("editions/<slug:slug>/publish/", views.publish, name="publish"),
    path("p/<slug:slug>/", views.public, name="public"),
    path("p/<slug:slug>/v<int:version>/", views.public, name="public_version"),
    path(
        "p/<slug:slug>/v<int:version>/report.<str:fmt>",
        views.public_download,
        name="public_download",
    ),
]
