"""Upload answers in any supported tool's format: preview what was understood, then confirm.

The file waits in the data folder under a random name between the two steps (the
session holds only that name), so nothing is stored in the edition until the
coordinator has seen the preview, and the import itself is one transaction. A file
with columns that could not be placed gets a draft mapping file instead (the same
``suggest_file`` the command line's --suggest-map uses), to check and upload with it.
"""

from __future__ import annotations

import re
import secrets
import shutil
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from scorecard.interop import AnswersFileError
from scorecard.interop.importers import ImportResult, read_import, suggest_file
from scorecard.web.editions.access import edition_view
from scorecard.web.editions.forms import UploadForm
from scorecard.web.editions.lifecycle import Activity, TransitionError
from scorecard.web.editions.models import Edition
from scorecard.web.responses.store import import_answers

SUFFIXES = {".csv", ".txt", ".tsv", ".xlsx", ".xlsm"}
SESSION_KEY = "scorecard-pending-import"
ID_CHUNK = 500  # ids per query: SQLite refuses a query with more than ~32k variables


def _uploads() -> Path:
    return Path(settings.DATA_DIR) / "uploads"


def _safe_name(name: str, default: str) -> str:
    """The user's file name without any folder part, so errors name their own file."""
    base = re.sub(r"[^\w.\- ]", "_", Path(name).name)[:100].strip(" .") or default
    return base


def _save(upload: UploadedFile, folder: Path, default: str, suffixes: set[str]) -> Path:
    """Store under the user's own (cleaned) name; an unknown ending is read as CSV."""
    name = _safe_name(upload.name or default, default)
    if Path(name).suffix.lower() not in suffixes:
        name += Path(default).suffix
    path = folder / name
    with path.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return path


def _read(edition: Edition, pending: dict[str, Any]) -> ImportResult:
    folder = _uploads() / pending["id"]
    mapping = folder / pending["mapping"] if pending.get("mapping") else None
    result = read_import(
        folder / pending["file"],
        edition.framework,
        format=pending["format"],
        mapping=mapping,
        max_bytes=settings.SCORECARD_MAX_UPLOAD_BYTES,
        allow_other=edition.allow_other,
        ignore=pending.get("ignore", ()),
    )
    ids = list(result.answers.respondents.ids)
    existing: list[str] = []
    for start in range(0, len(ids), ID_CHUNK):  # SQLite allows ~32k variables a query
        existing += edition.respondents.filter(
            external_id__in=ids[start : start + ID_CHUNK]
        ).values_list("external_id", flat=True)
    return result.against(existing)


def sweep_uploads(max_age: float = 24 * 3600) -> None:
    """Uploads nobody confirmed or discarded are deleted after a day.

    Run on each upload and when the worker starts, so a folder a killed request left
    behind goes too.
    """
    now = time.time()
    for folder in _uploads().glob("*"):
        try:
            old = folder.is_dir() and now - folder.stat().st_mtime > max_age
        except OSError:  # removed meanwhile by another worker's sweep
            continue
        if old:
            shutil.rmtree(folder, ignore_errors=True)


def _discard(request: HttpRequest) -> None:
    pending = request.session.pop(SESSION_KEY, None)
    if pending and re.fullmatch(r"[\w-]+", pending.get("id", "")):
        shutil.rmtree(_uploads() / pending["id"], ignore_errors=True)


@edition_view(coordinator=True)
@require_POST
def upload(request: HttpRequest, edition: Edition) -> HttpResponse:
    try:
        edition.ensure(Activity.UPLOAD)
    except TransitionError as exc:
        messages.error(request, str(exc))
        return redirect("editions:detail", slug=edition.slug)
    limit = settings.SCORECARD_MAX_UPLOAD_BYTES
    if int(request.META.get("CONTENT_LENGTH") or 0) > limit:
        messages.error(request, _("The file is larger than %(mb)s MB.") % {"mb": limit // 2**20})
        return redirect("editions:detail", slug=edition.slug)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a CSV or XLSX file."))
        return redirect("editions:detail", slug=edition.slug)
    upload: UploadedFile = form.cleaned_data["file"]
    _discard(request)
    sweep_uploads()
    pending: dict[str, Any] = {
        "id": secrets.token_urlsafe(16),
        "format": form.cleaned_data["format"] or "auto",
        "ignore": form.ignored(),
    }
    folder = _uploads() / pending["id"]
    folder.mkdir(parents=True)
    try:  # every way out but the preview removes the folder: a bad file, a crash, a timeout
        pending["file"] = _save(upload, folder, "answers.csv", SUFFIXES).name
        if request.POST.get("action") == "suggest":
            response = _draft_response(edition, folder / pending["file"], pending["format"])
            shutil.rmtree(folder, ignore_errors=True)
            return response
        if form.cleaned_data.get("mapping"):
            mapping = _save(form.cleaned_data["mapping"], folder, "mapping.toml", {".toml"})
            pending["mapping"] = mapping.name
        _read(edition, pending)
    except (AnswersFileError, ValueError) as exc:
        shutil.rmtree(folder, ignore_errors=True)
        messages.error(request, _("Nothing was imported. %(problems)s") % {"problems": exc})
        return redirect("editions:detail", slug=edition.slug)
    except BaseException:  # also SystemExit, which gunicorn raises in a timed-out worker
        shutil.rmtree(folder, ignore_errors=True)
        raise
    request.session[SESSION_KEY] = pending | {"edition": edition.pk}
    return redirect("editions:import_preview", slug=edition.slug)


def _pending(request: HttpRequest, edition: Edition) -> dict[str, Any] | None:
    pending = request.session.get(SESSION_KEY)
    if not pending or pending.get("edition") != edition.pk:
        return None
    return dict(pending)


def _nothing_waiting(request: HttpRequest, edition: Edition) -> HttpResponse:
    """Back to the edition: the upload expired, was imported, or belongs to another one."""
    messages.error(request, _("There is no upload waiting; upload the file again."))
    return redirect("editions:detail", slug=edition.slug)


@edition_view(coordinator=True)
def preview(request: HttpRequest, edition: Edition) -> HttpResponse:
    pending = _pending(request, edition)
    if pending is None:
        return _nothing_waiting(request, edition)
    try:
        result = _read(edition, pending)
    except (AnswersFileError, ValueError) as exc:  # e.g. swept after a day
        _discard(request)
        messages.error(request, _("Nothing was imported. %(problems)s") % {"problems": exc})
        return redirect("editions:detail", slug=edition.slug)
    except BaseException:
        _discard(request)
        raise
    return render(
        request, "editions/import_preview.html", {"edition": edition, "p": result.preview}
    )


def _draft_response(edition: Edition, path: Path, fmt: str) -> HttpResponse:
    """The draft mapping file of an uploaded export, as a download named after it."""
    draft = suggest_file(
        path, edition.framework, format=fmt, max_bytes=settings.SCORECARD_MAX_UPLOAD_BYTES
    )
    response = HttpResponse(draft.toml(), content_type="application/toml; charset=utf-8")
    name = _safe_name(f"{path.stem}-mapping.toml", "mapping.toml")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@edition_view(coordinator=True)
def draft_map(request: HttpRequest, edition: Edition) -> HttpResponse:
    """A draft mapping file for the upload waiting for confirmation."""
    pending = _pending(request, edition)
    if pending is None:
        return _nothing_waiting(request, edition)
    folder = _uploads() / pending["id"]
    try:
        return _draft_response(edition, folder / pending["file"], pending["format"])
    except (AnswersFileError, ValueError) as exc:
        messages.error(request, _("Nothing was imported. %(problems)s") % {"problems": exc})
        return redirect("editions:detail", slug=edition.slug)


@edition_view(coordinator=True)
@require_POST
def confirm(request: HttpRequest, edition: Edition) -> HttpResponse:
    pending = _pending(request, edition)
    if pending is None:
        return _nothing_waiting(request, edition)
    if request.POST.get("action") != "import":
        _discard(request)
        messages.success(request, _("The upload was discarded; nothing was imported."))
        return redirect("editions:detail", slug=edition.slug)
    try:
        count = import_answers(edition, _read(edition, pending).answers)
    except (AnswersFileError, ValueError) as exc:
        messages.error(request, _("Nothing was imported. %(problems)s") % {"problems": exc})
        return redirect("editions:detail", slug=edition.slug)
    finally:
        _discard(request)
    messages.success(request, _("Imported %(count)s respondents.") % {"count": count})
    return redirect("editions:detail", slug=edition.slug)
