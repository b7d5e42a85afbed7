"""Patterns of published news copy: titles and signs in quotation marks, verbs of saying
beyond "said", roles named elsewhere, organizations, quotes over several paragraphs and
attributions in the middle of a sentence. Invented sentences, fictional people."""

import pytest

from .helpers import gazetteer, quote, run, texts


@pytest.mark.parametrize(
    "body",
    [
        "The film, titled “Harbour Lights,” opened on Friday.",
        "Protesters carried a sign that read “No More Tariffs” outside the plant.",
        "Dockers stood under a banner reading: “Fees Down, Jobs Up”.",
        "The campaign, dubbed “Operation Clean Sweep,” began in March.",
        "The report, called “A Fair Deal for Farmers,” was released on Monday.",
        "Oren Vale opposed the so-called “reform package” from the start.",
        "Oren Vale wrote “Harbour Lights” in a single winter.",
        "Oren Vale opposed the “reform” package.",
    ],
)
def test_titles_signs_slogans_and_scare_quotes_are_not_speech(body):
    assert texts(run(body)) == []


def test_a_fragment_framed_by_a_verb_of_saying_stays_a_partial_quote():
    result = run("Oren Vale called the plan “a giveaway” and what he called “Orwellian”.")
    assert [(q.text, q.kind, q.speaker) for q in result.quotes] == [
        ("a giveaway", "partial", "Oren Vale"),
        ("Orwellian", "partial", "Oren Vale"),
    ]


@pytest.mark.parametrize(
    ("verb", "clause"),
    [
        ("denied", "he had met the lobbyists"),
        ("revealed", "the deal had collapsed"),
        ("commented", "the market was cooling"),
        ("asserted", "the fees were legal"),
        ("announced", "the plant would close in June"),
        ("estimated", "4,000 jobs were at risk"),
    ],
)
def test_verbs_of_saying_beyond_said(verb, clause):
    result = run(f"Oren Vale {verb} that {clause}.")
    assert [(q.text, q.kind, q.speaker) for q in result.quotes] == [
        (clause, "indirect", "Oren Vale")
    ]


@pytest.mark.parametrize(
    "body",
    [
        "Oren Vale rejected the claim that the plant was unsafe for workers.",
        "Oren Vale dismissed their estimate that 400 jobs would go.",
        "Mayor Oren Vale added a last-minute amendment tying the freeze to a review.",
    ],
)
def test_a_noun_or_an_object_after_the_verb_is_not_reported_speech(body):
    assert texts(run(body)) == []


def test_a_role_given_with_is_resolves_the_role_later():
    body = "Lena Brock is the minister of trade.\n\nThe minister said the talks would resume soon."
    q = quote(run(body), "talks would resume")
    assert (q.speaker, q.speaker_title) == ("Lena Brock", "Minister of trade")
    assert q.speaker_named


def test_a_role_named_after_the_quote_resolves_to_that_person():
    body = (
        "“We are ready,” a spokesperson said on Monday. "
        "The spokesperson, Lena Brock, declined to say more."
    )
    q = quote(run(body), "We are ready")
    assert (q.speaker, q.speaker_title) == ("Lena Brock", "Spokesperson")


def test_the_role_named_in_a_later_paragraph_resolves_to_that_person():
    body = (
        "“We are ready,” the spokesperson said.\n\n"
        "Lena Brock, a spokesperson for the port, declined to say more."
    )
    assert quote(run(body), "We are ready").speaker == "Lena Brock"


def test_a_role_nobody_is_named_for_stays_an_unnamed_source():
    q = quote(run("“We are ready,” the spokesperson said."), "We are ready")
    assert (q.speaker, q.speaker_named) == ("spokesperson", False)


def test_open_quote_over_paragraphs_takes_the_speaker_named_at_its_end():
    body = (
        "Oren Vale said the plant would close.\n\n"
        "“This is the first paragraph of the statement.\n\n"
        "“This is the second one.\n\n"
        "“And this is the third paragraph of it,” Lena Brock said."
    )
    result = run(body)
    assert [q.speaker for q in result.quotes] == ["Oren Vale", *["Lena Brock"] * 3]


def test_clause_after_a_mid_sentence_attribution_is_reported_too():
    body = (
        "Oren Vale chairs the budget committee. The freeze would leave a hole in the accounts, "
        "he argued, and residents would end up paying for it.\n\n"
        "Lena Brock runs the finance office. The figures depended on the terminal's forecasts, "
        "she acknowledged, which had been too optimistic twice."
    )
    result = run(body)
    assert [(q.text, q.speaker) for q in result.quotes] == [
        ("The freeze would leave a hole in the accounts", "Oren Vale"),
        ("residents would end up paying for it", "Oren Vale"),
        ("The figures depended on the terminal's forecasts", "Lena Brock"),
        ("which had been too optimistic twice", "Lena Brock"),
    ]


def test_narration_after_a_general_attribution_is_not_reported():
    body = (
        "A new duty will add to their bills, grain growers say, and this morning sixty of "
        "them parked their trucks across the gates."
    )
    assert texts(run(body)) == ["A new duty will add to their bills"]


def test_trailing_attribution_to_a_title_and_a_name_between_commas():
    body = (
        "Work is expected to begin in September, with the first trains running by 2027, "
        "the council's Director of Infrastructure, Dr Anjali Sethi, confirmed."
    )
    q = quote(run(body), "Work is expected")
    assert q.text == "Work is expected to begin in September, with the first trains running by 2027"
    assert q.speaker == "Anjali Sethi"


def test_organizations_and_the_police_speak_as_unnamed_sources():
    gaz = gazetteer(
        ("Kestrel Valley Council", "organization", ("the council",)),
        ("Elwin Container Terminal", "organization", ("ECT",)),
    )
    body = (
        "Information sessions will be held in Hollins in June, the council said.\n\n"
        "The protest had been peaceful and no one had been charged, police said.\n\n"
        "Elwin Container Terminal (ECT), which runs the quays, said that it welcomed the "
        "decision."
    )
    result = run(body, gaz)
    assert [(q.speaker, q.speaker_named) for q in result.quotes] == [
        ("Kestrel Valley Council", False),
        ("police", False),
        ("Elwin Container Terminal", False),
    ]
    assert [m.name for m in result.mentions if m.type == "person"] == []


def test_transcript_answers_are_quotes_of_the_person_labelled():
    body = (
        "MARA TULL, PRESENTER: A new duty will add to their bills, growers say.\n\n"
        "ODO PRICE, REPORTER: The convoy started arriving at six. Kevin Dwyer farms wheat.\n\n"
        "KEVIN DWYER, GRAIN GROWER: We've had a good break. Now this. You do the sums.\n\n"
        "PRICE: The duty was a matter for the commission, the department said.\n\n"
        "LENA BROCK, AGRONOMIST: Most growers put nitrogen down at sowing. They lose yield."
    )
    result = run(body)
    assert [(q.text, q.kind, q.speaker, q.speaker_named) for q in result.quotes] == [
        ("A new duty will add to their bills", "indirect", "growers", False),
        ("We've had a good break. Now this. You do the sums.", "direct", "Kevin Dwyer", True),
        ("The duty was a matter for the commission", "indirect", "department", False),
        (
            "Most growers put nitrogen down at sowing. They lose yield.",
            "direct",
            "Lena Brock",
            True,
        ),
    ]


def test_interview_answers_belong_to_the_person_the_introduction_presents():
    body = (
        "Ada Okoro, chief executive of Kittiwake Lines since 2024, spoke to us in her "
        "office.\n\n"
        "Q: Freight rates have fallen by half. Is the boom over?\n\n"
        "A: The boom was never a boom. It was a shortage.\n\n"
        "Q: So who loses?\n\n"
        "A: Whoever ordered the most ships at the top of the market."
    )
    result = run(body)
    assert [(q.text, q.speaker) for q in result.quotes] == [
        ("The boom was never a boom. It was a shortage.", "Ada Okoro"),
        ("Whoever ordered the most ships at the top of the market.", "Ada Okoro"),
    ]


def test_a_single_labelled_paragraph_is_not_a_transcript():
    body = "Update: the port reopened at noon.\n\nOren Vale said the queues had cleared."
    assert [(q.text, q.speaker) for q in run(body).quotes] == [
        ("the queues had cleared", "Oren Vale")
    ]


def test_a_quote_introduced_by_the_paragraph_before_belongs_to_its_subject():
    body = (
        "“We will appeal,” Lena Brock said.\n\n"
        "Oren Vale, a forklift driver, keeps a notebook of his rates. He took it out.\n\n"
        "“This is 2021. This is now. Nobody told me why.”"
    )
    assert quote(run(body), "This is 2021").speaker == "Oren Vale"


def test_a_quote_named_in_the_paragraph_after_belongs_to_that_person():
    body = (
        "A police official said the road was closed.\n\n"
        "“We have written letters. Nobody listened.”\n\n"
        "That was Ciara Moloney, a spokesperson for Tide Turn, speaking through a megaphone."
    )
    assert quote(run(body), "written letters").speaker == "Ciara Moloney"


def test_a_document_quoted_is_not_speech():
    body = (
        "Justice Rosalind Ng wrote that the company was not heard. "
        "“The minister may reduce the allowable cut where it is necessary,” the licence "
        "itself reads, and Ng said nothing in her decision limited that power."
    )
    assert not any("minister may" in t for t in texts(run(body)))


def test_pronoun_of_a_trailing_attribution_skips_the_people_in_the_reported_clause():
    body = (
        "Caroline Ashdown has written to ministers. Sandra Kowal runs the union.\n\n"
        "She would believe it when she saw it, Kowal said of the support scheme. "
        "Ashdown had at least turned up, which was more than most, she added."
    )
    result = run(body)
    assert [(q.text, q.speaker) for q in result.quotes] == [
        ("She would believe it when she saw it", "Sandra Kowal"),
        ("Ashdown had at least turned up, which was more than most", "Sandra Kowal"),
    ]


def test_reported_clause_keeps_a_fragment_quoted_inside_it():
    body = (
        "The decision was taken ‘with the greatest reluctance’ after gas costs rose, the "
        "company said in a short statement."
    )
    result = run(body)
    assert [(q.kind, q.speaker) for q in result.quotes] == [("indirect", "company")]
    assert result.quotes[0].text.endswith("after gas costs rose")


def test_continuation_with_but_or_though_after_the_attribution():
    body = (
        "Tasha Lind, an apprentice, spoke. She had been offered a place in Germany, she said, but "
        "would have to move there on her own. Growers supported the goal, she acknowledged, "
        "but the cost should fall on processors.\n\n"
        "Naomi Feld teaches law. The objections were unlikely to succeed, Feld predicted, "
        "though they could delay bargaining for a year."
    )
    result = run(body)
    assert [(q.text, q.speaker) for q in result.quotes] == [
        ("She had been offered a place in Germany", "Tasha Lind"),
        ("but would have to move there on her own", "Tasha Lind"),
        ("Growers supported the goal", "Tasha Lind"),
        ("the cost should fall on processors", "Tasha Lind"),
        ("The objections were unlikely to succeed", "Naomi Feld"),
        ("they could delay bargaining for a year", "Naomi Feld"),
    ]


def test_subject_after_an_introductory_phrase_and_one_of_them():
    body = (
        "In a statement issued the evening of the count, the company said it would file "
        "objections with the board.\n\n"
        "Two workers who asked not to be named said they had been approached at home. It felt "
        "like too much, one of them said."
    )
    result = run(body)
    assert [(q.text, q.speaker_named) for q in result.quotes] == [
        ("it would file objections with the board", False),
        ("they had been approached at home", False),
        ("It felt like too much", False),
    ]
    assert result.quotes[0].speaker == "company"
    assert result.quotes[2].speaker == result.quotes[1].speaker


def test_that_as_the_object_of_said_is_not_a_reported_clause():
    body = "“We lost,” he said.\n\nThe man who said that has worked at the mill for thirty years."
    assert texts(run(body)) == ["We lost,"]


def test_the_spokesperson_is_not_the_company_last_mentioned():
    body = (
        "In a statement, the company said it would file objections with the board.\n\n"
        "“We respect our associates' right to choose,” the spokesperson said.\n\n"
        "The spokesperson, Kristen Sorensen, declined to give details."
    )
    result = run(body)
    assert quote(result, "We respect").speaker == "Kristen Sorensen"
    assert quote(result, "file objections").speaker == "company"


def test_an_association_speaking_is_not_the_next_person_quoted():
    body = (
        "A new levy will drive smallholders out of the crop, Kenya's largest association of "
        "small tea farmers claimed on Tuesday.\n\n"
        "“We cannot absorb it,” said Joseph Mwangi, a grower in Kericho."
    )
    result = run(body)
    q = quote(result, "new levy")
    assert (q.speaker_named, q.speaker) == (False, "Kenya's largest association")


def test_a_court_ruling_and_a_short_clause_with_a_modal():
    body = (
        "The operator had not shown that the fee reflected any new service, the court said in "
        "its decision, and it must stop collecting it.\n\n"
        "Carys Pryce, a yard owner, spoke. Targets could help, she said."
    )
    result = run(body)
    assert [(q.text, q.speaker) for q in result.quotes] == [
        ("The operator had not shown that the fee reflected any new service", "court"),
        ("it must stop collecting it", "court"),
        ("Targets could help", "Carys Pryce"),
    ]


def test_according_to_observers_who_watched_the_count():
    body = (
        "The election turned on the night shift, according to observers from both sides who "
        "watched the count."
    )
    assert [(q.text, q.speaker_named) for q in run(body).quotes] == [
        ("The election turned on the night shift", False)
    ]


def test_fragment_in_a_clause_with_a_trailing_attribution_is_part_of_the_clause():
    body = (
        "The mayor, Gwen Harcourt, spoke. The town had been “written off too many times”, "
        "she insisted when we met."
    )
    assert [(q.text, q.kind, q.speaker) for q in run(body).quotes] == [
        ("The town had been “written off too many times”", "indirect", "Gwen Harcourt")
    ]


def test_a_document_fragment_nobody_says_is_not_a_quote():
    body = (
        "The panel's report found that the authority had “failed to establish the existence "
        "of a benefit” for two programmes."
    )
    assert texts(run(body)) == []


def test_speaker_named_right_after_the_quote_in_the_same_paragraph():
    body = (
        "The outcome gives both sides something, trade diplomats said.\n\n"
        "“We are very satisfied. The panel agreed with us.” That was Henrik Aalto, the "
        "delegation's trade counsellor, speaking outside."
    )
    assert quote(run(body), "very satisfied").speaker == "Henrik Aalto"


def test_reported_speech_inside_an_interviewer_question_is_not_proposed():
    body = (
        "Ada Okoro, chief executive of Kittiwake Lines, spoke to us.\n\n"
        "Q: Your finance chief said in November that Kittiwake might cut capacity. Will you?\n\n"
        "A: We will blank some sailings. That's normal."
    )
    assert [(q.text, q.speaker) for q in run(body).quotes] == [
        ("We will blank some sailings. That's normal.", "Ada Okoro")
    ]


@pytest.mark.parametrize(
    ("attribution", "speaker"),
    [
        ("Southern Pastures predicted in the merger booklet", "Southern Pastures"),
        ("the co-operative said in response to questions", "co-operative"),
        ("Nicholas Farrant suggested to the jury", "Nicholas Farrant"),
        ("he told them", "Gareth Lowry"),
        ("one senior negotiator told this program on condition of anonymity", None),
        ("the prosecution alleges", "prosecution"),
        ("the trade minister's office said afterwards", None),
    ],
)
def test_trailing_attributions_with_a_phrase_after_the_verb(attribution, speaker):
    body = f"Gareth Lowry spoke first. The debt would fall below $400 million, {attribution}."
    result = run(body, gazetteer(("Southern Pastures", "organization", ())))
    q = quote(result, "debt would fall")
    assert q.text == "The debt would fall below $400 million"
    if speaker is not None:
        assert speaker in q.speaker


def test_a_programme_transcript_opened_by_its_presenter():
    body = (
        "LAUREN MITCHELL: Good evening. With me is trade economist Dr Helena Tsakalos.\n\n"
        "DR HELENA TSAKALOS: Closer than it was a year ago. The gap is still large.\n\n"
        "MITCHELL: Bruce, that's your members she's talking about.\n\n"
        "BRUCE WHITFORD: It is. And look, the gap is real."
    )
    result = run(body)
    assert [(q.text, q.speaker) for q in result.quotes] == [
        ("Closer than it was a year ago. The gap is still large.", "Helena Tsakalos"),
        ("It is. And look, the gap is real.", "Bruce Whitford"),
    ]


def test_people_introduced_by_a_possessive_role_or_a_police_title():
    body = (
        "Maureen Doyle, a moulder, spoke first.\n\n"
        "Her younger colleague, Tasha Lind, is twenty-two. “I might just go,” she said.\n\n"
        "Elyria's mayor, Gloria Ruiz-Whitfield, has backed the plan. “It is good news,” she "
        "said.\n\n"
        "Superintendent Siobhan Furlong said the road would reopen on Friday."
    )
    result = run(body)
    assert [q.speaker for q in result.quotes] == [
        "Tasha Lind",
        "Gloria Ruiz-Whitfield",
        "Siobhan Furlong",
    ]


def test_interview_answers_without_a_known_name_take_the_name_in_the_introduction():
    body = (
        "Adaeze Okafor took over Kittiwake Lines in 2024. She spoke to us in Hamburg.\n\n"
        "Q: Is the boom over?\n\n"
        "A: The boom was never a boom."
    )
    assert [(q.text, q.speaker) for q in run(body).quotes] == [
        ("The boom was never a boom.", "Adaeze Okafor")
    ]


def test_interview_with_surname_labels_and_a_questioner_named_after_the_outlet():
    body = (
        "Chidi Okonkwo leads the union. He spoke to the Midland Observer.\n\n"
        "Observer: Your members might not all agree. Is that fair?\n\n"
        "Okonkwo: Some won't. I understand that.\n\n"
        "Observer: Is that what happened at Tamworth?\n\n"
        "Okonkwo: Tamworth is the perfect example."
    )
    result = run(body, gazetteer(("Chidi Okonkwo", "person", ("Okonkwo",))))
    assert [(q.text, q.speaker) for q in result.quotes] == [
        ("Some won't. I understand that.", "Chidi Okonkwo"),
        ("Tamworth is the perfect example.", "Chidi Okonkwo"),
    ]


def test_a_role_named_after_a_comma_in_mid_sentence_resolves_an_earlier_description():
    body = (
        "Its chief executive had warned in July that the season would be hard. On Monday, "
        "the executive, Kari Haugland, went further. “There will be days when the system is "
        "short,” she said."
    )
    result = run(body)
    assert {q.speaker for q in result.quotes} == {"Kari Haugland"}


def test_council_titles_are_not_part_of_the_name():
    body = "Cllr Daniel Tremlett said the council was already in talks to sell the berth."
    q = quote(run(body), "already in talks")
    assert (q.speaker, q.speaker_title) == ("Daniel Tremlett", "Cllr")


def test_the_short_form_of_an_organization_named_before_is_that_organization():
    gaz = gazetteer(("Celtic Reach Offshore", "organization", ()))
    body = (
        "The contract comes from Celtic Reach Offshore, the developer.\n\n"
        "In a statement, Celtic Reach said that it was committed to local suppliers."
    )
    result = run(body, gaz)
    q = quote(result, "committed to local suppliers")
    assert (q.speaker, q.speaker_named) == ("Celtic Reach Offshore", False)
    assert [m.name for m in result.mentions if m.type == "person"] == []


def test_a_pronoun_finds_a_speaker_introduced_paragraphs_and_many_sentences_before():
    body = (
        "Mara Tull runs the only dairy in the valley, a business her family started.\n\n"
        "The plant employs forty people. Its trucks collect milk from sixty farms. Prices "
        "fell last year. Feed costs rose. The bank extended a loan.\n\n"
        "The tariff changed the numbers again. Exports stopped in May. Orders from the south "
        "dried up.\n\n"
        "“We will find new buyers,” she said."
    )
    assert quote(run(body), "new buyers").speaker == "Mara Tull"


def test_an_honorific_anywhere_in_the_article_gives_a_person_a_gender():
    body = "Tom Reed and Ana Sol spoke.\n\nMr Reed arrived first. The deal was dead, she said."
    assert quote(run(body), "deal was dead").speaker == "Ana Sol"


def test_a_signature_after_a_dash_names_the_speaker():
    q = quote(run("“We will not back down.” — Lena Brock, trade minister"), "back down")
    assert (q.speaker, q.speaker_title) == ("Lena Brock", "Trade minister")


def test_a_country_speaks_for_its_government():
    gaz = gazetteer(("China", "country", ()), ("Canada", "country", ()))
    result = run(
        "China said it would retaliate against the new tariffs.\n\n"
        "“We will respond,” Canada said in a statement.",
        gaz,
    )
    assert [(q.speaker, q.speaker_named) for q in result.quotes] == [
        ("China", False),
        ("Canada", False),
    ]


def test_court_questions_are_counsels_and_answers_the_witnesss():
    body = (
        "Nicholas Farrant, prosecuting, called Priya Dhillon, a customs officer, and "
        "Gareth Lowry sat in the dock.\n\n"
        "Under questioning from Mr Farrant, Ms Dhillon described the inspection.\n\n"
        "Q: What did you find when the container was opened?\n\n"
        "A: Eighteen coils of hot-rolled steel.\n\n"
        "Alison Beaumont, for the defence, called Simon Keble, a clerk. "
        "Ms Beaumont put it to him that he had invented the conversations.\n\n"
        "Q: You have every reason to say that, don't you, Mr Keble?\n\n"
        "A: I have every reason to tell the truth."
    )
    result = run(body)
    assert [(q.text, q.speaker) for q in result.quotes if q.kind == "direct"] == [
        ("What did you find when the container was opened?", "Nicholas Farrant"),
        ("Eighteen coils of hot-rolled steel.", "Priya Dhillon"),
        ("You have every reason to say that, don't you, Mr Keble?", "Alison Beaumont"),
        ("I have every reason to tell the truth.", "Simon Keble"),
    ]
