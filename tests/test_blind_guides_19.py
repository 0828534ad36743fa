"""Guides written blind in the nineteenth session, as a site would bring them:
a zookeeper's (no front matter, a pay table), a court reporter's (aliases, a
FAQ), a data protection officer's (EUR pay for two countries) and a truck
driver's ("Pros:" and "Cons:" lists). The real model, the committed tuning, a
fresh index, no memory.
"""

from __future__ import annotations

from typing import Any

import pytest

from citing import cited_guides


@pytest.fixture(scope="module")
def site(blind_assistant: Any) -> Any:
    """Four blind guides in one folder, indexed afresh."""
    return blind_assistant("zookeeper", "court-reporter", "data-protection-officer",
                           "truck-driver")


@pytest.mark.model
def test_pros_and_cons_asked_together_show_both_lists_in_the_guides_order(site: Any) -> None:
    both = site.ask("trucker pros and cons")
    assert both.answered and "Pros:" in both.text and "Cons:" in both.text, both.text
    assert both.text.index("Pros:") < both.text.index("Cons:")
    cons = site.ask("what are the cons of being a truck driver?")
    assert cons.answered and "Cons:" in cons.text and "Pros:" not in cons.text, cons.text


@pytest.mark.model
def test_pay_listed_after_a_lead_in_naming_a_country_is_that_countrys(site: Any) -> None:
    germany = site.ask("what's the pay like in germany?", scope="data-protection-officer")
    assert germany.answered and "€" in germany.text and "Germany" in germany.text, germany.text
    after = site.ask("what about in germany?", ["How much does a DPO earn in Ireland?"])
    assert after.answered and "Germany" in after.text, after.text


@pytest.mark.model
def test_when_a_thing_is_required_asks_a_condition(site: Any) -> None:
    answer = site.ask("When is a company legally required to appoint a data protection officer?")
    assert answer.answered and "Article 37" in answer.text, answer.text


@pytest.mark.model
def test_a_role_written_otherwise_is_named(site: Any) -> None:
    # a two-word role's initials in capitals, as people
    crs = site.ask("do CRs need a bachelors degree or not")
    assert crs.answered and cited_guides(crs) == {"court-reporter"}, crs.text
    # a one-word role written in two
    keepers = site.ask("what do zoo keepers earn?")
    assert keepers.answered and cited_guides(keepers) == {"zookeeper"}, keepers.text
    assert "£" in keepers.text


@pytest.mark.model
def test_do_i_need_a_degree_is_answered_by_the_passage_saying_it_is_not_needed(
        site: Any) -> None:
    answer = site.ask("Do you need a degree to become a court reporter?")
    assert answer.answered and "is not required" in answer.sources[0].passage.text, answer.text


@pytest.mark.model
def test_software_asked_for_is_the_tools_passage(site: Any) -> None:
    answer = site.ask("what software does a data protection officer use?")
    assert answer.answered and "OneTrust" in answer.text, answer.text
