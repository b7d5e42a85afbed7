"""Quote cards kept in the cache.

`{% quote_cards quotes show_speaker=True show_topics=True as cards %}` gives the pairs
(quote, card) of `quotes`, each card `includes/quote.html` rendered with those options.
A card is rendered once and then kept while what it shows holds: the quote and its
article, its speaker, sectors and events (`articles.public.fragments`), so a page made
stale by a write renders again only the cards showing what the write changed.
"""

from django import template

from articles.public import fragments

register = template.Library()

CARD = "includes/quote.html"


@register.simple_tag(takes_context=True)
def quote_cards(context, quotes, show_speaker=False, show_topics=False):
    quotes = list(quotes)
    card = context.template.engine.get_template(CARD)
    options = {"show_speaker": show_speaker, "show_topics": show_topics, "excerpt": ""}

    def build(missing):
        wanted, built = set(missing), {}
        for quote in quotes:
            if f"quote:{quote.pk}" in wanted:
                with context.push(quote=quote, **options):
                    built[f"quote:{quote.pk}"] = (card.render(context), [quote])
        return built

    # The links in a card use the address the site was reached at.
    space = f"quote-card:{context.get('SITE_URL', '')}:{int(show_speaker)}{int(show_topics)}"
    cards = fragments.kept([f"quote:{quote.pk}" for quote in quotes], build, space=space)
    return [(quote, cards[f"quote:{quote.pk}"]) for quote in quotes]
