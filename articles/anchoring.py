"""Quote anchors in an article body: find them, and find them again after an edit.

An anchor follows the W3C Web Annotation TextQuoteSelector: the exact text plus a
short prefix and suffix, together with start/end offsets counted in code points of
the normalised body. Plain functions, no database.
"""

import difflib
import unicodedata
from dataclasses import dataclass

CONTEXT = 32  # characters of prefix and suffix kept with each anchor
FUZZY_THRESHOLD = 0.85  # below this similarity a quote is not found at all


def normalize_body(text):
    """Line endings to \\n, Unicode NFC, no trailing spaces, no blank-line runs."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [line.rstrip() for line in text.split("\n")]
    out, blank = [], False
    for line in lines:
        if line:
            out.append(line)
            blank = False
        elif not blank and out:
            out.append("")
            blank = True
    return "\n".join(out).strip()


def normalize_quote(text):
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n")).strip()


@dataclass(frozen=True)
class Anchor:
    start: int
    end: int
    prefix: str
    suffix: str
    exact: bool = True  # False when found only by a fuzzy match (needs an editor's look)

    @classmethod
    def at(cls, body, start, end, *, exact=True):
        return cls(
            start=start,
            end=end,
            prefix=body[max(0, start - CONTEXT) : start],
            suffix=body[end : end + CONTEXT],
            exact=exact,
        )


def _occurrences(body, text):
    found, pos = [], body.find(text)
    while pos != -1:
        found.append(pos)
        pos = body.find(text, pos + 1)
    return found


def _context_score(body, pos, length, prefix, suffix):
    before = body[max(0, pos - len(prefix)) : pos]
    after = body[pos + length : pos + length + len(suffix)]
    score = 0
    for a, b in zip(reversed(before), reversed(prefix), strict=False):
        if a != b:
            break
        score += 1
    for a, b in zip(after, suffix, strict=False):
        if a != b:
            break
        score += 1
    return score


def find_anchor(body, text, *, near=None, prefix="", suffix=""):
    """The anchor of `text` in `body`, or None when the words are not there.

    Among several exact occurrences the one whose surrounding text matches the old
    prefix/suffix best wins, then the one nearest to `near` (the old start offset).
    """
    if not text:
        return None
    hits = _occurrences(body, text)
    if not hits:
        return None
    if len(hits) > 1:
        hits.sort(
            key=lambda pos: (
                -_context_score(body, pos, len(text), prefix, suffix),
                abs(pos - near) if near is not None else pos,
            )
        )
    start = hits[0]
    return Anchor.at(body, start, start + len(text))


def fuzzy_anchor(body, text, *, near=None):
    """The closest passage to `text` (for example after a typo fix), flagged inexact."""
    if not text or not body:
        return None
    matcher = difflib.SequenceMatcher(None, body, text, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if not blocks:
        return None
    # Window the body around the longest common block, the length of the quote.
    best = max(blocks, key=lambda b: b.size)
    start = max(0, best.a - best.b)
    candidates = []
    for shift in range(-8, 9):
        s = max(0, start + shift)
        for delta in range(-8, 9):
            e = min(len(body), s + len(text) + delta)
            if e <= s:
                continue
            ratio = difflib.SequenceMatcher(None, body[s:e], text, autojunk=False).ratio()
            candidates.append((ratio, -abs(s - (near if near is not None else s)), s, e))
    ratio, _, s, e = max(candidates)
    if ratio < FUZZY_THRESHOLD:
        return None
    return Anchor.at(body, s, e, exact=False)


@dataclass(frozen=True)
class Reanchored:
    anchor: Anchor | None  # None: the quote's words are gone from the body
    text: str  # the quote text at the new anchor (unchanged unless fuzzy)

    @property
    def needs_review(self):
        return self.anchor is None or not self.anchor.exact


def reanchor(body, *, text, start=None, prefix="", suffix=""):
    """Where a quote sits in an edited body: exact text first, then a fuzzy match."""
    anchor = find_anchor(body, text, near=start, prefix=prefix, suffix=suffix)
    if anchor is None:
        anchor = fuzzy_anchor(body, text, near=start)
    if anchor is None:
        return Reanchored(anchor=None, text=text)
    return Reanchored(anchor=anchor, text=body[anchor.start : anchor.end])
