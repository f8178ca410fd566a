"""KoboToolbox "Export data" (CSV or XLSX), as formpack writes it.

Headers are XML names (``sdg3/sdg3_7`` with "include groups in headers",
else ``sdg3_7``) or labels in any language of the form; values are choice
names or labels. Kobo adds its own columns (``_id``, ``_uuid``,
``_submission_time``, ``_validation_status``, ``_index``, ...): ``_uuid`` is the
stable respondent key, so re-importing a newer export replaces earlier rows
instead of doubling them, and submissions a coordinator marked "Not approved"
in Kobo are left out. See tests/interop/importers/kobo/README.md.
"""

from __future__ import annotations

from scorecard.interop.importers.plans import filter_rows, new_plan, recognised
from scorecard.interop.importers.roles import Plan
from scorecard.interop.tabular import Table
from scorecard.method import Framework

KEYS = ("_uuid", "meta/instanceid", "_id")
META = {
    "_id": "Kobo submission number",
    "_uuid": "submission id",
    "meta/instanceid": "submission id",
    "meta/rootuuid": "submission id",
    "formhub/uuid": "form id",
    "_submission_time": "submission time",
    "_validation_status": "validation status",
    "_notes": "Kobo notes",
    "_status": "Kobo status",
    "_submitted_by": "Kobo user name",
    "__version__": "form version",
    "_version_": "form version",
    "_tags": "Kobo tags",
    "_index": "row number",
    "_attachments": "attachments",
    "_geolocation": "location",
    "_xform_id_string": "form id",
    "start": "start time",
    "end": "end time",
    "today": "date",
    "deviceid": "device id",
    "username": "device user name",
    "audit": "audit log",
    "audit_url": "audit log",
}
NOT_APPROVED = ("validation_status_not_approved", "not approved")


def plan(table: Table, framework: Framework) -> Plan:
    roles = recognised(table, framework, META, KEYS)
    return new_plan(
        "kobo",
        "KoboToolbox export",
        roles,
        framework,
        id_prefix="kobo:",
        id_strip="uuid:",
        row_filter=filter_rows(
            table, "_validation_status", NOT_APPROVED, 'marked "Not approved" in KoboToolbox'
        ),
    )
