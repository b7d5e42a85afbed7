"""Reported speech: span cutting and near misses."""

from .helpers import quote, run, texts


def test_said_that_clause_excludes_that_and_final_period():
    body = "Fern Odell said that the mill would reopen in March."
    q = quote(run(body), "mill")
    assert (q.kind, q.text, q.speaker) == (
        "indirect",
        "the mill would reopen in March",
        "Fern Odell",
    )


def test_bare_clause_after_appositive():
    body = "Fern Odell, president of the Lakeview Growers Association, said prices had doubled."
    q = quote(run(body), "prices")
    assert q.text == "prices had doubled"
    assert q.speaker_title == "President, Lakeview Growers Association"


def test_trailing_attribution_with_day():
    body = "The border crossing will close for two days next week, Mayor Lise Dumont said Friday."
    q = quote(run(body), "crossing")
    assert q.text == "The border crossing will close for two days next week"
    assert (q.speaker, q.speaker_title) == ("Lise Dumont", "Mayor")


def test_told_audience_that_and_coordinated_that_clauses():
    body = (
        "Bram Ekholm told the committee on Tuesday that exports had fallen and that "
        "two plants had closed."
    )
    q = quote(run(body), "exports")
    assert q.text == "exports had fallen and that two plants had closed"


def test_two_verbs_give_two_spans():
    body = "Ines Kalb warned that prices would rise and added that layoffs were likely."
    assert texts(run(body)) == ["prices would rise", "layoffs were likely"]


def test_according_to_a_person_after_the_clause():
    body = "The quota will be cut by a quarter, according to Hal Verne."
    q = quote(run(body), "quota")
    assert (q.text, q.speaker) == ("The quota will be cut by a quarter", "Hal Verne")


def test_according_to_data_is_not_a_quote():
    body = "Exports fell 12 per cent last year, according to industry figures."
    assert texts(run(body)) == []


def test_near_misses_are_not_quotes():
    body = (
        "Rosa Imre called for calm. Asked whether she would resign, Imre declined to comment. "
        "Dag Holm pushed back against the idea that the plant was doomed. "
        "For Lev Arno, the bigger worry is the suppliers. "
        "Arno sees it differently from what both sides called intensive talks."
    )
    assert texts(run(body)) == []


def test_reported_question_starts_at_whether():
    body = "Tamsin Roe asked whether the quota would be renewed next year."
    q = quote(run(body), "quota")
    assert q.text == "whether the quota would be renewed next year"


def test_written_statements_count():
    body = "In an email, Odile Varn wrote that the company had no plans to move."
    q = quote(run(body), "no plans")
    assert (q.text, q.speaker) == ("the company had no plans to move", "Odile Varn")


def test_trailing_group_attribution_in_a_lede():
    body = (
        "Prices for fresh fish have doubled since the spring, coastal fishers and processors say."
    )
    q = quote(run(body), "Prices")
    assert q.text == "Prices for fresh fish have doubled since the spring"
    assert not q.speaker_named
    assert q.speaker == "coastal fishers and processors"


def test_partial_and_reported_on_separate_verbs():
    body = (
        "Kit Moreau called the duty “a gift to our competitors” and said the province would appeal."
    )
    result = run(body)
    assert [(q.kind, q.text) for q in result.quotes] == [
        ("partial", "a gift to our competitors"),
        ("indirect", "the province would appeal"),
    ]
    assert {q.speaker for q in result.quotes} == {"Kit Moreau"}


def test_participle_attributes_to_the_subject_of_the_sentence():
    body = (
        "Bakers urged the council to act on Friday, telling the hearing that flour costs "
        "had doubled since spring."
    )
    q = quote(run(body), "flour")
    assert q.text == "flour costs had doubled since spring"
    assert (q.speaker, q.speaker_named) == ("Bakers", False)


def test_adding_that_after_a_reported_clause_gives_a_second_span():
    body = "Mara Quist said on Tuesday the plant would close, adding that talks had failed."
    result = run(body)
    assert texts(result) == ["the plant would close", "talks had failed"]
    assert {q.speaker for q in result.quotes} == {"Mara Quist"}


def test_before_adding_that_after_a_direct_quote():
    body = "“We tried,” Mara Quist said, before adding that she would not run again."
    result = run(body)
    assert texts(result) == ["We tried,", "she would not run again"]
    assert result.quotes[1].kind == "indirect"
    assert result.quotes[1].speaker == "Mara Quist"


def test_told_an_object_then_a_clause_without_that():
    body = (
        "Dario Benn told the Gazette his crews now work three days a week. "
        "Lena Ostrow told reporters on Monday the board had met twice."
    )
    result = run(body)
    assert texts(result) == ["his crews now work three days a week", "the board had met twice"]


def test_said_with_a_quantifier_starts_the_clause():
    body = "Fishing sources said at least four boats had stayed in port."
    q = quote(run(body), "boats")
    assert q.text == "at least four boats had stayed in port"
    assert not q.speaker_named


def test_said_from_a_place_with_commas_then_that():
    body = (
        "Aldo Brisk said in an interview from his office in Brandon, Manitoba, that sales "
        "had fallen."
    )
    assert quote(run(body), "sales").text == "sales had fallen"


def test_that_as_a_determiner_stays_in_the_span():
    body = (
        "Ruth Alder said that decision would rest with the board. "
        "Cal Hume said that steel would stay."
    )
    result = run(body)
    assert texts(result) == ["that decision would rest with the board", "steel would stay"]


def test_told_with_an_infinitive_or_a_topic_is_not_a_quote():
    body = (
        "Nell Ashe told MPs to scrap the levy. Ashe told the committee about the plan. "
        "Ashe said after the meeting. Kim Lowe spoke to reporters, saying little."
    )
    assert texts(run(body)) == []


def test_pronoun_in_a_partial_after_a_reported_lede_by_a_description():
    body = (
        "The province's energy minister said on Wednesday that exports were recovering, but "
        "she called the gains “modest” after the meeting.\n\n"
        "“We are not there yet,” said Pia Renn, the energy minister."
    )
    result = run(body)
    assert [q.kind for q in result.quotes] == ["indirect", "partial", "direct"]
    assert {q.speaker for q in result.quotes} == {"Pia Renn"}


def test_trailing_attribution_followed_by_an_adverbial_clause():
    body = (
        "The ferry service will resume in May, Transport Minister Edda Holm said Friday as "
        "her department prepared its spring schedule."
    )
    q = quote(run(body), "ferry")
    assert (q.text, q.speaker) == ("The ferry service will resume in May", "Edda Holm")
