"""Bundles: articles with their quotes and mentions as JSON lines, in and out.

One JSON object per line, one article each (the format is in DESIGN.md, "The
bundle format"). `validation` checks a line, `importing` writes it, `exporting`
writes the articles back out in the same format.
"""

from articles.bundles.exporting import (
    articles_for_export,
    export_article,
    export_lines,
    export_quote,
)
from articles.bundles.importing import (
    ImportReport,
    OversizedLine,
    import_article,
    import_lines,
    parse_line,
    read_lines,
)
from articles.bundles.validation import (
    ARTICLE_KEYS,
    ENTITY_MODELS,
    MAX_BODY_CHARS,
    MAX_LINE_BYTES,
    MAX_MENTIONS,
    MAX_QUOTES,
    MENTION_KEYS,
    QUOTE_KEYS,
    BundleError,
    clean_article,
)

__all__ = [
    "ARTICLE_KEYS",
    "ENTITY_MODELS",
    "MAX_BODY_CHARS",
    "MAX_LINE_BYTES",
    "MAX_MENTIONS",
    "MAX_QUOTES",
    "MENTION_KEYS",
    "QUOTE_KEYS",
    "BundleError",
    "ImportReport",
    "OversizedLine",
    "articles_for_export",
    "clean_article",
    "export_article",
    "export_lines",
    "export_quote",
    "import_article",
    "import_lines",
    "parse_line",
    "read_lines",
]
