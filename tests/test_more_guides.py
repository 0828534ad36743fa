"""Guides written blind in the sixteenth session, as a site would bring them:
a wind turbine technician's (aliases in front matter, US pay), an event
planner's (AUD pay in prose, bold labels) and a pharmacy technician's beside a
pharmacist's. The real model, the committed tuning, a fresh index, no memory.
"""

from __future__ import annotations

from typing import Any

import pytest

from citing import cited_guides


@pytest.fixture(scope="module")
def trades(blind_assistant: Any) -> Any:
    """Four blind guides in one folder, indexed afresh."""
    return blind_assistant("wind-turbine-technician", "event-planner", "pharmacy-technician",
                           "pharmacist")


@pytest.mark.model
def test_pay_for_a_state_the_guide_never_names_is_declined(trades: Any) -> None:
    state = trades.ask("wind turbine technician salary in california")
    assert not state.answered and "California" in state.text, state.text
    country = trades.ask("how much do wind techs earn in the us?")
    assert country.answered and "$" in country.prose, country.text
    # NHS bands "for England" are not Scotland's
    scotland = trades.ask("pharmacy technician salary in scotland")
    assert not scotland.answered and "Scotland" in scotland.text, scotland.text
    # a part paid as its country is: UK figures answer for England
    england = trades.ask("how much do pharmacists earn in england?")
    assert england.answered and "£" in england.prose, england.text


@pytest.mark.model
def test_a_role_with_every_word_shortened_is_named(trades: Any) -> None:
    answer = trades.ask("how is a pharm tech different from a pharmacist")
    assert answer.answered and "two-year work-based" in answer.prose, answer.text
    assert "pharmacy-technician" in cited_guides(answer)


@pytest.mark.model
def test_sides_of_the_job_asked_in_words_the_guide_heads_otherwise(trades: Any) -> None:
    # "is it safe" is read as the guide's section on safety
    safe = trades.ask("is it safe to climb turbines?", scope="wind-turbine-technician")
    assert safe.answered and "lockout/tagout" in safe.prose.split(".")[0], safe.text


@pytest.mark.model
def test_what_the_role_does_all_day_is_shown_with_its_sections_list(trades: Any) -> None:
    # the section's paragraph ranks first; the tasks it lists follow it
    day = trades.ask("what does a wind turbine tech actually do all day")
    assert day.answered and "Climbing towers" in day.prose, day.text
    assert cited_guides(day) == {"wind-turbine-technician"}


@pytest.mark.model
def test_days_of_leave_are_not_answered_with_hours_or_years(trades: Any) -> None:
    leave = trades.ask("how many days annual leave do nhs pharmacy technicians get")
    assert not leave.answered, leave.text
    # days counted only for time off: a week's hours still answer the working week
    week = trades.ask("how many hours a week do pharmacy technicians work?")
    assert week.answered and "37.5 hours" in week.prose, week.text
