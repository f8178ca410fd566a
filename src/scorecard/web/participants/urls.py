from __future__ import annotations

from django.urls import path

from scorecard.web.participants import views

app_name = "participants"
E = "editions/<slug:slug>/participants/"
urlpatterns = [
    path(E, views.participant_list, name="list"),
    path(f"{E}import/", views.import_list, name="import"),
    path(f"{E}add/", views.add, name="add"),
    path(f"{E}<int:pk>/remove/", views.remove, name="remove"),
    path(f"{E}<int:pk>/reissue/", views.reissue, name="reissue"),
    path(f"{E}erase/", views.erase, name="erase"),
    path(f"{E}invite/", views.invite, name="invite"),
    path(f"{E}remind/", views.remind, name="remind"),
    path(f"{E}templates/", views.templates, name="templates"),
    path(f"{E}targets/", views.targets, name="targets"),
    path(f"{E}mailings/<int:pk>/", views.mailing_detail, name="mailing"),
    path("optout/<str:key>/", views.optout, name="optout"),
]
