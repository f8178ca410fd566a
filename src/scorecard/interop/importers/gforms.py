"""Google Forms "Download responses (.csv)".

The first column is ``Timestamp``; a multiple-choice grid gives one column per
row, ``Question [Row]``, so each goal is a grid with the key areas as rows.
Google Forms has no response id, so the timestamp is the key (two answers in
the same second get ``#2``): re-importing the same download replaces rather
than doubles. E-mail addresses are recognised and never stored.
See tests/interop/importers/gforms/README.md.
"""

from __future__ import annotations

from scorecard.interop.importers.plans import new_plan, recognised
from scorecard.interop.importers.roles import Plan, RespondentKey
from scorecard.interop.tabular import Table
from scorecard.method import Framework

TIMESTAMPS = ("timestamp", "отметка времени", "уақыт белгісі", "horodateur", "marca temporal")
META = {
    "email address": "e-mail (personal data)",
    "email": "e-mail (personal data)",
    "адрес электронной почты": "e-mail (personal data)",
    "электрондық пошта мекенжайы": "e-mail (personal data)",
    "score": "quiz score",
}


def plan(table: Table, framework: Framework) -> Plan:
    roles = recognised(table, framework, META, TIMESTAMPS)
    roles = [RespondentKey(repeats=True) if isinstance(r, RespondentKey) else r for r in roles]
    return new_plan("gforms", "Google Forms responses", roles, framework, id_prefix="gforms:")
