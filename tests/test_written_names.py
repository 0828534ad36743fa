"""A name a guide writes in capitals, word after word, is found by its
initials, which the guide never writes ("asl" of "American Sign Language")."""

from __future__ import annotations

from pathlib import Path

from cataloguing import catalogue_of
from roleqa.engine.initials import capitalised
from roleqa.engine.scoping import guides_for
from roleqa.engine.typed import repair
from roleqa.text import Vocabulary

SIGNER = """---
title: "Sign Language Interpreter"
role: "Sign language interpreter"
---

## Overview

Most interpreters work between American Sign Language and spoken English.

## Entry routes

First comes learning American Sign Language, often at a community college.

## Pay Of Freelancers

Freelancers set their own rates.

Agencies take a cut.
"""

NURSE = """# Registered nurse

## Pay

American hospitals pay nurses well. The Nurse Licensure Compact lets a nurse
work in other states. American nurses often join the Nurse Licensure Compact.
"""


def test_a_name_written_in_capitals_twice_in_one_guide_is_found_by_its_initials() -> None:
    docs = [("signer", "Most interpreters work between American Sign Language and English."),
            ("signer", "First comes learning American Sign Language."),
            # once only, or led by a small word at a sentence's start: no name
            ("nurse", "The Royal College of Nursing helps. The Level Three course runs."),
            ("nurse", "The Level Three course is long.")]
    assert capitalised(docs) == {"asl": "american sign language"}
    # a name inside a longer run of capitals, and beside another name
    assert capitalised([("n", "Fluent American Sign Language users sign."),
                        ("n", "Learning American Sign Language helps.")]) == {
        "asl": "american sign language"}
    assert capitalised([("n", "The National Careers Service and the National Health Service."),
                        ("n", "The National Health Service pays.")]) == {
        "nhs": "national health service"}
    # initials that are chat stay as typed: "tbh" is "to be honest"
    assert capitalised([("n", "Tuition By Hour rates."), ("n", "Tuition By Hour again.")]) == {}
    # the same initials for two names in two guides: neither
    docs += [("welder", "Arc Shielding Layers matter. Arc Shielding Layers wear.")]
    assert "asl" not in capitalised(docs)


def test_a_role_asked_by_the_initials_of_a_name_its_guide_writes_is_that_role(
        tmp_path: Path) -> None:
    cat = catalogue_of(tmp_path, {"sign-language-interpreter": SIGNER,
                                  "registered-nurse": NURSE})
    assert cat.short_forms["asl"] == "american sign language"
    assert cat.short_forms["nlc"] == "nurse licensure compact"
    # a heading in capitals over two passages is not a name written twice
    assert "pof" not in cat.short_forms
    vocabulary = Vocabulary([], short_forms=cat.short_forms, capital_forms=cat.capital_forms)
    asked = repair("whats the pay like for asl interpreters in schools", vocabulary)
    assert "american sign language interpreters" in asked
    # answered from the signer's guide, not declined as a role no guide covers
    scoped = guides_for(cat, asked, [], False, cat.slugs)
    assert scoped.refusal is None and scoped.docs == ["sign-language-interpreter"]
