"""Short forms a guide defines in brackets: read past joining words, kept
to capitals where they are a word too, and kept beside their spelling where
a passage writes them alone."""

from __future__ import annotations

from pathlib import Path

from cataloguing import catalogue_of
from roleqa.engine.catalogue import Catalogue
from roleqa.engine.scoping import spelled_here
from roleqa.engine.typed import repair
from roleqa.text import Vocabulary

MARINE = """# Marine biologist

## Employers

The Australian Institute of Marine Science (AIMS) in Townsville hires marine scientists.
Actuaries qualify with the Institute and Faculty of Actuaries (IFoA) in the UK.
Social workers finish the Assessed and Supported Year in Employment (ASYE) first.
Divers log their continuing professional development hours.

## About this guide

This guide aims to help you choose.
"""

ASSISTANT = """# Teaching assistant

## Checks

You need an enhanced Disclosure and Barring Service (DBS) check before you start.
Most schools ask for continuing professional development (CPD) each year.
"""

SOCIAL = """# Social worker

## Checks

Every social worker needs a DBS check, renewed every three years.
Employers fund CPD courses for their staff.
"""


def _catalogue(tmp_path: Path, dictionary: frozenset[str] = frozenset()) -> Catalogue:
    return catalogue_of(tmp_path, {"marine-biologist": MARINE, "teaching-assistant": ASSISTANT,
                                   "social-worker": SOCIAL}, dictionary)


def test_a_short_form_is_read_past_the_joining_words_of_its_term(tmp_path: Path) -> None:
    forms = _catalogue(tmp_path).short_forms
    assert forms["ifoa"] == "institute and faculty of actuaries"
    # "and" gives the A only where nothing else would: not "and supported ..."
    assert forms["asye"] == "assessed and supported year in employment"


def test_a_defined_short_form_that_is_a_word_is_spelled_out_only_in_capitals(
        tmp_path: Path) -> None:
    cat = _catalogue(tmp_path)
    assert "aims" not in cat.short_forms  # the guide writes "aims to help"
    vocabulary = Vocabulary([], short_forms=cat.short_forms, capital_forms=cat.capital_forms)
    assert "australian institute of marine science" in repair("where is AIMS based?", vocabulary)
    assert repair("what are the aims of the job?", vocabulary) == "what are the aims of the job?"
    # a question all in capitals says nothing by its capitals
    assert "institute" not in repair("WHAT ARE THE AIMS OF THE JOB?", vocabulary)


def test_a_short_form_the_guides_write_as_a_word_is_spelled_out_only_in_capitals(
        tmp_path: Path) -> None:
    cat = catalogue_of(tmp_path, {
        "speech-therapist": (
            "# Speech therapist\n\n## Tests\n\nThey run a fibreoptic endoscopic evaluation of "
            "swallowing (FEES) on the ward. Course fees are paid by the NHS.\n"
            "Children with special educational needs and disabilities (SEND) are seen "
            "at school, and reports are sent to parents.\n"),
    })
    assert "fees" not in cat.short_forms  # "what are the course fees?" asks of money
    vocabulary = Vocabulary([], short_forms=cat.short_forms, capital_forms=cat.capital_forms)
    # in capitals it is kept beside its spelling: "SEND pupils" may be "send" said loudly
    assert repair("is a FEES test painful?", vocabulary).startswith(
        "is a fees fibreoptic endoscopic evaluation of swallowing test")
    assert repair("what are the fees?", vocabulary) == "what are the fees?"


def test_a_short_form_defined_two_ways_is_left_as_typed(tmp_path: Path) -> None:
    forms = catalogue_of(tmp_path, {
        "barista": (
            "# Barista\n\n## Courses\n\nThe Specialty Coffee Association (SCA) runs courses.\n"),
        "copywriter": (
            "# Copywriter\n\n## Courses\n\nSome study at the School of Communication Arts "
            "(SCA) in London. Others get Qualified Teacher Status (QTS) first.\n"),
    }).short_forms
    assert "sca" not in forms
    # a last S that is the short form's own, not a plural's
    assert forms["qts"] == "qualified teacher status"


def test_chat_a_guide_defines_as_a_short_form_is_its_term_only_in_capitals(
        tmp_path: Path) -> None:
    cat = catalogue_of(tmp_path, {
        "cloud-engineer": (
            "# Cloud engineer\n\n## Work\n\nThey design identity and access management (IAM) "
            "policies.\n"),
    })
    vocabulary = Vocabulary([], short_forms=cat.short_forms, capital_forms=cat.capital_forms)
    assert repair("iam good at maths, what job suits me?", vocabulary).startswith("i am good")
    assert "identity and access management" in repair("what is IAM?", vocabulary)
    # a question all in capitals is chat as ever
    assert repair("IAM GOOD AT MATHS", vocabulary).startswith("i am ")


def test_a_short_form_a_passage_writes_alone_is_kept_beside_its_spelling(
        tmp_path: Path) -> None:
    forms = _catalogue(tmp_path).short_forms
    # the social worker's guide says "DBS check" and never spells it out
    assert forms["dbs"] == "dbs disclosure and barring service"
    assert forms["cpd"] == "cpd continuing professional development"
    # every passage writing "IFoA" spells it out: found by its spelling alone
    assert forms["ifoa"] == "institute and faculty of actuaries"


def test_a_guide_writing_one_spelling_of_a_short_form_lacks_no_word_of_the_other(
        tmp_path: Path) -> None:
    cat = _catalogue(tmp_path)
    asked = ["dbs", "disclosure", "barring", "service", "check"]
    assert spelled_here(asked, cat, ["social-worker"]) == ["dbs", "check"]
    # the marine guide spells out continuing professional development only
    asked = ["cpd", "continuing", "professional", "development", "hours"]
    assert spelled_here(asked, cat, ["marine-biologist"]) == asked[1:]
    # a guide writing neither lacks both
    assert spelled_here(["dbs", "disclosure", "barring", "service"], cat,
                        ["marine-biologist"]) == ["dbs", "disclosure", "barring", "service"]


def test_a_short_form_its_own_guide_writes_alone_after_spelling_it_is_kept_beside(
        tmp_path: Path) -> None:
    # spelled out once, then written alone in another section: a question
    # saying "ASYE" finds that section by the short form too
    forms = catalogue_of(tmp_path, {
        "social-worker": (
            "# Social worker\n\n## Training\n\nNewly qualified social workers do the Assessed "
            "and Supported Year in Employment (ASYE).\n\n## Pay\n\nPay rises once you pass "
            "the ASYE, usually after twelve months.\n"),
    }).short_forms
    assert forms["asye"] == "asye assessed and supported year in employment"


def test_a_defined_short_form_that_is_a_stop_word_is_spelled_out_only_in_capitals(
        tmp_path: Path) -> None:
    cat = catalogue_of(tmp_path, {"archaeologist": (
        "# Archaeologist\n\n## Records\n\nResults go to the Historic Environment "
        "Record (HER), the database councils use. Her report is filed.\n")})
    vocabulary = Vocabulary([], short_forms=cat.short_forms, capital_forms=cat.capital_forms)
    assert "historic environment record" in repair("what is the HER in archaeology", vocabulary)
    assert repair("what does her day look like", vocabulary) == "what does her day look like"
