"""What every PDF shares: the embedded font family, French-aware paragraphs, metadata,
deterministic output, and print settings.

Why a Canvas subclass: reportlab's canvas falls back to an unembedded base-14 font unless
`initialFontName` is set, and byte-identical files need `invariant=1`; both are set here once.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from typing import Any

from reportlab import rl_config
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph as _RLParagraph
from reportlab.platypus import SimpleDocTemplate
from reportlab.platypus.doctemplate import LayoutError
from reportlab.platypus.paragraph import cleanBlockQuotedText

from facilitation import __version__
from facilitation.errors import Problem, UserError
from facilitation.load.printdata import sheet_mm
from facilitation.resources import font_dir
from facilitation.text.messages import _
from facilitation.text.typography import typeset

rl_config.useA85 = 0  # binary streams: no ASCII85 bloat (25 % larger files)

REGULAR = "SourceSans3"
BOLD = "SourceSans3-Bold"
ITALIC = "SourceSans3-Italic"
BOLD_ITALIC = "SourceSans3-BoldItalic"
MM = 72 / 25.4


def sheet_size(name: str, landscape: bool = False) -> tuple[float, float]:
    """A paper's size in points, portrait unless asked."""
    w, h = sheet_mm(name)
    if landscape:
        w, h = h, w
    return w * MM, h * MM


@cache
def register_fonts() -> None:
    d = font_dir()
    for name, file in (
        (REGULAR, "SourceSans3-Regular.ttf"),
        (BOLD, "SourceSans3-Bold.ttf"),
        (ITALIC, "SourceSans3-Italic.ttf"),
        (BOLD_ITALIC, "SourceSans3-BoldItalic.ttf"),
    ):
        pdfmetrics.registerFont(TTFont(name, str(d / file)))
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
    )


@cache
def _drawable() -> frozenset[str]:
    """Characters the embedded font draws, and the control characters text may hold."""
    register_fonts()
    font = pdfmetrics.getFont(REGULAR)
    return frozenset(chr(c) for c in font.face.charToGlyph) | {chr(c) for c in range(32)}


def missing_glyphs(text: str) -> set[str]:
    """Characters of `text` the embedded font cannot draw."""
    return set(text) - _drawable()


def warm_up(lang: str) -> None:
    """Load what every PDF needs (fonts, the glyph table, the hyphenation dictionary) once,
    before the kit forks, so that both processes share it instead of loading it twice."""
    import pyphen

    register_fonts()
    _drawable()
    pyphen.Pyphen(lang="fr_FR" if lang == "fr" else "en_GB")  # kept in pyphen's cache


def glyph_problems(items: list[tuple[str, str]]) -> list[Problem]:
    """(where, text) pairs -> a problem for each text holding characters the font lacks."""
    if not missing_glyphs("".join(text for _, text in items)):
        return []  # the usual case, found in one pass over all the texts
    out = []
    for where, text in items:
        missing = missing_glyphs(text)
        if missing:
            chars = " ".join(f"'{c}' (U+{ord(c):04X})" for c in sorted(missing))
            out.append(
                Problem(
                    _("the font has no glyph for {chars}").format(chars=chars),
                    path=where,
                    hint=_("replace these characters, or they would print as empty boxes"),
                )
            )
    return out


@dataclass
class Meta:
    title: str
    author: str = ""
    subject: str = ""
    lang: str = "fr"
    keywords: str = ""


class PrintCanvas(Canvas):
    """A canvas with our font, deterministic output, metadata and print preferences.

    Every page gets a TrimBox and a BleedBox (the page itself unless the drawing set them
    for that page), every file a duplex preference (Simplex unless told otherwise, so that
    single-sided files do not come out back to back on printers that default to duplex),
    and XMP metadata besides the document information. Text drawn directly (footers,
    labels) and the metadata go through the typesetter like every paragraph, so that
    apostrophes and French spaces are the same everywhere.
    """

    def __init__(
        self,
        target: Any,
        pagesize: tuple[float, float],
        meta: Meta,
        duplex: str | None = None,
        **kw: Any,
    ) -> None:
        register_fonts()
        self._lang = meta.lang
        self._boxes_set: set[str] = set()
        super().__init__(
            target,
            pagesize=pagesize,
            invariant=1,
            pageCompression=1,
            initialFontName=REGULAR,
            initialFontSize=10,
            pdfVersion=(1, 7),
            lang="fr-FR" if meta.lang == "fr" else "en-GB",
            **kw,
        )
        self._xmp = dict(title="", author="", subject="", keywords="")
        self.setTitle(meta.title)
        self.setAuthor(meta.author)
        self.setSubject(meta.subject)
        self.setKeywords(meta.keywords)
        self.setCreator(f"facilitation {__version__}")
        self.setProducer(f"facilitation {__version__} (reportlab)")
        self.setViewerPreference("PrintScaling", "None")
        self.setViewerPreference("Duplex", duplex or "Simplex")
        from reportlab.pdfbase.pdfdoc import XMP

        xmp = XMP(creator=lambda doc: xmp_packet(self._xmp, meta.lang).encode("utf-8"))
        xmp.filters = []  # readable as it is, as XMP is meant to be
        self._doc.Catalog.Metadata = xmp
        self.setFont(REGULAR, 10)

    # metadata, typeset like the printed text (platypus sets them again, through these)
    def setTitle(self, title: str | None) -> None:  # noqa: N802 (reportlab's names)
        self._xmp["title"] = typeset(title or "", self._lang)
        super().setTitle(self._xmp["title"])

    def setAuthor(self, author: str | None) -> None:  # noqa: N802
        self._xmp["author"] = typeset(author or "", self._lang)
        super().setAuthor(self._xmp["author"])

    def setSubject(self, subject: str | None) -> None:  # noqa: N802
        self._xmp["subject"] = typeset(subject or "", self._lang)
        super().setSubject(self._xmp["subject"])

    def setKeywords(self, keywords: Any) -> None:  # noqa: N802
        text = ", ".join(keywords) if isinstance(keywords, list | tuple) else keywords or ""
        self._xmp["keywords"] = text
        super().setKeywords(text)

    # text drawn outside paragraphs
    def drawString(self, x: float, y: float, text: str, *a: Any, **kw: Any) -> None:  # noqa: N802
        super().drawString(x, y, typeset(text, self._lang, for_pdf=True), *a, **kw)

    def drawRightString(self, x: float, y: float, text: str, *a: Any, **kw: Any) -> None:  # noqa: N802
        super().drawRightString(x, y, typeset(text, self._lang, for_pdf=True), *a, **kw)

    def drawCentredString(self, x: float, y: float, text: str, *a: Any, **kw: Any) -> None:  # noqa: N802
        super().drawCentredString(x, y, typeset(text, self._lang, for_pdf=True), *a, **kw)

    # boxes: set for the page being drawn, else the page itself
    def setCropBox(self, size: Any, name: str = "crop") -> None:  # noqa: N802
        super().setCropBox(size, name)
        self._boxes_set.add(name.lower().removesuffix("box"))

    def showPage(self) -> None:  # noqa: N802
        if "trim" not in self._boxes_set:
            super().setCropBox((0, 0, *self._pagesize), "trim")
        if "bleed" not in self._boxes_set:
            super().setCropBox(self._trimBox, "bleed")
        self._boxes_set = set()
        super().showPage()


def xmp_packet(meta: dict[str, str], lang: str) -> str:
    """The XMP metadata of a file: title, description, author, language, keywords, tool.
    No dates: the same input gives the same bytes."""
    tag = "fr-FR" if lang == "fr" else "en-GB"
    tool = f"facilitation {__version__}"

    def esc(text: str) -> str:
        return escape(text).replace('"', "&quot;")

    def alt(name: str, value: str) -> str:
        if not value:
            return ""
        return (
            f'<dc:{name}><rdf:Alt><rdf:li xml:lang="x-default">{esc(value)}'
            f"</rdf:li></rdf:Alt></dc:{name}>"
        )

    creator = (
        f"<dc:creator><rdf:Seq><rdf:li>{esc(meta['author'])}</rdf:li></rdf:Seq></dc:creator>"
        if meta["author"]
        else ""
    )
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">'
        f"<dc:format>application/pdf</dc:format>{alt('title', meta['title'])}"
        f"{alt('description', meta['subject'])}{creator}"
        f"<dc:language><rdf:Bag><rdf:li>{tag}</rdf:li></rdf:Bag></dc:language>"
        f"<xmp:CreatorTool>{tool}</xmp:CreatorTool>"
        f"<pdf:Producer>{tool} (reportlab)</pdf:Producer>"
        f"<pdf:Keywords>{esc(meta['keywords'])}</pdf:Keywords>"
        "</rdf:Description></rdf:RDF></x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    )


def canvas_maker(meta: Meta, duplex: str | None = None) -> Any:
    """A canvasmaker for platypus documents: our canvas, whatever platypus passes."""

    def make(target: Any, pagesize: tuple[float, float] = (595.27, 841.89), **_: Any) -> Canvas:
        return PrintCanvas(target, pagesize, meta, duplex)

    return make


class Document(SimpleDocTemplate):
    """A platypus document whose layout failures are the user's problem to fix, said so."""

    def build(self, flowables: list[Any], **kw: Any) -> None:
        try:
            super().build(flowables, **kw)
        except LayoutError as exc:
            import re

            page = re.search(r"on page (\d+)", str(exc))
            message = (
                _("a text is too long to be laid out on the page (page {page})").format(
                    page=page.group(1)
                )
                if page
                else _("a text is too long to be laid out on the page")
            )
            raise UserError(
                Problem(
                    message,
                    file=os.path.basename(str(self.filename)),
                    hint=_(
                        "shorten the longest texts of the session (titles, notes, "
                        "parameters), or break them into several"
                    ),
                )
            ) from None


def doc_kwargs(meta: Meta) -> dict[str, Any]:
    """Metadata for a platypus document template (which sets it on the canvas itself)."""
    return dict(
        title=meta.title,
        author=meta.author,
        subject=meta.subject,
        keywords=meta.keywords,
        creator=f"facilitation {__version__}",
        producer=f"facilitation {__version__} (reportlab)",
        invariant=1,
        lang="fr-FR" if meta.lang == "fr" else "en-GB",
        initialFontName=REGULAR,
    )


def style(
    size: float,
    lang: str,
    bold: bool = False,
    leading: float | None = None,
    align: int = TA_LEFT,
    colour: Any = None,
    italic: bool = False,
    space_after: float = 0,
    hyphenate: bool = True,
) -> ParagraphStyle:
    register_fonts()
    font = BOLD if bold else (ITALIC if italic else REGULAR)
    kw: dict[str, Any] = {}
    if colour is not None:
        kw["textColor"] = colour
    return ParagraphStyle(
        f"s{size}{bold}{italic}{align}",
        fontName=font,
        fontSize=size,
        leading=leading or size * 1.22,
        alignment=align,
        spaceAfter=space_after,
        hyphenationLang=("fr_FR" if lang == "fr" else "en_GB") if hyphenate else "",
        embeddedHyphenation=0,  # 1 trips reportlab: a split paragraph may not fit again
        uriWasteReduce=0.3,
        splitLongWords=1,
        bulletFontName=REGULAR,
        **kw,
    )


def markup(text: str, lang: str) -> str:
    """User text -> safe Paragraph markup: typography first, then &, <, > escaped."""
    text = typeset(text, lang, for_pdf=True)
    return escape(text).replace("\n", "<br/>")


class Paragraph(_RLParagraph):
    """reportlab's Paragraph, its lines broken once per width.

    Why: platypus asks a paragraph for its height several times at the same width (a
    KeepTogether measures it, the frame places it, a table sizes its cell), and each time
    reportlab breaks its lines again; the lines depend on the width alone (the style does
    not change), so the second answer is the first. About a third of a booklet's time."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        d = self.__dict__
        if d.get("_wrapped_at") == availWidth and "blPara" in d:  # (split may drop it)
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._wrapped_at = availWidth
        return size


def escape(text: str) -> str:
    """&, < and > as entities (xml.sax.saxutils would pull in urllib for the same)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def para(text: str, st: ParagraphStyle, lang: str, bullet: str | None = None) -> Paragraph:
    """A paragraph of user text, typeset for its language.

    Why not Paragraph(markup(text)): plain text, which is nearly all of ours, does not need
    reportlab's markup parser (a fifth of a paragraph's cost). Its one fragment is the
    parser's fragment for the style, with the text in it, the very object the parser would
    have made (tests compare the two). Text with line breaks or &, <, > still goes through
    the parser, which cuts it into several fragments there.
    """
    text = typeset(text, lang, for_pdf=True)
    if not text.strip() or any(c in text for c in "\n&<>"):
        return Paragraph(escape(text).replace("\n", "<br/>"), st, bulletText=bullet)
    clean = cleanBlockQuotedText(text)
    frag = _plain_frag(st.fontName, st.fontSize, st.textColor).clone(
        text=clean, link=[], us_lines=[]
    )
    return Paragraph(escape(clean), st, bulletText=bullet, frags=[frag])


_FRAGS: dict[tuple[Any, ...], Any] = {}


def _plain_frag(font: str, size: float, colour: Any) -> Any:
    """The parser's fragment for plain text in that font, size and colour (made once)."""
    key = (font, size, repr(colour))
    frag = _FRAGS.get(key)
    if frag is None:
        st = ParagraphStyle("plain", fontName=font, fontSize=size, textColor=colour)
        frag = _FRAGS[key] = Paragraph("x", st).frags[0]
    return frag


CENTER = TA_CENTER
