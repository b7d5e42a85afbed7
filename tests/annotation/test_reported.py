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
