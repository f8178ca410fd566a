"""LimeSurvey "Export responses" (CSV or Excel), question codes or full question text.

With code headings an array question ``SDG3`` with subquestions ``SQ001``..
``SQ010`` gives columns ``SDG3[SQ001]``; with text headings the columns read
``SDG 3: ... [Strategies, ...]``. Answers are answer codes or full answers.
Codes cannot hold a minus sign in LimeSurvey, so the documented codes are
``M5``..``M1``, ``0``, ``P1``..``P5`` and ``DK`` (docs/imports.md); other codes go
in a mapping file. Question codes of another pattern (``G1Q1[SQ001]``) are
mapped with a ``[goals]`` table. See tests/interop/importers/limesurvey/README.md.
"""

from __future__ import annotations

from scorecard.answers import MISSING
from scorecard.interop.importers.plans import new_plan, recognised
from scorecard.interop.importers.roles import Plan
from scorecard.interop.tabular import Table
from scorecard.method import Framework

KEYS = ("id", "response id")
META = {
    "submitdate": "date submitted",
    "date submitted": "date submitted",
    "lastpage": "last page",
    "last page": "last page",
    "startlanguage": "start language",
    "start language": "start language",
    "seed": "seed",
    "startdate": "date started",
    "date started": "date started",
    "datestamp": "date last action",
    "date last action": "date last action",
    "ipaddr": "IP address (personal data)",
    "ip address": "IP address (personal data)",
    "refurl": "referrer URL",
    "referrer url": "referrer URL",
    "token": "access code (personal data)",
    "access code": "access code (personal data)",
}
CODES = {
    **{f"m{n}": -n for n in range(1, 101)},
    **{f"p{n}": n for n in range(1, 101)},
    "z": 0,
    "z0": 0,
    "dk": MISSING,
    "dnk": MISSING,
}


def plan(table: Table, framework: Framework) -> Plan:
    roles = recognised(table, framework, META, KEYS)
    return new_plan(
        "limesurvey", "LimeSurvey export", roles, framework, CODES, id_prefix="limesurvey:"
    )
