"""A duplex calibration sheet: it measures how far a printer shifts the backs.

The front carries two long lines crossing at a point; the back, scales centred on where
that point lands when the printer is exact (the same mirror as the card backs). Held up to
the light, back towards you, the front's lines cross the back's scales at the values to
give to --back-offset: scales are numbered in back-page millimetres, so a back printed
1.5 mm too far right shows the vertical line at -1.5, the correction.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors

from facilitation.layout.imposition import mirror_point
from facilitation.render.pdf import BOLD, MM, REGULAR, Meta, PrintCanvas, para
from facilitation.render.pdf import style as mkstyle
from facilitation.text.messages import _
from facilitation.text.typography import typeset

REACH = 6.0  # the scales read from -REACH to +REACH mm
GREY = colors.Color(0.4, 0.4, 0.4)


def calibration_point(sheet_w: float, sheet_h: float) -> tuple[float, float]:
    """The crossing point on the front (mm): off-centre, so a wrong flip edge shows."""
    return sheet_w * 0.5, sheet_h * 0.42


def calibration_pdf(
    path: Path, sheet: tuple[float, float], flip: str, lang: str, sheet_name: str
) -> int:
    """Write the two-page sheet; return its page count."""
    w_pt, h_pt = sheet
    w, h = w_pt / MM, h_pt / MM
    edge = {"long": _("long edge"), "short": _("short edge")}[flip]
    meta = Meta(
        title=_("Duplex calibration"),
        subject=f"{sheet_name.upper()}, {edge}",
        lang=lang,
    )
    c = PrintCanvas(
        str(path),
        (w_pt, h_pt),
        meta,
        duplex="DuplexFlipLongEdge" if flip == "long" else "DuplexFlipShortEdge",
    )
    px, py = calibration_point(w, h)

    def text(
        x: float, top: float, width: float, body: str, size: float = 10, bold: bool = False
    ) -> None:
        p = para(body, mkstyle(size, lang, bold=bold, leading=size * 1.3), lang)
        _, ph = p.wrap(width * MM, 1000)
        p.drawOn(c, x * MM, top * MM - ph)

    # front: instructions and two long lines crossing at the point
    text(15, h - 15, w - 30, _("Duplex calibration"), 18, True)
    steps = [
        _(
            "1. Print this file double-sided, {edge}, at 100 % (actual size), as you "
            "will print the cards."
        ).format(edge=edge),
        _("2. Hold the sheet up to a window or a lamp, the back (the scales) towards you."),
        _(
            "3. Read where the front's vertical line crosses the x scale, and where its "
            "horizontal line crosses the y scale."
        ),
        _(
            "4. Give both numbers to the cards: --back-offset x,y (for instance "
            "--back-offset -1.5,0.5). If both lines fall on 0, there is nothing to set."
        ),
    ]
    top = h - 27
    for s in steps:
        text(15, top, w - 30, s)
        top -= 11
    c.setStrokeColor(colors.black)
    c.setLineWidth(0.25)
    c.line(px * MM, (py - 40) * MM, px * MM, (py + 40) * MM)
    c.line((px - 40) * MM, py * MM, (px + 40) * MM, py * MM)
    c.setFont(REGULAR, 8)
    c.setFillColor(GREY)
    c.drawString((px + 2) * MM, (py + 38) * MM, _("front"))
    c.showPage()

    # back: scales centred where the point lands, numbered in back-page millimetres
    bx, by = mirror_point(px, py, w, h, flip)
    c.setStrokeColor(colors.black)
    c.setFillColor(colors.black)
    gap = 12.0  # the scales sit clear of the crossing, along the front's lines
    for axis in ("x", "y"):
        for i in range(int(-REACH * 2), int(REACH * 2) + 1):
            v = i / 2
            whole = i % 2 == 0
            size = (4.0 if int(v) % 2 == 0 else 3.0) if whole else 1.8
            c.setLineWidth(0.35 if v == 0 else 0.2)
            # labels 1 mm apart do not fit side by side: even ones in a first row, odd
            # ones in a second
            step = 0 if int(v) % 2 == 0 else 1
            if axis == "x":  # a horizontal scale above the point, read by the vertical line
                x = bx + v
                c.line(x * MM, (by + gap) * MM, x * MM, (by + gap + size) * MM)
                if whole:
                    c.setFont(BOLD if v == 0 else REGULAR, 5)
                    label_y = by + gap + 4.8 + step * 2.4
                    c.drawCentredString(x * MM, label_y * MM, f"{v:g}")
            else:  # a vertical scale right of the point, read by the horizontal line
                y = by + v
                c.line((bx + gap) * MM, y * MM, (bx + gap + size) * MM, y * MM)
                if whole:
                    c.setFont(BOLD if v == 0 else REGULAR, 5)
                    c.drawString((bx + gap + 4.8 + step * 3.2) * MM, (y - 0.6) * MM, f"{v:g}")
    c.setFont(BOLD, 10)
    c.drawCentredString(bx * MM, (by + gap + 11) * MM, "x (mm)")
    c.drawString((bx + gap + 12) * MM, (by - 1.2) * MM, "y (mm)")
    c.setFont(REGULAR, 8)
    c.setFillColor(GREY)
    c.drawCentredString(
        w_pt / 2, 15 * MM, typeset(_("back: read the scales against the light"), lang, for_pdf=True)
    )
    c.showPage()
    c.save()
    return 2
