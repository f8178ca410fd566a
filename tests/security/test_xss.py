"""Hostile text in every field that is shown again is shown as text, never run.

The payloads go in through the real forms and the API, as a coordinator, a
respondent and a gateway would send them: edition title, organisation,
narrative (with a ``javascript:`` Markdown link), meeting title, suggestion
and note, the publication note, respondents' comments and profile region.
Then every page and HTML report that shows them is read back.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User
from django.test import Client

from scorecard.report.checks import CHECK_IDS
from tests.security.conftest import World
from tests.web.publishing import work_queue

SCRIPT = '<script>alert("xss-1")</script>'
IMAGE = '"><img src=x onerror=alert("xss-2")>'
SVG = "<svg/onload=alert('xss-3')>"
LINK = "[click](javascript:alert('xss-4'))"
HOSTILE = f"{SCRIPT}{IMAGE}{SVG}"
RAW = (SCRIPT, "<img src=x onerror", "<svg/onload", '="javascript:', "='javascript:")


@dataclass
class Planted:
    world: World
    alice: Client
    respondent: Client


def plant(world: World) -> Planted:
    alice = world.client("alice")
    kz = "/editions/kz"
    edit = {
        "title": f"T {HOSTILE}", "slug": "kz", "country": "Kazakhstan", "year": "2024",
        "organisation": HOSTILE, "goals": [str(g) for g in range(1, 18)],
        "languages": ["en"], "status": "open",
    }  # fmt: skip
    assert alice.post(f"{kz}/edit/", edit).status_code == 302
    narrative = {
        "context": f"{HOSTILE}\n\n{LINK}", "methodology": HOSTILE, "goal:3:findings": HOSTILE,
        "goal:3:quotes": HOSTILE, "recommendations": LINK, "pillar:policy": HOSTILE,
    }  # fmt: skip
    assert alice.post(f"{kz}/narrative/", narrative).status_code == 302
    meeting = {
        "date": "2024-06-01", "format": "online", "title": HOSTILE[:200], "goals": ["3"],
        "sector_0": "2",
    }  # fmt: skip
    assert alice.post(f"{kz}/meetings/", meeting).status_code == 302
    suggestion = {"text": HOSTILE, "decision": "accepted", "note": HOSTILE, "goal": "3"}
    assert (
        alice.post(f"{kz}/meetings/{world.ids['meeting']}/suggestions/", suggestion).status_code
        == 302
    )
    # A respondent: region and a goal comment, through the questionnaire.
    respondent = Client()
    r = f"/r/{world.token}"
    assert respondent.post(f"{r}/consent/", {"consent": "on"}).status_code == 302
    profile = {"sector": "NGO", "gender": "Female", "region": f"{SCRIPT}{IMAGE}"[:100]}
    assert respondent.post(f"{r}/profile/", profile).status_code == 302
    assert respondent.post(f"{r}/goals/", {"goals": ["3"]}).status_code == 302
    page = {**{f"a{i}": "2" for i in range(1, 11)}, "comment": HOSTILE, "action": "next"}
    assert respondent.post(f"{r}/goal/3/", page).status_code == 302
    # A gateway: the same through the API.
    gateway = {
        "respondent": "gw-1", "region": SVG, "sector": SCRIPT[:60],
        "answers": [{"goal": 5, "scores": [1] * 10, "comment": HOSTILE}],
    }  # fmt: skip
    api = alice.post("/api/v1/editions/kz/answers", gateway, content_type="application/json")
    assert api.status_code == 200
    return Planted(world, alice, respondent)


def publish(planted: Planted) -> None:
    """Version 2, then a correction whose hostile reason readers see, as version 3."""
    alice = planted.alice
    accept = {"accept": list(CHECK_IDS)}
    for step in ("step/close/", "step/validate/", "publish/"):
        assert alice.post(f"/editions/kz/{step}", accept).status_code == 302
    assert alice.post("/editions/kz/step/correct/", {"reason": HOSTILE}).status_code == 302
    assert alice.post("/editions/kz/publish/", accept).status_code == 302
    assert work_queue() == [1, 2, 3]  # the world's own version 1, then ours


WORKSPACE = [
    "/", "/editions/kz/", "/editions/kz/edit/", "/editions/kz/results/",
    "/editions/kz/narrative/", "/editions/kz/narrative/history/", "/editions/kz/meetings/",
    "/editions/kz/report.html",
]  # fmt: skip
QUESTIONNAIRE = ["profile/", "goals/", "goal/3/", "review/"]
PUBLIC = ["/p/kz/", "/p/kz/v2/", "/p/kz/v3/", "/p/kz/v3/en/report.html"]
ADMIN = ["/admin/editions/edition/", "/admin/editions/edition/{pk}/change/"]
PAGES = (
    [pytest.param("alice", p, id=f"workspace {p}") for p in WORKSPACE]
    + [pytest.param("respondent", p, id=f"questionnaire {p}") for p in QUESTIONNAIRE]
    + [pytest.param("anonymous", p, id=f"public {p}") for p in PUBLIC]
    + [pytest.param("admin", p, id=f"admin {p}") for p in ADMIN]
)


@pytest.mark.parametrize(("who", "path"), PAGES)
def test_it_shows_hostile_text_as_text(world: World, who: str, path: str) -> None:
    planted = plant(world)
    if path.startswith("/p/"):
        publish(planted)
    if who == "alice":
        client = planted.alice
    elif who == "respondent":
        client, path = planted.respondent, f"/r/{world.token}/{path}"
    elif who == "admin":
        client = Client()
        client.force_login(User.objects.create_superuser("root", password="root-secret-pw"))
        path = path.format(pk=world.edition.pk)
    else:
        client = Client()
    response = client.get(path)
    assert response.status_code == 200, path
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    for raw in RAW:
        assert raw not in html.lower(), f"{raw!r} reached {path} unescaped"
    assert "xss-" in html, f"no payload shown on {path}: the test would prove nothing"


def test_it_never_links_to_javascript_from_markdown(world: World) -> None:
    planted = plant(world)
    html = planted.alice.get("/editions/kz/report.html").content.decode()
    assert "click" in html
    assert 'href="javascript' not in html.lower()
