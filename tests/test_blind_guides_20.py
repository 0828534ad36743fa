"""Guides written blind in the twentieth session, as a site would bring them:
an accountant's (a FAQ), a radiographer's (no front matter, a pay table in
Australian dollars with a note under it) and a translator's (lists written as
lines opening with bold labels, no list markers), beside a court reporter's.
The real model, the committed tuning, a fresh index, no memory.
"""

from __future__ import annotations

from typing import Any

import pytest

from citing import cited_guides


@pytest.fixture(scope="module")
def site(blind_assistant: Any) -> Any:
    """Four blind guides in one folder, indexed afresh."""
    return blind_assistant("accountant", "radiographer", "translator", "court-reporter")


@pytest.mark.model
def test_lines_opening_with_bold_labels_are_answered_as_a_list(site: Any) -> None:
    answer = site.ask("what software do i need to work as a translator?")
    assert answer.answered and cited_guides(answer) == {"translator"}, answer.text
    # the lead-in, then each line a bullet of its own, with its label
    assert "• CAT tools: Trados Studio" in answer.text, answer.text
    assert "• QA checkers: Xbench" in answer.text


@pytest.mark.model
def test_a_pay_table_under_its_heading_is_shown_whole_and_its_note_says_whose(
        site: Any) -> None:
    pay = site.ask("how much do radiographers make")
    assert pay.answered and pay.text.count("$") >= 8, pay.text  # four rows, two figures each
    # "These are ... salaries in Australian dollars": the table is Australia's pay
    australia = site.ask("how much do radiographers make in australia")
    assert australia.answered and cited_guides(australia) == {"radiographer"}, australia.text
    # but a country's figures are no city's the guide never names
    perth = site.ask("how much do radiographers earn in perth")
    assert not perth.answered and "Perth" in perth.text, perth.text


@pytest.mark.model
@pytest.mark.parametrize("question", [
    "how much pension do accountancy firms pay into",   # what the money is of
    "best uni in australia for medical radiation science?",  # a place to study
    "what ATAR do you need to get into radiography",    # a score
])
def test_what_the_guides_never_name_is_declined(site: Any, question: str) -> None:
    answer = site.ask(question)
    assert not answer.answered, answer.text


@pytest.mark.model
def test_informal_names_and_chat_clippings(site: Any) -> None:
    for question in ("what does an x-ray tech do all day", "is rad tech a high pressure job"):
        answer = site.ask(question)
        assert answer.answered and cited_guides(answer) == {"radiographer"}, (question, answer.text)
    # "rn" (right now) before another clause is chat, and "dying" asks for the outlook
    dying = site.ask("is there still demand for court reporters rn or is it dying")
    assert dying.answered and cited_guides(dying) == {"court-reporter"}, dying.text


@pytest.mark.model
@pytest.mark.parametrize(("question", "history", "says"), [
    # sides of the job asked in words the guide does not use (data/language.toml [facets])
    ("what about soft skills?", ["what skills does a radiographer need?"], "communicat"),
    ("and what's the top of the ladder?", ["can radiographers specialise"], "chief"),
    ("whats the rota like for radiographers?", [], "rosters"),
])
def test_a_side_of_the_job_asked_in_other_words_is_answered(
        site: Any, question: str, history: list[str], says: str) -> None:
    answer = site.ask(question, history)
    assert answer.answered and says in answer.text.lower(), answer.text
