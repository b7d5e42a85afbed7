"""Who is speaking: subjects of attributions, pronouns, unnamed sources, people named later."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .descriptions import description, description_title
from .lexicon import PRONOUNS, TITLE_WORDS
from .mentions import ArticleEntities, PersonSpan
from .names import looks_like_name, name_runs, split_title
from .refs import Ref
from .text import Doc, Token, strip_possessive

_BOUNDARY_RE = re.compile(
    r";\s|,\s(?:and|but|while|although|though|whereas)\s|\s(?:and|but)\s(?=(?:he|she|they)\b)"
)
_INTRODUCTORY_RE = re.compile(
    r"\s*(?:In|On|At|After|Before|During|Speaking|Writing|Asked|Later|Earlier|Separately|"
    r"Meanwhile|Since|From|With|Through|Under|Following)\b"
)
_DETERMINERS = frozenset(
    {
        "a",
        "an",
        "the",
        "its",
        "their",
        "his",
        "her",
        "one",
        "two",
        "three",
        "four",
        "several",
        "some",
        "many",
        "other",
        "another",
    }
)


@dataclass
class Resolver:
    """The speakers of one article: who each attribution, pronoun and description means."""

    doc: Doc
    entities: ArticleEntities
    sentence_speakers: dict[int, Ref] = field(default_factory=dict)
    pronoun_refs: dict[int, Ref | None] = field(default_factory=dict)
    labels: list[Ref] = field(default_factory=list)
    pending: list[Ref] = field(default_factory=list)
    _person_refs: dict[int, Ref] = field(default_factory=dict)
    # While reading "CLAUSE, she added": where the attribution starts, so that a pronoun in
    # it does not take a person named inside the reported clause.
    attribution_floor: int = -1

    # --- referents -----------------------------------------------------------------------
    def person_ref(self, person: int) -> Ref:
        ref = self._person_refs.get(person)
        if ref is None:
            ref = self._person_refs[person] = Ref(person=person)
        return ref

    def gender(self, ref: Ref) -> str:
        ref = ref.final()
        if ref.person is not None:
            return self.entities.people[ref.person].gender
        return "p" if ref.plural else ""

    def _compatible(self, ref: Ref, gender: str) -> bool:
        ref = ref.final()
        if gender == "p":
            return ref.person is None and (ref.plural or bool(ref.label))
        if ref.person is None:
            return not ref.plural
        known = self.entities.people[ref.person].gender
        return not known or known == gender

    def _learn_gender(self, ref: Ref, gender: str) -> None:
        ref = ref.final()
        if ref.person is not None and gender in ("m", "f"):
            person = self.entities.people[ref.person]
            person.gender = person.gender or gender

    # --- subjects ------------------------------------------------------------------------
    def subject_in(self, start: int, end: int) -> Ref | None:
        """The subject of a verb whose clause runs from ``start`` to the verb at ``end``."""
        body = self.doc.body
        cut = start
        for m in _BOUNDARY_RE.finditer(body, start, end):
            cut = m.end()
        starts = [cut, start] if cut > start else [start]
        comma = body.rfind(", ", cut, end)
        if comma > cut and _INTRODUCTORY_RE.match(body, cut):
            starts.insert(0, comma + 2)  # "In a statement issued Monday, the company said"
        for lo in starts:
            ref = self._first_referent(lo, end)
            if ref is not None:
                return ref
        return None

    def _first_referent(self, start: int, end: int) -> Ref | None:
        body = self.doc.body
        spans = [
            s
            for s in self.entities.person_spans_between(start, end)
            if not s.possessive and not self.doc.in_quote(s.start)
        ]
        pronoun = self._first_pronoun(start, end)
        if not spans:
            short = self._organization_short_form(start, end)
            if short is not None and (pronoun is None or short.pos < pronoun.start):
                return short
            created = self.new_speaker(start, end)
            if created is not None:
                spans = [created]
        first_person = spans[0] if spans else None
        desc = None
        if first_person is None:
            desc = description(self, start, end)
        elif _after_preposition(body, start, first_person.start):
            # "A spokesperson for Trade Minister X said": X is not the speaker.
            desc = description(self, start, end)
        options: list[tuple[int, Ref]] = []
        if first_person is not None:
            options.append((first_person.start, self.person_ref(first_person.person)))
        if pronoun is not None:
            resolved = self.resolve_pronoun(pronoun)
            if resolved is not None:
                options.append((pronoun.start, resolved))
        if desc is not None:
            options.append((desc.pos, desc))
        if not options:
            return None
        return min(options, key=lambda o: o[0])[1]

    def new_speaker(self, start: int, end: int) -> PersonSpan | None:
        """A name used as the subject of an attribution is a person, known or not."""
        body = self.doc.body
        for run in name_runs(self.doc, start, end):
            _, name = split_title(run)
            if not looks_like_name(name) or self.doc.in_quote(name[0].start):
                continue
            last, possessive = strip_possessive(name[-1].text)
            if possessive:
                continue
            n_end = name[-1].start + len(last)
            if self._named_entity_at(name[0].start, n_end):
                continue  # an organization the gazetteer knows, not a new person
            self.entities.add_new_person(body[name[0].start : n_end], name[0].start, n_end, False)
            return self.entities.person_at(name[0].start, n_end)
        return None

    def _organization_short_form(self, start: int, end: int) -> Ref | None:
        """ "Celtic Reach said" after "Celtic Reach Offshore": the short form of an
        organization the article names is that organization."""
        body = self.doc.body
        for run in name_runs(self.doc, start, end):
            if self.doc.in_quote(run[0].start):
                continue
            short = body[run[0].start : run[-1].end]
            if len(run) < 2 and not short.isupper():
                continue  # a single word ("Reach") is too loose
            for s, _, name, kind in self.entities.topic_spans:
                if kind == "organization" and s < start and name.startswith(short + " "):
                    return self.unnamed_source(name, False, run[0].start, organization=True)
        return None

    def _named_entity_at(self, start: int, end: int) -> bool:
        for s, e, _, kind in self.entities.topic_spans:  # sorted by start
            if s >= end:
                return False
            if start < e and kind == "organization":
                return True
        return False

    def _first_pronoun(self, start: int, end: int) -> Token | None:
        for tok in self.doc.tokens_between(start, end):
            if tok.lower in PRONOUNS and not self.doc.in_quote(tok.start):
                return tok
        return None

    # --- unnamed sources -----------------------------------------------------------------
    def unnamed_source(self, label: str, plural: bool, pos: int, organization: bool = False) -> Ref:
        """The source with this label, one Ref however often the article mentions it."""
        for ref in self.labels:
            if ref.label.lower() == label.lower():
                return ref
        ref = Ref(label=label, plural=plural, pos=pos, organization=organization)
        self.labels.append(ref)
        return ref

    # --- pronouns ------------------------------------------------------------------------
    def resolve_pronoun(self, tok: Token) -> Ref | None:
        if tok.start in self.pronoun_refs:
            return self.pronoun_refs[tok.start]
        self.pronoun_refs[tok.start] = None  # guards against cycles
        gender = PRONOUNS[tok.lower]
        ref = self._antecedent(tok.start, gender)
        if ref is not None:
            self._learn_gender(ref, gender)
        self.pronoun_refs[tok.start] = ref
        return ref

    def forget_unresolved(self, start: int, end: int) -> None:
        """Let pronouns between ``start`` and ``end`` that found no referent try again."""
        for pos in [p for p, ref in self.pronoun_refs.items() if ref is None]:
            if start <= pos < end:
                del self.pronoun_refs[pos]

    def _antecedent(self, pos: int, gender: str) -> Ref | None:
        doc = self.doc
        si = doc.sentence_index(pos)
        s_start = doc.sentences[si][0]
        floor = self.attribution_floor
        if s_start <= floor <= pos:
            same = self.sentence_speakers.get(si)
            spans = self.outside_spans(floor, pos)
            if same is None and spans:
                same = self.person_ref(spans[0].person)
        else:
            same = self._sentence_subject(si, s_start, pos)
        if same is not None and self._compatible(same, gender):
            return same
        para = doc.paragraph_index(pos)
        for sj in range(si - 1, max(-1, si - 12), -1):
            if doc.paragraph_index(doc.sentences[sj][0]) < para - 3:
                break
            ss, se = doc.sentences[sj]
            subject = self._sentence_subject(sj, ss, se)
            if subject is not None and self._compatible(subject, gender):
                return subject
            for span in reversed(self.outside_spans(ss, se)):
                ref = self.person_ref(span.person)
                if self._compatible(ref, gender):
                    return ref
        return None

    def outside_spans(self, start: int, end: int) -> list[PersonSpan]:
        """People named between ``start`` and ``end`` outside quotation marks."""
        return [
            s
            for s in self.entities.person_spans_between(start, end)
            if not self.doc.in_quote(s.start)
        ]

    def _sentence_subject(self, si: int, start: int, end: int) -> Ref | None:
        spoken = self.sentence_speakers.get(si)
        if spoken is not None and spoken.final().pos < end:
            return spoken
        spans = self.outside_spans(start, end)
        pronoun = self._first_pronoun(start, end)
        plain = [s for s in spans if not s.possessive]
        first = plain[0] if plain else None
        if pronoun is not None and (first is None or pronoun.start < first.start):
            return self.resolve_pronoun(pronoun)
        if first is not None:
            return self.person_ref(first.person)
        if spans:
            return self.person_ref(spans[0].person)
        return None

    def record(self, si: int, ref: Ref) -> None:
        self.sentence_speakers.setdefault(si, ref)

    # --- descriptions named later --------------------------------------------------------
    def _named_later(self, ref: Ref, para: int) -> Ref | None:
        """The person a following paragraph introduces with the description's role
        ("The spokesperson, X, declined to ..."), even when they are not quoted."""
        if not ref.pending_head:
            return None
        for person in sorted(self.entities.people, key=lambda p: p.first_pos):
            if person.first_pos <= ref.pos:
                continue
            if self.doc.paragraph_index(person.first_pos) > para + 2:
                break
            if ref.pending_head in person.title.lower().split():
                return self.person_ref(person.id)
        return None

    def settle_pending(self, speakers_at: list[tuple[int, Ref]]) -> None:
        """Resolve "its chief executive said" to the person a later paragraph names."""
        doc = self.doc
        for ref in self.pending:
            para = doc.paragraph_index(ref.pos)
            best = None
            for pos, spoken in speakers_at:
                spoken = spoken.final()
                if pos <= ref.pos or spoken.person is None:
                    continue
                if doc.paragraph_index(pos) > para + 2:
                    break
                person = self.entities.people[spoken.person]
                if person.first_pos <= ref.pos:
                    continue
                if ref.pending_head in person.title.lower():
                    best = spoken
                    break
                if best is None and para == 0 and doc.paragraph_index(pos) == 1:
                    best = spoken
            if best is None:
                best = self._named_later(ref, para)
            if best is not None:
                ref.target = best
                person = self.entities.people[best.person]  # type: ignore[index]
                if not person.title:
                    person.title = description_title(ref.phrase or ref.label)
            else:
                ref.pending_head = ""
                self.labels.append(ref)


_PREPOSITIONS = frozenset({"for", "of", "to", "with", "at", "from", "under", "by"})


def _after_preposition(body: str, start: int, person_start: int) -> bool:
    words = body[start:person_start].lower().split()
    if not words or words[0] not in _DETERMINERS:
        return False
    while words and words[-1].rstrip(".") in TITLE_WORDS and words[-1] not in _PREPOSITIONS:
        words.pop()
    return bool(words) and words[-1] in _PREPOSITIONS
