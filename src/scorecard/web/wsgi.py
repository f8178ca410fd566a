"""WSGI entry point for gunicorn: `gunicorn scorecard.web.wsgi --preload`."""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

from scorecard.web.public_cache import PublicCache

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scorecard.web.settings")
# Anonymous public pages and files from memory (web/public_cache.py); 0 MB turns it off.
_cache_mb = int(os.environ.get("SCORECARD_PUBLIC_CACHE_MB", "96"))
_django = get_wsgi_application()
application = PublicCache(_django, _cache_mb * 1024 * 1024) if _cache_mb > 0 else _django

from scorecard.web.warmup import freeze, warm_up  # noqa: E402 (needs the settings above)

warm_up()
freeze()
