"""The title slide's lines never run into each other, whatever the language's lengths."""

from __future__ import annotations

import dataclasses
import io
from itertools import pairwise

import pytest
from pptx import Presentation
from pptx.util import Emu

from scorecard.report import ReportInput, render
from scorecard.report.fontmetrics import text_width
from scorecard.report.identity import Identity, Partner

LONG_ORGANISATION = (
    "Коалиция гражданского общества Казахстана по целям устойчивого развития, "
    "ассоциация общественных объединений и сеть региональных партнёров"
)


def _lines(text: str, width_pt: float, size: float, bold: bool) -> int:
    """Lines the text takes when wrapped at spaces, measured with DejaVu Sans's widths.

    DejaVu Sans is wider than Arial and Liberation Sans, the fonts the deck meets in
    PowerPoint and LibreOffice, so a text that fits here fits there.
    """
    lines, current = 1, ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if current and text_width(trial, size, bold) > width_pt:
            lines, current = lines + 1, word
        else:
            current = trial
    return lines


def _text_boxes(deck: bytes) -> list[tuple[float, float, float, float, str]]:
    """(top, bottom, left, right, text) of the first slide's text, in inches.

    The bottom is where the text ends, if it runs past its box: a box too small for its
    text does not grow, its text overflows onto what lies below.
    """
    slide = Presentation(io.BytesIO(deck)).slides[0]
    found = []
    for shape in slide.shapes:
        if shape.has_text_frame and shape.text_frame.text.strip():
            top, left = Emu(shape.top).inches, Emu(shape.left).inches
            bottom, right = top + Emu(shape.height).inches, left + Emu(shape.width).inches
            frame = shape.text_frame
            inner = (right - left - 0.1) * 72  # inside the 0.05 in insets write() sets
            needed = 0.1 + sum(
                _lines(p.text, inner, size, bool(run.font.bold)) * size * 1.2 / 72
                for p in frame.paragraphs
                if p.runs and (run := p.runs[0]).font.size
                for size in [run.font.size.pt]
            )
            found.append((top, max(bottom, top + needed), left, right, frame.text))
    return sorted(found)


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
@pytest.mark.parametrize("signed", [False, True])
def test_no_line_of_the_title_slide_overlaps_another(
    sample_input: ReportInput, language: str, signed: bool
) -> None:
    plain = sample_input.results.edition
    texts = tuple(t for t in plain.texts if t[0] != "organisation")  # the long one everywhere
    edition = dataclasses.replace(plain, organisation=LONG_ORGANISATION, texts=texts)
    identity = Identity(
        coalition="Kazakhstan SDG Coalition",
        partners=(Partner("ARGO", ""), Partner("CIOM", "")),
        acknowledgement="Funded by KOICA.",
    )
    inp = dataclasses.replace(
        sample_input,
        language=language,
        results=dataclasses.replace(sample_input.results, edition=edition),
        identity=identity if signed else sample_input.identity,
    )
    boxes = _text_boxes(render("report", "pptx", inp).data)
    assert any(LONG_ORGANISATION in text for *_box, text in boxes)
    for (_top, bottom, left, right, text), (top2, _b2, left2, right2, text2) in pairwise(boxes):
        side_by_side = right <= left2 or right2 <= left
        assert side_by_side or bottom <= top2 + 0.01, f"{text!r} runs into {text2!r}"
    assert all(bottom <= 7.5 for _t, bottom, *_rest in boxes)
