"""What a coordinator should know before a report goes public: one list for web and CLI.

Each check has a stable id (``--accept ID`` on the command line, a checkbox in the
web) and a plain message. A failing check does not forbid publishing: the
coalition may decide to publish anyway, but it has to say so, and what it
accepted is recorded with the version. Pure: no Django, no I/O.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from scorecard.analysis import Results
from scorecard.analysis.agreement import contested_cells
from scorecard.report.i18n import goal_label, translations
from scorecard.report.meetings import Meeting
from scorecard.report.narrative import Narrative

# "untranslated" (a section written in one language of an edition and not in another)
# is made by the web workspace, the only place that stores every language's narrative.
CHECK_IDS = ("narrative", "untranslated", "meetings", "contested", "thin-goals", "small-groups")


@dataclass(frozen=True)
class Warning_:
    """One failing check: its id, a sentence, and the details (goals, files, groups)."""

    id: str
    message: str
    details: tuple[str, ...] = ()


def publish_checks(
    results: Results,
    narrative: Narrative,
    meetings: tuple[Meeting, ...],
    language: str = "en",
) -> list[Warning_]:
    """Every check that fails for this edition, in a fixed order (CHECK_IDS)."""
    gettext = translations(language).gettext
    fw = results.framework
    threshold = fw.thresholds.suppression
    found: list[Warning_] = []

    todo = narrative.unwritten(fw, results.highest + results.lowest)
    if todo:
        found.append(
            Warning_(
                "narrative",
                gettext("Some narrative sections are not written yet."),
                tuple(_section_label(name, results, gettext) for name in todo),
            )
        )
    if not meetings:
        found.append(Warning_("meetings", gettext("No validation meeting is recorded.")))
    discussed = {g for m in meetings for g in m.goals}
    split = [c for c in contested_cells(results) if c.goal not in discussed]
    if split:
        found.append(
            Warning_(
                "contested",
                gettext("Contested cells were not on any validation meeting's agenda."),
                tuple(f"SDG {c.goal} / {c.area}" for c in split),
            )
        )
    thin = [g for g in results.goals if g.respondents < threshold]
    if thin:
        found.append(
            Warning_(
                "thin-goals",
                gettext("Some goals were answered by fewer respondents than the threshold (%(n)s).")
                % {"n": threshold},
                tuple(f"SDG {g.goal}: {g.respondents}" for g in thin),
            )
        )
    small = _small_groups(results, threshold)
    if small:
        found.append(
            Warning_(
                "small-groups",
                gettext("Some respondent profile groups are smaller than the threshold (%(n)s).")
                % {"n": threshold},
                tuple(small),
            )
        )
    return found


TOP_LABELS = {
    "context.md": "Country context",
    "recommendations.md": "Recommendations",
    "full-report.md": "Where to find the full report",
}


def _section_label(name: str, results: Results, gettext: Callable[[str], str]) -> str:
    """A narrative file's section as the report heads it (the CLI's files, the web's words)."""
    if name in TOP_LABELS:
        return gettext(TOP_LABELS[name])
    folder, _, file = name.partition("/")
    key = file.removesuffix(".md")
    if folder == "pillars":
        return gettext(results.framework.pillar(key).name)
    if folder == "goals" and key.isdigit():
        goal = results.framework.goal(int(key))
        return goal_label(goal.number, goal.name, gettext)
    return name


def _small_groups(results: Results, threshold: int) -> list[str]:
    profile = results.profile
    fields: list[tuple[str, Callable[[], tuple[object, ...]]]] = [
        ("gender", lambda: profile.gender),
        ("sector", lambda: profile.sector),
        ("region", lambda: profile.region),
    ]
    out = []
    for name, shares in fields:
        for share in shares():
            count = getattr(share, "count", 0)
            if 0 < count < threshold:
                out.append(f"{name}: {getattr(share, 'label', '')} ({count})")
    return out


def unaccepted(found: list[Warning_], accepted: set[str] | None) -> list[Warning_]:
    """The warnings still to acknowledge; ``None`` accepts all of them."""
    if accepted is None:
        return []
    return [w for w in found if w.id not in accepted]
