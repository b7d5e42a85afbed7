"""House styles: which marks quote, wire datelines, quotations that follow each other."""

from .helpers import gazetteer, quote, run, texts


def test_british_single_marks_with_double_marks_nested():
    body = (
        "‘The ferry is our only road,’ said Wynn Harlow, who runs the island co-op. "
        "‘Our members’ orders arrive on it, and so does the “temporary” surcharge.’"
    )
    result = run(body)
    assert texts(result) == [
        "The ferry is our only road,",
        "Our members’ orders arrive on it, and so does the “temporary” surcharge.",
    ]
    assert {q.speaker for q in result.quotes} == {"Wynn Harlow"}


def test_british_single_marks_left_open_across_paragraphs():
    body = (
        "Bea Lorne said: ‘We asked for a delay and got a deadline.\n\n"
        "‘Nobody in the port thinks that’s fair.’"
    )
    result = run(body)
    assert texts(result) == [
        "We asked for a delay and got a deadline.",
        "Nobody in the port thinks that’s fair.",
    ]
    assert {q.speaker for q in result.quotes} == {"Bea Lorne"}


def test_british_partial_quote_closes_before_the_full_stop():
    body = "‘We are close,’ Cy Maddox said. He called the offer ‘fair but late’."
    q = quote(run(body), "fair but late")
    assert (q.kind, q.text, q.speaker) == ("partial", "fair but late", "Cy Maddox")


def test_single_quoted_terms_do_not_switch_a_double_quote_style():
    body = (
        "\"It's the growers' turn now,\" said Ossie Brandt. Brandt called the levy a "
        "'stopgap' and the rebate a 'gesture'."
    )
    result = run(body)
    assert quote(result, "growers").speaker == "Ossie Brandt"
    assert quote(result, "growers").kind == "direct"


def test_wire_dateline_is_not_part_of_the_reported_clause():
    body = (
        "HALIFAX, June 9 (Tidewater Wire) - The container terminal will stay shut until "
        "Thursday, two people familiar with the repairs said on Monday."
    )
    q = quote(run(body), "terminal")
    assert q.text == "The container terminal will stay shut until Thursday"
    assert not q.speaker_named


def test_quote_after_a_partial_that_ends_a_sentence_is_direct():
    body = "Tova Lind called the rule “a mess.” “Nobody can plan a season around it,” she said."
    result = run(body)
    assert [(q.kind, q.speaker) for q in result.quotes] == [
        ("partial", "Tova Lind"),
        ("direct", "Tova Lind"),
    ]


def test_sentence_after_a_closed_quotation_is_not_its_attribution():
    body = (
        "The Orchard Board welcomed the ruling, calling it “a fair start.” Its treasurer, "
        "Ana Ruiz, said by phone that growers had waited long enough."
    )
    result = run(body, gazetteer(("Orchard Board", "organization", ())))
    assert quote(result, "fair start").speaker == "Orchard Board"
    reported = quote(result, "waited")
    assert (reported.kind, reported.text, reported.speaker) == (
        "indirect",
        "growers had waited long enough",
        "Ana Ruiz",
    )
