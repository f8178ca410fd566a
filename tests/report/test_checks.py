"""Checks before publishing, computed on small samples whose answers are counted by hand."""

from __future__ import annotations

import datetime

from scorecard.analysis import analyse
from scorecard.analysis.agreement import contested_cells
from scorecard.report.checks import CHECK_IDS, publish_checks, unaccepted
from scorecard.report.meetings import Meeting, MeetingFormat
from scorecard.report.narrative import GoalNarrative, Narrative
from scorecard.sample import sample_answers


def test_a_tiny_sample_fails_every_check_with_its_details() -> None:
    answers = sample_answers(4, seed=3)
    results = analyse(answers)
    found = {w.id: w for w in publish_checks(results, Narrative(), ())}
    assert list(found) == [c for c in CHECK_IDS if c in found]  # fixed order
    assert {"narrative", "meetings", "thin-goals", "small-groups"} <= set(found)
    thin = [f"SDG {g.goal}: {g.respondents}" for g in results.goals if g.respondents < 5]
    assert list(found["thin-goals"].details) == thin
    people = answers.respondents
    genders = {people.gender.value(i) for i in range(len(people))} - {None, ""}
    shown = [d for d in found["small-groups"].details if d.startswith("gender: ")]
    assert len(shown) == len(genders)  # 4 people: every group is under 5


def test_written_narrative_and_discussed_goals_pass() -> None:
    results = analyse(sample_answers(61, seed=2022))
    every_goal = tuple(
        GoalNarrative(g, "Findings", "Do this", ()) for g in results.framework.goal_numbers
    )
    narrative = Narrative(
        context="c",
        pillars=tuple((p.key, "p") for p in results.framework.pillars),
        goals=every_goal,
        recommendations="r",
        full_report="f",
    )
    meeting = Meeting(
        date=datetime.date(2024, 5, 1),
        format=MeetingFormat("online"),
        participants=(("NGO", 5),),
        goals=results.framework.goal_numbers,
        suggestions=(),
    )
    found = {w.id for w in publish_checks(results, narrative, (meeting,))}
    assert not found & {"narrative", "meetings", "contested"}
    undiscussed = Meeting(meeting.date, meeting.format, meeting.participants, (), ())
    again = {w.id: w for w in publish_checks(results, narrative, (undiscussed,))}
    assert ("contested" in again) == bool(contested_cells(results))


def test_unaccepted_keeps_only_what_was_not_acknowledged() -> None:
    found = publish_checks(analyse(sample_answers(4, seed=3)), Narrative(), ())
    assert unaccepted(found, None) == []
    assert [w.id for w in unaccepted(found, {"narrative"})] == [
        w.id for w in found if w.id != "narrative"
    ]
