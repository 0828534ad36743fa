"""The decline decision: its pure signals, and the real assistant on the kinds
of uncovered questions careers-site visitors ask (pay, equity, interviews,
places, schedules, sums, requests), next to covered ones that sound alike."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from roleqa.engine.answer_types import (
    asks_money,
    asks_only_amount,
    given_answer_type,
    missing_answer_type,
)
from roleqa.engine.evidence import OFF_GUIDE_TOPICS, measure, missing_subject
from roleqa.engine.policy import DeclinePolicy, far_from_every_passage, weak_everywhere
from roleqa.guides.embed import (
    HashEmbedder,
    SentenceTransformerEmbedder,
    dictionary_of,
    model_dictionary,
    resolve_model_path,
)
from roleqa.text import Vocabulary, content_words
from roleqa.types import Evidence


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Can you write a cover letter for me?", "task"),
        ("could you please translate 'good morning' into Japanese", "task"),
        ("fix my python error: TypeError", "task"),
        ("make me a 30 day SQL study plan", "task"),
        ("what is 17 * 23", "task"),
        ("and what do those data analysts usually earn?", "money"),
        ("Can you tell me which tools a deep learning engineer uses?", ""),
        ("Can you write down the tasks of the role?", ""),  # about the role: not a task
        ("How many tasks does an AI project involve?", ""),  # the passage holds "five"
        ("How long does it take to learn them?", "duration"),  # "five tasks" is no duration
        ("am i too old at 45 to switch?", "age"),
        ("is it free?", "cost"),  # what it costs the visitor
        ("how much are the tuition fees?", "cost"),
        ("who pays for the training?", "cost"),
        ("how much is the course?", "cost"),  # a price asked
        ("how much does the degree matter?", ""),  # no price
        ("avg pay for a data analyst in the states?", "money"),  # pay, not a cost
        ("whats the pass rate for the exam", "percent"),
        ("is there a minimum height?", "measure"),
        ("how tall do you have to be?", "measure"),
        ("how much is that after tax each month", "net pay"),
        ("and how long does that take?", "duration"),
        ("can u write my essay intro", "task"),
        ("which of those titles pays the most?", "money"),
        ("top earners make how much", "money"),  # asked back to front, by its earners
        ("What are the 2-3 most important skills?", ""),  # not a sum
        ("Do they work 24/7?", ""),
        ("Are engineers free to choose their tools?", ""),  # free, but no price
        ("What do they pay attention to in code review?", ""),  # no money asked
        ("Does the certification pay off?", ""),
        ("what's the pay for that job?", "money"),  # the job's pay, not a cost to the visitor
        ("When was the role first created?", "date"),
        # a condition, not a date
        ("When is a company legally required to appoint one?", ""),
        ("When did it become mandatory to appoint one?", "date"),
    ],
)
def test_answer_types_the_guide_cannot_give(question: str, kind: str) -> None:
    passages = "Developing an AI project involves five distinct tasks."
    assert missing_answer_type(question, passages) == kind


@pytest.mark.parametrize("passage", [
    "A graduate typically earns AUD 65,000 to AUD 80,000 a year, plus superannuation.",
    "Starting pay is around 350,000 rand.",
    "Juniors earn 45,000 a year.",
    "Seniors are paid INR 18 lakh.",
])
def test_pay_given_by_currency_code_or_name_answers_a_pay_question(passage: str) -> None:
    assert missing_answer_type("QS salary by experience?", passage) == ""
    assert given_answer_type("what's the pay like for graduates?", passage) == "money"


@pytest.mark.parametrize("passage", [
    "Employers generally pay the training costs for their trainees.",
    "The course fees are covered by the council.",
])
def test_who_pays_is_answered_by_a_passage_saying_who_covers_the_costs(passage: str) -> None:
    # had been declined: the passage names no price
    assert missing_answer_type("who pays for the training?", passage) == ""
    # "how much" asks the price itself
    assert missing_answer_type("how much does the training cost?", passage) == "cost"
    # covering something else is no payer
    assert missing_answer_type("who pays for the training?",
                               "The apprenticeship covers cost control and estimating.") == "cost"


def test_minutes_answer_how_long_one_job_takes_but_not_a_route() -> None:
    passage = "Acrylic infill: Typical price (AUD): $50-$65; Time taken: 60 minutes"
    assert missing_answer_type("and how long does an infill take?", passage) == ""
    assert missing_answer_type("how long does an acrylic infill take", passage) == ""
    assert missing_answer_type("how long does a gel manicure take", passage) == "duration"
    # had a step of a career asked: minutes are no answer
    assert missing_answer_type("how long does it take to qualify?", passage) == "duration"
    assert missing_answer_type("how long does the course take", passage) == "duration"
    # minutes of something else are none
    assert missing_answer_type("how long does a PhD take?",
                               "Interviews usually last 30 minutes.") == "duration"


def test_how_many_there_are_is_answered_by_a_count_of_them() -> None:
    counted = "Around 500,000 people work as construction managers in the United States."
    assert missing_answer_type("how many construction managers are there in the US?",
                               counted) == ""
    assert missing_answer_type("how many locksmiths are there in oz",
                               "About 6,000 locksmiths.") == ""
    # a count of something else is none
    assert missing_answer_type("how many nail salons are there in Australia?",
                               "Most new techs take 90 minutes for a gel manicure.") == "number"
    assert missing_answer_type("how many specialties are there",
                               "there are 22 AVMA-recognized specialty organizations") == ""
    assert missing_answer_type("how many of those are there", "Over 20 programs.") == ""
    # hours worked are no headcount
    assert missing_answer_type("how many hours do nurses work?",
                               "Nurses usually work 37.5 hours a week.") == ""


def test_a_rate_of_pay_answers_whether_one_is_paid_more() -> None:
    passage = "Level 2 - about $25.65 an hour. Level 3 - about $26.70 an hour."
    # had been declined: the passage gives the rates without the word "paid"
    assert missing_answer_type("Do casual staff get paid more per hour?", passage) == ""
    assert missing_answer_type("are apprentices paid?", "Apprentices study at college.") == "money"
    # a fee is no pay
    assert missing_answer_type("do trainees get paid during the course?",
                               "Tuition is $12,000 per year.") == "money"


def test_a_count_of_logged_hours_answers_how_many_hours() -> None:
    passage = "Mobile crane CoC: Typical time to get: After about 1,500 logged hours"
    assert missing_answer_type("how many hours before u can get the mobile one", passage) == ""
    # a count of something else is none
    assert missing_answer_type("how many hours before u can get the mobile one",
                               "Mobile crane CoC: after about 1,500 logged lifts") == "duration"


def test_paying_tax_asks_for_no_pay() -> None:
    passage = "Many UK seafarers qualify for a deduction, paying no UK income tax."
    for question in ("do seafarers pay income tax", "do they pay taxes on it?",
                     "do seafarers pay uk income tax", "do they pay national insurance"):
        assert missing_answer_type(question, passage) == "", question
    assert missing_answer_type("what is their income", passage) == "money"


def test_a_paid_job_asks_for_employment_not_an_amount() -> None:
    passage = "From leaving school, expect it to take three to four years to land a first job."
    assert missing_answer_type("so how long till i actually get a paid job", passage) == ""
    assert missing_answer_type("do units pay into a pension", passage) == ""
    for question in ("are trainees paid?", "is the apprenticeship a paid position?",
                     "what does the pay work out as per hour?"):
        assert missing_answer_type(question, passage) == "money", question


def test_what_a_role_charges_by_the_hour_is_no_price_of_an_exam() -> None:
    pay = ("Full-charge bookkeepers earn $50,000 to $65,000. Freelancers usually charge "
           "between $35 and $75 an hour, with CPB holders at the higher end.")
    assert missing_answer_type("how much do the CPB exams cost?", pay) == "cost"
    # what a school charges an hour for its lessons is their price
    lessons = "Driving schools charge £30 to £40 an hour for lessons."
    assert missing_answer_type("how much do driving lessons cost?", lessons) == ""


def test_what_a_role_charges_by_the_day_is_no_price_of_a_course() -> None:
    rate = "External DPOs usually charge a day rate of €800 to €1,200."
    assert missing_answer_type("how much does the CIPP/E exam cost?", rate) == "cost"
    fee = "The exam fee is €550, and a resit costs the same."
    assert missing_answer_type("how much does the CIPP/E exam cost?", fee) == ""
    charged = "Most colleges charge €3,000 a year for the course."
    assert missing_answer_type("how much does the course cost?", charged) == ""


@pytest.mark.parametrize("passage", [
    "A compressed air cylinder typically lasts around 30 to 40 minutes.",
    "Each eye test takes 20 mins or so.",
])
def test_a_span_of_minutes_answers_how_long_something_short_lasts(passage: str) -> None:
    assert missing_answer_type("whats the BA for and how long does it last", passage) == ""
    assert missing_answer_type("how long is each eye test", passage) == ""
    # minutes are no span of training
    assert missing_answer_type("how long does the degree take?", passage) == "duration"


@pytest.mark.parametrize(("passage", "told"), [
    ("Most controllers get 26 days' annual leave plus bank holidays.", True),
    ("Annual leave starts at 27 days and rises with service.", True),
    ("Facilities run 24 hours a day, 365 days a year.", False),  # no time off counted
    ("Shops are open all year round; you need three years' experience.", False),
    ("Crews work 4 days on, 4 days off, including bank holidays.", False),  # a rota
    ("Trainees leave home for 10 weeks.", False),  # leave, the verb
    ("Holiday entitlement is 28 days a year.", True),
    ("Annual leave is typically around 30 days plus bank holidays.", True),
    ("Long-haul drivers leave home and are usually 5 days on the road.", False),
])
def test_days_of_leave_must_be_counted_beside_the_time_off(passage: str, told: bool) -> None:
    asked = "how many vacation days do they get a year"
    assert missing_answer_type(asked, passage) == ("" if told else "duration")
    assert missing_answer_type("how much annual leave do they get?", passage) == (
        "" if told else "duration")


def test_whether_one_may_pay_for_training_is_told_by_who_pays() -> None:
    asked = "can i pay for my own driving course and then get hired?"
    told = "You cannot pay to train privately; your employer trains you."
    assert missing_answer_type(asked, told) == ""
    assert missing_answer_type(asked, "Popular vacancies attract hundreds of applicants.") == (
        "cost")


@pytest.mark.parametrize(("passage", "priced"), [
    ("The course is free for apprentices.", True),
    ("Training is fully funded by the employer.", True),
    ("Tuition fees are £9,250 a year.", True),
    # funded, but no course's price: the midwives are paid through it
    ("In Ontario, midwives are funded through the Ontario Midwifery Program.", False),
])
def test_what_a_course_costs_is_a_price_or_its_being_free(passage: str, priced: bool) -> None:
    # (parametrised above; these read "free" and "no fees" as said of the course)
    assert missing_answer_type("how much are the fees?", "There are no fees.") == ""
    assert missing_answer_type("how much are the fees?",
                               "Trainees are free to choose their specialty.") == "cost"
    kind = missing_answer_type("how much is tuition for the midwifery degree", passage)
    assert kind == ("" if priced else "cost")


@pytest.mark.parametrize(("question", "kind"), [
    ("best uni in australia for medical radiation science?", "institution"),
    ("which uni is best for it", "institution"),
    ("which university degree do i need", ""),  # a degree, not where
    ("what schools do teachers work in?", ""),
    ("which university programs are accredited?", ""),
    ("what marks out a good translator?", ""),
    ("what kind of scores do composers write", ""),
    ("whats the ATAR for nursing?", "grades"),
    ("what ATAR do you need to get in?", "grades"),
    ("what a-level grades do i need", "grades"),
    ("what grades or ucas points do i need", "grades"),
    ("what grades do i need?", ""),  # answered by the qualifications: "three A levels"
    ("what grade of degree do i need", ""),
])
def test_a_place_to_study_or_a_grade_must_be_named(question: str, kind: str) -> None:
    route = "The usual route is a three-year Bachelor of Science, with two A levels."
    assert missing_answer_type(question, route) == kind
    named = ("Courses at the University of Sydney and Charles Sturt University ask for "
             "an ATAR of 80 or grades AAB at A level.")
    assert missing_answer_type(question, named) == ""


def test_a_height_in_centimetres_answers_how_tall() -> None:
    reach = "Height and reach: you must reach 212 centimetres (about 83 inches) on tiptoe."
    assert missing_answer_type("how tall do you have to be?", reach) == ""


def test_time_off_asked_of_pay_or_years_is_no_count_of_days() -> None:
    assert missing_answer_type("how much holiday pay do they get?",
                               "Holiday pay is 12.07%, about £2,000 a year.") == ""
    assert missing_answer_type("how many years before I can leave the army?",
                               "Minimum service is four years.") == ""


def test_a_currency_code_is_pay_only_beside_a_figure() -> None:
    tools = "Knowledge of PHP 8 and CAD 3D modelling; crews carry an AED."
    assert missing_answer_type("what do they earn?", tools) == "money"
    assert given_answer_type("what do they earn?", tools) == ""


def test_hours_a_week_are_no_pay() -> None:
    hours = "Standard hours are around 40 a week, often with flexible start times."
    assert missing_answer_type("how much are they paid?", hours) == "money"
    assert given_answer_type("how much are they paid?", hours) == ""


def test_whether_one_is_paid_is_answered_in_words_how_much_by_a_figure() -> None:
    passage = "Apprentices are paid while they train, and most finish in two years."
    assert missing_answer_type("can you do an apprenticeship and get paid while training?",
                               passage) == ""
    assert missing_answer_type("how much do you get paid while training?", passage) == "money"
    assert missing_answer_type("do they get paid?", "They train in two years.") == "money"


@pytest.mark.parametrize(("question", "kind"), [
    ("how many days holiday do they get a year?", "duration"),  # years, a day rate: no days
    ("how many weeks of annual leave?", "duration"),
    ("how many years does the degree take?", ""),
    ("how many hours a week do they work?", ""),
    ("how many days a week do they work?", ""),  # a guide may say "Monday to Friday"
])
def test_a_count_of_days_is_answered_by_days_counted(question: str, kind: str) -> None:
    passages = ("Juniors earn £30,000 after three years' experience; contractors charge "
                "£400 per day. The degree takes three years. Most work 40 hours a week.")
    assert missing_answer_type(question, passages) == kind


def test_what_a_short_form_stands_for_is_given_only_where_it_is_spelled_out() -> None:
    named = "It requires architectures such as fully connected networks, CNNs, and RNNs."
    assert missing_answer_type("what does CNN stand for?", named) == "expansion"
    spelled = "In corporate finance, often called FP&A (financial planning and analysis)."
    assert missing_answer_type("what does FP&A stand for?", spelled) == ""
    assert missing_answer_type("what does RVN actually stand for",
                               "the title Registered Veterinary Nurse, or RVN") == ""
    # small words counted, a plural, and "it" of a follow-up is no short form
    assert missing_answer_type("what does OTR stand for?",
                               "Over-the-road (OTR) drivers haul freight.") == ""
    assert missing_answer_type("what do RNs stand for?", "Registered nurses (RNs)") == ""
    assert missing_answer_type("what does it stand for?", named) == ""
    # letters taken from the words, two or more of each: "LOck-out/TagOut"
    lock = "Personal lock and tag kit for lockout/tagout (LOTO)"
    assert missing_answer_type("what does LOTO stand for in line work", lock) == ""
    assert missing_answer_type("what does LOTO stand for?", "there are lots to do") == "expansion"
    # the short form itself spells nothing out
    assert missing_answer_type("what does ACCA stand for?",
                               "Another chartered body such as ACCA, CIMA or ICAS") == "expansion"


def test_take_home_pay_is_net_but_taking_home_is_earning() -> None:
    gross = "A first-year instructor usually earns CA$12,000 to CA$16,000 over a season."
    assert missing_answer_type("whats the take home pay for a nurse", gross) == "net pay"
    assert missing_answer_type("what's the take home for a nurse?", gross) == "net pay"
    assert missing_answer_type("how much is that after tax?", gross) == "net pay"
    # "what would I take home?" asks what they earn
    assert missing_answer_type("roughly what's the total I'd take home for the season??",
                               gross) == ""


def test_a_guide_that_gives_pay_figures_covers_pay() -> None:
    figures = "Mid level (3-5 years): 60,000 to 75,000 US dollars a year."
    for question in ("what's the salary?", "what is the pay like?", "How much do they earn?"):
        assert given_answer_type(question, figures) == "money", question
        assert not missing_answer_type(question, figures), question
    assert given_answer_type("what's the salary?", "Florists arrange flowers.") == ""
    # the word is no figure
    assert given_answer_type("what's the salary?", "This guide does not discuss salary.") == ""
    assert given_answer_type("How many years of experience?", figures) == ""  # numbers tell less
    policy = DeclinePolicy(off_guide_margin=0.3, min_focus_unshared=0.3)
    # "salary" is a topic guides rarely cover: declined unless the passages give pay
    salary = Evidence(dense=0.3, focus_dense=0.25, off_guide=1.0, unshared=True)
    assert not policy.answers(salary)
    assert policy.answers(replace(salary, given_type="money"))


@pytest.mark.parametrize(("question", "passage"), [
    ("how old do I have to be to be a paramedic?", "Applicants must be at least 18."),
    ("is there an upper age limit for pilots?", "There is no upper limit; pilots retire at 65."),
    ("what is the pass rate?", "Only 1 in 10 applicants pass."),
    ("how long are the shifts?", "Most work 12-hour shifts."),
    ("how much are the tuition fees?", "Tuition fees are up to £9,535 a year."),
    ("is the course free?", "The course is free for under-19s."),
    ("how much do plumbers earn before tax?", "Plumbers earn £35,000 a year."),  # gross
    ("can i afford a mortgage on a police salary?", "Constables start on £29,907."),
])
def test_a_passage_giving_the_kind_of_answer_asked_for_answers_it(
        question: str, passage: str) -> None:
    assert missing_answer_type(question, passage) == ""


def test_pay_beside_something_else_is_answered_in_words() -> None:
    words = "Pay in games usually trails general software engineering by 10-20%."
    assert missing_answer_type("do game devs get paid less than software engineers", words) == ""
    assert missing_answer_type("do they get paid extra for nights", "Extra pay for nights.") == ""
    # how much they earn asks for a figure
    assert missing_answer_type("how much do game devs earn", words) == "money"
    # "more" asked, but the passage sets no pay beside anything
    assert missing_answer_type("what salary can i expect with more experience?",
                               "Accountants pay close attention to detail.") == "money"
    assert missing_answer_type("how long does it take?", "after two or more years") == ""


_PAID = "Adobe Creative Cloud, paid for through a monthly subscription."
_SUITE = "how much does adobe creative cloud cost a month"
#: passages are one a line: a price is read within one
_BESIDE_A_WAGE = _PAID + "\nUS freelance rate: often $30 to $75 an hour"


@pytest.mark.parametrize("question, passages, lacks", [
    (_SUITE, _PAID, "cost"),                      # who pays names no price
    ("do i have to pay for it myself?", _PAID, ""),
    ("how much does an apprenticeship cost?", "Apprenticeships are free for the apprentice.", ""),
    (_SUITE, "The subscription costs about $60 a month.", ""),
    (_SUITE, _BESIDE_A_WAGE, "cost"),             # another passage's wage is no price
    # "tax-free" prices nothing
    ("how much does a pgce cost in tuition fees",
     "Common routes are a one-year PGCE. Tax-free bursaries are offered in some subjects.", "cost"),
    ("how much is chair rent usually per week",
     "Salons are busiest on Saturdays and in the evenings.", "cost"),
    # insurance named in two words, beside another passage's session rate
    ("how much is public liability insurance for a PT per year",
     "Self-employed trainers need public liability insurance. Online coaching: €80 to €200 "
     "per client a month.", "cost"),
    ("how much does it cost?", "Apprenticeships are fee-free for the apprentice.", ""),
    # pay, not a price: "insurance" names the job
    ("how much do insurance underwriters earn?", "$60,000 to $90,000 a year", ""),
])
def test_how_much_something_costs_asks_for_its_price_not_who_pays(
        question: str, passages: str, lacks: str) -> None:
    assert missing_answer_type(question, passages) == lacks


def test_a_wage_or_one_price_is_no_price_given() -> None:
    assert given_answer_type(_SUITE, _BESIDE_A_WAGE) == ""
    rate = "Self-employed plumbers commonly charge £200 to £300 a day."
    assert given_answer_type("how much does the insurance cost a year?", rate) == ""


def test_pay_figures_cover_pay_not_the_price_of_anything_else() -> None:
    figures = "Mid level: 60,000 to 75,000 US dollars a year. Florists arrange flowers."
    vocabulary = Vocabulary([figures], dictionary=frozenset({"pizza", "cost", "earn"}))

    def given(question: str) -> str:
        words = content_words(question)
        return measure(words, [], question, 0.3, 0.3, 0.5, vocabulary, {},
                       passages_text=figures).given_type

    assert given("How much do florists earn?") == "money"
    assert given("how much does a pizza cost?") == ""
    # a price asked keeps its words from asking for pay: "cost year" is no salary
    assert given("how much does it cost a year?") == ""
    # where is asked about is no other thing asked for: "usa" is a place
    assert given("florist salary usa?") == "money"


def test_the_topic_list_is_careers_questions_not_this_guides_sections() -> None:
    sections = ("tasks", "skills", "tools", "team structure")
    assert not [t for t in OFF_GUIDE_TOPICS if t in sections]
    assert len(set(OFF_GUIDE_TOPICS)) == len(OFF_GUIDE_TOPICS)


@pytest.mark.parametrize(
    ("question", "words", "kind"),
    [
        ("what is gradient descent", ["gradient", "descent"], "definition"),
        ("explain backpropagation simply", ["backpropagation", "simply"], "definition"),
        ("What is Workera?", ["workera"], ""),  # the guide names it
        ("Whats the point of this article?", ["point"], ""),  # about the guide itself
        ("do they use keras or mlflow?", ["keras", "mlflow"], "tool"),
        ("Do they use Git?", ["git"], ""),
        ("How can I benchmark my skills?", ["benchmark", "skills"], ""),  # not a tool question
        ("What are the main duties?", ["main", "duties"], ""),  # no short term to define
        ("what is a transformer and how does attention work", ["transformer", "attention"],
         "definition"),
        ("how does gradient descent work?", ["gradient", "descent"], "definition"),
        # "how do ... work" that is not "how does X work": a question about the roles
        ("how do analysts and engineers split the work?",
         ["analysts", "engineers", "split", "work"], ""),
    ],
)
def test_subjects_the_guide_cannot_be_asked_about(
    question: str, words: list[str], kind: str
) -> None:
    vocabulary = Vocabulary(
        ["Tools: Git, Python. Workera tests your skills. This article aims to clarify the role."],
        dictionary=frozenset({"gradient", "descent", "simply", "point", "benchmark", "skills",
                              "main", "duties", "transformer", "attention", "analysts",
                              "engineers", "split", "work"}),
    )
    assert missing_subject(words, question, vocabulary) == kind


@pytest.mark.parametrize(
    ("question", "passages", "kind"),
    [
        # the guide names Workera as where its author works: it does not teach it
        ("what is Workera and how does it work? (hiring here)", "Founder at Workera.",
         "definition"),
        ("How does Workera work?", "Founder at Workera.", "definition"),
        ("How does Workera work?", "Workera is a skills platform.", ""),  # said what it is
        ("What is Workera used for?", "Founder at Workera.", ""),  # asks what the guide says
        ("How do they work with Git?", "Tools: Git, Python.", ""),  # about the role
        ("How does C++ work?", "Tools: C++ is a language they write.", ""),  # a name of symbols
        ("How does C++ work?", "Tools: Git, C++.", "definition"),
    ],
)
def test_how_a_named_thing_works_is_not_a_careers_question(
        question: str, passages: str, kind: str) -> None:
    vocabulary = Vocabulary(["Tools: Git, Python, C++. Workera tests your skills."],
                            dictionary=frozenset({"work", "used"}))
    words = [w for w in ("workera", "git", "c++") if w in question.lower()]
    assert missing_subject(words, question, vocabulary, frozenset(), passages) == kind


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("what is a window function in SQL? my course says i need it", "definition"),
        ("what's the difference between precision and recall?", "definition"),
        ("What is TrowelPro?", ""),  # a name: what the guide says of it answers
        ("What's the difference between a planner and a designer?", ""),  # jobs
        ("what is pruning?", ""),  # the passage says what it is
        ("what is mulching?", ""),  # after a colon
        ("what is a window function in this guide?", ""),  # about the guide
        # each spelled out, or glossed after a dash, as a list of processes does
        ("whats the difference between mig and tig welding", ""),
        ("what is grafting?", ""),
        ("what is a watching brief", ""),  # what one does on it
        ("what is a window function? do you need one", "definition"),
    ],
)
def test_a_concept_the_guide_names_but_never_explains_is_not_taught(
        question: str, kind: str) -> None:
    passages = ("Skills: expert SQL, including window functions, and trade-offs such as "
                "precision against recall. TrowelPro plans beds. Pruning is cutting back "
                "branches. Planners and designers differ. A mulching routine: you cover the soil "
                "with bark. MIG/MAG (metal inert gas, GMAW) for fabrication; TIG (tungsten inert "
                "gas, GTAW) welding for stainless steel. Grafting – joining a cutting to a "
                "rootstock. On a watching brief you monitor a mechanical excavator.")
    vocabulary = Vocabulary([passages], dictionary=frozenset(
        {"window", "function", "functions", "precision", "recall", "pruning", "difference",
         "planner", "designer", "mulching", "mig", "tig", "welding", "grafting", "watching",
         "brief"}))
    words = content_words(question)
    assert missing_subject(words, question, vocabulary, frozenset(), passages) == kind


# -- typo correction leaves real words alone ------------------------------------------


def test_the_model_vocabulary_is_a_dictionary_of_common_words() -> None:
    words = model_dictionary(resolve_model_path("all-MiniLM-L6-v2"))
    assert {"stock", "tire", "very", "than", "same", "equity"} <= words
    assert "kubernetes" not in words and "tols" not in words
    assert not any(w.startswith("#") or not w.isalpha() for w in words)
    assert dictionary_of(SentenceTransformerEmbedder()) == words
    assert dictionary_of(HashEmbedder()) == frozenset()  # a fake has none: nothing breaks


def test_a_real_word_is_never_corrected_into_a_corpus_word() -> None:
    corpus = ["Version control such as Git; a full stack of tools.", "Response times matter."]
    plain = Vocabulary(corpus)
    assert plain.correct("stock") == "stack"  # without a dictionary, a near miss is fixed
    guarded = Vocabulary(corpus, dictionary=frozenset({"stock", "tire"}))
    assert guarded.correct("stock") is None
    assert guarded.correct("tire") is None
    assert guarded.correct("stakc") == "stack"  # typos are still fixed


# -- the real assistant -----------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Do deep learning engineers usually get stock options or equity?",
        "What kind of questions come up in a deep learning engineer job interview?",
        "Which country has the most deep learning engineer jobs?",
        "What does a typical daily schedule look like for a deep learning engineer?",
        "Can you write a cover letter for me for a barista position?",
        "recommend a good sci-fi novel to read this weekend",
        "what is 17 * 23",
        "How do I change a flat tire?",
        "what is gradient descent",
        "do deep learning engineers use kubernetes or docker",
        "Do they use keras?",
    ],
)
def test_uncovered_careers_and_off_topic_questions_are_declined(
    assistant: Any, question: str
) -> None:
    answer = assistant.ask(question)
    assert answer.answered is False, answer.text
    # a barista position is a role the guide is not about, and the reply says so
    assert answer.sources == () and answer.text.startswith(("Sorry", "The guide here is not"))


@pytest.mark.parametrize(
    ("history", "question"),
    [
        (["What tools do deep learning engineers use?"], "how much do they earn?"),
        (["Who do deep learning engineers work well with?"],
         "and what do those data analysts usually earn?"),
    ],
)
def test_uncovered_follow_ups_are_declined(
    assistant: Any, history: list[str], question: str
) -> None:
    assert assistant.ask(question, history).answered is False


@pytest.mark.parametrize(
    ("history", "question"),
    [
        ([], "Do I need to understand CNNs and RNNs to work as a deep learning engineer?"),
        ([], "Are communication skills important for deep learning engineers?"),
        ([], "Is there a math test I can take to assess myself?"),
        (["What do AI teams focus on at the beginning of a project?"], "and later on?"),
        (["What tasks does a deep learning engineer carry out?"],
         "more detail on the first one please"),
        (["What tasks does a deep learning engineer carry out?"], "and the 3rd?"),
        # the earlier question's odd word is not what is asked now
        (["Do they use mlops?"], "and do they use python?"),
        ([], "What are the 2-3 most important skills?"),
    ],
)
def test_covered_questions_that_sound_like_careers_topics_are_answered(
    assistant: Any, history: list[str], question: str
) -> None:
    answer = assistant.ask(question, history)
    assert answer.answered, answer.text
    assert answer.sources


# -- the tuner's grid decides exactly as the policy does ---------------------------
def test_the_tuners_grid_decides_as_the_policy_does() -> None:
    """``roleqa eval --tune`` scores every threshold at once on arrays; each grid
    point must answer exactly the questions its DeclinePolicy answers."""
    import random

    from roleqa.engine.policy import RULES, DeclinePolicy
    from roleqa.quality.evaluate import EvalQuestion, Outcome
    from roleqa.quality.tune import GRIDS, _answers_on_grid

    MARGINS, MIN_FOCUS, SEMANTIC_MATCH, MIN_FOCUS_UNSHARED, BANK_MARGINS = GRIDS
    assert [r.name for r in RULES] == ["off_guide_margin", "min_focus", "semantic_match",
                                       "min_focus_unshared", "bank_margin"]
    from roleqa.types import Answer, Evidence

    rng = random.Random(7)

    def on_or_off(steps: tuple[float, ...]) -> float:
        # Often exactly on a threshold, so a `>=` written as `>` shows.
        return rng.choice(steps) if rng.random() < 0.7 else rng.uniform(-0.2, 1.0)

    def evidence() -> Evidence | None:
        if rng.random() < 0.05:
            return None  # declined before any evidence (no words, another script)
        focus = rng.choice([0.0, on_or_off(MIN_FOCUS + MIN_FOCUS_UNSHARED)])
        answerable = rng.choice([0.0, rng.uniform(0.3, 1.0)])
        return Evidence(
            dense=rng.uniform(0, 1), focus_dense=focus,
            # with focus 0 and answerable 0 the gaps below equal the grid values exactly
            off_guide=focus + on_or_off(MARGINS),
            names=tuple((f"w{i}", on_or_off(SEMANTIC_MATCH)) for i in range(rng.randint(0, 2))),
            missing_type=rng.choice(["", "", "", "money"]), unshared=rng.random() < 0.3,
            given_type=rng.choice(["", "", "", "money"]),
            bank_answerable=answerable,
            bank_out=rng.choice([-1.0, answerable + on_or_off(BANK_MARGINS)]),
        )

    outcomes = [Outcome(EvalQuestion(str(i), "dev", rng.choice(["in", "out"]), "q"),
                        Answer(text="", answered=rng.random() < 0.5, evidence=evidence()))
                for i in range(600)]
    grid = _answers_on_grid(outcomes)
    for _ in range(300):
        key = tuple(rng.randrange(len(g)) for g in GRIDS)
        policy = DeclinePolicy.on_grid(key)
        expected = [o.answer.answered if o.answer.evidence is None
                    else policy.answers(o.answer.evidence) for o in outcomes]
        assert grid[key].tolist() == expected, policy


def test_a_word_the_guides_use_in_the_plural_is_no_unknown_tool() -> None:
    vocabulary = Vocabulary(["You need five GCSEs at grade 4 or above."],
                            dictionary=frozenset({"need", "grades", "grade"}))
    question = "how many gcse's do you need for vet nursing?"
    assert missing_subject(["gcse", "grades"], question, vocabulary) == ""
    assert missing_subject(["keras"], "do you need keras?", vocabulary) == "tool"


def test_a_word_made_of_two_the_guides_use_is_no_unknown_tool() -> None:
    vocabulary = Vocabulary(["Stylists cut and colour hair; a US licence is needed."],
                            dictionary=frozenset({"need", "license", "work"}))
    question = "do you need a license to work as a hairstylist?"
    assert missing_subject(["license", "hairstylist"], question, vocabulary) == ""
    assert missing_subject(["hairwax"], "do you need hairwax?", vocabulary) == "tool"
    # a tool's name made of common words is still a name the guide may not use
    tools = Vocabulary(["Share files; point out issues."],
                       dictionary=frozenset({"need", "share", "point"}))
    assert missing_subject(["sharepoint"], "do they use sharepoint?", tools) == "tool"
    # a long made-up word is read fast
    assert missing_subject(["hair" * 40], "do they use " + "hair" * 40, tools) == "tool"


def test_a_number_with_its_unit_is_no_name_the_guide_lacks() -> None:
    from roleqa.engine.evidence import unknown_names

    vocabulary = Vocabulary(["Owner-operators can earn more, but they pay for fuel."])
    question = "do owner operator truckers really make 200k?? whats the catch"
    assert unknown_names(content_words(question), question, vocabulary) == []
    # a name with digits in it still is one
    assert unknown_names(["k8s"], "do they use k8s at 9am?", vocabulary) == ["k8s"]


@pytest.mark.parametrize(("evidence", "far"), [
    # "whats the capital of australia lol": a topic guides rarely cover, no passage near
    (Evidence(dense=0.19, focus_dense=0.28, off_guide=0.61, off_topic=0.22), True),
    # "downsides??": no passage near either, and no topic guides leave out
    (Evidence(dense=0.13, focus_dense=0.2, off_guide=0.45, off_topic=0.3), False),
    # "what's a typical day like?": near a rare topic, and a passage answers
    (Evidence(dense=0.22, focus_dense=0.3, off_guide=0.6, off_topic=0.3), False),
    # "who won the game last night?": nearer a message about no role than any passage
    (Evidence(dense=0.4, focus_dense=0.3, off_guide=0.3, off_topic=0.7), True),
    # "whats the weather like today": near such a message, the best passage far behind
    (Evidence(dense=0.32, focus_dense=0.3, off_guide=0.74, off_topic=0.54), True),
    # "who won the champions league last year": the best passage (on years of
    # training) far behind a message about no role, however near that is
    (Evidence(dense=0.12, focus_dense=0.22, off_guide=0.47, off_topic=0.43), True),
    # "what software will i be using": a passage weak, but not that far behind
    (Evidence(dense=0.11, focus_dense=0.23, off_guide=0.34, off_topic=0.35), False),
])
def test_a_question_far_from_every_passage_is_declined_whatever_the_tuning(
        evidence: Evidence, far: bool) -> None:
    assert far_from_every_passage(evidence) is far


def test_a_question_the_best_passage_says_is_not_far_from_it() -> None:
    # "is the pension defined benefit or the other kind": near a topic guides
    # rarely cover, the best passage (on pay) weak as a whole, but it says
    # "a defined benefit pension"
    pension = Evidence(dense=0.19, focus_dense=0.19, off_guide=0.75, off_topic=0.24)
    assert far_from_every_passage(pension)
    assert not far_from_every_passage(pension, said=True)
    # nor does it let through a question near a message about no role
    game = Evidence(dense=0.4, focus_dense=0.3, off_guide=0.3, off_topic=0.7)
    assert far_from_every_passage(game, said=True)


def test_in_a_conversation_a_question_near_chat_is_not_declined_for_that_alone() -> None:
    # "how long does the certificate take?" after "what training do I need?":
    # near a message about no role, no passage within 0.3
    certificate = Evidence(dense=0.296, focus_dense=0.198, off_guide=0.535, off_topic=0.473)
    assert far_from_every_passage(certificate)
    assert not far_from_every_passage(certificate, conversation=True)
    # "who leads the team?" after "who do air traffic controllers work with?":
    # nearer such a message than any passage by 0.28, but not near it
    team = Evidence(dense=0.213, focus_dense=0.19, off_guide=0.353, off_topic=0.496)
    assert far_from_every_passage(team)
    assert not far_from_every_passage(team, conversation=True)
    # "who won the game last night?" comes near such a message: declined in
    # a conversation too
    game = Evidence(dense=0.4, focus_dense=0.3, off_guide=0.3, off_topic=0.7)
    assert far_from_every_passage(game, conversation=True)


def test_a_question_of_every_guide_near_none_is_declined() -> None:
    # "how do i make a béarnaise sauce", asked of every guide: no passage near
    sauce = Evidence(dense=0.26, focus_dense=0.29, off_guide=0.28, off_topic=0.37)
    assert weak_everywhere(sauce, guides_asked=49)
    # asked of one guide (named, or the page's), the tuned policy decides
    assert not weak_everywhere(sauce, guides_asked=1)
    # "easy shepherd's pie recipe", beside a butcher's recipes: near none still
    pie = Evidence(dense=0.346, focus_dense=0.348, off_guide=0.45, off_topic=0.38)
    assert weak_everywhere(pie, guides_asked=76)
    # "what is the AM2": the question comes nearer a passage
    am2 = Evidence(dense=0.393, focus_dense=0.351, off_guide=0.28, off_topic=0.24)
    assert not weak_everywhere(am2, guides_asked=49)
    # ... as does one whose focus alone reaches the limit
    focused = Evidence(dense=0.2, focus_dense=0.35, off_guide=0.28, off_topic=0.24)
    assert not weak_everywhere(focused, guides_asked=49)
    # a job page's widget asked "who is the lead singer of coldplay": nearer nothing still
    singer = Evidence(dense=0.098, focus_dense=0.098, off_guide=0.36, off_topic=0.31)
    assert weak_everywhere(singer, guides_asked=1, of_its_own=True)
    assert not weak_everywhere(sauce, guides_asked=1, of_its_own=True)
    # ... but "downsides??", or "how long is the vcu one" after a question, is
    # short and far from every passage: its side of the job or the conversation says
    assert not weak_everywhere(singer, guides_asked=1)


@pytest.mark.model
def test_a_job_pages_widget_declines_a_question_near_nothing(catalogue_assistant: Any) -> None:
    for question in ("who is the lead singer of coldplay", "is workera free to use?"):
        answer = catalogue_assistant.ask(question, scope="deep-learning-engineer")
        assert not answer.answered, answer.text


def test_what_you_would_be_on_asks_for_pay() -> None:
    # British for a salary: "what would i be on?"
    assert asks_money("roughly what would i be on per year as a newly qualified gardener")
    assert missing_answer_type("what would i be on per year?", "Gardeners plant trees.") == "money"
    assert not asks_money("what would i be working on day to day?")
    assert not asks_money("what will i be on call for as a junior doctor?")


@pytest.mark.parametrize(("passage", "lacks"), [
    ("Minimum age of 18 in the UK and 21 at most major US airlines.", "upper age"),
    ("You must be 18 or older to apply.", "upper age"),
    ("There is no upper age limit, although the normal retirement age is 60.", ""),
    ("The age rule: you must apply before your 31st birthday.", ""),
    ("Many people retrain later in life.", ""),
])
def test_an_upper_age_is_no_minimum_age(passage: str, lacks: str) -> None:
    assert missing_answer_type("whats the maximum age to become an air hostess", passage) == lacks


def test_a_question_asking_only_how_long_or_how_old_asks_no_rare_topic() -> None:
    route = "Complete 75 hours of pre-licensing education, which takes about three months."
    assert asks_only_amount("how long does that usually take", ["long"], route)
    assert asks_only_amount("how old do you have to be?", ["old"],
                            "Most employers hire people aged 16 or over.")
    # a duration the passages do not give, or a topic beside it, is asked as before
    assert not asks_only_amount("how long does that take", ["long"], "Pass the state exam.")
    # ... nor of the route whose length it asks
    degree = "The usual route is a three-year Bachelor of Medical Radiation Science."
    assert asks_only_amount("how many years of university", ["years", "university"], degree)
    assert asks_only_amount("how long does it take to become an undertaker",
                            ["long", "take", "become"], route)
    assert not asks_only_amount("how long is the phd", ["long", "phd"], degree)
    # in any form of the route's word
    assert asks_only_amount("how long do the courses take", ["long", "courses", "take"], degree)
    assert not asks_only_amount("how long is the lunch break?", ["long", "lunch", "break"], route)
    assert not asks_only_amount("what do they earn?", ["earn"], route)


def test_extra_pay_for_shifts_is_named_as_guides_name_it_and_nothing_else() -> None:
    from roleqa.engine.answer_types import PAY_WORDS

    for said in ("Shift penalties of 15% to 30% for nights", "weekend loadings apply",
                 "a shift differential of $2 an hour", "overtime at time-and-a-half"):
        assert PAY_WORDS.search(said), said
    # a ship's cargo and a clinic's diagnosis are no pay
    for said in ("manage the loading and discharge of cargo", "make a differential diagnosis"):
        assert not PAY_WORDS.search(said), said
