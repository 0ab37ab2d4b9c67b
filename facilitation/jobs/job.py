"""What a job wrote: one PDF (or other file), as the printing guide needs to know it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Job:
    """One PDF written: what a printing guide needs to know about it."""

    name: str
    kind: str  # cards | facilitator | signs | agenda | canvas | ...
    paper: str
    duplex: str
    pages: int
    copies: int = 1
    cutting: str = ""
    sheets: int = 0
    title: str = ""
    plan: list[dict[str, Any]] = field(default_factory=list)  # canvases: how each prints
    sheet_keys: list[str] = field(default_factory=list)  # what each sheet carries (--since)
    warnings: list[str] = field(default_factory=list)  # what the user should know, said
