"""CLI commands grouped by capability; each module adds its commands to ``scorecard.cli.main``.

Keeping them apart keeps cli.py small and lets each capability own its arguments.
"""
