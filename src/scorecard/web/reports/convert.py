"""Stored rows <-> the core's Narrative and Meeting types, and report snapshots."""

from __future__ import annotations

import csv
import datetime
import io
from typing import TYPE_CHECKING, Any

from scorecard.analysis import Answers, Results, analyse, anonymous
from scorecard.analysis.compare import compare
from scorecard.interop import canonical_rows
from scorecard.interop.canonical import parse_answers
from scorecard.interop.tabular import parse_csv
from scorecard.method import Edition as CoreEdition
from scorecard.method import Framework, default_framework, framework_data, parse_framework
from scorecard.report.inputs import Identity, ReportInput
from scorecard.report.meetings import Decision, Meeting, MeetingFormat, Suggestion
from scorecard.report.narrative import GoalNarrative, Narrative
from scorecard.web.editions.identity import identity_of
from scorecard.web.editions.models import Edition, text_triples
from scorecard.web.reports import models
from scorecard.web.reports.meeting_texts import frozen_meetings, text_in
from scorecard.web.reports.texts import (
    current_texts,
    first_language,
    freeze,
    frozen,
    languages_of,
)
from scorecard.web.responses.store import load_answers

if TYPE_CHECKING:
    from scorecard.web.networks.logic import Reader

TOP_KEYS = ("context", "methodology", "recommendations", "full_report")


def narrative_from_texts(texts: dict[str, str], source: Edition | Framework) -> Narrative:
    fw = source.framework if isinstance(source, Edition) else source
    goals = []
    for number in fw.goal_numbers:
        quotes = tuple(
            q.strip() for q in texts.get(f"goal:{number}:quotes", "").split("\n\n") if q.strip()
        )
        goal = GoalNarrative(
            number,
            texts.get(f"goal:{number}:findings", ""),
            texts.get(f"goal:{number}:recommendations", ""),
            quotes,
        )
        if goal.findings or goal.recommendations or goal.quotes:
            goals.append(goal)
    return Narrative(
        context=texts.get("context", ""),
        methodology=texts.get("methodology", ""),
        pillars=tuple(
            (p.key, texts[f"pillar:{p.key}"]) for p in fw.pillars if texts.get(f"pillar:{p.key}")
        ),
        goals=tuple(goals),
        recommendations=texts.get("recommendations", ""),
        full_report=texts.get("full_report", ""),
    )


def meetings_of(edition: Edition, language: str | None = None) -> tuple[Meeting, ...]:
    """The meetings as the report in ``language`` shows them (None: the first language).

    Titles, suggestions and notes are that language's, else the first language's
    (reports.meeting_texts); the facts are the same in every language.
    """
    first = first_language(edition)
    lang = language or first
    stored = models.Meeting.objects.filter(edition=edition).prefetch_related("suggestions")
    return tuple(
        Meeting(
            date=m.date,
            format=MeetingFormat(m.format),
            participants=tuple((str(s), int(n)) for s, n in m.participants),
            goals=tuple(int(g) for g in m.goals),
            suggestions=tuple(
                Suggestion(
                    text_in(s, "text", lang, first),
                    Decision(s.decision),
                    text_in(s, "note", lang, first),
                    s.goal,
                )
                for s in m.suggestions.all()
            ),
            title=text_in(m, "title", lang, first),
        )
        for m in stored
    )


def draft_input(
    edition: Edition, language: str, reader: Reader | None = None, anonymous_profile: bool = True
) -> ReportInput:
    """The report as it would be now; ``reader`` is who will see it (None: the system).

    The narrative is the one of ``language`` (the first language's text where that
    language has none: reports.texts).

    The comparison is left out when ``reader`` may not read the earlier edition. The
    draft shows the profile as publishing will (small groups merged): workspace viewers
    download it too. Only the coordinators' pre-publishing checks read the full profile.
    """
    from scorecard.web.networks.logic import comparison_for

    answers = load_answers(edition)
    results = analyse(answers, edition.core())
    narrative = narrative_from_texts(current_texts(edition, language), edition)
    return ReportInput(
        results,
        language,
        narrative,
        meetings_of(edition, language),
        comparison=comparison_for(edition, results, answers, reader=reader),
        anonymous_profile=anonymous_profile,
        identity=identity_of(edition),
    )


def _frozen_answers(edition: Edition) -> dict[str, Any]:
    out = io.StringIO()
    csv.writer(out).writerows(canonical_rows(load_answers(edition)))
    core = edition.core()
    return {
        "edition_data": {
            "title": core.title,
            "country": core.country,
            "year": core.year,
            "organisation": core.organisation,
            "synthetic": core.synthetic,
            "languages": list(core.languages),
            "goals": list(edition.framework.goal_numbers),
            # Frozen too: editing the edition's Russian title later leaves version 1 alone.
            "texts": core.texts_by_field(),
        },
        "answers_csv": out.getvalue(),
    }


def snapshot(edition: Edition) -> dict[str, Any]:
    """Everything a published version needs to be rendered again, identically.

    The earlier edition it is compared with is frozen too (inside ``meetings`` would be
    wrong; it rides along in ``edition_data``), so a later change there cannot alter a
    published comparison.
    """
    from scorecard.web.networks.logic import earlier_of

    frozen = _frozen_answers(edition)
    frozen["edition_data"]["identity"] = identity_of(edition).to_json()  # logos included
    earlier = earlier_of(edition)
    if earlier is not None:
        frozen["edition_data"]["earlier"] = _frozen_answers(earlier)
    return {
        **frozen,
        "framework": framework_data(default_framework()),
        "narrative": freeze(edition),  # every language's, as its report shows it
        # Every language's, as its report shows it (reports.meeting_texts).
        "meetings": {
            "by_language": {
                language: [_meeting_json(m) for m in meetings_of(edition, language)]
                for language in languages_of(edition)
            }
        },
    }


def frozen_framework(report: models.PublishedReport) -> Framework:
    """The framework as it was at publishing (versions from before it was stored: the default)."""
    if report.framework:
        return parse_framework(report.framework, f"version {report.version}")
    return default_framework()


def frozen_results(report: models.PublishedReport) -> Results:
    """The Results JSON stored with the version (and served by the API): profile anonymous."""
    return anonymous(_thaw(report.edition_data, report.answers_csv, frozen_framework(report))[1])


def _thaw(data: dict[str, Any], answers_csv: str, framework: Framework) -> tuple[Answers, Results]:
    fw = framework.with_goals(tuple(data["goals"]))
    answers = parse_answers(parse_csv(answers_csv.encode("utf-8"), "answers.csv"), fw)
    core = CoreEdition(
        title=data["title"],
        country=data["country"],
        year=data["year"],
        organisation=data["organisation"],
        synthetic=data["synthetic"],
        languages=tuple(data["languages"]),
        texts=text_triples(data.get("texts")),  # versions from before texts: none
    )
    return answers, analyse(answers, core)


def _meeting_json(m: Meeting) -> dict[str, Any]:
    return {
        "date": m.date.isoformat(),
        "format": str(m.format),
        "title": m.title,
        "participants": [list(p) for p in m.participants],
        "goals": list(m.goals),
        "suggestions": [
            {"text": s.text, "decision": str(s.decision), "note": s.note, "goal": s.goal}
            for s in m.suggestions
        ],
    }


def published_input(report: models.PublishedReport, language: str) -> ReportInput:
    data = report.edition_data
    base = frozen_framework(report)
    answers, results = _thaw(data, report.answers_csv, base)
    comparison = None
    if "earlier" in data:
        earlier = data["earlier"]
        before_answers, before = _thaw(earlier["edition_data"], earlier["answers_csv"], base)
        comparison = compare(before, results, answers=[before_answers, answers])
    meetings = tuple(
        Meeting(
            date=datetime.date.fromisoformat(m["date"]),
            format=MeetingFormat(m["format"]),
            participants=tuple((str(s), int(n)) for s, n in m["participants"]),
            goals=tuple(m["goals"]),
            suggestions=tuple(
                Suggestion(s["text"], Decision(s["decision"]), s["note"], s["goal"])
                for s in m["suggestions"]
            ),
            title=m["title"],
        )
        for m in frozen_meetings(report.meetings, report.languages, language)
    )
    return ReportInput(
        results,
        language,
        narrative_from_texts(
            frozen(report.narrative, report.languages, language),
            base.with_goals(tuple(data["goals"])),
        ),
        meetings,
        comparison=comparison,
        identity=Identity.from_json(data.get("identity")),
    )
