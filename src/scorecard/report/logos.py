"""Logos a coalition uploads or names in edition.toml, made safe before anything stores them.

A logo is shown in every output, including the self-contained HTML report that
the public opens, so an image is hostile input like a comment: PNG and JPEG are
decoded and encoded again (nothing but pixels survives, no metadata, no
polyglot payload), and SVG is rebuilt from an allow-list of drawing elements
and attributes, so scripts, event handlers, ``foreignObject``, external
references and style rules that could fetch anything are gone. What is kept is
embedded as a data URI, so no output ever fetches a logo.

Where a picture must be pixels (the deck's stand-in for an SVG logo), the sanitised
SVG is drawn by resvg in a child process bounded in time and memory (``rasterise_svg``).
"""

from __future__ import annotations

import base64
import io
import re
import subprocess
import sys
from dataclasses import dataclass
from typing import Any

MAX_LOGO_BYTES = 1024 * 1024  # the CLI's limit; the web app reads SCORECARD_MAX_LOGO_KB
MAX_PIXELS = 4096 * 4096  # a decompression bomb is refused before it is decoded
# An SVG drawn as pixels: at most this many pixels, seconds and bytes of address space.
RASTER_MAX_PIXELS = 4_000_000
RASTER_SECONDS = 10.0
RASTER_MEMORY = 512 * 1024 * 1024
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"

PNG, JPEG, SVG = "image/png", "image/jpeg", "image/svg+xml"


class LogoError(ValueError):
    """An image that cannot be a logo; the message says which file and why."""


@dataclass(frozen=True)
class Logo:
    """Safe image bytes and their media type (PNG, JPEG or sanitised SVG)."""

    data: bytes
    media_type: str

    @property
    def data_uri(self) -> str:
        return f"data:{self.media_type};base64,{base64.b64encode(self.data).decode('ascii')}"


def safe_logo(data: bytes, name: str, max_bytes: int = MAX_LOGO_BYTES) -> Logo:
    """The logo made safe, or LogoError naming ``name``: too big, unknown kind or broken."""
    if len(data) > max_bytes:
        raise too_big(name, len(data), max_bytes)
    if not data:
        raise LogoError(f"{name}: the file is empty")
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return _raster(data, name, "PNG")
    if data.startswith(b"\xff\xd8\xff"):
        return _raster(data, name, "JPEG")
    if _looks_like_svg(data):
        return Logo(sanitise_svg(data, name), SVG)
    raise LogoError(f"{name}: not a PNG, JPEG or SVG image")


def too_big(name: str, size: int, max_bytes: int) -> LogoError:
    """The refusal of a file over the limit, also said before a large file is read at all."""
    return LogoError(
        f"{name}: the logo is {_size(size)}, larger than the limit of {_size(max_bytes)}"
    )


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:.1f} MB"
    return f"{-(-n // 1024)} KB" if n >= 1024 else f"{n} bytes"


def _raster(data: bytes, name: str, kind: str) -> Logo:
    """Decoded and encoded again by Pillow: what comes out is pixels only."""
    import warnings

    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                if probe.format != kind:
                    raise LogoError(f"{name}: not a valid {kind} image")
                if probe.width * probe.height > MAX_PIXELS:
                    raise LogoError(
                        f"{name}: the image is {probe.width} x {probe.height} pixels; "
                        f"a logo may have at most {MAX_PIXELS:,} pixels"
                    )
                probe.load()
                image = probe.copy()
    except (OSError, UnidentifiedImageError, Image.DecompressionBombWarning, SyntaxError) as exc:
        raise LogoError(f"{name}: not a valid {kind} image ({exc})") from exc
    out = io.BytesIO()
    if kind == "JPEG":
        image.convert("RGB").save(out, "JPEG", quality=90)
        return Logo(out.getvalue(), JPEG)
    if image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
        image = image.convert("RGBA")
    image.save(out, "PNG", optimize=True)
    return Logo(out.getvalue(), PNG)


def _looks_like_svg(data: bytes) -> bool:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<?xml", b"<svg", b"<!--")) and b"<svg" in data[:4096].lower()


# Drawing only: no script, foreignObject, a, use of outside files, animation or style sheets.
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_ELEMENTS = _words(
    "svg g path rect circle ellipse line polyline polygon text tspan textPath defs "
    "linearGradient radialGradient stop clipPath mask pattern symbol use title desc "
    "marker filter feGaussianBlur feOffset feBlend feFlood feComposite feMerge "
    "feMergeNode feColorMatrix"
)
_ATTRIBUTES = _words(
    "id class viewBox width height x y x1 y1 x2 y2 cx cy r rx ry d points transform "
    "fill fill-opacity fill-rule stroke stroke-width stroke-linecap stroke-linejoin "
    "stroke-miterlimit stroke-dasharray stroke-dashoffset stroke-opacity opacity "
    "font-family font-size font-weight font-style text-anchor dominant-baseline "
    "letter-spacing word-spacing offset stop-color stop-opacity gradientUnits "
    "gradientTransform spreadMethod fx fy clip-path clip-rule mask maskUnits "
    "maskContentUnits patternUnits patternContentUnits patternTransform "
    "preserveAspectRatio version dx dy rotate textLength lengthAdjust visibility "
    "display color style markerWidth markerHeight refX refY orient markerUnits "
    "stdDeviation in in2 result mode operator k1 k2 k3 k4 values type flood-color "
    "flood-opacity filter filterUnits primitiveUnits startOffset href"
)
_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE)
_STYLE_DANGER = re.compile(r"@import|expression\s*\(|javascript:|behavior\s*:", re.IGNORECASE)


def sanitise_svg(data: bytes, name: str) -> bytes:
    """The SVG rebuilt from allowed elements and attributes; references stay inside it.

    Parsed without DTDs, entities or network access (no billion laughs, no XXE).
    """
    from lxml import etree  # type: ignore[import-untyped]

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise LogoError(f"{name}: not a valid SVG image ({exc})") from exc
    if etree.QName(root).localname != "svg":
        raise LogoError(f"{name}: not an SVG image (its root element is not <svg>)")
    clean = _copy(root)
    if clean is None:  # the root is <svg>, which is allowed; kept for the type checker
        raise LogoError(f"{name}: not an SVG image")
    out: bytes = etree.tostring(clean, encoding="utf-8", xml_declaration=False)
    return out


def _copy(element: Any) -> Any:
    """A clean copy of ``element`` in the SVG namespace, or None when it is not allowed."""
    from lxml import etree as et

    if not isinstance(element.tag, str):  # comments, processing instructions
        return None
    qname = et.QName(element)
    local = "g" if qname.localname == "a" else qname.localname  # a link keeps its drawing
    if qname.namespace not in (None, SVG_NS) or local not in _ELEMENTS:
        return None
    made = et.Element(f"{{{SVG_NS}}}{local}", nsmap={None: SVG_NS})
    for key, value in element.attrib.items():
        attr = et.QName(key)
        if attr.namespace not in (None, XLINK_NS) or attr.localname not in _ATTRIBUTES:
            continue
        if attr.localname == "href":
            if local != "g" and value.strip().startswith("#"):
                made.set("href", value.strip())
            continue
        if attr.namespace == XLINK_NS:
            continue
        safe = _safe_value(attr.localname, value)
        if safe is not None:
            made.set(attr.localname, safe)
    made.text = element.text
    for child in element:
        copied = _copy(child)
        if copied is not None:
            made.append(copied)
        if child.tail:  # text after a dropped element stays in place
            if len(made):
                made[-1].tail = (made[-1].tail or "") + child.tail
            else:
                made.text = (made.text or "") + child.tail
    return made


def _safe_value(attribute: str, value: str) -> str | None:
    """None for a value that reaches outside the image (url(...) to anything but #id)."""
    if _STYLE_DANGER.search(value):
        return None
    for match in _URL.finditer(value):
        if not match.group(2).strip().startswith("#"):
            return None
    return value


# The child: limits first, then resvg; the SVG comes on stdin, the PNG goes to stdout.
_RASTERISE = """
import sys
try:
    import resource
    resource.setrlimit(resource.RLIMIT_AS, (int(sys.argv[3]), int(sys.argv[3])))
except (ImportError, ValueError, OSError):
    pass
try:
    import resvg_py
    svg = sys.stdin.buffer.read().decode("utf-8")
    width, height = int(sys.argv[1]), int(sys.argv[2])
    png = resvg_py.svg_to_bytes(svg_string=svg, width=width, height=height)
except BaseException as exc:  # a Rust panic too
    sys.exit(f"{type(exc).__name__}: {exc}")
sys.stdout.buffer.write(png)
"""


def rasterise_svg(svg: bytes, width: int, height: int) -> bytes:
    """A PNG of exactly ``width`` x ``height`` pixels (fewer past the cap), the SVG fitted in it.

    Why: a deck carries an SVG logo with a PNG stand-in, and LibreOffice Impress, Keynote,
    Google Slides and PowerPoint before 2016 show only the stand-in, so it must be the logo.
    ``svg`` must already be sanitised (``sanitise_svg``: nothing it draws can reach a file or
    the network). A hostile SVG can still be slow or large to draw, and resvg has no time
    limit: the pixel count is capped at RASTER_MAX_PIXELS whatever the viewBox says, and resvg
    runs in a child process that is killed after RASTER_SECONDS and may map at most
    RASTER_MEMORY bytes. The drawing keeps its aspect, centred on a transparent canvas.
    Raises LogoError when it cannot be drawn, draws nothing, or times out.
    """
    from PIL import Image, UnidentifiedImageError

    scale = min(1.0, (RASTER_MAX_PIXELS / max(1, width * height)) ** 0.5)
    size = (max(1, int(width * scale)), max(1, int(height * scale)))
    limits = [str(size[0]), str(size[1]), str(RASTER_MEMORY)]
    command = [sys.executable, "-P", "-c", _RASTERISE, *limits]  # -P: no module from the cwd
    try:
        done = subprocess.run(  # noqa: S603 -- our own interpreter and code; the SVG is stdin
            command, input=svg, capture_output=True, timeout=RASTER_SECONDS, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise LogoError(f"the SVG was not drawn in {RASTER_SECONDS:g} s") from exc
    except (OSError, subprocess.SubprocessError) as exc:
        raise LogoError(f"the SVG could not be drawn ({exc})") from exc
    if done.returncode != 0:  # resvg's error, or its process ended by running out of memory
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise LogoError(f"the SVG could not be drawn ({said[0] if said else done.returncode})")
    try:
        with Image.open(io.BytesIO(done.stdout)) as drawn:
            if drawn.format != "PNG" or drawn.width > size[0] or drawn.height > size[1]:
                raise LogoError(f"the SVG was drawn as {drawn.format} {drawn.size}, not {size}")
            image = drawn.convert("RGBA")
    except (OSError, UnidentifiedImageError) as exc:
        raise LogoError(f"the SVG was drawn as no PNG ({exc})") from exc
    if image.getchannel("A").getbbox() is None:
        raise LogoError("the SVG draws nothing")
    if image.size != size:  # its own width and height have another aspect than its box
        canvas = Image.new("RGBA", size, (0, 0, 0, 0))
        canvas.paste(image, ((size[0] - image.width) // 2, (size[1] - image.height) // 2))
        image = canvas
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()
