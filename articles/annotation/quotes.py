"""Direct and partial quotations: spans, kinds and their attributions."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import FRAMING_VERBS, PRONOUNS, SPEECH_PARTICIPLES, SPEECH_VERBS
from .refs import Ref
from .speakers import Resolver
from .text import CLOSE_MARKS, Doc, QuoteSegment, Token
from .transcripts import tagged_speaker

_TAIL_WINDOW = 10


@dataclass
class Draft:
    """A quote before its speaker is final."""

    start: int
    end: int
    kind: str
    ref: Ref | None
    confidence: float
    evidence: str
    attributed_at: int  # position of the attribution verb, or the quote start
    framed: bool = True  # a verb of saying or framing (or a colon) attributes it


@dataclass(frozen=True, slots=True)
class Attribution:
    verb: Token
    subject: tuple[int, int]
    span: tuple[int, int]  # the attribution words, for the evidence


def is_speech_verb(doc: Doc, tokens: list[Token], i: int) -> bool:
    word = tokens[i].lower
    if word in SPEECH_VERBS:
        return True
    if word in SPEECH_PARTICIPLES and i > 0:
        return tokens[i - 1].lower in ("is", "are", "was", "were")
    return False


def _according_to(tokens: list[Token], i: int) -> bool:
    return tokens[i].lower == "according" and i + 1 < len(tokens) and tokens[i + 1].lower == "to"


def parse_tail(doc: Doc, start: int, end: int) -> Attribution | None:
    """``," she said`` / ``," said X, title`` / ``," according to X`` after a quotation."""
    tokens = [t for t in doc.tokens_between(start, end) if not doc.in_quote(t.start)]
    for i, tok in enumerate(tokens[:_TAIL_WINDOW]):
        if _according_to(tokens, i):
            after = tokens[i + 1].end
            return Attribution(tok, (after, end), (tok.start, _np_end(doc, after, end)))
        if is_speech_verb(doc, tokens, i):
            if i == 0:
                return Attribution(tok, (tok.end, end), (tok.start, _np_end(doc, tok.end, end)))
            return Attribution(tok, (start, tok.start), (tokens[0].start, tok.end))
    return None


def _np_end(doc: Doc, start: int, end: int) -> int:
    text = doc.body[start:end]
    cut = min(i for i in (text.find(","), text.find("."), len(text)) if i >= 0)
    return start + cut


def parse_lead(doc: Doc, start: int, end: int) -> Attribution | None:
    """``X said: "`` / ``X told reporters ...: "`` / ``he replied, "`` before a quotation."""
    tokens = [t for t in doc.tokens_between(start, end) if not doc.in_quote(t.start)]
    for i in range(len(tokens) - 1, -1, -1):
        if not is_speech_verb(doc, tokens, i) or (tokens[i].lower == "asked" and i == 0):
            continue
        tok = tokens[i]
        if i == 0 and doc.body[tok.end : tok.end + 1] == " ":
            return Attribution(tok, (tok.end, end), (tok.start, _np_end(doc, tok.end, end)))
        return Attribution(tok, (start, tok.start), (tokens[0].start, tok.end))
    return None


def classify(doc: Doc, q: QuoteSegment, lead_start: int, lead_verb: bool) -> str:
    body = doc.body
    para_start = doc.paragraphs[q.paragraph][0]
    i = q.open_mark - 1
    while i >= para_start and body[i] == " ":
        i -= 1
    inner = body[q.start : q.end]
    starts_upper = inner[:1].isupper() or inner[:1] in "‘'"
    if i < para_start or body[i] in ".?!:":
        return "direct"
    if body[i] in CLOSE_MARKS and i > para_start and body[i - 1] in ".?!":
        return "direct"  # a second quotation right after one that ended a sentence
    if body[i] == ",":
        return "direct" if lead_verb or body[lead_start - 1 : lead_start] in '”"’' else "partial"
    if body[i] in "(—–-":
        return "direct" if starts_upper else "partial"
    prev = body[max(para_start, i - 20) : i + 1].split()[-1].lower()
    if prev in SPEECH_VERBS and starts_upper and inner.rstrip()[-1:] in ".?!,":
        return "direct"
    return "partial"


def draft_for_quote(doc: Doc, resolver: Resolver, qi: int) -> tuple[Draft, int | None]:
    """The draft for one quotation, and the position of the verb attributing it."""
    body = doc.body
    q = doc.quotes[qi]
    tag = doc.speaker_tags.get(q.paragraph)
    if tag is not None and (tag.answer or tag.question) and q.start == tag.text_start:
        ref = tagged_speaker(resolver, tag)
        evidence = body[tag.name_start : tag.text_start].strip(" :")
        framed = ref is not None or not tag.question  # nobody's question is not a quote
        return Draft(q.start, q.end, "direct", ref, 0.9, evidence, tag.name_start, framed), None
    si = doc.sentence_index(q.open_mark)
    s_start, s_end = doc.sentences[si]
    prev = doc.quotes[qi - 1] if qi > 0 else None
    lead_start = s_start
    if prev is not None and prev.paragraph == q.paragraph and prev.close_mark is not None:
        lead_start = max(lead_start, prev.close_mark + 1)
    lead = parse_lead(doc, lead_start, q.open_mark)
    kind = classify(doc, q, lead_start, lead is not None)
    tail = None
    if q.close_mark is not None:
        tail = parse_tail(doc, q.close_mark + 1, _tail_end(doc, q, qi, s_end))
    if kind == "partial" and tail is None:
        return partial_draft(doc, resolver, q, s_start), None
    att = tail or lead
    ref = resolver.subject_in(*att.subject) if att is not None else None
    if ref is None or att is None:
        if kind == "partial":
            return partial_draft(doc, resolver, q, s_start), None
        colon = _colon_before(body, lead_start, q.open_mark)
        if colon is not None:
            # "X put it more simply: “…”": the subject of the sentence introduces the quote.
            ref = resolver.subject_in(lead_start, colon)
            if ref is not None:
                resolver.record(si, ref)
                evidence = _clip_words(body, lead_start, colon)
                return Draft(q.start, q.end, "direct", ref, 0.75, evidence, lead_start), None
        dash = _DASH_SIGNATURE_RE.match(body, q.close_mark + 1) if q.close_mark else None
        if dash is not None:
            # "“…” — Lena Brock, trade minister": a signature after the quotation
            stop = body.find(",", dash.end(), s_end)
            ref = resolver.subject_in(dash.end(), stop if stop > 0 else s_end)
            if ref is not None and ref.final().person is not None:
                evidence = _clip_words(body, dash.end(), s_end, 4)
                return Draft(q.start, q.end, "direct", ref, 0.8, evidence, dash.end()), None
        return Draft(q.start, q.end, "direct", None, 0.6, "", q.start, framed=False), None
    resolver.record(si, ref)
    evidence = body[att.span[0] : att.span[1]].strip(' ,.:“”"')
    conf = 0.95 if ref.final().person is not None else 0.85
    if _is_pronoun_subject(doc, att):
        conf = 0.85
    draft = Draft(q.start, q.end, kind, ref, conf, evidence, att.verb.start)
    if kind == "partial" and att is tail:
        # 'The town had been "written off", she insisted': the verb reports the whole
        # clause too, which then holds the fragment.
        return draft, None
    return draft, att.verb.start


_DASH_SIGNATURE_RE = re.compile(r" ?[—–] ?(?=[A-Z])")


def _colon_before(body: str, start: int, open_mark: int) -> int | None:
    i = open_mark - 1
    while i > start and body[i] == " ":
        i -= 1
    return i if i > start and body[i] == ":" else None


def _clip_words(body: str, start: int, end: int, limit: int = 8) -> str:
    words = body[start:end].split()
    return " ".join(words[:limit]).strip(' ,.:“”"')


def _is_pronoun_subject(doc: Doc, att: Attribution) -> bool:
    words = doc.body[att.subject[0] : att.subject[1]].split()
    return bool(words) and words[0].strip(",").lower() in PRONOUNS and len(words) <= 2


def _tail_end(doc: Doc, q: QuoteSegment, qi: int, s_end: int) -> int:
    end = max(s_end, q.close_mark + 1 if q.close_mark is not None else s_end)
    end = min(end, doc.paragraphs[q.paragraph][1])
    if qi + 1 < len(doc.quotes) and doc.quotes[qi + 1].open_mark < end:
        end = doc.quotes[qi + 1].open_mark
    return end


def partial_draft(doc: Doc, resolver: Resolver, q: QuoteSegment, s_start: int) -> Draft:
    tokens = [t for t in doc.tokens_between(s_start, q.open_mark) if not doc.in_quote(t.start)]
    verb = None
    for tok in reversed(tokens):
        if tok.lower in FRAMING_VERBS and tok.lower not in ("as", "of"):
            verb = tok
            break
    end = verb.start if verb is not None else q.open_mark
    ref = resolver.subject_in(s_start, end)
    evidence = ""
    if verb is not None and ref is not None:
        evidence = doc.body[max(s_start, verb.start - 40) : verb.end].strip()
    conf = 0.75 if verb is not None else 0.45
    if ref is None:
        conf = 0.3
    return Draft(q.start, q.end, "partial", ref, conf, evidence, q.start, framed=verb is not None)


def fill_unattributed(doc: Doc, drafts: list[Draft], resolver: Resolver) -> None:
    """Give direct quotes without an attribution the speaker the text implies."""
    by_para: dict[int, list[Draft]] = {}
    for d in drafts:
        by_para.setdefault(doc.paragraph_index(d.start), []).append(d)
    _continue_backwards(doc, drafts)
    last_speaker: Ref | None = None
    last_para = -1
    last_open = False
    for d in drafts:
        para = doc.paragraph_index(d.start)
        if d.ref is None and d.kind == "direct":
            same = [x for x in by_para[para] if x.ref is not None and x.kind == "direct"]
            before = [x for x in same if x.start < d.start]
            after = [x for x in same if x.start > d.start]
            para_start = doc.paragraphs[para][0]
            opens_paragraph = d.start - 1 == para_start
            if before:
                _inherit(d, before[-1], 0.85, "same paragraph as")
            elif (named := _named_after(doc, resolver, para, d)) is not None:
                d.ref, d.confidence = named, 0.8
                d.evidence = "named in the next paragraph"
            elif (
                opens_paragraph
                and not last_open
                and not after
                and para > 0
                and not by_para.get(para - 1)
                and (intro := _paragraph_subject(doc, resolver, para - 1)) is not None
            ):
                d.ref, d.confidence = intro, 0.6
                d.evidence = "introduced in the paragraph before"
            elif (
                opens_paragraph
                and last_speaker is not None
                and last_para >= para - 2
                and (last_open or not after)
            ):
                d.ref = last_speaker
                d.confidence = 0.9 if last_open else 0.7
                d.evidence = "continues the quote of the previous paragraph"
            elif after:
                _inherit(d, after[0], 0.75, "same paragraph as")
            else:
                si = doc.sentence_index(d.start)
                ref = None
                if si > 0 and doc.paragraph_index(doc.sentences[si - 1][0]) == para:
                    ss, se = doc.sentences[si - 1]
                    ref = resolver._sentence_subject(si - 1, ss, se)
                if ref is None:
                    ref = last_speaker
                d.ref = ref
                d.confidence = 0.5
                d.evidence = "no attribution; nearest speaker"
        if d.ref is not None:
            last_speaker = d.ref
            last_para = para
            q = doc.quote_at(d.start)
            last_open = q is not None and q.close_mark is None


_NAMED_AFTER_RE = re.compile(
    r"(?:That|This|Those|These) (?:was|were|is|are) (?:the words of )?|So (?:said|says) "
)


def _named_after(doc: Doc, resolver: Resolver, para: int, d: Draft) -> Ref | None:
    """ "“…” That was X, speaking outside": the speaker named right after the quote, in
    the same paragraph or at the start of the next."""
    q = doc.quote_at(d.start - 1)
    if q is None:
        return None
    if q.close_mark is not None and q.close_mark + 2 < doc.paragraphs[para][1]:
        m = _NAMED_AFTER_RE.match(doc.body, q.close_mark + 2)
    elif d.start - 1 == doc.paragraphs[para][0] and para + 1 < len(doc.paragraphs):
        ps, pe = doc.paragraphs[para + 1]
        m = _NAMED_AFTER_RE.match(doc.body, ps, pe)
    else:
        return None
    if m is None:
        return None
    return resolver.subject_in(m.end(), doc.sentences[doc.sentence_index(m.end())][1])


def _paragraph_subject(doc: Doc, resolver: Resolver, para: int) -> Ref | None:
    """The person a paragraph without quotes is about ("X keeps a notebook. He ...")."""
    ps, pe = doc.paragraphs[para]
    first, last = doc.sentence_index(ps), doc.sentence_index(pe - 1)
    for si in range(last, first - 1, -1):
        ss, se = doc.sentences[si]
        ref = resolver._sentence_subject(si, ss, se)
        if ref is not None and ref.final().person is not None:
            return ref
    return None


def _continue_backwards(doc: Doc, drafts: list[Draft]) -> None:
    """A quotation left open at a paragraph end continues in the next paragraph; when the
    speaker is named only there (`“…¶“…,” she said`), the open paragraphs take it."""
    following: Draft | None = None
    for d in reversed(drafts):
        q = doc.quote_at(d.start - 1)
        if q is None or d.kind != "direct":
            following = None
            continue
        if (
            d.ref is None
            and q.close_mark is None
            and following is not None
            and following.ref is not None
            and doc.paragraph_index(following.start) == q.paragraph + 1
            and following.start - 1 == doc.paragraphs[q.paragraph + 1][0]
            and _opens_paragraph(doc, q)
        ):
            _inherit(d, following, 0.85, "continues into")
        following = d


def _opens_paragraph(doc: Doc, q: QuoteSegment) -> bool:
    """The quotation opens its paragraph, or follows a sentence of the writer's."""
    para_start = doc.paragraphs[q.paragraph][0]
    if q.open_mark == para_start:
        return True
    return doc.body[para_start : q.open_mark].rstrip()[-1:] in ".:"


def _inherit(d: Draft, source: Draft, conf: float, how: str) -> None:
    d.ref = source.ref
    d.confidence = conf
    d.evidence = f"{how} “{source.evidence}”" if source.evidence else how


# Words right before a quotation that make it a name, not somebody's words.
_NAMING_WORDS = frozenset(
    """
    banner banners captioned entitled headline headlined hashtag motto placard placards read
    reading reads sign signs slogan slogans so-called subtitled titled
    """.split()
)
# Words that name something when what follows is capitalised like a title.
_NAME_GIVING = frozenset("as called dubbed named nicknamed renamed".split())
_SMALL_WORDS = frozenset("a an and at by for from in into is of on or our the to up with".split())
_WORD_RE = re.compile(r"[^\W_][\w’'-]*")


# A document, a sign or a law quoted: '"...," the licence itself reads'.
_DOCUMENT_TAIL_RE = re.compile(
    r",? (?:[\w’'-]+ ){1,4}(?:reads|read|stipulates|stipulated|specifies|specified)\b"
)


def looks_like_title(text: str) -> bool:
    """ "Harbour Lights", "A Fair Deal for Farmers": short, every content word capitalised,
    no sentence end inside."""
    stripped = text.strip().rstrip(",")
    if not stripped or stripped[-1:] in ".?!;:" or any(c in stripped for c in ".?!;"):
        return False
    words = _WORD_RE.findall(stripped)
    if not words or len(words) > 8:
        return False
    return all(
        w[0].isupper() or w[0].isdigit() or (k > 0 and w.lower() in _SMALL_WORDS)
        for k, w in enumerate(words)
    )


def not_speech(doc: Doc, d: Draft) -> bool:
    """A quotation that is a title, a sign, a slogan or a scare quote, not speech."""
    body = doc.body
    q = doc.quote_at(d.start - 1)
    if q is None or d.kind == "indirect":
        return False
    before = body[max(0, q.open_mark - 30) : q.open_mark].rstrip(" :,").split()
    prev = before[-1].lower() if before else ""
    if prev in _NAMING_WORDS:
        return True
    inner = body[q.start : q.end]
    title = looks_like_title(inner)
    if prev in _NAME_GIVING and title and len(inner.split()) > 1:
        return True  # 'a report called "A Fair Deal for Farmers"'
    tag = doc.speaker_tags.get(q.paragraph)
    if tag is not None and tag.question and not d.framed:
        return True  # an interviewer's question
    if q.close_mark is not None and _DOCUMENT_TAIL_RE.match(body, q.close_mark + 1):
        return True  # '"The minister may ...," the licence reads'
    if d.framed:
        return False
    # Nothing attributes it: a capitalised name, or a scare quote of a few words.
    return title or (d.kind == "partial" and len(inner.split()) <= 3)
