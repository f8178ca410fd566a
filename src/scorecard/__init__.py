"""People's Scorecard: civil-society assessment of national SDG delivery."""

from __future__ import annotations

__version__ = "0.1.0"
