"""Framework names for the web catalogue.

The framework is data (method/default.toml), so makemessages never sees its
goal, area, pillar and band names; listing them here with gettext_noop puts
them in the catalogue. The pages translate them at display time with
:func:`translate`, so a custom framework's names simply stay as written.
A test checks this list against default.toml, so the two cannot drift apart.
"""

from __future__ import annotations

from django.utils.translation import gettext, gettext_noop

from scorecard.method import Area, Goal, Pillar

GOALS = (
    gettext_noop("No poverty"),
    gettext_noop("Zero hunger"),
    gettext_noop("Good health and well-being"),
    gettext_noop("Quality education"),
    gettext_noop("Gender equality"),
    gettext_noop("Clean water and sanitation"),
    gettext_noop("Affordable and clean energy"),
    gettext_noop("Decent work and economic growth"),
    gettext_noop("Industry, innovation and infrastructure"),
    gettext_noop("Reduced inequalities"),
    gettext_noop("Sustainable cities and communities"),
    gettext_noop("Responsible consumption and production"),
    gettext_noop("Climate action"),
    gettext_noop("Life below water"),
    gettext_noop("Life on land"),
    gettext_noop("Peace, justice and strong institutions"),
    gettext_noop("Partnerships for the goals"),
)

PILLARS = (
    gettext_noop("Policy environment"),
    gettext_noop("Institutional capacity"),
    gettext_noop("Inclusiveness"),
)

AREAS = (
    gettext_noop("Strategies, national action plans, national budgeting"),
    gettext_noop("Legal and policy framework"),
    gettext_noop("Institutional support"),
    gettext_noop("Implementation at national level"),
    gettext_noop("Implementation at local level"),
    gettext_noop("Monitoring, evaluation and reporting"),
    gettext_noop("Public awareness and capacity-building"),
    gettext_noop("Transparency and accountability mechanisms"),
    gettext_noop("Inclusive partnerships"),
    gettext_noop("Citizen participation and civil-society engagement"),
)

AREA_DESCRIPTIONS = (
    gettext_noop(
        "Whether the goal is translated into national strategies and action plans with a budget."
    ),
    gettext_noop("Laws and policies that give the goal a legal basis."),
    gettext_noop(
        "Scope of the institutional capacities (clear mandate, specific budget) "
        "made available for the goal."
    ),
    gettext_noop(
        "Perception of policy implementation efforts on the ground and of progress indicators."
    ),
    gettext_noop("Implementation by regional and local authorities."),
    gettext_noop(
        "Inclusiveness of monitoring (indicators, data), evaluation and reporting, "
        "including the VNR process."
    ),
    gettext_noop(
        "Whether the public knows the goal and civil society has the capacity to act on it."
    ),
    gettext_noop("Open information and mechanisms that hold the government to account."),
    gettext_noop("Extent and perceived quality of multi-stakeholder partnerships."),
    gettext_noop("Formal and informal participation mechanisms in policymaking."),
)

BANDS = (
    gettext_noop("Very large reduction"),
    gettext_noop("Large reduction"),
    gettext_noop("Medium reduction"),
    gettext_noop("Small reduction"),
    gettext_noop("Very small reduction"),
    gettext_noop("No progress perceived"),
    gettext_noop("Very low progress"),
    gettext_noop("Low progress"),
    gettext_noop("Medium progress"),
    gettext_noop("High progress"),
    gettext_noop("Very high progress"),
)


def translate(text: str) -> str:
    """A framework string in the active language; unknown (custom) text comes back unchanged."""
    return gettext(text) if text else text


def goal_name(goal: Goal) -> str:
    return translate(goal.name)


def area_name(area: Area) -> str:
    return translate(area.name)


def area_description(area: Area) -> str:
    return translate(area.description)


def pillar_name(pillar: Pillar) -> str:
    return translate(pillar.name)
