"""The paper plan: where each canvas prints, decided from what the user has.

A canvas is designed at a size (A1 for most wall canvases, A3 or A4 for forms). What the
user has is an office printer that takes A4 (or Letter) and maybe A3 (or Tabloid), and maybe a
print shop. For each canvas the plan weighs:

- real size, on one sheet: when the canvas fits the office printer, or goes to a print shop;
- direct on one office sheet, laid out at that sheet's size: for forms, written on at arm's
  length rather than read from across the room;
- tiled on office sheets: the fewest sheets that keep the canvas at least `min_scale` of its
  size for its use (cards/paper.yaml: a plenary wall canvas a few percent smaller at most, a
  group's canvas about half size), laid out at the size those sheets make, so that every
  sheet is used and no row of near-empty sheets is printed.

Why laid out again rather than scaled: a canvas laid out at its printed size keeps the floors
of its type sizes and its 76 mm sticky-note marker true to size; a scaled one shrinks both.
The first choice is the plan's; the others are the alternatives the printing guide offers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from facilitation.layout.tiling import Tiling, area, tile

SheetSize = Callable[[str], tuple[float, float]]  # a paper's portrait width and height, mm
LARGEST_OFFICE = ("a3", "tabloid")  # what office printers take at most: beyond, a print
# shop or a plotter


@dataclass(frozen=True)
class Office:
    """What the user prints on: the office paper, the larger paper the printer also takes
    (or None), and whether large canvases go to a print shop."""

    sheet: str = "a4"
    large: str | None = None
    shop: bool = False
    fit_sheets: int | None = None
    overlap: float = 10.0
    margin: float = 5.0

    @property
    def papers(self) -> list[str]:
        return [self.sheet] + ([self.large] if self.large else [])


@dataclass
class Choice:
    """One way to print a canvas."""

    how: str  # real | direct | tiled
    paper: str  # the paper it prints on
    size: str  # the size it is designed at (a1 ...)
    width: float  # the canvas as laid out, mm
    height: float
    design: tuple[float, float]  # the design's own size, mm (orientation as laid out)
    sheets: int = 1  # per copy
    tiling: Tiling | None = None
    by: str = "plan"  # plan | session (the block's print:) | option (--fit-sheets)

    @property
    def scale(self) -> float:
        """How large it prints, as a share of its design (the smaller direction)."""
        return min(self.width / self.design[0], self.height / self.design[1])

    @property
    def landscape(self) -> bool:
        return self.width > self.height

    def key(self) -> tuple[str, str, int, int]:
        return (self.how, self.paper, self.sheets, round(self.scale * 100))


def use_of(support_kind: str, layout_kind: str, per: str) -> str:
    """wall (plenary, read from across the room), group (worked on at a table), or form."""
    if support_kind == "sheet" or layout_kind == "form":
        return "form"
    return "wall" if per == "session" else "group"


def _oriented(w: float, h: float, landscape: bool) -> tuple[float, float]:
    lo, hi = min(w, h), max(w, h)
    return (hi, lo) if landscape else (lo, hi)


def _fits(w: float, h: float, paper: tuple[float, float], slack: float = 1.0) -> bool:
    pw, ph = paper[0] * slack + 0.5, paper[1] * slack + 0.5
    return (w <= pw and h <= ph) or (w <= ph and h <= pw)


def real(size: str, design: tuple[float, float], sheet_size: SheetSize, office: Office) -> Choice:
    """At its own size, on one sheet: the office paper it fits, else its own paper."""
    w, h = design
    paper = next((p for p in office.papers if _fits(w, h, sheet_size(p))), size)
    office_size = paper in office.papers or any(
        _fits(w, h, sheet_size(p), 1.02) for p in LARGEST_OFFICE
    )
    return Choice("direct" if office_size else "real", paper, size, w, h, design)


def direct(size: str, design: tuple[float, float], paper: str, sheet_size: SheetSize) -> Choice:
    """On one sheet of `paper`, laid out at the sheet's size, in the design's orientation."""
    w, h = _oriented(*sheet_size(paper), design[0] > design[1])
    return Choice("direct", paper, size, w, h, design)


def tiled(
    size: str,
    design: tuple[float, float],
    paper: str,
    sheet_size: SheetSize,
    office: Office,
    min_scale: float = 1.0,
    stretch: float = 0.0,
    max_sheets: int | None = None,
) -> Choice | None:
    """Tiled on `paper`: the fewest sheets that keep at least `min_scale` of the design (with
    max_sheets: the largest that fits on that many), laid out at the size those sheets make.
    None when one sheet would do (that is `direct`)."""
    W, H = design
    sw, sh = sheet_size(paper)
    best: tuple[tuple[float, ...], float, float, str] | None = None
    for orient, (pw, ph) in (("portrait", (sw, sh)), ("landscape", (sh, sw))):
        pw, ph = pw - 2 * office.margin, ph - 2 * office.margin
        for cols in range(1, 16):
            for rows in range(1, 16):
                n = cols * rows
                if max_sheets is not None and n > max_sheets:
                    continue
                aw, ah = area(cols, rows, pw, ph, office.overlap)
                if aw <= 0 or ah <= 0:
                    continue
                s = min(aw / W, ah / H, 1.0)
                if max_sheets is None and s < min_scale - 1e-9:
                    continue
                cw = min(aw, W * min(1.0, s * (1 + stretch)))
                ch = min(ah, H * min(1.0, s * (1 + stretch)))
                # fewest sheets, then the largest canvas; with max_sheets, largest first
                rank = (-s, n) if max_sheets is not None else (n, -s, -(cw * ch))
                if best is None or rank < best[0]:
                    best = (rank, cw, ch, orient)
    if best is None:
        return None
    _, cw, ch, orient = best
    t = tile(cw, ch, sw, sh, office.margin, office.overlap, orientation=orient)
    if t.sheets == 1:
        return None
    return Choice("tiled", paper, size, cw, ch, design, t.sheets, t)


def tiled_real(
    size: str, design: tuple[float, float], paper: str, sheet_size: SheetSize, office: Office
) -> Choice:
    """At its own size exactly, tiled on `paper`."""
    sw, sh = sheet_size(paper)
    t = tile(*design, sw, sh, office.margin, office.overlap)
    return Choice("tiled", paper, size, *design, design, t.sheets, t)


@dataclass
class Plan:
    """The plan's choice for a canvas, and the alternatives worth saying."""

    use: str
    choice: Choice
    alternatives: list[Choice] = field(default_factory=list)


def plan_canvas(
    size: str,
    landscape: bool,
    use: str,
    office: Office,
    sheet_size: SheetSize,
    min_scale: dict[str, tuple[float, float]],
) -> Plan:
    """The plan for one canvas designed at `size`: `min_scale` maps each use to its
    (min_scale, stretch) (cards/paper.yaml)."""
    design = _oriented(*sheet_size(size), landscape)
    low, stretch = min_scale[use]
    big = office.large or office.sheet
    options: list[Choice] = []
    at_size = real(size, design, sheet_size, office)
    small = sheet_size(office.sheet)
    if _fits(*design, small):  # fits the office paper as it is
        options.append(direct(size, design, office.sheet, sheet_size))
        options[0].width, options[0].height = design
    elif _fits(*design, small, slack=1.1):  # A4 on Letter: laid out again at Letter size
        options.append(direct(size, design, office.sheet, sheet_size))
    elif at_size.paper in office.papers:  # fits the larger office paper
        options.append(at_size)
    else:
        large = not _fits(*design, sheet_size("a3"), slack=1.1)
        if office.shop and use != "form" and large:
            options.append(at_size)
        on_one = direct(size, design, big, sheet_size)
        if use == "form" or on_one.scale >= low - 1e-9:
            ruled = on_one
        else:
            ruled = tiled(size, design, big, sheet_size, office, low, stretch) or on_one
        cap = office.fit_sheets
        if cap is not None and use != "form" and ruled.sheets > cap:  # --fit-sheets N
            fit = tiled(size, design, big, sheet_size, office, max_sheets=cap)
            if fit is not None:
                fit.by = "option"
                options.append(fit)
        options.append(ruled)
        # what else the user could do
        if large:
            options.append(at_size)
        for paper in office.papers:
            options.append(direct(size, design, paper, sheet_size))
            if use != "form":
                options.append(tiled_real(size, design, paper, sheet_size, office))
        bigger = {"a4": "a3", "letter": "tabloid"}.get(office.sheet)
        if not office.large and bigger:  # with a printer that takes the larger paper
            options.append(real(size, design, sheet_size, Office(bigger)))
            options.append(direct(size, design, bigger, sheet_size))
    seen: set[tuple[str, str, int, int]] = set()
    unique = []
    for o in options:
        if o.key() not in seen:
            seen.add(o.key())
            unique.append(o)
    return Plan(use, unique[0], unique[1:])


def plan_override(
    size: str,
    landscape: bool,
    use: str,
    office: Office,
    sheet_size: SheetSize,
    want_size: str | None,
    want_tile: str | None,
    want_sheets: int | None,
    min_scale: dict[str, tuple[float, float]],
) -> Plan:
    """The plan when a session's block says how its canvases print (`print:`): at
    `want_size` (else the layout's own), on one sheet (`want_tile` none), tiled on
    `want_tile` at that size, or on at most `want_sheets` sheets."""
    base = plan_canvas(size, landscape, use, office, sheet_size, min_scale)
    size = want_size or size
    design = _oriented(*sheet_size(size), landscape)
    paper = want_tile if want_tile not in (None, "none") else office.large or office.sheet
    choice: Choice | None = None
    if want_tile == "none" or (want_tile is None and want_sheets is None):
        choice = real(size, design, sheet_size, office)  # one sheet at that size
    elif _fits(*design, sheet_size(paper)):
        choice = real(size, design, sheet_size, Office(paper))
    elif want_sheets is not None:
        choice = tiled(size, design, paper, sheet_size, office, max_sheets=want_sheets)
        choice = choice or direct(size, design, paper, sheet_size)
    else:
        choice = tiled_real(size, design, paper, sheet_size, office)
    choice.by = "session"
    others = [o for o in [base.choice, *base.alternatives] if o.key() != choice.key()]
    return Plan(use, choice, others)
