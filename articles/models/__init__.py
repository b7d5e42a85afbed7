"""The newsroom's records: articles, quotes, mentions, corrections and the rest."""

from articles.models.articles import *  # noqa: F403
from articles.models.articles import new_preview_token  # noqa: F401
