"""A server process is ready before its first request, and shares no database connection."""

from __future__ import annotations

import gc

import pytest
from django.db import connections
from django.template import engines
from django.template.loaders.cached import Loader as CachedLoader
from django.urls import clear_url_caches, get_resolver

from scorecard.web.warmup import TEMPLATES, freeze, warm_up


def cached_loaders() -> list[CachedLoader]:
    found = []
    for engine in engines.all():
        for loader in engine.engine.template_loaders:  # type: ignore[attr-defined]
            if isinstance(loader, CachedLoader):
                found.append(loader)
    return found


@pytest.mark.django_db(transaction=True)
def test_warm_up_compiles_the_questionnaire_and_leaves_no_connection_open() -> None:
    loaders = cached_loaders()
    assert loaders, "the production template loader caches compiled templates"
    for loader in loaders:
        loader.reset()
    clear_url_caches()
    assert "url_patterns" not in get_resolver().__dict__
    connections["default"].ensure_connection()  # as a forking master might have one

    warm_up()

    cached = {name for loader in loaders for name in loader.get_template_cache}
    assert set(TEMPLATES) <= cached
    assert "url_patterns" in get_resolver().__dict__  # the URLconf is imported
    # SQLite's in-memory test database ignores close() (it would vanish), so the
    # connection half of this test bites in the PostgreSQL run of the suite.
    kept = [c for c in connections.all() if c.vendor == "sqlite" and c.is_in_memory_db()]  # type: ignore[attr-defined]
    assert all(c.connection is None for c in connections.all() if c not in kept)


def test_freeze_moves_what_is_loaded_out_of_full_collections() -> None:
    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    loaded = object(), [object()]  # tracked by the collector until frozen
    try:
        freeze()
        frozen = gc.get_freeze_count()
        assert frozen > 1000  # Django, the app, the catalogues: the whole process so far
        assert not any(loaded is found for found in gc.get_objects(generation=2))
    finally:
        gc.unfreeze()
    assert gc.get_freeze_count() == 0
