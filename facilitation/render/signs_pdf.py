"""Floor signs: one word a page, landscape, as large as the page allows."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.colors import HexColor

from facilitation.render.pdf import BOLD, MM, REGULAR, Meta, PrintCanvas


def signs_pdf(
    path: Path, words: list[str], footer: str, sheet_mm: tuple[float, float], meta: Meta
) -> None:
    sw, sh = sheet_mm
    W, H = sh * MM, sw * MM  # landscape
    c = PrintCanvas(str(path), (W, H), meta)
    for word in words:
        size = 400.0
        while size > 20 and c.stringWidth(word, BOLD, size) > W - 30 * MM:
            size -= 4
        size = min(size, (H - 60 * MM) / 0.75)
        c.setFillColor(HexColor("#111111"))
        c.setFont(BOLD, size)
        c.drawCentredString(W / 2, H / 2 - size * 0.35, word)
        c.setFont(REGULAR, 11)
        c.setFillColor(HexColor("#555555"))
        c.drawCentredString(W / 2, 10 * MM, footer)
        c.setTrimBox((0, 0, W, H))
        c.showPage()
    c.save()


def posters_pdf(
    path: Path,
    texts: list[str],
    footer: str,
    sheet_mm: tuple[float, float],
    meta: Meta,
    lang: str,
    instruction: str = "",
) -> None:
    """Posters: one text a page (a statement for the wall), landscape, set as large as the
    page allows in whole words, to be read by a room of people standing."""
    from reportlab.lib.enums import TA_CENTER

    from facilitation.render.pdf import para, style

    sw, sh = sheet_mm
    W, H = sh * MM, sw * MM  # landscape
    box_w, box_h = W - 30 * MM, H - (48 if instruction else 40) * MM
    c = PrintCanvas(str(path), (W, H), meta)
    for text in texts:
        size = 110.0
        while True:
            st = style(size, lang, bold=True, leading=size * 1.12, align=TA_CENTER, hyphenate=False)
            p = para(text, st, lang)
            w, h = p.wrap(box_w, 10 * H)
            widest = max((c.stringWidth(x, BOLD, size) for x in text.split()), default=0)
            if (h <= box_h and widest <= box_w) or size <= 14:
                break
            size -= 2
        p.drawOn(c, 15 * MM, H / 2 + h / 2 - h + (4 * MM if instruction else 0))
        if instruction:
            ist = style(16, lang, italic=True, align=TA_CENTER, colour=HexColor("#333333"))
            ip = para(instruction, ist, lang)
            _, ih = ip.wrap(box_w, 40 * MM)
            ip.drawOn(c, 15 * MM, 18 * MM)
        c.setFont(REGULAR, 11)
        c.setFillColor(HexColor("#555555"))
        c.drawCentredString(W / 2, 10 * MM, footer)
        c.setTrimBox((0, 0, W, H))
        c.showPage()
    c.save()
