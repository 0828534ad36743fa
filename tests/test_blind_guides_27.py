"""Guides written blind, as a site would bring them, on what the
twenty-seventh session changed: a crane operator asked about as a crane
driver, the diggers an archaeologist's guide says its people call
themselves, a short form that is also a stop word ("HER"), and a word the
model only knows with an ending ("expire" of "expired"). The real model,
the committed tuning, a fresh index, no memory.
"""

from __future__ import annotations

from typing import Any

import pytest

from citing import cited_guides


@pytest.fixture(scope="module")
def site(blind_assistant: Any) -> Any:
    """A crane operator's guide (never says "driver"), a truck driver's, an
    archaeologist's (no front matter), a landscape gardener's (its mini
    digger) and an HVAC technician's (it writes "expires")."""
    return blind_assistant("crane-operator", "truck-driver", "archaeologist",
                           "landscape-gardener", "hvac-technician")


@pytest.mark.model
@pytest.mark.parametrize("question", [
    "how much money do crane drivers earn",
    "whats a tower crane driver get paid per hour",
    "is there work for crane drivers in christchurch",
])
def test_a_crane_driver_is_the_crane_operator(site: Any, question: str) -> None:
    # had been declined: "None of the guides here is about the crane driver role"
    answer = site.ask(question)
    assert answer.answered and cited_guides(answer) == {"crane-operator"}, answer.text


@pytest.mark.model
def test_who_pays_for_training_is_answered_by_who_covers_its_costs(site: Any) -> None:
    answer = site.ask("who pays for the training?", scope="crane-operator")
    assert answer.answered and "Employers generally pay the training costs" in answer.text


@pytest.mark.model
def test_a_count_of_logged_hours_answers_how_many_hours(site: Any) -> None:
    answer = site.ask("how many hours before u can get the mobile one",
                      ["what licences do crane operators need"])
    assert answer.answered and "1,500 logged hours" in answer.text, answer.text


@pytest.mark.model
def test_a_word_the_model_knows_with_an_ending_is_no_name(site: Any) -> None:
    # "expire" is no word of the model's (only "expired"), and the HVAC guide
    # writes "expires": it had been taken for a name only another guide uses
    answer = site.ask("does it expire?", ["do you need a CoC to run a tower crane"])
    assert answer.answered and cited_guides(answer) == {"crane-operator"}, answer.text


@pytest.mark.model
def test_the_names_an_opening_says_people_call_themselves_name_the_role(site: Any) -> None:
    answer = site.ask("what do field techs earn")
    assert answer.answered and cited_guides(answer) == {"archaeologist"}, answer.text
    assert "£24,000 to £26,500" in answer.text
    # a topic the archaeologist's guide leaves out is its to decline
    union = site.ask("is there a union for diggers in the uk")
    assert not union.answered and "archaeologist guide" in union.text, union.text
    # the landscaper's mini digger is no archaeologist
    machine = site.ask("how big is the mini digger usually")
    assert cited_guides(machine) == {"landscape-gardener"}, machine.text


@pytest.mark.model
def test_a_short_form_that_is_a_stop_word_is_read_in_capitals(site: Any) -> None:
    answer = site.ask("what is the HER in archaeology")
    assert answer.answered and "Historic Environment Record" in answer.text, answer.text


@pytest.mark.model
def test_a_paid_job_is_asked_of_how_long_not_of_pay(site: Any) -> None:
    answer = site.ask("so how long till i actually get a paid job",
                      ["how do i become an archeologist", "ok i think i'd do the degree"])
    assert answer.answered and "three to four years" in answer.text, answer.text


@pytest.mark.model
@pytest.mark.parametrize(("question", "said"), [
    ("what hours do crane operators work", "45 to 55 a week"),
    ("what hours do field techs work", "7.30am or 8am"),
])
def test_what_hours_asks_for_working_hours_not_hourly_pay(
        site: Any, question: str, said: str) -> None:
    # the pay passages' "$42 to $55 an hour" had come first
    answer = site.ask(question)
    # the first passage quoted gives the hours
    assert answer.answered and said in answer.text.split("[1]")[0], answer.text


@pytest.mark.model
def test_a_term_the_guide_describes_by_what_one_does_on_it_is_explained(site: Any) -> None:
    answer = site.ask("whats a watching brief")
    assert answer.answered and "monitor a mechanical excavator" in answer.text, answer.text


@pytest.mark.model
def test_pay_the_same_outside_the_capital_answers_for_a_city(site: Any) -> None:
    # had been declined as "pay in Manchester"
    answer = site.ask("whats the pay like in manchester for an archaeologist")
    assert answer.answered and "varies little between regions" in answer.text, answer.text


@pytest.fixture(scope="module")
def two_countries(blind_assistant: Any) -> Any:
    """A civil engineer's guide on the UK and the US, beside a truck driver's."""
    return blind_assistant("civil-engineer", "truck-driver")


@pytest.mark.model
def test_a_question_after_one_on_a_country_is_not_answered_for_another(
        two_countries: Any) -> None:
    # the UK's BEng had come first
    answer = two_countries.ask("how long is the degree",
                               ["how do i become a civil engineer in the us?"])
    assert answer.answered and "four-year bachelor's degree" in answer.text.split("[1]")[0]
    # asked of the UK, the UK's
    uk = two_countries.ask("how long is the degree",
                           ["how do i become a civil engineer in the uk?"])
    assert "BEng (three years)" in uk.text.split("[1]")[0], uk.text


@pytest.fixture(scope="module")
def pensions(blind_assistant: Any) -> Any:
    """An archaeologist's guide (no pension) beside an actuary's (pensions throughout)."""
    return blind_assistant("archaeologist", "actuary")


@pytest.mark.model
def test_paying_into_a_pension_is_asked_of_a_pension_not_of_pay(pensions: Any) -> None:
    # had been answered with the archaeologists' salaries
    answer = pensions.ask("do commercial archaeology units pay into a pension")
    assert not answer.answered and "pension" in answer.text, answer.text
    assert pensions.ask("how much do archaeologists get paid in the uk").answered



@pytest.mark.model
def test_a_follow_up_after_a_question_on_a_country_keeps_to_it(two_countries: Any) -> None:
    answer = two_countries.ask("and how long is the degree?",
                               ["how do i become a civil engineer in the us?"])
    assert "four-year bachelor's degree" in answer.text.split("[1]")[0], answer.text
