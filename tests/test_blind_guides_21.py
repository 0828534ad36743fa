"""Guides written blind in the twenty-first session, as a site would bring
them: a solicitor's (front matter, a FAQ of question headings), an early years
educator's (no front matter; its other names said in its opening) and an HVAC
technician's (a pay table), beside a web developer's. The real model, the
committed tuning, a fresh index, no memory.
"""

from __future__ import annotations

from typing import Any

import pytest

from citing import cited_guides


@pytest.fixture(scope="module")
def site(blind_assistant: Any) -> Any:
    """Four blind guides in one folder, indexed afresh."""
    return blind_assistant("solicitor", "early-years-educator", "hvac-technician",
                           "web-developer")


@pytest.mark.model
@pytest.mark.parametrize("question", [
    "degree needed for kaiako??",          # "the role is also called a "kaiako""
    "what do ECE teachers earn",
])
def test_a_role_is_asked_by_the_other_names_its_opening_gives(site: Any,
                                                               question: str) -> None:
    answer = site.ask(question)
    assert answer.answered and cited_guides(answer) == {"early-years-educator"}, answer.text


@pytest.mark.model
def test_a_role_is_asked_by_its_everyday_names(site: Any) -> None:
    # data/language.toml [other_names]: the guide never says "nursery"
    answer = site.ask("what does a nursery worker actually do all day")
    assert answer.answered and cited_guides(answer) == {"early-years-educator"}, answer.text


@pytest.mark.model
@pytest.mark.parametrize(("question", "slug"), [
    ("which companies hire optometrists in the uk", "optometrist"),   # "Big UK employers include"
    ("companies that hire wind turbine technicians", "wind-turbine-technician"),
])
def test_who_hires_is_answered_where_a_guide_names_its_employers(
        blind_assistant: Any, question: str, slug: str) -> None:
    answer = blind_assistant("optometrist", "wind-turbine-technician").ask(question)
    assert answer.answered and cited_guides(answer) == {slug}, answer.text
    assert "employers" in answer.text.lower()


@pytest.mark.model
def test_initials_that_are_a_word_name_the_role_only_in_capitals(blind_assistant: Any) -> None:
    site = blind_assistant("optometrist", "early-years-educator")
    # "eye" of an early years educator's initials (EYE) is the eye
    eyes = site.ask("what kind of eye diseases do they check for",
                    ["what does an optometrist do day to day"])
    assert eyes.answered and cited_guides(eyes) == {"optometrist"}, eyes.text
    drops = site.ask("can an optometrist prescribe eye drops or meds")
    assert cited_guides(drops) == {"optometrist"}, drops.text
    # written in capitals, the initials are the role's
    role = site.ask("how much do EYEs earn")
    assert role.answered and cited_guides(role) == {"early-years-educator"}, role.text
