"""A day as a time-proportional column: each block as tall as it lasts, parallel tracks side by
side, holes left empty; boxes in millimetres, no drawing (the wall agenda, and the
participants' agenda when asked for as a timeline).

Why "nearly" proportional: a five-minute block at the scale of a full day is a sliver no type
can sit in; every block gets at least the height of one line of its title (`min_h`) and the
others share what is left in proportion to their minutes, so a three-hour block still weighs
thirty-six times a five-minute one whenever the page allows it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class TimeBox:
    """A block (or a track's block) on the page: its box, the row it shows, the time at its
    top (for the time column), and its track's name inside parallel tracks."""

    x: float
    y: float  # bottom edge, mm from the area's bottom
    w: float
    h: float
    row: dict[str, Any]
    track: str = ""
    children: list[TimeBox] = field(default_factory=list)

    @property
    def top(self) -> float:
        return self.y + self.h


def shown(row: dict[str, Any]) -> bool:
    return row.get("audience") != "facilitators"


def scale_heights(minutes: list[int], gaps: list[bool], total: float, min_h: float) -> list[float]:
    """Heights for segments of `minutes` filling `total` mm: proportional, each block (not
    gap) at least `min_h`. Solved by fixing the blocks that fall short, then sharing again."""
    n_blocks = sum(1 for g in gaps if not g)
    if n_blocks and min_h * n_blocks > total:
        min_h = total / n_blocks  # too many blocks for the floor: all at the most they can
    fixed: set[int] = set()
    while True:
        free = sum(m for i, m in enumerate(minutes) if i not in fixed) or 1
        k = (total - min_h * len(fixed)) / free
        more = {
            i
            for i, m in enumerate(minutes)
            if i not in fixed and not gaps[i] and k * m < min_h - 1e-9
        }
        if not more:
            break
        fixed |= more
    return [min_h if i in fixed else k * m for i, m in enumerate(minutes)]


def day_column(
    rows: list[dict[str, Any]], x: float, y: float, w: float, h: float, min_h: float
) -> list[TimeBox]:
    """The blocks of a day in the area (x, y, w, h): rows in time order, holes kept as
    empty space; each block with tracks holds its tracks' blocks side by side."""
    rows = [r for r in rows if shown(r)]
    if not rows:
        return []
    rows = sorted(rows, key=lambda r: (r["start"], r["end"]))
    segments: list[tuple[int, bool, dict[str, Any] | None]] = []
    clock = rows[0]["start"]
    for r in rows:
        if r["start"] > clock:
            segments.append((r["start"] - clock, True, None))
        start = max(r["start"], clock)
        segments.append((max(1, r["end"] - start), False, r))
        clock = max(clock, r["end"])
    heights = scale_heights([m for m, _, _ in segments], [g for _, g, _ in segments], h, min_h)
    out = []
    top = y + h
    for (_m, gap, r), sh in zip(segments, heights, strict=True):
        if not gap and r is not None:
            box = TimeBox(x, top - sh, w, sh, r)
            tracks = [t for t in r.get("tracks", []) if any(shown(c) for c in t["rows"])]
            if tracks:
                box.children = _tracks(tracks, box, min_h)
            out.append(box)
        top -= sh
    return out


def _tracks(tracks: list[dict[str, Any]], box: TimeBox, min_h: float) -> list[TimeBox]:
    """Parallel tracks side by side under the block's heading line, each track's blocks in
    proportion inside it."""
    gap = 1.5
    head = min(min_h * 0.8, box.h * 0.3)
    n = len(tracks)
    tw = (box.w - gap * (n - 1)) / n
    out = []
    for i, t in enumerate(tracks):
        tx = box.x + i * (tw + gap)
        kids = day_column(t["rows"], tx, box.y, tw, box.h - head, min_h * 0.8)
        for k in kids:
            k.track = t["name"]
        out.extend(kids)
    return out


def used_area(boxes: list[TimeBox]) -> float:
    """The area the blocks cover, mm² (their bounding box: the day's column)."""
    if not boxes:
        return 0.0
    x0 = min(b.x for b in boxes)
    x1 = max(b.x + b.w for b in boxes)
    y0 = min(b.y for b in boxes)
    y1 = max(b.top for b in boxes)
    return (x1 - x0) * (y1 - y0)
