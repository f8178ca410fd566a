"""An SVG logo's PNG stand-in in the deck is the logo itself, drawn by resvg.

LibreOffice Impress, Keynote, Google Slides and PowerPoint before 2016 show only
the PNG that rides beside an SVG picture, so it must be the logo (read back here
with Pillow at known places), the SVG must still be attached for PowerPoint 2016
on, and a hostile, empty or undrawable SVG must leave a deck with the placeholder
(the coalition's name in a box) rather than no deck at all.
"""

from __future__ import annotations

import dataclasses
import io
import logging
import time
import zipfile
from typing import Any

import pytest
from PIL import Image

from scorecard.report import ReportInput, render, slides_identity
from scorecard.report import logos as logos_module
from scorecard.report.identity import Identity, Partner
from scorecard.report.logos import RASTER_MAX_PIXELS, LogoError, rasterise_svg, safe_logo
from scorecard.report.slides_kit import Box

NS = 'xmlns="http://www.w3.org/2000/svg"'
# 2:1, white ground: a red square on the left half, a blue circle in the right half.
RED_BLUE = f"""<svg {NS} viewBox="0 0 200 100">
  <rect width="200" height="100" fill="#ffffff"/>
  <rect x="10" y="10" width="80" height="80" fill="#ff0000"/>
  <circle cx="150" cy="50" r="40" fill="#0000ff"/>
</svg>""".encode()
# A green disc on nothing, 1:1.
GREEN = f'<svg {NS} viewBox="0 0 10 10"><circle cx="5" cy="5" r="5" fill="#00ff00"/></svg>'
# Asks for a hundred million pixels a side, and a viewBox as large.
HUGE = (
    f'<svg {NS} width="100000000" height="100000000" viewBox="0 0 100000000 100000000">'
    '<rect width="100000000" height="100000000" fill="#ff0000"/></svg>'
).encode()
SVG_BLIP = "{http://schemas.microsoft.com/office/drawing/2016/SVG/main}svgBlip"
EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"

RED, BLUE, WHITE, GREEN_PX = (255, 0, 0, 255), (0, 0, 255, 255), (255,) * 4, (0, 255, 0, 255)


def rgba(data: bytes) -> Image.Image:
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "PNG"
        return image.convert("RGBA")


def alpha(image: Image.Image, x: int, y: int) -> int:
    pixel = image.getpixel((x, y))
    assert isinstance(pixel, tuple)
    return pixel[3]


def pictures(slide: Any) -> dict[str, Any]:
    """The slide's pictures by their alternative text."""
    return {s._element.nvPicPr.cNvPr.get("descr"): s for s in slide.shapes if s.shape_type == 13}


def svg_part(slide: Any, picture: Any) -> Any:
    blip = next(picture._element.iter(SVG_BLIP))
    return slide.part.related_part(blip.get(EMBED))


@pytest.fixture(scope="module")
def deck(sample_input: ReportInput) -> bytes:
    identity = Identity(
        coalition="Red Blue Coalition",
        logo=safe_logo(RED_BLUE, "coalition.svg"),
        partners=(
            Partner("Green", "", safe_logo(GREEN.encode(), "green.svg")),
            Partner("Huge", "", safe_logo(HUGE, "huge.svg")),
        ),
    )
    return render("report", "pptx", dataclasses.replace(sample_input, identity=identity)).data


def test_the_svg_logos_stand_in_is_the_logo_drawn_at_300_dpi(deck: bytes) -> None:
    from pptx import Presentation

    title = Presentation(io.BytesIO(deck)).slides[0]
    logo = pictures(title)["Red Blue Coalition"]
    assert logo.image.content_type == "image/png"
    image = rgba(logo.image.blob)
    # The coalition's box is 3.2 x 1.0 inch; a 2:1 logo fills 2.0 x 1.0 of it: 600 x 300 px.
    assert image.size == (600, 300)
    assert round(logo.width / 914400 * 300) == 600
    assert image.getpixel((150, 150)) == RED  # the middle of the square
    assert image.getpixel((450, 150)) == BLUE  # the middle of the circle
    assert image.getpixel((450, 10)) == WHITE  # above the circle, on the white ground
    assert image.getpixel((5, 5)) == WHITE  # the corner, outside the square
    colours = {colour for _, colour in image.getcolors(600 * 300) or []}
    assert (25, 72, 106, 255) not in colours  # not the placeholder's lettering
    # The vector is still beside it, for PowerPoint 2016 on.
    part = svg_part(title, logo)
    assert part.content_type == "image/svg+xml"
    assert part.blob == safe_logo(RED_BLUE, "coalition.svg").data


def test_a_partners_svg_logo_is_drawn_too_and_transparent_around_it(deck: bytes) -> None:
    from pptx import Presentation

    title = Presentation(io.BytesIO(deck)).slides[0]
    image = rgba(pictures(title)["Green"].image.blob)
    assert image.width == image.height  # a 1:1 logo in a partner's slot
    assert image.getpixel((image.width // 2, image.height // 2)) == GREEN_PX
    assert alpha(image, 0, 0) == 0  # outside the disc nothing is painted


def test_the_pptx_file_carries_each_svg_with_its_png(deck: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(deck)) as package:
        names = package.namelist()
        svgs = sorted(n for n in names if n.startswith("ppt/media/") and n.endswith(".svg"))
        assert svgs == ["ppt/media/logo1.svg", "ppt/media/logo2.svg", "ppt/media/logo3.svg"]
        rels = package.read("ppt/slides/_rels/slide1.xml.rels").decode("utf-8")
        assert all(f'Target="../media/{n.rsplit("/", 1)[1]}"' in rels for n in svgs)
        pngs = [n for n in names if n.startswith("ppt/media/") and n.endswith(".png")]
        red = [n for n in pngs if rgba(package.read(n)).getpixel((150, 150)) == RED]
        assert red  # the coalition's stand-in, found as a file of the package


def test_a_hostile_size_is_drawn_within_the_pixel_cap_and_the_deck_is_made(deck: bytes) -> None:
    from pptx import Presentation

    title = Presentation(io.BytesIO(deck)).slides[0]
    huge = pictures(title)["Huge"]
    image = rgba(huge.image.blob)
    assert image.width * image.height <= RASTER_MAX_PIXELS
    assert image.getpixel((image.width // 2, image.height // 2)) == RED
    assert svg_part(title, huge).content_type == "image/svg+xml"


def test_a_hostile_size_asked_for_directly_is_capped_at_four_megapixels() -> None:
    image = rgba(rasterise_svg(safe_logo(HUGE, "huge.svg").data, 100_000_000, 100_000_000))
    assert image.size == (2000, 2000)
    assert image.width * image.height <= RASTER_MAX_PIXELS
    assert image.getpixel((1000, 1000)) == RED


def test_a_drawing_of_another_aspect_is_centred_in_the_box_asked_for() -> None:
    wide_but_square = f'<svg {NS} width="10" height="10"><rect width="10" height="10"/></svg>'
    image = rgba(rasterise_svg(wide_but_square.encode(), 300, 100))
    assert image.size == (300, 100)
    assert image.getpixel((150, 50)) == (0, 0, 0, 255)
    assert alpha(image, 10, 50) == 0  # left of the centred square


@pytest.mark.parametrize(
    ("svg", "message"),
    [
        (f'<svg {NS} viewBox="0 0 10 10"/>', "the SVG draws nothing"),
        (f'<svg {NS} width="0" height="0"/>', r"could not be drawn \(ValueError: SVG has an inv"),
    ],
)
def test_what_draws_nothing_is_refused(svg: str, message: str) -> None:
    with pytest.raises(LogoError, match=message):
        rasterise_svg(svg.encode(), 100, 100)


def test_a_slow_drawing_is_stopped_at_the_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    # A blur over a filter region a million times the logo: about a second each at this size.
    rects = '<rect width="100" height="100" fill="red" filter="url(#f)"/>' * 40
    slow = (
        f'<svg {NS} viewBox="0 0 100 100"><filter id="f" x="-100000" y="-100000" '
        f'width="1000000" height="1000000"><feGaussianBlur stdDeviation="1"/></filter>'
        f"{rects}</svg>"
    )
    monkeypatch.setattr(logos_module, "RASTER_SECONDS", 1.0)
    started = time.monotonic()
    with pytest.raises(LogoError, match=r"the SVG was not drawn in 1 s"):
        rasterise_svg(safe_logo(slow.encode(), "slow.svg").data, 1000, 1000)
    assert time.monotonic() - started < 5


def test_the_drawing_is_bounded_in_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    # Twenty nested half-transparent groups: a 2000 x 2000 layer (16 MB) each.
    nested = '<g opacity="0.9">' * 20 + '<rect width="10" height="10"/>' + "</g>" * 20
    svg = f'<svg {NS} viewBox="0 0 10 10">{nested}</svg>'.encode()
    assert alpha(rgba(rasterise_svg(svg, 2000, 2000)), 1000, 1000) > 0
    monkeypatch.setattr(logos_module, "RASTER_MEMORY", 128 * 1024 * 1024)
    with pytest.raises(LogoError, match=r"could not be drawn \(memory allocation of \d+ bytes"):
        rasterise_svg(svg, 2000, 2000)


def placed(logo_svg: bytes, alt: str) -> tuple[Any, bytes]:
    """A one-slide deck with the logo placed, saved and read back: the picture and its PNG."""
    from pptx import Presentation

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    slides_identity.place_logo(slide, safe_logo(logo_svg, "logo.svg"), Box(1, 1, 3.2, 1), alt)
    out = io.BytesIO()
    prs.save(out)
    title = Presentation(io.BytesIO(out.getvalue())).slides[0]
    picture = pictures(title)[alt]
    return svg_part(title, picture), picture.image.blob


def test_a_failed_drawing_leaves_the_placeholder_and_the_deck_is_made(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(svg: bytes, width: int, height: int) -> bytes:
        raise RuntimeError("resvg is broken")

    monkeypatch.setattr(slides_identity, "rasterise_svg", broken)
    with caplog.at_level(logging.WARNING, "scorecard.report.slides_identity"):
        svg, png = placed(RED_BLUE, "Red Blue Coalition")
    logo = safe_logo(RED_BLUE, "coalition.svg")
    assert png == slides_identity._placeholder(logo, "Red Blue Coalition")
    colours = {colour for _, colour in rgba(png).getcolors(1_000_000) or []}
    assert (25, 72, 106, 255) in colours  # the name's lettering
    assert RED not in colours
    assert svg.blob == logo.data  # the vector still rides beside it
    assert "'Red Blue Coalition' shown as its name in the deck: resvg is broken" in caplog.text


def test_an_svg_that_draws_nothing_leaves_the_placeholder() -> None:
    empty = f'<svg {NS} viewBox="0 0 20 10"><g/></svg>'.encode()
    _, png = placed(empty, "Empty")
    assert png == slides_identity._placeholder(safe_logo(empty, "logo.svg"), "Empty")
