"""Guides written blind, as a site would bring them, on what the thirty-fourth
session changed: a short form made of the openings of its words ("LOTO",
lockout/tagout); a question near a topic guides rarely cover that the best
passage says in so many words ("a defined benefit pension"); places a
comparison or a guide does not cover; a colleague's pay; one's own legal
trouble; a guide's FAQ questions as suggestions; a state's pay; a level asked
by its number; a typo kept from a degree's name. The real model, the
committed tuning, a fresh index, no memory.
"""

from __future__ import annotations

from typing import Any

import pytest

from citing import cited_guides


@pytest.fixture(scope="module")
def site(blind_assistant: Any) -> Any:
    """A Canadian power line technician's guide (front matter with aliases,
    an apprentice pay table), a UK museum curator's (no front matter, bold
    questions), a Canadian massage therapist's (a title only, question
    headings), a physiotherapist's and an electrician's."""
    return blind_assistant("power-line-technician", "museum-curator", "massage-therapist",
                           "physiotherapist", "electrician")


@pytest.mark.model
def test_a_short_form_made_of_its_words_openings_is_spelled_out(site: Any) -> None:
    # had been declined: no passage spelled "LOTO" out letter by word
    answer = site.ask("what does LOTO stand for in line work")
    assert answer.answered and cited_guides(answer) == {"power-line-technician"}, answer.text
    assert "lockout/tagout" in answer.text, answer.text


@pytest.mark.model
def test_a_topic_the_best_passage_says_is_answered(site: Any) -> None:
    # had been declined as far from every passage: the pay paragraph holding
    # it is weak as a whole
    answer = site.ask("is the pension defined benefit or the other kind",
                      history=["what benefits do utility lineworkers get?"])
    assert answer.answered and "defined benefit pension" in answer.text, answer.text
    answer = site.ask("do i need grade 12 math for this", scope="power-line-technician")
    assert answer.answered and "Grade 12 math" in answer.text, answer.text


@pytest.mark.model
def test_a_comparison_is_not_made_with_a_guide_on_another_country(site: Any) -> None:
    # had been answered with the physiotherapist's UK and US pay beside Ontario's
    answer = site.ask("what does a physiotherapist earn in ontario compared to an rmt")
    assert not answer.answered, answer.text
    assert answer.text.startswith("Sorry, the physiotherapist guide does not cover Ontario. "
                                  "The guides here answer"), answer.text


@pytest.mark.model
def test_a_province_the_guide_does_not_cover_is_declined(site: Any) -> None:
    # had been answered with Ontario's apprentice rates
    answer = site.ask("how much does a journeyman lineman make in British Columbia?")
    assert not answer.answered and "British Columbia" in answer.text, answer.text


@pytest.mark.model
def test_a_colleagues_pay_is_not_the_roles(site: Any) -> None:
    # had been answered with curators' pay: conservators are colleagues
    answer = site.ask("what's the average salary for a museum conservator in the uk")
    assert not answer.answered and "museum conservator" in answer.text, answer.text
    # ... but what a conservator is, the curator's guide says; a city is no topic
    answer = site.ask("my cousin is a conservator at a museum in york and keeps saying she's "
                      "basically a curator. is that right or are they different jobs?")
    assert answer.answered and "conservators decide" in answer.text, answer.text


@pytest.mark.model
def test_the_visitors_own_redundancy_and_complaint_get_no_passage(site: Any) -> None:
    for question in ("i was made redundant from my collections officer job at a council "
                     "museum last month - am i entitled to redundancy pay and how much?",
                     "im an RMT and a client just filed a complaint against me with the CMTO, "
                     "do i need to get a lawyer??"):
        answer = site.ask(question)
        assert not answer.answered and not answer.sources, answer.text
        assert "legal advice" in answer.text, answer.text


@pytest.mark.model
def test_a_guides_faq_questions_are_suggested_before_its_topics(site: Any) -> None:
    # the curator's guide has no question headings: its bold FAQ questions had
    # gone unsuggested for "What does the museum curator guide say about A typical day?"
    suggested = site.suggestions(docs=["museum-curator"], n=6)
    assert suggested[:2] == ("Do I need a PhD to become a curator?",
                             "Is a collections officer the same as a curator?"), suggested
    assert "What does the museum curator guide say about a typical day?" in suggested
    # headings asking a question come first still
    assert site.suggestions(docs=["massage-therapist"])[0] == "What does an RMT do?"


@pytest.fixture(scope="module")
def american(blind_assistant: Any) -> Any:
    """A US construction manager's guide naming Texas only for its demand, a
    US funeral director's giving pay by state, and a UK police officer's."""
    return blind_assistant("construction-manager", "funeral-director", "police-officer")


@pytest.mark.model
def test_a_states_pay_is_given_only_where_the_guide_gives_pay_there(american: Any) -> None:
    # had been answered with the national median: Texas is named for demand only
    answer = american.ask("what's the average salary for a construction manager in Texas "
                          "specifically?")
    assert not answer.answered and "pay in Texas" in answer.text, answer.text
    # had been answered with New York's and California's rows
    answer = american.ask("whats the median pay for funeral directors in georgia")
    assert not answer.answered and "Georgia" in answer.text, answer.text
    answer = american.ask("how much do funeral directors make in new york")
    assert answer.answered and "$74,500" in answer.text, answer.text
    # a nation of the UK the guide names, on a national scale, still answers
    answer = american.ask("whats the max a PC can earn in england before promotion")
    assert answer.answered and "£48,231" in answer.text, answer.text


@pytest.fixture(scope="module")
def seasons(blind_assistant: Any) -> Any:
    """A ski instructor's guide (Canada and New Zealand) with a table of
    certification levels, a power line technician's, and a bus driver's."""
    return blind_assistant("ski-instructor", "power-line-technician", "bus-driver")


@pytest.mark.model
def test_a_level_asked_by_its_number_is_answered_by_its_row(seasons: Any) -> None:
    # had been answered with the Level 4 row first
    answer = seasons.ask("hourly rate for a level 3 ski instructor in NZ?")
    assert answer.answered and answer.text.startswith("Level 3:"), answer.text
    answer = seasons.ask("what does the nzsia level 1 ski instructor course cost")
    assert answer.answered and answer.text.startswith("Level 1 (L1):"), answer.text
    # ... and the level asked before
    answer = seasons.ask("how much is that course in canada",
                         history=["what can a level 4 ski instructor do?"])
    assert answer.answered and answer.text.startswith("Level 4:"), answer.text


@pytest.fixture(scope="module")
def sales(blind_assistant: Any) -> Any:
    """A US pharmaceutical sales representative's guide (its H1 a question,
    "PharmD" in it), a pharmacist's, a sign language interpreter's and a
    dietitian's (it says "realistic")."""
    return blind_assistant("pharmaceutical-sales-representative", "pharmacist",
                           "sign-language-interpreter", "dietitian")


@pytest.mark.model
def test_an_adverb_no_guide_uses_is_no_topic(sales: Any) -> None:
    # had been declined: "does not cover realistically"
    answer = sales.ask("how many hrs a week is it realistically",
                       scope="pharmaceutical-sales-representative")
    assert answer.answered and "50 hours" in answer.text, answer.text
