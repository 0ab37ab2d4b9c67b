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
