"""How the demo's stories are written down: the names of the events they concern, the tag
of sample articles, and `q`, one quote of a story."""

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
