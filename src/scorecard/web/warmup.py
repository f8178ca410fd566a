"""Make a server process ready before its first request.

Django imports the URLconf (and with it the API, pydantic and numpy), compiles
templates and reads the translation catalogues on first use, which cost the
first requests of every gunicorn worker more than a second. Doing it at load
time moves that cost out of respondents' requests, and with `gunicorn --preload`
it is paid once in the master and shared by every worker it forks (also the
ones `--max-requests` replaces). No database connection is left open: forked
workers must not share one.

Then ``freeze`` (called by wsgi.py) moves everything loaded so far out of the
garbage collector's view: it lives as long as the process, yet a full collection
would walk all of it, a pause of about 60 ms that every request queued behind it
waits out (the edition page's p99, issue 16). Frozen before the fork, the pages also stay
shared between workers instead of being copied when the collector touches them.
"""

from __future__ import annotations

import gc

from django.conf import settings
from django.db import connections
from django.template import TemplateDoesNotExist, engines
from django.urls import get_resolver
from django.utils import translation

from scorecard.method import default_framework

# The pages every respondent sees, in the order of the questionnaire.
TEMPLATES = (
    "responses/consent.html",
    "responses/profile.html",
    "responses/goals.html",
    "responses/goal.html",
    "responses/review.html",
    "responses/done.html",
    "responses/invalid.html",
    "responses/closed.html",
    "responses/not_found.html",
    "responses/limited.html",
    # and the coordinator's edition page, the workspace's busiest
    "editions/detail.html",
    "editions/_goal_table.html",
)


def warm_up() -> None:
    get_resolver().url_patterns  # noqa: B018 (imports every view module)
    for engine in engines.all():
        for name in TEMPLATES:
            try:
                engine.get_template(name)
            except TemplateDoesNotExist:
                continue
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Next")
    default_framework()
    connections.close_all()


def freeze() -> None:
    """Keep what the process has loaded out of every later full collection (see above)."""
    gc.collect()
    gc.freeze()
