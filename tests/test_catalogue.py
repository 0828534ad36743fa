"""Many guides in one corpus: front matter, role names, scoping, and declines per guide.

The unit tests build small guides here; the ``model`` tests use the example
catalogue (examples/catalogue: six role guides that share template text) with
the real model.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from cataloguing import catalogue_of
from citing import cited_guides
from roleqa.engine.catalogue import Catalogue
from roleqa.engine.query import repair
from roleqa.engine.replies import Replies
from roleqa.engine.scoping import foreign_words, guides_for
from roleqa.engine.small_talk import small_talk
from roleqa.errors import CorpusError, UnknownGuideError
from roleqa.guides.corpus import load_guides, parse_guide
from roleqa.guides.index import embedding_text
from roleqa.guides.memory import QuestionMemory
from roleqa.text import Vocabulary, content_words
from roleqa.types import Guide

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = ROOT / "examples" / "catalogue"
FOOTNOTE = "This guide is part of a series on careers in AI."

BEEKEEPER = """\
---
title: What does a beekeeper do?
role: beekeeper
aliases: [apiarist, BK]
author: Ada Honey
---

# What tasks does a beekeeper carry out?

Beekeepers inspect hives, harvest honey and treat colonies for mites.

# Note

Shared template text for every guide of the series.
"""

FLORIST = """\
# What does a florist do?

## What tasks does a florist carry out?

Florists arrange flowers, run a shop and deliver bouquets. A florist often works with a
wedding planner.

## Note

Shared template text for every guide of the series.
"""


def _catalogue(tmp_path: Path) -> tuple[Catalogue, list[Any]]:
    (tmp_path / "beekeeper.md").write_text(BEEKEEPER, encoding="utf-8")
    (tmp_path / "florist.md").write_text(FLORIST, encoding="utf-8")
    guides, passages = load_guides(tmp_path)
    return Catalogue(guides, [(p.doc, embedding_text(p)) for p in passages]), passages


# -- guides and their front matter ---------------------------------------------
def test_front_matter_names_the_guide_its_role_and_aliases() -> None:
    guide, passages = parse_guide(BEEKEEPER, "beekeeper")
    assert (guide.title, guide.role, guide.aliases) == (
        "What does a beekeeper do?", "beekeeper", ("apiarist", "BK"))
    assert not any(p.text.startswith("---") or "aliases" in p.text for p in passages)
    # the author is answerable like the text
    assert any(p.text == "The beekeeper guide was written by Ada Honey." for p in passages)


def test_a_front_matter_role_is_said_as_a_sentence_says_it() -> None:
    text = ("---\nrole: Dental hygienist\n---\n\n# Dental hygienist\n\nThey clean teeth in "
            "dental practices.\n")
    guide, _ = parse_guide(text, "dental-hygienist")
    # "Sorry, the dental hygienist guide does not cover ...", not "the Dental hygienist guide"
    assert guide.role == "dental hygienist"
    for role in ("UX designer", "Royal Navy officer", "English teacher"):
        text = f"---\nrole: {role}\n---\n\nAn {role} teaches English to teenagers.\n"
        assert parse_guide(text, "r")[0].role == role
    # a role written as the file's name is read as the title writes it
    slugged = "---\ntitle: Airline Pilot\nrole: airline-pilot\n---\n\nPilots fly airliners.\n"
    assert parse_guide(slugged, "airline-pilot")[0].role == "airline pilot"
    hyphened = "---\ntitle: Co-pilot\nrole: co-pilot\n---\n\nCo-pilots fly beside captains.\n"
    assert parse_guide(hyphened, "co-pilot")[0].role == "co-pilot"


def test_without_front_matter_the_h1_is_the_title_and_names_the_role() -> None:
    guide, passages = parse_guide(FLORIST, "florist")
    assert (guide.title, guide.role) == ("What does a florist do?", "florist")
    # the title is the guide's name, not a section above every passage
    assert all(p.heading_path[0] != guide.title for p in passages)


@pytest.mark.parametrize(("title", "slug", "role"), [
    ("What a UX designer does", "ux-designer", "UX designer"),  # from the file name
    ("What does a Registered Nurse do?", "rn", "registered nurse"),
    ("What is an AI product manager?", "pm", "AI product manager"),
    ("Careers in care", "tree-surgeon", "tree surgeon"),
])
def test_a_role_read_off_a_title_keeps_the_capitals_of_its_short_forms(
        title: str, slug: str, role: str) -> None:
    guide, _ = parse_guide(f"# {title}\n\n## Tasks\n\nText.\n", slug)
    assert guide.role == role


def test_the_other_names_a_guides_opening_gives_its_role_are_its_aliases(
        tmp_path: Path) -> None:
    cat = catalogue_of(tmp_path, {
        "glazier": ("# Glazier\n\nA glazier, sometimes called a glass fitter or glazing "
                    "technician, cuts and fits glass. Glaziers write quotes, known as "
                    "\"estimates\", for every job.\n\n## Pay\n\nGlaziers earn £30,000.\n"),
        "nanny": ("# Nanny\n\nNannies look after children in the family home. In "
                  "Australia the role is also called an \"au pair\" or a \"home carer\".\n"),
        "roofer": ("# Roofer\n\nRoofers fix roofs. They are often called "
                   "roof tilers.\n\n## Later\n\nOne para.\n\nTwo.\n\nThree, and "
                   "roofers are also called slaters.\n"),
    })
    assert cat.get("glazier").aliases == ("glass fitter", "glazing technician")
    assert cat.named("do glass fitters need a licence?") == ["glazier"]
    assert cat.get("nanny").aliases == ("au pair", "home carer")
    assert cat.named("how much do au pairs earn") == ["nanny"]
    # not a name said after the opening paragraphs
    assert cat.get("roofer").aliases == ("roof tilers",)


@pytest.mark.parametrize(("opening", "role", "names"), [
    ("Electricians (also called sparkies) wire buildings.", "electrician", ["sparkies"]),
    ('The role is also called a "kaiako" or "ECE teacher" in New Zealand.',
     "early years educator", ["kaiako", "ECE teacher"]),
    ("Nursing assistants, also called CNAs in the US, help nurses.", "nursing assistant",
     ["CNAs"]),
    # "called" of no name for the role: a phrasal verb, a thing, a description
    ("Electricians are called in when a fault is found.", "electrician", []),
    ("Most learn on the job, known as an apprenticeship.", "electrician", []),
    ("They are often referred to as the backbone of the NHS.", "nurse", []),
    ("Customers call them at all hours.", "plumber", []),
    ("A copywriter writes text, known as copy, for adverts.", "copywriter", []),
    # names given with no one said to give them: a job title, an advert, plain speech
    ("In many labs the job title is medical laboratory assistant (MLA), and more.",
     "phlebotomist", ["medical laboratory assistant"]),
    ('Some employers advertise the same job as "lab assistant" or "specimen collector".',
     "phlebotomist", ["lab assistant", "specimen collector"]),
    ("People outside the industry just say recruiter.", "recruitment consultant",
     ["recruiter"]),
    ("Jobs are often advertised as full-time or part-time.", "phlebotomist", []),
    # past "actually", and what people say in quotes, the quotes' words alone
    ('On many sites the job title is actually "project manager" (PM), and smaller '
     'contractors often say "site manager" instead.', "construction manager",
     ["project manager", "site manager"]),
    ('Clients often say "great value" about it.', "nail technician", []),
    ("People often say dental nurse when they mean dental assistant.", "dental assistant", []),
    ('Most people just say "sparky".', "electrician", ["sparky"]),
    # names people in the job call themselves, not ones they deny
    ("Site staff often call themselves diggers.", "archaeologist", ["diggers"]),
    ("Few bookkeepers would call themselves accountants.", "bookkeeper", []),
    ("Tattooists don't call themselves artists.", "tattooist", []),
])
def test_only_names_for_the_role_are_read_from_its_opening(
        opening: str, role: str, names: list[str]) -> None:
    from roleqa.guides.also_called import names_said

    assert names_said([opening], role) == names


@pytest.mark.parametrize(("title", "role", "name"), [
    ("Phlebotomy Technician", "phlebotomist", "phlebotomy technician"),
    ("Phlebotomy Technician (Canada): a careers guide", "phlebotomist", "phlebotomy technician"),
    # a title holding the role, saying more than a name, or naming no occupation
    ("Merchant Navy Deck Officer", "deck officer", ""),
    ("Becoming a firefighter", "firefighter", ""),
    ("Careers in Forensic Science", "forensic scientist", ""),
    ("Speech and Language Therapy", "speech and language therapist", ""),
])
def test_a_title_naming_the_role_otherwise_is_an_alias(title: str, role: str, name: str) -> None:
    from roleqa.guides.also_called import title_name

    assert title_name(title, role) == name


def test_a_guide_titled_by_another_name_is_asked_by_it(tmp_path: Path) -> None:
    cat = catalogue_of(tmp_path, {
        "phlebotomist": ("# Phlebotomy Technician\n\nPhlebotomists draw blood.\n\n## Pay\n\n"
                         "They earn $25 an hour.\n"),
        "care-assistant": "# Care assistant\n\nCare assistants help residents.\n"})
    assert cat.named("what qualifications does a phlebotomy technician need?") == [
        "phlebotomist"]
    assert cat.unknown_role("what does a phlebotomy technician earn?") is None


def test_a_name_two_guides_go_by_names_both_unless_the_question_tells_them_apart(
        tmp_path: Path) -> None:
    cat = catalogue_of(tmp_path, {
        "personal-trainer": ("---\naliases: [PT, PTs]\n---\n# Personal trainer\n\nPTs coach "
                             "clients in a gym in Dublin.\n"),
        "physiotherapist": ("---\naliases: [physio, PT]\n---\n# Physiotherapist\n\n"
                            "Physios treat patients on NHS wards.\n"),
        "florist": "# Florist\n\nFlorists sell flowers in every town.\n"})
    assert cat.named("do u need a degree to be a PT") == ["personal-trainer", "physiotherapist"]
    assert cat.named("whats the pay like for pts in dublin") == ["personal-trainer"]
    assert cat.named("do PTs work on nhs wards?") == ["physiotherapist"]
    # another role's name tells them not apart
    assert cat.named("do PTs earn more than florists?") == [
        "personal-trainer", "physiotherapist", "florist"]
    # a name four guides go by names none: the search reads the rest
    (tmp_path / "many").mkdir()
    many = catalogue_of(tmp_path / "many", {
        f"role-{n}": f"---\naliases: [PT]\n---\n# Role {n}\n\nThey work.\n" for n in "abcd"})
    assert many.named("what does a PT earn?") == []
    # spelled out as neither: the search keeps the visitor's word
    assert "pt" not in cat.short_forms and cat.short_forms.get("physio") == "physiotherapist"
    # the plural is the role's word, not what is asked about
    assert "pt" in cat.subject(["personal-trainer"], ["personal-trainer"])
    assert "pts" in cat.subject(["personal-trainer"], ["personal-trainer"])


def test_names_people_in_the_job_call_themselves_are_aliases_but_not_anothers_thing(
        tmp_path: Path) -> None:
    cat = catalogue_of(tmp_path, {
        "archaeologist": ("# Archaeologist\n\nSite staff often call themselves diggers or "
                          "field techs, and dig Roman villas.\n"),
        "landscaper": ("# Landscaper\n\n## Tools\n\nLandscapers hire a mini digger for "
                       "big jobs.\n"),
    })
    assert cat.get("archaeologist").aliases == ("diggers", "field techs")
    assert cat.named("do diggers work away from home?") == ["archaeologist"]
    # the landscaper's machine, not an archaeologist
    assert cat.named("what ticket do i need for a mini digger?") == []
    # a role's own name is its own, whatever another guide writes beside it
    (tmp_path / "p").mkdir()
    plumbers = catalogue_of(tmp_path / "p", {
        "plumber": "# Plumber\n\nPlumbers fit pipes.\n",
        "gas-engineer": "# Gas engineer\n\nLike UK plumbers, they fit boilers.\n"})
    assert plumbers.named("how much do uk plumbers earn") == ["plumber"]


def test_a_last_word_a_role_named_before_writes_is_its_own(tmp_path: Path) -> None:
    partner = "HR business partners advise a partner. Each partner coaches.\n\n"
    cat = catalogue_of(tmp_path, {
        "hr-business-partner": f"# HR business partner\n\n{partner * 3}## Pay\n\n{partner}",
        "accountant": ("# Accountant\n\nAccountants audit firms.\n\n## Later\n\nSeniors "
                       "become a partner after 12 years.\n"),
        "dietitian": ("# Dietitian\n\nDietitians advise patients.\n\n## Pay\n\nA "
                      "consultant dietitian earns most.\n"),
        "recruitment-consultant": "# Recruitment consultant\n\n" + "".join(
            f"## Part {n}\n\nA consultant places people.\n\n" for n in range(5))})
    assert cat.named("can you become a partner?") == ["hr-business-partner"]
    assert cat.named("accountants: can you become a partner?") == ["accountant"]
    # roles set side by side are each asked about
    assert cat.named("who earns more, an accountant or an hr business partner?") == [
        "accountant", "hr-business-partner"]
    assert cat.named("do accountants earn more than partners?") == [
        "accountant", "hr-business-partner"]


def test_a_role_is_named_by_its_work_its_guide_writes_most(tmp_path: Path) -> None:
    cat = catalogue_of(tmp_path, {
        "accountant": ("# Chartered accountant\n\nAccountancy is a career.\n\n## Firms\n\n"
                       "Accountancy firms hire graduates.\n"),
        "bookkeeper": "# Bookkeeper\n\nBookkeepers keep books and study accountancy.\n",
        "registered-nurse": "# Registered nurse\n\nNursing is hard.\n",
        "dental-nurse": "# Dental nurse\n\nDental nursing is calm.\n",
        "welder": "# Welder\n\nWelders weld. Welding pays well.\n",
    })
    assert cat.named("skills needed for accountancy") == ["accountant"]
    assert cat.named("welding jobs pay") == ["welder"]
    # a word of several roles' root names none
    assert cat.named("is nursing stressful") == []


def _three(title: str, says: str) -> str:
    """A guide of three sections, each saying ``says``: a word it is all about."""
    return f"# {title}\n\n{says}\n" + "".join(f"\n## {part}\n\n{says}\n"
                                            for part in ("Pay", "Hours"))


def test_a_last_word_several_roles_share_is_read_with_the_word_beside_it(
        tmp_path: Path) -> None:
    cat = catalogue_of(tmp_path, {
        "deck-officer": _three("Merchant navy deck officer",
                               "Deck officers keep watch on the ship at night."),
        "police-officer": _three("Police officer", "Officers patrol on shift."),
        "data-protection-officer": "# Data protection officer\n\nThey guard personal data.\n",
        "machine-learning-engineer": _three("Machine learning engineer",
                                            "Machine learning engineers train models."),
        "civil-engineer": "# Civil engineer\n\nThey design bridges.\n",
    })
    assert cat.named("whats the shift pattern like on a ship for the officers") == [
        "deck-officer"]
    assert cat.named("whats the worst thing about being a ships officer") == ["deck-officer"]
    assert cat.named("do officers patrol at night") == ["police-officer"]
    # a word one guide is about that is not beside the role's word; two so named
    assert cat.named("does the shift pattern suit officers") == []
    assert cat.named("do ship officers patrol") == []
    # a word of a role's name names that role, not another by the shared word:
    # the field only its guide writes names it, not "engineer" a civil engineer
    assert cat.named("is software engineer - machine learning the same job") == [
        "machine-learning-engineer"]
    # after a question on one of them, the shared word stays with it
    every = list(cat.slugs)
    assert guides_for(cat, "and do officers patrol?", ["what does a deck officer do?"], True,
                      every).docs == ["deck-officer"]
    assert guides_for(cat, "and do police officers patrol?", ["what does a deck officer do?"],
                      True, every).docs == ["police-officer"]


def test_a_word_about_no_one_guide_is_remembered_too() -> None:
    from roleqa.engine.guide_words import memo

    made: list[str] = []

    def make() -> None:
        made.append("once")

    cache: dict[str, None] = {}
    assert memo(cache, "growth", make) is None
    assert memo(cache, "growth", make) is None
    assert made == ["once"]


def test_a_level_of_pay_asked_after_a_role_is_that_roles_not_a_role_ending_in_it(
        tmp_path: Path) -> None:
    cat = catalogue_of(tmp_path, {
        "quantity-surveyor": ("# Quantity surveyor\n\n## Pay\n\nGraduates earn AUD 65,000; "
                              "directors earn AUD 220,000.\n"),
        "funeral-director": "# Funeral director\n\nFuneral directors arrange funerals.\n" + "".join(
            f"\n## {part}\n\nFuneral directors {says}.\n" for part, says in (
                ("Pay", "earn $58,900"), ("Hours", "work on call"), ("Skills", "listen"))),
        "registered-nurse": "# Registered nurse\n\nNurses care for patients.\n",
    })
    every = list(cat.slugs)
    earlier = ["what does a quantity surveyor earn starting out?"]
    assert guides_for(cat, "and what about directors?", earlier, True, every).docs == [
        "quantity-surveyor"]
    # asked on its own, or of a role whose guide never writes it, it names the role
    assert guides_for(cat, "what about directors?", [], False, every).docs == [
        "funeral-director"]
    assert guides_for(cat, "and what about directors?", ["what do nurses earn?"], True,
                      every).docs == ["funeral-director"]


def test_a_post_of_the_role_asked_after_it_is_that_roles_not_a_role_ending_in_it(
        tmp_path: Path) -> None:
    cat = catalogue_of(tmp_path, {
        "bus-driver": ("# Bus driver\n\nBus drivers run city routes.\n\n## Moving up\n\n"
                       "Driver trainer: teaching new drivers, usually $33 an hour.\n"),
        "personal-trainer": "# Personal trainer\n\nPersonal trainers coach clients in gyms.\n",
        "paramedic": "# Paramedic\n\nParamedics work beside nurses and doctors.\n",
    })
    every = list(cat.slugs)
    # the bus driver's guide writes "driver trainer": a post of its own role
    assert guides_for(cat, "what would a trainer make?", ["can bus drivers get promoted?"],
                      False, every).docs == ["bus-driver"]
    # not after a role writing no such post; nor the role's whole name
    assert guides_for(cat, "what would a trainer make?", ["what do paramedics do?"], False,
                      every).docs == ["paramedic"]
    assert guides_for(cat, "what do personal trainers make?", ["can bus drivers get promoted?"],
                      False, every).docs == ["personal-trainer"]


def test_a_comparison_with_a_role_no_guide_covers_is_not_made(tmp_path: Path) -> None:
    cat = catalogue_of(tmp_path, {
        "nail-technician": ("---\nrole: nail technician\naliases: [nail tech]\n---\n"
                            "# Nail technician\n\nNail techs earn $26 an hour.\n"),
        "hairdresser": "# Hairdresser\n\nHairdressers cut and colour hair.\n",
        "dental-hygienist": ("# Dental hygienist\n\nUnlike a dentist, a hygienist does not "
                             "drill or fill teeth.\n"),
    })
    every = list(cat.slugs)
    podiatrist = guides_for(cat, "What does a podiatrist earn compared to a nail tech?", [],
                            False, every)
    assert (podiatrist.refusal or "").startswith("None of the guides here is about the "
                                                 "podiatrist role.")
    # both covered, or one its guide speaks of: the comparison is the guides' to make
    assert guides_for(cat, "how does a nail tech differ from a hairdresser?", [], False,
                      every).refusal is None
    assert guides_for(cat, "how is a dental hygienist different from a dentist?", [], False,
                      every).refusal is None
    # the visitor's own job is no role compared
    assert guides_for(cat, "I'm a podiatrist: how do nail techs compare, what do they need?",
                      [], False, every).refusal is None


def test_a_role_is_named_by_what_it_does(tmp_path: Path) -> None:
    cat = catalogue_of(tmp_path, {
        "bus-driver": "# Bus driver\n\nBus drivers run city routes.\n",
        "train-driver": "# Train driver\n\nTrain drivers run passenger trains.\n",
        "crane-operator": "# Crane operator\n\nCrane operators lift loads on sites.\n",
    })
    assert cat.named("what are the downsides of driving buses?") == ["bus-driver"]
    assert cat.named("is driving a train boring") == ["train-driver"]
    assert cat.named("how hard is operating cranes") == ["crane-operator"]
    assert cat.named("do you like driving a car") == []
    # named by what it does alone, no role is refused on another's page ("is
    # developing software stressful?" on a software engineer's asks of its own work)
    on_page = guides_for(cat, "is driving a train stressful?", [], False, ["bus-driver"])
    assert on_page.refusal is None


def test_a_role_is_named_by_its_field_and_another_word_for_its_last(tmp_path: Path) -> None:
    cat = catalogue_of(tmp_path, {
        "crane-operator": "# Crane operator\n\nCrane operators lift loads on sites.\n",
        "truck-driver": "# Truck driver\n\nTruck drivers haul freight.\n",
    })
    # data/language.toml [other_heads]: a crane driver drives no truck
    assert cat.named("how much do crane drivers earn") == ["crane-operator"]
    assert cat.named("do u need a degree to be a crane op") == ["crane-operator"]
    assert cat.named("how much do truck drivers earn") == ["truck-driver"]
    # a name another guide goes by is that guide's
    (tmp_path / "both").mkdir()
    both = catalogue_of(tmp_path / "both", {
        "crane-operator": "# Crane operator\n\nCrane operators lift loads.\n",
        "crane-driver": "# Crane driver\n\nCrane drivers drive cranes.\n"})
    assert both.named("how much do crane drivers earn") == ["crane-driver"]
    assert "crane driver" not in both.role_names
    # spelled as the guide names the role, for the model to read it by
    vocabulary = Vocabulary([], role_names=cat.role_names)
    assert repair("do u need a degree to be a crane op", vocabulary).endswith("crane operator")
    assert "crane operators" in repair("is there work for crane drivers?", vocabulary)


def test_a_name_another_guide_goes_by_or_the_roles_initials_is_no_alias(
        tmp_path: Path) -> None:
    cat = catalogue_of(tmp_path, {
        "nurse": "# Nurse\n\nNurses care for patients. They are also called carers.\n",
        "care-worker": ("---\naliases: [carer]\n---\n# Care worker\n\nCare workers help "
                        "people at home.\n"),
        "speech-and-language-therapist": (
            "# Speech and language therapist\n\nPractitioners are known as SLTs (or "
            "SALTs) or speech therapists.\n"),
    })
    assert cat.get("nurse").aliases == ()
    assert cat.named("what do carers earn?") == ["care-worker"]
    assert cat.get("speech-and-language-therapist").aliases == ("speech therapists",)


@pytest.mark.parametrize(("front", "says"), [
    ("title: [unclosed\n", "not valid YAML"),
    ("aliases: 3\n", "'aliases' must be a list of names"),
    ("- just\n- a list\n", "must be key: value lines"),
    ("title: 12\n", "'title' must be text"),
])
def test_broken_front_matter_is_a_clear_error_naming_the_file(
        tmp_path: Path, front: str, says: str) -> None:
    (tmp_path / "broken.md").write_text(f"---\n{front}---\n\n# A\n\nText.\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=re.escape(says)) as err:
        load_guides(tmp_path)
    assert "broken.md" in str(err.value)


def test_every_passage_carries_its_guide(tmp_path: Path) -> None:
    _, passages = _catalogue(tmp_path)
    assert {p.doc for p in passages} == {"beekeeper", "florist"}
    assert {p.doc_title for p in passages if p.doc == "florist"} == {"What does a florist do?"}


# -- names of roles ------------------------------------------------------------------
def test_a_question_names_roles_by_role_alias_and_plural(tmp_path: Path) -> None:
    cat, _ = _catalogue(tmp_path)
    assert cat.named("What do beekeepers harvest?") == ["beekeeper"]
    assert cat.named("is an apiarist paid well") == ["beekeeper"]
    assert cat.named("florists vs BK: who earns more?") == ["florist", "beekeeper"]
    assert cat.named("are bks well paid") == ["beekeeper"]
    # a plural after "a" is a possessive typed without its apostrophe, unless a guide
    # writes it in capitals, a short form of its own (test_blind_guides_30: "a pts card")
    assert cat.named("whats a beekeepers salary") == ["beekeeper"]
    assert cat.named("whats a bks salary") == ["beekeeper"]
    assert cat.named("What tools do they use?") == []


def test_a_page_may_answer_of_another_role_only_what_its_guide_says_of_it(
        tmp_path: Path) -> None:
    (tmp_path / "gardener.md").write_text(
        "# What does a gardener do?\n\n## Who buys from a gardener?\n\nGardeners grow the "
        "flowers that florists sell, and rent hives from a beekeeper.\n", encoding="utf-8")
    cat, _ = _catalogue(tmp_path)
    page = ["gardener"]
    # the gardener guide speaks of florists: answered if a passage on florists answers
    scoped = guides_for(cat, "What do florists buy at the market?", [], False, page)
    assert (scoped.docs, scoped.refusal, scoped.others) == (page, None, ("florist",))
    # the florist guide never names a gardener: the florist's page says so at once
    refused = guides_for(cat, "What do gardeners grow?", [], False, ["florist"])
    assert refused.refusal == "Sorry, I can only answer questions about the florist role here."
    # "they" after the other role named is that role, not the page's
    them = guides_for(cat, "what does a gardener do and how much do they make?", [], False,
                      ["florist"])
    assert them.refusal == "Sorry, I can only answer questions about the florist role here."
    assert guides_for(cat, "do they work with gardeners?", [], False, ["florist"]).refusal is None
    # the visitor's own job is no question about it
    own = guides_for(cat, "I'm a florist. What do you grow?", [], False, page)
    assert (own.refusal, own.others) == (None, ())
    curly = guides_for(cat, "I\u2019m a florist. What do you grow?", [], False, page)
    assert (curly.refusal, curly.others) == (None, ())
    # ... but a job named after the visitor's own is asked about
    asked = guides_for(cat, "I'm a student and florists interest me. What do florists buy?",
                       [], False, page)
    assert asked.others == ("florist",)


def test_a_role_named_by_a_word_the_page_guide_writes_is_asked_of_that_guide(
        tmp_path: Path) -> None:
    (tmp_path / "logistics-coordinator.md").write_text(
        "# Logistics coordinator\n\n## The job\n\nA coordinator books trucks.\n\n"
        "## Pay\n\nCoordinators earn $50,000.\n\n## Hours\n\nA coordinator works days.\n\n"
        "## Tools\n\nCoordinators use a TMS.\n", encoding="utf-8")
    (tmp_path / "youth-worker.md").write_text(
        "# Youth worker\n\n## Pay\n\nSenior youth workers and project coordinators earn "
        "€45,000.\n", encoding="utf-8")
    cat, _ = _catalogue(tmp_path)
    page = ["youth-worker"]
    assert cat.named("how much do coordinators earn?") == ["logistics-coordinator"]
    # the page's own guide writes "coordinators": its own word, not another role
    own = guides_for(cat, "how much do senior ones and coordinators earn?", [], False, page)
    assert (own.docs, own.refusal, own.others) == (page, None, ())
    # named in full, the other role is still another role's
    other = guides_for(cat, "how much do logistics coordinators earn?", [], False, page)
    assert other.refusal == "Sorry, I can only answer questions about the youth worker role here."
    # ... and so by another of its names ("shipping coordinators", an alias)
    (tmp_path / "logistics-coordinator.md").write_text(
        (tmp_path / "logistics-coordinator.md").read_text(encoding="utf-8").replace(
            "# Logistics", "---\naliases: [shipping coordinator]\n---\n\n# Logistics"),
        encoding="utf-8")
    cat, _ = _catalogue(tmp_path)
    alias = guides_for(cat, "how much do shipping coordinators earn?", [], False, page)
    assert alias.refusal == "Sorry, I can only answer questions about the youth worker role here."


def test_only_a_comparison_pointing_back_compares_with_the_role_in_focus(
        tmp_path: Path) -> None:
    cat, _ = _catalogue(tmp_path)
    both = ["beekeeper", "florist"]
    history = ["What does a beekeeper do?"]
    compared = guides_for(cat, "How is that different from a florist?", history, True, both)
    assert compared.compared == ("beekeeper", "florist")
    for question in ("What are the different kinds of florist?",
                     "Which tools are similar to what a florist uses?"):
        scoped = guides_for(cat, question, history, False, both)
        assert (scoped.docs, scoped.compared) == (["florist"], ()), question


def test_working_on_something_is_no_topic_of_another_guide(tmp_path: Path) -> None:
    # the florist guide has a section "How does a florist work with planners?"
    (tmp_path / "gardener.md").write_text("# What does a gardener do?\n\n## Tasks\n\n"
                                          "Gardeners plant seeds.\n", encoding="utf-8")
    (tmp_path / "florist.md").write_text("# What does a florist do?\n\n## How does a florist "
                                         "work with planners?\n\nThey agree on themes.\n",
                                         encoding="utf-8")
    (tmp_path / "baker.md").write_text("# What does a baker do?\n\n## Tasks\n\nBakers bake.\n",
                                       encoding="utf-8")
    guides, passages = load_guides(tmp_path)
    cat = Catalogue(guides, [(p.doc, embedding_text(p)) for p in passages])
    cat.set_headings((p.doc, h) for p in passages for h in p.heading_path)
    focus = content_words("what are gardeners working with planners on in spring")
    # "planners" is the florist guide's, "working" no topic at all
    assert foreign_words(cat, frozenset({"spring"}), focus, ["gardener"], lambda _: 0.0,
                         0.7) == ["planners"]
    # a word of the model's list with an ending ("renewing" of "renew") is a
    # plain word, not a name another guide uses
    (tmp_path / "baker.md").write_text("# What does a baker do?\n\n## Tasks\n\nBakers bake, "
                                       "renewing their hygiene certificate.\n", encoding="utf-8")
    guides, passages = load_guides(tmp_path)
    cat = Catalogue(guides, [(p.doc, embedding_text(p)) for p in passages])
    assert foreign_words(cat, frozenset({"renew"}), ["renewing"], ["gardener"],
                         lambda _: 0.0, 0.7) == []
    assert foreign_words(cat, frozenset({"renew"}), ["hygiene"], ["gardener"],
                         lambda _: 0.0, 0.7) == ["hygiene"]  # not in the list: a name


def test_a_word_one_guide_heads_of_many_writing_it_is_no_topic(tmp_path: Path) -> None:
    roles = ["baker", "potter", "florist", "glazier", "tiler", "roofer", "plumber", "welder",
             "cooper", "farrier"]
    # forty guides: one heads "options", nine write it in passing, none the gardener
    for i in range(40):
        role = f"{roles[i % 10]} {i}"
        said = "They weigh their options." if i < 9 else "They work."
        (tmp_path / f"g{i}.md").write_text(f"# {role}\n\n## Tasks\n\n{said}\n",
                                          encoding="utf-8")
    (tmp_path / "bookkeeper.md").write_text(
        "# Bookkeeper\n\n## What are the career options?\n\nBookkeepers become managers.\n",
        encoding="utf-8")
    (tmp_path / "gardener.md").write_text("# Gardener\n\n## Progression\n\nGardeners "
                                          "become head gardeners.\n", encoding="utf-8")
    guides, passages = load_guides(tmp_path)
    cat = Catalogue(guides, [(p.doc, embedding_text(p)) for p in passages])
    cat.set_headings((p.doc, h) for p in passages for h in p.heading_path)
    plain = frozenset({"options", "career", "progression"})
    # one heading of the ten guides writing it: a word of headings
    assert foreign_words(cat, plain, ["progression", "options"], ["gardener"],
                         lambda _: 0.0, 0.7) == []
    # a section of its own in two of three guides writing it is a topic
    (tmp_path / "g0.md").write_text("# Baker\n\n## Options\n\nSome.\n", encoding="utf-8")
    for i in range(1, 8):
        (tmp_path / f"g{i}.md").write_text(f"# cooper {i}\n\n## Tasks\n\nWork.\n",
                                          encoding="utf-8")
    guides, passages = load_guides(tmp_path)
    cat = Catalogue(guides, [(p.doc, embedding_text(p)) for p in passages])
    cat.set_headings((p.doc, h) for p in passages for h in p.heading_path)
    assert foreign_words(cat, plain, ["options"], ["gardener"], lambda _: 0.0, 0.7) == [
        "options"]


def test_a_chat_clipping_ending_a_clause_is_not_a_short_form(tmp_path: Path) -> None:
    from roleqa.engine.query import repair
    from roleqa.text import Vocabulary

    (tmp_path / "rn.md").write_text("---\nrole: registered nurse\naliases: [RN]\n---\n\n# A\n\n"
                                    "Text.\n", encoding="utf-8")
    guides, _ = load_guides(tmp_path)
    cat = Catalogue(guides)
    # "rn" ending a clause in lower case is chat for "right now" ...
    question = "is the games industry hiring rn? keep hearing about layoffs"
    assert cat.named(question) == []
    assert cat.named("are firms hiring rn or is it dying") == []  # a clause after
    vocabulary = Vocabulary([], short_forms={"rn": "registered nurse"})
    assert "registered nurse" not in repair(question, vocabulary)
    assert repair("rn salary?", vocabulary) == "registered nurse salary?"
    # ... the short form written as one, or after "an", or leading a question, is the nurse
    for named in ("do they earn well RN?", "is it stressful being an rn", "rn salary?",
                  "lpn or rn?", "how long does it take to become rn", "RN pay rn?",
                  "do rn or lpn earn more", "i want to be a travel rn but is it stressful",
                  "icu rn and do they work nights"):
        assert cat.named(named) == ["rn"], named


def test_an_informal_name_ending_in_ie_is_named_in_the_plural(tmp_path: Path) -> None:
    # "brickie" (data/language.toml [other_names]): "brickies" folds to "bricky"
    for slug, role in (("bricklayer", "bricklayer"), ("trucks", "truck driver")):
        (tmp_path / f"{slug}.md").write_text(f"---\nrole: {role}\n---\n\n# A\n\nText.\n",
                                             encoding="utf-8")
    guides, _ = load_guides(tmp_path)
    cat = Catalogue(guides)
    assert cat.named("does restoration work pay well for brickies") == ["bricklayer"]
    assert cat.named("do truckies sleep in their cabs?") == ["trucks"]
    assert cat.named("is a brickie paid weekly?") == ["bricklayer"]


def test_informal_names_of_several_words_name_their_guide(tmp_path: Path) -> None:
    for slug, role in (("radiographer", "radiographer"), ("slt", "speech and language therapist"),
                       ("fa", "flight attendant"), ("wind", "wind turbine technician")):
        (tmp_path / f"{slug}.md").write_text(f"---\nrole: {role}\n---\n\n# A\n\nText.\n",
                                             encoding="utf-8")
    cat = Catalogue(load_guides(tmp_path)[0])
    # (data/language.toml [other_names]); a technician's guide beside them is not named
    assert cat.named("x-ray tech salary aud") == ["radiographer"]
    assert cat.named("is rad tech a high pressure job") == ["radiographer"]
    assert cat.named("speechie career progression?") == ["slt"]
    assert cat.named("maximum age to become an air hostess") == ["fa"]


def test_a_clock_time_is_not_an_alias(tmp_path: Path) -> None:
    (tmp_path / "pm.md").write_text("---\nrole: product manager\naliases: [PM]\n---\n\n# A\n\n"
                                    "Text.\n", encoding="utf-8")
    guides, _ = load_guides(tmp_path)
    cat = Catalogue(guides)
    assert cat.named("The match starts at 8 pm") == []
    assert cat.named("What does a PM do?") == ["pm"]


def test_a_short_form_inside_a_phrase_a_guide_writes_names_no_role(tmp_path: Path) -> None:
    from roleqa.engine.query import repair
    from roleqa.text import Vocabulary

    (tmp_path / "de.md").write_text("---\nrole: data engineer\naliases: [DE]\n---\n\n# A\n\n"
                                    "Text.\n", encoding="utf-8")
    kitchen = "# Chef\n\n## Brigade\n\nA chef de partie runs one section of the kitchen.\n"
    (tmp_path / "chef.md").write_text(kitchen, encoding="utf-8")
    guides, passages = load_guides(tmp_path)
    cat = Catalogue(guides, [(p.doc, embedding_text(p)) for p in passages])
    # "de" of "chef de partie", as the chef guide writes it, is no data engineer ...
    assert cat.named("what does a chef de partie earn?") == ["chef"]
    vocabulary = Vocabulary([p.text for p in passages], short_forms={"de": "data engineer"},
                            written=cat.words.written)
    assert repair("what does a chef de partie earn?", vocabulary) == (
        "what does a chef de partie earn?")
    # ... while "DE", or "de" in a phrase no guide writes, is
    assert cat.named("What does a DE earn?") == ["de"]
    assert cat.named("whats a de salary") == ["de"]
    assert repair("whats a de salary", vocabulary) == "what is a data engineer salary"


def _writing(title: str, sentence: str, sections: int = 4) -> str:
    """A guide titled ``title`` whose every section says ``sentence``."""
    return f"# {title}\n\n" + "".join(
        f"## Part {i}\n\n{sentence} (part {i}).\n\n" for i in range(sections))


def test_a_roles_name_one_letter_off_names_it_where_a_job_to_have_is_asked(
        tmp_path: Path) -> None:
    chef = _writing("Chef", "Chefs cook in busy kitchens")
    officer = _writing("Deck officer", "Deck officers keep watch")
    cat = catalogue_of(tmp_path, {"chef": chef, "deck-officer": officer})
    # "chief" is a word too, so no typo corrected; as the job to have, it is the chef
    assert cat.named("can i do an apprenticeship to become a chief") == ["chef"]
    assert cat.named("i want to become a chief?") == ["chef"]
    # not before another noun, nor where no job to have is asked
    assert "chef" not in cat.named("how do i become a chief officer")
    assert cat.named("who is the chief of the kitchen") == []
    assert cat.named("what does a chief get paid") == []  # a foreman is no fireman


def test_the_work_a_roles_last_word_names_is_its_subject(tmp_path: Path) -> None:
    from roleqa.text import stem

    surveyor = (_writing("Land surveyor", "Land surveyors map boundaries")
                + "## Kinds\n\nCadastral surveying defines titles.\n")
    worker = (_writing("Social worker", "Social workers visit families")
              + "## Hours\n\nWorking weekends is common.\n")
    cat = catalogue_of(tmp_path, {"land-surveyor": surveyor, "social-worker": worker})
    # "what subjects should i take for surveying?" asks of the role, as "for surveyors"
    assert stem("surveying") in cat.own_subject(["land-surveyor"])
    # a word of every job is no field: "do they work weekends?" asks of work
    assert stem("working") not in cat.own_subject(["social-worker"])


def test_a_roles_last_word_names_it_where_others_use_it_in_passing(tmp_path: Path) -> None:
    mechanic = _writing("Vehicle mechanic", "Mechanics fix cars")
    driver = ("# Truck driver\n\nDrivers haul freight.\n\n## Team\n\nDrivers work with "
              "planners and workshop mechanics.\n")
    cat = catalogue_of(tmp_path, {"vehicle-mechanic": mechanic, "truck-driver": driver})
    assert cat.named("downsides of being a mechanic?") == ["vehicle-mechanic"]
    # used as often elsewhere, it names no one
    even = driver.replace("freight.", "freight. Mechanics fix our trucks, and mechanics "
                          "check them. Mechanics again.")
    (tmp_path / "even").mkdir()
    cat = catalogue_of(tmp_path / "even", {"vehicle-mechanic": mechanic, "truck-driver": even})
    assert cat.named("downsides of being a mechanic?") == []


def test_a_shorter_kind_of_a_roles_name_names_it(tmp_path: Path) -> None:
    speech = ("# Speech and Language Therapy\n\nMany people simply call them speech "
              "therapists.\n\n## What does a speech and language therapist do?\n\n"
              "They help with talking and swallowing.\n")
    occupational = _writing("Occupational therapist", "Occupational therapists adapt homes")
    cat = catalogue_of(tmp_path, {"speech-and-language-therapist": speech,
                                  "occupational-therapist": occupational})
    assert cat.named("How do I become a speech therapist?") == ["speech-and-language-therapist"]
    assert cat.unknown_role("How do I become a speech therapist?") is None
    # the last word alone is either therapist; a word no guide writes before it, neither
    assert cat.named("how do i become a therapist?") == []
    assert cat.named("what does an art therapist earn?") == []
    assert cat.named("are hospitals hiring therapists?") == []


def test_a_kind_written_as_a_compound_is_named_as_visitors_write_it(tmp_path: Path) -> None:
    web = _writing("Web developer", "Front-end developers build pages in React")
    games = _writing("Game developer", "Gameplay developers script levels")
    cat = catalogue_of(tmp_path, {"web-developer": web, "game-developer": games})
    for asked in ("what frameworks do frontend developers use",
                  "what frameworks do front-end developers use"):
        assert cat.named(asked) == ["web-developer"], asked
    assert cat.named("what do gameplay developers earn?") == ["game-developer"]


def test_the_crew_of_what_a_guide_is_about_names_that_guide(tmp_path: Path) -> None:
    paramedic = _writing("Paramedic", "Paramedics work on an ambulance")
    firefighter = ("# Firefighter\n\nFirefighters put out fires.\n\n## Team\n\n"
                   "They work beside the ambulance service.\n")
    cat = catalogue_of(tmp_path, {"paramedic": paramedic, "firefighter": firefighter})
    assert cat.named("what kit do ambulance crews actually use") == ["paramedic"]
    # a role named outright comes first; a word no guide is about names none
    assert cat.named("do firefighters work with ambulance crews?") == ["firefighter"]
    assert cat.named("what do hospital staff earn") == []


def test_a_word_one_guide_writes_throughout_points_a_question_to_it(tmp_path: Path) -> None:
    from roleqa.engine.guide_words import Owners
    from roleqa.engine.scoping import owner_of

    keeper = _writing("Beekeeper", "Beekeepers open the hives and smoke the bees")
    florist = _writing("Florist", "Florists wire bouquets for a therapist's waiting room")
    gardener = ("# Gardener\n\nGardeners plant bulbs.\n\n## Core pollination\n\n"
                "Bees help the flowers.\n\n## Core pay\n\nIt varies.\n\n## Core hours\n\n"
                "Long in summer.\n")
    cat = catalogue_of(tmp_path, {"beekeeper": keeper, "florist": florist,
                                  "gardener": gardener})
    _, passages = load_guides(tmp_path)
    owners = Owners((p.doc, p.text) for p in passages)
    docs = cat.slugs

    def owner(question: str, asked: Sequence[str] = docs) -> str | None:
        return owner_of(cat, owners, question, asked)

    assert owner("what does a normal day with the hives look like?") == "beekeeper"
    assert owner("how are bouquets priced?") == "florist"
    # words pointing to two guides, or to a guide out of scope, point to none
    assert owner("do you put bouquets by the hives?") is None
    assert owner("how big are the hives?", ["florist", "gardener"]) is None
    # a word for a job names a role by its name only; a place is where, not what
    assert owner("what does a therapist earn?") is None
    assert owner("what do they earn in australia?") is None
    # a guide's headings are no words of its own ("core" above each section)
    assert owner("what are the core hours?") is None
    # a short form typed in capitals that one guide alone writes, even once
    sw = ("# Surveyor\n\nSurveyors measure land.\n\n## Getting in\n\n"
          "The AU designation takes a year.\n")

    def owner_beside(surveyor: str, dictionary: frozenset[str] = frozenset()
                     ) -> Callable[[str], str | None]:
        cat = catalogue_of(tmp_path, {"beekeeper": keeper, "florist": florist,
                                      "surveyor": surveyor}, dictionary=dictionary)
        _, passages = load_guides(tmp_path)
        owners = Owners((p.doc, p.text) for p in passages)
        return lambda question: owner_of(cat, owners, question, cat.slugs)

    owner = owner_beside(sw)
    assert owner("whats the pass rate for the AU exams") == "surveyor"
    # ... typed in lower case it is any word
    assert owner("whats the pass rate for the au exams") is None
    # ... unless it is no English word: "join aslef" of a guide writing "ASLEF"
    union = sw + "\nMost surveyors join RICSA.\n"
    owner = owner_beside(union, frozenset({"join", "the", "exams", "rate", "pass", "for"}))
    assert owner("how much does it cost to join ricsa") == "surveyor"
    assert owner("whats the pass rate for the au exams") is None
    # ... of four letters or more, and no plural of a word: "cpl" is chat for a couple,
    # "cvs" more than one CV, whoever writes "CPL" or "CVS"
    owner = owner_beside(union + "\nThe CPL and CVS exams come first.\n",
                         frozenset({"join", "the", "cv", "have", "of"}))
    assert owner("i have a cpl of questions") is None
    assert owner("how do i write good cvs") is None
    # ... and written by that guide in capitals too: "sat" in "Bees sat" is no SAT
    bees = ("# Beekeeper\n\nBeekeepers open hives.\n\n## Day\n\nThe bees sat still.\n")
    cat = catalogue_of(tmp_path, {"beekeeper": bees, "florist": florist, "surveyor": sw})
    _, passages = load_guides(tmp_path)
    owners = Owners((p.doc, p.text) for p in passages)
    assert owner_of(cat, owners, "what SAT score do I need?", cat.slugs) is None


def test_a_role_no_guide_covers_is_recognised(tmp_path: Path) -> None:
    cat, _ = _catalogue(tmp_path)
    assert cat.unknown_role("What does a UX designer do?") == "ux designer"
    assert cat.unknown_role("what does a nurse do") == "nurse"
    # "does" folds to "doe": no modifier of the role after it
    assert cat.unknown_role("what does pediatric nurse mean") == "pediatric nurse"
    # a role a guide speaks of, or a guide's own role, is not unknown
    assert cat.unknown_role("Does a florist work with a wedding planner?") is None
    assert cat.unknown_role("what do beekeepers do") is None
    assert cat.unknown_role("is the writer of this guide a beekeeper?") is None
    # a job done first, on the way to the one asked about, is no career asked
    # for; the guides speak of wedding planners
    assert cat.unknown_role("would working as a wedding planner first help my CV?") is None
    assert cat.unknown_role("should i work as a wedding planner before I apply?") is None
    assert cat.unknown_role("how do i find work as a wedding planner?") == "wedding planner"
    # chat for "are" or "you" is no kind of the role: "r florists" are florists
    assert cat.unknown_role("r florists gonna get replaced by robots lol") is None
    assert cat.unknown_role("u nurses get paid well?") == "nurse"
    # as typed in capitals it is no chat: R is a language
    assert cat.unknown_role("how much do R nurses earn?") == "r nurse"


def test_how_paid_trained_or_old_a_person_is_does_not_make_another_role(
        tmp_path: Path) -> None:
    cat, _ = _catalogue(tmp_path)
    pilots = Catalogue([Guide(slug="ferry-pilot", title="Ferry pilot", role="ferry pilot")])
    # the role's last word names it past "best paid", as past "junior"
    question = "which routes do the best paid pilots work?"
    assert pilots.named(question) == ["ferry-pilot"]
    assert pilots.unknown_role(question) is None
    # a role no guide covers is still one, named without its modifier
    assert cat.unknown_role("what do certified nurses earn?") == "nurse"
    assert cat.unknown_role("what does a registered dietitian do?") == "dietitian"


def test_a_role_is_named_the_way_people_shorten_it() -> None:
    guides = [Guide(slug="cloud-security-engineer", title="Cloud security engineer",
                    role="cloud security engineer"),
              Guide(slug="data-engineer", title="Data engineer", role="data engineer"),
              Guide(slug="data-analyst", title="Data analyst", role="data analyst")]
    cat = Catalogue(guides)
    # a word's start, the field and a word for its people, the field and its work
    assert cat.named("cloud sec engineer salary?") == ["cloud-security-engineer"]
    assert cat.named("what do cloud security folks use") == ["cloud-security-engineer"]
    assert cat.named("a day in cloud security engineering") == ["cloud-security-engineer"]
    assert cat.named("data eng tools") == ["data-engineer"]
    # a field two roles share names neither; a one-word field's work names its
    # role where no guide writes it as a task (see the test below)
    assert cat.named("do data people code?") == []
    assert cat.named("is data engineering hard?") == ["data-engineer"]


def test_a_field_no_common_word_spells_names_its_role_alone() -> None:
    guides = [Guide(slug="ux-designer", title="UX designer", role="UX designer"),
              Guide(slug="graphic-designer", title="Graphic designer", role="graphic designer")]
    texts = [("ux-designer", f"UX research round {i}.") for i in range(4)]
    texts += [("graphic-designer", "Print layouts, and some UX work."),
              ("copywriter", "Some move into ux writing.")]
    guides.append(Guide(slug="copywriter", title="Copywriter", role="copywriter"))
    cat = Catalogue(guides, texts, dictionary=frozenset({"graphic", "print"}))
    assert cat.named("what can i move into after a few years in UX?") == ["ux-designer"]
    # a role named outright is the one asked about
    assert cat.named("can a graphic designer switch to ux?") == ["graphic-designer"]
    # a common word leads no role alone: "graphic" is English; nor does a
    # field in a phrase another guide writes
    assert cat.named("is graphic work hard?") == []
    assert cat.named("is ux writing a good career?") == []


def test_a_shortened_field_is_read_before_the_roles_own_last_word() -> None:
    cat = Catalogue([Guide(slug="financial-analyst", title="Financial analyst",
                           role="financial analyst"),
                     Guide(slug="security-engineer", title="Security engineer",
                           role="security engineer")])
    assert cat.named("what software do fin analysts use") == ["financial-analyst"]
    assert cat.named("what does a sec engineer do") == ["security-engineer"]
    # no word written as the role writes it: a start of letters alone names none,
    # unless each start keeps four letters or more
    assert cat.named("what does a sec eng do") == []
    techs = Catalogue([Guide(slug="pharmacy-technician", title="Pharmacy Technician",
                             role="pharmacy technician"),
                       Guide(slug="pharmacist", title="Pharmacist", role="pharmacist")])
    assert techs.named("how is a pharm tech different from a pharmacist") == [
        "pharmacy-technician", "pharmacist"]
    assert techs.named("which colleges are best for the pharm tech diploma") == [
        "pharmacy-technician"]
    # every word a common one: "even plan" is no event planner
    plans = Catalogue([Guide(slug="event-planner", title="Event planner", role="event planner")],
                      dictionary=frozenset({"even", "plan"}))
    assert plans.named("should i even plan to go to uni first?") == []


def test_a_field_and_its_people_written_in_another_guide_name_no_role(
        tmp_path: Path) -> None:
    cat = catalogue_of(tmp_path, {
        "ai-product-manager": ("---\naliases: [AI PM]\n---\n# AI product manager\n\n"
                               "## The work\n\nAI PMs own the roadmap.\n"),
        "deep-learning-engineer": ("# Deep learning engineer\n\n## About\n\nThis guide is "
                                   "for any AI practitioner choosing a career.\n"),
    })
    # "AI practitioners" is a phrase of the other guide, not a name for AI PMs
    assert cat.named("is this meant to help AI practitioners?") == []
    assert cat.named("what do AI folks earn?") == ["ai-product-manager"]


def test_informal_names_of_an_occupation_name_the_guide_whose_role_ends_in_it() -> None:
    cat = Catalogue([Guide(slug="police-officer", title="Police officer", role="police officer"),
                     Guide(slug="plumber", title="Plumber", role="plumber")])
    assert cat.named("do cops work nights?") == ["police-officer"]
    assert cat.named("is a policewoman paid the same?") == ["police-officer"]
    # no nickname for the plumber; "copper" pipes are no police officer
    assert cat.named("do plumbers still fit copper pipes?") == ["plumber"]


def test_a_role_is_named_by_its_field_and_the_job_its_text_is_about(tmp_path: Path) -> None:
    cat = catalogue_of(tmp_path, {
        "game-developer": ("# Game developer\n\nStudios hire gameplay programmers.\n\n"
                           "## Work\n\nGameplay programmers write combat code; QA testers "
                           "log bugs.\n\n## Pay\n\nJunior programmers earn less.\n"),
        "data-engineer": ("# Data engineer\n\nData engineers build pipelines.\n\n"
                          "## Team\n\nThey work beside programmers and analysts.\n"),
    })
    # "game" of the role's name, "programmer" of the passages throughout
    assert cat.named("can I get a job as a games programmer?") == ["game-developer"]
    # a job its text mentions once is another role, and the job word itself
    # counts, not its stem ("research" throughout is no researcher)
    assert cat.named("what does a games tester do?") == []
    (tmp_path / "ux").mkdir()
    research = catalogue_of(tmp_path / "ux", {
        "ux-designer": ("# UX designer\n\nDesigners research users.\n\n## Work\n\nResearch "
                        "comes first.\n\n## Tools\n\nResearch tools; a UX researcher helps.\n"),
        "chef": "# Chef\n\nChefs cook.\n\n## Work\n\nChefs plan menus.\n"})
    assert research.named("what does a ux researcher do?") == []
    assert cat.unknown_role("what does a games tester do?") is not None


def test_a_title_naming_the_role_twice_gives_both_names() -> None:
    from roleqa.engine.role_names import title_names

    assert title_names("Carpenter and Joiner", "carpenter") == ["Joiner"]
    assert title_names("Real Estate Agent (Estate Agent in the UK)",
                       "real estate agent") == ["Estate Agent"]
    # not a title's other words, nor a title that never names the role
    assert title_names("Pay and conditions of a nurse", "nurse") == []
    assert title_names("Becoming a game developer", "game developer") == []
    # the role's own "and" divides nothing
    assert title_names("Sales and Marketing Manager", "sales and marketing manager") == []
    cat = Catalogue([Guide(slug="carpenter", title="Carpenter and Joiner", role="carpenter"),
                     Guide(slug="real-estate-agent", role="real estate agent",
                           title="Real Estate Agent (Estate Agent in the UK)")])
    assert cat.named("wat do joiners get paid in the states") == ["carpenter"]
    # a trainee is the role in training; "realtor" is the US name for it
    assert cat.named("trainee estate agent salary uk?") == ["real-estate-agent"]
    assert cat.named("do realtors have to renew their license") == ["real-estate-agent"]


def test_a_kind_of_a_guides_role_is_no_unknown_role(tmp_path: Path) -> None:
    cat = catalogue_of(tmp_path, {
        "registered-nurse": ("# Registered nurse\n\n## Specialties\n\nNurses work in the ICU, "
                             "in surgery and in labor and delivery.\n"),
    })
    assert cat.unknown_role("what does an ICU nurse do?") is None
    assert cat.unknown_role("what do labor and delivery nurses do?") is None
    # a kind the guide never speaks of is another job
    assert cat.unknown_role("what does a dental nurse do?") == "dental nurse"


def test_a_job_a_guide_works_beside_is_another_role_when_asked_as_a_career(
        tmp_path: Path) -> None:
    cat = catalogue_of(tmp_path, {
        "electrician": ("# Electrician\n\n## Teamwork\n\nElectricians coordinate with plumbers "
                        "and joiners.\n\n## Progression\n\nWith experience you can become a "
                        "supervisor.\n"),
    })
    assert cat.unknown_role("how do i become a plumber?") == "plumber"
    assert cat.unknown_role("what do plumbers earn?") == "plumber"
    # working beside plumbers is the guide's own topic; a supervisor its career path
    assert cat.unknown_role("do electricians work with plumbers?") is None
    assert cat.unknown_role("how do i become a supervisor?") is None


def test_how_many_or_how_senior_a_person_is_names_no_other_role(tmp_path: Path) -> None:
    cat, _ = _catalogue(tmp_path)
    assert cat.unknown_role("Is a single florist expected to do every task?") is None
    assert cat.unknown_role("What does a junior beekeeper do?") is None
    assert cat.unknown_role("what does a senior UX designer do") == "ux designer"


def test_an_ordinary_word_and_chat_spelling_are_no_other_guides_topic(tmp_path: Path) -> None:
    (tmp_path / "baker.md").write_text(
        "# What does a baker do?\n\n## Hours\n\nBakers start early.\n", encoding="utf-8")
    (tmp_path / "nutritionist.md").write_text(
        "# What does a nutritionist do?\n\n## Part of a team\n\nNutritionists are part of a "
        "clinic. The exam has a Part 2 in R.\n\n## Career path\n\nA clear path.\n",
        encoding="utf-8")
    (tmp_path / "potter.md").write_text(
        "# What does a potter do?\n\n## Studio\n\nPotters share part of a studio.\n\n"
        "## Legal work\n\nPotters check labels.\n", encoding="utf-8")
    guides, passages = load_guides(tmp_path)
    cat = Catalogue(guides, [(p.doc, embedding_text(p)) for p in passages])
    cat.set_headings((p.doc, h) for p in passages for h in p.heading_path)
    words = ["part", "r", "path", "legal"]
    # "part" two guides of three use (one writes "Part 2"), "r" is chat for "are";
    # "path" and "legal" are one other guide's sections
    dictionary = frozenset({"part", "path", "legal"})  # "r" is no word of the model's
    assert foreign_words(cat, dictionary, words, ["baker"], lambda w: 0.0, 0.7) == [
        "path", "legal"]
    assert cat.ordinary("part") and not cat.ordinary("legal")


def test_a_word_of_a_root_the_guide_uses_is_its_own(tmp_path: Path) -> None:
    (tmp_path / "baker.md").write_text(
        "# What does a baker do?\n\n## Who do bakers work with?\n\nBakers work with "
        "nutritionists and shop owners.\n", encoding="utf-8")
    (tmp_path / "nutritionist.md").write_text(
        "# What does a nutritionist do?\n\n## What is nutrition?\n\nNutrition is the "
        "study of food.\n\n## Legal work\n\nNutritionists check labels.\n\n"
        "## Can I become a nutritionist?\n\nYes, with a degree.\n",
        encoding="utf-8")
    (tmp_path / "florist.md").write_text(FLORIST, encoding="utf-8")
    guides, passages = load_guides(tmp_path)
    cat = Catalogue(guides, [(p.doc, embedding_text(p)) for p in passages])
    cat.set_headings((p.doc, h) for p in passages for h in p.heading_path)

    def far(word: str) -> float:
        return 0.0  # no word of the baker guide is close in meaning

    # "nutrition" is another guide's section, but the baker guide speaks of nutritionists
    assert foreign_words(cat, frozenset({"nutrition", "legal"}), ["nutrition", "legal"],
                         ["baker"], far, 0.7) == ["legal"]
    # "become" is in another guide's heading, but it is asked of every role
    for become in ("become", "becomes"):
        assert foreign_words(cat, frozenset({become, "legal"}), [become, "legal"],
                             ["baker"], far, 0.7) == ["legal"]


def test_pay_and_a_role_s_own_name_are_no_topic_of_another_guide(tmp_path: Path) -> None:
    (tmp_path / "cabin-crew.md").write_text(
        "# Cabin crew\n\n## Pay\n\nCrew receive a per diem for every hour away from base.\n",
        encoding="utf-8")
    (tmp_path / "wind-tech.md").write_text(
        "---\ntitle: Wind Turbine Technician\naliases: [wind tech]\n---\n# Wind Turbine "
        "Technician\n\n## What tools does a wind tech use?\n\nTorque wrenches.\n\n"
        "## Money\n\nTechnicians earn a salary.\n", encoding="utf-8")
    (tmp_path / "florist.md").write_text(FLORIST, encoding="utf-8")
    guides, passages = load_guides(tmp_path)
    cat = Catalogue(guides, [(p.doc, embedding_text(p)) for p in passages])
    cat.set_headings((p.doc, h) for p in passages for h in p.heading_path)
    plain = frozenset({"money", "tech", "tools", "legal"})
    # "meal money" of cabin crew is theirs to answer, whatever another guide heads "Money"
    assert foreign_words(cat, plain, ["meal", "money"], ["cabin-crew"], lambda _: 0.0,
                         0.7) == []
    # "tech" heads the wind technician's section on tools: that is no section on tech
    assert foreign_words(cat, plain, ["software", "tech"], ["florist"], lambda _: 0.0,
                         0.7) == []


def test_a_question_on_what_one_employer_does_names_it(tmp_path: Path) -> None:
    from roleqa.engine.employers import employer_named

    (tmp_path / "dental-nurse.md").write_text(
        "# Dental nurse\n\n## Pay\n\nThe NHS pays Band 4. Small firms pay less.\n",
        encoding="utf-8")
    (tmp_path / "florist.md").write_text(FLORIST, encoding="utf-8")
    guides, passages = load_guides(tmp_path)
    cat = Catalogue(guides, [(p.doc, embedding_text(p)) for p in passages])
    common = Vocabulary([], dictionary=frozenset(
        {"small", "firms", "hospital", "winery", "army", "surgery", "surgeries", "public",
         "sector", "really", "service", "corporation", "international"}))

    def named(question: str) -> str | None:
        return employer_named(cat, common, question, ["dental-nurse"])

    # a firm the guide never names: its hiring and its pay are its own
    assert named("does mydentist take on trainee dental nurses") == "Mydentist"
    assert named("what does Orkin pay new techs?") == "Orkin"
    assert named("is medivet hiring in leeds") == "Medivet"
    # employers in general, one the guide names, a role or a place: the guide's to answer
    assert named("do small firms pay as much?") is None
    assert named("does the NHS hire trainees?") is None
    assert named("do hospitals hire dental nurses?") is None
    assert named("does the hospital hire dental nurses?") is None
    assert named("do florists pay well?") is None
    assert named("does london pay more?") is None
    # kinds of employer asked in the plural, and a typo of a word, are no firm
    assert named("do wineries hire dental nurses?") is None
    assert named("does a winery hire dental nurses?") is None
    assert named("does the armey pay for training") is None
    assert named("do gp surgeries hire trainees") is None
    # a good company to work for, whatever its words, unless the guide names it
    assert named("is Service Corporation International a good company to work for") == (
        "Service Corporation International")
    assert named("is the NHS a good employer to work for?") is None
    assert named("is tesco a good company to work for") == "Tesco"
    # a kind of employer the guide writes of, or no name at all
    assert named("is the public sector a good employer to work for") is None
    assert named("is there really a good company to work for") is None


def test_scopes_are_checked_against_the_guides(tmp_path: Path) -> None:
    cat, _ = _catalogue(tmp_path)
    assert cat.scope(None) == ("beekeeper", "florist")
    assert cat.scope("florist") == ("florist",)
    assert cat.scope(["florist", "beekeeper"]) == ("florist", "beekeeper")
    with pytest.raises(UnknownGuideError, match="Known guides: beekeeper, florist"):
        cat.scope("nurse")


@pytest.mark.parametrize("bad", [5, True, {"florist": 1}, ["florist", 3]])
def test_a_scope_that_is_no_slug_or_list_is_a_clear_error(tmp_path: Path, bad: object) -> None:
    cat, _ = _catalogue(tmp_path)
    with pytest.raises(UnknownGuideError, match="must be a slug or a list of slugs"):
        cat.scope(bad)


def test_blank_slugs_in_a_scope_are_skipped(tmp_path: Path) -> None:
    cat, _ = _catalogue(tmp_path)
    assert cat.scope(["florist", " "]) == ("florist",)
    assert cat.scope(" ") == cat.scope([]) == cat.scope(None) == ("beekeeper", "florist")


def test_a_guide_file_name_must_make_a_slug(tmp_path: Path) -> None:
    (tmp_path / "a,b.md").write_text("# A\n\nText.\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="its file name is its slug"):
        load_guides(tmp_path)


def test_blank_front_matter_values_fall_back(tmp_path: Path) -> None:
    guide, _ = parse_guide('---\ntitle: "  "\nrole: ""\n---\n\n# A\n\nText.\n', "tree-surgeon")
    assert (guide.title, guide.role) == ("Tree Surgeon", "tree surgeon")


def test_short_forms_come_from_the_guides_and_cv_stays_a_resume() -> None:
    guides, passages = load_guides(CATALOGUE)
    cat = Catalogue(guides, [(p.doc, embedding_text(p)) for p in passages])
    forms = cat.short_forms
    assert forms["mle"] == "machine learning engineer"  # a role's initials
    # a short form the text defines, kept beside its spelling where a passage
    # writes "EDA" alone
    assert forms["eda"] == "eda exploratory data analysis"
    assert forms["pm"] == "ai product manager"  # an alias
    assert "cv" not in forms  # "computer vision" is mentioned once, not a term


def test_a_roles_initials_that_are_a_word_name_it_only_in_capitals(tmp_path: Path) -> None:
    cat = catalogue_of(tmp_path, {
        "early-years-educator": "# Early years educator\n\nThey teach young children.\n",
        "optometrist": "# Optometrist\n\nOptometrists test eyes.\n"})
    cat_words = Catalogue(cat.guides, [], dictionary=frozenset({"eye", "test"}))
    assert "eye" not in cat_words.short_forms
    assert cat_words.capital_forms["eye"] == "early years educator"
    assert cat_words.named("what kind of eye diseases do they check for") == []
    # not a word: a short form in any case, as before
    assert Catalogue(cat.guides, []).short_forms["eye"] == "early years educator"


def test_a_roles_last_word_names_it_where_no_other_role_ends_in_it(tmp_path: Path) -> None:
    for slug, text in [("registered-nurse", "# Registered Nurse\n\nRegistered nurses (RNs) "
                        "care for patients and work with a hiring manager.\n"),
                       ("data-engineer", "# What does a data engineer do?\n\nThey build pipes.\n"),
                       ("sound-engineer", "# What does a sound engineer do?\n\nThey mix.\n")]:
        (tmp_path / f"{slug}.md").write_text(text, encoding="utf-8")
    guides, passages = load_guides(tmp_path)
    cat = Catalogue(guides, [(p.doc, embedding_text(p)) for p in passages])
    for question in ("Do nurses work nights?", "what does a nurse earn?",
                     "can a junior nurse work alone?", "which pays more, nurse or engineer?"):
        assert cat.named(question) == ["registered-nurse"], question
    # "engineer" ends two roles; "the nurse", "the hiring nurses" are no role asked of
    assert cat.named("What do engineers do?") == []
    # nor is "nurses" the nurse's alone where another guide speaks of nurses
    (tmp_path / "hospital-porter.md").write_text(
        "# Hospital Porter\n\nPorters help nurses move patients.\n", encoding="utf-8")
    more, texts = load_guides(tmp_path)
    shared = Catalogue(more, [(p.doc, embedding_text(p)) for p in texts])
    assert shared.named("Do nurses work nights?") == []
    assert shared.named("Do registered nurses work nights?") == ["registered-nurse"]
    (tmp_path / "hospital-porter.md").unlink()
    assert cat.named("Is the nurse on call?") == []
    assert cat.named("Who are the hiring nurses?") == []
    # the plural short form the text defines, and a two-word role's initials ...
    assert cat.short_forms["rns"] == "registered nurses"
    assert cat.short_forms["rn"] == "registered nurse"
    assert cat.short_forms["se"] == "sound engineer"
    # ... unless the initials are a common word of their own
    common = Catalogue(guides, [(p.doc, embedding_text(p)) for p in passages],
                       dictionary=frozenset({"se"}))
    assert "se" not in common.short_forms and common.short_forms["rn"] == "registered nurse"


def test_subject_words_are_each_guides_own(tmp_path: Path) -> None:
    cat, _ = _catalogue(tmp_path)
    assert "beekeep" in cat.subject(["beekeeper"], [])  # a role's name is its guide's subject
    assert "honey" not in cat.subject(["florist"], [])
    # another role's name is a subject only where the question names that role
    assert "beekeep" in cat.subject(["florist"], ["beekeeper"])
    assert "beekeep" not in cat.subject(["florist"], [])


# -- the memory speaks for its own guides ------------------------------------------------
def test_an_out_of_scope_entry_of_one_guide_says_nothing_of_another() -> None:
    v = np.eye(4, dtype=np.float32)
    memory = QuestionMemory(v[:2], ("pay a", "tools b"), ("k1", "k2"), ((), (1,)),
                            ("a:x:1", "b:tools:1"), guides=(("a",), ()))
    q = v[0]
    assert memory.recall(q, "other", ["a"]).out_of_scope == pytest.approx(1.0)
    assert memory.recall(q, "other", ["b"]).out_of_scope < 0  # none speaks for b
    round_trip = QuestionMemory.from_bytes(memory.to_bytes())
    assert round_trip.guides == (("a",), ())


# -- the evaluation set -----------------------------------------------------------------
def _bank() -> list[dict[str, Any]]:
    lines = (ROOT / "eval" / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_no_test_question_is_a_near_copy_of_a_dev_question() -> None:
    def words(text: str) -> set[str]:
        return set(re.findall(r"[^\W_]+", text.lower()))

    rows = _bank()
    dev = [words(r["question"]) for r in rows if r["split"] == "dev"]
    for r in rows:
        if r["split"] == "test":
            mine = words(r["question"])
            close = max(len(mine & d) / max(len(mine | d), 1) for d in dev)
            assert close < 0.8, r["id"]


def test_paraphrases_of_one_question_stay_in_one_split() -> None:
    splits: dict[str, set[str]] = {}
    for r in _bank():
        if "group" in r:
            splits.setdefault(r["group"], set()).add(r["split"])
    assert splits and all(len(s) == 1 for s in splits.values())


def test_every_bank_line_names_guides_the_example_catalogue_holds() -> None:
    slugs = {p.stem for p in CATALOGUE.glob("*.md")}
    for r in _bank():
        named = r["guide"] if isinstance(r["guide"], list) else [r["guide"]]
        assert set(named) - {"none"} <= slugs, r["id"]


# -- the real model on the example catalogue --------------------------------------------
@pytest.mark.model
@pytest.mark.parametrize(("question", "guide"), [
    ("What tools does a data engineer use?", "data-engineer"),
    ("What does a PM do?", "ai-product-manager"),
    ("What tools do MLEs use?", "machine-learning-engineer"),
    ("what is EDA used for by data analysts?", "data-analyst"),
    ("Who wrote the data scientist guide?", "data-scientist"),
])
def test_a_question_naming_a_role_is_answered_from_its_guide(
        catalogue_assistant: Any, question: str, guide: str) -> None:
    answer = catalogue_assistant.ask(question)
    assert answer.answered, answer.text
    assert cited_guides(answer) == {guide}


@pytest.mark.model
def test_pay_is_answered_for_the_one_guide_that_gives_it_and_declined_for_others(
        catalogue_assistant: Any) -> None:
    paid = catalogue_assistant.ask("How much does a data engineer earn?")
    assert paid.answered and cited_guides(paid) == {"data-engineer"}
    assert "US dollars" in paid.text
    # on the data engineer's page, however pay is asked after
    for question in ("what's the salary?", "what is the pay like?", "what's the compensation?"):
        page = catalogue_assistant.ask(question, scope="data-engineer")
        assert page.answered and "US dollars" in page.text, question
        elsewhere = catalogue_assistant.ask(question, scope="data-scientist")
        assert not elsewhere.answered, question
    # a comparison needs the pay of both roles, and only one guide gives it
    both = catalogue_assistant.ask("Do data engineers earn more than ML engineers?")
    assert not both.answered, both.text
    assert both.text.startswith("Sorry, the machine learning engineer guide does not")
    unpaid = catalogue_assistant.ask("What salary does a data scientist make?")
    assert not unpaid.answered, unpaid.text
    assert unpaid.text.startswith("Sorry, the data scientist guide does not")
    assert all("data scientist" in s for s in unpaid.suggestions)


@pytest.mark.model
def test_pay_asked_at_no_level_shows_every_level_of_the_list(catalogue_assistant: Any) -> None:
    # The best line is the senior one; "how much" asks for every level.
    answer = catalogue_assistant.ask("how much do they earn?", ["what does a data engineer do?"])
    assert answer.answered, answer.text
    for level in ("85,000 to 110,000", "115,000 to 150,000", "150,000 to 200,000"):
        assert level in answer.text


@pytest.mark.model
def test_a_fact_of_another_guide_is_declined_not_borrowed(catalogue_assistant: Any) -> None:
    answer = catalogue_assistant.ask("Do data engineers use Kubernetes?")
    assert not answer.answered, answer.text
    assert "machine-learning-engineer" not in cited_guides(answer)


@pytest.mark.model
def test_a_follow_up_stays_with_the_role_in_focus(catalogue_assistant: Any) -> None:
    history = ["What tools does a data engineer use?"]
    tools = catalogue_assistant.ask("which of them schedule pipelines?", history)
    assert tools.answered and cited_guides(tools) == {"data-engineer"}
    legal = catalogue_assistant.ask("Do they also work with legal teams?", history)
    assert not legal.answered, legal.text  # only the product manager guide speaks of legal


@pytest.mark.model
def test_a_follow_up_naming_another_role_asks_the_question_before_of_it(
        catalogue_assistant: Any) -> None:
    history = ["What does an ML engineer do?"]
    reading = catalogue_assistant.read("and a data analyst?", history)
    # the ML engineer's words are left out, not half swapped ("data learning engineer")
    assert "learning" not in reading.query.text and "data analyst" in reading.query.text
    answer = catalogue_assistant.ask("and a data analyst?", history)
    assert answer.answered and cited_guides(answer) == {"data-analyst"}, answer.text
    # asked for pay the new role's guide never gives, it is still declined
    pay = catalogue_assistant.ask("and data scientists?", ["how much does a data engineer make?"])
    assert not pay.answered, pay.text


@pytest.mark.model
def test_a_comparison_of_two_roles_cites_both_guides(catalogue_assistant: Any) -> None:
    answer = catalogue_assistant.ask("How does a data scientist differ from an ML engineer?")
    assert answer.answered
    assert cited_guides(answer) == {"data-scientist", "machine-learning-engineer"}


@pytest.mark.model
def test_a_comparison_follow_up_compares_with_the_role_in_focus(
        catalogue_assistant: Any) -> None:
    answer = catalogue_assistant.ask("how's that different from a data engineer?",
                                     ["What does an ML engineer do?"])
    assert answer.answered
    assert cited_guides(answer) == {"machine-learning-engineer", "data-engineer"}


@pytest.mark.model
def test_a_question_naming_no_role_is_answered_by_one_guide(catalogue_assistant: Any) -> None:
    for question, guide in [("what kind of person is data science a good fit for?",
                             "data-scientist"),
                            ("Which tools are used to schedule pipelines?", "data-engineer")]:
        answer = catalogue_assistant.ask(question)
        assert answer.answered and cited_guides(answer) == {guide}, (question, cited_guides(answer))


@pytest.mark.model
def test_a_job_page_answers_how_its_role_differs_from_another(catalogue_assistant: Any) -> None:
    # the deep learning engineer's page: its guide compares the role with ML engineers
    for question in ("What's the difference between a deep learning engineer and a machine "
                     "learning engineer?", "deep learning engineer vs ML engineer?"):
        answer = catalogue_assistant.ask(question, scope="deep-learning-engineer")
        assert answer.answered, question
        assert "Compared to machine learning engineers" in answer.prose
        assert cited_guides(answer) == {"deep-learning-engineer"}


@pytest.mark.model
def test_a_role_no_guide_covers_is_declined_naming_the_roles_covered(
        catalogue_assistant: Any) -> None:
    answer = catalogue_assistant.ask("What does a UX designer do?")
    assert not answer.answered
    assert "ux designer" in answer.text and "data scientist" in answer.text


@pytest.mark.model
def test_how_a_tool_works_is_declined_and_what_it_is_for_answered(
        catalogue_assistant: Any) -> None:
    ask = catalogue_assistant.ask
    page = "machine-learning-engineer"
    for question in ("what is XGBoost and how does it work?", "How does MLflow work?"):
        assert not ask(question, scope=page).answered, question
    used = ask("What is MLflow used for?", scope=page)
    assert used.answered and "MLflow" in used.prose


@pytest.mark.parametrize("message, kind", [
    ("hi", "greeting"), ("Hello there!", "greeting"), ("thanks!!", "thanks"),
    ("thank you :)", "thanks"), ("Which roles do you cover?", "catalogue"),
    ("hi! how's your day going?", "greeting"), ("Hey there, how are you?", "greeting"),
    ("how are you doing", "greeting"), ("hi, how are florists paid?", ""),
    ("what jobs can you tell me about?", "catalogue"), ("what can I ask?", "catalogue"),
    ("hi, what do florists earn?", ""), ("what roles are there in a flower shop?", ""),
    ("What can I ask in an interview?", ""), ("Which roles do florists work with?", ""),
    ("hey hows it going", "greeting"), ("lol hows ur day going", "greeting"),
    ("hey how r u today lol", "greeting"), ("so how is the pay today?", ""),
    ("lol thanks. whats ur favourite game", "greeting"), ("are you a bot?", "greeting"),
    ("what is your favourite part of being a paramedic?", ""), ("thanks mate", "thanks"),
    # praise is thanks in other words, alone or with thanks and a pleasantry
    ("cheers mate thats really helpful 👍", "thanks"),
    ("lol thanks ur actually really helpful, hows ur day going", "thanks"),
    ("thank you so much, that was really useful", "thanks"),
    ("that is really helpful for nurses, what do they earn?", ""), ("is it useful?", ""),
    ("thanks, how much do they earn?", ""), ("cool", "thanks"), ("ok", "thanks"),
    ("ok so what do they earn?", "")])
def test_small_talk_is_told_from_questions(message: str, kind: str) -> None:
    assert small_talk(message) == kind


@pytest.mark.model
def test_a_greeting_or_thanks_is_answered_with_the_roles_known_not_a_passage(
        catalogue_assistant: Any) -> None:
    hello = catalogue_assistant.ask("hey there")
    assert not hello.answered and not hello.sources
    assert hello.lead.startswith("Hello! This assistant knows the guides to these roles:")
    assert "data scientist" in hello.lead and "AI product manager" in hello.lead
    assert hello.suggestions
    page = catalogue_assistant.ask("thanks!", scope="data-scientist")
    assert page.lead == ("You're welcome! This assistant knows the data scientist guide. "
                         "It answers questions such as:")
    listed = catalogue_assistant.ask("Which roles do you cover?")
    assert listed.lead.startswith("This assistant knows the guides to these roles:")


def _suggested(folder: Path, slug: str, markdown: str) -> tuple[str, ...]:
    """The first three questions suggested for the one guide ``markdown``."""
    (folder / f"{slug}.md").write_text(markdown, encoding="utf-8")
    guides, passages = load_guides(folder)
    cat = Catalogue(guides, [(p.doc, embedding_text(p)) for p in passages])
    return Replies(cat, passages).suggestions(n=3)


def test_a_heading_that_is_no_question_is_suggested_in_a_sentence(tmp_path: Path) -> None:
    asked = _suggested(
        tmp_path, "registered-nurse",
        "# Registered Nurse\n\nNurses care for patients in Epic.\n\n## Responsibilities\n\n"
        "Nurses give medicines.\n\n## Epic charting\n\nNurses chart in Epic.\n")
    assert "What does the registered nurse guide say about responsibilities?" in asked
    assert "What does the registered nurse guide say about Epic charting?" in asked


def test_a_heading_saying_a_sentence_is_suggested_under_it_after_topics(tmp_path: Path) -> None:
    assert _suggested(
        tmp_path, "paralegal",
        "# Paralegal\n\n## Hours are office-based but can spike before deadlines\n\n"
        "Most work 40 hours.\n\n## Pay\n\nIt varies.\n\n## Frequently asked questions\n\n"
        "Some answers.\n") == (
        "What does the paralegal guide say about pay?",
        "What does the paralegal guide say under “Hours are office-based but can spike "
        "before deadlines”?")


def test_a_heading_naming_no_topic_is_no_suggestion(tmp_path: Path) -> None:
    assert _suggested(
        tmp_path, "sound-engineer",
        "# Sound engineer\n\n## Overview\n\nEngineers mix sound.\n\n## Equipment\n\n"
        "Desks and microphones.\n\n## Pay\n\nIt varies.\n") == (
        "What does the sound engineer guide say about equipment?",
        "What does the sound engineer guide say about pay?")


@pytest.mark.model
def test_what_a_role_does_is_its_guides_opening_and_first_list(catalogue_assistant: Any) -> None:
    answer = catalogue_assistant.ask("What does a data analyst do?")
    assert answer.answered
    # the opening sums the role up; its tasks follow, each cited in turn
    assert answer.prose.startswith("Every organisation collects numbers")
    assert "Writing SQL queries" in answer.prose and "dashboards" in answer.prose
    cited = [int(n) for n in re.findall(r"\[(\d+)\]", answer.text)]
    assert cited == list(range(1, len(answer.sources) + 1))
    assert {s.passage.doc for s in answer.sources} == {"data-analyst"}
    # where the list's introduction was a close runner-up, it came without
    # its items; now the items follow it, and nothing from other sections
    pm = catalogue_assistant.ask("What does an AI product manager do?")
    assert "Defining KPIs" in pm.prose and "roadmap" in pm.prose
    assert {s.passage.section for s in pm.sources[1:]} == {pm.sources[1].passage.section}
    # a question asking for something of the role is not an overview
    tools = catalogue_assistant.ask("What tools does a data analyst use?")
    assert "Writing SQL queries" not in tools.prose


@pytest.mark.model
def test_personality_and_being_replaced_by_ai_are_careers_topics_guides_do_not_cover(
        catalogue_assistant: Any) -> None:
    ask = catalogue_assistant.ask
    for question, page in [("Is data engineering a good fit for an introvert?", "data-engineer"),
                           ("Do data scientists need to be extroverts?", "data-scientist"),
                           ("Is AI going to replace machine learning engineers?",
                            "machine-learning-engineer")]:
        answer = ask(question, scope=page)
        assert not answer.answered, (question, answer.text)
    # the guide says whom the role suits: that stays answered, not a personality topic
    suits = ask("what kind of person is data science a good fit for?", scope="data-scientist")
    assert suits.answered, suits.text


@pytest.mark.model
def test_what_a_role_does_day_to_day_is_what_it_does(catalogue_assistant: Any) -> None:
    ask = catalogue_assistant.ask
    # a guide with no typical-day section answers from its tasks; one with it, from it
    for question, page, section in [
            ("what does an AI PM do all day?", "ai-product-manager", "tasks"),
            ("What does a data engineer actually do day to day?", "data-engineer", "day")]:
        answer = ask(question, scope=page)
        cited = [s.passage.section.lower() for s in answer.sources]
        assert answer.answered and any(section in c for c in cited), (question, cited)
    assert not ask("what's the weather like day to day?", scope="data-engineer").answered


@pytest.mark.model
def test_small_talk_and_sport_are_declined(catalogue_assistant: Any) -> None:
    for question in ("What time does the football match start tonight?", "how are you today?"):
        assert not catalogue_assistant.ask(question).answered, question


@pytest.mark.model
def test_template_text_shared_by_guides_is_quoted_once(catalogue_assistant: Any) -> None:
    # five guides end with the same footnote: it is one hit, quoted at most once
    answer = catalogue_assistant.ask("Is this guide part of a series on careers in AI?")
    assert sum(FOOTNOTE in h.passage.text for h in answer.hits) == 1
    assert answer.text.count(FOOTNOTE) <= 1
    assert sum(FOOTNOTE in s.passage.text for s in answer.sources) <= 1


@pytest.mark.model
def test_a_scoped_widget_declines_other_roles_and_their_follow_ups(
        catalogue_assistant: Any) -> None:
    ask = catalogue_assistant.ask
    for question in ("Can you tell me what an AI PM earns?", "What does a data engineer do?"):
        reply = ask(question, scope="data-scientist")
        assert not reply.answered and "about the data scientist role" in reply.text, question
    follow = ask("and what do they earn?", ["What does a data engineer do?"],
                 scope="data-scientist")
    assert not follow.answered and "about the data scientist role" in follow.text
    # the page's own role beside another is the page's question
    assert ask("Do they work with data engineers?", scope="data-scientist").answered


@pytest.mark.model
def test_a_job_page_answers_what_its_guide_says_of_another_role(
        catalogue_assistant: Any) -> None:
    ask = catalogue_assistant.ask
    # the deep learning engineer's guide says what data analysts bring to the team
    for question in ("What do data analysts do on the team?",
                     "I'm a data analyst. Is this article meant to help AI practitioners "
                     "choose a career track?"):
        answer = ask(question, scope="deep-learning-engineer")
        assert answer.answered, question
        assert cited_guides(answer) == {"deep-learning-engineer"}
    assert "data analysts" in ask("What do data analysts do on the team?",
                                  scope="deep-learning-engineer").sources[0].passage.text
    # the data scientist's guide names data engineers, but not their tools or pay
    for question in ("What tools do data engineers use?", "How much do data engineers earn?",
                     "What does a data engineer do?"):
        reply = ask(question, scope="data-scientist")
        assert not reply.answered, question
        assert "about the data scientist role" in reply.text, question


@pytest.mark.model
def test_suggestions_are_the_guides_topics_not_its_author_line(catalogue_assistant: Any) -> None:
    every = catalogue_assistant.suggestions(n=100)
    # the front matter's author line is answerable but no section to suggest
    assert every and not any(s.endswith("say about Author?") for s in every)


@pytest.mark.model
def test_a_scope_keeps_answers_to_its_guide(catalogue_assistant: Any) -> None:
    answer = catalogue_assistant.ask("What tools do they use?", scope="data-scientist")
    assert answer.answered and cited_guides(answer) == {"data-scientist"}
    other = catalogue_assistant.ask("What does an AI PM do?", scope="data-scientist")
    assert not other.answered and "data scientist" in other.text
    with pytest.raises(UnknownGuideError, match="Known guides: ai-product-manager"):
        catalogue_assistant.ask("What tools do they use?", scope="nurse")


@pytest.mark.model
def test_a_question_about_the_guide_itself_is_answered_where_it_speaks_of_itself(
        catalogue_assistant: Any) -> None:
    ask = catalogue_assistant.ask
    page = "data-engineer"
    answer = ask("What's the point of this guide?", scope=page)
    assert answer.answered and "part of a series on careers" in answer.prose
    # ... but not of a topic it never speaks of
    assert not ask("Does this guide cover interview tips?", scope=page).answered


@pytest.mark.model
def test_a_page_does_not_say_how_to_become_a_role_it_only_mentions(
        catalogue_assistant: Any) -> None:
    ask = catalogue_assistant.ask
    page = "deep-learning-engineer"
    # the guide names data analysts as teammates, never how to become one
    answer = ask("how do i become a data analyst", scope=page)
    assert not answer.answered and "only answer questions about the deep learning" in answer.text
    # what it says of them still answers
    assert ask("do deep learning engineers work with data analysts?", scope=page).answered


@pytest.mark.model
def test_a_page_compares_its_role_with_one_its_guide_speaks_of(catalogue_assistant: Any) -> None:
    answer = catalogue_assistant.ask("how is that different from data scientists?",
                                     ["What kind of code do deep learning engineers write?"],
                                     scope="deep-learning-engineer")
    assert answer.answered and "as opposed to data scientists" in answer.prose
    assert cited_guides(answer) == {"deep-learning-engineer"}


def test_the_visitors_own_job_is_not_asked_about_as_a_career(tmp_path: Path) -> None:
    cat = catalogue_of(tmp_path, {
        "electrician": ("# Electrician\n\n## Teamwork\n\n"
                        "Electricians coordinate with site managers.\n"),
    })
    assert cat.unknown_role("how does this help me as a site manager?") is None
    assert cat.unknown_role("can i get a job as a site manager?") == "site manager"


def test_the_visitors_past_job_leaves_a_follow_up_with_the_role_before(tmp_path: Path) -> None:
    cat = catalogue_of(tmp_path, {
        "locksmith": "# Locksmith\n\n## Training\n\nLocksmiths train for four years.\n",
        "carpenter": "# Carpenter\n\n## Training\n\nCarpenters train for three years.\n",
    })
    history = ["how long is a locksmith apprenticeship"]
    for question in ("can i skip some of it if i've been a carpenter for years",
                     "I was a carpenter, does that count?",
                     "i used to work as a carpenter, can i do it faster?"):
        scoped = guides_for(cat, question, history, True, cat.slugs)
        assert scoped.docs == ["locksmith"], question
    # the visitor's job ends where the question goes on, unpunctuated as chat is
    chat = guides_for(cat, "i was a locksmith how do carpenters train", history, True, cat.slugs)
    assert "carpenter" in chat.docs
    # a role asked about beside the visitor's own is asked about
    asked = guides_for(cat, "I was a locksmith, how do carpenters train?", history, True,
                       cat.slugs)
    assert "carpenter" in asked.docs
    # with no role before, the visitor's job is what there is to go on
    assert guides_for(cat, "I was a carpenter, does that count?", [], False,
                      cat.slugs).docs == ["carpenter"]


def test_loose_names_and_career_questions_need_more_than_a_shared_word(tmp_path: Path) -> None:
    cat = catalogue_of(tmp_path, {
        "kitchen-porter": ("# Kitchen porter\n\n## The team\n\n"
                           "The chef plans the menu; drivers bring the deliveries.\n"),
        "art-therapist": ("# Art therapist\n\n## The work\n\n"
                          "Art therapists use painting with clients.\n"),
        "teaching-assistant": ("# Teaching assistant\n\n## The work\n\n"
                               "Teaching assistants support a class.\n"),
    })
    # "the" starts "therapist" but is no one's short form; a career is no person
    assert cat.named("is art the right subject to study?") == []
    assert cat.named("how do i start a teaching career?") == []
    assert cat.named("are art therapy people well paid?") == []
    assert cat.named("what do teaching folks do all day?") == ["teaching-assistant"]
    # making a menu, needing to be something, one's own job: no job asked about
    assert cat.unknown_role("does the chef make the menu or do i?") is None
    assert cat.unknown_role("do i need to be a driver?") is None
    own = guides_for(cat, "i'm working as a waiter, is this a good move?", [], False, cat.slugs)
    assert own.refusal is None
    assert cat.unknown_role("i want to be a chef, where do i start?") == "chef"


def test_a_role_is_named_by_its_work_unless_another_guide_writes_it_as_a_task(
        tmp_path: Path) -> None:
    cat = catalogue_of(tmp_path, {
        "vet-nurse": "# Vet nurse\n\n## The work\n\nVet nurses care for animals.\n",
        "data-engineer": "# Data engineer\n\n## The work\n\nData engineers build pipelines.\n",
        "ml-engineer": ("# ML engineer\n\n## Tasks\n\nThe work spans data engineering "
                        "and modeling.\n"),
    })
    assert cat.named("is vet nursing a degree or an apprenticeship?") == ["vet-nurse"]
    # "data engineering" is a task the ML engineer guide writes of
    assert cat.named("and for data engineering?") == []


def test_a_role_is_named_with_words_of_its_own_work(tmp_path: Path) -> None:
    cat = catalogue_of(tmp_path, {"truck-driver": (
        "---\nrole: truck driver\n---\n\n# Truck driver\n\n"
        "Long-haul drivers, called OTR drivers in the US, move freight across the country "
        "and keep delivery windows.\n")})
    # "an OTR driver" and "long haul drivers" are the guide's own role ...
    assert cat.named("what does an OTR driver do?") == ["truck-driver"]
    assert cat.named("do long haul drivers sleep in the cab?") == ["truck-driver"]
    assert cat.unknown_role("what does an OTR driver do?") is None
    # ... a driver of work it never speaks of is another role, and one it says
    # only of something else ("delivery windows") is not its role by name
    assert cat.named("what does a racing driver do?") == []
    assert cat.unknown_role("what does a racing driver do?") == "racing driver"
    assert cat.named("what does a delivery driver earn?") == []


def test_a_role_is_named_as_typed_before_its_short_forms_are_spelled_out(
        tmp_path: Path) -> None:
    cat = catalogue_of(tmp_path, {
        "mlops-engineer": "---\nrole: MLOps engineer\naliases: [ML ops engineer]\n---\n"
                          "# MLOps engineer\n\n## The work\n\nMLOps engineers run pipelines.\n",
        "machine-learning-engineer": "---\nrole: machine learning engineer\naliases: [ML "
                                     "engineer]\n---\n# Machine learning engineer\n\n"
                                     "## The work\n\nThey train models.\n",
    })
    # "ML" spelled out, the alias is no longer written: no "machine learning
    # ops engineer" role that no guide covers
    spelled = "what does a machine learning ops engineer do"
    assert guides_for(cat, spelled, [], False, cat.slugs).refusal is not None
    scoped = guides_for(cat, spelled, [], False, cat.slugs, typed="what does an ML ops engineer do")
    assert scoped.refusal is None and scoped.docs == ["mlops-engineer"]


def test_a_two_word_roles_initials_that_are_a_word_name_it_in_capitals_as_people(
        tmp_path: Path) -> None:
    for slug, role, text in (("court-reporter", "court reporter", "Reporters write steno."),
                             ("nurse", "registered nurse", "Nurses need continuing education.")):
        (tmp_path / f"{slug}.md").write_text(f"---\nrole: {role}\n---\n\n# A\n\n{text}\n",
                                             encoding="utf-8")
    guides, _ = load_guides(tmp_path)
    cat = Catalogue(guides, [(g.slug, "Reporters write steno.") for g in guides],
                    dictionary=frozenset({"cr", "ce"}))
    assert cat.capital_forms.get("cr") == "court reporter"
    vocabulary = Vocabulary([], capital_forms=cat.capital_forms)
    assert repair("do CRs need a degree?", vocabulary) == "do court reporters need a degree?"
    assert "court reporter" in repair("how do I become a CR?", vocabulary)
    # in lower case, or not standing for people, they are what they say
    assert "court" not in repair("how do I become a cr?", vocabulary)
    assert "court" not in repair("is the CR paid?", vocabulary)
    assert "court" not in repair("do you need CR hours for that?", vocabulary)
    # capitals written for something else are no role's: "a BA degree"
    (tmp_path / "ba.md").write_text("---\nrole: business analyst\n---\n\n# A\n\nText.\n",
                                    encoding="utf-8")
    assert "ba" not in Catalogue(load_guides(tmp_path)[0]).capital_forms


def test_a_one_word_role_written_in_two_words_names_it(tmp_path: Path) -> None:
    (tmp_path / "zookeeper.md").write_text("# Zookeeper\n\nKeepers feed animals.\n",
                                           encoding="utf-8")
    (tmp_path / "plumber.md").write_text("# Plumber\n\nPlumbers fit pipes.\n", encoding="utf-8")
    guides, _ = load_guides(tmp_path)
    cat = Catalogue(guides, dictionary=frozenset({"zoo", "keeper", "plum", "ber"}))
    # both parts common words of three letters or more before the last four
    assert cat.role_names == {"zoo keeper": "zookeeper"}
    vocabulary = Vocabulary([], role_names=cat.role_names)
    for written in ("what do zoo keepers earn?", "what do Zoo-Keepers earn?"):
        assert repair(written, vocabulary) == "what do zookeepers earn?"
        assert cat.named(repair(written, vocabulary)) == ["zookeeper"]
    assert repair("a zoo keeps animals", vocabulary) == "a zoo keeps animals"
    # in capitals they stay so; a name whose case folds otherwise is left as written
    assert repair("DO ZOO KEEPERS EARN?", vocabulary) == "DO ZOOKEEPERS EARN?"
    assert repair("zoo keepers İ", vocabulary) == "zookeepers İ"


def test_a_role_misspelt_or_named_as_someone_the_visitor_knows(tmp_path: Path) -> None:
    for slug, role in (("flight-attendant", "flight attendant"), ("pilot", "airline pilot"),
                       ("teacher", "secondary school teacher")):
        (tmp_path / f"{slug}.md").write_text(
            f"---\nrole: {role}\n---\n\n# A\n\nCareers teachers advise pupils.\n",
            encoding="utf-8")
    guides, passages = load_guides(tmp_path)
    cat = Catalogue(guides, [(p.doc, p.text) for p in passages],
                    dictionary=frozenset({"engineering"}))
    # the last word misspelt to the same stem, no common word
    assert cat.named("flight attendent job outlook") == ["flight-attendant"]
    assert cat.named("do flight attendents get free flights") == ["flight-attendant"]
    # the visitor's own teacher is not asked about when another role is
    asked = "careers teacher says I'm too young to train as an airline pilot"
    assert cat.named(f"a {asked}") == ["teacher", "pilot"]
    assert cat.named(f"my {asked}") == ["pilot"]
    # ... but one of roles asked about together is
    together = "do my secondary school teachers or airline pilots earn more?"
    assert cat.named(together) == ["teacher", "pilot"]
