"""The demo's people, organizations, sectors, events and countries.

Real-world entities carry only publicly reported facts (dates from the 2025
Canada–US dispute); every company, union, law firm, research house and news
outlet here that is marked as sample data is invented, and so are its people.
"""

from articles.demo.entities.events import ALL_SECTORS, EVENTS, IEEPA, S232, SECTORS, D
from articles.demo.entities.organizations import COUNTRIES, ORGANIZATIONS, SAMPLE
from articles.demo.entities.people import PEOPLE

__all__ = [
    "ALL_SECTORS",
    "COUNTRIES",
    "D",
    "EVENTS",
    "IEEPA",
    "ORGANIZATIONS",
    "PEOPLE",
    "S232",
    "SAMPLE",
    "SECTORS",
]
