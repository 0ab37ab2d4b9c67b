"""Imposition geometry: sizes, marks outside the cards, backs behind their fronts."""

import pytest

from facilitation.layout.imposition import Rect, back_of, impose

A4 = (210, 297)
LETTER = (215.9, 279.4)
FORMATS = {
    "poker": (63, 88),
    "tarot": (70, 120),
    "a6": (105, 148),
    "a7": (74, 105),
    "business": (85, 55),
    "mini": (44, 68),
}


@pytest.mark.parametrize(
    "fmt,sheet,per_sheet",
    [
        ("poker", A4, 9),
        ("poker", LETTER, 9),
        ("tarot", A4, 4),
        ("a6", A4, 2),
        ("business", A4, 10),
        ("mini", A4, 16),
        ("a7", A4, 4),
    ],
)
def test_capacity_matches_print_numbers(fmt, sheet, per_sheet):
    assert impose(*FORMATS[fmt], *sheet).per_sheet == per_sheet


def inside(r: Rect, outer: Rect, eps=1e-6) -> bool:
    return (
        r.x >= outer.x - eps
        and r.y >= outer.y - eps
        and r.right <= outer.right + eps
        and r.top <= outer.top + eps
    )


def overlaps(a: Rect, b: Rect) -> bool:
    return a.x < b.right and b.x < a.right and a.y < b.top and b.y < a.top


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("sheet", [A4, LETTER, (297, 420)])
@pytest.mark.parametrize("bleed", [0, 3])
def test_cards_exact_size_inside_margins_marks_off_cards(fmt, sheet, bleed):
    w, h = FORMATS[fmt]
    imp = impose(w, h, *sheet, margin=5, bleed=bleed)
    printable = Rect(5, 5, sheet[0] - 10, sheet[1] - 10)
    for s in imp.slots:
        size = sorted((round(s.trim.w, 6), round(s.trim.h, 6)))
        assert size == sorted((w, h))
        assert inside(s.trim.grow(bleed), printable)
    for a in imp.slots:
        for b in imp.slots:
            if a is not b:
                assert not overlaps(a.trim.grow(bleed), b.trim.grow(bleed))
    assert imp.marks
    for m in imp.marks:
        seg = Rect(min(m.x1, m.x2), min(m.y1, m.y2), abs(m.x2 - m.x1), abs(m.y2 - m.y1))
        assert inside(seg, printable)
        for s in imp.slots:  # never on a card, and at least the bleed away from its trim
            assert not overlaps(seg, s.trim.grow(max(bleed, 3) - 1e-6))
        length = max(seg.w, seg.h)
        assert 2 <= length <= 5


def test_marks_sit_on_every_cut_line():
    imp = impose(63, 88, *A4)
    xs = {round(x, 6) for s in imp.slots for x in (s.trim.x, s.trim.right)}
    ys = {round(y, 6) for s in imp.slots for y in (s.trim.y, s.trim.top)}
    vertical = {round(m.x1, 6) for m in imp.marks if m.x1 == m.x2}
    horizontal = {round(m.y1, 6) for m in imp.marks if m.y1 == m.y2}
    assert vertical == xs and horizontal == ys


def test_long_edge_backs_mirror_columns_on_a_full_sheet():
    imp = impose(63, 88, *A4)
    by_rc = {(s.row, s.col): s for s in imp.slots}
    for s in imp.slots:
        rect, turn = back_of(s, imp, "long")
        expected = by_rc[(s.row, imp.cols - 1 - s.col)].trim
        assert rect.rounded() == expected.rounded() and turn == 0


def test_short_edge_backs_mirror_rows_and_turn():
    imp = impose(63, 88, *A4)
    by_rc = {(s.row, s.col): s for s in imp.slots}
    for s in imp.slots:
        rect, turn = back_of(s, imp, "short")
        expected = by_rc[(imp.rows - 1 - s.row, s.col)].trim
        assert rect.rounded() == expected.rounded() and turn == 180


@pytest.mark.parametrize("flip", ["long", "short"])
@pytest.mark.parametrize("count", [1, 2, 4, 5, 7])
def test_partial_sheet_backs_land_exactly_behind_their_fronts(flip, count):
    """Holding the printed sheet up to the light: each back covers its own front."""
    imp = impose(63, 88, *A4)
    for s in imp.slots[:count]:
        back, _ = back_of(s, imp, flip)
        # turn the back page over: long edge mirrors x, short edge mirrors y
        if flip == "long":
            seen = Rect(imp.sheet_w - back.x - back.w, back.y, back.w, back.h)
        else:
            seen = Rect(back.x, imp.sheet_h - back.y - back.h, back.w, back.h)
        assert seen.rounded() == s.trim.rounded()
    # a short last row: 7 cards = 2 full rows + 1; its back sits right-aligned (long edge)
    if flip == "long" and count == 7:
        last = imp.slots[6]
        back, _ = back_of(last, imp, "long")
        assert back.rounded() == imp.slots[8].trim.rounded()


def test_quarter_turned_cards_swap_the_half_turn():
    imp = impose(105, 148, *A4)
    assert imp.rotated and imp.per_sheet == 2
    assert back_of(imp.slots[0], imp, "long")[1] == 180
    assert back_of(imp.slots[0], imp, "short")[1] == 0


def test_printer_offset_shifts_backs():
    imp = impose(63, 88, *A4)
    plain, _ = back_of(imp.slots[0], imp, "long")
    shifted, _ = back_of(imp.slots[0], imp, "long", shift=(0.5, -1))
    assert (round(shifted.x - plain.x, 6), round(shifted.y - plain.y, 6)) == (0.5, -1)


def test_fold_over_pairs_front_and_back_with_a_fold_line():
    # poker pairs (126 x 88 mm) fit four to an A4 sheet turned a quarter, the fold across
    imp = impose(63, 88, *A4, fold=True)
    assert imp.per_sheet == 4 and len(imp.folds) == 4
    for s, f in zip(imp.slots, imp.folds, strict=True):
        assert s.rotated and (s.trim.w, s.trim.h) == (88, 126)
        assert f.y1 == f.y2 == s.trim.y + 63 and (f.x1, f.x2) == (s.trim.x, s.trim.right)
    # side by side when that holds more: mini pairs on A4
    flat = impose(44, 68, *A4, fold=True)
    assert not flat.slots[0].rotated and flat.folds[0].x1 == flat.slots[0].trim.x + 44


def test_a6_fold_over_fits_an_a4_sheet():
    imp = impose(105, 148, *A4, fold=True)
    assert imp.per_sheet == 1 and imp.slots[0].rotated


def test_too_large_a_card_is_refused():
    from facilitation.layout.imposition import ImpositionError

    with pytest.raises(ImpositionError):
        impose(300, 400, *A4)


@pytest.mark.parametrize("flip", ["long", "short"])
def test_calibration_point_lands_like_a_card_back(flip):
    """The calibration sheet's scales sit where a card's back would: one mirror for both."""
    from facilitation.layout.imposition import Slot, mirror_point
    from facilitation.render.calibration_pdf import calibration_point

    imp = impose(63, 88, 210, 297)
    px, py = calibration_point(210, 297)
    rect, _ = back_of(Slot(0, 0, Rect(px, py, 0, 0)), imp, flip)
    assert mirror_point(px, py, 210, 297, flip) == pytest.approx((rect.x, rect.y))
    shifted, _ = back_of(Slot(0, 0, Rect(px, py, 0, 0)), imp, flip, shift=(-1.5, 0.5))
    assert (shifted.x - rect.x, shifted.y - rect.y) == pytest.approx((-1.5, 0.5))
