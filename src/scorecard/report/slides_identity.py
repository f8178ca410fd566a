"""The deck's signature: the SDG stripe on the slide master, and who signs the title slide.

The stripe lives on the master, so every slide shows the same thin band of the
17 goal colours without 17 shapes of its own, in PowerPoint and LibreOffice
alike. Logos are pictures, each with the name it stands for as its alternative
text. PNG and JPEG are placed as they are; an SVG logo (already sanitised) is
placed as a vector picture the way PowerPoint 2016 writes one: the SVG beside a
PNG stand-in that LibreOffice, Keynote, Google Slides and older PowerPoint show
instead. The stand-in is the logo drawn by resvg at 300 dpi of its place on the
slide (logos.rasterise_svg); should that fail, it is the name in the logo's shape,
and the deck is made all the same.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Sequence
from types import SimpleNamespace
from typing import Any

from scorecard.report.i18n import Gettext
from scorecard.report.identity import Identity
from scorecard.report.logos import SVG, Logo, rasterise_svg
from scorecard.report.slides_kit import MUTED, TYPE, WIDTH_IN, Box, plain, rect, write

STRIPE_IN = 0.12
LOGO_DPI = 300  # the SVG logo's stand-in: print quality at the size it has on the slide

log = logging.getLogger(__name__)


def stripe_master(prs: Any, colours: Sequence[str], height: float = STRIPE_IN) -> None:
    """The band of goal colours across the top of the master, behind every slide."""
    from pptx.shapes.shapetree import _BaseGroupShapes

    master = prs.slide_master
    # python-pptx only adds shapes to slides; the master's shape tree takes them the same way.
    target = SimpleNamespace(shapes=_BaseGroupShapes(master.shapes._spTree, master))
    step = WIDTH_IN / max(1, len(colours))
    for i, colour in enumerate(colours):
        shape = rect(target, Box(i * step, 0, step + 0.01, height), colour)
        shape.name = f"SDG stripe {i + 1}"


def place_logo(slide: Any, logo: Logo, box: Box, alt: str, centre: bool = False) -> Any:
    """The logo scaled into ``box`` (aspect kept), at its left or centre, named ``alt``."""
    from pptx.util import Inches

    w, h = svg_size(logo.data) if logo.media_type == SVG else _pixels(logo.data)
    scale = min(box.w / w, box.h / h)
    pw, ph = w * scale, h * scale
    data = _stand_in(logo, alt, pw, ph) if logo.media_type == SVG else logo.data
    x = box.x + ((box.w - pw) / 2 if centre else 0)
    y = box.y + (box.h - ph) / 2
    picture = slide.shapes.add_picture(
        io.BytesIO(data), Inches(x), Inches(y), Inches(pw), Inches(ph)
    )
    picture.name = alt[:60] or "Logo"
    picture._element.nvPicPr.cNvPr.set("descr", alt)  # the alternative text
    if logo.media_type == SVG:
        _attach_svg(slide, picture, logo.data)
    return picture


def _pixels(data: bytes) -> tuple[int, int]:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        return image.width, image.height


_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)")


def svg_size(data: bytes) -> tuple[float, float]:
    """The SVG's aspect from its viewBox, else its width and height, else square."""
    from lxml import etree  # type: ignore[import-untyped]

    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    box = [float(n) for n in _NUMBER.findall(root.get("viewBox", ""))]
    if len(box) == 4 and box[2] > 0 and box[3] > 0:
        return box[2], box[3]
    sizes = [_NUMBER.match(root.get(k, "")) for k in ("width", "height")]
    if sizes[0] and sizes[1] and float(sizes[0][0]) > 0 and float(sizes[1][0]) > 0:
        return float(sizes[0][0]), float(sizes[1][0])
    return 1.0, 1.0


def _stand_in(logo: Logo, alt: str, width_in: float, height_in: float) -> bytes:
    """The PNG beside an SVG logo: the logo drawn for its size on the slide, else the name."""
    try:
        return rasterise_svg(logo.data, round(width_in * LOGO_DPI), round(height_in * LOGO_DPI))
    except Exception as exc:  # whatever went wrong, the deck is made with the placeholder
        log.warning("SVG logo %r shown as its name in the deck: %s", alt, exc)
        return _placeholder(logo, alt)


def _placeholder(logo: Logo, alt: str) -> bytes:
    """The stand-in when the SVG cannot be drawn: the name, in the logo's shape.

    PowerPoint 2016 on draws the SVG itself; LibreOffice 7 and older programs show this.
    """
    from PIL import Image, ImageDraw, ImageFont

    w, h = svg_size(logo.data)
    scale = 600 / max(w, h)
    size = (max(40, round(w * scale)), max(40, round(h * scale)))
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((2, 2, size[0] - 3, size[1] - 3), 12, outline=(208, 212, 217), width=3)
    points = min(size[1] * 0.5, 96.0)
    font = ImageFont.load_default(points)
    while points > 8 and draw.textlength(alt, font=font) > size[0] * 0.9:
        points *= 0.85
        font = ImageFont.load_default(points)
    centre = (size[0] / 2, size[1] / 2)
    draw.text(centre, alt, fill=(25, 72, 106, 255), font=font, anchor="mm")
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


SVG_EXT = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
SVG_NS = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"


def _attach_svg(slide: Any, picture: Any, svg: bytes) -> None:
    """The vector logo beside its PNG stand-in, as PowerPoint (2016 on) and LibreOffice read it."""
    from lxml import etree
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI

    package = slide.part.package
    used = {str(p.partname) for p in package.iter_parts()}
    n = 1
    while f"/ppt/media/logo{n}.svg" in used:
        n += 1
    part = Part(PackURI(f"/ppt/media/logo{n}.svg"), SVG, package, svg)
    r_id = slide.part.relate_to(part, RT.IMAGE)
    blip = picture._element.blipFill.blip
    ns_a = "http://schemas.openxmlformats.org/drawingml/2006/main"
    ns_r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    ext_list = etree.SubElement(blip, f"{{{ns_a}}}extLst")
    ext = etree.SubElement(ext_list, f"{{{ns_a}}}ext", uri=SVG_EXT)
    svg_blip = etree.SubElement(ext, f"{{{SVG_NS}}}svgBlip", nsmap={"asvg": SVG_NS})
    svg_blip.set(f"{{{ns_r}}}embed", r_id)


def sign_title_slide(slide: Any, identity: Identity, _: Gettext) -> None:
    """Coalition logo and name at the top, partners and funders along the foot."""
    top = Box(0.9, 0.6, 11.5, 1.0)
    name_x = top.x
    if identity.logo is not None:
        alt = identity.coalition or _("Coalition logo")
        shape = place_logo(slide, identity.logo, Box(top.x, top.y, 3.2, top.h), alt)
        name_x = top.x + shape.width / 914400 + 0.3
    if identity.coalition:
        box = Box(name_x, top.y + 0.2, top.x + top.w - name_x, 0.6)
        write(slide, box, [plain(identity.coalition, bold=True)], TYPE.lead).name = "Coalition"
    if identity.partners or identity.acknowledgement:
        _partners(slide, identity, _)


def _partners(slide: Any, identity: Identity, _: Gettext) -> None:
    y = 6.0
    rect(slide, Box(0.9, y, 11.5, 0.015), "D0D4D9")
    if identity.partners:
        label = [plain(_("In partnership with"))]
        write(slide, Box(0.9, y + 0.08, 11.5, 0.3), label, TYPE.note, MUTED)
        slot = 11.5 / max(4, len(identity.partners))
        for i, partner in enumerate(identity.partners):
            box = Box(0.9 + i * slot, y + 0.4, slot - 0.2, 0.55)
            if partner.logo is not None:
                place_logo(slide, partner.logo, box, partner.name)
            else:
                named = Box(box.x, box.y + 0.12, box.w, box.h - 0.12)  # level with the logos
                write(slide, named, [plain(partner.name, bold=True)], TYPE.small).name = "Partner"
    if identity.acknowledgement:
        box = Box(0.9, y + 1.0, 11.5, 0.45)
        write(slide, box, [plain(identity.acknowledgement)], TYPE.note, MUTED).name = "Funders"


def signed_footer(footer: str, identity: Identity) -> str:
    """The slide footer with the coalition in front and the licence after."""
    parts = [identity.coalition, footer, identity.licence]
    return " · ".join(p for p in parts if p)
