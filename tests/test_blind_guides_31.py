"""Guides written blind, as a site would bring them, on what the thirty-first
session changed: an occupation's other names ("vets", "an aircraft
mechanic"); the one country a guide speaks for, asked of it ("how much
does an aircraft maintenance engineer make in australia"); extra pay for
nights given as "shift penalties"; the future of the job asked as its
outlook; a work permit, a condition "if you have" it and Australia's "super"
asked of guides that never speak of them. The real model, the committed
tuning, a fresh index, no memory.
"""

from __future__ import annotations

from typing import Any

import pytest

from citing import cited_guides


@pytest.fixture(scope="module")
def site(blind_assistant: Any) -> Any:
    """A US veterinarian's guide (no front matter), a UK veterinary nurse's
    (alias "vet nurse"), an Australian aircraft maintenance engineer's (a
    title only), a UK police officer's (entry routes, "forces") and a New
    Zealand crane operator's (pay by the hour)."""
    return blind_assistant("veterinarian", "veterinary-nurse", "aircraft-maintenance-engineer",
                           "police-officer", "crane-operator")


@pytest.mark.model
def test_an_occupations_other_name_is_answered_from_its_guide(site: Any) -> None:
    # had been declined: "None of the guides here is about the animal doctor role"
    answer = site.ask("what exam do u have to pass to get licensed as an animal doctor")
    assert answer.answered and cited_guides(answer) == {"veterinarian"}, answer.text
    assert "NAVLE" in answer.text, answer.text
    # had been declined the same way
    answer = site.ask("do i need a uni degree to be an aircraft mechanic")
    assert answer.answered and cited_guides(answer) == {"aircraft-maintenance-engineer"}


@pytest.mark.model
def test_a_vets_pay_in_another_country_is_not_a_vet_nurses(site: Any) -> None:
    # had been answered with the UK veterinary nurse's pay
    answer = site.ask("whats the average vet salary in the uk")
    assert not answer.answered, answer.text


@pytest.mark.model
def test_the_country_a_guide_speaks_for_does_not_bring_its_intro_first(site: Any) -> None:
    # had been answered with the intro, the passage saying "Australia"
    answer = site.ask("Is there much demand for licensed aircraft maintenance engineers "
                      "in Australia at the moment?")
    assert answer.answered and answer.text.startswith("Demand is strong"), answer.text
    # had been answered with the overtime line, beside the hourly rates
    answer = site.ask("how much do crane operators make in nz")
    assert answer.answered and "$36 to $45 an hour" in answer.text, answer.text


@pytest.mark.model
def test_extra_pay_for_nights_given_as_shift_penalties_answers(site: Any) -> None:
    # had been declined: no pay figure for "paid extra"
    answer = site.ask("do they get paid extra for nights?",
                      history=["what are the shifts like for aircraft engineers"])
    assert answer.answered and "15% to 30%" in answer.text, answer.text


@pytest.mark.model
def test_jobs_in_the_future_are_the_jobs_outlook(site: Any) -> None:
    # had been declined: "the veterinarian guide does not cover future"
    answer = site.ask("are there going to be jobs in the future", scope="veterinarian")
    assert answer.answered and "19%" in answer.text, answer.text


@pytest.fixture(scope="module")
def trades(blind_assistant: Any) -> Any:
    """An Australian commercial diver's guide (a day rate, no pension), a UK
    train driver's (a medical, no conditions named) and a Canadian logistics
    coordinator's (no work permits)."""
    return blind_assistant("commercial-diver", "train-driver", "logistics-coordinator")


@pytest.mark.model
@pytest.mark.parametrize("question", [
    "do divers get super paid on top of the day rate",  # had been given the day rates
    "can you be a train driver if you have epilepsy",  # had been given the intro
    "can I work as a logistics coordinator in Canada on a work permit?",  # the entry route
])
def test_what_a_guide_never_speaks_of_is_declined(trades: Any, question: str) -> None:
    answer = trades.ask(question)
    assert not answer.answered, answer.text
