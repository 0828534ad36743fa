"""Guides unlike the example catalogue, as a site would bring them: no front
matter, ``##`` sections named "Education" or "Schedule", no labelled questions.
The real model, the committed tuning, a fresh index.

A section on a topic guides rarely cover (hours, degrees) is that guide's own:
asked of it, the question is answered from the section; asked of a guide
without one, it is still declined.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

KEEPER = """\
# Lighthouse keeper

Lighthouse keepers look after a light station and the lamp that guides ships along the coast.

## Duties

- Cleaning and polishing the lens and checking the lamp every evening.
- Recording the weather, visibility and passing ships in the station log.
- Repairing the foghorn, the generator and the radio beacon.

## Education and training

Most keepers hold a high school diploma; a bachelor's degree is rarely asked for. New keepers
train for six months beside an experienced keeper before they run a station alone.

## Schedule

Keepers work in rotations of two weeks on the station and two weeks ashore, with night
watches during storms.

## Pay and progression

New keepers start on a trainee grade; in time they run a station of their own and train others.
"""

PILOT = """\
# Ferry pilot

Ferry pilots steer passenger ferries between harbours and keep every crossing safe.

## Duties

- Planning each crossing from tide tables and the marine forecast.
- Steering the ferry in and out of busy harbours.
- Briefing the deck crew before every departure.

## Pay

Pilots on the busiest crossings, such as the routes into the capital, earn the most.
"""


def _over(assistant_over: Any, tmp_path_factory: pytest.TempPathFactory,
          guides: dict[str, str]) -> Any:
    """The real assistant over a fresh folder holding ``guides`` (file stem → text)."""
    corpus = tmp_path_factory.mktemp("guides")
    for slug, text in guides.items():
        (corpus / f"{slug}.md").write_text(text, encoding="utf-8")
    return assistant_over(corpus)


def _blind(*slugs: str) -> dict[str, str]:
    """The guides written blind (eval/blind/guides) of these slugs, by slug."""
    source = Path(__file__).resolve().parents[1] / "eval" / "blind" / "guides"
    return {slug: (source / f"{slug}.md").read_text(encoding="utf-8") for slug in slugs}


@pytest.fixture(scope="module")
def coast(assistant_over: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    return _over(assistant_over, tmp_path_factory,
                 {"lighthouse-keeper": KEEPER, "ferry-pilot": PILOT})


@pytest.mark.model
@pytest.mark.parametrize("question, says", [
    ("What's the schedule like?", "two weeks on the station"),
    ("Do I need a bachelor's degree for this job?", "bachelor's degree is rarely asked for"),
])
def test_a_section_on_a_rarely_covered_topic_answers_it(
        coast: Any, question: str, says: str) -> None:
    answer = coast.ask(question, scope="lighthouse-keeper")
    assert answer.answered, answer.text
    assert says in answer.prose
    assert {s.passage.doc for s in answer.sources} == {"lighthouse-keeper"}


@pytest.mark.model
@pytest.mark.parametrize("question", [
    "What are the working hours?", "Do I need a bachelor's degree for this job?",
    "How much does a ferry pilot earn?"])
def test_a_guide_without_such_a_section_still_declines_it(coast: Any, question: str) -> None:
    answer = coast.ask(question, scope="ferry-pilot")
    assert not answer.answered, answer.text
    assert answer.text.startswith("Sorry, the ferry pilot guide does not")


@pytest.mark.model
@pytest.mark.parametrize("scope", ["ferry-pilot", None])
def test_a_rare_topic_word_said_in_another_sense_does_not_answer(
        coast: Any, scope: str | None) -> None:
    # "capital" is a topic guides rarely cover and the pilot guide says it,
    # but of pay on its routes: it knows nothing of Portugal.
    answer = coast.ask("whats the capital of portugal", scope=scope)
    assert not answer.answered, answer.text
    answer = coast.ask("do ferry pilots sail into the capital?", scope="ferry-pilot")
    assert answer.answered and "into the capital" in answer.prose, answer.text


GROOMER = """\
# Dog groomer

Dog groomers wash, clip and style dogs in salons, mobile vans and pet shops.

## Duties

- Bathing and drying dogs of every size.
- Clipping coats to breed standards.

## Pros and cons

- Steady demand, with pet ownership growing each year.
- Long days on your feet and the odd bite.

## Pay

New groomers earn about $28,000 a year; salon owners can make $60,000 or more.
"""


@pytest.fixture(scope="module")
def groomers(assistant_over: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    return _over(assistant_over, tmp_path_factory,
                 {"lighthouse-keeper": KEEPER, "ferry-pilot": PILOT, "dog-groomer": GROOMER})


@pytest.mark.model
def test_a_side_of_the_job_said_in_the_text_is_that_guides_topic(groomers: Any) -> None:
    # "outlook" is a topic guides rarely cover; this guide's heading does not
    # name it, but its text speaks of it in the words guides use ("demand")
    answer = groomers.ask("whats the job outlook for dog groomers, is it growing")
    assert answer.answered, answer.text
    assert "Steady demand" in answer.prose


@pytest.mark.model
def test_a_kind_of_pay_the_guide_never_names_is_not_answered_with_its_figures(
        groomers: Any) -> None:
    answer = groomers.ask("what maternity pay do dog groomers get?")
    assert not answer.answered, answer.text
    assert answer.text.startswith("Sorry, the dog groomer guide does not cover maternity pay.")
    # an amount of the pay it gives is answered, and "pay" as a verb asks for it
    for question in ("what's the starting pay for dog groomers?",
                     "how much do salons pay dog groomers?"):
        answer = groomers.ask(question)
        assert answer.answered and "$28,000" in answer.prose, (question, answer.text)
    # what a money question asks the amount of is named too: pay figures give no pension
    answer = groomers.ask("how much pension do salons pay into for dog groomers?")
    assert answer.text.startswith("Sorry, the dog groomer guide does not cover pension."), (
        answer.text)
    assert groomers.ask("how much realistically do dog groomers make?").answered
    # "money" asking for pay is no topic; asked of a cost it is
    assert groomers.ask("how much money do dog groomers make?").answered
    assert not groomers.ask("how much money do I need to open a dog grooming salon?").answered



@pytest.mark.model
def test_the_minimum_wage_is_answered_only_where_a_guide_speaks_of_it(
        groomers: Any, blind: Any) -> None:
    # a rate the law sets (data/language.toml [pay] laws), not the guide's figures
    for question in ("what's the minimum wage for dog groomers?",
                     "what is the national minimum wage for groomers?"):
        answer = groomers.ask(question)
        assert answer.text.startswith("Sorry, the dog groomer guide does not cover minimum "
                                      "wage."), (question, answer.text)
    answer = blind.ask("whats the minimum wage for apprentice electricians?", scope="electrician")
    assert answer.answered and "£7.55" in answer.prose, answer.text


#: The blind guides these tests were written against. Three more were added
#: later (pharmacist, police officer, digital marketing manager); they change
#: every guide's BM25 weights, and one near tie below ("describe the day-to-day
#: of ...") then goes to the guide's opening, a weakness the README lists.
FIRST_BLIND = ("chef", "cloud-security-engineer", "electrician", "hr-business-partner",
               "paramedic", "registered-nurse", "ux-designer")


@pytest.fixture(scope="module")
def blind(assistant_over: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The first seven guides written blind (eval/blind/guides), as a site would bring them."""
    return _over(assistant_over, tmp_path_factory, _blind(*FIRST_BLIND))


@pytest.mark.model
@pytest.mark.parametrize("question, page, says", [
    # "becoming" is asked of every role: what is asked is "years of experience"
    ("How many years of experience do you usually need before becoming an HRBP?",
     "hr-business-partner", "five to eight years"),
    # "band" is what the passage is about, though it neither opens with it nor
    # has it in its heading ("Pay and progression")
    ("when do paramedics go up to band 6", "paramedic", "Band 6")])
def test_a_careers_topic_the_guides_text_covers_is_answered(
        blind: Any, question: str, page: str, says: str) -> None:
    answer = blind.ask(question, scope=page)
    assert answer.answered, answer.text
    assert says in answer.prose


@pytest.mark.model
def test_unions_and_student_loans_are_covered_only_where_a_guide_says_so(blind: Any) -> None:
    # topics guides rarely cover (data/language.toml [topics])
    for question in ("do electricians have to join a union?",
                     "can i get student loan forgiveness as an electrician?"):
        answer = blind.ask(question, scope="electrician")
        assert not answer.answered, answer.text
    answer = blind.ask("do hr business partners deal with trade unions?",
                       scope="hr-business-partner")
    assert answer.answered and "trade union" in answer.prose, answer.text


@pytest.mark.model
def test_words_of_a_topic_far_apart_in_a_passage_do_not_make_it_covered(coast: Any) -> None:
    # "companies" and "hiring" of the careers topic, scattered over a passage of duties
    answer = coast.ask("Which companies are hiring lighthouse keepers right now?",
                       scope="lighthouse-keeper")
    assert not answer.answered, answer.text


@pytest.mark.model
def test_a_role_is_named_by_its_last_word_alone(coast: Any) -> None:
    # no front matter, no aliases: "pilots" is the ferry pilot, the one role ending so
    answer = coast.ask("How do pilots plan a crossing?")
    assert answer.answered, answer.text
    assert {s.passage.doc for s in answer.sources} == {"ferry-pilot"}
    assert "tide tables" in answer.prose
    # ... so a fact only the other guide gives is never borrowed from it
    borrowed = coast.ask("Do pilots repair the foghorn?")
    assert "lighthouse-keeper" not in {s.passage.doc for s in borrowed.sources}, borrowed.text


ELECTRICIAN = """\
# Electrician

Electricians install and repair the wiring that brings power into homes and offices.

## Pay

Once through an apprenticeship, wages are usually £28,000 to £32,000.
"""

PLUMBER = """\
# Plumber

Plumbers fit and repair the pipes, boilers and taps of homes and businesses.

## Pay

Newly qualified plumbers in the UK typically earn £26,000 to £30,000 a year.
"""

SPARK = """\
# Data engineer

Data engineers build the pipelines that feed analysts and models.

## Tools

Apache Spark for large batch jobs, and Airflow to schedule them.
"""


@pytest.mark.model
def test_an_occupations_informal_name_names_its_guide(
        assistant_over: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    site = _over(assistant_over, tmp_path_factory,
                 {"electrician": ELECTRICIAN, "plumber": PLUMBER,
                                                 "data-engineer": SPARK})
    # "sparky" (data/language.toml [other_names]) is the electrician, and a role's
    # name is never "corrected" to a corpus word ("spark")
    answer = site.ask("what does a newly qualified sparky earn?")
    assert answer.answered, answer.text
    assert {s.passage.doc for s in answer.sources} == {"electrician"}
    assert "£28,000" in answer.prose


PHARMACIST = """\
# Pharmacist

Pharmacists check prescriptions, advise patients on medicines and run pharmacy services.

## Training

In the US you need a Doctor of Pharmacy (PharmD) from a school accredited by the ACPE, then
the NAPLEX exam. In the UK you take a four-year MPharm degree and a foundation year.
"""


@pytest.mark.model
def test_school_rankings_are_declined_where_the_guide_only_names_schools(
        assistant_over: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    site = _over(assistant_over, tmp_path_factory,
                 {"pharmacist": PHARMACIST, "electrician": ELECTRICIAN, "plumber": PLUMBER})
    answer = site.ask("which pharmd schools are ranked best", scope="pharmacist")
    assert not answer.answered, answer.text
    assert site.ask("what degree do pharmacists need in the uk?", scope="pharmacist").answered


HAULIER = """\
# Truck driver

Truck drivers move goods by road between depots, ports and shops.

## Driving hours

UK rules allow 9 hours of daily driving. A 45-minute break is due after 4.5 hours at the wheel.

## Pay

Drivers earn £32,000 to £40,000 a year.
"""

KITCHEN = """\
# Chef

Chefs prepare and cook food in restaurants and hotels.

## A day in the kitchen

When do you have to take a break? On a split shift you have to take a break between services.
"""


@pytest.mark.model
def test_a_question_naming_no_role_stays_with_the_guide_that_answered_the_last(
        assistant_over: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    site = _over(assistant_over, tmp_path_factory, {"truck-driver": HAULIER, "chef": KITCHEN})
    first = site.ask("uk hgv driving hours rules?")
    assert {s.passage.doc for s in first.sources} == {"truck-driver"}, first.text
    # no "they", no "and": still the conversation's guide, not the chef's break
    answer = site.ask("when do you have to take a break", ["uk hgv driving hours rules?"])
    assert {s.passage.doc for s in answer.sources} == {"truck-driver"}, answer.text
    assert "45-minute break" in answer.prose
    # a question naming another role leaves it
    other = site.ask("when do chefs take a break?", ["uk hgv driving hours rules?"])
    assert {s.passage.doc for s in other.sources} == {"chef"}, other.text


# Headings that never name the role ("Tooling", "Compensation"): only the
# opening paragraph does. The title travels with every passage it is embedded
# and searched as (guides/index.embedding_text), so the role's words in a
# question no longer pull every answer to the opening.
SECURITY = """\
---
title: Cloud security engineer career guide
---
# Cloud security engineer career guide

A cloud security engineer protects the systems and data an organisation runs on AWS, Azure
or GCP. The role sits between infrastructure engineering and information security.

## Tooling

Cloud security engineers combine native services with third-party products:

- Posture management tools, which scan accounts for misconfigurations.
- SIEM platforms that collect logs from every account.
- Scanners that check Terraform code before it is deployed.

## Compensation

Pay is high because the skills are scarce. In the United States, engineers earn from
$100,000 to $220,000 a year.

## Day to day

A morning often starts with the overnight alerts, then design reviews with developers.

Afternoons go to automation: guardrails in deployment pipelines and routine checks in code.
"""


@pytest.fixture(scope="module")
def security(assistant_over: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    return _over(assistant_over, tmp_path_factory,
                 {"cloud-security-engineer": SECURITY, "ferry-pilot": PILOT})


@pytest.mark.model
@pytest.mark.parametrize("question, section, says", [
    ("What tools do cloud security engineers use?", "Tooling", "SIEM platforms"),
    # "US" is the United States the guide writes
    ("How much do cloud security engineers make in the US?", "Compensation", "$100,000"),
    # a description asked for ("... like?"), not a definition the guide lacks
    ("what's a typical day like?", "Day to day", "overnight alerts"),
])
def test_sections_whose_headings_omit_the_role_answer_for_it(
        security: Any, question: str, section: str, says: str) -> None:
    answer = security.ask(question, scope="cloud-security-engineer")
    assert answer.answered, answer.text
    assert answer.sources[0].passage.section == section
    assert says in answer.prose


@pytest.mark.model
@pytest.mark.parametrize("question", [
    "Do cloud security engineers get a good pension?", "how much annual leave do they get?",
    "how much notice do I have to give if I quit?"])
def test_careers_topics_the_guide_never_mentions_are_declined(security: Any, question: str) -> None:
    answer = security.ask(question, scope="cloud-security-engineer")
    assert not answer.answered, answer.text


@pytest.mark.model
@pytest.mark.parametrize("question", [
    "how much maternity leave do cloud security engineers get?",
    "can i work in cloud security with tattoos on my hands?",
    "do cloud security engineers get a staff discount?",
    "my boss hates my security designs, should i quit?"])
def test_terms_entry_rules_and_troubles_no_guide_here_covers_are_declined(
        security: Any, question: str) -> None:
    # Topics careers guides rarely cover (data/language.toml [topics]): the
    # nearest passages (pay, tools, the day) speak of something else.
    answer = security.ask(question, scope="cloud-security-engineer")
    assert not answer.answered, answer.text


@pytest.mark.model
@pytest.mark.parametrize("question, page, word", [
    ("can i do it fully remote?", "cloud-security-engineer", "remote"),
    ("can an hrbp work hybrid, like 3 days from home?", "hr-business-partner", "hybrid"),
])
def test_a_careers_topic_named_by_a_word_the_guide_never_uses_is_declined(
        blind: Any, question: str, page: str, word: str) -> None:
    # The nearest passages speak of something else (how people get into HR),
    # and the reply names the word the guide lacks.
    answer = blind.ask(question, scope=page)
    assert not answer.answered, answer.text
    assert word in answer.text


@pytest.mark.model
@pytest.mark.parametrize("question, page", [
    ("what is the schedule like for cloud security engineers?", "cloud-security-engineer"),
    ("any advice on getting into cloud security?", "cloud-security-engineer"),
])
def test_a_topic_word_other_guides_use_is_an_ordinary_word(
        blind: Any, question: str, page: str) -> None:
    # "schedule" (topic "daily routine and schedule"), "advice" ("personal
    # advice"): a share of the guides say them, so they are words of any careers guide
    answer = blind.ask(question, scope=page)
    assert answer.answered, answer.text


@pytest.mark.model
@pytest.mark.parametrize("question, page", [
    ("my risotto always ends up gluey, how do i stop that?", "chef"),
    ("is it safe to swap a light switch myself with the breaker off?", "electrician"),
    ("how can i tell if a cut on my hand needs stitches?", "registered-nurse"),
    ("any free alternative to photoshop for making posters?", "ux-designer"),
])
def test_the_craft_itself_is_declined_on_the_page_of_its_trade(
        blind: Any, question: str, page: str) -> None:
    # Doing the trade's work oneself, or what to buy: the nearest passages speak of
    # the job (data/off_topic.toml "craft")
    answer = blind.ask(question, scope=page)
    assert not answer.answered, answer.text


SIGNALLER = """\
# Railway signaller career guide

Railway signallers control the movement of trains from a signal box or an operating centre.

## Entry requirements

You must be at least 18. A medical checks your eyesight and that you have normal colour
vision, because signals are read by their colour. Recruits also pass a criminal record
check and a drug and alcohol test. Tattoos are allowed unless they are offensive.

## Pay

Trainee signallers earn around £30,000 a year, rising to £45,000 once fully qualified.
Night and weekend shifts are paid at a higher rate.

## Shifts

Signal boxes are staffed around the clock, so you work early, late and night shifts.
"""


@pytest.fixture(scope="module")
def signaller(assistant_over: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    return _over(assistant_over, tmp_path_factory,
                 {"railway-signaller": SIGNALLER, "cloud-security-engineer": SECURITY})


@pytest.mark.model
@pytest.mark.parametrize("question, says", [
    ("can you become a signaller with tattoos?", "Tattoos are allowed"),
    ("do signallers need normal colour vision?", "colour"),
    ("is there a drug test for railway signallers?", "drug and alcohol test"),
])
def test_a_topic_guides_rarely_cover_is_answered_by_a_guide_that_covers_it(
        signaller: Any, question: str, says: str) -> None:
    answer = signaller.ask(question, scope="railway-signaller")
    assert answer.answered, answer.text
    assert says in answer.prose


@pytest.mark.model
@pytest.mark.parametrize("question, section", [
    ("do signallers have to work weekends and nights?", "Shifts"),
    # pay asked, whatever side of the job it names
    ("do signallers get paid more for night shifts?", "Pay"),
])
def test_a_side_of_the_job_asked_is_answered_by_its_section(
        signaller: Any, question: str, section: str) -> None:
    answer = signaller.ask(question, scope="railway-signaller")
    assert answer.answered, answer.text
    assert answer.sources[0].passage.section == section


@pytest.mark.model
def test_a_topic_guides_rarely_cover_is_declined_by_a_guide_that_does_not(
        signaller: Any) -> None:
    # beside a guide that covers entry rules and pay, not leave
    answer = signaller.ask("how much maternity leave do signallers get?",
                           scope="railway-signaller")
    assert not answer.answered, answer.text


@pytest.mark.model
def test_a_word_close_in_meaning_to_the_guides_own_is_not_absent(
        catalogue_assistant: Any) -> None:
    # "names" is a word of the topic "what is your name"; the guide says "titles"
    answer = catalogue_assistant.ask("what other names is this job advertised under?",
                                     scope="data-engineer")
    assert answer.answered, answer.text


@pytest.mark.model
def test_a_misspelt_pay_question_is_answered_with_the_figures(security: Any) -> None:
    # "salery" is salary, though no guide here says "salary": once declined as
    # pay asked of a guide without figures, or answered with its opening
    answer = security.ask("cloud security engineer salery?")
    assert answer.answered, answer.text
    assert "$100,000" in answer.prose


@pytest.mark.model
def test_a_question_on_what_a_heading_names_reads_on_through_its_section(security: Any) -> None:
    answer = security.ask("what's a typical day like?", scope="cloud-security-engineer")
    assert "overnight alerts" in answer.prose and "guardrails" in answer.prose
    assert [s.passage.section for s in answer.sources] == ["Day to day", "Day to day"]
    # a question on one thing of the section is not read on
    alerts = security.ask("When are the overnight alerts checked?",
                          scope="cloud-security-engineer")
    assert "guardrails" not in alerts.prose


@pytest.mark.model
def test_a_heading_naming_half_a_careers_topic_covers_it(coast: Any) -> None:
    # "career progression" is a topic guides rarely cover; this one's heading
    # names it ("progression"), though its text never says "career"
    answer = coast.ask("what career progression is there?", scope="lighthouse-keeper")
    assert answer.answered, answer.text
    assert "run a station of their own" in answer.prose


@pytest.mark.model
def test_the_visitors_own_job_is_not_the_role_asked_about(security: Any) -> None:
    answer = security.ask("I'm a team manager with no security background. "
                          "Could I move into cloud security engineering?")
    assert "team manager role" not in answer.text
    greeting = security.ask("hi! how's your day going?")
    assert not greeting.answered and greeting.text.startswith("Hello!")


@pytest.mark.model
@pytest.mark.parametrize("question, history, page, country", [
    ("how much do chefs make in the US?", (), "chef", "the United States"),
    ("How much do nurses make in the uk", (), "registered-nurse", "the United Kingdom"),
    ("and in canada?", ("what do electricians earn?",), "electrician", "Canada"),
    # asked of every guide, UK ones among them, and answered by the US nurses' pay
    ("how much do nurses make in the uk", (), None, "the United Kingdom"),
    ("what about canada", ("what do electricians earn?",), "electrician", "Canada"),
])
def test_pay_asked_for_a_country_the_guide_never_speaks_of_is_declined(
        blind: Any, question: str, history: tuple[str, ...], page: str | None,
        country: str) -> None:
    # The guide's figures are for somewhere else: pounds for a chef, dollars for a nurse.
    answer = blind.ask(question, history, scope=page)
    assert not answer.answered, answer.text
    assert f"does not cover {country}" in answer.text


@pytest.fixture(scope="module")
def nations(assistant_over: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Two UK guides: police officers in England and Wales; teachers in all four nations."""
    return _over(assistant_over, tmp_path_factory,
                 _blind("police-officer", "secondary-school-teacher"))


@pytest.mark.model
def test_pay_asked_for_a_part_of_the_country_the_guide_leaves_out_is_declined(
        nations: Any) -> None:
    # The police guide is on England and Wales: its pay scales are not Scotland's.
    answer = nations.ask("how much do police officers earn in scotland")
    assert not answer.answered, answer.text
    assert "does not cover Scotland" in answer.text
    england = nations.ask("how much do police officers earn in england")
    assert england.answered and "£" in england.prose, england.text
    # The teachers' guide speaks of Scotland's own scales.
    teacher = nations.ask("how much do teachers earn in scotland")
    assert teacher.answered and "Scot" in teacher.prose, teacher.text


@pytest.mark.model
def test_the_worst_part_asked_for_is_the_whole_list_of_cons(nations: Any) -> None:
    # The best line is one of the cons; "the worst part" asks for every one.
    answer = nations.ask("what's the worst part of the job", ["how do i become a police officer"])
    assert answer.answered, answer.text
    for con in ("Night shifts", "distressing incidents", "risk of assault"):
        assert con in answer.text


@pytest.fixture(scope="module")
def exams(assistant_over: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Three guides whose routes in end in exams: civil engineers, nurses, electricians."""
    return _over(assistant_over, tmp_path_factory,
                 _blind("civil-engineer", "registered-nurse", "electrician"))


@pytest.mark.model
def test_an_exams_pass_rate_is_declined_where_the_guide_gives_none(exams: Any) -> None:
    # "rate" is in other guides (heart rates), not this one; the question is
    # all but "exam pass rates", a topic guides rarely cover. The FE exam spelled
    # out ("fundamentals of engineering") names the civil engineer by its work.
    answer = exams.ask("whats the pass rate for the fe exam")
    assert not answer.answered, answer.text
    assert "civil engineer guide" in answer.text
    assert exams.ask("when do civil engineers take the fe exam?").answered


@pytest.fixture(scope="module")
def salons(assistant_over: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Hairdressers (UK pay in pounds, a paragraph on US licences) beside
    plumbers (pay in pounds and dollars)."""
    return _over(assistant_over, tmp_path_factory,
                 _blind("hairdresser", "plumber", "chef", "electrician", "carpenter"))


@pytest.mark.model
def test_pay_asked_for_a_country_the_guide_gives_no_pay_for_is_declined(salons: Any) -> None:
    # The guide speaks of the US, on licences; its pay is in pounds.
    answer = salons.ask("how much do hairdressers earn in the us")
    assert not answer.answered, answer.text
    assert "does not cover pay in the United States" in answer.text
    # "over there": the country asked about before
    there = salons.ask("what do they make a year over there?",
                       ("do you need a license to do hair in the US",))
    assert not there.answered, there.text
    # pay asked after a question on that country: the conversation's country
    after = salons.ask("and how much do they get paid?",
                       ("how do i get a cosmetology license in the US",))
    assert not after.answered, after.text
    home = salons.ask("and how much do they get paid?",
                      ("how do i train as a hairdresser in the uk",))
    assert home.answered and "£" in home.prose, home.text
    assert salons.ask("how much do hairdressers earn in the uk").answered
    plumbers = salons.ask("how much do plumbers earn in the us")
    assert plumbers.answered and "$" in plumbers.prose, plumbers.text


@pytest.mark.model
def test_pay_in_a_city_the_guide_never_names_is_declined(salons: Any) -> None:
    # The electrician's guide gives UK pay and never names Manchester or
    # London; a country's figures are no city's.
    answer = salons.ask("whats the average electrician salary in manchester")
    assert not answer.answered, answer.text
    assert "does not cover pay in Manchester" in answer.text
    after = salons.ask("what about in london?", ("how much do electricians earn",))
    assert not after.answered, after.text
    # The hairdresser's names London and its salons' pay there.
    london = salons.ask("do hairdressers get paid more in london?")
    assert london.answered and "London" in london.prose, london.text


@pytest.mark.model
def test_what_one_firm_pays_or_hires_is_declined_by_its_name(salons: Any) -> None:
    # No guide names Pimlico Plumbers or Supercuts: their practice is their own
    firm = salons.ask("does pimlico plumbers take on apprentices")
    assert not firm.answered and "Pimlico Plumbers in particular" in firm.text, firm.text
    pay = salons.ask("what does supercuts pay junior stylists?")
    assert not pay.answered and "Supercuts in particular" in pay.text, pay.text
    # employers in general are the guides' to answer
    assert salons.ask("do salons pay apprentices?").answered


@pytest.mark.model
@pytest.mark.parametrize("question, history", [
    ("are there health risks to the job?", ("what does a hairdresser's day look like",)),
    ("is hairdressing dangerous at all", ()),
])
def test_the_risks_of_a_job_are_found_in_the_guides_own_words(
        salons: Any, question: str, history: tuple[str, ...]) -> None:
    # "health" heads another guide's section; the hairdresser's pros and cons
    # say "a risk of back, neck and wrist strain" (data/language.toml [facets])
    answer = salons.ask(question, history, scope="hairdresser")
    assert answer.answered, answer.text
    assert "strain" in answer.prose or "dermatitis" in answer.prose


@pytest.mark.model
@pytest.mark.parametrize("question, page, says", [
    ("how much do electricians earn in the UK?", "electrician", "£"),
    ("how much does a chef earn in London?", "chef", "£"),
])
def test_pay_asked_for_a_country_the_guide_speaks_of_is_answered(
        blind: Any, question: str, page: str, says: str) -> None:
    answer = blind.ask(question, scope=page)
    assert answer.answered, answer.text
    assert says in answer.prose


@pytest.mark.model
@pytest.mark.parametrize("question, history, page, says", [
    # "overtime" is a topic guides rarely cover, and this guide's passage says it
    ("is there much overtime?", (), "electrician", "Overtime is common"),
    # "earn" is only other guides' word, but the passage gives the figures
    ("and what do they earn?", ("how do i become a nurse practitioner",), "registered-nurse",
     "$"),
    # "without" is no topic some other guide's heading has
    ("im a kitchen porter atm, can i become a chef without going to college?", (), "chef",
     "Apprenticeships"),
    # a kind of the guide's role, the guide speaking of its kind
    ("what does an ICU nurse do", (), None, "ICU"),
])
def test_questions_the_new_guides_answer_are_not_declined(
        blind: Any, question: str, history: tuple[str, ...], page: str | None,
        says: str) -> None:
    answer = blind.ask(question, history, scope=page)
    assert answer.answered, answer.text
    assert says in answer.prose


@pytest.mark.model
@pytest.mark.parametrize("question, page", [
    ("who won the game last night", "registered-nurse"),      # beside night shifts
    ("i burned my hand on the stove, what do i put on it", "chef"),  # beside kitchen burns
    ("how much does it cost to rewire a 3 bed house", "electrician"),
    ("who won the premier league in 2023", None),  # near no passage of any guide
])
def test_a_message_about_no_role_is_declined_though_it_shares_words(
        blind: Any, question: str, page: str | None) -> None:
    answer = blind.ask(question, scope=page)
    assert not answer.answered, answer.text
    assert answer.sources == ()


@pytest.mark.model
@pytest.mark.parametrize("question, page", [
    ("are paramedics allowed to give medication", "paramedic"),
    ("what's a typical day like?", "cloud-security-engineer"),
    ("do nurses work nights?", "registered-nurse"),
])
def test_a_careers_question_near_such_a_message_is_answered(
        blind: Any, question: str, page: str) -> None:
    answer = blind.ask(question, scope=page)
    assert answer.answered, answer.text


@pytest.mark.model
def test_the_examples_of_messages_about_no_role_are_no_evaluation_questions(
        real_embedder: Any) -> None:
    # The judge is measured on the evaluation sets: none of its examples may be
    # one of their questions again.
    import json

    from roleqa.language import OFF_TOPIC_EXAMPLES

    root = Path(__file__).resolve().parents[1] / "eval"
    asked = [json.loads(line)["question"]
             for path in (root / "questions.jsonl", root / "blind" / "questions.jsonl",
                          root / "heldout" / "questions.jsonl")
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    closest = (real_embedder.encode(list(OFF_TOPIC_EXAMPLES))
               @ real_embedder.encode(asked).T).max(axis=1)
    assert len(OFF_TOPIC_EXAMPLES) >= 100
    assert float(closest.max()) < 0.8


@pytest.mark.model
@pytest.mark.parametrize("question, page, section", [
    ("Can you describe the day-to-day of someone working in cloud security engineering?",
     "cloud-security-engineer", "Day to day"),
    ("what specialties can RNs go into", "registered-nurse", "Specialties"),
])
def test_the_roles_own_words_do_not_pull_an_answer_to_the_guides_opening(
        blind: Any, question: str, page: str, section: str) -> None:
    # Every passage of the guide is about the role, and its opening's heading
    # (the title) names it: the role's words tell no section from another.
    answer = blind.ask(question, scope=page)
    assert answer.answered, answer.text
    assert answer.sources[0].passage.section == section


@pytest.mark.model
def test_who_is_hiring_right_now_is_declined_saying_so(blind: Any) -> None:
    answer = blind.ask("is google hiring ux designers at the moment?", scope="ux-designer")
    assert not answer.answered, answer.text
    assert "who is hiring right now" in answer.text


@pytest.mark.model
def test_a_follow_up_naming_no_role_stays_with_the_guide_that_answered(blind: Any) -> None:
    # "sparky" names no guide's role, but the electrician's guide answered it:
    # "and once they're experienced?" asks on about electricians, not chefs' pay
    answer = blind.ask("and once they're experienced?",
                       ("what does a newly qualified sparky earn",))
    assert answer.answered, answer.text
    assert answer.sources[0].passage.doc == "electrician"


@pytest.mark.model
def test_a_question_on_them_too_stays_with_the_guide_that_answered(blind: Any) -> None:
    # "they ... too" speaks of the paramedics asked about before: answered, or
    # declined, by their guide, never by the HR partner's on social media
    answer = blind.ask("do they look at your social media too?",
                       ("what checks do new ambulance medics go through",))
    assert not answer.answered and answer.sources == ()
    assert answer.text.startswith("Sorry, the paramedic guide does not"), answer.text


BEEKEEPER = """# Beekeeper

Beekeepers keep colonies of honey bees for honey, wax and pollination.

## A typical day

Most days start with hive inspections, checking each colony for a healthy queen.

## The hard parts

The work is physically demanding, and the pressure in swarm season is high.
Stings are part of the job.

## Moving up

After a few seasons, beekeepers may become head beekeepers or run their own apiary.
"""

FARMER = """# Dairy farmer

Dairy farmers look after herds of cows and sell their milk.

## Is it stressful?

Milk prices change often, which makes the business side stressful.

## Pros and cons

The cons are early starts and few holidays.
"""


@pytest.fixture(scope="module")
def farms(assistant_over: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    return _over(assistant_over, tmp_path_factory, {"beekeeper": BEEKEEPER, "farmer": FARMER})


@pytest.mark.model
@pytest.mark.parametrize("question, history, says", [
    ("is being a beekeeper stressful?", (), "pressure in swarm season"),
    ("ok and the cons?", ("what are the pros of beekeeping",), "physically demanding"),
    ("what's the career path for a beekeeper?", (), "head beekeepers"),
])
def test_a_side_of_the_job_is_found_in_the_guides_own_words(
        farms: Any, question: str, history: tuple[str, ...], says: str) -> None:
    # "stressful" and "cons" are the farmer guide's headings, not the
    # beekeeper's: its "hard parts" and "moving up" say them in other words
    answer = farms.ask(question, history, scope="beekeeper")
    assert answer.answered, answer.text
    assert says in answer.prose


@pytest.mark.model
def test_a_follow_up_on_a_new_guide_is_searched_for_what_it_asks(groomers: Any) -> None:
    # the earlier question's words would pull the search to the guide's opening
    answer = groomers.ask("and what do they get paid?", history=("what does a dog groomer do?",))
    assert answer.answered, answer.text
    assert answer.hits[0].passage.text.startswith("New groomers earn about $28,000")


GAS_PLUMBER = """\
# Plumber

Plumbers fit and repair the pipes, boilers and taps of homes and businesses.

## Gas work

Can you work on gas boilers as soon as you qualify? Only once you are on the Gas Safe
Register, which takes an extra assessment after the apprenticeship.
"""

LONG_HAUL = """\
# Truck driver

Truck drivers move goods by road between depots, ports and shops.

## Nights away

Long-distance drivers often spend two or three nights a week away from home, sleeping in
the cab.
"""


@pytest.mark.model
def test_a_word_only_another_guide_heads_a_section_with_can_be_said_in_passing(
        assistant_over: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    site = _over(assistant_over, tmp_path_factory,
                 {"plumber": GAS_PLUMBER, "truck-driver": LONG_HAUL, "chef": KITCHEN,
                  "lighthouse-keeper": KEEPER, "ferry-pilot": PILOT})
    # "away" heads the truck driver's section, but "straight away" asks
    # nothing of it: the passage holds the question's gas, boilers, qualified
    answer = site.ask("can a newly qualified plumber work on gas boilers straight away?",
                      scope="plumber")
    assert answer.answered, answer.text
    assert "Gas Safe Register" in answer.prose
    # ... while nights away from home is the truck driver's topic alone
    away = site.ask("do plumbers spend nights away from home?", scope="plumber")
    assert not away.answered, away.text


@pytest.fixture(scope="module")
def carers(assistant_over: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Veterinary nurses (a pay table in pounds) beside paramedics and registered nurses."""
    return _over(assistant_over, tmp_path_factory,
                 _blind("veterinary-nurse", "paramedic", "registered-nurse"))


@pytest.mark.model
@pytest.mark.parametrize("question, history", [
    ("and what do they get paid", ("what does a veterinary nurse do?",)),
    ("what would a vet nurse get paid?", ()),
])
def test_pay_figures_are_found_past_the_passages_on_the_work(
        carers: Any, question: str, history: tuple[str, ...]) -> None:
    # The duties the question before asked for come first; the pay table's
    # rows further down give the figures asked for.
    answer = carers.ask(question, history)
    assert answer.answered, answer.text
    assert "£" in answer.prose
    # ... and a price is no wage: the cost of kit is not answered with pay
    kit = carers.ask("do they have to pay for their own uniform?", ("what does a vet nurse do?",))
    assert "£" not in kit.prose, kit.text


@pytest.mark.model
@pytest.mark.parametrize("question", [
    "whats the capital of australia haha",
    "what's the capital city of peru?",
    "who won the champions league last year",
    "how do i make a béarnaise sauce",
])
def test_trivia_no_passage_comes_near_is_declined(salons: Any, question: str) -> None:
    # nearest a topic guides rarely cover ("capital cities"), no passage near
    # (engine/policy.far_from_every_passage)
    answer = salons.ask(question)
    assert not answer.answered, answer.text


@pytest.mark.model
def test_a_condition_the_guide_never_names_is_not_answered_by_its_entry_rules(
        blind: Any) -> None:
    # "can I still ...?" asks whether the condition bars the career: the entry
    # passage, which never names it, cannot say.
    answer = blind.ask("im type 1 diabetic, can i still become a paramedic?", scope="paramedic")
    assert not answer.answered, answer.text
    assert "diabetes" in answer.text
    # without the condition, the same question is the guide's own
    assert blind.ask("can i still become a paramedic at 40?", scope="paramedic").answered


GLAZIER = """\
# Glazier

Glaziers cut, fit and replace glass in windows, doors, shopfronts and conservatories.

## Tools

Most glaziers build up their own kit over time, including:

- a glass cutter and running pliers
- suction lifters for large panes
- a caulking gun and silicone
- a laser level and tape measure

## Training

Most glaziers learn through a two-year apprenticeship with a glazing firm.
"""


@pytest.mark.model
def test_a_list_with_its_lead_in_answers_the_list_and_a_line_answers_its_detail(
        assistant_over: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    glazier = _over(assistant_over, tmp_path_factory, {"glazier": GLAZIER})
    kit = glazier.ask("what tools do glaziers use?")
    # the list passage comes first and the reply shows every line of it, each cited
    assert kit.hits[0].passage.kind == "list"
    assert kit.prose.startswith("Most glaziers build up their own kit over time")
    for line in ("glass cutter", "suction lifters", "caulking gun", "laser level"):
        assert line in kit.prose.lower(), kit.text
    # its citation quotes the lead-in alone: the lines are cited one by one after it
    assert kit.sources[0].to_dict()["text"].endswith("including:")
    assert len(kit.sources) == 5
    # a detail only one line holds is answered by that line
    lifters = glazier.ask("do glaziers use suction lifters?")
    assert lifters.hits[0].passage.text == "suction lifters for large panes", lifters.text


@pytest.fixture(scope="module")
def offices(assistant_over: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Site reliability engineers and financial analysts (pros and cons under
    bold labels) beside a manager's guide and two therapists'."""
    return _over(assistant_over, tmp_path_factory,
                 _blind("site-reliability-engineer", "financial-analyst",
                        "digital-marketing-manager", "occupational-therapist", "physiotherapist"))


@pytest.mark.model
def test_another_roles_word_not_naming_it_is_what_is_asked(offices: Any) -> None:
    # "management" is a word of the marketing manager's name, but names no role here
    answer = offices.ask("can they move into management?",
                         ("what's the career ladder for an sre?",))
    assert answer.answered and "SRE manager" in answer.prose, answer.text
    # "arent" is "are not", not a misspelt "agent"
    both = offices.ask("whats the diffrence between an OT and a physio? arent they the same thing")
    assert both.answered, both.text


@pytest.mark.model
def test_a_side_of_the_job_under_a_bold_label_is_answered_with_its_list(offices: Any) -> None:
    answer = offices.ask("is being a financial analyst stressful")
    assert answer.answered and "Long hours and tight deadlines" in answer.prose, answer.text
    assert "Cons:" in answer.text and "Demand is healthy" not in answer.prose
    upsides = offices.ask("and the upsides?",
                          ("what are the downsides of being a financial analyst?",))
    assert "Strong salaries" in upsides.prose and "Long hours" not in upsides.prose, upsides.text
    shortened = offices.ask("what software do fin analysts use")
    assert shortened.answered and "financial-analyst" in {s.passage.doc for s in shortened.sources}


@pytest.mark.model
def test_coding_asked_of_a_guide_naming_its_languages_is_answered(offices: Any) -> None:
    # the guide never says "code": it names SQL and Python
    answer = offices.ask("do they need to know how to code?",
                         ("what skills does a financial analyst need?",))
    assert answer.answered and "SQL or Python" in answer.prose, answer.text


@pytest.mark.model
def test_pay_in_a_city_is_answered_where_the_guide_pays_by_a_national_scale(offices: Any) -> None:
    # physiotherapists are paid on NHS bands, the same in every city
    physio = offices.ask("how much do physios earn in edinburgh?")
    assert physio.answered and "£" in physio.prose, physio.text
    assert not offices.ask("average sre salary in london").answered
    # the visitor's own city is where they are, not what they ask about
    own = offices.ask("I'm in London, what do site reliability engineers earn?")
    assert own.answered and "£" in own.prose, own.text


@pytest.mark.model
def test_a_rare_term_a_passage_says_is_answered_whatever_guides_are_asked(offices: Any) -> None:
    # the model reads "FMVA" poorly; the passage holding it answers
    answer = offices.ask("whats FMVA")
    assert answer.answered and "Financial Modeling" in answer.prose, answer.text


@pytest.mark.model
def test_what_a_short_form_stands_for_is_answered_where_it_is_spelled_out(
        blind_assistant: Any) -> None:
    # the sommelier guide writes "WSET" often, and spells it out once
    somm = blind_assistant("sommelier", "chef")
    answer = somm.ask("what does WSET stand for")
    assert answer.answered and "Wine & Spirit Education Trust" in answer.prose, answer.text
