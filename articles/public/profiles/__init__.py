"""Public profiles of people, organizations, sectors, events and countries (and, in
`profiles.tracker`, the tracker)."""

from articles.public.profiles.details import (
    country_detail,
    event_detail,
    organization_detail,
    person_detail,
    sector_detail,
)
from articles.public.profiles.lists import (
    country_list,
    event_list,
    organization_list,
    person_list,
    sector_list,
)

__all__ = [
    "country_detail",
    "country_list",
    "event_detail",
    "event_list",
    "organization_detail",
    "organization_list",
    "person_detail",
    "person_list",
    "sector_detail",
    "sector_list",
]
