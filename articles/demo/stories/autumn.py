"""Sample articles from August to October 2025: copper and lumber tariffs, Canada's
counter-tariffs lifted, and the run-up to the ASEAN and APEC summits."""

from articles.demo.stories.notation import (
    APEC,
    ASEAN,
    COPPER_232,
    COUNTER,
    EXEMPTION,
    LUMBER_232,
    METALS_50,
    METALS_COUNTER,
    SAMPLE_TAG,
    TALKS,
    q,
)

AUTUMN = [
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
]
