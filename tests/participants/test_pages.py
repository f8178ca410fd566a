"""The workspace pages: links with labels, CSV and re-issue; participants; templates; targets."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.contrib.auth.models import User
from django.test import Client

from scorecard.web.editions.models import TOKEN_ALPHABET, Edition, Invitation, hash_token
from scorecard.web.participants.models import MailTemplate, Participant, Target
from scorecard.web.responses.models import Respondent

LINK = re.compile(r"/r/([a-z0-9]+)/")


@pytest.fixture
def coordinator(edition: Edition) -> Client:
    from scorecard.web.editions.models import Role

    alice = User.objects.create(username="alice")
    Role.objects.create(user=alice, edition=edition, kind="coordinator")
    client = Client()
    client.force_login(alice)
    return client


def test_a_labelled_batch_downloads_as_csv(edition: Edition, coordinator: Client) -> None:
    response = coordinator.post(
        f"/editions/{edition.slug}/invite/", {"count": "3", "label": "Almaty", "download": "csv"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["label", "link"]
    assert [r[0] for r in rows[1:]] == ["Almaty 1", "Almaty 2", "Almaty 3"]
    for label, link in rows[1:]:
        token = LINK.search(link)
        assert token is not None
        assert len(token[1]) == 28
        assert set(token[1]) <= set(TOKEN_ALPHABET)
        assert Invitation.objects.get(token_hash=hash_token(token[1])).label == label
        assert coordinator.get(f"/r/{token[1]}/").status_code == 302


def test_the_token_alphabet_has_no_look_alikes_and_128_bits() -> None:
    import math

    assert not set(TOKEN_ALPHABET) & set("0O1lIo")
    assert TOKEN_ALPHABET.lower() == TOKEN_ALPHABET
    assert len(set(TOKEN_ALPHABET)) == len(TOKEN_ALPHABET)
    assert 28 * math.log2(len(TOKEN_ALPHABET)) >= 128


def test_a_reissued_link_replaces_the_old_and_keeps_the_answers(
    edition: Edition, coordinator: Client
) -> None:
    old = edition.create_invitations(1)[0]
    invitation = Invitation.objects.get(token_hash=hash_token(old))
    person = Respondent.objects.create(edition=edition, invitation=invitation, sector="NGO")
    page = coordinator.post(f"/editions/{edition.slug}/links/{invitation.pk}/reissue/")
    assert page.status_code == 200
    new = LINK.search(page.content.decode())
    assert new is not None
    assert new[1] != old
    assert coordinator.get(f"/r/{old}/").status_code == 404
    assert coordinator.get(f"/r/{new[1]}/").status_code == 302
    person.refresh_from_db()
    assert person.invitation_id == invitation.pk
    listing = coordinator.get(f"/editions/{edition.slug}/links/").content.decode()
    assert "re-issued" in listing


def test_reissue_is_refused_once_the_edition_is_closed(
    edition: Edition, coordinator: Client
) -> None:
    edition.create_invitations(1)
    invitation = Invitation.objects.get()
    edition.transition("close")
    before = invitation.token_hash
    response = coordinator.post(f"/editions/{edition.slug}/links/{invitation.pk}/reissue/")
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.token_hash == before


def test_the_participants_page_imports_and_names_bad_cells(
    edition: Edition, coordinator: Client
) -> None:
    url = f"/editions/{edition.slug}/participants/import/"
    bad = io.BytesIO(b"name,email\nA,a@example.kz\nB,not-mail\n")
    bad.name = "list.csv"
    response = coordinator.post(url, {"file": bad})
    assert response.status_code == 400
    assert "list.csv row 3, column email: not-mail is not an e-mail address" in (
        response.content.decode()
    )
    assert Participant.objects.count() == 0
    good = io.BytesIO("name,email,language\nАйгерим,a@example.kz,kk\n".encode())
    good.name = "list.csv"
    assert coordinator.post(url, {"file": good}).status_code == 302
    page = coordinator.get(f"/editions/{edition.slug}/participants/").content.decode()
    assert "Айгерим" in page
    assert "1 participants" in page or "1 participant" in page
    assert "not invited yet" in page


def test_adding_the_same_address_twice_is_refused(edition: Edition, coordinator: Client) -> None:
    url = f"/editions/{edition.slug}/participants/add/"
    data = {"name": "A", "email": "a@example.kz", "language": "ru"}
    assert coordinator.post(url, data).status_code == 302
    response = coordinator.post(url, {**data, "email": "A@EXAMPLE.KZ"})
    assert response.status_code == 400
    assert "already on the list" in response.content.decode()
    assert Participant.objects.count() == 1


def test_templates_preview_and_save_per_language(edition: Edition, coordinator: Client) -> None:
    url = f"/editions/{edition.slug}/participants/templates/"
    page = coordinator.get(url, {"kind": "invitation", "language": "ru"})
    assert page.status_code == 200
    assert "Aigerim Example" in page.content.decode()  # the default, previewed
    data = {
        "kind": "invitation",
        "language": "ru",
        "subject": "Приглашение {coalition}",
        "body": "Здравствуйте, {name}! {link} до {deadline}",
    }
    preview = coordinator.post(url, {**data, "action": "preview"}).content.decode()
    assert "Приглашение Coalition for Sustainable Development" in preview
    assert MailTemplate.objects.count() == 0
    assert coordinator.post(url, {**data, "action": "save"}).status_code == 302
    stored = MailTemplate.objects.get()
    assert (stored.kind, stored.language, stored.subject) == (
        "invitation",
        "ru",
        "Приглашение {coalition}",
    )
    bad = coordinator.post(url, {**data, "body": "{name} {link.__class__}", "action": "save"})
    assert bad.status_code == 200
    text = bad.content.decode()
    assert "Unknown placeholder {link.__class__}" in text
    assert "The body must contain {link}" in text
    assert MailTemplate.objects.get().body == data["body"]


def test_targets_count_submitted_respondents_and_warn(
    edition: Edition, coordinator: Client
) -> None:
    from django.utils import timezone

    url = f"/editions/{edition.slug}/participants/targets/"
    assert (
        coordinator.post(url, {"field": "sector", "value": "NGO", "minimum": "3"}).status_code
        == 302
    )
    assert (
        coordinator.post(
            url, {"field": "gender", "value": "Female", "minimum": "50", "share": "on"}
        ).status_code
        == 302
    )
    assert (
        coordinator.post(url, {"field": "gender", "value": "Female", "minimum": "10"}).status_code
        == 400
    )
    assert (
        coordinator.post(
            url, {"field": "region", "value": "X", "minimum": "101", "share": "on"}
        ).status_code
        == 400
    )
    now = timezone.now()
    for sector, gender in (("NGO", "Female"), ("NGO", "Male"), ("Media", "Male")):
        Respondent.objects.create(edition=edition, sector=sector, gender=gender, submitted_at=now)
    Respondent.objects.create(edition=edition, sector="NGO", gender="Female")  # not submitted
    from scorecard.web.participants.progress import target_progress

    found = {(p.target.field, p.target.value): p for p in target_progress(edition)}
    ngo, women = found[("sector", "NGO")], found[("gender", "Female")]
    assert (ngo.count, ngo.needed, ngo.behind) == (2, 3, True)
    assert (women.count, women.total, women.needed, women.behind) == (1, 3, 2, True)
    page = coordinator.get(url).content.decode()
    assert "behind: 3 needed" in page
    participants = coordinator.get(f"/editions/{edition.slug}/participants/").content.decode()
    assert "Behind target: Sector NGO has 2 of 3 needed." in participants
    assert Target.objects.count() == 2
