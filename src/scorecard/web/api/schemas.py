"""Request and response shapes. Pydantic models give the OpenAPI document its types.

The Results models describe ``Results.to_json()`` (DESIGN.md "Results JSON") for
the document; the operations return that JSON exactly as the core wrote it, and
the models allow extra keys so a new figure in the core is never cut off.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from ninja import Field, Schema
from ninja.params.functions import Path, Query
from pydantic import ConfigDict, field_validator

from scorecard.interop.importers.values import OTHER_MAX, has_control_character
from scorecard.method import default_framework
from scorecard.report import RENDERERS

_FW = default_framework()
SCALE_MIN, SCALE_MAX = _FW.scale.minimum, _FW.scale.maximum
AREA_COUNT = len(_FW.areas)
GOAL_MIN, GOAL_MAX = min(_FW.goal_numbers), max(_FW.goal_numbers)
COMMENT_MAX_CHARS = 5000  # settings.SCORECARD_COMMENT_MAX_CHARS, as the questionnaire
MAX_OFFSET = 1_000_000_000
SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"  # Django's slug converter: the URL matches nothing else


# Parameters, as Annotated types so defaults stay plain values.
Slug = Annotated[str, Path(pattern=SLUG_PATTERN, description="An edition's slug.")]
ReportFormat = Annotated[
    str,
    Path(pattern="^(" + "|".join(RENDERERS) + ")$", description="One of the report formats."),
]
Language = Annotated[
    Literal["en", "ru", "kk"] | None,
    Query(description="Report language; default: the Accept-Language header."),
]
Version = Annotated[
    int | None, Query(ge=1, le=1_000_000, description="A published version; default: newest.")
]


class Detail(Schema):
    """Every error: ``{"detail": "..."}``, or a list of field errors for 422."""

    detail: str


class FieldError(Schema):
    model_config = ConfigDict(extra="allow")
    loc: list[str | int]
    msg: str
    type: str


class ValidationDetail(Schema):
    detail: list[FieldError]


class PageQuery(Schema):
    limit: int = Field(20, ge=1, le=100, description="Items per page, at most 100.")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Items to skip.")


# --- editions ---------------------------------------------------------------------------------


class EditionOut(Schema):
    slug: str
    title: str
    country: str
    year: int
    organisation: str
    status: str
    goals: list[int] = Field(description="Goals covered; empty means all 17.")
    languages: list[str]
    synthetic: bool
    opens_at: datetime | None
    closes_at: datetime | None
    accepts_answers: bool
    role: Literal["coordinator", "viewer"] = Field(description="The token user's role.")


class EditionPage(Schema):
    items: list[EditionOut]
    count: int
    limit: int
    offset: int


class EditionDetail(EditionOut):
    respondents: int = Field(description="Respondents stored: started on the web plus imported.")
    invited: int = Field(
        description="Links handed out: batch links, and participants' links "
        "whose invitation was sent."
    )
    opened: int = Field(description="Links visited at least once.")
    started: int = Field(description="Respondents who gave consent or an answer on the web.")
    submitted: int = Field(description="Web respondents who submitted.")
    imported: int = Field(description="Respondents stored from a file or through the API.")
    published_versions: list[int]
    report_formats: list[str]


class TokenOut(Schema):
    name: str
    prefix: str
    user: str
    scopes: list[str]
    created: datetime


# --- results (Results.to_json) ----------------------------------------------------------------


class _Open(Schema):
    model_config = ConfigDict(extra="allow")


class ScoreFields(_Open):
    mean: float | None
    percent: float | None
    band: str | None


class CellOut(ScoreFields):
    goal: int
    area: int
    n: int
    sd: float | None
    ci95: list[float] | None
    ci95_percent: list[float] | None
    median: float | None
    counts: dict[str, int] = Field(description='Answers per scale point, keyed "-5".."5".')
    iqr: float | None = None
    agreement: float | None = Field(None, description="Van der Eijk's agreement A.")
    contested: bool | None = None


class GoalOut(ScoreFields):
    goal: int
    name: str
    colour: str
    n: int = Field(description="Respondents who scored at least one area of the goal.")
    answers: int


class AreaOut(ScoreFields):
    area: int
    name: str
    pillar: str
    n: int


class PillarOut(ScoreFields):
    pillar: str
    name: str
    areas: list[int]
    n: int


class OverallOut(ScoreFields):
    n: int
    answers: int


class ShareOut(_Open):
    label: str
    n: int
    percent: float


class AgeOut(_Open):
    n: int
    min: int | None
    max: int | None
    mean: float | None


class RespondentsOut(_Open):
    n: int
    answering: int
    gender: list[ShareOut]
    sector: list[ShareOut]
    region: list[ShareOut]
    age: AgeOut


class RangeOut(_Open):
    min_percent: float | None
    max_percent: float | None
    min_area: int | None
    max_area: int | None


class KeyFindingsOut(_Open):
    highest: list[int]
    lowest: list[int]


class CommentOut(_Open):
    goal: int
    text: str


class EditionFacts(_Open):
    title: str
    country: str
    year: int | None
    organisation: str
    synthetic: bool
    languages: list[str]


class ResultsOut(_Open):
    """``Results.to_json()``: every figure of an edition, unrounded (METHOD.md)."""

    edition: EditionFacts
    method: dict[str, object]
    respondents: RespondentsOut
    cells: list[CellOut]
    goals: list[GoalOut]
    areas: list[AreaOut]
    pillars: list[PillarOut]
    overall: OverallOut
    range: RangeOut
    key_findings: KeyFindingsOut
    comments: list[CommentOut]


# --- comparisons (scorecard.analysis.compare -> Comparison.to_json) -----------------------------


class SideOut(ScoreFields):
    n: int


class ChangeOut(_Open):
    """One figure in both editions; ``points`` = after percent - before percent."""

    before: SideOut
    after: SideOut
    points: float | None
    ci95_points: list[float] | None
    df: float | None
    significant: bool
    verdict: str = Field(
        description='"higher", "lower", "no clear change" or "too few answers to tell".'
    )
    band_change: list[str | None] | None


class GoalChangeOut(ChangeOut):
    goal: int
    name: str


class AreaChangeOut(ChangeOut):
    area: int
    name: str


class PillarChangeOut(ChangeOut):
    pillar: str
    name: str


class CellChangeOut(ChangeOut):
    goal: int
    area: int


class PairOut(_Open):
    before: str
    after: str
    same_scale: bool
    area_map: dict[str, int]
    overall: ChangeOut
    goals: list[GoalChangeOut]
    areas: list[AreaChangeOut]
    pillars: list[PillarChangeOut]
    cells: list[CellChangeOut]


class ComparedEdition(EditionFacts):
    label: str


class ComparisonOut(_Open):
    """``compare(a, b).to_json()``: edition b (current) against a (earlier), labelled by slug."""

    rule: str
    variance: str
    min_n: int
    editions: list[ComparedEdition]
    current: str
    pairs: list[PairOut]


# --- published --------------------------------------------------------------------------------


class PublishedOut(Schema):
    slug: str
    title: str
    country: str
    year: int
    version: int
    published: datetime


class PublishedPage(Schema):
    items: list[PublishedOut]
    count: int
    limit: int
    offset: int


# --- gateway submissions ----------------------------------------------------------------------


def _plain_text(value: str) -> str:
    """Text that every database stores: no NUL or other control character (tab, newline and
    CR excepted), no lone surrogate halves (from JSON escapes)."""
    if has_control_character(value):
        raise ValueError("must not contain a control character (such as NUL)")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("must be valid Unicode text") from None
    return value


Score = Annotated[int, Field(strict=True, ge=SCALE_MIN, le=SCALE_MAX)]  # StrictInt: no false, 3.0


class GoalAnswerIn(Schema):
    model_config = ConfigDict(extra="forbid")

    goal: int = Field(
        ge=GOAL_MIN, le=GOAL_MAX, description="SDG number; the edition must cover it."
    )
    scores: list[Score | None] = Field(
        min_length=AREA_COUNT,
        max_length=AREA_COUNT,
        description=(
            f"One per key area, in order 1..{AREA_COUNT}: a whole number from {SCALE_MIN} to "
            f'{SCALE_MAX}, or null for "don\'t know" (not assessed, never 0).'
        ),
    )
    comment: str = Field("", max_length=COMMENT_MAX_CHARS)

    @field_validator("comment", mode="before")
    @classmethod
    def _normalise(cls, value: object) -> object:
        # As the questionnaire: \r\n counts as one character, outer spaces go.
        return value.replace("\r\n", "\n").strip() if isinstance(value, str) else value

    @field_validator("comment")
    @classmethod
    def _plain(cls, value: str) -> str:
        return _plain_text(value)


class SubmissionIn(Schema):
    """One respondent's answers for one or more goals, from a survey gateway."""

    model_config = ConfigDict(extra="forbid")

    respondent: str = Field(
        min_length=1,
        max_length=100,
        description=(
            "The gateway's own id for the respondent: the idempotency key. Sending the same "
            "respondent and goal again replaces that goal's answers, never adds a second row."
        ),
    )
    sector: str = Field(
        "",
        max_length=OTHER_MAX,
        description=(
            "One of the questionnaire's sectors (NGO, Public association, Academic/educational, "
            "Media, Community-based organisation, Other), in English, Russian or Kazakh or a "
            "common synonym (НПО, ҮЕҰ, СМИ...); stored as the English label. Text that matches "
            "none is stored as Other with the text kept apart, or refused (422) where the "
            "edition is strict."
        ),
    )
    gender: str = Field(
        "",
        max_length=OTHER_MAX,
        description=(
            "Female, Male, Other or Prefer not to say, in English, Russian or Kazakh or a "
            "common synonym (F, жен, әйел...); unmatched text as for sector."
        ),
    )
    age: int | None = Field(None, ge=15, le=120)
    region: str = Field("", max_length=100, description="Free text; spacing is tidied.")
    language: Literal["en", "ru", "kk"] = "en"
    answers: list[GoalAnswerIn] = Field(min_length=1, max_length=GOAL_MAX)

    @field_validator("respondent", "sector", "gender", "region", mode="before")
    @classmethod
    def _strip(cls, value: object) -> object:
        return value.strip() if isinstance(value, str) else value

    @field_validator("respondent", "sector", "gender", "region")
    @classmethod
    def _plain(cls, value: str) -> str:
        return _plain_text(value)


class SubmissionOut(Schema):
    respondent: str
    goals: list[int] = Field(description="The goals stored by this request.")
    chosen_goals: list[int] = Field(description="Every goal this respondent has answered so far.")


class TransitionIn(Schema):
    """A lifecycle step; ``reason`` is required by ``correct``, ``accept`` used by ``publish``."""

    reason: str = Field("", max_length=2000)
    accept: list[str] = Field(default_factory=list, max_length=20)
    accept_all: bool = False

    @field_validator("reason")
    @classmethod
    def _plain(cls, value: str) -> str:
        return _plain_text(value)

    @field_validator("accept")
    @classmethod
    def _plain_ids(cls, value: list[str]) -> list[str]:
        return [_plain_text(v) for v in value]


class TransitionOut(Schema):
    slug: str
    status: str
    version: int | None = Field(None, description="The new version, after publish.")
