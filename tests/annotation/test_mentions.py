"""Entity mentions: aliases, surnames, new people, places and longer names."""

from articles.annotation import Gazetteer, GazetteerEntry

from .helpers import gazetteer, run


def _names(result):
    return {(m.name, m.type) for m in result.mentions}


GAZ = gazetteer(
    ("Canada", "country", ()),
    ("United States", "country", ("U.S.",)),
    ("steel", "sector", ("steelmaking",)),
    ("Pinecrest Mills", "organization", ("Pinecrest",)),
    ("North Shore Pact", "event", ("the pact",)),
    ("Agreement of the North Shore", "event", ()),
)


def test_mentions_by_name_and_alias_with_spans():
    body = "Pinecrest Mills cut steel output. Pinecrest said the pact would help Canada."
    result = run(body, GAZ)
    assert _names(result) == {
        ("Pinecrest Mills", "organization"),
        ("steel", "sector"),
        ("North Shore Pact", "event"),
        ("Canada", "country"),
    }
    mill = next(m for m in result.mentions if m.name == "Pinecrest Mills")
    assert mill.aliases == ("Pinecrest",)
    assert [body[s:e] for s, e in mill.spans] == ["Pinecrest Mills", "Pinecrest"]


def test_capitalised_lowercase_alias_and_word_boundaries():
    body = "Steel prices rose. Steelworkers were not surprised."
    assert _names(run(body, GAZ)) == {("steel", "sector")}


def test_country_inside_a_longer_name_is_not_a_mention():
    body = "Statistics Canada and the Bank of Canada published figures."
    assert _names(run(body, GAZ)) == set()


def test_name_inside_a_descriptive_alias_is_also_a_mention():
    gaz = gazetteer(
        ("United States", "country", ("U.S.",)),
        ("U.S. lumber duties", "event", ("U.S. duties",)),
    )
    result = run("Mills blame U.S. duties for the closures.", gaz)
    assert _names(result) == {("United States", "country"), ("U.S. lumber duties", "event")}


def test_shared_alias_goes_to_the_entity_the_article_supports():
    gaz = Gazetteer(
        [
            GazetteerEntry(name="Spring talks", type="event", aliases=("the talks",), weight=5),
            GazetteerEntry(
                name="Harbour summit", type="event", aliases=("the talks", "the summit")
            ),
        ]
    )
    result = run("The summit opened late. The talks ran past midnight.", gaz)
    assert {m.name for m in result.mentions} == {"Harbour summit"}


def test_new_people_are_proposed_and_places_are_not():
    body = (
        "Deputy Minister Arvid Sten visited Port Rowan on Monday. Greta Lowe, a welder at "
        "the yard, showed him around. “It is quiet,” said Bo Yarrow in Ann Arbor."
    )
    result = run(body, GAZ)
    people = {m.name for m in result.mentions if m.type == "person"}
    assert people == {"Arvid Sten", "Greta Lowe", "Bo Yarrow"}
    assert all(m.is_new for m in result.mentions if m.type == "person")


def test_quote_sectors_and_events_come_from_its_sentence():
    body = (
        "“The pact saves steelmaking jobs,” Ann Ruel said. Canada welcomed it.\n\n"
        "“I am tired,” she said."
    )
    result = run(body, GAZ)
    first, second = result.quotes
    assert first.sectors == ("steel",) and first.events == ("North Shore Pact",)
    assert second.sectors == () and second.events == ()


def test_businesses_and_data_sources_are_not_new_people():
    body = (
        "Gilles Marceau owns Atelier Sud-Ouest, a furniture manufacturer in Laval. Imports "
        "fell, according to Statistics Bureau data. Henri Falk, who represents the Western "
        "Cedar Coalition, said the rules were fair. Borden Precision Castings will move work "
        "south. Borden Precision declined to comment. Odile Roy, manager of Fonderie Vallée, "
        "said sales fell."
    )
    people = {m.name for m in run(body).mentions if m.type == "person"}
    assert people == {"Gilles Marceau", "Henri Falk", "Odile Roy"}
