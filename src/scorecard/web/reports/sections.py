"""The narrative sections of an edition, in the order the report shows them."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from markupsafe import Markup

from scorecard.report.markdown import to_html
from scorecard.report.story import distinct
from scorecard.web.editions.models import Edition


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    hint: str = ""
    comments: tuple[str, ...] = ()  # respondents' comments a coordinator may quote

    @property
    def quotes(self) -> bool:
        return self.key.endswith(":quotes")

    def preview(self, text: str) -> Markup:
        """``text`` as the report shows it: Markdown as HTML, or one quote per paragraph.

        A ``#`` heading becomes an h2, under the narrative page's h1.
        """
        if not self.quotes:
            return to_html(text, heading_offset=1) if text.strip() else Markup("")
        quotes = [q.strip() for q in text.split("\n\n") if q.strip()]
        items = Markup("").join(
            Markup("<li><blockquote>{}</blockquote></li>").format(q) for q in quotes
        )
        return Markup('<ul class="quotes">{}</ul>').format(items) if quotes else Markup("")


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
                _distinct(comments.get(g.number, ())),
            ),
        ]
    found += [
        Section("recommendations", _("Key recommendations")),
        Section("full_report", _("Where to find the full report")),
    ]
    return found


def _distinct(comments: tuple[str, ...]) -> tuple[str, ...]:
    """Each comment once, ignoring case and spacing, as the report's key-finding cards show them."""
    return tuple(distinct(list(comments), len(comments)))
