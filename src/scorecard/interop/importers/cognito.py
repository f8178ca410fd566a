"""Cognito Forms "Export entries" (Excel or CSV).

Cognito names columns by internal field names: section and field joined by
``_`` with spaces and punctuation removed (``SDG3_StrategiesNationalAction...``),
an entry id column named after the form (``PeoplesScorecard_Id``) and entry
details (``Entry_Status``, ``Entry_DateSubmitted``, ``Entry_Number``, ...).
The entry id is the stable respondent key. Answers are the choice labels as
the form wrote them. See tests/interop/importers/cognito/README.md.
"""

from __future__ import annotations

import re

from scorecard.interop.importers.plans import new_plan, recognised
from scorecard.interop.importers.roles import Plan
from scorecard.interop.tabular import Table
from scorecard.method import Framework

FORM_ID = re.compile(r"^[^\W_]\w*_id$")
KEYS = ("entry id", "entry_id", "id", "entry_number", "entry number", "number")


def plan(table: Table, framework: Framework) -> Plan:
    lowered = [h.strip().casefold() for h in table.header]
    keys = [name for name in lowered if FORM_ID.match(name) and not name.startswith("entry_")]
    meta = {
        name: "Cognito entry details"
        for name in lowered
        if name.startswith(("entry_", "entry ")) or name in {"number", "status"}
    }
    roles = recognised(table, framework, meta, [*keys, *KEYS], rename=_as_path)
    return new_plan("cognito", "Cognito Forms export", roles, framework, id_prefix="cognito:")


def _as_path(name: str) -> str:
    """``Section_Field`` read like a group path, so ``Profile_Sector`` is a sector column."""
    return name.replace("_", "/")
