"""One page per lifecycle step: it says what will happen, then one button does it.

GET shows the confirmation (for closing: links stop working, and how many
respondents have not submitted); POST moves the edition through
``Edition.transition``, which refuses anything out of order whatever the page
showed. Publishing has its own page (reports.publish_views): it runs checks.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from scorecard.web.editions.access import edition_view
from scorecard.web.editions.lifecycle import TransitionError
from scorecard.web.editions.models import Edition
from scorecard.web.text import no_control_characters

TITLES = {
    "open": gettext_lazy("Open the edition for answers"),
    "close": gettext_lazy("Close the edition"),
    "validate": gettext_lazy("Mark the results validated"),
    "correct": gettext_lazy("Correct the published report"),
}
DONE = {
    "open": gettext_lazy("The edition is open: links now accept answers."),
    "close": gettext_lazy("The edition is closed; answers can no longer be changed."),
    "validate": gettext_lazy("Results marked as validated."),
    "correct": gettext_lazy(
        "Correction started: change what needs changing, then publish the next version."
    ),
}


def consequences(edition: Edition, action: str) -> list[str]:
    """What the step will do, in the coordinator's words."""
    people = edition.respondents.all()
    pending = people.filter(submitted_at__isnull=True).count()
    published = edition.published.count()
    if action == "open":
        return [
            _("Personal links and the open link (if switched on) will accept answers."),
            _("You can close the edition at any time; answers are saved page by page."),
        ]
    if action == "close":
        return [
            _("Every personal link and the open link stop working at once."),
            _("Answers can no longer be uploaded, and no new links can be created."),
            _("%(pending)s of %(total)s respondents have not submitted; what they saved is kept.")
            % {"pending": pending, "total": people.count()},
        ]
    if action == "validate":
        return [
            _("Say this once the validation meetings have reviewed the results."),
            _("The narrative and meetings stay editable until you publish."),
        ]
    return [
        _("Version %(n)s stays public until the corrected version is published.")
        % {"n": published},
        _(
            "Readers of the old version will see a notice that points to the new one, "
            "with the reason you give here."
        ),
        _("The narrative and meetings become editable again; answers stay as they are."),
    ]


@edition_view(coordinator=True)
def transition(request: HttpRequest, edition: Edition, action: str) -> HttpResponse:
    if action not in TITLES:
        raise Http404
    error = ""
    if request.method == "POST":
        reason = request.POST.get("reason", "")[:2000]
        try:
            no_control_characters(reason)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        try:
            if error:
                raise TransitionError(error)
            edition.transition(action, reason=reason)
        except TransitionError as exc:
            error = str(exc)
        else:
            messages.success(request, str(DONE[action]))
            return redirect("editions:detail", slug=edition.slug)
    context = {
        "edition": edition,
        "action": action,
        "title": TITLES[action],
        "consequences": consequences(edition, action),
        "error": error,
    }
    return render(request, "editions/transition.html", context, status=409 if error else 200)
