"""Who puts their name on a report: the coalition, its logo, partners, funders, contact, licence.

One frozen value carries it from where it is set (the workspace, or the keys of
edition.toml for the CLI) to every output, and into a published version's
frozen data (``to_json``/``from_json``), so a version shows the identity it was
published with whatever the edition says later. Logos are already safe here
(logos.py); renderers embed them as data URIs and fetch nothing.
"""

from __future__ import annotations

import base64
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scorecard.report.logos import MAX_LOGO_BYTES, Logo, LogoError, safe_logo, too_big

DEFAULT_LICENCE = "CC BY 4.0"
# Licences a reader can look up: the report links their deed. Any other text is shown as is.
LICENCE_URLS = {
    "CC BY 4.0": "https://creativecommons.org/licenses/by/4.0/",
    "CC BY-SA 4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "CC BY-NC 4.0": "https://creativecommons.org/licenses/by-nc/4.0/",
    "CC BY-NC-SA 4.0": "https://creativecommons.org/licenses/by-nc-sa/4.0/",
    "CC BY-ND 4.0": "https://creativecommons.org/licenses/by-nd/4.0/",
    "CC BY-NC-ND 4.0": "https://creativecommons.org/licenses/by-nc-nd/4.0/",
    "CC0 1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
}
MAX_PARTNERS = 24
_EMAIL = re.compile(r"[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+")


class IdentityError(ValueError):
    """Identity keys that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Partner:
    name: str
    url: str = ""
    logo: Logo | None = None


@dataclass(frozen=True)
class Identity:
    coalition: str = ""
    logo: Logo | None = None
    partners: tuple[Partner, ...] = ()
    acknowledgement: str = ""
    contact: str = ""
    licence: str = DEFAULT_LICENCE

    @property
    def licence_url(self) -> str:
        return LICENCE_URLS.get(" ".join(self.licence.split()), "")

    def to_json(self) -> dict[str, Any]:
        return {
            "coalition": self.coalition,
            "logo": _logo_json(self.logo),
            "partners": [
                {"name": p.name, "url": p.url, "logo": _logo_json(p.logo)} for p in self.partners
            ],
            "acknowledgement": self.acknowledgement,
            "contact": self.contact,
            "licence": self.licence,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> Identity:
        """The identity frozen with a version; versions from before it get the default."""
        if not data:
            return cls()
        return cls(
            coalition=str(data.get("coalition", "")),
            logo=_logo_from_json(data.get("logo")),
            partners=tuple(
                Partner(str(p["name"]), str(p.get("url", "")), _logo_from_json(p.get("logo")))
                for p in data.get("partners", [])
            ),
            acknowledgement=str(data.get("acknowledgement", "")),
            contact=str(data.get("contact", "")),
            licence=str(data.get("licence") or DEFAULT_LICENCE),
        )


NO_IDENTITY = Identity()  # nobody named: the licence alone (CC BY 4.0)


def _logo_json(logo: Logo | None) -> dict[str, str] | None:
    if logo is None:
        return None
    return {"media_type": logo.media_type, "base64": base64.b64encode(logo.data).decode("ascii")}


def _logo_from_json(data: dict[str, str] | None) -> Logo | None:
    if not data:
        return None
    return Logo(base64.b64decode(data["base64"]), data["media_type"])


def web_link(url: str) -> str:
    """``url`` when it is an http(s) address, else "": no javascript: or data: links."""
    stripped = url.strip()
    return stripped if stripped.lower().startswith(("https://", "http://")) else ""


# --- edition.toml ------------------------------------------------------------------------

TEXT_KEYS = ("coalition", "acknowledgement", "contact", "licence")


def load_identity(
    path: Path, language: str = "en", max_logo_bytes: int = MAX_LOGO_BYTES
) -> Identity:
    """The identity keys of an edition.toml; image paths are relative to the file.

    A text may be a string or a table of languages (``coalition = { en = "...", ru = "..." }``);
    the report's language is taken, else English, else the first one given.
    """
    try:
        data = tomllib.loads(path.read_text("utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise IdentityError(f"{path}: cannot read the edition file ({exc})") from exc
    texts = {key: _text(data.get(key, ""), path, key, language) for key in TEXT_KEYS}
    logo = _logo(data.get("logo"), path, "logo", max_logo_bytes)
    raw_partners = data.get("partners", [])
    if not isinstance(raw_partners, list) or not all(isinstance(p, dict) for p in raw_partners):
        raise IdentityError(f"{path}, key partners: write each partner as a [[partners]] table")
    if len(raw_partners) > MAX_PARTNERS:
        raise IdentityError(f"{path}, key partners: at most {MAX_PARTNERS} partners")
    partners = []
    for i, raw in enumerate(raw_partners, 1):
        where = f"partners (partner {i})"
        name = _text(raw.get("name", ""), path, f"{where} name", language)
        if not name:
            raise IdentityError(f"{path}, key {where}: a partner needs a name")
        url = _text(raw.get("url", ""), path, f"{where} url", language)
        if url and not web_link(url):
            raise IdentityError(
                f"{path}, key {where} url: {url!r} is not an http:// or https:// address"
            )
        image = _logo(raw.get("logo"), path, f"{where} logo", max_logo_bytes)
        partners.append(Partner(name, url, image))
    return Identity(
        coalition=texts["coalition"],
        logo=logo,
        partners=tuple(partners),
        acknowledgement=texts["acknowledgement"],
        contact=texts["contact"],
        licence=texts["licence"] or DEFAULT_LICENCE,
    )


def _text(value: object, path: Path, key: str, language: str) -> str:
    if isinstance(value, dict):
        if not value:
            return ""
        chosen = value.get(language, value.get("en", next(iter(value.values()))))
        return _text(chosen, path, key, language)
    if not isinstance(value, str):
        raise IdentityError(f"{path}, key {key}: must be text")
    return value.strip()


def _logo(value: object, path: Path, key: str, max_bytes: int) -> Logo | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise IdentityError(f"{path}, key {key}: must be the path of an image file")
    image = (path.parent / value).resolve()
    try:
        size = image.stat().st_size
        if size > max_bytes:  # refused before a huge file is read
            raise too_big(str(image), size, max_bytes)
        data = image.read_bytes()
    except LogoError as exc:
        raise IdentityError(f"{path}, key {key}: {exc}") from exc
    except OSError as exc:
        raise IdentityError(f"{path}, key {key}: cannot read {image} ({exc.strerror})") from exc
    try:
        return safe_logo(data, str(image), max_bytes)
    except LogoError as exc:
        raise IdentityError(f"{path}, key {key}: {exc}") from exc


# --- what the templates and slides read ---------------------------------------------------


def identity_context(identity: Identity, _: Callable[[str], str]) -> dict[str, Any]:
    """The identity as display values; alt text of every logo is the name it stands for."""
    contact = identity.contact
    contact_url = web_link(contact)
    if not contact_url and _EMAIL.fullmatch(contact):
        contact_url = f"mailto:{contact}"
    return {
        "coalition": identity.coalition,
        "logo": identity.logo.data_uri if identity.logo else "",
        "logo_alt": identity.coalition or _("Coalition logo"),
        "partners": [
            {
                "name": p.name,
                "url": web_link(p.url),
                "logo": p.logo.data_uri if p.logo else "",
            }
            for p in identity.partners
        ],
        "acknowledgement": identity.acknowledgement,
        "contact": contact,
        "contact_url": contact_url,
        "licence": identity.licence,
        "licence_url": identity.licence_url,
        "licence_text": _("Licence: %(licence)s") % {"licence": identity.licence},
    }
