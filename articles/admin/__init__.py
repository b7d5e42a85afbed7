"""The editors' admin for articles, quotes, corrections and preview links; importing the
package registers them."""

from articles.admin.articles import ArticleAdmin
from articles.admin.corrections import CorrectionAdmin
from articles.admin.filters import StateFilter
from articles.admin.forms import (
    ArticleAdminForm,
    PreviewLinkForm,
    QuoteInlineForm,
    QuoteInlineFormSet,
    RevertQuoteForm,
    SuggestionForm,
)
from articles.admin.inlines import CorrectionInline, MentionInline, QuoteInline
from articles.admin.previews import (
    PREVIEW_LINK_PERMISSION,
    PREVIEW_LINKS_SHOWN,
    REVOKE_PREVIEW_PERMISSION,
    PreviewLinkAdmin,
    preview_address,
)
from articles.admin.quotes import QuoteAdmin
from articles.admin.suggestions import ACCEPT_ALL_DEFAULT

__all__ = [
    "ACCEPT_ALL_DEFAULT",
    "PREVIEW_LINKS_SHOWN",
    "PREVIEW_LINK_PERMISSION",
    "REVOKE_PREVIEW_PERMISSION",
    "ArticleAdmin",
    "ArticleAdminForm",
    "CorrectionAdmin",
    "CorrectionInline",
    "MentionInline",
    "PreviewLinkAdmin",
    "PreviewLinkForm",
    "QuoteAdmin",
    "QuoteInline",
    "QuoteInlineForm",
    "QuoteInlineFormSet",
    "RevertQuoteForm",
    "StateFilter",
    "SuggestionForm",
    "preview_address",
]
