"""Guides written blind, as a site would bring them, on what the twenty-fourth
session changed: a question naming no role that no passage of any guide
comes near is declined, though one guide speaks of recipes and another of
sauces. The real model, the committed tuning, a fresh index, no memory.
"""

from __future__ import annotations

from typing import Any

import pytest

from citing import cited_guides


@pytest.fixture(scope="module")
def kitchen(blind_assistant: Any) -> Any:
    """A butcher's guide (its recipes), a chef's (its sauces) and a solicitor's."""
    return blind_assistant("butcher", "chef", "solicitor")


@pytest.mark.model
@pytest.mark.parametrize("question", [
    "easy shepherd's pie recipe",
    "how do i make a béarnaise sauce",
    "whats the best way to get red wine out of a cream carpet",
])
def test_a_question_of_every_guide_near_none_is_declined(kitchen: Any, question: str) -> None:
    answer = kitchen.ask(question)
    assert not answer.answered, answer.text


@pytest.mark.model
def test_a_question_naming_no_role_its_passage_speaks_of_is_answered(kitchen: Any) -> None:
    # as far from every passage as the recipe, but the chef's brigade passage
    # holds most of its words
    answer = kitchen.ask("what does the second in command do?")
    assert answer.answered and cited_guides(answer) == {"chef"}, answer.text
    assert "sous chef" in answer.text.lower()


@pytest.fixture(scope="module")
def imaging(blind_assistant: Any) -> Any:
    """A radiographer's guide (it works beside sonographers) and a translator's
    (it tells translating from interpreting)."""
    return blind_assistant("radiographer", "translator")


@pytest.mark.model
@pytest.mark.parametrize("question, role", [
    ("how much does a sonographer earn", "sonographer"),
    ("how do i become a conference interpreter", "conference interpreter"),
])
def test_a_job_a_guide_only_works_beside_is_no_guides_to_answer(
        imaging: Any, question: str, role: str) -> None:
    # had been answered with another role's pay and the translator's
    # "translation is a different job from interpreting"
    answer = imaging.ask(question)
    assert not answer.answered and role in answer.text.lower(), answer.text
    assert imaging.ask("how do i become a radiographer").answered
