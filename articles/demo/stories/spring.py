"""Sample articles from March to June 2025: the US emergency, metals and auto tariffs take
effect, and the steel and aluminum rate doubles."""

from articles.demo.stories.notation import (
    AUTOS_232,
    COUNTER,
    IEEPA,
    METALS_50,
    METALS_232,
    METALS_COUNTER,
    SAMPLE_TAG,
    USMCA,
    q,
)

SPRING = [
    {
        "id": "demo-2025-03-hamilton-mills-brace",
        "headline": "Hamilton mill workers brace as US emergency tariffs take hold",
        "dek": "Union and management at Harrow Point Steel weigh a 25% duty and Ottawa’s reply",
        "byline": "Nadia Varga",
        "outlet": "Tollgate Dispatch",
        "dateline": "HAMILTON, Ont.",
        "published": "2025-03-05T07:30:00-05:00",
        "tags": ["tariffs", "steel", SAMPLE_TAG],
        "about": [IEEPA, "Harrow Point Steel"],
        "paragraphs": [
            "Workers at Harrow Point Steel came off the night shift on Wednesday to a new "
            "reality. The US emergency tariffs on Canadian goods, 25% on most products, took "
            "effect a day earlier, and Ottawa answered within hours with counter-tariffs on US "
            "goods worth about C$30 billion.",
            "Daria Holmgren, president of the Shieldline Metalworkers Union, said ⟦her members "
            "had spent weeks hoping the duties would be called off⟧. “⟦Nobody in this hall "
            "thought it would actually happen. Now it has, and the first thing people ask me "
            "is whether their overtime is gone,⟧” she said.",
            "Holmgren put it plainly: “⟦Every order we lose to this tariff is a shift somebody "
            "here doesn’t work.⟧”",
            "Victor Szabo, chief executive of Harrow Point, said ⟦the mill would keep its "
            "furnaces running for now but had asked American customers to share the cost⟧. "
            "“⟦We can absorb a bad month. We cannot absorb a bad year,⟧” Szabo said.",
            "A shift supervisor, who asked not to be named because he is not authorized to "
            "speak for the company, was blunter. “⟦The guys are already doing the math on "
            "their mortgages,⟧” he said.",
            "Ewan Sutherland, chief economist at Northgate Commodities Research, said ⟦the "
            "mills most exposed are those that sell finished steel straight across the border "
            "rather than through Canadian distributors⟧.",
        ],
        "quotes": [
            q("Daria Holmgren", "indirect", events=[IEEPA]),
            q("Daria Holmgren", sectors=["steel"], events=[IEEPA]),
            q("Daria Holmgren", sectors=["steel"], events=[IEEPA], key=True),
            q("Victor Szabo", "indirect", sectors=["steel"], events=[IEEPA]),
            q("Victor Szabo", sectors=["steel"]),
            q(
                "shift supervisor at Harrow Point Steel",
                sectors=["steel"],
                unnamed=True,
            ),
            q("Ewan Sutherland", "indirect", sectors=["steel"], events=[IEEPA]),
        ],
        "extra_mentions": [("event", COUNTER, [])],
    },
    {
        "id": "demo-2025-03-smelter-town",
        "headline": "Smelter town counts the cost of a 25% US duty on aluminum",
        "dek": "Washington’s Section 232 tariffs took effect Wednesday; Canada replied Thursday",
        "byline": "Étienne Lavoie-Marsh",
        "outlet": "Slate River Review",
        "dateline": "SAGUENAY, Que.",
        "published": "2025-03-13T17:00:00-04:00",
        "tags": ["aluminum", "tariffs", "Section 232", SAMPLE_TAG],
        "about": [METALS_232, "aluminum"],
        "paragraphs": [
            "The US Section 232 tariffs on steel and aluminum, set at 25%, took effect on "
            "Wednesday, and Canadian metal was not spared. On Thursday, the federal government "
            "replied with 25% counter-tariffs on about C$29.8 billion of American steel, "
            "aluminum and other goods.",
            "At Saguenay Light Metals, plant manager Sophie Tremblay-Roux said ⟦the smelter’s "
            "order book for April was full but that buyers in Ohio and Michigan were already "
            "asking who would pay the duty⟧. “⟦Our customers have been buying from us for "
            "thirty years. They don’t want to leave, and we don’t want them to,⟧” she said.",
            "“⟦Aluminum does not change passports at the border. The same ingot goes into a "
            "car in Ontario and a car in Kentucky,⟧” Tremblay-Roux said. She called the "
            "tariff “⟦a tax on a supply chain that works.⟧”",
            "Ewan Sutherland of Northgate Commodities Research said ⟦US smelters cannot "
            "quickly replace Canadian supply⟧. “⟦There isn’t spare capacity sitting idle south "
            "of the border. American buyers will pay more before they buy less,⟧” he said.",
            "Two workers leaving the plant at the end of their shift said ⟦the mood on the "
            "floor was calm but watchful⟧.",
        ],
        "quotes": [
            q("Sophie Tremblay-Roux", "indirect", sectors=["aluminum"], events=[METALS_232]),
            q("Sophie Tremblay-Roux", sectors=["aluminum"]),
            q("Sophie Tremblay-Roux", sectors=["aluminum"], events=[METALS_232], key=True),
            q("Sophie Tremblay-Roux", "partial", sectors=["aluminum"], events=[METALS_232]),
            q("Ewan Sutherland", "indirect", sectors=["aluminum"], events=[METALS_232]),
            q("Ewan Sutherland", sectors=["aluminum"], events=[METALS_232]),
            q("workers at Saguenay Light Metals", "indirect", sectors=["aluminum"], unnamed=True),
        ],
        "extra_mentions": [("event", METALS_COUNTER, ["counter-tariffs"])],
    },
    {
        "id": "demo-2025-04-parts-makers-fine-print",
        "headline": "Parts makers parse the fine print of the US auto tariff",
        "dek": "The 25% duty took effect Thursday; for USMCA vehicles it falls on non-US content",
        "byline": "Peter Oyelaran",
        "outlet": "Lantern Trade Bulletin",
        "dateline": "WINDSOR, Ont.",
        "published": "2025-04-04T09:00:00-04:00",
        "tags": ["automotive", "tariffs", "USMCA", SAMPLE_TAG],
        "about": [AUTOS_232, "automotive"],
        "paragraphs": [
            "The US Section 232 tariffs on autos, a 25% duty on imported vehicles, took effect "
            "on Thursday. For vehicles that qualify under the USMCA, the duty applies only to "
            "the value of their non-US content, which sent suppliers on both sides of the "
            "border back to their spreadsheets.",
            "Priya Castellanos, chief executive of Ridgeway Precision Parts, said ⟦her company "
            "had spent the week tracing where every casting and wiring harness comes from⟧. "
            "“⟦A single door module can cross the border four times before it is finished. "
            "Now each crossing has a price tag,⟧” she said.",
            "“⟦We will not know our real exposure until the first invoices come back,⟧” "
            "Castellanos said.",
            "Hal Whitford, a trade lawyer with Calloway Pike LLP in Washington, said "
            "⟦importers would have to document US content line by line to claim the lower "
            "charge⟧. “⟦The rule rewards paperwork. Companies that can prove where their parts "
            "come from will pay less,⟧” Whitford said.",
            "In Ottawa, Lorraine Abernathy of Abernathy Quill LLP described the content rule "
            "as “⟦a partial reprieve, not a pardon.⟧”",
        ],
        "quotes": [
            q("Priya Castellanos", "indirect", sectors=["automotive"], events=[AUTOS_232]),
            q("Priya Castellanos", sectors=["automotive"], events=[AUTOS_232], key=True),
            q("Priya Castellanos", sectors=["automotive"], events=[AUTOS_232]),
            q("Hal Whitford", "indirect", sectors=["automotive"], events=[AUTOS_232, USMCA]),
            q("Hal Whitford", sectors=["automotive"], events=[AUTOS_232]),
            q("Lorraine Abernathy", "partial", sectors=["automotive"], events=[AUTOS_232]),
        ],
        "extra_mentions": [],
    },
    {
        "id": "demo-2025-06-doubled-steel-tariff",
        "headline": "Doubled US steel tariff ‘changes the math’ in Hamilton, union says",
        "dek": "Washington raised its Section 232 duty on steel and aluminum to 50% on Wednesday",
        "byline": "Nadia Varga",
        "outlet": "Tollgate Dispatch",
        "dateline": "HAMILTON, Ont.",
        "published": "2025-06-05T06:45:00-04:00",
        "tags": ["steel", "tariffs", SAMPLE_TAG],
        "about": [METALS_50, "steel"],
        "paragraphs": [
            "The United States doubled its tariffs on steel and aluminum to 50% on Wednesday, "
            "less than three months after the original 25% duty took effect.",
            "Daria Holmgren, president of the Shieldline Metalworkers Union, said ⟦the higher "
            "rate changes the math on every contract Harrow Point Steel bids for in the "
            "United States⟧. “⟦At 25% we were bleeding. At 50% we are being asked to give "
            "blood we don’t have,⟧” she said.",
            "In March, Holmgren put it this way: “⟦Every order we lose to this tariff is a "
            "shift somebody here doesn’t work.⟧” She said ⟦the mill has since cut one of its "
            "weekend crews⟧.",
            "Victor Szabo, the mill’s chief executive, said ⟦Harrow Point would shift more of "
            "its output to customers in Canada⟧. “⟦The domestic market can’t take everything "
            "we make, but it can take more than it does today,⟧” he said.",
            "Ewan Sutherland of Northgate Commodities Research said ⟦the 50% rate makes "
            "Canadian steel uncompetitive in most US markets⟧. A manager at another Ontario "
            "mill, speaking on condition of anonymity, called the increase “⟦the end of the "
            "easy sale.⟧”",
        ],
        "quotes": [
            q("Daria Holmgren", "indirect", sectors=["steel"], events=[METALS_50]),
            q("Daria Holmgren", sectors=["steel"], events=[METALS_50], key=True),
            q("Daria Holmgren", sectors=["steel"], events=[IEEPA]),
            q("Daria Holmgren", "indirect", sectors=["steel"], events=[METALS_50]),
            q("Victor Szabo", "indirect", sectors=["steel"], events=[METALS_50]),
            q("Victor Szabo", sectors=["steel"]),
            q("Ewan Sutherland", "indirect", sectors=["steel"], events=[METALS_50]),
            q(
                "manager at an Ontario steel mill",
                "partial",
                sectors=["steel"],
                events=[METALS_50],
                unnamed=True,
            ),
        ],
        "extra_mentions": [],
    },
]
