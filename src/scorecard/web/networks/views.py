"""Comparison with an earlier edition, and a regional network's synthesis."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from scorecard.report import NetworkInput, registry
from scorecard.web.editions.access import edition_view, user_id
from scorecard.web.editions.models import Edition
from scorecard.web.networks.logic import analysed, comparison_for, earlier_for, network_synthesis
from scorecard.web.networks.models import Comparable, Network
from scorecard.web.respond import output_response

# Verdicts come from the core as English words; listed here so they reach the catalogue.
VERDICTS = (
    gettext_noop("higher"),
    gettext_noop("lower"),
    gettext_noop("no clear change"),
    gettext_noop("too few answers to tell"),
)


def _visible_editions(request: HttpRequest) -> list[Edition]:
    if request.user.is_superuser:
        return list(Edition.objects.all())
    return list(Edition.objects.filter(roles__user_id=user_id(request)))


@edition_view()
def comparison(request: HttpRequest, edition: Edition) -> HttpResponse:
    earlier, hidden = earlier_for(edition, request.user)
    found = None
    if earlier is not None:
        answers, results = analysed(edition)
        found = comparison_for(edition, results, answers, reader=request.user)
    choices = [
        e
        for e in _visible_editions(request)
        if e.pk != edition.pk and e.country == edition.country and e.year < edition.year
    ]
    return render(
        request,
        "networks/comparison.html",
        {
            "edition": edition,
            "role": edition.role_of(request.user),
            "earlier": earlier,
            "earlier_hidden": hidden,
            "pair": found.pairs[0] if found else None,
            "choices": choices,
        },
    )


@edition_view(coordinator=True)
@require_POST
def set_earlier(request: HttpRequest, edition: Edition) -> HttpResponse:
    """Declare which earlier edition this one is compared with (one the user may see)."""
    pk = request.POST.get("earlier", "")
    if not pk:
        Comparable.objects.filter(edition=edition).delete()
        return redirect("networks:comparison", slug=edition.slug)
    earlier = get_object_or_404(Edition, pk=int(pk) if pk.isdigit() else 0)
    if earlier.role_of(request.user) is None or earlier.pk == edition.pk:
        raise Http404
    Comparable.objects.update_or_create(edition=edition, defaults={"earlier": earlier})
    messages.success(request, _("Comparison saved."))
    return redirect("networks:comparison", slug=edition.slug)


def _network(request: HttpRequest, slug: str) -> Network:
    network = get_object_or_404(Network, slug=slug)
    if network.role_of(request.user) is None:
        raise Http404
    return network


def _readable(request: HttpRequest, editions: QuerySet[Edition]) -> QuerySet[Edition]:
    """Only the editions the user may read (a network role alone opens none of them)."""
    if request.user.is_superuser:
        return editions
    return editions.filter(roles__user_id=user_id(request)).distinct()


@login_required
def networks(request: HttpRequest) -> HttpResponse:
    mine = Network.objects.all()
    if not request.user.is_superuser:
        mine = mine.filter(Q(roles__user_id=user_id(request))).distinct()
    return render(request, "networks/list.html", {"networks": mine})


@login_required
def network(request: HttpRequest, slug: str) -> HttpResponse:
    found = _network(request, slug)
    synthesis = network_synthesis(found)
    return render(
        request,
        "networks/network.html",
        {
            "network": found,
            "synthesis": synthesis,
            "lowest": synthesis.lowest_everywhere()[:5] if synthesis else (),
            "formats": registry.formats("network"),
            "editions": _readable(request, found.editions.order_by("country", "-year")),
        },
    )


@login_required
def network_export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    found = _network(request, slug)
    if fmt not in registry.formats("network"):
        raise Http404
    synthesis = network_synthesis(found)
    if synthesis is None:
        raise Http404
    output = registry.render("network", fmt, NetworkInput(synthesis, (get_language() or "en")[:2]))
    return output_response(output, f"{slug}-synthesis", attachment=fmt != "html")
