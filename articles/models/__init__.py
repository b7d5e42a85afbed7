"""The newsroom's records: articles, their quotes, mentions and corrections, preview
links, rejected suggestions and readers' email alerts."""

from articles.models.articles import Article, ArticleQuerySet
from articles.models.corrections import Correction, CorrectionQuerySet
from articles.models.mentions import (
    MENTION_ENTITY_FIELDS,
    Mention,
    exactly_one_of,
    people_in_public_coverage,
)
from articles.models.previews import PreviewLink, PreviewLinkQuerySet, new_preview_token
from articles.models.publishing import can_publish, can_trash, publish_day
from articles.models.quotes import TOPICS, Quote, QuoteQuerySet, link_topics
from articles.models.subscriptions import ALERT_ENTITY_FIELDS, Subscription, SubscriptionQuerySet
from articles.models.suggestions import RejectedSuggestion

__all__ = [
    "ALERT_ENTITY_FIELDS",
    "MENTION_ENTITY_FIELDS",
    "TOPICS",
    "Article",
    "ArticleQuerySet",
    "Correction",
    "CorrectionQuerySet",
    "Mention",
    "PreviewLink",
    "PreviewLinkQuerySet",
    "Quote",
    "QuoteQuerySet",
    "RejectedSuggestion",
    "Subscription",
    "SubscriptionQuerySet",
    "can_publish",
    "can_trash",
    "exactly_one_of",
    "link_topics",
    "new_preview_token",
    "people_in_public_coverage",
    "publish_day",
]
