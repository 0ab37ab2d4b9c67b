"""Plain text skips reportlab's markup parser: the fragments must be the parser's own."""

import pytest
from reportlab.lib.colors import HexColor
from reportlab.platypus import Paragraph

from facilitation.render.pdf import markup, para, style

TEXTS = [
    "Débat mouvant : pour ou contre ?",
    "  des espaces   en trop\tet une tabulation  ",
    "Tom & Jerry <b>pas du gras</b> > 3",
    "« Guillemets » et l'apostrophe… puis !",
    "a" * 300,
    "x",
    "URL https://example.org/une-adresse-longue?q=1&r=2",
]


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("text", TEXTS)
def test_plain_text_fragments_equal_the_parsers(text, lang):
    for st in (
        style(9.5, lang),
        style(12, lang, bold=True, colour=HexColor("#336699")),
        style(8, lang, italic=True),
    ):
        fast = para(text, st, lang, bullet="•")
        parsed = Paragraph(markup(text, lang), st, bulletText="•")
        assert fast.text == parsed.text
        assert [vars(f) for f in fast.frags] == [vars(f) for f in parsed.frags]
        w = 60
        assert fast.wrap(w * 2.83, 1000) == parsed.wrap(w * 2.83, 1000)
        assert repr(fast.blPara.lines) == repr(parsed.blPara.lines)


def test_fragments_are_not_shared():
    st = style(9.5, "fr")
    a, b = para("un", st, "fr"), para("deux", st, "fr")
    assert a.frags[0] is not b.frags[0]
    assert a.frags[0].link is not b.frags[0].link
