"""The coordinators' narrative: plain frozen data, and a loader for a folder of Markdown.

The web workspace will store the same ``Narrative`` (it is only text and
tuples), so nothing here reads a database or knows Django. The folder layout
(docs/report.md):

    context.md             country context: the institutional architecture
    methodology.md         optional notes added to the methodology section
    pillars/<key>.md       findings per pillar (policy, institutional, inclusiveness)
    goals/<NN>.md          per goal: ## Findings, ## Recommendations, ## Quotes
                           (or these headings in any report language: ## Выводы, ...)
    recommendations.md     key recommendations across goals
    full-report.md         where to find the full report

A file that cannot be used raises ``NarrativeError`` naming it; a file that is
absent or empty is a section "not written yet", shown as such in the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from scorecard.method import Framework
from scorecard.report.i18n import LOCALE_DIR, N_, translations
from scorecard.report.markdown import parser, unclosed_fence
from scorecard.report.text import clean

MAX_FILE_BYTES = 1024 * 1024
TOP_FILES = {
    "context.md": "context",
    "methodology.md": "methodology",
    "recommendations.md": "recommendations",
    "full-report.md": "full_report",
}
GOAL_HEADINGS = {
    "findings": N_("Findings"),
    "recommendations": N_("Recommendations"),
    "quotes": N_("Quotes"),
}
_GOAL_FILE = re.compile(r"(\d{1,3})\.md")


class NarrativeError(ValueError):
    """A narrative file that cannot be used; the message names the file (and line)."""


@dataclass(frozen=True)
class GoalNarrative:
    """Findings and recommendations on one goal, and respondents' comments chosen as quotes.

    Quotes are plain text, shown without their authors (outputs are anonymous).
    """

    goal: int
    findings: str = ""
    recommendations: str = ""
    quotes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Narrative:
    """Every section a coordinator writes, as Markdown; "" means not written yet."""

    context: str = ""
    methodology: str = ""
    pillars: tuple[tuple[str, str], ...] = ()
    goals: tuple[GoalNarrative, ...] = ()
    recommendations: str = ""
    full_report: str = ""

    def pillar(self, key: str) -> str:
        return next((text for k, text in self.pillars if k == key), "")

    def goal(self, number: int) -> GoalNarrative | None:
        return next((g for g in self.goals if g.goal == number), None)

    def unwritten(self, framework: Framework, goals: tuple[int, ...]) -> list[str]:
        """The files of sections still to write, for a coordinator's to-do list."""
        missing = [
            name
            for name, attr in TOP_FILES.items()
            if attr != "methodology" and not getattr(self, attr)
        ]
        missing += [f"pillars/{p.key}.md" for p in framework.pillars if not self.pillar(p.key)]
        for number in goals:
            g = self.goal(number)
            if g is None or not (g.findings or g.recommendations):
                missing.append(f"goals/{number:02d}.md")
        return missing


def load_narrative(folder: Path, framework: Framework) -> Narrative:
    """Read a narrative folder; goal and pillar files must name ones in ``framework``."""
    if not folder.is_dir():
        raise NarrativeError(f"{folder}: not a folder of narrative files")
    top: dict[str, str] = {}
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() != ".md":
            continue
        if path.name not in TOP_FILES:
            expected = ", ".join(TOP_FILES)
            raise NarrativeError(f"{path}: not a narrative file; expected one of {expected}")
        top[TOP_FILES[path.name]] = _read(path)
    return Narrative(
        context=top.get("context", ""),
        methodology=top.get("methodology", ""),
        pillars=_pillars(folder / "pillars", framework),
        goals=_goals(folder / "goals", framework),
        recommendations=top.get("recommendations", ""),
        full_report=top.get("full_report", ""),
    )


def _pillars(folder: Path, framework: Framework) -> tuple[tuple[str, str], ...]:
    keys = [p.key for p in framework.pillars]
    found: dict[str, str] = {}
    for path in _markdown_files(folder):
        if path.stem not in keys:
            known = ", ".join(f"{k}.md" for k in keys)
            raise NarrativeError(f"{path}: no pillar {path.stem!r}; pillar files are {known}")
        found[path.stem] = _read(path)
    return tuple((k, found[k]) for k in keys if found.get(k))


def _goals(folder: Path, framework: Framework) -> tuple[GoalNarrative, ...]:
    numbers = framework.goal_numbers
    found: dict[int, GoalNarrative] = {}
    for path in _markdown_files(folder):
        match = _GOAL_FILE.fullmatch(path.name)
        if match is None:
            raise NarrativeError(f"{path}: goal files are named by number, like goals/03.md")
        number = int(match.group(1))
        if number not in numbers:
            listed = ", ".join(str(n) for n in numbers)
            raise NarrativeError(
                f"{path}: goal {number} is not in this edition; its goals are {listed}"
            )
        if number in found:
            raise NarrativeError(f"{path}: goal {number} has two files")
        found[number] = parse_goal(number, _read(path), str(path))
    return tuple(found[n] for n in numbers if n in found)


def _markdown_files(folder: Path) -> list[Path]:
    if not folder.exists():
        return []
    if not folder.is_dir():
        raise NarrativeError(f"{folder}: expected a folder")
    return sorted(p for p in folder.iterdir() if p.suffix.lower() == ".md")


def _read(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise NarrativeError(f"{path}: {size} bytes; a narrative file may have at most 1 MB")
        raw = path.read_bytes()
    except OSError as exc:
        raise NarrativeError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    try:
        text = clean(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise NarrativeError(
            f"{path}: not UTF-8 text (byte {raw[exc.start]:#04x} at offset {exc.start}); "
            "save it as UTF-8"
        ) from exc
    line = unclosed_fence(text)
    if line is not None:
        raise NarrativeError(f"{path}, line {line}: a code block opened with ``` is never closed")
    return text.strip()


def parse_goal(number: int, text: str, source: str) -> GoalNarrative:
    """Split a goal file at its level-2 headings: Findings, Recommendations, Quotes.

    Text before the first heading counts as findings. Headings are found by the
    Markdown parser, so a ``## Quotes`` inside a code block is not one.
    """
    lines = text.split("\n")
    cuts: list[tuple[int, int, str, str]] = []  # (heading line, body start, section, title)
    tokens = parser().parse(text)
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h2" and token.map is not None:
            title = tokens[i + 1].content.strip()
            section = goal_headings().get(title.casefold())
            if section is None:
                raise NarrativeError(
                    f"{source}, line {token.map[0] + 1}: unknown section {title!r}; "
                    "a goal file has ## Findings, ## Recommendations and ## Quotes"
                    f" (or the same in another language: {_other_headings()})"
                )
            cuts.append((token.map[0], token.map[1], section, title))
    parts = {"findings": "\n".join(lines[: cuts[0][0]] if cuts else lines)}
    for k, (_, body, section, title) in enumerate(cuts):
        end = cuts[k + 1][0] if k + 1 < len(cuts) else len(lines)
        if section in parts and parts[section].strip():
            raise NarrativeError(f"{source}: section ## {title} appears twice")
        parts[section] = "\n".join(lines[body:end])
    return GoalNarrative(
        goal=number,
        findings=parts.get("findings", "").strip(),
        recommendations=parts.get("recommendations", "").strip(),
        quotes=_quotes(parts.get("quotes", "")),
    )


@cache
def goal_headings() -> dict[str, str]:
    """Casefolded heading -> section, in English and in every report language.

    A coalition writes its narrative in its own language, so "## Выводы" is as good
    as "## Findings"; the words come from the report's own catalogue, so a new
    language's headings arrive with its translation file.
    """
    found = {msgid.casefold(): section for section, msgid in GOAL_HEADINGS.items()}
    for folder in sorted(LOCALE_DIR.iterdir()):
        _ = translations(folder.name).gettext
        for section, msgid in GOAL_HEADINGS.items():
            found.setdefault(_(msgid).casefold(), section)
    return found


def _other_headings() -> str:
    english = {m.casefold() for m in GOAL_HEADINGS.values()}
    return ", ".join(f"## {h.capitalize()}" for h in goal_headings() if h not in english)


def _quotes(text: str) -> tuple[str, ...]:
    """One quote per paragraph; ``>`` markers, list bullets and outer quote marks dropped."""
    quotes = []
    for chunk in re.split(r"\n\s*\n", text):
        lines = [re.sub(r"^\s*(?:>\s?)+|^\s*[-*]\s+", "", line) for line in chunk.split("\n")]
        quote = " ".join(line.strip() for line in lines if line.strip())
        quote = quote.strip().strip('"“”«»„').strip()
        if quote:
            quotes.append(quote)
    return tuple(quotes)
