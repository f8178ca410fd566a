"""Writes the sample exports in the tool folders beside this file (run it by hand).

The answers in ``truth.TRUTH`` are written once in the canonical layout and
once in the layout each tool documents for its export (see each folder's
README). Nothing here uses the code under test: the exports are built from
the tools' documentation, so the tests check our importers against the
tools, not against themselves.

    .venv/bin/python -m tests.interop.importers.make_fixtures
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime, timedelta

from tests.interop.importers.truth import (
    AREA_NAMES,
    AREAS,
    GENDER_CODES,
    GOAL_NAMES,
    GOALS,
    HERE,
    KK_AREA_NAMES,
    KK_GOAL_NAMES,
    METHOD_AREA_NAMES,
    RU_AREA_NAMES,
    RU_GOAL_NAMES,
    SECTOR_CODES,
    SECTORS,
    SHORT_AREA_NAMES,
    TRUTH,
    Cell,
    Person,
    answer,
    column_letter,
    goal_cells,
    pascal,
    signed,
    write_csv,
    write_xlsx,
)


def canonical() -> None:
    header: list[Cell] = ["respondent", "sector", "gender", "age", "region"]
    for g in GOALS:
        header += [f"sdg{g}_{a}" for a in AREAS] + [f"sdg{g}_comment"]
    rows: list[list[Cell]] = [header]
    for p in TRUTH:
        row: list[Cell] = [p.key, p.sector, p.gender, p.age, p.region]
        for g in GOALS:
            row += [answer(p, g, a, lambda v: "dk" if v is None else str(v)) for a in AREAS]
            comment = p.comments.get(g, "")
            row.append("'" + comment if comment.startswith("=") else comment)
        rows.append(row)
    write_csv(HERE / "canonical" / "answers.csv", rows)


def cognito() -> None:
    def spell(v: int | None) -> str:
        labels = {5: "+5 Very high progress", 0: "0 No progress", -5: "-5 Very large reduction"}
        return "Don't know" if v is None else labels.get(v, signed(v))

    header: list[Cell] = ["PeoplesScorecard_Id", "Consent", "Profile_Sector", "Profile_Gender"]
    header += ["Profile_Age", "Profile_Region", "GoalsToAssess"]
    for g in GOALS:
        header += [f"SDG{g}_{pascal(name)}" for name in AREA_NAMES] + [f"SDG{g}_Comment"]
    header += ["Entry_Status", "Entry_DateCreated", "Entry_DateSubmitted", "Entry_DateUpdated"]
    header += ["Entry_Number"]
    rows: list[list[Cell]] = [header]
    start = datetime(2024, 3, 4, 9, 30)
    for i, p in enumerate(TRUTH):
        when = start + timedelta(hours=7 * i)
        row: list[Cell] = [i + 1, "Yes", p.sector, p.gender, p.age, p.region]
        row.append(", ".join(f"SDG {g}" for g in p.scores))
        for g in GOALS:
            row += [answer(p, g, a, spell) for a in AREAS] + [p.comments.get(g, "")]
        row += ["Submitted", when, when + timedelta(minutes=14), when + timedelta(minutes=14)]
        row.append(i + 1)
        rows.append(row)
    write_xlsx(HERE / "cognito" / "entries.xlsx", rows)
    as_text = [[_cognito_date(c) for c in row] for row in rows]
    write_csv(HERE / "cognito" / "entries.csv", as_text, bom=True, newline="\r\n")


# How Cognito forms in Russian and Kazakh spell some answers and the profile choices.
RU_SPELL: dict[int | None, str] = {None: "Не знаю", 0: "0 Нет прогресса"}
KK_SPELL: dict[int | None, str] = {None: "Білмеймін", 0: "0 Прогресс жоқ"}
RU_PROFILE = {
    "NGO": "НПО",
    "Public association": "Общественное объединение",
    "Academic/educational": "Академическая/образовательная организация",
    "Media": "СМИ",
    "Community-based organisation": "Местная общественная организация",
    "Other": "Другое",
    "Female": "Женский",
    "Male": "Мужской",
}
KK_PROFILE = {
    "NGO": "ҮЕҰ",
    "Public association": "Қоғамдық бірлестік",
    "Academic/educational": "Академиялық/білім беру ұйымы",
    "Media": "БАҚ",
    "Community-based organisation": "Жергілікті қоғамдастық ұйымы",
    "Other": "Басқа",
    "Female": "Әйел",
    "Male": "Ер",
}


# file, section name of a goal, area field names, comment field, profile fields,
# spellings of some answers, sector and gender labels
CognitoForm = tuple[
    str, Callable[[int], str], list[str], str, list[str], dict[int | None, str], dict[str, str]
]


def cognito_labels() -> None:
    """Cognito's default field names (from the labels) in en, ru and kk, and short names."""
    en_profile = ["Sector of your organisation", "Gender", "Age (optional)", "Region (optional)"]
    ru_profile = ["Сектор вашей организации", "Пол", "Возраст (необязательно)"]
    ru_profile.append("Регион (необязательно)")
    kk_profile = ["Ұйымыңыздың секторы", "Жынысы", "Жасыңыз (міндетті емес)"]
    kk_profile.append("Өңір (міндетті емес)")
    forms: list[CognitoForm] = [
        (
            "labels-en.csv",
            lambda g: f"Goal{g}",
            [pascal(a) for a in METHOD_AREA_NAMES],
            "CommentOptional",
            [f"Profile_{pascal(f)}" for f in en_profile],
            {},
            {},
        ),
        (
            "labels-ru.csv",
            lambda g: pascal(f"ЦУР {g}: {RU_GOAL_NAMES[g]}"),
            [pascal(a) for a in RU_AREA_NAMES],
            pascal("Комментарий (необязательно)"),
            [f"Профиль_{pascal(f)}" for f in ru_profile],
            RU_SPELL,
            RU_PROFILE,
        ),
        (
            "labels-kk.xlsx",
            lambda g: pascal(f"ТДМ {g}: {KK_GOAL_NAMES[g]}"),
            [pascal(a) for a in KK_AREA_NAMES],
            pascal("Түсініктеме (міндетті емес)"),
            [f"Профиль_{pascal(f)}" for f in kk_profile],
            KK_SPELL,
            KK_PROFILE,
        ),
        (
            "short-names.csv",
            lambda g: f"Goal{g}",
            list(SHORT_AREA_NAMES),
            "Comment",
            ["Sector", "Gender", "Age", "Region"],
            {},
            {},
        ),
    ]
    for name, section, areas, comment, profile, spelled, labels in forms:
        header: list[Cell] = ["PeoplesScorecard_Id", *profile]
        for g in GOALS:
            header += [f"{section(g)}_{field}" for field in [*areas, comment]]
        header += ["Entry_Status", "Entry_DateSubmitted", "Entry_Number"]
        rows: list[list[Cell]] = [header]
        start = datetime(2024, 4, 2, 10, 0)
        for i, p in enumerate(TRUTH):
            when = (start + timedelta(hours=5 * i)).strftime("%-m/%-d/%Y %-I:%M %p")
            sector, gender = labels.get(p.sector, p.sector), labels.get(p.gender, p.gender)
            row: list[Cell] = [i + 1, sector, gender, p.age, p.region]

            def spell(v: int | None, spelled: dict[int | None, str] = spelled) -> str:
                return spelled.get(v, "Don't know" if v is None else signed(v))

            row += goal_cells(p, spell)
            row += ["Submitted", when, i + 1]
            rows.append(row)
        path = HERE / "cognito" / name
        if name.endswith(".xlsx"):
            write_xlsx(path, rows)
        else:
            write_csv(path, rows, bom=True, newline="\r\n")


def _cognito_date(cell: Cell) -> Cell:
    return cell.strftime("%-m/%-d/%Y %-I:%M %p") if isinstance(cell, datetime) else cell


def kobo_rows(labels: bool) -> list[list[Cell]]:
    """A Kobo export of answers to our XLSForm: XML names or English labels."""

    def spell(v: int | None) -> str:
        if not labels:
            return "dk" if v is None else str(v)
        described = {
            5: " (very high progress)",
            0: " (no progress perceived)",
            -5: " (very large reduction (things got much worse))",
        }
        if v is None:
            return "Don’t know"
        return (f"+{v}" if v > 0 else f"\u2212{-v}" if v < 0 else "0") + described.get(v, "")

    def goal_label(g: int) -> str:
        return f"SDG {g}: {GOAL_NAMES[g]}"

    if labels:
        header: list[Cell] = ["start", "end", "I agree to take part in this survey."]
        header += ["Sector of your organisation", "Gender", "Age (optional)", "Region (optional)"]
        header += ["Which goals will you assess?"]
        header += [f"Which goals will you assess?/{goal_label(g)}" for g in GOALS]
        for g in GOALS:
            header += [f"{goal_label(g)}/SDG {g} — {a}. {AREA_NAMES[a - 1]}" for a in AREAS]
            header.append(f"{goal_label(g)}/SDG {g} — Comment (optional)")
    else:
        header = ["start", "end", "consent", "profile/sector", "profile/gender", "profile/age"]
        header += ["profile/region", "goals", *(f"goals/{g}" for g in GOALS)]
        for g in GOALS:
            header += [f"sdg{g}/sdg{g}_{a}" for a in AREAS] + [f"sdg{g}/sdg{g}_comment"]
    header += ["_id", "_uuid", "_submission_time", "_validation_status", "_notes", "_status"]
    header += ["_submitted_by", "__version__", "_tags", "_index"]
    rows: list[list[Cell]] = [header]
    start = datetime(2024, 3, 5, 4, 11, 12)
    people = [*TRUTH[:4], None, *TRUTH[4:]]  # None: a test submission marked "Not approved"
    for index, p in enumerate(people):
        when = start + timedelta(hours=5 * index)
        if p is None:
            p = Person(
                "test", "Other", "Male", 99, "test", {3: [5] * 10}, {3: "test, please ignore"}
            )
            status = "Not approved" if labels else "validation_status_not_approved"
        else:
            status = "Approved" if labels else "validation_status_approved"
        sector = p.sector if labels else SECTOR_CODES[p.sector]
        gender = p.gender if labels else GENDER_CODES[p.gender]
        chosen = [goal_label(g) if labels else str(g) for g in p.scores]
        ended = when + timedelta(minutes=9)
        row: list[Cell] = [when.isoformat() + ".000+06:00", ended.isoformat() + ".000+06:00"]
        row += ["OK", sector, gender, p.age, p.region, " ".join(chosen)]
        row += ["1" if g in p.scores else "0" for g in GOALS]
        for g in GOALS:
            row += [answer(p, g, a, spell) for a in AREAS] + [p.comments.get(g, "")]
        key = uuid.uuid5(uuid.NAMESPACE_URL, f"kobo/{p.key}/{index}")
        row += [41230 + index, str(key), when.isoformat(), status, "", "submitted_via_web", ""]
        row += ["vQm4gSLdCbVWhL6vNCpj7A", "", index + 1]
        rows.append(row)
    return rows


def kobo() -> None:
    write_csv(HERE / "kobo" / "xml-values.csv", kobo_rows(False), delimiter=";", quote_all=True)
    write_xlsx(HERE / "kobo" / "labels.xlsx", kobo_rows(True))


def limesurvey() -> None:
    codes = {**{-n: f"M{n}" for n in range(1, 6)}, 0: "0", **{n: f"P{n}" for n in range(1, 6)}}
    sector_codes = {sector: f"A{i + 1}" for i, sector in enumerate(SECTORS)}
    meta = ["id", "submitdate", "lastpage", "startlanguage", "seed", "startdate", "datestamp"]
    head: list[Cell] = [*meta, "consent", "sector", "gender", "age", "region"]
    head += [f"goals[SQ{g:03d}]" for g in GOALS]
    full: list[Cell] = ["Response ID", "Date submitted", "Last page", "Start language", "Seed"]
    full += ["Date started", "Date last action", "I agree to take part in this survey."]
    full += ["Sector of your organisation", "Gender", "Age (optional)", "Region (optional)"]
    full += [f"Which goals will you assess? [SDG {g}: {GOAL_NAMES[g]}]" for g in GOALS]
    grouped = list(head)
    for g_index, g in enumerate(GOALS):
        head += [f"SDG{g}[SQ{a:03d}]" for a in AREAS] + [f"SDG{g}comment"]
        full += [f"SDG {g}: {GOAL_NAMES[g]} [{name}]" for name in AREA_NAMES]
        full.append(f"Comments on SDG {g} (optional)")
        grouped += [f"G{g_index + 2}Q1[SQ{a:03d}]" for a in AREAS] + [f"G{g_index + 2}Q2"]
    coded: list[list[Cell]] = [head]
    texts: list[list[Cell]] = [full]
    groups: list[list[Cell]] = [grouped]
    start = datetime(2024, 3, 6, 10, 0, 5)
    for i, p in enumerate(TRUTH):
        when = (start + timedelta(hours=3 * i)).strftime("%Y-%m-%d %H:%M:%S")
        base: list[Cell] = [i + 1, when, 5, "en", 1000 + i, when, when]
        coded.append(
            [*base, "Y", sector_codes[p.sector], p.gender[0], p.age, p.region]
            + ["Y" if g in p.scores else "" for g in GOALS]
            + goal_cells(p, lambda v: "DK" if v is None else codes[v])
        )
        texts.append(
            [*base, "Yes", p.sector, p.gender, p.age, p.region]
            + ["Yes" if g in p.scores else "Not selected" for g in GOALS]
            + goal_cells(p, lambda v: "Don't know" if v is None else signed(v))
        )
        groups.append(
            [*base, "Y", sector_codes[p.sector], p.gender[0], p.age, p.region]
            + ["Y" if g in p.scores else "" for g in GOALS]
            + goal_cells(p, lambda v: "A12" if v is None else f"A{v + 6}")
        )
    write_csv(HERE / "limesurvey" / "codes.csv", coded, bom=True, quote_all=True)
    write_xlsx(HERE / "limesurvey" / "full-answers.xlsx", texts)
    write_csv(HERE / "limesurvey" / "g1q1.csv", groups, quote_all=True)


def gforms() -> None:
    header: list[Cell] = ["Timestamp", "Email address", "I agree to take part in this survey."]
    header += ["Sector of your organisation", "Gender", "Age (optional)", "Region (optional)"]
    header += ["Which goals will you assess?"]
    for g in GOALS:
        header += [f"SDG {g}: {GOAL_NAMES[g]} [{name}]" for name in AREA_NAMES]
        header.append(f"Comments on SDG {g} (optional)")
    rows: list[list[Cell]] = [header]
    start = datetime(2024, 3, 7, 9, 15, 2)
    for i, p in enumerate(TRUTH):
        when = start + timedelta(minutes=41 * min(i, 8))  # the last two share a second
        stamp = when.strftime("%Y/%m/%d %-I:%M:%S %p") + " GMT+6"
        row: list[Cell] = [stamp, f"expert{i + 1}@example.org", "I agree"]
        row += [p.sector, p.gender, p.age, p.region]
        row.append(", ".join(f"SDG {g}: {GOAL_NAMES[g]}" for g in p.scores))
        for g in GOALS:
            row += [
                answer(p, g, a, lambda v: "Don't know" if v is None else signed(v)) for a in AREAS
            ]
            row.append(p.comments.get(g, ""))
        rows.append(row)
    write_csv(HERE / "gforms" / "responses.csv", rows)


RU_AREAS = (
    "1. Стратегии",
    "2. Законы",
    "3. Институты",
    "4. Нац. уровень",
    "5. Мест. уровень",
    "6. Мониторинг",
    "7. Информированность",
    "8. Прозрачность",
    "9. Партнёрства",
    "10. Участие",
)
RU_SECTOR = dict(
    zip(
        SECTORS,
        ("НКО", "Общественное объединение", "Вуз", "СМИ", "Местная организация", "Другое"),
        strict=True,
    )
)
KK_SECTOR = dict(
    zip(
        SECTORS,
        ("ҮЕҰ", "Қоғамдық бірлестік", "ЖОО", "БАҚ", "Жергілікті ұйым", "Басқа"),
        strict=True,
    )
)


def mapped() -> None:
    def ru_spell(v: int | None) -> str:
        if v is None:
            return "Не знаю"
        return {0: "нет прогресса", 3: "3 - высокий прогресс", -2: "−2 — ухудшение"}.get(
            v, signed(v)
        )

    top: list[Cell] = ["Респондент", "Сектор", "Пол", "Возраст", "Регион"]
    sub: list[Cell] = ["", "", "", "", ""]
    merges = []
    for g in GOALS:
        first = len(top) + 1
        top += [f"ЦУР {g}"] + [None] * 10
        sub += [*RU_AREAS, "Комментарий"]
        merges.append(f"{column_letter(first)}1:{column_letter(first + 10)}1")
    rows: list[list[Cell]] = [top, sub]
    for p in TRUTH:
        row: list[Cell] = [p.key, RU_SECTOR[p.sector], "Ж" if p.gender == "Female" else "М"]
        row += [p.age, p.region]
        for g in GOALS:
            row += [answer(p, g, a, ru_spell) for a in AREAS] + [p.comments.get(g, "")]
        rows.append(row)
    write_xlsx(HERE / "mapped" / "ru.xlsx", rows, merges)

    def kk_spell(v: int | None) -> str:
        if v is None:
            return "Білмеймін"
        return {3: "Жоғары прогресс", -1: "\u22121"}.get(v, signed(v))

    header: list[Cell] = ["Респондент", "Сектор", "Жынысы", "Жасы", "Өңір"]
    for g in GOALS:
        header += [f"{g}.{a}" for a in AREAS] + [f"{g} түсініктеме"]
    kk_rows: list[list[Cell]] = [header]
    for p in TRUTH:
        row = [p.key, KK_SECTOR[p.sector], "Әйел" if p.gender == "Female" else "Ер", p.age]
        row.append(p.region)
        for g in GOALS:
            row += [answer(p, g, a, kk_spell) for a in AREAS] + [p.comments.get(g, "")]
        kk_rows.append(row)
    write_csv(HERE / "mapped" / "kk.csv", kk_rows, delimiter=";", bom=True)


def main() -> None:
    canonical()
    cognito()
    cognito_labels()
    kobo()
    limesurvey()
    gforms()
    mapped()


if __name__ == "__main__":
    main()
