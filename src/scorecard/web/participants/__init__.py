"""Fieldwork: the people invited to an edition, the messages they get, and sample targets.

Kept apart from answers: a participant is linked to an invitation only, and no
export, report, API result or analysis reads this app's tables.
"""
