"""Countries a question asks about, and countries a guide speaks of (engine/places.py)."""

from __future__ import annotations

import pytest

from roleqa.engine.guide_places import GuidePlaces
from roleqa.engine.places import (
    asked_about,
    asked_cities,
    asked_parts,
    asks_live_vacancies,
    peoples,
    regions,
    spoken_of,
    unplaced,
)


@pytest.mark.parametrize("question, countries", [
    ("how much do chefs make in the US?", ["the United States"]),
    ("How much do nurses make in the uk", ["the United Kingdom"]),
    ("and in canada?", ["Canada"]),
    ("UX designer salary in India?", ["India"]),
    ("what are German salaries like?", ["Germany"]),
    ("is the pay better in London or in Sydney?", ["the United Kingdom", "Australia"]),
    ("what about canada", ["Canada"]),                # nothing but the place is asked
    ("and in aussie?", ["Australia"]),               # a people, no language: the place
    ("pharmacist pay in oz? like in aud", ["Australia"]),
    ("do you work in northern ireland?", ["the United Kingdom"]),  # not Ireland
    ("is the training the same if i move to ireland?", ["Ireland"]),
    ("and what do they make in the states?", ["the United States"]),
    ("is it the same in the States too", ["the United States"]),
    ("senior mlops engineer salary uk?", ["the United Kingdom"]),  # as chat types it
])
def test_a_country_after_in_or_before_pay_is_asked_about(
        question: str, countries: list[str]) -> None:
    assert asked_about(question) == countries


@pytest.mark.parametrize("question", [
    "I live in Canada, how do I become a nurse?",   # the visitor's country
    "im from india, what skills do i need?",
    "do i need to speak french?",                    # a language, not a country
    "is there one in french?",                       # ... as "in France" is a place
    "how much do they pay us?",                      # a pronoun
    "which states pay nurses the most?",
    "in the states that license them, what do they earn",
    "what do caterers charge for turkey?",          # a food, not a country
])
def test_a_country_the_question_does_not_ask_about_is_none(question: str) -> None:
    assert asked_about(question) == []


def test_a_guide_speaks_of_the_countries_it_names_or_whose_money_it_shows() -> None:
    assert spoken_of("In the US, pay starts at $50,000.") == {"the United States"}
    assert spoken_of("Commis chefs earn £20,000; more in London.") == {"the United Kingdom"}
    # a code that is a common word names no country ("CAD" drawings, a "16 oz" hammer)
    assert spoken_of("Technologists use CAD and a 16 oz hammer.") == frozenset()
    # "French" names a cuisine here, not France; "$" before no figure is no money
    assert spoken_of("The brigade system is French.") == frozenset()
    assert spoken_of("Type $ pip install, or set $PATH.") == frozenset()
    # dollars marked with their country are that country's, never the bare "$"'s
    assert spoken_of("Pay starts at A$85,000.") == {"Australia"}
    assert spoken_of("From CA$17 or NZ$24 an hour.") == {"Canada", "New Zealand"}


def test_a_country_is_asked_about_by_its_nickname() -> None:
    assert asked_about("how much do optoms earn down under") == ["Australia"]


def test_a_part_of_a_country_is_asked_about_as_the_country_is() -> None:
    question = "how much do police officers earn in scotland"
    assert asked_about(question) == ["the United Kingdom"]
    assert asked_parts(question) == ["Scotland"]
    assert asked_parts("and in the uk?") == []
    assert asked_parts("I live in Glasgow, how do I become a nurse?") == []  # the visitor's
    # ("bc" is chat for "because": no place, not even before "pay")
    assert asked_parts("how much does a lineman make in british columbia?") == [
        "British Columbia"]
    assert asked_parts("i want to be a nurse bc i like helping people") == []
    assert asked_parts("i want to teach bc pay is decent, how do i start?") == []
    assert asked_parts("nurse pay in new south wales") == ["New South Wales"]  # not Wales


def test_a_guide_names_parts_of_a_country_and_the_country_as_a_whole() -> None:
    named = regions("Forces in England and Wales recruit anyone who has lived in the UK "
                    "for three years. London officers get a London allowance.")
    assert named == {"England": 1, "Wales": 1, "the United Kingdom": 1}  # cities not counted
    assert regions("Each state sets its own rules; in Texas courses are longer.") == {
        "Texas": 1}


def test_a_city_says_nothing_of_which_parts_of_a_country_a_guide_covers() -> None:
    places = GuidePlaces({
        "chef": ["Chefs earn £30,000, more in London."],
        "police": ["Forces in England and Wales.", "In England, officers earn £30,000."],
    })
    assert places.covers_part("chef", "Scotland")
    assert not places.covers_part("police", "Scotland")
    assert places.covers_part("police", "Wales")
    assert places.pay_countries("chef") == {"the United Kingdom"}


def test_a_lead_in_speaks_for_the_pay_listed_after_it() -> None:
    places = GuidePlaces({"dpo": [
        "Germany also requires a DPO in some firms.",
        "Typical annual salaries in Ireland are:", "Analyst: €40,000 a year.",
        "Typical annual salaries in Germany are:", "Coordinator: €45,000 a year.",
        "In France the role is common:", "It is growing."]})
    assert places.pay_countries("dpo") == {"Ireland", "Germany"}
    assert places.pay_countries("a guide with no passages") == frozenset()


def test_a_guide_names_a_part_of_a_country_or_another_part_of_it() -> None:
    assert asked_parts("wind turbine technician salary in california") == ["California"]
    assert asked_parts("what do nurses earn in washington state?") == ["Washington State"]
    places = GuidePlaces({"nhs": ["The 2024/25 Band 4 rates for England: £26,530."],
                          "wind": ["Technicians in the US earn $61,770."],
                          "texas": ["In Texas, agents earn $55,000."]})
    assert places.names_other_part("nhs", "Scotland") and not places.names_part("nhs", "Scotland")
    assert not places.names_other_part("wind", "California")
    assert places.names_part("texas", "Texas") and places.names_other_part("texas", "California")


def test_a_guide_pays_a_part_of_a_country_where_it_gives_pay_there() -> None:
    assert asked_parts("whats the median pay for funeral directors in georgia") == ["Georgia"]
    assert asked_parts("nurse pay in west virginia") == ["West Virginia"]  # not Virginia
    places = GuidePlaces({"cm": ["Demand is strongest in Texas and Florida.",
                                 "The median annual wage is about $104,900."],
                          "fd": ["New York: Median annual pay: $74,500"]})
    assert places.names_part("cm", "Texas") and not places.pays_part("cm", "Texas")
    assert places.pays_part("fd", "New York") and not places.pays_part("fd", "Texas")


def test_a_city_is_asked_about_as_its_country_is_and_a_guide_names_it_or_not() -> None:
    assert asked_cities("average sre salary in london") == ["london"]
    assert asked_cities("financial analyst pay in New York City?") == ["new york"]
    assert asked_cities("and in manchester?") == ["manchester"]
    assert asked_cities("how much do nurses earn in the uk") == []
    assert asked_cities("I live in Leeds, how much do nurses earn?") == []  # the visitor's
    # the visitor's own city is not asked about; another name of a city is that city
    assert asked_cities("I'm in London, what do electricians earn?") == []
    assert asked_cities("im a student in leeds, what do nurses make") == []
    assert asked_cities("how much do copywriters earn in nyc?") == ["new york"]
    places = GuidePlaces({"chef": ["Chefs earn £30,000, more in London."],
                          "plumber": ["Plumbers in the UK earn £28,000."],
                          "writer": ["Writers in New York earn $60,000."],
                          "police": ["Pay is set nationally.", "Constables start on £29,907."],
                          "carer": ["Pay is close to the National Living Wage of £12.21."]})
    assert "london" in places.names("chef")
    assert "london" not in places.names("plumber")
    assert "new york" in places.names("writer")
    # pay on a scale for the whole country holds in its cities; a minimum wage is no scale
    assert places.pays_by_scale("police")
    assert not places.pays_by_scale("plumber") and not places.pays_by_scale("carer")
    # the UK's bands say nothing of pay in Perth
    abroad = GuidePlaces({"radiographer": ["Graduates earn $75,000 a year.",
                                           "NHS staff in the UK start on Band 5, £29,970."]})
    assert abroad.pays_by_scale("radiographer", ["the United Kingdom"])
    assert not abroad.pays_by_scale("radiographer", ["Australia"])
    assert places.pays_by_scale("police", ["Australia"])  # said of no country: of its own
    # pay the same across the country holds in its cities; a median across it does not
    alike = GuidePlaces({"digger": ["Outside London, pay varies little between regions. "
                                    "A site assistant earns £24,000 a year."],
                         "barista": ["Across the country, the median wage is $14.50 an hour."],
                         "clerk": ["Starting salaries vary little between firms: £24,000."]})
    assert alike.pays_by_scale("digger")
    assert not alike.pays_by_scale("barista") and not alike.pays_by_scale("clerk")
    assert abroad.pays_by_scale("radiographer", "the United Kingdom")  # one country, as a str


def test_a_note_after_pay_figures_says_whose_pay_they_are() -> None:
    places = GuidePlaces({"radiographer": [
        "Radiographer › Pay: New graduate: $75,000 to $85,000",
        "Radiographer › Pay: Senior: $110,000 to $125,000",
        "Radiographer › Pay: These are base salaries in Australian dollars.",
        "Radiographer › Hours: Rosters include Australian public holidays."]})
    assert "Australia" in places.pay_countries("radiographer")
    hours = GuidePlaces({"nurse": ["Nurse › Pay: Nurses earn $70,000.",
                                   "Nurse › Hours: Most work in Canadian hospitals."]})
    assert "Canada" not in hours.pay_countries("nurse")  # a note on pay, not any passage
    moving = GuidePlaces({"sonographer": [
        "Sonographer › Pay: Band 6, £37,338",
        "Sonographer › Pay: Many British sonographers move to Canada, where pay is higher."]})
    assert "Canada" not in moving.pay_countries("sonographer")  # no note of its currency


def test_a_dollar_sign_is_read_as_the_dollar_country_its_guide_names() -> None:
    places = GuidePlaces({
        # a guide on Australia never naming the US: its "$" is Australia's
        "locksmith": ["Qualified locksmith: about $33 an hour.",
                      "Roughly 5,000 people work as locksmiths across Australia."],
        # a guide naming the US keeps it, however often it names Canada
        "game": ["Junior: $70,000.", "Studios in the US.", "In Canada, juniors start at C$60,000.",
                 "Most jobs are in Montreal, Vancouver and Toronto."],
        # ... and a passage naming the country its figures are for speaks of that one
        "logistics": ["Pay in Canada: coordinators earn $45,000.", "Ports in the US and Canada."],
        "unnamed": ["Technicians earn $50,000."],
    })
    assert places.pay_countries("locksmith") == {"Australia"}
    assert places.countries("locksmith") == {"Australia"}
    assert places.signs("game")["$"] == "the United States"
    assert places.pay_countries("game") == {"the United States", "Canada"}
    assert places.pay_countries("logistics") == {"Canada"}
    assert places.pay_countries("unnamed") == {"the United States"}
    assert places.spoken_in("locksmith", "Apprentice: $16 an hour.") == {"Australia"}
    assert spoken_of("Apprentice: $16 an hour.") == {"the United States"}  # no guide to read it by


def test_a_peoples_word_says_where_not_what() -> None:
    assert peoples("do british cops carry guns like in the us") == {"the United Kingdom"}
    assert peoples("I am from the US, how much do nurses earn in the UK?") == frozenset()


@pytest.mark.parametrize("question, live", [
    ("is Acme hiring data engineers right now?", True),
    ("any vacancies at the city hospital this week?", True),
    ("is the council recruiting near me", True),
    # one employer's jobs, or jobs "going" or being "taken on" now
    ("Are there any HRBP vacancies at your company in Manchester?", True),
    ("any vet nurse jobs going at the practice in leeds atm", True),
    ("is Acme Plumbing taking on apprentices at the moment?", True),
    ("is barratt homes taking on apprentice joiners right now", True),
    ("is toni&guy hiring in manchester rn?", True),
    ("is the new york public library hiring librarians right now", True),

    # demand in general is a guide's to answer
    ("are companies hiring data engineers at the moment?", False),
    ("are companies hiring now?", False),
    ("are vacancies hard to fill now?", False),
    ("are there many openings for nurses now that the population is ageing?", False),
    ("which companies hire data engineers?", False),
    ("are companies taking on apprentices at the moment?", False),
    ("what jobs are available to a qualified vet nurse?", False),
    ("are pharmacists taking on prescribing duties currently?", False),
    ("are truck driver jobs going to disappear any time soon?", False),
    ("what is the hiring process like?", False),
    # hiring itself, or the visitor hiring, is no vacancy to be told of
    ("What does the hiring process look like today?", False),
    ("How is hiring currently done for this role?", False),
    ("What is a typical hiring timeline currently?", False),
    ("I am currently recruiting a data engineer", False),
])
def test_who_is_hiring_now_is_told_from_demand_in_general(question: str, live: bool) -> None:
    assert asks_live_vacancies(question) is live


def test_a_guide_on_one_country_speaks_for_it_at_home() -> None:
    places = GuidePlaces({
        "engineer": ["In Australia most start as apprentices.", "Apprentices earn $30,000.",
                     "Licensed engineers earn $110,000.", "Demand is strong, as in New Zealand."],
        "electrician": ["In the UK you earn £35,000.", "In the US you earn $60,000.",
                        "UK apprentices earn £20,000.", "US apprentices earn $40,000."],
        "guide on no country": ["Pay varies."]})
    assert places.home("engineer") == "Australia"  # New Zealand once is no second home
    assert places.home("electrician") == ""
    assert places.home("guide on no country") == ""


def test_a_country_is_taken_out_of_a_question_but_not_its_cities_or_parts() -> None:
    assert unplaced("how much do they make in Australia?", "Australia") == "how much do they make"
    assert unplaced("roofer day rate UK?", "the United Kingdom") == "roofer day rate"
    # "US" goes, the pronoun stays, and the words of others ("states") too
    assert unplaced("is it tough for us in the US", "the United States") == "is it tough for us"
    assert unplaced("which states pay the most in the united states", "the United States") == (
        "which states pay the most")
    # a city, a part of the country or another country keeps the question whole
    for question, country in (("do they earn more in london", "the United Kingdom"),
                              ("Pay in Queensland?", "Australia"),
                              ("can i move to australia from the uk as a nurse", "Australia"),
                              ("is pay better in australia or new zealand", "Australia")):
        assert unplaced(question, country) == question


def test_a_fee_is_no_pay_and_marked_dollars_name_their_country() -> None:
    places = GuidePlaces({"yoga": [
        "Yoga Alliance is a US-based registry; the annual fee is roughly US$65.",
        "UK studios pay £25 to £45 a class."],
        "ski": ["Level 1: Typical course cost: CA$750 / NZ$1,100; Typical hourly pay: CA$17"],
        "realtor": ["The total fee is $20,000; each agent then shares the commission."]})
    assert places.pay_countries("yoga") == {"the United Kingdom"}
    assert places.pay_countries("ski") == {"Canada", "New Zealand"}
    assert places.pay_countries("realtor") == {"the United States"}


def test_a_people_before_a_role_is_the_country_asked_not_a_language_nor_the_visitor() -> None:
    from roleqa.engine.places import peoples_of

    roles = {"electrician", "translator", "paramedic", "chef"}
    assert peoples_of("what do Canadian electricians earn?", roles) == ["Canada"]
    assert peoples_of("how much do Chinese translators earn?", roles) == []
    assert peoples_of("I'm Australian. What would a paramedic earn in the UK?", roles) == []
    assert peoples_of("how much does a chef at a French restaurant make?", roles) == []


def test_a_course_priced_per_day_gives_no_pay() -> None:
    places = GuidePlaces({"course": ["The course costs US$150 per day.",
                                     "UK trainers earn £30,000 a year."]})
    assert places.pay_countries("course") == {"the United Kingdom"}
