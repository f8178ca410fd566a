"""The coordinator's fieldwork pages, and the one-click opt-out anyone with a message uses."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django import forms
from django.contrib import messages
from django.core.files.uploadedfile import UploadedFile
from django.core.paginator import Paginator
from django.db import IntegrityError, models, transaction
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from scorecard.interop import AnswersFileError
from scorecard.web.editions.access import edition_view
from scorecard.web.editions.fieldwork import fieldwork_counts
from scorecard.web.editions.lifecycle import TransitionError
from scorecard.web.editions.models import Edition
from scorecard.web.participants import sending
from scorecard.web.participants.forms import (
    ImportForm,
    ParticipantForm,
    ReminderForm,
    TargetForm,
    TemplateForm,
)
from scorecard.web.participants.importing import (
    erase_contact_data,
    import_participants,
    read_participants,
)
from scorecard.web.participants.mail import (
    default_wording,
    fill,
    participant_of_key,
    placeholder_values,
    wording,
)
from scorecard.web.participants.models import Kind, Mailing, MailTemplate, Participant, Target
from scorecard.web.participants.progress import counts, target_progress, with_status

PAGE = 100


def _languages(edition: Edition) -> list[str]:
    return [lang for lang in (edition.languages or ["en"]) if lang in ("en", "ru", "kk")] or ["en"]


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@edition_view(coordinator=True)
def participant_list(request: HttpRequest, edition: Edition) -> HttpResponse:
    people = with_status(Participant.objects.filter(edition=edition).order_by("pk"))
    page = Paginator(people, PAGE).get_page(request.GET.get("page"))
    context = {
        "edition": edition,
        "page": page,
        "counts": counts(edition),
        "fieldwork": fieldwork_counts(edition),
        "import_form": ImportForm(),
        "add_form": ParticipantForm(languages=_languages(edition)),
        "reminder_form": ReminderForm(),
        "mailings": edition.mailings.all()[:10],
        "behind": [t for t in target_progress(edition) if t.behind],
    }
    return render(request, "participants/list.html", context)


def _stored(form: forms.BaseForm, row: models.Model, field: str, taken: str) -> bool:
    """Save ``row``; a unique constraint it breaks (two saves racing past the form's own
    check) becomes ``taken`` on ``field`` instead of a server error."""
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        form.add_error(field, taken)
        return False
    return True


def _uploaded_path(upload: UploadedFile, folder: str) -> Path:
    suffix = Path(upload.name or "list.csv").suffix.lower()[:8]
    path = Path(folder) / f"participants{suffix}"
    with path.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return path


@edition_view(coordinator=True)
@require_POST
def import_list(request: HttpRequest, edition: Edition) -> HttpResponse:
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a CSV or XLSX file to import."))
        return redirect("participants:list", slug=edition.slug)
    upload = form.cleaned_data["file"]
    name = upload.name or "list"
    try:
        with tempfile.TemporaryDirectory() as folder:
            rows = read_participants(_uploaded_path(upload, folder), edition, name)
        result = import_participants(edition, rows, name)
    except AnswersFileError as exc:
        context = {"edition": edition, "problems": [str(p) for p in exc.problems], "file": name}
        context["hint"] = exc.hint
        return render(request, "participants/import_errors.html", context, status=400)
    messages.success(
        request,
        _("%(added)s participants added from %(file)s.") % {"added": result.added, "file": name},
    )
    if result.kept:
        messages.info(
            request,
            _("Already on the list, kept as stored: %(rows)s") % {"rows": "; ".join(result.kept)},
        )
    return redirect("participants:list", slug=edition.slug)


@edition_view(coordinator=True)
@require_POST
def add(request: HttpRequest, edition: Edition) -> HttpResponse:
    form = ParticipantForm(request.POST, languages=_languages(edition))
    if form.is_valid():
        person = form.save(commit=False)
        person.edition = edition
        taken = _("This address is already on the list.")
        if Participant.objects.filter(edition=edition, email__iexact=person.email).exists():
            form.add_error("email", taken)
        elif _stored(form, person, "email", taken):
            messages.success(request, _("Participant added."))
            return redirect("participants:list", slug=edition.slug)
    people = with_status(Participant.objects.filter(edition=edition).order_by("pk"))
    context = {
        "edition": edition,
        "page": Paginator(people, PAGE).get_page(1),
        "counts": counts(edition),
        "fieldwork": fieldwork_counts(edition),
        "import_form": ImportForm(),
        "add_form": form,
        "reminder_form": ReminderForm(),
        "mailings": edition.mailings.all()[:10],
        "behind": [t for t in target_progress(edition) if t.behind],
    }
    return render(request, "participants/list.html", context, status=400)


@edition_view(coordinator=True)
@require_POST
def remove(request: HttpRequest, edition: Edition, pk: int) -> HttpResponse:
    get_object_or_404(Participant, pk=pk, edition=edition).delete()
    messages.success(request, _("Participant removed from the list."))
    return redirect("participants:list", slug=edition.slug)


@edition_view(coordinator=True)
@require_http_methods(["GET", "POST"])
def erase(request: HttpRequest, edition: Edition) -> HttpResponse:
    if request.method == "POST":
        count = erase_contact_data(edition)
        messages.success(
            request,
            _("Contact data erased: %(n)s participants. Answers and figures are unchanged.")
            % {"n": count},
        )
        return redirect("participants:list", slug=edition.slug)
    return render(
        request,
        "participants/erase.html",
        {"edition": edition, "count": Participant.objects.filter(edition=edition).count()},
    )


@edition_view(coordinator=True)
@require_POST
def invite(request: HttpRequest, edition: Edition) -> HttpResponse:
    try:
        mailing = sending.queue_invitations(edition, _base_url(request))
    except TransitionError as exc:
        messages.error(request, str(exc))
        return redirect("participants:list", slug=edition.slug)
    return _queued(
        request,
        edition,
        mailing,
        _("Every participant on the list is already invited."),
        _("%(n)s invitations queued; they are sent in the background."),
    )


@edition_view(coordinator=True)
@require_POST
def remind(request: HttpRequest, edition: Edition) -> HttpResponse:
    form = ReminderForm(request.POST)
    only = form.only() if form.is_valid() else {}
    try:
        mailing = sending.queue_reminders(edition, only, _base_url(request))
    except (TransitionError, ValueError) as exc:
        messages.error(request, str(exc))
        return redirect("participants:list", slug=edition.slug)
    return _queued(
        request,
        edition,
        mailing,
        _("Nobody to remind: everyone invited has submitted or opted out."),
        _("%(n)s reminders queued; they are sent in the background."),
    )


def _queued(
    request: HttpRequest, edition: Edition, mailing: Mailing | None, nobody: str, queued: str
) -> HttpResponse:
    """Back to the list, saying what a mailing queued (or that nobody needed one)."""
    if mailing is None:
        messages.info(request, nobody)
    else:
        messages.success(request, queued % {"n": mailing.messages.count()})
    return redirect("participants:list", slug=edition.slug)


@edition_view(coordinator=True)
@require_POST
def reissue(request: HttpRequest, edition: Edition, pk: int) -> HttpResponse:
    """A participant's lost link: new token, old one dead; the next message carries it."""
    person = get_object_or_404(Participant, pk=pk, edition=edition)
    if person.invitation is None:
        messages.info(request, _("This participant has no link yet."))
    else:
        try:
            person.invitation.reissue()
        except TransitionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("A new link was made; the old one no longer works. Send it with a reminder."),
            )
    return redirect("participants:list", slug=edition.slug)


@edition_view(coordinator=True)
@require_http_methods(["GET", "POST"])
def templates(request: HttpRequest, edition: Edition) -> HttpResponse:
    """Edit a template per kind and language; "Preview" shows it filled for a sample person."""
    languages = _languages(edition)
    kind = request.GET.get("kind", Kind.INVITATION)
    language = request.GET.get("language", languages[0])
    if kind not in Kind.values or language not in languages:
        kind, language = Kind.INVITATION, languages[0]
    preview = None
    if request.method == "POST":
        form = TemplateForm(request.POST, languages=languages)
        if form.is_valid():
            data = form.cleaned_data
            kind, language = data["kind"], data["language"]
            if request.POST.get("action") == "save":
                MailTemplate.objects.update_or_create(
                    edition=edition,
                    kind=kind,
                    language=language,
                    defaults={"subject": data["subject"], "body": data["body"]},
                )
                messages.success(request, _("Template saved."))
                return redirect(f"{request.path}?kind={kind}&language={language}")
            preview = _preview(edition, data["subject"], data["body"], language)
    else:
        words = wording(edition, kind, language)
        form = TemplateForm(
            initial={
                "kind": kind,
                "language": language,
                "subject": words.subject,
                "body": words.body,
            },
            languages=languages,
        )
        preview = _preview(edition, words.subject, words.body, language)
    stored = {
        (t.kind, t.language) for t in MailTemplate.objects.filter(edition=edition).only("kind")
    }
    choices = [
        (k, label, lang, (k, lang) in stored) for k, label in Kind.choices for lang in languages
    ]
    context = {"edition": edition, "form": form, "preview": preview, "choices": choices}
    context["kind"], context["language"] = kind, language
    context["default"] = default_wording(kind, language)
    return render(request, "participants/templates.html", context)


def _preview(edition: Edition, subject: str, body: str, language: str) -> dict[str, str]:
    sample = placeholder_values(edition, _("Aigerim Example"), "https://…/r/…/", language)
    return {"subject": fill(subject, sample), "body": fill(body, sample)}


@edition_view(coordinator=True)
@require_http_methods(["GET", "POST"])
def targets(request: HttpRequest, edition: Edition) -> HttpResponse:
    form = TargetForm(request.POST or None)
    if request.method == "POST":
        if request.POST.get("delete"):
            Target.objects.filter(edition=edition, pk=request.POST["delete"]).delete()
            messages.success(request, _("Target removed."))
            return redirect("participants:targets", slug=edition.slug)
        if form.is_valid():
            target = form.save(commit=False)
            target.edition = edition
            if _stored(form, target, "value", _("This group already has a target.")):
                messages.success(request, _("Target saved."))
                return redirect("participants:targets", slug=edition.slug)
    context = {"edition": edition, "form": form, "progress": target_progress(edition)}
    return render(request, "participants/targets.html", context, status=400 if form.errors else 200)


@edition_view(coordinator=True)
def mailing_detail(request: HttpRequest, edition: Edition, pk: int) -> HttpResponse:
    mailing = get_object_or_404(Mailing, pk=pk, edition=edition)
    by_state = dict(mailing.messages.values_list("state").annotate(n=Count("pk")).order_by())
    return render(
        request,
        "participants/mailing.html",
        {"edition": edition, "mailing": mailing, "by_state": by_state},
    )


@csrf_exempt  # RFC 8058: mail clients POST without a session or token
@require_http_methods(["GET", "HEAD", "POST"])
def optout(request: HttpRequest, key: str) -> HttpResponse:
    """GET asks to confirm (link scanners must not opt anyone out); POST opts out."""
    pk = participant_of_key(key)
    if pk is None:
        return render(request, "participants/optout.html", {"invalid": True}, status=404)
    if request.method == "POST":
        Participant.objects.filter(pk=pk, opted_out_at__isnull=True).update(
            opted_out_at=timezone.now()
        )
        return render(request, "participants/optout.html", {"done": True})
    return render(request, "participants/optout.html", {"key": key})
