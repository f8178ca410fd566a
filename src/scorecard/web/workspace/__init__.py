"""The coordinator's workspace: the edition page, live results, downloads and imports.

These views join an edition (``editions``) with its respondents and answers
(``responses``), so they sit above both in the web apps' layers
(docs/architecture.md); the models below never import them. The URL names keep
the ``editions:`` namespace the templates and tests use.
"""
