"""Who signs the report (issue 14): logos made safe, edition.toml keys, and every output.

The identity set in edition.toml must reach the PDF's cover (read by pdftotext),
the HTML's cover and footer, and the deck's title slide and footers (read by
python-pptx); a hostile SVG must arrive without anything that runs or fetches.
"""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from scorecard.cli import main
from scorecard.report import ReportInput, render
from scorecard.report.identity import (
    DEFAULT_LICENCE,
    Identity,
    IdentityError,
    Partner,
    identity_context,
    load_identity,
)
from scorecard.report.logos import JPEG, PNG, SVG, Logo, LogoError, safe_logo

from .formats import pdf_text

HOSTILE_SVG = b"""<?xml version="1.0"?>
<!DOCTYPE svg [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     viewBox="0 0 200 80" onload="alert('onload')">
  <script>alert('script')</script>
  <style>@import url(https://evil.example/steal.css);</style>
  <a href="javascript:alert('link')"><rect id="box" width="200" height="80" fill="#4C9F38"
     onclick="alert('click')"/></a>
  <image href="https://evil.example/pixel.png" width="1" height="1"/>
  <use xlink:href="https://evil.example/sprite.svg#x"/>
  <use href="#box"/>
  <foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml">html</div></foreignObject>
  <circle r="5" style="fill: url(https://evil.example/paint)"/>
  <circle r="4" fill="url(#grad)"/>
  <text x="10" y="50">&secret;ARGO</text>
</svg>"""


def png(width: int = 40, height: int = 20, colour: tuple[int, int, int] = (25, 72, 106)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, "PNG")
    return out.getvalue()


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (30, 30), (0, 125, 188)).save(out, "JPEG")
    return out.getvalue()


# --- logos -------------------------------------------------------------------------------


def test_a_hostile_svg_keeps_its_drawing_and_loses_everything_that_runs_or_fetches() -> None:
    logo = safe_logo(HOSTILE_SVG, "partner.svg")
    text = logo.data.decode("utf-8")
    assert logo.media_type == SVG
    for gone in (
        "script", "onload", "onclick", "javascript", "evil.example", "foreignObject",
        "@import", "<image", "<style", "<a", "xlink", "passwd", "ENTITY",
    ):  # fmt: skip
        assert gone not in text, gone
    assert '<rect id="box" width="200" height="80" fill="#4C9F38"/>' in text
    assert '<use href="#box"/>' in text  # a reference inside the image stays
    assert 'fill="url(#grad)"' in text
    assert "ARGO" in text


def test_a_png_is_decoded_and_encoded_again_without_what_rides_after_it() -> None:
    payload = png() + b"<script>alert(1)</script>"
    logo = safe_logo(payload, "logo.png")
    assert logo.media_type == PNG
    assert b"<script>" not in logo.data
    with Image.open(io.BytesIO(logo.data)) as image:
        assert image.size == (40, 20)
        assert image.convert("RGB").getpixel((5, 5)) == (25, 72, 106)


def test_a_jpeg_stays_a_jpeg() -> None:
    logo = safe_logo(jpeg(), "funder.jpg")
    assert logo.media_type == JPEG
    assert logo.data.startswith(b"\xff\xd8\xff")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"GIF89a....", "logo.x: not a PNG, JPEG or SVG image"),
        (b"", "logo.x: the file is empty"),
        (b"\x89PNG\r\n\x1a\nbroken", "logo.x: not a valid PNG image"),
        (b"<svg><unclosed></svg>", "logo.x: not a valid SVG image"),
        (b"<?xml version='1.0'?><!-- <svg --><html/>", "logo.x: not an SVG image"),
    ],
)
def test_what_is_no_logo_is_refused_with_the_file_named(data: bytes, message: str) -> None:
    with pytest.raises(LogoError) as caught:
        safe_logo(data, "logo.x")
    assert str(caught.value).startswith(message)


def test_an_oversized_logo_is_refused_before_it_is_decoded() -> None:
    data = png(400, 400)
    with pytest.raises(LogoError, match=r"big\.png: the logo is \d+ KB, larger than the limit"):
        safe_logo(data, "big.png", max_bytes=len(data) - 1)


def test_a_decompression_bomb_is_refused() -> None:
    out = io.BytesIO()
    Image.new("1", (5000, 5000)).save(out, "PNG")  # tiny file, 25 million pixels
    with pytest.raises(LogoError, match="at most"):
        safe_logo(out.getvalue(), "bomb.png")


# --- edition.toml -------------------------------------------------------------------------

TOML = """title = "PSC"
coalition = { en = "Kazakhstan SDG Coalition", ru = "Коалиция Казахстана по ЦУР" }
logo = "img/coalition.png"
acknowledgement = "Funded by KOICA."
contact = "psc@example.org"

[[partners]]
name = "ARGO"
logo = "img/argo.svg"
url = "https://argo.example.org"

[[partners]]
name = "CIOM"
logo = "img/ciom.jpg"

[[partners]]
name = "Asia Center"
"""


@pytest.fixture
def edition_toml(tmp_path: Path) -> Path:
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "coalition.png").write_bytes(png())
    (tmp_path / "img" / "argo.svg").write_bytes(HOSTILE_SVG)
    (tmp_path / "img" / "ciom.jpg").write_bytes(jpeg())
    path = tmp_path / "edition.toml"
    path.write_text(TOML, "utf-8")
    return path


def test_edition_toml_carries_the_identity_with_images_relative_to_it(edition_toml: Path) -> None:
    identity = load_identity(edition_toml)
    assert identity.coalition == "Kazakhstan SDG Coalition"
    assert identity.logo is not None
    assert identity.logo.media_type == PNG
    assert [(p.name, p.url) for p in identity.partners] == [
        ("ARGO", "https://argo.example.org"), ("CIOM", ""), ("Asia Center", ""),
    ]  # fmt: skip
    assert [p.logo.media_type if p.logo else None for p in identity.partners] == [SVG, JPEG, None]
    assert identity.acknowledgement == "Funded by KOICA."
    assert identity.contact == "psc@example.org"
    assert identity.licence == DEFAULT_LICENCE == "CC BY 4.0"
    assert load_identity(edition_toml, "ru").coalition == "Коалиция Казахстана по ЦУР"
    assert load_identity(edition_toml, "kk").coalition == "Kazakhstan SDG Coalition"  # English


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ('"img/coalition.png"', '"img/missing.png"', "key logo: cannot read "),
        ('"https://argo.example.org"', '"javascript:alert(1)"', "key partners (partner 1) url: "),
        ('name = "CIOM"', 'name = ""', "key partners (partner 2): a partner needs a name"),
        ('"psc@example.org"', "5", "key contact: must be text"),
        ('"img/ciom.jpg"', '"answers.csv"', "key partners (partner 2) logo: cannot read "),
    ],
)
def test_bad_identity_keys_are_refused_naming_file_and_key(
    edition_toml: Path, before: str, after: str, expected: str
) -> None:
    edition_toml.write_text(TOML.replace(before, after), "utf-8")
    with pytest.raises(IdentityError) as caught:
        load_identity(edition_toml)
    assert str(caught.value).startswith(f"{edition_toml}, {expected}")


def test_an_oversized_logo_in_edition_toml_is_refused_without_reading_it(
    edition_toml: Path,
) -> None:
    with pytest.raises(
        IdentityError,
        match=r"key logo: .*coalition\.png: the logo is \d+ bytes, larger than the limit of 10 ",
    ):
        load_identity(edition_toml, max_logo_bytes=10)


def test_the_identity_survives_freezing_as_json(edition_toml: Path) -> None:
    identity = load_identity(edition_toml)
    assert Identity.from_json(identity.to_json()) == identity
    assert Identity.from_json(None) == Identity()  # versions published before identity


# --- every output -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def signed(sample_input: ReportInput) -> ReportInput:
    import dataclasses

    identity = Identity(
        coalition="Kazakhstan SDG Coalition",
        logo=Logo(png(), PNG),
        partners=(
            Partner("ARGO", "https://argo.example.org", safe_logo(HOSTILE_SVG, "argo.svg")),
            Partner("CIOM", "", Logo(png(30, 30, (229, 36, 59)), PNG)),
            Partner("Asia Center", "javascript:alert(1)"),
        ),
        acknowledgement="Funded by KOICA.",
        contact="psc@example.org",
    )
    return dataclasses.replace(sample_input, identity=identity)


def test_the_html_cover_and_footer_show_who_signs_it(signed: ReportInput) -> None:
    html = render("report", "html", signed).data.decode("utf-8")
    logo = base64.b64encode(png()).decode("ascii")
    assert f'<img class="masthead-logo" src="data:image/png;base64,{logo}" ' in html
    assert 'alt="Kazakhstan SDG Coalition"' in html
    footer = html[html.index('<footer class="wrap footer">') :]
    assert '<p class="coalition-name">Kazakhstan SDG Coalition</p>' in footer
    assert '<a href="https://argo.example.org">ARGO</a>, CIOM, Asia Center' in footer
    assert "javascript" not in html  # the partner's bad link is dropped, its name kept
    assert "Funded by KOICA." in footer
    assert '<a href="mailto:psc@example.org">psc@example.org</a>' in footer
    assert (
        '<a href="https://creativecommons.org/licenses/by/4.0/" rel="license">'
        "Licence: CC BY 4.0</a>" in footer
    )
    assert not re.search(r"<script|onload|onclick|evil\.example/", html)


def test_the_pdf_cover_shows_coalition_partners_and_funders(
    signed: ReportInput, tmp_path: Path
) -> None:
    from scorecard.report.html import report_document

    out = tmp_path / "report.pdf"
    out.write_bytes(render("report", "pdf", signed).data)
    document = report_document(signed, for_print=True)
    cover = " ".join(pdf_text(out, document).split("\f")[0].split())
    assert "Kazakhstan SDG Coalition" in cover
    assert "Asia Center" in cover  # a partner without a logo is named
    assert "Funded by KOICA." in cover
    cover_html = document[document.index('class="cover"') : document.index("</section>")]
    assert cover_html.count("<img ") == 3  # coalition, ARGO, CIOM: embedded, not fetched
    assert 'alt="ARGO"' in cover_html
    assert 'alt="CIOM"' in cover_html
    assert "Licence: CC BY 4.0" in pdf_text(out, document).split("\f")[-2]


def test_the_title_slide_shows_the_logo_coalition_and_partners(
    signed: ReportInput, tmp_path: Path
) -> None:
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    out = tmp_path / "deck.pptx"
    out.write_bytes(render("report", "pptx", signed).data)
    deck = Presentation(str(out))
    title = deck.slides[0]
    pictures = [s for s in title.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    alts = [p._element.nvPicPr.cNvPr.get("descr") for p in pictures]
    assert alts == ["Kazakhstan SDG Coalition", "ARGO", "CIOM"]
    texts = {s.name: s.text_frame.text for s in title.shapes if s.has_text_frame}
    assert texts["Coalition"] == "Kazakhstan SDG Coalition"
    assert texts["Partner"] == "Asia Center"
    assert texts["Funders"] == "Funded by KOICA."
    # The coalition logo keeps its 2:1 shape, and so does the SVG's box (viewBox 200 x 80).
    logo, svg_logo = pictures[0], pictures[1]
    assert abs(logo.width / logo.height - 2) < 0.01
    assert abs(svg_logo.width / svg_logo.height - 2.5) < 0.01
    # The SVG rides as PowerPoint 2016 stores one: the sanitised SVG beside a PNG stand-in.
    assert svg_logo.image.content_type == "image/png"
    blips = svg_logo._element.iter(
        "{http://schemas.microsoft.com/office/drawing/2016/SVG/main}svgBlip"
    )
    relationship = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
    svg = title.part.related_part(next(blips).get(relationship))
    assert svg.content_type == "image/svg+xml"
    assert svg.blob == safe_logo(HOSTILE_SVG, "argo.svg").data
    for slide in list(deck.slides)[1:]:
        foot = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        assert any("Kazakhstan SDG Coalition ·" in t and t.endswith("· CC BY 4.0") for t in foot)


def test_every_slide_has_the_sdg_stripe_from_the_master(signed: ReportInput) -> None:
    from pptx import Presentation

    deck = Presentation(io.BytesIO(render("report", "pptx", signed).data))
    stripe = [s for s in deck.slide_master.shapes if s.name.startswith("SDG stripe")]
    colours = [str(s.fill.fore_color.rgb) for s in stripe]
    goals = signed.results.framework.goals
    assert colours == [g.colour.lstrip("#").upper() for g in goals]
    assert all(s.top == 0 and s.height == 109728 for s in stripe)  # 0.12 inch, every slide
    assert all(not s.name.startswith("SDG stripe") for s in deck.slides[3].shapes)


def test_an_unsigned_report_still_says_its_licence(sample_input: ReportInput) -> None:
    html = render("report", "html", sample_input).data.decode("utf-8")
    assert "Licence: CC BY 4.0" in html
    assert "<img " not in html
    shown = identity_context(Identity(), lambda s: s)
    assert shown["logo"] == ""
    assert shown["partners"] == []


def test_scorecard_report_reads_the_identity_beside_the_answers(
    edition_toml: Path, tmp_path: Path
) -> None:
    answers = edition_toml.parent / "answers.csv"
    result = CliRunner().invoke(main, ["sample", "--out", str(answers)])
    assert result.exit_code == 0, result.output
    edition_toml.write_text(answers.with_name("edition.toml").read_text("utf-8"), "utf-8")
    with edition_toml.open("a", encoding="utf-8") as f:
        f.write("\n" + TOML.split("\n", 1)[1])
    out = tmp_path / "report.html"
    result = CliRunner().invoke(
        main, ["report", str(answers), "--out", str(out), "--language", "ru"]
    )
    assert result.exit_code == 0, result.stderr
    html = out.read_text("utf-8")
    assert '<p class="coalition-name">Коалиция Казахстана по ЦУР</p>' in html
    assert html.count("<img ") == 1  # the masthead logo (partners' logos are on the cover)
    bad = edition_toml.read_text("utf-8").replace("contact =", 'licence = ["x"]\ncontact =')
    edition_toml.write_text(bad, "utf-8")
    result = CliRunner().invoke(main, ["report", str(answers), "--out", str(out)])
    assert result.exit_code == 2
    assert f"Error: {edition_toml}, key licence: must be text" in result.stderr


def test_each_key_finding_has_its_own_slide_marked_with_the_goal_colour(
    signed: ReportInput,
) -> None:
    from pptx import Presentation

    deck = Presentation(io.BytesIO(render("report", "pptx", signed).data))
    res = signed.results
    tiles = []
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.name.startswith("SDG ") and shape.has_text_frame:
                tiles.append((int(shape.text_frame.text), slide))
    assert [n for n, _ in tiles] == list(res.highest + res.lowest)
    for number, slide in tiles:
        fills = [
            str(s.fill.fore_color.rgb)
            for s in slide.shapes
            if s.shape_type == 1 and s.fill.type == 1  # an autoshape with a solid fill
        ]
        assert res.goal(number).colour.lstrip("#").upper() in fills
