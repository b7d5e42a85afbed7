"""Speakers: pronouns, descriptions named later, unnamed sources, surnames."""

from .helpers import gazetteer, quote, run


def test_pronoun_prefers_subject_of_previous_sentence_over_object():
    body = (
        "Irma Solt said she had written to Minister Dora Klee about the quota. "
        "“She has not answered,” she said."
    )
    assert quote(run(body), "not answered").speaker == "Irma Solt"


def test_pronoun_with_two_candidates_of_the_same_gender():
    body = (
        "Piet Vanner, who runs the foundry, met Arlo Grieg on Monday. Vanner said the meeting "
        "went well.\n\n"
        "Grieg disagreed with the account of the meeting. “It was a waste of a morning,” he said."
    )
    assert quote(run(body), "waste").speaker == "Arlo Grieg"


def test_pronoun_gender_learned_from_earlier_pronouns():
    body = (
        "Hana Brook said she would stay on. Tomas Reil said he would leave.\n\n"
        "Brook’s team has booked the hall. “We are staying,” she said."
    )
    assert quote(run(body), "staying").speaker == "Hana Brook"


def test_description_named_in_the_next_paragraph():
    body = (
        "The chief executive of a Manitoba grain shipper said Monday that rail delays had "
        "cost the company a month of sales.\n\n"
        "“We had the grain and no cars,” said Ezra Callum, chief executive of Prairie Span "
        "Logistics."
    )
    result = run(body)
    lede = quote(result, "rail delays")
    assert (lede.speaker, lede.speaker_named) == ("Ezra Callum", True)
    assert lede.speaker_title == "Chief executive, Prairie Span Logistics"


def test_unnamed_sources_get_a_label_that_carries_over():
    body = (
        "A senior trade source, who spoke on condition of anonymity, said the offer would be "
        "withdrawn. “It was never serious,” the official said.\n\n"
        "Two provincial officials told the Gazette that the talks had stalled."
    )
    result = run(body)
    first = quote(result, "withdrawn")
    second = quote(result, "never serious")
    assert not first.speaker_named and first.speaker == "senior trade source"
    assert second.speaker == first.speaker
    third = quote(result, "stalled")
    assert (third.speaker, third.speaker_named) == ("provincial officials", False)


def test_surname_resolves_to_the_full_name_given_earlier():
    gaz = gazetteer(("Yara Dunmore", "person", ()))
    body = "Yara Dunmore runs the co-op. “We are stuck,” Dunmore said."
    result = run(body, gaz)
    q = quote(result, "stuck")
    assert (q.speaker, q.speaker_key, q.speaker_is_new) == ("Yara Dunmore", 1, False)
    mention = next(m for m in result.mentions if m.name == "Yara Dunmore")
    assert "Dunmore" in mention.aliases
    assert len(mention.spans) == 2


def test_known_person_by_alias_with_title():
    gaz = gazetteer(("Ravi Holt", "person", ("Holt", "Trade Minister Ravi Holt")))
    body = "“We are close,” Trade Minister Ravi Holt said."
    q = quote(run(body, gaz), "close")
    assert (q.speaker, q.speaker_key) == ("Ravi Holt", 1)


def test_unattributed_quote_after_a_named_sentence_in_the_paragraph():
    body = "Colm Treadway has called the ministry twice. “They listen. They don’t act,” he said."
    assert quote(run(body), "listen").speaker == "Colm Treadway"


def test_colon_after_a_sentence_without_a_verb_of_saying():
    body = (
        "Hugo Tarrant runs the depot.\n\n"
        "Ines Varga, who farms near the river, put it bluntly: “We can’t wait another year.”"
    )
    q = quote(run(body), "another year")
    assert (q.kind, q.speaker) == ("direct", "Ines Varga")


def test_description_with_a_relative_clause_is_named_in_the_next_paragraph():
    body = (
        "Flour prices have doubled, and the woman who runs the town’s last bakery says she "
        "has stopped hiring.\n\n"
        "“Flour went up twice this month,” said Greta Lund, owner of Lund Bakery."
    )
    q = quote(run(body), "stopped hiring")
    assert (q.speaker, q.speaker_named) == ("Greta Lund", True)


def test_organization_speaking_as_one_is_an_unnamed_label():
    gaz = gazetteer(("Harbour Growers Council", "organization", ()))
    body = (
        "The Harbour Growers Council, which represents apple farmers, welcomed the ruling, "
        "calling it “a fair start to the season.”"
    )
    q = quote(run(body, gaz), "fair start")
    assert (q.kind, q.speaker, q.speaker_named) == (
        "partial",
        "Harbour Growers Council",
        False,
    )


def test_anonymous_single_source_keeps_its_description():
    body = "A diplomat familiar with the file said the texts would be exchanged this month."
    q = quote(run(body), "texts")
    assert (q.speaker, q.speaker_named) == ("diplomat familiar with the file", False)
