"""TradeWatch annotation engine: proposes quotes, speakers and entity mentions.

Plain Python (no Django): give it an article body and a :class:`Gazetteer` of known
entities, get an :class:`Annotation` back::

    gaz = Gazetteer([GazetteerEntry(name="Mark Carney", type="person", aliases=("Carney",))])
    result = annotate(body, gaz)
"""

from .engine import annotate
from .gazetteer import Gazetteer, GazetteerEntry
from .proposals import Annotation, MentionProposal, QuoteProposal

__all__ = [
    "Annotation",
    "Gazetteer",
    "GazetteerEntry",
    "MentionProposal",
    "QuoteProposal",
    "annotate",
]
