"""The method as data (METHOD.md): pure, no I/O beyond loading a framework file."""

from __future__ import annotations

from scorecard.method.edition import Edition
from scorecard.method.framework import (
    Area,
    Band,
    Framework,
    FrameworkError,
    Goal,
    Pillar,
    Scale,
    Thresholds,
    default_framework,
    framework_data,
    framework_from_text,
    parse_framework,
)

__all__ = [
    "Area",
    "Band",
    "Edition",
    "Framework",
    "FrameworkError",
    "Goal",
    "Pillar",
    "Scale",
    "Thresholds",
    "default_framework",
    "framework_data",
    "framework_from_text",
    "parse_framework",
]
