"""CLI commands grouped by capability; each module adds its commands to ``main``.

Keeping them apart keeps cli.py small and lets each capability own its arguments.
"""
