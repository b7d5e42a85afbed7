"""Article text structure: paragraphs, quotation-mark pairs, sentences and tokens.

All offsets are Python ``str`` indices into the body.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from .lexicon import ABBREVIATIONS

OPEN_DOUBLE = "“"
CLOSE_DOUBLE = "”"
STRAIGHT_DOUBLE = '"'
CLOSE_MARKS = frozenset({CLOSE_DOUBLE, STRAIGHT_DOUBLE, "’", "'", "»"})
QUOTE_CHARS = frozenset({OPEN_DOUBLE, CLOSE_DOUBLE, STRAIGHT_DOUBLE, "«", "»"})
_OPENING_CONTEXT = frozenset(" \t\n([{—–-/")

TOKEN_RE = re.compile(r"[^\W_](?:[\w’'.\-]*[^\W_])?")
_QUOTE_MARK_RE = re.compile(r"[“”\"«»]")
_SINGLE_MARK_RE = re.compile(r"[‘’']")
_SENTENCE_EVENT_RE = re.compile(r"[.?!]")
# Wire copy opens the body with a dateline: "OTTAWA, March 3 (Agency) - ", "LONDON — ".
DATELINE_RE = re.compile(
    r"[A-Z][A-Z.'’ -]*[A-Z.](?:, [A-Z][\w.]*)*(?:,? [A-Z][a-z]{2,8}\.? \d{1,2})?"
    r"(?: \([^()\n]{1,40}\))? ?[-—–]{1,2} "
)
_SINGLE_OPEN_RE = re.compile(r"‘(?=\w)|(?<![\w.,])'(?=[A-Za-z])")


@dataclass(frozen=True, slots=True)
class QuoteSegment:
    """Text between a pair of quotation marks (or to the end of an open paragraph)."""

    open_mark: int
    close_mark: int | None  # None when the paragraph leaves the quotation open
    start: int
    end: int
    paragraph: int


class Token(NamedTuple):
    start: int
    end: int
    text: str

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def is_capitalised(self) -> bool:
        return self.text[0].isupper()


@dataclass(frozen=True, slots=True)
class SpeakerTag:
    """A transcript's speaker label opening a paragraph: ``KEVIN O'DWYER, GROWER: ...``."""

    paragraph: int
    name_start: int
    name_end: int
    text_start: int  # where the words after the label begin
    answer: bool  # the words of the person named, not the interviewer's or presenter's
    question: bool = False  # "Q: ...": counsel's words in a court report, else nobody's


@dataclass
class Doc:
    """An analysed article body."""

    body: str
    paragraphs: list[tuple[int, int]]
    quotes: list[QuoteSegment]
    sentences: list[tuple[int, int]]
    tokens: list[Token]
    speaker_tags: dict[int, SpeakerTag] = field(default_factory=dict)
    _quote_starts: list[int] = field(default_factory=list, repr=False)
    _sentence_starts: list[int] = field(default_factory=list, repr=False)
    _para_starts: list[int] = field(default_factory=list, repr=False)
    _token_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._quote_starts = [q.open_mark for q in self.quotes]
        self._sentence_starts = [s for s, _ in self.sentences]
        self._para_starts = [s for s, _ in self.paragraphs]
        self._token_starts = [t.start for t in self.tokens]

    def quote_at(self, pos: int) -> QuoteSegment | None:
        """The quotation whose marks enclose ``pos`` (marks included)."""
        i = bisect_right(self._quote_starts, pos) - 1
        if i < 0:
            return None
        q = self.quotes[i]
        last = q.close_mark if q.close_mark is not None else q.end
        return q if pos <= last else None

    def in_quote(self, pos: int) -> bool:
        return self.quote_at(pos) is not None

    def sentence_index(self, pos: int) -> int:
        return max(0, bisect_right(self._sentence_starts, pos) - 1)

    def paragraph_index(self, pos: int) -> int:
        return max(0, bisect_right(self._para_starts, pos) - 1)

    def tokens_between(self, start: int, end: int) -> list[Token]:
        i = bisect_left(self._token_starts, start)
        j = bisect_left(self._token_starts, end, i)
        out = self.tokens[i:j]
        if out and out[-1].end > end:
            out.pop()
        return out

    def quotes_between(self, start: int, end: int) -> list[QuoteSegment]:
        i = bisect_right(self._quote_starts, start - 1)
        out = []
        while i < len(self.quotes) and self.quotes[i].open_mark < end:
            out.append(self.quotes[i])
            i += 1
        return out


def split_paragraphs(body: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for chunk in body.split("\n\n"):
        start, end = pos, pos + len(chunk)
        pos = end + 2
        while start < end and body[start].isspace():
            start += 1
        while end > start and body[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def _is_opening(text: str, i: int, para_start: int, is_open: bool) -> bool:
    ch = text[i]
    if ch in "“«":
        return True
    if ch in "”»":
        return False
    before = text[i - 1] if i > para_start else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before in _OPENING_CONTEXT and not after.isspace():
        return True
    if not before.isspace() and (after.isspace() or after in ",.;:!?)—–"):
        return False
    return not is_open


def find_quotes(body: str, paragraphs: list[tuple[int, int]]) -> list[QuoteSegment]:
    """Pair quotation marks paragraph by paragraph, in the article's house style.

    Most styles quote with double marks and nest single ones; British style does the
    reverse. The style is read per article: single marks are the quotation marks when
    more of them open a quotation outside double marks than there are double-mark pairs.
    Otherwise single marks are apostrophes or nested quotations, which stay inside the
    outer span. A paragraph left open yields a segment up to its end.
    """
    doubles = _double_quotes(body, paragraphs) if _QUOTE_MARK_RE.search(body) else []
    if _single_style(body, paragraphs, doubles):
        return _single_quotes(body, paragraphs)
    return doubles


def _single_style(
    body: str, paragraphs: list[tuple[int, int]], doubles: list[QuoteSegment]
) -> bool:
    """Whether single marks are the article's quotation marks (double ones nested)."""
    if not doubles:
        return True
    if not _SINGLE_OPEN_RE.search(body):
        return False
    singles = _single_quotes(body, paragraphs)
    singles_outside = sum(_spoken(body, q) and not _inside(q, doubles) for q in singles)
    doubles_outside = sum(_spoken(body, q) and not _inside(q, singles) for q in doubles)
    return singles_outside > doubles_outside


def _spoken(body: str, q: QuoteSegment) -> bool:
    """Looks like someone's words (a capitalised sentence), not a quoted term."""
    inner = body[q.start : q.end].rstrip()
    return inner[:1].isupper() and (q.close_mark is None or inner[-1:] in ",.?!—")


def _inside(q: QuoteSegment, others: list[QuoteSegment]) -> bool:
    return any(
        o.start <= q.open_mark and q.end <= o.end and o.paragraph == q.paragraph for o in others
    )


def _double_quotes(body: str, paragraphs: list[tuple[int, int]]) -> list[QuoteSegment]:
    segments: list[QuoteSegment] = []
    for p, (ps, pe) in enumerate(paragraphs):
        open_at: int | None = None
        for m in _QUOTE_MARK_RE.finditer(body, ps, pe):
            i = m.start()
            if _is_opening(body, i, ps, open_at is not None):
                if open_at is None:
                    open_at = i
            elif open_at is not None:
                if i > open_at + 1:
                    segments.append(QuoteSegment(open_at, i, open_at + 1, i, p))
                open_at = None
        if open_at is not None and pe > open_at + 1:
            segments.append(QuoteSegment(open_at, None, open_at + 1, pe, p))
    return segments


def _single_quotes(body: str, paragraphs: list[tuple[int, int]]) -> list[QuoteSegment]:
    segments: list[QuoteSegment] = []
    for p, (ps, pe) in enumerate(paragraphs):
        open_at: int | None = None
        for m in _SINGLE_MARK_RE.finditer(body, ps, pe):
            i = m.start()
            before = body[i - 1] if i > ps else " "
            after = body[i + 1] if i + 1 < pe else " "
            if before.isalnum() and after.isalnum():
                continue  # an apostrophe: can't, O'Brien
            if open_at is None:
                if before in _OPENING_CONTEXT and after.isalnum():
                    open_at = i
            elif not before.isspace() and (after.isspace() or after in ",.;:!?)—–" or i + 1 >= pe):
                # "workers' pay": a plural possessive, unless punctuation marks the close
                if before == "s" and after == " " and body[i + 2 : i + 3].islower():
                    continue
                segments.append(QuoteSegment(open_at, i, open_at + 1, i, p))
                open_at = None
        if open_at is not None and pe > open_at + 1:
            segments.append(QuoteSegment(open_at, None, open_at + 1, pe, p))
    return segments


def _ends_sentence(body: str, i: int, end: int) -> int | None:
    """If the terminator at ``i`` ends a sentence, the index where the next one starts."""
    j = i + 1
    while j < end and body[j] in "”\"’')]»":
        j += 1
    if j >= end:
        return end
    if not body[j].isspace():
        return None
    k = j
    while k < end and body[k].isspace():
        k += 1
    if k >= end:
        return end
    nxt = body[k]
    if not (nxt.isupper() or nxt.isdigit() or nxt in "“\"‘'(«"):
        return None
    if body[i] == ".":
        w = i
        while w > 0 and (body[w - 1].isalpha() or body[w - 1] == "."):
            w -= 1
        word = body[w:i].lower()
        if word in ABBREVIATIONS or (len(word) == 1 and body[w].isupper()):
            return None
    return k


def split_sentences(
    body: str,
    paragraphs: list[tuple[int, int]],
    quotes: list[QuoteSegment],
    text_starts: dict[int, int] | None = None,
) -> list[tuple[int, int]]:
    """Sentences of the writer's text; terminators inside quotations do not count,
    except at the close of a quotation that is followed by a new sentence.
    ``text_starts`` skips a paragraph's leading label (a transcript's speaker)."""
    sentences: list[tuple[int, int]] = []
    qi = 0
    for p, (ps, pe) in enumerate(paragraphs):
        start = ps
        if text_starts and p in text_starts:
            start = text_starts[p]
        elif p == 0:
            m = DATELINE_RE.match(body, ps, pe)
            start = m.end() if m else ps
        i = start
        while i < pe:
            while qi < len(quotes) and quotes[qi].open_mark < ps:
                qi += 1
            q = quotes[qi] if qi < len(quotes) else None
            if q is not None and q.open_mark == i:
                if q.close_mark is None:
                    break
                inner_end = body[q.end - 1] if q.end > q.start else ""
                nxt = _ends_sentence(body, q.close_mark, pe) if inner_end in ".?!" else None
                i = q.close_mark + 1
                qi += 1
                if nxt is not None and not starts_attribution(body, i, pe):
                    sentences.append((start, i))
                    start = i = nxt
                continue
            if body[i] in ".?!":
                nxt = _ends_sentence(body, i, pe)
                if nxt is not None:
                    sentences.append((start, i + 1))
                    start = i = nxt
                    continue
            m = _SENTENCE_EVENT_RE.search(body, i + 1, pe)
            nxt_event = m.start() if m else pe
            if q is not None and i < q.open_mark < nxt_event:
                nxt_event = q.open_mark
            i = nxt_event
        if start < pe:
            sentences.append((start, pe))
    return sentences


_ATTRIBUTION_LOOKAHEAD = 60


def starts_attribution(body: str, pos: int, end: int) -> bool:
    """Whether the text after a closing quotation mark is an attribution tail."""
    from .lexicon import SPEECH_VERBS

    window = body[pos : min(end, pos + _ATTRIBUTION_LOOKAHEAD)]
    cut = re.split(r"[.?!“\"‘]", window, maxsplit=1)[0]
    found = TOKEN_RE.findall(cut)
    words = [w.lower() for w in found[:7]]
    if words[:2] == ["according", "to"]:
        return True
    verbs = [k for k, w in enumerate(words) if w in SPEECH_VERBS]
    if not verbs:
        return False
    if body[pos - 2 : pos - 1] == "." and found[0][0].isupper():
        # After a quotation closed by a full stop, a capitalised word starts a new
        # sentence unless a short attribution follows ("“….” Ray Osei said."):
        # "Its president, Ana Roy, said by email that ..." is a sentence of its own.
        k = verbs[0]
        return k <= 3 and "," not in cut and len(found) - k <= 4 and "that" not in words
    return True


# "KEVIN O'DWYER, GRAIN GROWER: ...", "HADLEY: ...", "Q: ...", "Mara Tull: ..."
_TAG_RE = re.compile(
    r"(?P<name>[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3})"
    r"(?:, (?P<role>[^:\n“\"]{2,60}))?: (?=[^\s“\"‘'])"
)
# Labels of the people asking the questions or presenting: their words are not quotes.
_INTERVIEWER_WORDS = frozenset(
    """
    anchor correspondent editor host interviewer journalist moderator narrator presenter q
    question reporter wikinews
    """.split()
)
_ANSWER_WORDS = frozenset({"a", "answer"})


def speaker_tags(body: str, paragraphs: list[tuple[int, int]]) -> dict[int, SpeakerTag]:
    """A transcript or an interview: two or more paragraphs open with a speaker label."""
    found: dict[int, tuple[re.Match[str], set[str]]] = {}
    for p, (ps, pe) in enumerate(paragraphs):
        m = _TAG_RE.match(body, ps, pe)
        if m is not None:
            name = m.group("name")
            words = {w.lower().strip(".") for w in (name + " " + (m.group("role") or "")).split()}
            found[p] = (m, words)
    labels = Counter(m.group("name") for m, _ in found.values())
    for p, (m, words) in list(found.items()):
        name = m.group("name")
        if not (name.isupper() or words & (_INTERVIEWER_WORDS | _ANSWER_WORDS)):
            if len(name.split()) < 2 and labels[name] < 2:
                del found[p]  # "Update: ...", "Note: ...": not a speaker
    if len(found) < 2:
        return {}
    # The interviewer: labelled so, the speaker who opens the programme, or a label whose
    # paragraphs are mostly questions ("Observer: Is that what happened?").
    questions: Counter[str] = Counter()
    for p, (m, _) in found.items():
        questions[m.group("name")] += body[: paragraphs[p][1]].endswith("?")
    asking = {
        m.group("name").split()[-1].upper()
        for p, (m, words) in found.items()
        if words & _INTERVIEWER_WORDS
        or p == 0
        or questions[m.group("name")] * 2 > labels[m.group("name")]
    }
    tags = {}
    for p, (m, words) in found.items():
        name = m.group("name")
        answer = not words & _INTERVIEWER_WORDS and name.split()[-1].upper() not in asking
        question = name.lower() in ("q", "question")
        tags[p] = SpeakerTag(p, m.start("name"), m.end("name"), m.end(), answer, question)
    return tags


def _answers_as_quotes(
    quotes: list[QuoteSegment], paragraphs: list[tuple[int, int]], tags: dict[int, SpeakerTag]
) -> list[QuoteSegment]:
    """An answer's words form one quotation from the label to the paragraph end."""
    answers = {p: t for p, t in tags.items() if t.answer or t.question}
    kept = [q for q in quotes if q.paragraph not in answers]
    for p, tag in answers.items():
        kept.append(QuoteSegment(tag.text_start - 1, None, tag.text_start, paragraphs[p][1], p))
    kept.sort(key=lambda q: q.open_mark)
    return kept


def analyse(body: str) -> Doc:
    paragraphs = split_paragraphs(body)
    quotes = find_quotes(body, paragraphs)
    tags = speaker_tags(body, paragraphs)
    if tags:
        quotes = _answers_as_quotes(quotes, paragraphs, tags)
    # an answer's sentence opens at its quotation, a question's after the label
    text_starts = {p: t.text_start - (t.answer or t.question) for p, t in tags.items()}
    sentences = split_sentences(body, paragraphs, quotes, text_starts)
    tokens = [Token(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(body)]
    return Doc(body, paragraphs, quotes, sentences, tokens, tags)


def strip_possessive(word: str) -> tuple[str, bool]:
    for suffix in ("’s", "'s"):
        if word.endswith(suffix):
            return word[: -len(suffix)], True
    if word.endswith(("s’", "s'")):
        return word[:-1], True
    return word, False
