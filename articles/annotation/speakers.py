"""Who is speaking: subjects of attributions, pronouns, descriptions, unnamed sources."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicon import (
    ANONYMITY_MARKERS,
    AUXILIARIES_BEFORE_SPEECH,
    DATA_NOUNS,
    HUMAN_NOUNS,
    LABEL_DROP,
    ORGANIZATION_NOUNS,
    PLURAL_GROUP_NOUNS,
    PRONOUNS,
    TITLE_HEADS,
    TITLE_WORDS,
)
from .mentions import ArticleEntities, PersonSpan
from .names import looks_like_name, name_runs, split_title
from .text import Doc, SpeakerTag, Token, strip_possessive

_BOUNDARY_RE = re.compile(
    r";\s|,\s(?:and|but|while|although|though|whereas)\s|\s(?:and|but)\s(?=(?:he|she|they)\b)"
)
_INTRODUCTORY_RE = re.compile(
    r"\s*(?:In|On|At|After|Before|During|Speaking|Writing|Asked|Later|Earlier|Separately|"
    r"Meanwhile|Since|From|With|Through|Under|Following)\b"
)
_RELATIVE_RE = re.compile(r",? (?:who|whose|which|speaking|testifying|writing)\b|, ")
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
_PERSON_NOUNS = frozenset({"man", "woman", "person"})
_ROLE_NOUNS = TITLE_HEADS | {"official", "executive", "aide", "source", "spokesperson"}


@dataclass(eq=False)
class Ref:
    """A speaker as the article refers to it: a person, or an unnamed-source label."""

    person: int | None = None
    label: str = ""
    plural: bool = False
    pending_head: str = ""  # a description that a later paragraph may name
    phrase: str = ""  # the description as written, for a title once named
    pos: int = 0
    target: Ref | None = None
    organization: bool = False  # an organization speaking as one

    def final(self) -> Ref:
        ref = self
        while ref.target is not None:
            ref = ref.target
        return ref


@dataclass
class Resolver:
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
            created = self._new_speaker(start, end)
            if created is not None:
                spans = [created]
        first_person = spans[0] if spans else None
        desc = None
        if first_person is None:
            desc = self.description(start, end)
        elif _after_preposition(body, start, first_person.start):
            # "A spokesperson for Trade Minister X said": X is not the speaker.
            desc = self.description(start, end)
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

    def _new_speaker(self, start: int, end: int) -> PersonSpan | None:
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

    def tagged_speaker(self, tag: SpeakerTag) -> Ref | None:
        """The person a transcript label names: "KEVIN O'DWYER", "O'DWYER", "Mara Tull"."""
        body = self.doc.body
        label = body[tag.name_start : tag.name_end]
        words = label.split()
        while len(words) > 2 and words[0].lower().rstrip(".") in _HONORIFICS:
            words = words[1:]  # "DR HELENA TSAKALOS"
        label = " ".join(words)
        key = label.upper()
        if key in ("Q", "QUESTION"):
            return self._exchange(tag)[0]
        if key in ("A", "ANSWER"):
            return self._exchange(tag)[1] or self._last_answer(tag)
        for person in self.entities.people:
            name = person.name.upper()
            if name == key or name.endswith(" " + key):
                return self.person_ref(person.id)
        name = label.title() if label.isupper() else label
        if len(name.split()) < 2:
            return None
        person = self.entities.add_new_person(name, tag.name_start, tag.name_end, False)
        return self.person_ref(person.id)

    def _exchange(self, tag: SpeakerTag) -> tuple[Ref | None, Ref | None]:
        """Who asks and who answers in a run of Q and A paragraphs, from the narration
        before it ("Under questioning from Mr Farrant, Ms Dhillon described ...",
        "Cross-examined by X, Y accepted ...", "X put it to him ...") or from the person
        a question addresses ("..., don't you, Mr Keble?")."""
        doc, body = self.doc, self.doc.body
        first = tag.paragraph
        while first - 1 in doc.speaker_tags:
            first -= 1
        if first == 0:
            return None, None
        ps, pe = doc.paragraphs[first - 1]
        spans = [s for s in self._outside_spans(ps, pe) if not s.possessive]
        asker = None
        for s in spans:
            words = body[max(ps, s.start - 24) : s.start].lower().split()
            if words and words[-1].rstrip(".") in _HONORIFICS:
                words = words[:-1]
            if words and words[-1] in ("by", "from"):
                asker = s
                break
        if asker is None and spans and _PUT_TO_RE.search(body, ps, pe):
            asker = spans[0]
        if asker is None:
            return None, None  # an interviewer the article does not name
        answerer = next((s for s in spans if s.person != asker.person), None)
        if answerer is None:
            answerer = self._addressed(first, tag.paragraph)
        answer = self.person_ref(answerer.person) if answerer is not None else None
        return self.person_ref(asker.person), answer

    def _addressed(self, first: int, last: int) -> PersonSpan | None:
        """The person a question ends by addressing: "..., don't you, Mr Keble?"."""
        body = self.doc.body
        for p in range(first, last + 1):
            tag = self.doc.speaker_tags.get(p)
            if tag is None or not tag.question:
                continue
            ps, pe = self.doc.paragraphs[p]
            for s in self.entities.person_spans_between(ps, pe):
                before = body[max(ps, s.start - 8) : s.start].split()
                if before and before[-1].lower().rstrip(".") in _HONORIFICS:
                    before = before[:-1]
                if body[pe - 1] == "?" and before and before[-1].endswith(","):
                    return s
        return None

    def _last_answer(self, tag: SpeakerTag) -> Ref | None:
        for p in range(tag.paragraph - 1, -1, -1):
            earlier = self.doc.speaker_tags.get(p)
            if earlier is not None and earlier.answer:
                label = self.doc.body[earlier.name_start : earlier.name_end].upper()
                if label not in ("A", "ANSWER"):
                    return self.tagged_speaker(earlier)
        # An interview's answers: the person its introduction presents.
        first_tag = min(self.doc.speaker_tags)
        intro_end = self.doc.paragraphs[first_tag][0]
        for span in self.entities.person_spans:
            if span.start >= intro_end:
                break
            if not span.possessive and not self.doc.in_quote(span.start):
                return self.person_ref(span.person)
        created = self._new_speaker(self.doc.paragraphs[0][0], intro_end)
        return self.person_ref(created.person) if created is not None else None

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
                    return self._label(name, False, run[0].start, organization=True)
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

    # --- descriptions and unnamed sources -------------------------------------------------
    def description(self, start: int, end: int) -> Ref | None:
        """A speaker described without a name: "a senior government source"."""
        body = self.doc.body
        text = body[start:end]
        org = self._organization_at(start, end)
        if org is not None:
            return org
        m = _RELATIVE_RE.search(text)
        np_text = text[: m.start()] if m else text
        if re.match(r"\s*(?:[Oo]ne|[Ee]ach|[Ss]ome|[Tt]wo|[Bb]oth|[Mm]ost) of them\b", np_text):
            # "one of them said": a member of the group last described
            plural = [ref for ref in self.labels if ref.plural]
            return plural[-1] if plural else self._label("one of them", False, start)
        # "one of the officials" speaks for the group already described
        np_text = re.sub(
            r"^\s*(?:[Oo]ne|[Ee]ach|[Aa]nother) of (?:the|those|these) ", "the ", np_text
        )
        words = np_text.split()
        while words and words[-1].lower().strip(",") in AUXILIARIES_BEFORE_SPEECH:
            words.pop()
        if not words or len(words) > 12:
            return None
        lowered = [w.lower().strip(",.") for w in words]
        if any(w in DATA_NOUNS for w in lowered):
            return None
        head_i = next((i for i, w in enumerate(lowered) if w in HUMAN_NOUNS), None)
        if head_i is None:
            head_i = _group_head(words)
        if head_i is None:
            head_i = _organization_head(lowered)
        if head_i is None:
            return None
        while head_i + 1 < len(lowered) and lowered[head_i + 1] in HUMAN_NOUNS:
            head_i += 1
        head = lowered[head_i]
        pos = start + len(text) - len(text.lstrip())
        sentence = self.doc.sentences[self.doc.sentence_index(start)]
        context = body[start : sentence[1]].lower()
        anonymous = any(marker in context for marker in ANONYMITY_MARKERS)
        plural = head in PLURAL_GROUP_NOUNS or "and" in lowered[: head_i + 1]
        plural = plural or (head not in HUMAN_NOUNS and head.endswith(_AGENT_PLURALS))
        first = lowered[0]
        label_words = words[: head_i + 1]
        while label_words and label_words[0].lower() in LABEL_DROP:
            label_words = label_words[1:]
        if head in ("people", "person", "those") or "familiar" in lowered:
            label_words = words[_drop_count(words) :]
        elif plural and "and" in lowered:
            label_words = words[_drop_count(words) :]
            for k, w in enumerate(label_words):
                if k > 0 and w.lower() in ("familiar", "with", "from", "at", "in", "of"):
                    label_words = label_words[:k]
                    break
        label = " ".join(label_words).strip(",.")
        if not label:
            return None
        if head in ORGANIZATION_NOUNS and not plural:
            # "Kenya's largest association of tea farmers claimed": not a person
            return self._label(label, False, pos, organization=True)
        # "the man who runs the mill" introduces someone; "the official" refers back.
        restrictive = m is not None and m.group().startswith((" who", " whose"))
        if first == "the" and len(lowered) <= 3 and not restrictive:
            return self._definite(head, pos, label, plural)
        if plural or anonymous or first in ("a", "an") and head not in _ROLE_NOUNS | _PERSON_NOUNS:
            return self._label(label, plural, pos)
        phrase = " ".join(words[_drop_count(words) :]).strip(",.")
        ref = Ref(label=label, plural=False, pending_head=head, pos=pos, phrase=phrase)
        self.pending.append(ref)
        return ref

    def _organization_at(self, start: int, end: int) -> Ref | None:
        """ "The Lakes Growers Council, which ..., said": an organization speaking as one
        is an unnamed source labelled with its name."""
        body = self.doc.body
        lead = len(body[start:end]) - len(body[start:end].lstrip())
        bare = pos = start + lead
        if body[pos : pos + 4] in ("The ", "the "):
            pos += 4
        for s_start, s_end, name, kind in self.entities.topic_spans:
            if s_start > pos:
                break
            if s_start in (pos, bare) and kind in _SPEAKING_BODIES and s_end <= end:
                if body[s_end : s_end + 2] in ("’s", "'s"):
                    return None  # "the council's president"
                return self._label(name, False, pos, organization=True)
        return None

    def _definite(self, head: str, pos: int, label: str, plural: bool = False) -> Ref:
        """ "the official said": the source already described, or a titled person."""
        stem = head.rstrip("s")
        for ref in reversed(self.labels):
            if any(w.rstrip("s") == stem for w in ref.label.lower().split()):
                return ref
        if plural:
            return self._label(label, True, pos)
        for person in self.entities.people:
            if person.first_pos < pos and head in person.title.lower():
                return self.person_ref(person.id)
        for ref in reversed(self.labels):
            if not ref.plural and not ref.organization:
                return ref
        for ref in reversed(self.pending):
            if ref.pending_head == head:
                return ref
        if head in _ROLE_NOUNS:
            # "the spokesperson said" before "The spokesperson, X, ...": named later.
            ref = Ref(label=label, pending_head=head, pos=pos, phrase=label)
            self.pending.append(ref)
            return ref
        return self._label(label, False, pos)

    def _label(self, label: str, plural: bool, pos: int, organization: bool = False) -> Ref:
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
            spans = self._outside_spans(floor, pos)
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
            for span in reversed(self._outside_spans(ss, se)):
                ref = self.person_ref(span.person)
                if self._compatible(ref, gender):
                    return ref
        return None

    def _outside_spans(self, start: int, end: int) -> list[PersonSpan]:
        return [
            s
            for s in self.entities.person_spans_between(start, end)
            if not self.doc.in_quote(s.start)
        ]

    def _sentence_subject(self, si: int, start: int, end: int) -> Ref | None:
        spoken = self.sentence_speakers.get(si)
        if spoken is not None and spoken.final().pos < end:
            return spoken
        spans = self._outside_spans(start, end)
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
# Gazetteer entities that speak as one: "the Growers Council said", "China said".
_SPEAKING_BODIES = frozenset({"organization", "country"})
_PUT_TO_RE = re.compile(r"\bput it to (?:him|her|them)\b")
_HONORIFICS = frozenset({"dr", "mr", "mrs", "ms", "prof", "sir", "dame", "judge", "justice"})


def _after_preposition(body: str, start: int, person_start: int) -> bool:
    words = body[start:person_start].lower().split()
    if not words or words[0] not in _DETERMINERS:
        return False
    while words and words[-1].rstrip(".") in TITLE_WORDS and words[-1] not in _PREPOSITIONS:
        words.pop()
    return bool(words) and words[-1] in _PREPOSITIONS


def description_title(label: str) -> str:
    """ "chief executive of Harbourline Glass" -> "Chief executive, Harbourline Glass"."""
    m = re.match(r"(.+?) (?:of|at) (?:the )?([A-Z].*)$", label)
    text = f"{m.group(1)}, {m.group(2)}" if m else label
    return text[:1].upper() + text[1:]


_AGENT_PLURALS = ("ers", "ors", "ists", "ians", "ants", "ents")


def _group_head(words: list[str]) -> int | None:
    """ "Bakers", "local florists": a short plural noun phrase naming people by what they
    do, when the word is not in the lexicon."""
    if len(words) > 4:
        return None
    last = words[-1].strip(",.")
    if last.islower() and last.endswith(_AGENT_PLURALS) and len(last) > 5:
        return len(words) - 1
    if len(words) == 1 and words[0][:1].isupper() and words[0].endswith(_AGENT_PLURALS):
        return 0
    return None


def _organization_head(lowered: list[str]) -> int | None:
    """ "the council", "the Health Ministry": an organization speaking as one."""
    if len(lowered) <= 6 and lowered[-1] in ORGANIZATION_NOUNS:
        return len(lowered) - 1
    return None


def _drop_count(words: list[str]) -> int:
    n = 0
    while n < len(words) and words[n].lower() in LABEL_DROP:
        n += 1
    return n
