"""The demo's countries and organizations: the real ones first, then the invented ones
marked as sample data."""

SAMPLE = "Sample data: a fictional {} for the demo."

COUNTRIES = [
    {"name": "Canada", "iso_code": "CA", "aliases": [], "wikidata_id": "Q16"},
    {
        "name": "United States",
        "iso_code": "US",
        "aliases": ["US", "U.S.", "America"],
        "wikidata_id": "Q30",
    },
    {"name": "Mexico", "iso_code": "MX", "aliases": [], "wikidata_id": "Q96"},
    {"name": "South Korea", "iso_code": "KR", "aliases": ["Korea"], "wikidata_id": "Q884"},
    {"name": "Malaysia", "iso_code": "MY", "aliases": [], "wikidata_id": "Q833"},
]

ORGANIZATIONS = [
    {
        "name": "Government of Canada",
        "kind": "government",
        "country": "Canada",
        "aliases": ["federal government"],
        "short_description": "The federal government in Ottawa.",
    },
    {
        "name": "United States Department of Commerce",
        "kind": "government",
        "country": "United States",
        "aliases": ["Commerce Department", "US Department of Commerce"],
        "short_description": "The US federal department that runs Section 232 investigations.",
    },
    {
        "name": "CTV News",
        "kind": "media",
        "country": "Canada",
        "aliases": [],
        "short_description": "Canadian broadcaster; the outlet of the reference story.",
    },
    # Sample data: everything below is invented.
    {
        "name": "Shieldline Metalworkers Union",
        "kind": "union",
        "country": "Canada",
        "aliases": ["Shieldline"],
        "short_description": SAMPLE.format("union of steel and aluminum workers"),
    },
    {
        "name": "Harrow Point Steel",
        "kind": "company",
        "country": "Canada",
        "aliases": ["Harrow Point"],
        "short_description": SAMPLE.format("steel mill in Hamilton, Ont."),
    },
    {
        "name": "Saguenay Light Metals",
        "kind": "company",
        "country": "Canada",
        "aliases": [],
        "short_description": SAMPLE.format("aluminum smelter in Quebec"),
    },
    {
        "name": "Ridgeway Precision Parts",
        "kind": "company",
        "country": "Canada",
        "aliases": ["Ridgeway"],
        "short_description": SAMPLE.format("auto-parts maker in Windsor, Ont."),
    },
    {
        "name": "Renaud Brothers Sawmill",
        "kind": "company",
        "country": "Canada",
        "aliases": ["Renaud Brothers"],
        "short_description": SAMPLE.format("family-owned sawmill in British Columbia"),
    },
    {
        "name": "Coastal Timber Shippers Association",
        "kind": "association",
        "country": "Canada",
        "aliases": ["shippers' association"],
        "short_description": SAMPLE.format("association of lumber exporters"),
    },
    {
        "name": "Northgate Commodities Research",
        "kind": "company",
        "country": "Canada",
        "aliases": ["Northgate"],
        "short_description": SAMPLE.format("metals research firm in Toronto"),
    },
    {
        "name": "Abernathy Quill LLP",
        "kind": "company",
        "country": "Canada",
        "aliases": ["Abernathy Quill"],
        "short_description": SAMPLE.format("trade law firm in Ottawa"),
    },
    {
        "name": "Calloway Pike LLP",
        "kind": "company",
        "country": "United States",
        "aliases": ["Calloway Pike"],
        "short_description": SAMPLE.format("trade law firm in Washington"),
    },
    {
        "name": "Tollgate Dispatch",
        "kind": "media",
        "country": "Canada",
        "aliases": [],
        "short_description": SAMPLE.format("news outlet"),
    },
    {
        "name": "Slate River Review",
        "kind": "media",
        "country": "Canada",
        "aliases": [],
        "short_description": SAMPLE.format("news outlet"),
    },
    {
        "name": "Lantern Trade Bulletin",
        "kind": "media",
        "country": "Canada",
        "aliases": [],
        "short_description": SAMPLE.format("trade newsletter"),
    },
]
