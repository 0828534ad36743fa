"""Guides written blind, as a site would bring them, on what the
twenty-ninth session changed: a role asked by the initials of a name its
guide writes out ("asl interpreter") and an FAQ's answer after its question,
how to become one asked as the way in, and "alot". The real model, the
committed tuning, a fresh index, no memory. (Becoming a senior and a heading
ranked low are tested in test_rerank: in this small catalogue they passed before.)
"""

from __future__ import annotations

from typing import Any

import pytest

from citing import cited_guides


@pytest.fixture(scope="module")
def site(blind_assistant: Any) -> Any:
    """A sign language interpreter's guide (no "ASL" in it), a translator's,
    a forensic scientist's (no front matter, a title naming the field), a
    real estate agent's and an electrician's."""
    return blind_assistant("sign-language-interpreter", "translator", "forensic-scientist",
                           "real-estate-agent", "electrician")


@pytest.mark.model
def test_a_role_asked_by_the_initials_of_a_name_its_guide_writes(site: Any) -> None:
    # had been answered with the FAQ's question alone: "Q: Can I work without
    # certification?" (in the whole blind catalogue, declined: "None of the
    # guides here is about the asl interpreter role", see test_written_names)
    answer = site.ask("can u work as an asl interpreter without being certified")
    assert answer.answered and cited_guides(answer) == {"sign-language-interpreter"}, answer.text
    assert "especially in schools" in answer.text, answer.text


@pytest.mark.model
def test_how_to_become_one_is_answered_with_the_way_in(site: Any) -> None:
    # had been answered with becoming an approved electrician later on
    answer = site.ask("How do I become an electrician?")
    assert answer.answered and "apprenticeship" in answer.text, answer.text
    assert "approved electrician" not in answer.text.split("[1]")[0], answer.text


@pytest.mark.model
def test_alot_is_a_lot(site: Any) -> None:
    # had been declined: "the forensic scientist guide does not cover alto"
    answer = site.ask("do u have to testify in court alot as a forensic scientist")
    assert answer.answered and cited_guides(answer) == {"forensic-scientist"}, answer.text
