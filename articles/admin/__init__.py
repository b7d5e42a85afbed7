"""The editors' admin for articles, quotes, corrections and preview links; importing the
package registers them."""

from articles.admin import articles, corrections, previews, quotes  # noqa: F401
