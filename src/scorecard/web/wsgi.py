"""WSGI entry point for gunicorn: `gunicorn scorecard.web.wsgi --preload`."""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

from scorecard.web.public_cache import PublicCache

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scorecard.web.settings")
application = PublicCache(get_wsgi_application())

from scorecard.web.warmup import warm_up  # noqa: E402 (needs the settings above)

warm_up()
