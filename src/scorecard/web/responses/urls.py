"""Questionnaire addresses.

A personal link is ``reverse("responses:start", kwargs={"token": token})``: it
always sends the respondent to the first step not done yet.
"""

from __future__ import annotations

from django.urls import path

from scorecard.web.responses import openlink, views

app_name = "responses"
urlpatterns = [
    path("open/<slug:slug>/<str:key>/", openlink.open_link, name="open"),
    path("<str:token>/", views.start, name="start"),
    path("<str:token>/consent/", views.consent, name="consent"),
    path("<str:token>/profile/", views.profile, name="profile"),
    path("<str:token>/goals/", views.goals, name="goals"),
    path("<str:token>/goal/<int:goal>/", views.goal, name="goal"),
    path("<str:token>/review/", views.review, name="review"),
    path("<str:token>/done/", views.done, name="done"),
]
