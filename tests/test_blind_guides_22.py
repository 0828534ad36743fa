"""Guides written blind in the twenty-second session, as a site would bring
them: a butcher's (no front matter, question headings), a teaching
assistant's (H3 subsections and a section of questions) and a cybersecurity
analyst's, beside guides that speak of AI. The real model, the committed
tuning, a fresh index, no memory.
"""

from __future__ import annotations

from typing import Any

import pytest

from citing import cited_guides


@pytest.fixture(scope="module")
def site(blind_assistant: Any) -> Any:
    """Five blind guides in one folder, indexed afresh."""
    return blind_assistant("butcher", "teaching-assistant", "cybersecurity-analyst",
                           "translator", "web-developer")


@pytest.mark.model
@pytest.mark.parametrize(("question", "slug", "said"), [
    # under "Machine translation and AI", and under "Outlook"
    ("will AI replace translators??", "translator", "machine-translated"),
    ("Will AI replace web developers?", "web-developer", "copilot"),
])
def test_whether_ai_will_replace_a_role_is_answered_where_its_guide_says(
        site: Any, question: str, slug: str, said: str) -> None:
    answer = site.ask(question)
    assert answer.answered and cited_guides(answer) == {slug}, answer.text
    assert said in answer.text.lower()


@pytest.mark.model
def test_whether_ai_will_replace_a_role_is_declined_where_its_guide_never_says(
        catalogue_assistant: Any) -> None:
    # the data analyst guide speaks of "AI projects", never of AI taking its work
    answer = catalogue_assistant.ask("will AI replace data analysts?")
    assert not answer.answered, answer.text


@pytest.mark.model
def test_a_side_of_the_job_is_found_by_a_heading_of_its_own_words(site: Any) -> None:
    # "Where can it lead?" speaks of the career path; the reranker put it seventh
    answer = site.ask("career progression?", scope="butcher")
    assert answer.answered and "head butcher or shop manager" in answer.text, answer.text


@pytest.mark.model
def test_do_i_need_a_degree_is_answered_by_the_guide_saying_no(site: Any) -> None:
    # not by the progression passage naming a route "for those without a degree"
    answer = site.ask("do i need a degree to be a TA")
    assert answer.text.startswith("No, you do not need a degree"), answer.text


@pytest.mark.model
def test_a_premium_is_answered_only_for_what_the_guide_names(blind_assistant: Any) -> None:
    site = blind_assistant("cloud-security-engineer", "veterinary-nurse")
    # "extra pay for nights and on-call" is the vet nurse guide's; the cloud
    # security guide gives pay but never names on-call work
    nights = site.ask("do they get paid extra for nights", ["how much do vet nurses earn"])
    assert nights.answered and "nights" in nights.text, nights.text
    on_call = site.ask("do cloud security engineers get paid extra for being on call?")
    assert not on_call.answered and "pay for on call" in on_call.text, on_call.text
    after = site.ask("do they get paid extra for being on call?",
                     ["how much do cloud security engineers make?"])
    assert not after.answered, after.text
