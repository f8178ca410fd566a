"""Results (+ narrative + validation meetings) -> report files. One registry of renderers.

As datasette registers outputs, every output is one entry in registry.py:
``render(kind, fmt, inp)`` returns an ``Output`` (bytes, media type, file suffix)
for the report, the comparison, the groups and the network. All report formats
read the same ``ReportInput``; charts are drawn once per report (charts.draw_charts
is cached) and numbers are rounded and worded once (context.py, story.py).
Renderer modules import their heavy libraries (WeasyPrint, python-pptx,
openpyxl) inside the function, so ``import scorecard.report`` stays cheap.
Pure: no Django.
"""

from __future__ import annotations

from scorecard.report.groups import GroupsInput
from scorecard.report.inputs import ReportInput
from scorecard.report.meetings import (
    Decision,
    Meeting,
    MeetingFormat,
    MeetingsError,
    Suggestion,
    load_meetings,
    propose_agenda,
)
from scorecard.report.narrative import GoalNarrative, Narrative, NarrativeError, load_narrative
from scorecard.report.network import NetworkInput
from scorecard.report.output import Output
from scorecard.report.registry import (
    Renderer,
    UnknownFormatError,
    formats,
    register,
    render,
    renderers,
)

# The report's formats in order, {format: renderer}: the names the web lists.
RENDERERS: dict[str, Renderer] = renderers("report")

__all__ = [
    "RENDERERS",
    "Decision",
    "GoalNarrative",
    "GroupsInput",
    "Meeting",
    "MeetingFormat",
    "MeetingsError",
    "Narrative",
    "NarrativeError",
    "NetworkInput",
    "Output",
    "Renderer",
    "ReportInput",
    "Suggestion",
    "UnknownFormatError",
    "formats",
    "load_meetings",
    "load_narrative",
    "propose_agenda",
    "register",
    "render",
    "renderers",
]
