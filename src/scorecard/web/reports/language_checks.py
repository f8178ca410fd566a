"""The pre-publishing check the core cannot make: sections missing in one of the languages.

The core's checks see the narrative of one report language. Only the workspace
knows every language's texts, so it adds the ``untranslated`` warning (one of
report.checks.CHECK_IDS, so ``--accept`` and the API take it like the others): a
section written in one language of the edition and not in another, or a meeting's
title, suggestion or note not translated from the first language. Like every
check it is a warning to acknowledge, not a refusal: the report in that language
shows the first language's text there, which a coalition may choose to publish.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from scorecard.report.checks import CHECK_IDS, Warning_
from scorecard.web.editions.forms import LANGUAGE_NAMES
from scorecard.web.editions.models import Edition
from scorecard.web.reports.meeting_texts import missing as meeting_gaps
from scorecard.web.reports.models import Meeting
from scorecard.web.reports.sections import sections
from scorecard.web.reports.texts import first_language, gaps, language_name, languages_of

CHECK_ID = "untranslated"


def untranslated(edition: Edition, language: str = "en") -> Warning_ | None:
    """The warning, worded in ``language``, naming each language and its missing texts."""
    missing = gaps(edition)
    first = first_language(edition)
    with translation.override(language):
        titles = {s.key: s.title for s in sections(edition, {})}
        meetings = list(Meeting.objects.filter(edition=edition).prefetch_related("suggestions"))
        lines: dict[str, list[str]] = {}
        for code in languages_of(edition):
            keys = missing.get(code, set())
            lines[code] = [titles[key] for key in titles if key in keys]
            lines[code] += [
                ngettext(
                    "validation meeting of %(date)s: %(n)s text not translated",
                    "validation meeting of %(date)s: %(n)s texts not translated",
                    n,
                )
                % {"date": m.date.isoformat(), "n": n}
                for m, n in meeting_gaps(meetings, code, first)
            ]
        details = tuple(
            f"{LANGUAGE_NAMES.get(code, code)} — " + "; ".join(found)
            for code, found in lines.items()
            if found
        )
        message = _(
            "Some narrative sections or meeting texts are not written in every language "
            "of the edition: where a language has no text, its report shows the "
            "%(first)s text, or says that the section is not written yet."
        ) % {"first": language_name(first)}
    return Warning_(CHECK_ID, message, details) if details else None


def in_order(found: list[Warning_]) -> list[Warning_]:
    """The warnings in the fixed order of CHECK_IDS, as the core returns its own."""
    return sorted(found, key=lambda w: CHECK_IDS.index(w.id) if w.id in CHECK_IDS else 99)
