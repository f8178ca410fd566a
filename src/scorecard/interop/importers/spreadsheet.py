"""Any spreadsheet: columns recognised by their names, the rest left to a mapping file."""

from __future__ import annotations

from scorecard.interop.importers.plans import new_plan, recognised
from scorecard.interop.importers.roles import Plan
from scorecard.interop.tabular import Table
from scorecard.method import Framework

KEYS = ("respondent", "respondent id", "id")


def plan(table: Table, framework: Framework) -> Plan:
    roles = recognised(table, framework, None, KEYS)
    return new_plan("spreadsheet", "spreadsheet", roles, framework)
