"""What a generated archive is made of: its proportions, and the words of its stories."""

from entities.models import EventStatusChange

OUTLET = "Fake Wire"
GENERATED_TAG = "generated"
YEARS = 10
BATCH = 2_000

# Shares of the entities, in this order; people take what is left.
COUNTRY_SHARE, SECTOR_SHARE, ORGANIZATION_SHARE, EVENT_SHARE = 0.01, 0.03, 0.16, 0.20
SECTOR_PARENTS = 12
MIN_ENTITIES = 100

# One article in DRAFT_EVERY is a draft, and so on.
DRAFT_EVERY, REVIEW_EVERY, SCHEDULED_EVERY = 100, 200, 200
CORRECTION_EVERY = 20  # one article in 20 carries a correction
KEY_QUOTE_EVERY = 3  # the first quote of one article in 3 is a key quote
UNNAMED_SHARE = 0.05

TOPICS = [
    "tariffs", "steel", "aluminum", "autos", "lumber", "copper", "dairy", "energy",
    "retaliation", "negotiations", "supply chains", "border", "exports", "imports",
    "quotas", "subsidies", "investment", "jobs", "manufacturing", "agriculture",
]  # fmt: skip
TITLES = [
    "Trade Minister", "Finance Minister", "Prime Minister", "Ambassador", "Senator",
    "Chief Executive", "Union President", "Spokesperson", "Economist", "Analyst",
    "Commerce Secretary", "Trade Representative", "Mayor", "Premier", "Chief Negotiator",
]  # fmt: skip
OPENERS = [
    "We will not accept", "Nobody wants", "We are ready to discuss", "This is about",
    "Our members are worried about", "The market has already priced in",
    "We have made clear our position on", "There is room for a deal on",
    "It would be a mistake to escalate", "Families will pay for",
]  # fmt: skip
OBJECTS = [
    "tariffs on {topic}", "the new duties on {topic}", "a fair outcome for {topic}",
    "the rules of origin for {topic}", "retaliation over {topic}",
    "the review of the agreement on {topic}", "quotas for {topic}",
]  # fmt: skip
CLOSERS = [
    "and we will say so at the table", "before the deadline", "in the coming weeks",
    "whatever the other side decides", "for workers on both sides of the border",
    "and that has not changed", "",
]  # fmt: skip
FILLER = [
    "Officials met again on {day} as talks over {topic} continued.",
    "Trade in {topic} between the two countries has grown for a decade.",
    "The measure covers {topic} worth billions of dollars a year.",
    "Analysts expect the dispute over {topic} to last into next year.",
    "Neither side gave a date for the next round of talks.",
    "Exporters of {topic} have warned of job losses.",
]  # fmt: skip
MEASURE_STEPS = [
    EventStatusChange.Status.THREATENED,
    EventStatusChange.Status.ANNOUNCED,
    EventStatusChange.Status.IN_FORCE,
    EventStatusChange.Status.SUSPENDED,
    EventStatusChange.Status.ENDED,
]
