"""Sample articles not yet public when the demo is loaded: a draft and a scheduled one."""

from articles.demo.stories.notation import (
    AUTOS_232,
    COPPER_232,
    COUNTER,
    IEEPA,
    LUMBER_232,
    METALS_232,
    REVIEW,
    SAMPLE_TAG,
    q,
)

UPCOMING = [
    {
        "id": "demo-draft-usmca-review-explainer",
        "headline": "What the USMCA joint review could put on the table",
        "dek": "Draft explainer, not yet published",
        "byline": "Peter Oyelaran",
        "outlet": "Lantern Trade Bulletin",
        "dateline": "WASHINGTON",
        "published": None,
        "status": "draft",
        "tags": ["USMCA", SAMPLE_TAG],
        "about": [REVIEW],
        "paragraphs": [
            "The USMCA joint review, due in July 2026, gives Canada, the United States and "
            "Mexico a formal occasion to take stock of the agreement.",
            "Hal Whitford of Calloway Pike LLP said ⟦the review would draw every open dispute "
            "into a single negotiation⟧. “⟦Everything that has been fought over separately "
            "lands on one table,⟧” he said.",
            "Lorraine Abernathy of Abernathy Quill LLP said ⟦Canadian companies should prepare "
            "for the review to run long⟧. “⟦Plan for a process, not an event,⟧” she said.",
        ],
        "quotes": [
            q("Hal Whitford", "indirect", events=[REVIEW]),
            q("Hal Whitford", events=[REVIEW]),
            q("Lorraine Abernathy", "indirect", events=[REVIEW]),
            q("Lorraine Abernathy", events=[REVIEW], key=True),
        ],
        "extra_mentions": [],
    },
    {
        "id": "demo-scheduled-tariff-timeline",
        "headline": "A year of tariffs, sector by sector: the dates that mattered",
        "dek": "From the March emergency tariffs to the lumber duties of October",
        "byline": "Nadia Varga",
        "outlet": "Tollgate Dispatch",
        "dateline": "OTTAWA",
        "published": None,
        "schedule_in_days": 3,  # published, with a publish time this many days after loading
        "status": "published",
        "tags": ["explainer", "tariffs", SAMPLE_TAG],
        "about": [IEEPA, METALS_232],
        "paragraphs": [
            "On March 4, 2025, the US emergency tariffs on Canadian goods took effect at 25%, "
            "with 10% on energy, and Canada replied the same day with counter-tariffs. Three "
            "days later, goods that comply with the USMCA were exempted.",
            "Steel and aluminum came next: the US Section 232 tariffs on steel and aluminum "
            "took effect on March 12 at 25% and rose to 50% on June 4. Autos followed on "
            "April 3, copper on August 1 and softwood lumber on October 14.",
            "Canada removed most of its counter-tariffs on September 1 but kept those on "
            "steel, aluminum and autos. “⟦The measures that stayed tell you where the fight "
            "really is,⟧” said Ewan Sutherland of Northgate Commodities Research.",
            "Daria Holmgren of the Shieldline Metalworkers Union said ⟦the year had taught her "
            "members to read trade law⟧. “⟦My members can quote Section 232 from memory now. "
            "That is not a skill anyone wanted,⟧” she said.",
        ],
        "quotes": [
            q("Ewan Sutherland", sectors=["steel", "aluminum", "automotive"], events=[COUNTER]),
            q("Daria Holmgren", "indirect", sectors=["steel"]),
            q("Daria Holmgren", sectors=["steel"], events=[METALS_232]),
        ],
        "extra_mentions": [
            ("event", COUNTER, ["counter-tariffs"]),
            ("event", AUTOS_232, []),
            ("event", COPPER_232, []),
            ("event", LUMBER_232, []),
        ],
    },
]
