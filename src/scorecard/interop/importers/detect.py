"""Which tool wrote a file, from the columns only that tool writes.

Each tool leaves a signature in its header (Kobo's ``_uuid``, Cognito's
``Entry_Status``, LimeSurvey's ``submitdate``/``lastpage``, Google's
``Timestamp``). Anything else is read as a spreadsheet whose columns are
recognised by name; a mapping file covers the rest.
"""

from __future__ import annotations

import re

from scorecard.interop.importers.gforms import TIMESTAMPS
from scorecard.interop.importers.labels import canonical_role

KOBO = {"_uuid", "_submission_time", "_validation_status", "__version__", "_submitted_by"}
COGNITO = {"entry_status", "entry_datesubmitted", "entry_datecreated", "entry_number"}
LIMESURVEY = (
    {"id", "submitdate", "lastpage", "startlanguage"},
    {"response id", "date submitted", "last page", "start language"},
)
LIMESURVEY_CODE = re.compile(r"^[a-z][a-z0-9]*\[sq\d+\]$")


def detect(header: list[str]) -> str:
    names = [h.strip().casefold() for h in header]
    found = set(names)
    if found & KOBO:
        return "kobo"
    if found & COGNITO:
        return "cognito"
    if any(sign <= found for sign in LIMESURVEY) or any(map(LIMESURVEY_CODE.match, names)):
        return "limesurvey"
    if names and names[0] in TIMESTAMPS:
        return "gforms"
    canonical = sum(canonical_role(n) is not None for n in names)
    if "respondent" in found and canonical * 2 >= len(names):
        return "canonical"  # strict, so a mistyped column is an error, not silently dropped
    return "spreadsheet"
