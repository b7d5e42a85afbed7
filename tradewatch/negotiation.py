"""Content negotiation for the JSON API: one representation per address.

The page cache keys a page by its address alone and refuses responses that vary on
Accept, so every API endpoint answers in its one format (JSON; the schema in OpenAPI
JSON) whatever the client's Accept header says: no 406, no `Vary: Accept`.
"""

from rest_framework.negotiation import BaseContentNegotiation


class FirstRenderer(BaseContentNegotiation):
    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type
