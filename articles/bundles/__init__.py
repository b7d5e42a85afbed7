"""Bundles: articles with their quotes and mentions as JSON lines, in and out."""

from articles.bundles.importing import (
    ARTICLE_KEYS,
    MAX_BODY_CHARS,
    MAX_LINE_BYTES,
    MAX_QUOTES,
    BundleError,
    export_lines,
    import_article,
    import_lines,
)

__all__ = [
    "ARTICLE_KEYS",
    "MAX_BODY_CHARS",
    "MAX_LINE_BYTES",
    "MAX_QUOTES",
    "BundleError",
    "export_lines",
    "import_article",
    "import_lines",
]
