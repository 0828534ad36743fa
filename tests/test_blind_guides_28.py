"""Guides written blind, as a site would bring them, on what the
twenty-eighth session changed: officers asked about by their ship rather
than their name, how long it takes to become a role asked by its alias,
paying tax, and a former job ("ex deck officers"). The real model, the
committed tuning, a fresh index, no memory.
"""

from __future__ import annotations

from typing import Any

import pytest

from citing import cited_guides


@pytest.fixture(scope="module")
def site(blind_assistant: Any) -> Any:
    """A deck officer's guide (no front matter), a police officer's, a
    funeral director's (aliases "mortician", "undertaker"), an airline
    pilot's and a radiographer's."""
    return blind_assistant("deck-officer", "police-officer", "funeral-director",
                           "airline-pilot", "radiographer")


@pytest.mark.model
@pytest.mark.parametrize("question", [
    "whats the shift pattern like on a ship for the officers",
    "whats the worst thing about being a ships officer tbh",
])
def test_officers_on_a_ship_are_the_deck_officer(site: Any, question: str) -> None:
    # had been answered with the police officer's shifts
    answer = site.ask(question)
    assert answer.answered and cited_guides(answer) == {"deck-officer"}, answer.text


@pytest.mark.model
def test_how_long_to_become_one_is_answered_by_its_alias(site: Any) -> None:
    # had been declined: near "how long it takes to become one", a topic
    # guides rarely cover, though the guide gives it
    answer = site.ask("how long does it take to become an undertaker")
    assert answer.answered and "three to four years" in answer.text, answer.text


@pytest.mark.model
def test_paying_income_tax_is_no_question_of_pay(site: Any) -> None:
    answer = site.ask("do seafarers pay income tax", scope="deck-officer")
    assert answer.answered and "Seafarers' Earnings Deduction" in answer.text, answer.text


@pytest.mark.model
def test_a_former_job_is_asked_of_the_role(site: Any) -> None:
    # had been declined: "the deck officer guide does not cover ex"
    answer = site.ask("what jobs can ex deck officers do on land")
    assert answer.answered and "harbour masters" in answer.text, answer.text


@pytest.mark.model
def test_the_worst_of_it_is_the_lines_under_cons(site: Any) -> None:
    # had been answered with the outlook (shortage of "ship's officers")
    answer = site.ask("whats the worst thing about being a ships officer tbh")
    assert answer.answered and "Months away from friends and family" in answer.text, answer.text


@pytest.mark.model
def test_years_of_uni_asked_in_chat_ask_only_how_long(site: Any) -> None:
    # had been declined: "yrs" read as typed did not ask "how many years"
    answer = site.ask("how many yrs of uni to be an xray tech")
    assert answer.answered and "three-year" in answer.text, answer.text
