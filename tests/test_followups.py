"""Follow-ups read as a visitor means them: ellipses ("and deployment?"),
ordinals ("the second one") and intents ("how is it different from ...?").

Pure query-building pieces first, then the real assistant on real follow-ups."""

from __future__ import annotations

from typing import Any

import pytest

from roleqa.engine.asked_again import asked_of_side
from roleqa.engine.follow_ups import (
    is_follow_up,
    ordinal,
    sibling_groups,
    substitute,
    swap_sibling,
)
from roleqa.engine.query import intent_words

TASKS = "What tasks does a deep learning engineer carry out?"
TOOLS = "What tools does a deep learning engineer use?"

# The guide's two lists, as sibling_groups sees them.
LISTS = [
    ["data engineering subtasks such as defining data requirements",
     "modeling subtasks such as training deep learning models",
     "deployment subtasks such as converting prototyped code"],
    ["Modeling is primarily done in Python", "Data engineering happens in Python",
     "Deployment is implemented using", "Collaboration and workflow is managed with"],
]


@pytest.fixture(scope="module")
def groups() -> list[list[tuple[str, ...]]]:
    return sibling_groups(LISTS)


def test_sibling_groups_keep_what_sets_items_apart(groups: list[list[tuple[str, ...]]]) -> None:
    tasks = groups[0]
    assert tasks == [("data", "engin"), ("model",), ("deploy",)]
    assert not any("subtask" in item for item in tasks)  # shared by all three items


@pytest.mark.parametrize(
    ("question", "last", "meant"),
    [
        ("and deployment?", "What languages are used for data engineering?",
         "What languages are used for deployment?"),
        ("and for modeling?",
         "What are the data engineering subtasks for a deep learning engineer?",
         "What are the modeling subtasks for a deep learning engineer?"),
        ("what about collaboration?", "Which tools for modeling?",
         "Which tools for collaboration?"),
        # a word beside the sibling's name does not stop the swap
        ("and the deployment stage?", "What tools does a deep learning engineer use for modeling?",
         "What tools does a deep learning engineer use for deployment?"),
        ("And for collaboration?", "What tools does a deep learning engineer use for deployment?",
         "What tools does a deep learning engineer use for collaboration?"),
    ],
)
def test_a_sibling_replaces_its_sibling(
    groups: list[list[tuple[str, ...]]], question: str, last: str, meant: str
) -> None:
    assert swap_sibling(question, last, groups) == meant


@pytest.mark.parametrize(
    ("question", "last"),
    [
        ("and the cloud?", "What tools for modeling?"),  # not a sibling of modeling
        ("and modeling?", "Who wrote the guide?"),  # nothing to swap it for
        # "engineering" is no first word of a line: it names no sibling
        ("and for engineering?", "What languages are used for deployment?"),
        ("what about modeling, which I find the hardest part of the whole job by far?",
         "Which tools for deployment?"),  # too long to be an ellipsis
    ],
)
def test_no_sibling_no_swap(groups: list[list[tuple[str, ...]]], question: str, last: str) -> None:
    assert swap_sibling(question, last, groups) is None


def test_the_leftmost_lone_word_does_not_win_over_the_item_named_whole() -> None:
    groups = sibling_groups(LISTS[:1])
    assert swap_sibling("and deployment?", "How much data do they need for modeling?", groups) == (
        "How much data do they need for deployment?"
    )
    assert swap_sibling("and modeling?", "Which data tools are used in deployment?", groups) == (
        "Which data tools are used in modeling?"
    )


def test_a_long_pasted_phrase_after_a_preposition_is_no_ellipsis() -> None:
    last = "What tools are used for modeling?"
    # Once a pattern that backtracked for seconds on this (the server stalled).
    assert substitute("and for " + "x" * 900 + " a b c d e", last) is None
    assert substitute("and for https://example.com/" + "a/" * 400, last) is None
    assert substitute("and for !!!", last) is None  # no word: nothing to put in


@pytest.mark.parametrize(
    ("question", "last", "read"),
    [("and the tools?", "what skills do you need to be an ATC",
      "what tools do you need to be an ATC"),
     ("ok and the upsides?", "what are the downsides of being a funeral director",
      "what are the upsides of being a funeral director"),
     ("what about their pay?", "what are the hours like for nurses",
      "what are the pay like for nurses"),
     # no side named before, the same side, two of them, or no side asked
     ("and the tools?", "what does a plumber do", None),
     ("and salary?", "what is the salary for nurses", None),
     ("what about hours?", "what pay and benefits do nurses get", None),
     ("and nurses?", "what skills do doctors need", None),
     # a side noun in a role's name or a condition is not asked for
     ("and the hours?", "how much does a software tester earn", None),
     ("and the hours?", "can i become a paramedic without a degree", None)],
)
def test_a_fragment_naming_another_side_asks_the_question_before_of_it(
        question: str, last: str, read: str | None) -> None:
    assert asked_of_side(question, last) == read


def test_an_ellipsis_takes_the_place_after_the_same_preposition() -> None:
    last = "How do deep learning engineers differ from data scientists?"
    assert substitute("and from software engineers?", last) == (
        "How do deep learning engineers differ from software engineers?"
    )
    assert substitute("on which platform?", "Which tests does the guide recommend?") is None
    assert substitute("and for modeling?", "Who wrote the guide?") is None


@pytest.mark.parametrize(
    ("question", "n"),
    [("tell me more about the second one", 2), ("Give me the subtasks of the last one.", -1),
     ("more detail on the first one please", 1), ("and the 3rd?", 3),
     ("What is at the start of the guide?", None), ("what does the first paragraph say", None),
     ("What is the first part of the job?", None), ("the third one, what is it?", 3)],
)
def test_ordinals_name_a_list_item(question: str, n: int | None) -> None:
    assert ordinal(question) == n
    if n is not None:
        assert is_follow_up(question)


@pytest.mark.parametrize(
    ("question", "has", "lacks"),
    [
        ("How is a deep learning engineer different from a data scientist?", "opposed", "mature"),
        ("What do teams do early on?", "beginning", "opposed"),
        ("and once the project matures?", "mature", "beginning"),
        ("Why was this article written?", "aims", "opposed"),
        ("Which tools do they use?", "software", "aims"),
        ("What degree do they need?", None, "aims"),
        ("is being a nurse stressful?", "pressure", "promotion"),
        ("whats the career path for a chef", "promotion", "pressure"),
        ("ok and the cons?", "drawbacks", "rewarding"),
        ("is it physically hard?", "lifting", "shifts"),
        ("do they ever have to stay late", "shifts", "lifting"),
        ("what does it take to be a good nurse?", "qualities", "routes"),
        ("how do i get into ux with no experience", "routes", "qualities"),
        # "get in the uk" is no way in
        ("how many days leave do engineers get in the uk", None, "routes"),
    ],
)
def test_intents_add_the_words_a_guide_answers_with(
    question: str, has: str | None, lacks: str
) -> None:
    added = intent_words(question)
    assert lacks not in added
    if has is None:
        assert added == ()
    else:
        assert has in added


# -- the real assistant -------------------------------------------------------------


def _top(answer: Any) -> str:
    return str(answer.hits[0].passage.text)


@pytest.mark.parametrize(
    ("history", "question", "start"),
    [
        (["What languages are used for data engineering?"], "and deployment?",
         "Deployment is implemented using"),
        (["What Python packages are used for modeling?"], "and for data engineering?",
         "Data engineering happens"),
        (["What are the data engineering subtasks?"], "and for modeling?", "modeling subtasks"),
        (["How does a deep learning engineer differ from a data scientist?"],
         "and from software engineers?", "Deep learning engineers demonstrate"),
        ([TASKS], "tell me more about the second one", "modeling subtasks"),
        # thanks and praise in between are no question the ordinal leans on
        ([TASKS, "brilliant thanks, really helpful"], "tell me more about the second one",
         "modeling subtasks"),
        ([TASKS], "more detail on the first one please", "data engineering subtasks"),
        ([TOOLS], "and the last one?", "Collaboration and workflow"),
        ([TASKS], "and the 3rd?", "deployment subtasks"),
    ],
)
def test_elliptic_and_ordinal_follow_ups_find_what_was_meant(
    assistant: Any, history: list[str], question: str, start: str
) -> None:
    answer = assistant.ask(question, history)
    assert answer.answered, answer.text
    assert _top(answer).startswith(start)
    # the user sees it: the reply quotes the passage meant, first
    assert answer.text.lower().startswith(start.lower()[:20])


def test_an_ordinal_without_a_list_before_it_is_just_a_follow_up(assistant: Any) -> None:
    # The author's passage is no list: there is no second item to invent, and
    # the question is read as any follow-up of "Who wrote the guide?".
    answer = assistant.ask("tell me more about the second one", ["Who wrote the guide?"])
    assert answer.query.startswith("Who wrote the guide?")
    assert not any(h.passage.kind == "item" and h.passage.section.startswith("What")
                   for h in answer.hits[:1])


def test_an_ordinal_that_names_its_own_whole_is_no_list_item(assistant: Any) -> None:
    answer = assistant.ask("What is the first part of the job?", [TOOLS])
    assert not answer.query.startswith("Modeling is primarily done")


@pytest.mark.parametrize(
    ("question", "start"),
    [
        ("How is a deep learning engineer different from a data scientist?",
         "Deep learning engineers demonstrate"),
        ("What does an AI team focus on at the start of a project?", "Building an AI team"),
        ("Who is this article for?", "This article aims"),
    ],
)
def test_questions_whose_answer_shares_few_words_with_them(
    assistant: Any, question: str, start: str
) -> None:
    answer = assistant.ask(question)
    assert answer.answered
    assert _top(answer).startswith(start)
