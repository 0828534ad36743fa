"""Guides written blind, as a site would bring them, on what the thirtieth
session changed: a short form one guide writes in capitals, typed in lower
case ("join aslef") or after "a" ("a pts card", no physiotherapists); the
country a one-country guide is about, asked of it; days of leave counted
"typically around 30 days". The real model, the committed tuning, a fresh
index, no memory.
"""

from __future__ import annotations

from typing import Any

import pytest

from citing import cited_guides


@pytest.fixture(scope="module")
def site(blind_assistant: Any) -> Any:
    """A UK train driver's guide (no front matter, "PTS" and "ASLEF" never
    spelled out), a truck driver's, a physiotherapist's (alias "PT") and an
    airline pilot's (training costs)."""
    return blind_assistant("train-driver", "truck-driver", "physiotherapist", "airline-pilot")


@pytest.mark.model
def test_a_short_form_after_a_is_not_a_roles_plural(site: Any) -> None:
    # had been read as "do drivers need a physiotherapists card"
    answer = site.ask("do drivers need a pts card")
    assert answer.answered and cited_guides(answer) == {"train-driver"}, answer.text


@pytest.mark.model
def test_a_short_form_one_guide_writes_points_to_it_typed_in_lower_case(site: Any) -> None:
    # had been answered with what a pilot's training costs
    answer = site.ask("how much does it cost to join aslef")
    assert not answer.answered, answer.text
    assert "train driver guide does not cover" in answer.text, answer.text


@pytest.mark.model
def test_the_country_of_a_one_country_guide_is_no_reason_for_its_intro(site: Any) -> None:
    # had been answered with the intro, for its "UK"
    answer = site.ask("How long does it take to qualify as a train driver in the UK?")
    assert answer.answered and "12 and 18 months" in answer.text.split("[1]")[0], answer.text


@pytest.mark.model
def test_days_of_leave_said_typically_around_are_counted(site: Any) -> None:
    # had been declined: "the train driver guide does not cover that"
    answer = site.ask("how much holiday do you get", scope="train-driver")
    assert answer.answered and "30 days" in answer.text, answer.text
