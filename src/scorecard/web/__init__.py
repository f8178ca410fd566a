"""The Django project: thin views around the core (method, analysis, interop, report)."""
