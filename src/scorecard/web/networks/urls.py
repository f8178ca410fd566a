from __future__ import annotations

from django.urls import path

from scorecard.web.networks import views

app_name = "networks"
urlpatterns = [
    path("editions/<slug:slug>/compare/", views.comparison, name="comparison"),
    path("editions/<slug:slug>/compare/earlier/", views.set_earlier, name="set_earlier"),
    path("networks/", views.networks, name="list"),
    path("networks/<slug:slug>/", views.network, name="network"),
    path("networks/<slug:slug>/synthesis.<str:fmt>", views.network_export, name="export"),
]
