"""The JSON API (``/api/v1/``): editions, results, comparisons, exports and gateway intake.

See docs/api.md. Views are thin and call the same store and core functions as the
workspace, so the API and the pages can never disagree about a figure.
"""

from __future__ import annotations
