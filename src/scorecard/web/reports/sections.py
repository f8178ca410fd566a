"""The narrative sections of an edition, in the order the report shows them."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from scorecard.web.editions.models import Edition


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    hint: str = ""
    comments: tuple[str, ...] = ()  # respondents' comments a coordinator may quote


def sections(edition: Edition, comments: dict[int, tuple[str, ...]]) -> list[Section]:
    fw = edition.framework
    found = [
        Section("context", _("Country context"), _("The institutional architecture for the SDGs.")),
        Section("methodology", _("Notes on the methodology")),
    ]
    found += [
        Section(f"pillar:{p.key}", _("Findings: %(pillar)s") % {"pillar": _(p.name)})
        for p in fw.pillars
    ]
    for g in fw.goals:
        name = _("SDG %(number)s: %(name)s") % {"number": g.number, "name": _(g.name)}
        found += [
            Section(f"goal:{g.number}:findings", _("%(goal)s: findings") % {"goal": name}),
            Section(
                f"goal:{g.number}:recommendations",
                _("%(goal)s: recommendations") % {"goal": name},
            ),
            Section(
                f"goal:{g.number}:quotes",
                _("%(goal)s: quotes") % {"goal": name},
                _("Comments chosen as quotes, one per paragraph. Shown without names."),
                comments.get(g.number, ()),
            ),
        ]
    found += [
        Section("recommendations", _("Key recommendations")),
        Section("full_report", _("Where to find the full report")),
    ]
    return found
