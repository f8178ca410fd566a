"""The coalition's identity in the workspace: set, made safe, refused, frozen and published."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from PIL import Image

from scorecard.sample import sample_answers
from scorecard.web.editions.identity import identity_of
from scorecard.web.editions.models import Edition, Partner
from scorecard.web.reports.convert import published_input
from scorecard.web.responses.store import import_answers
from tests.report.test_identity import HOSTILE_SVG
from tests.web.personas import persona
from tests.web.publishing import publish_now

pytestmark = pytest.mark.django_db


def png(width: int = 60, height: int = 30) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (25, 72, 106)).save(out, "PNG")
    return out.getvalue()


def _edition() -> Edition:
    return Edition.objects.create(
        slug="kz", title="PSC Kazakhstan", country="Kazakhstan", year=2024,
        goals=list(range(1, 18)), status="open", languages=["en"],
    )  # fmt: skip


def upload(name: str, data: bytes, kind: str = "image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=kind)


def test_a_coordinator_sets_the_texts_on_the_edition_form() -> None:
    edition = _edition()
    alice = persona("alice", edition, "coordinator")
    form = {
        "title": "PSC Kazakhstan", "slug": "kz", "country": "Kazakhstan", "year": "2024",
        "goals": ["3"], "languages": ["en"], "coalition": "Kazakhstan SDG Coalition",
        "acknowledgement": "Funded by KOICA.", "contact": "psc@example.org", "licence": "",
    }  # fmt: skip
    response = alice.post("/editions/kz/edit/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    identity = identity_of(Edition.objects.get(slug="kz"))
    assert identity.coalition == "Kazakhstan SDG Coalition"
    assert identity.acknowledgement == "Funded by KOICA."
    assert identity.contact == "psc@example.org"
    assert identity.licence == "CC BY 4.0"  # left empty: the default


def test_a_hostile_svg_logo_is_stored_sanitised_and_shown_with_its_alt_text() -> None:
    edition = _edition()
    Edition.objects.filter(pk=edition.pk).update(coalition="Kazakhstan SDG Coalition")
    alice = persona("alice", edition, "coordinator")
    response = alice.post(
        "/editions/kz/identity/logo/", {"logo": upload("logo.svg", HOSTILE_SVG, "image/svg+xml")}
    )
    assert response.status_code == 302
    edition.refresh_from_db()
    assert edition.logo is not None
    stored = bytes(edition.logo).decode("utf-8")
    assert edition.logo_type == "image/svg+xml"
    assert "<rect" in stored
    for gone in ("script", "onload", "onclick", "evil.example", "foreignObject", "javascript"):
        assert gone not in stored, gone
    page = alice.get("/editions/kz/identity/").content.decode()
    assert re.search(r'<img class="identity-logo" src="data:image/svg\+xml;base64,[^"]+" '
                     r'alt="Kazakhstan SDG Coalition">', page)  # fmt: skip


@override_settings(SCORECARD_MAX_LOGO_BYTES=1024)
def test_an_oversized_logo_is_refused_with_a_message_and_nothing_stored() -> None:
    edition = _edition()
    alice = persona("alice", edition, "coordinator")
    big = png(600, 600)
    assert len(big) > 1024
    response = alice.post("/editions/kz/identity/logo/", {"logo": upload("big.png", big)})
    assert response.status_code == 400
    text = response.content.decode()
    assert f"big.png is {-(-len(big) // 1024)} KB; a logo may be at most 1 KB." in text
    assert "Nothing was saved" in text
    edition.refresh_from_db()
    assert edition.logo is None
    assert edition.logo_type == ""
    response = alice.post(
        "/editions/kz/identity/partners/", {"name": "ARGO", "logo": upload("big.png", big)}
    )
    assert response.status_code == 400
    assert not Partner.objects.exists()  # the partner is not added without its logo


def test_a_file_that_is_no_image_is_refused() -> None:
    edition = _edition()
    alice = persona("alice", edition, "coordinator")
    response = alice.post(
        "/editions/kz/identity/logo/", {"logo": upload("logo.png", b"<html>not an image</html>")}
    )
    assert response.status_code == 400
    assert "logo.png cannot be used as a logo (not a PNG, JPEG or SVG image)" in (
        response.content.decode()
    )
    edition.refresh_from_db()
    assert edition.logo is None


def test_partners_are_added_in_order_and_removed_by_coordinators_only() -> None:
    edition = _edition()
    alice = persona("alice", edition, "coordinator")
    bob = persona("bob", edition, "viewer")
    assert alice.post(
        "/editions/kz/identity/partners/",
        {"name": "ARGO", "url": "https://argo.example.org", "logo": upload("argo.png", png())},
    ).status_code == 302  # fmt: skip
    assert alice.post("/editions/kz/identity/partners/", {"name": "CIOM"}).status_code == 302
    bad = alice.post("/editions/kz/identity/partners/", {"name": "X", "url": "javascript:x()"})
    assert bad.status_code == 400
    assert bob.post("/editions/kz/identity/partners/", {"name": "Bob's"}).status_code == 403
    assert bob.get("/editions/kz/identity/").status_code == 403
    identity = identity_of(edition)
    assert [(p.name, p.url) for p in identity.partners] == [
        ("ARGO", "https://argo.example.org"), ("CIOM", ""),
    ]  # fmt: skip
    assert identity.partners[0].logo is not None
    first = Partner.objects.get(name="ARGO")
    assert bob.post(f"/editions/kz/identity/partners/{first.pk}/remove/").status_code == 403
    assert alice.post(f"/editions/kz/identity/partners/{first.pk}/remove/").status_code == 302
    assert [p.name for p in identity_of(edition).partners] == ["CIOM"]


def test_the_published_version_keeps_the_identity_it_was_published_with() -> None:
    edition = _edition()
    import_answers(edition, sample_answers(30, seed=11))
    Edition.objects.filter(pk=edition.pk).update(
        coalition="Kazakhstan SDG Coalition", acknowledgement="Funded by KOICA.",
        contact="https://coalition.example.org", logo=png(), logo_type="image/png",
    )  # fmt: skip
    Partner.objects.create(edition=edition, name="ARGO", url="https://argo.example.org")
    report = publish_now(edition)
    # Changed after publishing: the published version does not follow.
    Edition.objects.filter(pk=edition.pk).update(coalition="Renamed", logo=None, logo_type="")
    Partner.objects.all().delete()
    frozen = published_input(report, "en").identity
    assert frozen.coalition == "Kazakhstan SDG Coalition"
    assert frozen.logo is not None
    assert [p.name for p in frozen.partners] == ["ARGO"]

    page = Client().get("/p/kz/")
    html = page.content.decode()
    assert page.status_code == 200
    assert re.search(r'<img class="signed-logo" src="data:image/png;base64,[^"]+" '
                     r'alt="Kazakhstan SDG Coalition">', html)  # fmt: skip
    assert '<a href="https://argo.example.org" rel="noopener noreferrer">ARGO</a>' in html
    assert "Funded by KOICA." in html
    assert '<a href="https://coalition.example.org">https://coalition.example.org</a>' in html
    assert "Licence: CC BY 4.0" in html
    assert "data:" in page["Content-Security-Policy"].split("img-src", 1)[1].split(";")[0]
    assert "Renamed" not in html

    stored = Client().get("/p/kz/v1/en/report.html")
    assert "img-src data:" in stored["Content-Security-Policy"]
    assert b'alt="Kazakhstan SDG Coalition"' in stored.content
    from pptx import Presentation

    deck = Presentation(io.BytesIO(Client().get("/p/kz/v1/en/report.pptx").content))
    title = {s.name: s for s in deck.slides[0].shapes}
    assert title["Coalition"].text_frame.text == "Kazakhstan SDG Coalition"
    assert title["Kazakhstan SDG Coalition"].image.content_type == "image/png"


@pytest.mark.parametrize(
    ("language", "partner", "person"), [("ru", "Название", "Имя"), ("kk", "Атауы", "Аты-жөні")]
)
def test_name_is_a_partners_name_or_a_persons_name_by_context(
    language: str, partner: str, person: str
) -> None:
    """One English word, two roles: an organisation's name and a participant's name."""
    from django.utils import translation

    with translation.override(language):
        assert translation.pgettext("organisation", "Name") == partner
        assert translation.pgettext("person", "Name") == person
