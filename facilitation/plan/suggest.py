"""The matchmaker: from what a facilitator wants ("clore la journée", 30 min, 16 people) to
the methods that do it, ranked, each with the reasons it is proposed.

What counts, in order of weight: the part of a session the words name (open, explore,
converge, close: "clore" names closing), the tags the words name (by their labels and
synonyms in both languages, vocabulary/tags.yaml), the method families, then the words found in
a method's title, purpose, what it makes possible and what it produces (the user's language
first, the other one at half weight). Methods that cannot fit the time (their shortest run for
that many people) or the head count are set aside and counted. Accents and case never matter.

Independent of plan/search.py on purpose (a `list` search is a filter; this is a ranking).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from facilitation.load.vocabulary import family_words, tag_words
from facilitation.model.exercise import TRANSFO_SIZE, Exercise
from facilitation.model.limits import MAX_WISH_WORDS
from facilitation.plan.steps import time_steps
from facilitation.text.aliases import other_words
from facilitation.text.i18n import LANGS, fold

# Words that say which part of a session is wanted, beyond the arcs' own words (their values
# and the French words of vocabulary/aliases.yaml): words of a wish, not values a file may hold.
ARC_WORDS: dict[str, dict[str, list[str]]] = {
    "open": {
        "fr": [
            "ouvrir",
            "ouverture",
            "commencer",
            "démarrer",
            "démarrage",
            "début",
            "lancer",
            "lancement",
            "inclusion",
            "entrer en matière",
        ],
        "en": [
            "open",
            "opening",
            "start",
            "begin",
            "beginning",
            "kick off",
            "kick-off",
            "check-in",
        ],
    },
    "explore": {
        "fr": [
            "explorer",
            "exploration",
            "découvrir",
            "comprendre",
            "diverger",
            "divergence",
            "élargir",
        ],
        "en": [
            "explore",
            "exploration",
            "discover",
            "understand",
            "diverge",
            "divergence",
            "broaden",
        ],
    },
    "converge": {
        "fr": [
            "converger",
            "convergence",
            "trier",
            "choisir",
            "décider",
            "prioriser",
            "synthétiser",
            "faire le point",
            "resserrer",
        ],
        "en": [
            "converge",
            "convergence",
            "sort out",
            "choose",
            "decide",
            "prioritise",
            "prioritize",
            "synthesise",
            "synthesize",
            "narrow down",
        ],
    },
    "close": {
        "fr": [
            "clore",
            "clôturer",
            "clôture",
            "conclure",
            "conclusion",
            "terminer",
            "finir",
            "fin",
            "au revoir",
        ],
        "en": [
            "close",
            "closing",
            "end",
            "ending",
            "finish",
            "wrap up",
            "wrap-up",
            "conclude",
            "goodbye",
        ],
    },
    "energise": {
        "fr": ["dynamiser", "réveiller", "redynamiser", "énergie", "bouger", "digestion"],
        "en": ["energise", "energize", "wake up", "energy", "move", "get moving"],
    },
    "logistics": {"fr": ["logistique"], "en": ["logistics"]},
}

STOP = set(
    """le la les l un une des de du d et ou a au aux en pour par sur dans avec sans que qui
    quoi ce cet cette ces se s sa son ses leur leurs nos notre votre vos mon ma mes on il elle
    ils elles nous vous je j tu t y est sont faire fait plus tres qu n ne pas comment mieux
    bien tout tous toute toutes aussi encore deja entre moins
    the an of to and or in on for with without at by from into is are be this that these
    those it its our your my we you they i how what which who as do make some better well
    all also more very""".split()
)

# How much a word found in a field counts (the user's language; the other counts half).
FIELD_WEIGHTS = {
    "title": 2.0,
    "tagline": 1.0,
    "purpose": 1.5,
    "makes_possible": 1.5,
    "outputs": 1.0,
}
FIRST_SENTENCE = 1.5  # a word in the first sentence of a purpose: what the method is for
TITLE_WEIGHT = 2.0  # and this much more when the words say the whole title
ARC_WEIGHT = 3.0
TAG_WEIGHT = 3.0
FAMILY_WEIGHT = 1.5


_WORD = re.compile(r"[a-z0-9]+")


def tokens(text: str) -> list[str]:
    """The folded words of a text ('l'équipe' gives 'l', 'equipe')."""
    return _WORD.findall(fold(text))


@lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[str, ...]:
    """tokens(), kept: each text of a method is looked at once for every word of a wish."""
    return tuple(tokens(text))


def same_word(a: str, b: str) -> bool:
    """Two folded words that are the same word give or take an ending: journée and
    journées, idée and idées, conclure and conclusion (but not quand and quantique)."""
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) >= 4 and long_.startswith(short) and len(long_) - len(short) <= 3:
        return True
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return common >= 5 and common >= len(short) - 3


def _phrase_in(phrase: list[str], words: list[str]) -> int:
    """Where a phrase (folded words) stands in a list of words, or -1."""
    k = len(phrase)
    for i in range(len(words) - k + 1):
        if all(same_word(phrase[j], words[i + j]) for j in range(k)):
            return i
    return -1


@dataclass(frozen=True)
class Concept:
    """Something the words of a query can name: an arc, a tag or a family."""

    kind: str  # arc | tag | family
    id: str
    phrases: tuple[tuple[str, ...], ...]


def concepts() -> tuple[Concept, ...]:
    """The arcs, tags and families a query may name, with every phrase that names them (a
    library's own tags included: not kept from one library to the next)."""
    out = []
    for arc, words in other_words("arc").items():
        said = [arc, *words] + [w for ws in ARC_WORDS.get(arc, {}).values() for w in ws]
        out.append(Concept("arc", arc, _phrases(said)))
    for tag_id, words in tag_words().items():
        out.append(Concept("tag", tag_id, _phrases([tag_id, *words])))
    for family_id, words in family_words().items():
        out.append(Concept("family", family_id, _phrases([family_id, *words])))
    return tuple(out)


def _phrases(words: Iterable[str]) -> tuple[tuple[str, ...], ...]:
    seen: dict[tuple[str, ...], None] = {}
    for w in words:
        t = tuple(tokens(w.replace("-", " ")))
        if t:
            seen[t] = None
    return tuple(seen)


@dataclass(frozen=True)
class Named:
    """A concept the query names, and the words of the query that name it (as typed)."""

    concept: Concept
    said: str


def named_concepts(query: str) -> list[Named]:
    """The arcs, tags and families the words of a query name."""
    raw = re.findall(r"\w+", query.lower())
    words = [fold(w) for w in raw]
    out = []
    for c in concepts():
        for phrase in c.phrases:
            if len(phrase) == 1 and phrase[0] in STOP:
                continue
            i = _phrase_in(list(phrase), words)
            if i >= 0:
                out.append(Named(c, " ".join(raw[i : i + len(phrase)])))
                break
    return out


@dataclass(frozen=True)
class Reason:
    """Why a method is proposed. kind: arc | tag | family | text | time | time-spare |
    people; `what` is the arc, tag, family or field; `said` the user's words; `snippet` the
    passage of a text where they are found (in the user's language when it has them, else
    in the other one, and `lang` says which)."""

    kind: str
    what: str = ""
    said: str = ""
    snippet: str = ""
    lang: str = ""  # the language of the snippet, when it is not the user's
    minutes: int = 0
    low: int = 0
    high: int = 0


@dataclass
class Suggestion:
    exercise: Exercise
    score: float
    reasons: list[Reason]


@dataclass
class Suggestions:
    """The ranked methods and what was set aside."""

    items: list[Suggestion]
    considered: int = 0
    too_long: list[str] = field(default_factory=list)
    wrong_size: list[str] = field(default_factory=list)


def shortest_for(ex: Exercise, people: int) -> int:
    """The shortest run of a method for a head count: its minimum duration, or longer when
    steps run by each team in turn need more time for that many teams, with at least half
    their written time left to the other steps (what `check` asks of a block: a closing
    round of one minute each needs sixteen minutes for sixteen people, and then some)."""
    need = ex.duration.min or ex.duration.typical
    timing = time_steps(ex, people)
    if timing.turns:
        need = max(need, timing.need + -(-timing.rest_written // 2))
    return need


def fits_people(ex: Exercise, people: int) -> bool:
    g = ex.group_size
    if people < g.min or (g.max is not None and people > g.max):
        return False
    conf = ex.configuration
    if conf.kind == "groups":
        if conf.size and people < conf.size:
            return False
        if conf.count and people < 2 * conf.count:
            return False
    return not (conf.kind == "pairs" and people < 2)


def _field_texts(ex: Exercise, name: str) -> list[dict[str, str]]:
    value = getattr(ex, name)
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _snippet(text: str, word: str, width: int = 90) -> str:
    """The passage of a text around the first word that is `word` give or take an ending."""
    text = " ".join(text.split())
    at = next(
        (m.start() for m in re.finditer(r"\w+", text) if same_word(word, fold(m.group(0)))), -1
    )
    if at < 0:
        return ""
    lo = max(0, at - width // 3)
    hi = min(len(text), lo + width)
    space = text.find(" ", lo)
    if lo > 0 and 0 <= space < at:
        lo = space + 1
    if hi < len(text):
        cut = text.rfind(" ", lo, hi)
        hi = cut if cut > at else hi
    return ("…" if lo > 0 else "") + text[lo:hi].strip() + ("…" if hi < len(text) else "")


def title_cover(ex: Exercise, words: list[str], lang: str) -> float:
    """How much of a method's title the words say (1.0: all its words): 'déjeuner' is the
    lunch rather than the welcome breakfast."""
    title = [
        w for w in tokens(ex.title.get(lang) or next(iter(ex.title.values()))) if w not in STOP
    ]
    if not title or not words:
        return 0.0
    return sum(1 for t in title if any(same_word(w, t) for w in words)) / len(title)


def rarity(found_in: int, among: int) -> float:
    """How much a word or a tag tells when it is found in `found_in` methods of `among`: 1
    when it singles out one method, little when every method has it ("service")."""
    if among <= 2 or found_in <= 1:
        return 1.0
    value = math.log((among + 1) / (found_in + 1)) / math.log((among + 1) / 2)
    return max(0.1, min(1.0, value))


def field_words(ex: Exercise) -> set[str]:
    """The folded words of the fields a query is looked for in, in every language."""
    out: set[str] = set()
    for name in FIELD_WEIGHTS:
        for text in _field_texts(ex, name):
            for value in text.values():
                out.update(tokens(value))
    return out


def score_text(
    ex: Exercise,
    words: list[str],
    lang: str,
    weights: dict[str, float] | None = None,
    matches: dict[str, frozenset[str]] | None = None,
) -> tuple[float, list[Reason], set[str]]:
    """Words of the query found in the method's texts, each weighted by how rare it is in
    the library (`weights`): (score, reasons, words found). `matches` gives, for a word, the
    words of the library that are the same word give or take an ending (worked out once for
    all the methods rather than word against word in each)."""

    def found_in(w: str, text: str) -> bool:
        if matches is not None and w in matches:
            return not matches[w].isdisjoint(_tokens(text))
        return any(same_word(w, t) for t in _tokens(text))

    score = 0.0
    reasons: list[Reason] = []
    found: set[str] = set()
    other = next(x for x in LANGS if x != lang)
    bests: dict[str, tuple[float, str, str, str]] = {}  # a word said twice is looked for once
    for w in words:
        if w in bests:
            best = bests[w]
            if best[0]:
                score += best[0] * (weights or {}).get(w, 1.0)
                if best[1] != "title":
                    reasons.append(Reason("text", best[1], w, best[2], lang=best[3]))
            continue
        best = (0.0, "", "", "")
        for name, weight in FIELD_WEIGHTS.items():
            for text in _field_texts(ex, name):
                for language, factor in ((lang, 1.0), (other, 0.5)):
                    value = text.get(language) or text.get("*") or ""
                    if not value or weight * factor * FIRST_SENTENCE <= best[0]:
                        continue
                    if found_in(w, value):
                        if name == "purpose" and found_in(w, re.split(r"[.!?:;]", value)[0]):
                            factor *= FIRST_SENTENCE
                        shown = "" if language == lang or "*" in text else language
                        best = (weight * factor, name, _snippet(value, w), shown)
        bests[w] = best
        if best[0]:
            score += best[0] * (weights or {}).get(w, 1.0)
            found.add(w)
            if best[1] != "title":
                reasons.append(Reason("text", best[1], w, best[2], lang=best[3]))
    # one reason per field: the first passage found there
    seen: set[str] = set()
    kept = []
    for r in reasons:
        if r.what not in seen:
            seen.add(r.what)
            kept.append(r)
    return score, kept, found


def check_wish(query: str, option: str = "") -> None:
    """Refuse a wish of more than MAX_WISH_WORDS words: it is a sentence, and each of its
    words is looked for in every method's texts (a page pasted by mistake took minutes)."""
    n = len(tokens(query))
    if n > MAX_WISH_WORDS:
        from facilitation.errors import Problem, UserError
        from facilitation.text.messages import _, ngettext

        raise UserError(
            Problem(
                ngettext(
                    "{n} word to say what the methods are for: at most {limit}",
                    "{n} words to say what the methods are for: at most {limit}",
                    n,
                ).format(n=n, limit=MAX_WISH_WORDS),
                path=option,
                hint=_('say it in a few words, such as "clore la journée"'),
            )
        )


def suggest(
    exercises: Iterable[Exercise],
    query: str = "",
    minutes: int | None = None,
    people: int | None = None,
    lang: str = "fr",
    limit: int = 5,
) -> Suggestions:
    """The methods for a wish, a time and a head count, best first (at most `limit`)."""
    check_wish(query)
    named = named_concepts(query) if query else []
    phrase_words = {w for n in named for w in tokens(n.said) if len(tokens(n.said)) > 1}
    content = [w for w in tokens(query) if w not in STOP] if query else []
    text_words = [w for w in content if w not in phrase_words]
    result = Suggestions([])
    ranked: list[Suggestion] = []
    head = people or TRANSFO_SIZE
    exercises = list(exercises)
    n = len(exercises)
    vocabulary = [field_words(ex) for ex in exercises] if content else []
    every_word = set().union(*vocabulary) if vocabulary else set()
    matches = {
        w: frozenset(v for v in every_word if same_word(w, v)) for w in dict.fromkeys(content)
    }
    weights = {
        w: rarity(sum(1 for vs in vocabulary if not matches[w].isdisjoint(vs)), n) for w in matches
    }
    tag_weights = {
        c.concept.id: rarity(sum(1 for ex in exercises if c.concept.id in ex.tags), n)
        for c in named
        if c.concept.kind == "tag"
    }
    for ex in exercises:
        result.considered += 1
        reasons: list[Reason] = []
        score = 0.0
        direct = False
        said: set[str] = set()
        for n in named:
            c = n.concept
            if c.kind == "arc" and ex.arc == c.id:
                score += ARC_WEIGHT
                reasons.append(Reason("arc", c.id, n.said))
            elif c.kind == "tag" and c.id in ex.tags:
                score += TAG_WEIGHT * (0.5 + 0.5 * tag_weights.get(c.id, 1.0))
                reasons.append(Reason("tag", c.id, n.said))
            elif c.kind == "family" and ex.family == c.id:
                score += FAMILY_WEIGHT
                reasons.append(Reason("family", c.id, n.said))
            else:
                continue
            direct = True
            said.update(tokens(n.said))
        text_score, text_reasons, found = score_text(ex, text_words, lang, weights, matches)
        score += text_score + TITLE_WEIGHT * title_cover(ex, text_words, lang)
        reasons += text_reasons
        if content:
            covered = sum(weights[w] for w in content if w in found or w in said)
            score += 2.0 * covered / sum(weights.values())
        if query and score == 0:
            continue
        if ex.arc == "logistics" and not direct:
            continue  # breaks and lunches only when asked for
        if minutes is not None:
            low = shortest_for(ex, head)
            high = ex.duration.max or ex.duration.typical
            if low > minutes:
                result.too_long.append(ex.id)
                continue
            if minutes <= high:
                typical = ex.duration.typical
                score += 2.0 + 1.0 - abs(typical - minutes) / max(typical, minutes)
                reasons.append(Reason("time", minutes=minutes, low=low, high=high))
            else:
                score += 1.0
                reasons.append(Reason("time-spare", minutes=minutes, low=low, high=high))
        if people is not None:
            if not fits_people(ex, people) or shortest_for(ex, people) > (
                ex.duration.max or ex.duration.typical
            ):
                result.wrong_size.append(ex.id)
                continue
            g = ex.group_size
            score += 1.0
            reasons.append(Reason("people", minutes=people, low=g.min, high=g.max or 0))
        ranked.append(Suggestion(ex, round(score, 3), reasons))
    ranked.sort(key=lambda s: (-s.score, s.exercise.id))
    result.items = ranked[:limit]
    return result
