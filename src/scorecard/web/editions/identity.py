"""The coalition's logo and its partners, set in the workspace (issue 14, identity).

Text fields (coalition, acknowledgement, contact, licence) are on the edition form;
images need their own page, since every upload is made safe (report/logos.py)
before anything is stored, and a refused file leaves the edition as it was.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from scorecard.report.identity import MAX_PARTNERS, Identity, identity_context, web_link
from scorecard.report.identity import Partner as CorePartner
from scorecard.report.logos import Logo, LogoError, safe_logo
from scorecard.web.editions.access import edition_view
from scorecard.web.editions.models import Edition, Partner
from scorecard.web.text import NoControlCharacters

ACCEPT = "image/png,image/jpeg,image/svg+xml,.png,.jpg,.jpeg,.svg"


def identity_of(edition: Edition) -> Identity:
    """The edition's identity as every report reads it."""
    return Identity(
        coalition=edition.coalition,
        logo=_stored(edition.logo, edition.logo_type),
        partners=tuple(
            CorePartner(p.name, p.url, _stored(p.logo, p.logo_type)) for p in edition.partners.all()
        ),
        acknowledgement=edition.acknowledgement,
        contact=edition.contact,
        licence=edition.licence or Identity().licence,
    )


def _stored(data: bytes | memoryview | None, media_type: str) -> Logo | None:
    return Logo(bytes(data), media_type) if data and media_type else None


class LogoForm(forms.Form):
    logo = forms.FileField(
        label=gettext_lazy("Logo (PNG, JPEG or SVG)"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )


class PartnerForm(NoControlCharacters, forms.Form):
    name = forms.CharField(label=pgettext_lazy("organisation", "Name"), max_length=200)
    url = forms.URLField(
        label=gettext_lazy("Web address (optional)"),
        max_length=500,
        required=False,
        assume_scheme="https",
    )
    logo = forms.FileField(
        label=gettext_lazy("Logo (optional: PNG, JPEG or SVG)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )

    def clean_url(self) -> str:
        url: str = self.cleaned_data.get("url") or ""
        if url and not web_link(url):
            raise forms.ValidationError(_("Give an address starting with https:// or http://."))
        return url


def safe_upload(upload: UploadedFile) -> Logo:
    """The upload as a safe logo, or LogoError with a message for the coordinator.

    The size is checked before the file is read, so an oversized upload costs nothing.
    """
    limit = settings.SCORECARD_MAX_LOGO_BYTES
    name = upload.name or "logo"
    if (upload.size or 0) > limit:
        raise LogoError(
            _(
                "%(name)s is %(size)s KB; a logo may be at most %(limit)s KB. "
                "Nothing was saved: make the image smaller and upload it again."
            )
            % {"name": name, "size": -(-(upload.size or 0) // 1024), "limit": limit // 1024}
        )
    try:
        return safe_logo(upload.read(), name, limit)
    except LogoError as exc:
        raise LogoError(
            _(
                "%(name)s cannot be used as a logo (%(reason)s). Nothing was saved: "
                "upload a PNG, JPEG or SVG image."
            )
            % {"name": name, "reason": str(exc).removeprefix(f"{name}: ")}
        ) from exc


@edition_view(coordinator=True)
def page(request: HttpRequest, edition: Edition) -> HttpResponse:
    return _page(request, edition, LogoForm(), PartnerForm())


def _page(
    request: HttpRequest,
    edition: Edition,
    logo_form: LogoForm,
    partner_form: PartnerForm,
    status: int = 200,
) -> HttpResponse:
    identity = identity_context(identity_of(edition), _)
    partners = list(zip(edition.partners.all(), identity["partners"], strict=True))
    context = {
        "edition": edition,
        "identity": identity,
        "partners": partners,
        "logo_form": logo_form,
        "partner_form": partner_form,
        "limit_kb": settings.SCORECARD_MAX_LOGO_BYTES // 1024,
        "can_add": len(partners) < MAX_PARTNERS,
    }
    return render(request, "editions/identity.html", context, status=status)


@edition_view(coordinator=True)
def logo(request: HttpRequest, edition: Edition) -> HttpResponse:
    """Upload (or with ``remove``, take away) the coalition's logo."""
    if request.method != "POST":
        return redirect("editions:identity", slug=edition.slug)
    if "remove" in request.POST:
        Edition.objects.filter(pk=edition.pk).update(logo=None, logo_type="")
        messages.success(request, _("The logo was removed."))
        return redirect("editions:identity", slug=edition.slug)
    form = LogoForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, edition, form, PartnerForm(), status=400)
    try:
        made = safe_upload(form.cleaned_data["logo"])
    except LogoError as exc:
        form.add_error("logo", str(exc))
        return _page(request, edition, form, PartnerForm(), status=400)
    Edition.objects.filter(pk=edition.pk).update(logo=made.data, logo_type=made.media_type)
    messages.success(request, _("The logo was saved."))
    return redirect("editions:identity", slug=edition.slug)


@edition_view(coordinator=True)
def add_partner(request: HttpRequest, edition: Edition) -> HttpResponse:
    if request.method != "POST":
        return redirect("editions:identity", slug=edition.slug)
    form = PartnerForm(request.POST, request.FILES)
    if edition.partners.count() >= MAX_PARTNERS:
        form.add_error(None, _("At most %(n)s partners.") % {"n": MAX_PARTNERS})
    if not form.is_valid():
        return _page(request, edition, LogoForm(), form, status=400)
    made: Logo | None = None
    upload = form.cleaned_data.get("logo")
    if upload:
        try:
            made = safe_upload(upload)
        except LogoError as exc:
            form.add_error("logo", str(exc))
            return _page(request, edition, LogoForm(), form, status=400)
    last = edition.partners.aggregate(m=Max("position"))["m"]
    Partner.objects.create(
        edition=edition,
        name=form.cleaned_data["name"].strip(),
        url=form.cleaned_data["url"],
        logo=made.data if made else None,
        logo_type=made.media_type if made else "",
        position=0 if last is None else last + 1,
    )
    messages.success(request, _("Partner added."))
    return redirect("editions:identity", slug=edition.slug)


@edition_view(coordinator=True)
def remove_partner(request: HttpRequest, edition: Edition, pk: int) -> HttpResponse:
    if request.method == "POST":
        get_object_or_404(Partner, pk=pk, edition=edition).delete()
        messages.success(request, _("Partner removed."))
    return redirect("editions:identity", slug=edition.slug)
