"""The demo's articles.

The first one retells the reference story (CTV News, October 21, 2025) in our own
words, keeping its real quotations exactly as they were given. The others are
sample articles from invented outlets with invented people, set around the real
dates of the 2025 dispute; no real person is given words in quotation marks.

Quoted passages are marked in the paragraphs with ⟦ and ⟧; the story's `quotes`
list describes them in the same order (speaker, kind, sectors, events).
"""

from articles.demo.stories.autumn import AUTUMN
from articles.demo.stories.notation import (
    APEC,
    ASEAN,
    AUTOS_232,
    COPPER_232,
    COUNTER,
    EXEMPTION,
    IEEPA,
    LUMBER_232,
    METALS_50,
    METALS_232,
    METALS_COUNTER,
    REVIEW,
    SAMPLE_TAG,
    TALKS,
    USMCA,
    WHITE_HOUSE_OCT,
    q,
)
from articles.demo.stories.reference import REFERENCE
from articles.demo.stories.spring import SPRING
from articles.demo.stories.upcoming import UPCOMING

__all__ = [
    "APEC",
    "ASEAN",
    "AUTOS_232",
    "COPPER_232",
    "COUNTER",
    "EXEMPTION",
    "IEEPA",
    "LUMBER_232",
    "METALS_232",
    "METALS_50",
    "METALS_COUNTER",
    "REVIEW",
    "SAMPLE_TAG",
    "STORIES",
    "TALKS",
    "USMCA",
    "WHITE_HOUSE_OCT",
    "q",
]

STORIES = [*REFERENCE, *SPRING, *AUTUMN, *UPCOMING]
