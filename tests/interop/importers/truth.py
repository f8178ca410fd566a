"""The answers every sample export holds, and the writers the exports share.

``TRUTH`` is ten respondents on goals 3, 5 and 16; make_fixtures.py writes them
in each tool's layout. Kept apart from the layouts so each file stays short.
"""

from __future__ import annotations

import csv
import io
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent
GOALS = (3, 5, 16)
AREAS = tuple(range(1, 11))
GOAL_NAMES = {
    3: "Good health and well-being",
    5: "Gender equality",
    16: "Peace, justice and strong institutions",
}
AREA_NAMES = (
    "Strategies, national action plans, national budgeting",
    "Legal and policy framework",
    "Institutional support",
    "Implementation at national level",
    "Implementation at local level",
    "Monitoring, evaluation and reporting",
    "Public awareness and capacity-building",
    "Transparency and accountability mechanisms",
    "Inclusive partnerships",
    "Citizen participation and civil-society engagement",
)
# The key areas as METHOD.md labels them, which a Cognito form's fields were named after.
METHOD_AREA_NAMES = (
    "Strategies, national action plans, national budgeting",
    "Legal and policy framework",
    "Institutional support (clear mandate, specific budget)",
    "Implementation at national level",
    "Implementation at local level",
    "Monitoring, evaluation and reporting (incl. the VNR process)",
    "Public awareness and capacity-building",
    "Transparency and accountability mechanisms",
    "Inclusive partnerships (multi-stakeholder)",
    "Citizen participation and civil-society engagement",
)
# The questionnaire's Russian and Kazakh labels (the web app's translations, copied here
# so the fixtures do not depend on the catalogue the importer reads).
RU_AREA_NAMES = (
    "Стратегии, национальные планы действий, национальное бюджетирование",
    "Правовая и политическая база",
    "Институциональная поддержка",
    "Реализация на национальном уровне",
    "Реализация на местном уровне",
    "Мониторинг, оценка и отчётность",
    "Информированность общества и наращивание потенциала",
    "Механизмы прозрачности и подотчётности",
    "Инклюзивные партнёрства",
    "Участие граждан и вовлечение гражданского общества",
)
KK_AREA_NAMES = (
    "Стратегиялар, ұлттық іс-қимыл жоспарлары, ұлттық бюджеттеу",
    "Құқықтық және саяси негіз",
    "Институционалдық қолдау",
    "Ұлттық деңгейде іске асыру",
    "Жергілікті деңгейде іске асыру",
    "Мониторинг, бағалау және есептілік",
    "Қоғамның хабардарлығы және әлеуетті арттыру",
    "Ашықтық және есеп беру тетіктері",
    "Инклюзивті әріптестік",
    "Азаматтардың қатысуы және азаматтық қоғамның тартылуы",
)
RU_GOAL_NAMES = {
    3: "Хорошее здоровье и благополучие",
    5: "Гендерное равенство",
    16: "Мир, правосудие и эффективные институты",
}
KK_GOAL_NAMES = {
    3: "Жақсы денсаулық және әл-ауқат",
    5: "Гендерлік теңдік",
    16: "Бейбітшілік, сот төрелігі және тиімді институттар",
}
# Short field names a form designer types instead of the label, one per key area.
SHORT_AREA_NAMES = (
    "Strategies",
    "LegalFramework",
    "Institutions",
    "NationalImplementation",
    "LocalImplementation",
    "Monitoring",
    "Awareness",
    "Transparency",
    "Partnerships",
    "Participation",
)
SECTORS = (
    "NGO",
    "Public association",
    "Academic/educational",
    "Media",
    "Community-based organisation",
    "Other",
)
SECTOR_CODES = dict(
    zip(SECTORS, ("ngo", "public_association", "academic", "media", "cbo", "other"), strict=True)
)
GENDER_CODES = {"Female": "female", "Male": "male"}
Scores = dict[int, list[int | None]]  # goal -> ten answers, None = don't know


@dataclass(frozen=True)
class Person:
    key: str
    sector: str
    gender: str
    age: int | None
    region: str
    scores: Scores
    comments: dict[int, str]


def _truth() -> list[Person]:
    rng = random.Random(2024)
    profiles = [
        ("NGO", "Female", 34, "Almaty"),
        ("Public association", "Male", 52, "Астана"),
        ("Academic/educational", "Female", 61, "Shymkent"),
        ("Media", "Female", 29, "Алматы"),
        ("NGO", "Male", None, "Karaganda region"),
        ("Community-based organisation", "Female", 45, ""),
        ("Other", "Male", 38, "Turkistan region"),
        ("NGO", "Female", 70, "Pavlodar region"),
        ("Public association", "Female", 23, "Mangystau region"),
        ("Academic/educational", "Male", 57, "Aktobe region"),
    ]
    chosen = [(3, 16), (3, 5, 16), (5,), (3,), (16, 5), (3, 5, 16), (16,), (3, 5), (5, 16), (3,)]
    comments = {
        (0, 3): "Programmes exist, but local budgets are not transparent.",
        (1, 16): 'Courts are slow; "access to justice" remains weak, especially in rural areas.',
        (1, 5): "Программы хорошо прописаны, но слабо реализуются на местах.",
        (3, 3): "Line one.\nLine two, after a line break.",
        (5, 16): "Азаматтық қоғамның шешім қабылдауға қатысуы жеткіліксіз.",
        (8, 5): "=not a formula, just text starting with an equals sign",
    }
    people = []
    for index, (profile, goals) in enumerate(zip(profiles, chosen, strict=True)):
        scores: Scores = {}
        for goal in sorted(goals):
            centre = rng.choice((-1, 1, 2, 3))
            scores[goal] = [
                None if rng.random() < 0.12 else max(-5, min(5, centre + rng.randint(-3, 3)))
                for _ in AREAS
            ]
        notes = {g: text for (i, g), text in comments.items() if i == index}
        people.append(Person(f"r{index + 1:02d}", *profile, scores, notes))
    return people


TRUTH = _truth()
Cell = str | int | datetime | None


def pascal(text: str) -> str:
    """Cognito's internal field name: the label's words run together, each capitalised
    (any alphabet: a Russian label gives ``СтратегииНациональныеПланы``)."""
    return "".join(word[:1].upper() + word[1:] for word in re.findall(r"[^\W_]+", text))


def signed(value: int) -> str:
    return f"+{value}" if value > 0 else str(value)


def write_csv(
    path: Path,
    rows: Sequence[Sequence[Cell]],
    delimiter: str = ",",
    bom: bool = False,
    quote_all: bool = False,
    newline: str = "\n",
) -> None:
    buffer = io.StringIO(newline="")
    quoting: Literal[0, 1] = csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL
    writer = csv.writer(buffer, delimiter=delimiter, quoting=quoting, lineterminator=newline)
    writer.writerows([["" if c is None else str(c) for c in row] for row in rows])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode("utf-8"))


def write_xlsx(path: Path, rows: Sequence[Sequence[Cell]], merges: Sequence[str] = ()) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    for line in sheet.iter_rows():
        for cell in line:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text that starts with "=", as exports store it
    for cells in merges:
        sheet.merge_cells(cells)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)


def answer(person: Person, goal: int, area: int, spell: Callable[[int | None], str]) -> str:
    """The cell for one goal x area: empty when the goal was not chosen."""
    if goal not in person.scores:
        return ""
    return spell(person.scores[goal][area - 1])


def goal_cells(person: Person, spell: Callable[[int | None], str]) -> list[Cell]:
    """Every goal's ten answers and its comment, in the column order of every export."""
    cells: list[Cell] = []
    for g in GOALS:
        cells += [answer(person, g, a, spell) for a in AREAS] + [person.comments.get(g, "")]
    return cells


def column_letter(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
