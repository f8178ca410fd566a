"""Validation meetings: the TOML file, its errors, the agenda proposal, the report section."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from scorecard.analysis import Results
from scorecard.method import default_framework
from scorecard.report import (
    Decision,
    Meeting,
    MeetingFormat,
    MeetingsError,
    ReportInput,
    Suggestion,
    load_meetings,
    propose_agenda,
)
from scorecard.report.html import report_document

from .conftest import SAMPLE
from .page import Page

FW = default_framework()


def test_it_loads_meetings_with_participants_and_decisions() -> None:
    first, second = load_meetings(SAMPLE / "meetings.toml", FW)
    assert first.date == datetime.date(2022, 5, 12)
    assert first.format is MeetingFormat.ONLINE
    assert first.participants == (("NGO", 7), ("Academic/educational", 3), ("Media", 1))
    assert first.total == 11
    assert first.goals == (1, 2, 3, 4, 5, 6)
    assert [s.decision for s in first.suggestions] == [Decision.INCORPORATED, Decision.REJECTED]
    assert first.suggestions[0].goal == 3
    assert second.format is MeetingFormat.IN_PERSON


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[meeting]]\ndate = 2022-13-01", r"meetings\.toml: not valid TOML"),
        ('[[meeting]]\ndate = "May"\nformat = "online"', r"meeting 1: date must be a TOML date"),
        ("[[meeting]]\ndate = 2022-05-01\nformat = 'zoom'", r"meeting 1: format must be one of"),
        (
            "[[meeting]]\ndate = 2022-05-01\nformat = 'online'\ngoals = [18]",
            r"meeting 1: goal 18 is not in this edition",
        ),
        (
            "[[meeting]]\ndate = 2022-05-01\nformat = 'online'\n"
            "[[meeting.suggestion]]\ntext = 'x'\ndecision = 'maybe'",
            r"meeting 1, suggestion 1: decision must be one of 'accepted', 'rejected', "
            r"'incorporated', not 'maybe'",
        ),
        (
            "[[meeting]]\ndate = 2022-05-01\nformat = 'online'\nparticipants = { NGO = -1 }",
            r"participants must map each sector to a whole number",
        ),
    ],
    ids=["toml", "date", "format", "goal", "decision", "participants"],
)
def test_it_names_the_entry_that_cannot_be_used(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "meetings.toml"
    path.write_text(text, "utf-8")
    with pytest.raises(MeetingsError, match=message):
        load_meetings(path, FW)


def test_it_proposes_the_most_disputed_cells_and_the_least_answered_goals(
    sample_results: Results,
) -> None:
    agenda = propose_agenda(sample_results)
    eligible = [c for c in sample_results.cells if c.sd is not None and c.n >= 3]
    top = sorted((c.sd or 0.0 for c in eligible), reverse=True)[:5]
    assert [c.sd for c in agenda.disputed] == top
    assert all(c.n >= 3 for c in agenda.disputed)
    fewest = sorted(g.answers for g in sample_results.goals)[:3]
    assert [g.answers for g in agenda.least_answered] == fewest


def test_it_lists_meetings_and_every_suggestion(sample_input: ReportInput) -> None:
    page = Page(report_document(sample_input))
    meetings = page.table("Meetings held")
    assert meetings.rows[1][:3] == ["May 12, 2022", "online · Goals 1-6", "11"]
    suggestions = page.table("Suggestions made in the meetings")
    assert [r[3] for r in suggestions.rows[1:]] == ["incorporated", "rejected", "accepted"]
    assert suggestions.rows[1][1] == "SDG 3 Good health and well-being"


def test_it_proposes_an_agenda_while_no_meeting_is_recorded(sample_results: Results) -> None:
    page = Page(report_document(ReportInput(sample_results)))
    assert "Proposed agenda" in [text for _, text in page.headings]
    assert len(page.table("Cells where respondents disagree most").rows) == 6


def test_it_keeps_meetings_plain_frozen_data() -> None:
    meeting = Meeting(
        datetime.date(2022, 5, 1),
        MeetingFormat.ONLINE,
        (("NGO", 2),),
        (3,),
        (Suggestion("x", Decision.ACCEPTED),),
    )
    assert hash(meeting) == hash(meeting)
    with pytest.raises(AttributeError):
        meeting.title = "y"  # type: ignore[misc]
