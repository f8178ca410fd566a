"""The web app's catalogues: every message translated, none fuzzy, compiled files in step."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parents[2] / "src" / "scorecard" / "locale"


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_every_web_message_is_translated_and_compiled(language: str) -> None:
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    with po.open("rb") as f:
        catalogue = read_po(f)
    with po.with_suffix(".mo").open("rb") as f:
        compiled = gettext.GNUTranslations(f)
    problems = []
    for m in catalogue:
        if not m.id:
            continue
        strings = [str(x) for x in (m.string if isinstance(m.string, tuple) else (m.string,))]
        ids = [str(x) for x in (m.id if isinstance(m.id, tuple) else (m.id,))]
        if not all(strings) or m.fuzzy:
            problems.append(f"untranslated or fuzzy: {ids[0]!r}")
        wanted = set(re.findall(r"%\(\w+\)s", ids[-1]))
        if any(set(re.findall(r"%\(\w+\)s", s)) != wanted for s in strings):
            problems.append(f"placeholders differ: {ids[0]!r}")
        if isinstance(m.id, str) and m.context is None and compiled.gettext(m.id) != m.string:
            problems.append(f"stale .mo (run msgfmt): {m.id!r}")
    assert problems == []
