"""Guides written blind in the twenty-third session, as a site would bring
them: a marine biologist's (a pay table, `###` questions, "AIMS" defined in
brackets) beside a social worker's and a teaching assistant's (one spells
out "DBS", the other never does). The real model, the committed tuning, a
fresh index, no memory.
"""

from __future__ import annotations

from typing import Any

import pytest

from citing import cited_guides


@pytest.fixture(scope="module")
def site(blind_assistant: Any) -> Any:
    """Four blind guides in one folder, indexed afresh."""
    return blind_assistant("marine-biologist", "social-worker", "teaching-assistant",
                           "tattoo-artist")


@pytest.mark.model
def test_a_short_form_in_capitals_that_is_a_word_is_the_term_it_stands_for(site: Any) -> None:
    # "AIMS" had been read as the verb and answered with another guide's tools
    answer = site.ask("where is AIMS based?")
    assert answer.answered and cited_guides(answer) == {"marine-biologist"}, answer.text
    assert "Townsville" in answer.text
    follow = site.ask("and csiro's marine group?", ["where is AIMS based?"])
    assert follow.answered and cited_guides(follow) == {"marine-biologist"}, follow.text
    assert "Hobart" in follow.text


@pytest.mark.model
def test_a_short_form_one_guide_spells_out_is_found_in_a_guide_that_never_does(
        site: Any) -> None:
    # the teaching assistant's guide defines "Disclosure and Barring Service
    # (DBS)"; the social worker's says "DBS check" only, and was declined
    answer = site.ask("do i need a dbs check to be a social worker")
    assert answer.answered and cited_guides(answer) == {"social-worker"}, answer.text
    assert "DBS" in answer.text
