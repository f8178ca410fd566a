"""The report's own catalogues (domain "report"): complete, compiled, placeholders intact."""

from __future__ import annotations

import gettext
import re
import tomllib
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from scorecard.analysis import AVERAGING_RULE
from scorecard.report.i18n import DOMAIN, LOCALE_DIR, text_language, translations

REPORT = Path(__file__).resolve().parents[2] / "src" / "scorecard" / "report"
DEFAULT = REPORT.parent / "method" / "default.toml"
LANGUAGES = ("ru", "kk")


def report_msgids() -> set[str]:
    """Every msgid the report uses: its code and templates, and the default framework's names."""
    found: set[str] = set()
    method_map = [("**/templates/**.j2", "jinja2"), ("**.py", "python")]
    options = {"**/templates/**.j2": {"extensions": "jinja2.ext.i18n", "newstyle_gettext": "true"}}
    keywords = {
        "_": None,
        "gettext": None,
        "ngettext": (1, 2),
        "pgettext": ((1, "c"), 2),
        "N_": None,
    }
    for _, _, message, _, context in extract_from_dir(REPORT, method_map, options, keywords):
        text = message if isinstance(message, str) else message[0]
        found.add(f"{context}\x04{text}" if context else text)
    framework = tomllib.loads(DEFAULT.read_text("utf-8"))
    for section in ("goals", "areas", "pillars", "bands"):
        for item in framework[section]:
            found.add(item["name"])
            if item.get("description"):
                found.add(item["description"])
    found.add(AVERAGING_RULE)
    return found


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_translates_every_report_string(language: str) -> None:
    with po_path(language).open("rb") as f:
        catalogue = read_po(f)
    translated = {
        (f"{m.context}\x04" if m.context else "") + (m.id if isinstance(m.id, str) else m.id[0])
        for m in catalogue
        if m.id and (all(m.string) if isinstance(m.string, tuple) else m.string)
    }
    assert sorted(report_msgids() - translated) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_keeps_placeholders_and_the_compiled_catalogue_in_step(language: str) -> None:
    with po_path(language).open("rb") as f:
        catalogue = read_po(f)
    with po_path(language).with_suffix(".mo").open("rb") as f:
        compiled = gettext.GNUTranslations(f)
    for m in catalogue:
        if not m.id:
            continue
        ids = (m.id,) if isinstance(m.id, str) else tuple(m.id)
        strings = (m.string,) if isinstance(m.string, str) else tuple(m.string or ())
        wanted = set(re.findall(r"%\(\w+\)s", ids[-1]))
        for text in strings:
            assert set(re.findall(r"%\(\w+\)s", text)) == wanted, m.id
        if m.context and isinstance(m.id, str):
            assert compiled.pgettext(m.context, m.id) == m.string, m.id
        elif isinstance(m.id, str):
            assert compiled.gettext(m.id) == m.string, (
                "stale .mo: run msgfmt -o report.mo report.po"
            )
        else:
            assert compiled.ngettext(ids[0], ids[1], 5) in strings


def test_it_uses_the_official_un_russian_goal_names() -> None:
    _ = translations("ru").gettext
    assert _("Peace, justice and strong institutions") == "Мир, правосудие и эффективные институты"
    assert _("SDG %(number)s %(name)s") % {"number": 1, "name": _("No poverty")} == (
        "ЦУР 1 Ликвидация нищеты"
    )
    assert translations("ru").ngettext("respondent", "respondents", 61) == "респондент"
    assert translations("ru").ngettext("respondent", "respondents", 22) == "респондента"


def test_it_declares_the_language_the_text_is_in() -> None:
    assert [text_language(x) for x in ("en", "ru", "kk", "xx")] == ["en", "ru", "kk", "en"]
