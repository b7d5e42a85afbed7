"""The reference story: CTV News, October 21, 2025, retold in our own words with its real
quotations exactly as they were given."""

from articles.demo.stories.notation import (
    APEC,
    COUNTER,
    TALKS,
    USMCA,
    WHITE_HOUSE_OCT,
    q,
)

REFERENCE = [
    {
        "id": "demo-2025-10-21-carney-talks-apec",
        "headline": "Carney plays down expectations as Canada–US sector talks advance before APEC",
        "dek": (
            "LeBlanc says negotiators have reached a new level of detail, with copper and "
            "lumber now part of the discussions"
        ),
        "byline": "TradeWatch desk",
        "outlet": "CTV News",
        "dateline": "OTTAWA",
        "published": "2025-10-21T12:00:00-04:00",
        "tags": ["tariffs", "negotiations", "APEC", "USMCA"],
        "about": [TALKS, "Mark Carney", "Dominic LeBlanc"],
        "paragraphs": [
            "⟦Canada and the United States are moving ahead with trade talks organized sector "
            "by sector, with steel, aluminum and autos at the front of the line⟧, Prime "
            "Minister Mark Carney said Tuesday as his government got ready for the "
            "Asia-Pacific Economic Cooperation summit in South Korea at the end of the month.",
            "Speaking to reporters in Ottawa, Carney framed the negotiations as one part of a "
            "wider effort to settle trade irritants that have built up between the two "
            "countries under the United States-Mexico-Canada Agreement. “⟦We’re in ongoing "
            "discussions with the Americans, and I wouldn’t overplay it,⟧” he said. He added "
            "that ⟦he expects to sit down with US President Donald Trump at the summit to take "
            "the issue further⟧.",
            "Dominic LeBlanc, the minister responsible for Canada–US trade, said ⟦the "
            "negotiators are now working through the particulars and that the talks have "
            "widened to other sectors, copper and lumber among them⟧. “⟦We’re making "
            "progress,⟧” he said. “⟦We’re into a level of detail that we hadn’t seen "
            "previously, but we still have work to do.⟧”",
            "LeBlanc added that ⟦the government would not hold the talks to artificial "
            "deadlines and that what it wants is an arrangement that protects Canadian "
            "industries and the people who work in them⟧.",
            "Officials told CTV News that ⟦the two sides have made headway on metals and that "
            "Canada is looking for more movement before the leaders meet at APEC⟧. The talks "
            "follow months of tariff exchanges earlier in the year: Washington imposed duties "
            "on Canadian metals and vehicles, and Canada answered with measures of its own "
            "while it looked for a negotiated way out.",
            "Carney’s recent White House meeting with Trump was part of a fresh push to steady "
            "the trading relationship. In Toronto, Commerce Secretary Howard Lutnick told a "
            "business audience that ⟦progress could hinge on concessions in autos⟧. During "
            "the Washington visit, Carney also had dinner with Vice-President JD Vance and "
            "Usha Vance, an evening that covered economic and security ties.",
            "In August, Canada matched the American approach to USMCA exemptions, lifting some "
            "retaliatory duties but keeping its measures on some steel, aluminum and auto goods "
            "while the negotiations go on.",
            "The USMCA remains the footing for trade between the two countries, and under it "
            "more than 85% of goods cross the border free of tariffs. With over 75% of "
            "Canadian exports going to the US market, Carney said ⟦keeping trade arrangements "
            "stable and fair remains essential⟧.",
            "LeBlanc said ⟦both governments mean to keep talking on a regular basis until what "
            "is still in dispute is resolved⟧. At APEC, Carney is also set to meet other "
            "leaders from the region in search of further openings for trade cooperation.",
        ],
        "quotes": [
            q(
                "Mark Carney",
                "indirect",
                sectors=["steel", "aluminum", "automotive"],
                events=[TALKS, APEC],
                key=True,
            ),
            q("Mark Carney", events=[TALKS], key=True),
            q("Mark Carney", "indirect", events=[APEC]),
            q(
                "Dominic LeBlanc",
                "indirect",
                sectors=["copper", "lumber"],
                events=[TALKS],
            ),
            q("Dominic LeBlanc", events=[TALKS], key=True),
            q("Dominic LeBlanc", events=[TALKS]),
            q("Dominic LeBlanc", "indirect", events=[TALKS]),
            q(
                "Officials",
                "indirect",
                sectors=["steel", "aluminum"],
                events=[TALKS, APEC],
                unnamed=True,
            ),
            q("Howard Lutnick", "indirect", sectors=["automotive"], events=[TALKS]),
            q("Mark Carney", "indirect", events=[USMCA]),
            q("Dominic LeBlanc", "indirect", events=[TALKS]),
        ],
        "extra_mentions": [
            ("event", COUNTER, ["retaliatory duties"]),
            ("event", WHITE_HOUSE_OCT, ["White House meeting"]),
        ],
    },
]
