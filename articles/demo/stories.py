"""The demo's articles.

The first one retells the reference story (CTV News, October 21, 2025) in our own
words, keeping its real quotations exactly as they were given. The others are
sample articles from invented outlets with invented people, set around the real
dates of the 2025 dispute; no real person is given words in quotation marks.

Quoted passages are marked in the paragraphs with ⟦ and ⟧; the story's `quotes`
list describes them in the same order (speaker, kind, sectors, events).
"""

IEEPA = "US emergency tariffs on Canadian goods"
EXEMPTION = "USMCA exemption from US emergency tariffs"
COUNTER = "Canadian counter-tariffs on US goods"
METALS_232 = "US Section 232 tariffs on steel and aluminum"
METALS_COUNTER = "Canadian counter-tariffs on US steel and aluminum"
AUTOS_232 = "US Section 232 tariffs on autos"
METALS_50 = "US steel and aluminum tariffs raised to 50%"
COPPER_232 = "US Section 232 tariff on copper"
LUMBER_232 = "US Section 232 tariffs on lumber and wood products"
TALKS = "Canada–US sectoral trade talks 2025"
ASEAN = "ASEAN Summit 2025"
APEC = "APEC Economic Leaders' Meeting 2025"
USMCA = "United States-Mexico-Canada Agreement"
REVIEW = "USMCA joint review 2026"
WHITE_HOUSE_OCT = "Carney–Trump White House meeting, October 2025"


def q(speaker, kind="direct", *, sectors=(), events=(), key=False, unnamed=False, title=None):
    """One quote of a story: who said it and what it concerns."""
    return {
        "speaker": speaker,
        "kind": kind,
        "sectors": list(sectors),
        "events": list(events),
        "key": key,
        "unnamed": unnamed,
        "title": title,
    }


SAMPLE_TAG = "sample data"

STORIES = [
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
    {
        "id": "demo-2025-08-copper-tariff",
        "headline": "Copper fabricators face a 50% US tariff on semi-finished products",
        "dek": "The duty took effect Friday, as the US emergency tariff on goods outside the "
        "USMCA rose to 35%",
        "byline": "Sunniva Holt",
        "outlet": "Lantern Trade Bulletin",
        "dateline": "TORONTO",
        "published": "2025-08-02T10:00:00-04:00",
        "tags": ["copper", "tariffs", SAMPLE_TAG],
        "about": [COPPER_232, "copper"],
        "paragraphs": [
            "The US Section 232 tariff on copper took effect on Friday, putting a 50% duty on "
            "semi-finished copper products. The same day, the rate of the US emergency tariffs "
            "on Canadian goods that fall outside the USMCA rose from 25% to 35%.",
            "Ewan Sutherland, chief economist at Northgate Commodities Research, said ⟦the "
            "tariff lands hardest on the firms in the middle of the supply chain⟧. “⟦The "
            "fabricators are the ones who carry this. They buy metal, add work and value, and "
            "now that value is taxed at the border,⟧” he said.",
            "Sutherland said ⟦Canadian fabricators would look for buyers in Europe and Asia, "
            "but that those markets are farther away and pay less⟧.",
            "Lorraine Abernathy, a trade lawyer at Abernathy Quill LLP in Ottawa, said ⟦clients "
            "had called all week asking whether their products fall inside the tariff’s "
            "definitions⟧. “⟦The first fight is over the definitions. Whether something counts "
            "as semi-finished decides whether a shipment pays 50% or not,⟧” she said.",
            "A Toronto-area exporter of copper wire, who asked not to be named while talking "
            "to customers, said ⟦two US orders had been put on hold this week⟧. “⟦They told "
            "us to call back when someone in Washington changes their mind,⟧” the exporter "
            "said.",
        ],
        "quotes": [
            q("Ewan Sutherland", "indirect", sectors=["copper"], events=[COPPER_232]),
            q("Ewan Sutherland", sectors=["copper"], events=[COPPER_232], key=True),
            q("Ewan Sutherland", "indirect", sectors=["copper"]),
            q("Lorraine Abernathy", "indirect", sectors=["copper"], events=[COPPER_232]),
            q("Lorraine Abernathy", sectors=["copper"], events=[COPPER_232]),
            q(
                "copper wire exporter",
                "indirect",
                sectors=["copper"],
                events=[COPPER_232],
                unnamed=True,
            ),
            q("copper wire exporter", sectors=["copper"], events=[COPPER_232], unnamed=True),
        ],
        "extra_mentions": [],
        "corrections": [
            (
                "correction",
                "An earlier version of this article said the tariff applied to refined "
                "copper. It applies to semi-finished copper products.",
                "2025-08-02T15:30:00-04:00",
            )
        ],
    },
    {
        "id": "demo-2025-08-counter-tariffs-removed",
        "headline": "Ottawa to lift most counter-tariffs, keeping those on metals and autos",
        "dek": "Removal for USMCA-covered goods takes effect Sept. 1; business reads it as a "
        "signal about the talks",
        "byline": "Étienne Lavoie-Marsh",
        "outlet": "Slate River Review",
        "dateline": "OTTAWA",
        "published": "2025-08-23T08:00:00-04:00",
        "tags": ["counter-tariffs", "USMCA", SAMPLE_TAG],
        "about": [COUNTER],
        "paragraphs": [
            "The federal government announced on Friday that it will lift its counter-tariffs "
            "on US goods covered by the USMCA as of September 1, while keeping the duties it "
            "placed on American steel, aluminum and autos. Canada first imposed counter-tariffs "
            "on March 4, the day the US emergency tariffs on Canadian goods took effect.",
            "Lorraine Abernathy, a trade lawyer at Abernathy Quill LLP, said ⟦the decision "
            "mostly brings Canada into line with the exemptions Washington already grants "
            "goods that meet the agreement’s rules⟧. “⟦This is housekeeping with a message "
            "attached. The message is that Canada wants the talks to move,⟧” she said.",
            "Daria Holmgren of the Shieldline Metalworkers Union said ⟦she was relieved the "
            "steel measures would stay⟧. She called them “⟦the only leverage we have left at "
            "the table,⟧” and said ⟦her members would oppose any deal that drops them without "
            "relief on the US side⟧.",
            "Priya Castellanos of Ridgeway Precision Parts said ⟦parts makers had hoped the "
            "auto measures would go too, since some of them raise the cost of American "
            "components that Canadian plants still need⟧.",
            "A Windsor-area supplier, who asked not to be named because its contracts are "
            "under negotiation, was more pointed. “⟦We pay a tariff going south and a tariff "
            "coming north on the same part. Nobody in either capital seems to have noticed,⟧” "
            "the supplier said.",
        ],
        "quotes": [
            q("Lorraine Abernathy", "indirect", events=[COUNTER, EXEMPTION]),
            q("Lorraine Abernathy", events=[COUNTER], key=True),
            q("Daria Holmgren", "indirect", sectors=["steel"], events=[METALS_COUNTER]),
            q("Daria Holmgren", "partial", sectors=["steel"], events=[METALS_COUNTER]),
            q("Daria Holmgren", "indirect", sectors=["steel"], events=[METALS_COUNTER]),
            q("Priya Castellanos", "indirect", sectors=["automotive"], events=[COUNTER]),
            q("Windsor-area auto supplier", sectors=["automotive"], unnamed=True),
        ],
        "extra_mentions": [("event", METALS_COUNTER, [])],
    },
    {
        "id": "demo-2025-10-sawmills-lumber-tariff",
        "headline": "Sawmills meet the new US lumber tariff with a shrug and a spreadsheet",
        "dek": "A 10% Section 232 duty on softwood took effect Tuesday, with 25% on cabinets, "
        "vanities and upholstered furniture",
        "byline": "Nadia Varga",
        "outlet": "Tollgate Dispatch",
        "dateline": "PRINCE GEORGE, B.C.",
        "published": "2025-10-15T07:00:00-04:00",
        "tags": ["lumber", "tariffs", SAMPLE_TAG],
        "about": [LUMBER_232, "lumber"],
        "paragraphs": [
            "The US Section 232 tariffs on lumber and wood products took effect on Tuesday: "
            "10% on softwood timber and lumber, and 25% on kitchen cabinets, vanities and "
            "upholstered wood furniture. At Renaud Brothers Sawmill, the reaction was muted.",
            "“⟦Ten per cent is a number we can live with for a while. It is not a number we "
            "can live with forever,⟧” said Tobias Renaud, who runs the mill his grandfather "
            "founded.",
            "Renaud said ⟦the mill had already trimmed its US shipments over the summer and "
            "would watch prices before cutting shifts⟧. “⟦I have forty people on the floor. I "
            "am not sending anyone home because of a headline,⟧” he said.",
            "Imogen Pryce, executive director of the Coastal Timber Shippers Association, said "
            "⟦the higher rate on cabinets and furniture worries her members more than the "
            "lumber duty itself⟧. “⟦The value is in the finished product. Taxing that at 25% "
            "hits the plants that do the most with the wood,⟧” she said.",
            "A millwright on the night shift, who did not want his name used, took the long "
            "view. “⟦We’ve seen prices worse than this. We’ve never seen them stay bad this "
            "long,⟧” he said.",
        ],
        "quotes": [
            q("Tobias Renaud", sectors=["lumber"], events=[LUMBER_232], key=True),
            q("Tobias Renaud", "indirect", sectors=["lumber"]),
            q("Tobias Renaud", sectors=["lumber"]),
            q("Imogen Pryce", "indirect", sectors=["lumber"], events=[LUMBER_232]),
            q("Imogen Pryce", sectors=["lumber"], events=[LUMBER_232]),
            q("millwright at Renaud Brothers Sawmill", sectors=["lumber"], unnamed=True),
        ],
        "extra_mentions": [],
    },
    {
        "id": "demo-2025-10-industry-wish-list",
        "headline": "Before APEC, industry sends Ottawa its wish list for the sector talks",
        "dek": "Steel, autos, lumber and copper voices say what a deal must include",
        "byline": "Peter Oyelaran",
        "outlet": "Lantern Trade Bulletin",
        "dateline": "OTTAWA",
        "published": "2025-10-22T08:30:00-04:00",
        "tags": ["negotiations", "APEC", SAMPLE_TAG],
        "about": [TALKS],
        "paragraphs": [
            "With the Canada–US sectoral trade talks moving into detailed work ahead of the "
            "APEC summit in South Korea, the industries at stake are making sure Ottawa hears "
            "what they need from any agreement. Dominic LeBlanc, the minister responsible for "
            "Canada–US trade, said on Tuesday that ⟦the negotiations had reached a level of "
            "detail not seen before⟧.",
            "For Daria Holmgren, president of the Shieldline Metalworkers Union, the test is "
            "simple. “⟦If the steel tariff is still 50% after the deal, it isn’t a deal,⟧” she "
            "said.",
            "Priya Castellanos of Ridgeway Precision Parts said ⟦automakers and suppliers want "
            "the content rules settled before anything else⟧. “⟦Give us rules that last longer "
            "than a news cycle and we will invest,⟧” she said.",
            "Tobias Renaud, who owns Renaud Brothers Sawmill in British Columbia, said ⟦lumber "
            "should not be treated as a bargaining chip to be traded away for gains in autos⟧.",
            "Ewan Sutherland of Northgate Commodities Research said ⟦copper had been an "
            "afterthought in the talks until recently⟧. “⟦Copper finally has a seat at the "
            "table. The question is whether it gets a plate,⟧” he said.",
            "Imogen Pryce of the Coastal Timber Shippers Association said ⟦exporters would be "
            "watching the APEC meetings for any sign of a timeline⟧.",
        ],
        "quotes": [
            q("Dominic LeBlanc", "indirect", events=[TALKS]),
            q("Daria Holmgren", sectors=["steel"], events=[TALKS, METALS_50], key=True),
            q("Priya Castellanos", "indirect", sectors=["automotive"], events=[TALKS]),
            q("Priya Castellanos", sectors=["automotive"], events=[TALKS]),
            q("Tobias Renaud", "indirect", sectors=["lumber", "automotive"], events=[TALKS]),
            q("Ewan Sutherland", "indirect", sectors=["copper"], events=[TALKS]),
            q("Ewan Sutherland", sectors=["copper"], events=[TALKS]),
            q("Imogen Pryce", "indirect", sectors=["lumber"], events=[TALKS, APEC]),
        ],
        "extra_mentions": [],
    },
    {
        "id": "demo-2025-10-exporters-look-to-asia",
        "headline": "As leaders meet in Kuala Lumpur and Gyeongju, exporters eye Asian buyers",
        "dek": "The ASEAN summit ended Tuesday; the APEC leaders’ meeting opens Friday",
        "byline": "Étienne Lavoie-Marsh",
        "outlet": "Slate River Review",
        "dateline": "OTTAWA",
        "published": "2025-10-29T06:00:00-04:00",
        "tags": ["APEC", "exports", SAMPLE_TAG],
        "about": [ASEAN, APEC],
        "paragraphs": [
            "The ASEAN summit in Kuala Lumpur, Malaysia, wrapped up on Tuesday, and "
            "Asia-Pacific leaders gather in Gyeongju, South Korea, for the APEC summit "
            "starting Friday. For Canadian exporters shut out of part of the US market by "
            "tariffs, the two meetings are a reminder that there are other customers.",
            "Imogen Pryce of the Coastal Timber Shippers Association said ⟦lumber shippers "
            "have doubled their sales calls to Japan and South Korea this year⟧. “⟦Asia won’t "
            "replace the American market. It can keep a mill open through a bad quarter,⟧” "
            "she said.",
            "Ewan Sutherland of Northgate Commodities Research cautioned that ⟦freight costs "
            "eat into any gain for heavy goods⟧. “⟦Shipping copper wire across the Pacific to "
            "escape a tariff is a strategy for people who have never paid a freight bill,⟧” "
            "he said.",
            "Hal Whitford of Calloway Pike LLP in Washington said ⟦US trade officials would be "
            "watching how allies hedge⟧. “⟦Diversification is not a threat. Washington reads "
            "it as one anyway,⟧” Whitford said.",
            "A Vancouver freight forwarder, who spoke on condition of anonymity, said "
            "⟦bookings to Asian ports had picked up since the summer⟧.",
        ],
        "quotes": [
            q("Imogen Pryce", "indirect", sectors=["lumber"], events=[APEC]),
            q("Imogen Pryce", sectors=["lumber"], events=[APEC]),
            q("Ewan Sutherland", "indirect", sectors=["copper"]),
            q("Ewan Sutherland", sectors=["copper"], events=[COPPER_232]),
            q("Hal Whitford", "indirect", events=[APEC, ASEAN]),
            q("Hal Whitford", events=[APEC]),
            q("Vancouver freight forwarder", "indirect", unnamed=True),
        ],
        "extra_mentions": [],
    },
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
