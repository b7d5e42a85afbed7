"""Direct and partial quotations: spans, kinds and attribution patterns."""

from .helpers import quote, run, texts


def test_quote_then_named_attribution():
    body = "“We will keep the plant open,” Nora Pell said."
    q = quote(run(body), "plant open")
    assert q.text == "We will keep the plant open,"
    assert (q.kind, q.speaker, q.speaker_named) == ("direct", "Nora Pell", True)
    assert q.evidence == "Nora Pell said"


def test_inverted_attribution_with_title_of_organisation():
    body = (
        '"Orders fell by half," said Ivo Marsh, chief executive of Dunmore Castings. '
        '"We have never seen that."'
    )
    result = run(body)
    first = quote(result, "Orders fell")
    assert first.speaker == "Ivo Marsh"
    assert first.speaker_title == "Chief executive, Dunmore Castings"
    assert first.speaker_is_new
    assert quote(result, "never seen").speaker == "Ivo Marsh"


def test_colon_attribution_and_told_reporters():
    body = (
        "Tess Arkwright said: “The talks are over.”\n\n"
        "Milo Varga told reporters outside the hearing: “Nothing is over until we sign.”"
    )
    result = run(body)
    assert quote(result, "talks are over").speaker == "Tess Arkwright"
    assert quote(result, "Nothing is over").speaker == "Milo Varga"


def test_reply_after_asked_whether_is_a_quote_but_the_question_is_not():
    body = (
        "Tess Arkwright chairs the board. Asked whether the board would resign, she replied: "
        "“Not today.”"
    )
    result = run(body)
    assert texts(result) == ["Not today."]
    assert result.quotes[0].speaker == "Tess Arkwright"


def test_attribution_in_the_middle_gives_two_spans_one_speaker():
    body = "“The first half is easy,” Rafe Quill said, “and the second half is not.”"
    result = run(body)
    assert texts(result) == ["The first half is easy,", "and the second half is not."]
    assert {q.speaker for q in result.quotes} == {"Rafe Quill"}
    assert {q.kind for q in result.quotes} == {"direct"}


def test_second_sentence_after_attribution_keeps_the_speaker():
    body = "“We lost the contract,” Rafe Quill said. “We will win the next one.”"
    result = run(body)
    assert quote(result, "next one").speaker == "Rafe Quill"


def test_unattributed_paragraph_continues_previous_speaker():
    body = (
        "“Prices are up,” said Gwen Tallis, an economist at Fernhill Research.\n\n"
        "“And they will stay up into the summer.”"
    )
    assert quote(run(body), "stay up").speaker == "Gwen Tallis"


def test_multi_paragraph_quote_left_open():
    body = (
        "“We hire locally,” Oskar Brandt said. “We train locally. We buy locally.\n\n"
        "“All of that ends if the line closes.”"
    )
    result = run(body)
    assert texts(result) == [
        "We hire locally,",
        "We train locally. We buy locally.",
        "All of that ends if the line closes.",
    ]
    assert {q.speaker for q in result.quotes} == {"Oskar Brandt"}


def test_nested_single_quotes_stay_inside_the_outer_span():
    body = (
        "“A buyer told me, ‘Your price is fine, your tariff is not,’ and I agreed,” Ada Frost said."
    )
    result = run(body)
    assert texts(result) == [
        "A buyer told me, ‘Your price is fine, your tariff is not,’ and I agreed,"
    ]


def test_straight_marks_with_apostrophes():
    body = "\"We're not closing, and we won't,\" said Lou Becker. \"It's our town's mill.\""
    result = run(body)
    assert texts(result) == ["We're not closing, and we won't,", "It's our town's mill."]


def test_house_style_with_single_quotation_marks():
    body = "‘We can’t wait for Ottawa,’ said Cora Hale, who runs a sawmill. ‘The bills won’t.’"
    result = run(body)
    assert texts(result) == ["We can’t wait for Ottawa,", "The bills won’t."]
    assert {q.speaker for q in result.quotes} == {"Cora Hale"}


def test_name_inside_the_quote_is_not_its_speaker():
    body = "Pia Lund runs the dock. “How long does Minister Garvey think we can wait?” Lund said."
    q = quote(run(body), "How long")
    assert q.speaker == "Pia Lund"


def test_partial_quote_inside_the_writers_sentence():
    body = "Hollis Crane called the levy “a tax on our own customers” and left the room."
    q = quote(run(body), "tax on our own")
    assert (q.kind, q.speaker, q.text) == ("partial", "Hollis Crane", "a tax on our own customers")


def test_partial_quote_with_description_verb():
    body = "Sven Aldous described the offer as “serious but incomplete” on Monday."
    q = quote(run(body), "serious")
    assert (q.kind, q.speaker) == ("partial", "Sven Aldous")


def test_according_to_after_a_direct_quote():
    body = (
        "“Nobody restarts a furnace with a press release,” according to Mabel Ortz, "
        "a plant manager in Elmvale."
    )
    q = quote(run(body), "furnace")
    assert (q.kind, q.speaker) == ("direct", "Mabel Ortz")


def test_present_tense_says():
    body = "“The buyers call every morning,” says Dean Oakes, who owns Oakes Hardware."
    q = quote(run(body), "buyers call")
    assert q.speaker == "Dean Oakes"


def test_scare_quotes_without_a_speaker_are_ignored():
    body = "The so-called “reciprocal” duties take effect on Friday."
    assert texts(run(body)) == []
