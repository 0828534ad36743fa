"""Guides written blind, as a site would bring them, on what the thirty-fourth
session changed: a short form made of the openings of its words
("LOTO", lockout/tagout); a question near a topic guides rarely cover that
the best passage says in so many words ("a defined benefit pension",
"Grade 12 math"). The real model, the committed tuning, a fresh index, no
memory.
"""

from __future__ import annotations

from typing import Any

import pytest

from citing import cited_guides


@pytest.fixture(scope="module")
def site(blind_assistant: Any) -> Any:
    """A Canadian power line technician's guide (front matter with aliases,
    an apprentice pay table), a UK museum curator's (no front matter, bold
    questions), a Canadian massage therapist's (a title only, question
    headings), a physiotherapist's and an electrician's."""
    return blind_assistant("power-line-technician", "museum-curator", "massage-therapist",
                           "physiotherapist", "electrician")


@pytest.mark.model
def test_a_short_form_made_of_its_words_openings_is_spelled_out(site: Any) -> None:
    # had been declined: no passage spelled "LOTO" out letter by word
    answer = site.ask("what does LOTO stand for in line work")
    assert answer.answered and cited_guides(answer) == {"power-line-technician"}, answer.text
    assert "lockout/tagout" in answer.text, answer.text


@pytest.mark.model
def test_a_topic_the_best_passage_says_is_answered(site: Any) -> None:
    # had been declined as far from every passage: the pay paragraph holding
    # it is weak as a whole
    answer = site.ask("is the pension defined benefit or the other kind",
                      history=["what benefits do utility lineworkers get?"])
    assert answer.answered and "defined benefit pension" in answer.text, answer.text
    answer = site.ask("do i need grade 12 math for this", scope="power-line-technician")
    assert answer.answered and "Grade 12 math" in answer.text, answer.text
