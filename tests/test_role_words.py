"""How visitors name a role with words its guide's title lacks: an other name
of the occupation (data/language.toml, "vets"), its last word one letter off
("quantity surveyers"), or its leading words alone as a field of work
("get into aircraft maintenance")."""

from __future__ import annotations

from pathlib import Path

from cataloguing import catalogue_of

GUIDES = {
    "veterinarian": "# Veterinarian\n\nVets treat animals. A vet works long hours.\n",
    "veterinary-nurse": ("---\nrole: Veterinary nurse\naliases: [vet nurse]\n---\n\n"
                         "# Veterinary nurse\n\nVeterinary nursing is skilled work.\n"),
    "quantity-surveyor": "# Quantity surveyor\n\nQuantity surveyors manage costs.\n",
    "land-surveyor": "# Land surveyor\n\nSurveyors measure land.\n",
    "aircraft-maintenance-engineer": (
        "# Aircraft maintenance engineer\n\nAircraft maintenance is a trade.\n\n"
        "## Routes\n\nSome learn aircraft maintenance in the air force.\n"),
    "machine-learning-engineer": "# Machine learning engineer\n\nMachine learning is maths.\n",
    "deep-learning-engineer": "# Deep learning engineer\n\nDeep learning is machine learning.\n",
}


def test_an_other_name_of_the_occupation_names_its_guide(tmp_path: Path) -> None:
    cat = catalogue_of(tmp_path, GUIDES)
    assert cat.named("how much do vets make") == ["veterinarian"]
    assert cat.named("what exam does an animal doctor pass?") == ["veterinarian"]
    assert cat.named("do aircraft mechanics work nights") == ["aircraft-maintenance-engineer"]
    # the other name begins another role's work: "vet nursing" is a veterinary nurse's
    assert cat.named("how many gcses do you need for vet nursing") == ["veterinary-nurse"]
    # ... or is a verb, done to someone
    assert cat.named("do they vet your social media before hiring") == []


def test_a_roles_last_word_one_letter_off_still_names_it(tmp_path: Path) -> None:
    cat = catalogue_of(tmp_path, GUIDES)
    assert cat.named("what software do quantity surveyers use") == ["quantity-surveyor"]
    assert cat.named("what software do quantity surveyors use") == ["quantity-surveyor"]


def test_a_roles_leading_words_name_it_as_a_field_no_other_guide_writes(
        tmp_path: Path) -> None:
    cat = catalogue_of(tmp_path, GUIDES)
    assert cat.named("can i get into aircraft maintenance thru the air force") == [
        "aircraft-maintenance-engineer"]
    # another guide writes "machine learning" too: no one role's field
    assert cat.named("is machine learning hard to learn") == []
    # "the early years of your career" is a time, no early years educator's field
    (tmp_path / "early").mkdir()
    early = catalogue_of(tmp_path / "early", {
        "early-years-educator": "# Early years educator\n\nThe early years sector grows.\n",
        "nurse": "# Nurse\n\nNurses care.\n"})
    assert early.named("how much do you earn in the early years of your career") == []
    assert early.named("how do i get into early years") == ["early-years-educator"]
