"""Message templates: defaults per language, the coordinator's own wording, and the result.

Placeholders are replaced by plain text substitution, never ``str.format``: a
template is typed by a coordinator, and ``{link.__class__}`` must stay text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext

from scorecard.web.editions.models import Edition
from scorecard.web.participants.models import Kind, MailTemplate, Participant

PLACEHOLDERS = ("name", "link", "deadline", "coalition")
_PLACEHOLDER = re.compile(r"\{([^{}\s]*)\}")
OPTOUT_SALT = "scorecard.participants.optout"


@dataclass(frozen=True)
class Wording:
    subject: str
    body: str


def default_wording(kind: str, language: str) -> Wording:
    """The wording a new edition starts with, in the participant's language."""
    with translation.override(language):
        if kind == Kind.REMINDER:
            return Wording(
                gettext("Reminder: your assessment for {coalition}"),
                gettext(
                    "Dear {name},\n\n"
                    "We have not yet received your assessment for {coalition}. "
                    "Your personal link still works and keeps what you have answered "
                    "so far:\n\n{link}\n\nThe survey closes on {deadline}.\n\nThank you."
                ),
            )
        return Wording(
            gettext("Invitation: assess SDG delivery with {coalition}"),
            gettext(
                "Dear {name},\n\n"
                "{coalition} invites you to assess how the government delivers the "
                "Sustainable Development Goals. Your answers are anonymous. "
                "Your personal link (do not share it):\n\n{link}\n\n"
                "The survey closes on {deadline}.\n\nThank you."
            ),
        )


def wording(edition: Edition, kind: str, language: str) -> Wording:
    """The coordinator's template for this kind and language, else the default."""
    found = MailTemplate.objects.filter(edition=edition, kind=kind, language=language).first()
    if found is not None:
        return Wording(found.subject, found.body)
    return default_wording(kind, language)


def template_problems(text: str, need_link: bool) -> list[str]:
    """Why a subject or body cannot be used: unknown placeholders, or no link."""
    problems = []
    for found in _PLACEHOLDER.findall(text):
        if found not in PLACEHOLDERS:
            known = ", ".join(f"{{{p}}}" for p in PLACEHOLDERS)
            problems.append(
                gettext("Unknown placeholder {%(found)s}: use %(known)s.")
                % {"found": found, "known": known}
            )
    if need_link and "{link}" not in text:
        problems.append(gettext("The body must contain {link}: it is the participant's link."))
    return problems


def fill(text: str, values: dict[str, str]) -> str:
    return _PLACEHOLDER.sub(lambda m: values.get(m[1], m[0]), text)


def optout_key(participant_id: int) -> str:
    return signing.Signer(salt=OPTOUT_SALT).sign(str(participant_id))


def participant_of_key(key: str) -> int | None:
    try:
        return int(signing.Signer(salt=OPTOUT_SALT).unsign(key))
    except (signing.BadSignature, ValueError):
        return None


def placeholder_values(edition: Edition, name: str, link: str, language: str) -> dict[str, str]:
    with translation.override(language):
        deadline = (
            formats.date_format(edition.closes_at, "DATE_FORMAT")
            if edition.closes_at
            else gettext("the announced date")
        )
    return {
        "name": name,
        "link": link,
        "deadline": deadline,
        "coalition": edition.text("organisation", language) or edition.text("title", language),
    }


def optout_url(base_url: str, participant_id: int) -> str:
    path = reverse("participants:optout", args=[optout_key(participant_id)])
    return f"{base_url.rstrip('/')}{path}"


def compose(
    edition: Edition,
    kind: str,
    participant: Participant,
    link: str,
    base_url: str,
    message_id: int,
    cache: dict[tuple[str, str], Wording] | None = None,
) -> EmailMessage:
    """The message as it goes out: filled template, visible opt-out link, RFC 8058 headers."""
    language = participant.language
    key = (kind, language)
    if cache is not None and key in cache:
        words = cache[key]
    else:
        words = wording(edition, kind, language)
        if cache is not None:
            cache[key] = words
    values = placeholder_values(edition, participant.name, link, language)
    unsubscribe = optout_url(base_url, participant.pk)
    with translation.override(language):
        footer = gettext("To receive no more messages about this survey: %(url)s") % {
            "url": unsubscribe
        }
    subject = " ".join(fill(words.subject, values).split())  # no header injection by newline
    body = f"{fill(words.body, values)}\n\n-- \n{footer}\n"
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"
    return EmailMessage(
        subject=subject,
        body=body,
        to=[participant.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            # The same for every attempt at this message, so a copy sent again after a
            # crash (between the server's acceptance and our record of it) is recognisable.
            "Message-ID": f"<scorecard.{edition.pk}.{message_id}@{domain}>",
            "Content-Language": language,
        },
    )
