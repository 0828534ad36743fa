"""Guides written blind, as a site would bring them, on what the thirty-fifth
session changed: bold lines standing for headings; a role spelled the other
side of the Atlantic or by another word for its last ("yoga instructor",
"data centre technician"); a unit clipped after a number ("12 hr shifts");
pay in a country a guide gives no pay for, what one charges there, and a fee
that is no pay; a short form in capitals the passages spell out ("CE
hours"); a place spoken of before ("which cities there?"); time spent on
something counted in minutes; a judgement asked ("is it worth it?"). The
real model, the committed tuning, a fresh index, no memory.
"""

from __future__ import annotations

from typing import Any

import pytest

from citing import cited_guides


@pytest.fixture(scope="module")
def site(blind_assistant: Any) -> Any:
    """A yoga teacher's guide (UK and Australia, bold lines for headings), a
    US data center technician's (its H1 a question), a respiratory
    therapist's (US and Canada), a wedding photographer's (Australia), a UK
    Border Force officer's, an archaeologist's, a ski instructor's (Canada and
    New Zealand), a personal trainer's, an HR business partner's ("HR") and a
    US vet's ("CE (continuing education)")."""
    return blind_assistant("yoga-teacher", "data-center-technician", "respiratory-therapist",
                           "wedding-photographer", "border-force-officer", "archaeologist",
                           "ski-instructor", "personal-trainer", "hr-business-partner",
                           "veterinarian")


@pytest.mark.model
def test_a_bold_line_alone_heads_its_section(site: Any) -> None:
    # every passage had been cited under the guide's title
    answer = site.ask("how much do yoga teachers earn per class in the UK?")
    assert answer.answered and cited_guides(answer) == {"yoga-teacher"}, answer.text
    assert answer.sources[0].passage.section == "How much yoga teachers earn", answer.sources


@pytest.mark.model
def test_a_role_is_heard_by_another_word_or_spelling(site: Any) -> None:
    # had been "None of the guides here is about the yoga instructor role"
    answer = site.ask("what do yoga instructors earn a year in the UK?")
    assert answer.answered and "£22,000" in answer.text, answer.text
    # ... and "the data centre technician role"
    answer = site.ask("do data centre technicians get paid overtime?")
    assert answer.answered and "time and a half" in answer.text, answer.text
    # read as the guide spells it, "archeologist" searches as "archaeologist" does
    answer = site.ask("do u need a degree to be an archeologist")
    assert answer.answered and cited_guides(answer) == {"archaeologist"}, answer.text
    # a role no guide covers is still none ("instructor" is no teacher of anything)
    answer = site.ask("how much does a wedding videographer earn in australia")
    assert not answer.answered and "videographer" in answer.text, answer.text


@pytest.mark.model
def test_a_unit_after_a_number_is_spelled_out(site: Any) -> None:
    # had been "does not cover hr"
    answer = site.ask("do RTs work 12 hr days? how many days a week is that")
    assert answer.answered and "three days a week" in answer.text, answer.text


@pytest.mark.model
def test_pay_is_not_given_for_a_country_the_guide_pays_nowhere_in(site: Any) -> None:
    # had been answered with pounds and Australian dollars: "US$65" is a fee
    answer = site.ask("how much do yoga teachers make in the US per class?")
    assert not answer.answered and "pay in the United States" in answer.text, answer.text
    # had been answered with Australian package prices: what one charges is pay
    answer = site.ask("what do wedding photographers charge in new zealand for a full day")
    assert not answer.answered and "New Zealand" in answer.text, answer.text
    # dollars marked with their country are that country's pay ("CA$12,000")
    answer = site.ask("how much does a ski instructor make in canada over a whole season?")
    assert answer.answered and "CA$12,000" in answer.text, answer.text


@pytest.mark.model
def test_a_short_form_the_passages_spell_out_is_theirs(site: Any) -> None:
    # had been "does not cover ce": the guide says "continuing education"
    answer = site.ask("how many CE hours do they need to do?",
                      history=["do yoga teachers have to keep training to stay with yoga "
                               "alliance?"])
    assert answer.answered and "30 hours" in answer.text, answer.text


@pytest.mark.model
def test_there_is_the_place_asked_of_before(site: Any) -> None:
    # "there" makes a follow-up (test_assistant): the course asked of is Canada's
    answer = site.ask("how many years is the program there?",
                      history=["how do i become a respiratory therapist in canada"])
    assert answer.answered and "three-year diploma" in answer.text, answer.text


@pytest.mark.model
def test_time_spent_on_something_is_counted_in_minutes(site: Any) -> None:
    # had been declined: a duration was read in hours, days or more only
    answer = site.ask("how long do they usually spend on the couple portraits",
                      history=["what's a typical wedding day like for a wedding photographer?"])
    assert answer.answered and "30 to 60 minutes" in answer.text, answer.text


@pytest.fixture(scope="module")
def offices(blind_assistant: Any) -> Any:
    """A data protection officer's guide, a Border Force officer's, a
    sommelier's, a UX designer's, an electrician's ("GCSEs") and a
    solicitor's."""
    return blind_assistant("data-protection-officer", "border-force-officer", "sommelier",
                           "ux-designer", "electrician", "solicitor")


@pytest.mark.model
def test_a_judgement_asked_of_what_a_guide_covers_is_answered(offices: Any) -> None:
    # had been "does not cover worth" and "does not cover stressful"
    answer = offices.ask("is the google ux certificate worth it")
    assert answer.answered and cited_guides(answer) == {"ux-designer"}, answer.text
    answer = offices.ask("is it stressful tho, what are the hours like for sommeliers")
    assert answer.answered and cited_guides(answer) == {"sommelier"}, answer.text


@pytest.mark.model
def test_the_visitors_own_studies_are_no_topic(offices: Any) -> None:
    # had been "does not cover gcses" and "does not cover history"
    answer = offices.ask("can i become a BFO without going to uni? i only have gcses")
    assert answer.answered and cited_guides(answer) == {"border-force-officer"}, answer.text
    answer = offices.ask("Can you become a solicitor if you studied history at uni?")
    assert answer.answered and cited_guides(answer) == {"solicitor"}, answer.text


@pytest.mark.model
def test_a_country_is_read_off_a_passages_section_heading(site: Any) -> None:
    # had been answered with the guide's introduction first: the US list item
    # names no country, its heading "United States" does
    answer = site.ask("what degree do i need to be a respiratory therapist in the US")
    assert answer.answered and answer.text.startswith("You need at least an associate degree"), (
        answer.text)
