"""The editors' admin for articles, quotes, corrections and preview links; importing the
package registers them."""

from articles.admin.articles import ArticleAdmin, CorrectionAdmin, PreviewLinkAdmin, QuoteAdmin

__all__ = ["ArticleAdmin", "CorrectionAdmin", "PreviewLinkAdmin", "QuoteAdmin"]
