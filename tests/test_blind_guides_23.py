"""Guides written blind in the twenty-third session, as a site would bring
them: a marine biologist's (a pay table, `###` questions, "AIMS" defined in
brackets) beside a social worker's and a teaching assistant's (one spells
out "DBS", the other never does). The real model, the committed tuning, a
fresh index, no memory.
"""

from __future__ import annotations

from typing import Any

import pytest

from citing import cited_guides


@pytest.fixture(scope="module")
def site(blind_assistant: Any) -> Any:
    """Four blind guides in one folder, indexed afresh."""
    return blind_assistant("marine-biologist", "social-worker", "teaching-assistant",
                           "tattoo-artist")


@pytest.mark.model
def test_a_short_form_in_capitals_that_is_a_word_is_the_term_it_stands_for(site: Any) -> None:
    # "AIMS" had been read as the verb and answered with another guide's tools
    answer = site.ask("where is AIMS based?")
    assert answer.answered and cited_guides(answer) == {"marine-biologist"}, answer.text
    assert "Townsville" in answer.text
    follow = site.ask("and csiro's marine group?", ["where is AIMS based?"])
    assert follow.answered and cited_guides(follow) == {"marine-biologist"}, follow.text
    assert "Hobart" in follow.text


@pytest.mark.model
def test_a_short_form_one_guide_spells_out_is_found_in_a_guide_that_never_does(
        site: Any) -> None:
    # the teaching assistant's guide defines "Disclosure and Barring Service
    # (DBS)"; the social worker's says "DBS check" only, and was declined
    answer = site.ask("do i need a dbs check to be a social worker")
    assert answer.answered and cited_guides(answer) == {"social-worker"}, answer.text
    assert "DBS" in answer.text


@pytest.fixture(scope="module")
def pay_site(blind_assistant: Any) -> Any:
    """A Canadian guide naming its best-paid cities, and a US trade's guide."""
    return blind_assistant("logistics-coordinator", "hvac-technician", "early-years-educator")


@pytest.mark.model
def test_pay_in_a_city_the_guide_never_names_is_declined_by_name(pay_site: Any) -> None:
    winnipeg = pay_site.ask("logistics coordinator salary in Winnipeg")
    assert not winnipeg.answered and "pay in Winnipeg" in winnipeg.text, winnipeg.text
    christchurch = pay_site.ask("ece teacher salary in christchurch")
    assert not christchurch.answered and "pay in Christchurch" in christchurch.text, (
        christchurch.text)
    # a city the guide names is its to answer
    toronto = pay_site.ask("logistics coordinator salary in Toronto")
    assert toronto.answered and "$45,000" in toronto.text, toronto.text


@pytest.mark.model
@pytest.mark.parametrize("question", [
    "do hvac companies offer 401k matching",
    "do hvac technicians get a 401(k)?",
    "do early childhood teachers get employer kiwisaver contributions",
])
def test_a_countrys_retirement_savings_are_a_pension_the_guide_never_names(
        pay_site: Any, question: str) -> None:
    answer = pay_site.ask(question)
    assert not answer.answered, answer.text
