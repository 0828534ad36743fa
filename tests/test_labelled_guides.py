"""Guides written blind in the eighteenth session, as a site would bring them:
an actuary's (question headings, a pay table, pros and cons under one
heading), a barista's (no front matter, bold-labelled paragraphs, US pay by
the hour), a quantity surveyor's (AUD pay in prose, "Label — value" key
facts), a flight attendant's and a speech and language therapist's, beside an
occupational therapist's. The real model, the committed tuning, a fresh
index, no memory.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

BLIND = Path(__file__).resolve().parents[1] / "eval" / "blind" / "guides"


@pytest.fixture(scope="module")
def guides(assistant_over: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Six blind guides in one folder, indexed afresh."""
    corpus = tmp_path_factory.mktemp("guides")
    for slug in ("actuary", "barista", "quantity-surveyor", "flight-attendant",
                 "speech-and-language-therapist", "occupational-therapist"):
        (corpus / f"{slug}.md").write_text((BLIND / f"{slug}.md").read_text(encoding="utf-8"),
                                           encoding="utf-8")
    return assistant_over(corpus)


@pytest.mark.model
def test_pay_given_in_australian_dollars_answers_pay_questions(guides: Any) -> None:
    levels = guides.ask("QS salary in AUD by experience?")
    assert levels.answered and "AUD 90,000" in levels.prose, levels.text
    graduates = guides.ask("what's the pay like for graduates?", scope="quantity-surveyor")
    assert graduates.answered and "AUD 65,000" in graduates.prose, graduates.text
    # a city the guide never names: its national figures are no answer
    perth = guides.ask("quantity surveyor salary in perth")
    assert not perth.answered and "Perth" in perth.text, perth.text


@pytest.mark.model
def test_a_bare_follow_up_after_pay_asks_for_its_pay(guides: Any) -> None:
    directors = guides.ask("and what about directors?",
                          ["what does a quantity surveyor earn starting out?"])
    assert directors.answered and "AUD 220,000" in directors.prose, directors.text
    # the manager's pay, not what the course costs
    manager = guides.ask("what's the pay for that job?", ["what does a cafe manager do?"])
    assert manager.answered and "$20 to $28" in manager.prose, manager.text


@pytest.mark.model
def test_the_downsides_under_a_pros_and_cons_heading_are_the_cons(guides: Any) -> None:
    cons = guides.ask("whats the downside?", scope="actuary")
    assert cons.answered and "Exam pressure" in cons.prose, cons.text
    assert "High pay" not in cons.prose, cons.text
    pros = guides.ask("what are the good bits of being an actuary?")
    assert pros.answered and "Job security" in pros.prose, pros.text
    assert "Exam pressure" not in pros.prose, pros.text


@pytest.mark.model
def test_a_bold_label_is_cited_as_the_section_it_heads(guides: Any) -> None:
    tips = guides.ask("do baristas get tips")
    assert tips.answered and "$2 to $6" in tips.prose, tips.text
    assert "Tips" in {s.passage.section for s in tips.sources}


@pytest.mark.model
def test_now_and_uni_are_said_the_way_guides_say_them(guides: Any) -> None:
    demand = guides.ask("is there demand for actuaries right now")
    assert demand.answered and "short supply" in demand.prose, demand.text
    uni = guides.ask("can u become a QS without going to uni")
    assert uni.answered, uni.text


@pytest.mark.model
def test_a_role_asked_by_its_everyday_name_or_measure_is_answered(guides: Any) -> None:
    speech = guides.ask("How do I become a speech therapist?")
    assert speech.answered, speech.text
    assert {s.passage.doc for s in speech.sources} == {"speech-and-language-therapist"}
    tall = guides.ask("how tall do you have to be to be cabin crew")
    assert tall.answered and "212 centimetres" in tall.prose, tall.text
