"""The assistant as a user meets it (real model, loaded once per session), and
the pure pieces under it: follow-up detection, query building, typo
correction, answer composition and settings."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from roleqa.config import Settings
from roleqa.engine.answer_types import missing_answer_type
from roleqa.engine.extract import MAX_WORDS, compose, list_runs
from roleqa.engine.follow_ups import is_follow_up
from roleqa.engine.query import build_query, repair
from roleqa.engine.typed import set_aside
from roleqa.errors import ConfigError, QuestionError
from roleqa.language import LANGUAGE, Language
from roleqa.text import Vocabulary, content_words, stem
from roleqa.types import Answer, Hit, Passage

TASKS = "What tasks does a deep learning engineer carry out?"
TOOLS = "What tools does a deep learning engineer use?"
SKILLS = "What skills does a deep learning engineer need?"
TEAM = "In what team structure does a deep learning engineer fit?"
AUTHOR = "Author(s)"

DATA_SUBTASKS = "data engineering subtasks such as"
DEPLOYMENT_TOOLS = "Deployment is implemented using"
MODELING_TOOLS = "Modeling is primarily done in Python"
CLOUD_Q = "Which cloud platforms does a deep learning engineer use?"


def top(answer: Answer) -> Passage:
    assert answer.hits, f"no passage retrieved for {answer.query!r}"
    return answer.hits[0].passage


def cited_numbers(text: str) -> set[int]:
    return {int(n) for n in re.findall(r"\[(\d+)\]", text)}


def prose_words(text: str) -> int:
    return len(re.sub(r"\[\d+\]", " ", text).split())


# -- retrieval on real questions ---------------------------------------------------


def test_cloud_platforms_come_from_the_tools_section(assistant: Any) -> None:
    answer = assistant.ask(CLOUD_Q)
    assert answer.answered
    assert top(answer).heading_path == (TOOLS,)
    assert top(answer).text.startswith(DEPLOYMENT_TOOLS)
    for platform in ("AWS", "GCP", "Azure"):
        assert platform in answer.text


@pytest.mark.parametrize(
    ("question", "section", "start"),
    [
        ("Who wrote the guide?", AUTHOR, "Kian Katanforoosh"),
        ("Who is the author of the guide?", AUTHOR, "Kian Katanforoosh"),
        ("Which Python packages are used for modeling?", TOOLS, MODELING_TOOLS),
        ("What version control systems do deep learning engineers use?", TOOLS,
         "Collaboration and workflow"),
        ("What neural network architectures should they understand?", SKILLS, "Compared to"),
        ("How does the role fit into an AI team?", TEAM, "Building an AI team"),
        ("Where can I practice for the tests?", "Footnote(s)", "You can practice"),
    ],
)
def test_real_questions_find_the_passage_that_answers_them(
    assistant: Any, question: str, section: str, start: str
) -> None:
    answer = assistant.ask(question)
    assert answer.answered
    assert top(answer).section == section
    assert top(answer).text.startswith(start)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("Wich clowd platfroms do deep lerning engineers use?",
         "Which cloud platforms do deep learning engineers use?"),
        ("Wat tols do dl engineers use?", "What tools do deep learning engineers use?"),
        ("Which pyhton packges are used for modelling?",
         "Which python packages are used for modelling?"),
    ],
)
def test_a_question_with_typos_still_works(assistant: Any, typed: str, meant: str) -> None:
    answer = assistant.ask(typed)
    assert answer.answered
    assert top(answer).heading_path == (TOOLS,)
    assert top(answer) == top(assistant.ask(meant))


# -- follow-ups ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("history", "question", "section", "start"),
    [
        ([TASKS], "which of them involve data?", TASKS, DATA_SUBTASKS),
        ([TOOLS], "what about deployment?", TOOLS, DEPLOYMENT_TOOLS),
        ([TOOLS], "what about modeling?", TOOLS, MODELING_TOOLS),
        ([TOOLS], "and for data?", TOOLS, "Data engineering happens"),
        ([TOOLS, "what about modeling?"], "and deployment?", TOOLS, DEPLOYMENT_TOOLS),
    ],
)
def test_a_follow_up_is_read_in_the_light_of_the_history(
    assistant: Any, history: list[str], question: str, section: str, start: str
) -> None:
    answer = assistant.ask(question, history)
    assert answer.answered
    assert top(answer).section == section
    assert top(answer).text.startswith(start)
    assert answer.sources[0].passage == top(answer)


def test_the_history_changes_what_a_follow_up_finds(assistant: Any) -> None:
    after_tasks = assistant.ask("which of them involve data?", [TASKS])
    after_tools = assistant.ask("which of them involve data?", [TOOLS])
    assert top(after_tasks).text.startswith(DATA_SUBTASKS)
    assert top(after_tools).text.startswith("Data engineering happens in Python")


def test_a_new_question_after_unrelated_history_finds_the_author(assistant: Any) -> None:
    answer = assistant.ask("Who wrote the guide?", [TOOLS])
    assert answer.answered
    assert top(answer).section == AUTHOR


@pytest.mark.parametrize(
    ("history", "question"),
    [
        ([TOOLS], "Who wrote the guide?"),
        ([TASKS], "Which Python packages are used for modeling?"),
        ([TOOLS], "What skills does a deep learning engineer need?"),
        ([TOOLS], "What tools do they use for deployment?"),
        ([TOOLS], "What is this guide about?"),
    ],
)
def test_a_self_contained_question_is_not_dragged_by_history(
    assistant: Any, history: list[str], question: str
) -> None:
    alone = assistant.ask(question)
    after = assistant.ask(question, history)
    assert [h.passage.id for h in after.hits] == [h.passage.id for h in alone.hits]
    assert after.text == alone.text


# -- declines --------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "What's the weather in Paris?",
        "Give me a recipe for bread",
        "How much do deep learning engineers earn?",
        "What certifications do I need?",
        "Do they use Kubernetes?",
        "What is the salary of a deep learning engineer?",
    ],
)
def test_uncovered_questions_are_declined_naming_what_the_guide_covers(
    assistant: Any, question: str
) -> None:
    answer = assistant.ask(question)
    assert answer.answered is False
    assert answer.sources == ()
    assert "[1]" not in answer.text
    assert answer.text.startswith("Sorry")
    assert answer.suggestions
    for suggestion in answer.suggestions:
        assert suggestion in answer.text
        assert suggestion in assistant.topics
    assert TASKS in answer.text


def test_a_named_thing_the_guide_never_mentions_is_named_in_the_decline(
    assistant: Any,
) -> None:
    answer = assistant.ask("Do they use Kubernetes?")
    assert answer.answered is False
    assert "kubernetes" in answer.text.lower()


COVERED = [
    CLOUD_Q,
    TASKS,
    SKILLS,
    TOOLS,
    TEAM,
    "Which IDE do they use?",
    "What communication skills are required?",
    "What other job titles are used for this role?",
    "What job titles can this role have?",
    "Who designed the layout of the article?",
    "What is used for data engineering?",
]


@pytest.mark.parametrize("question", COVERED)
def test_covered_questions_are_answered_with_citations(assistant: Any, question: str) -> None:
    answer = assistant.ask(question)
    assert answer.answered, answer.text
    assert answer.sources
    assert "[1]" in answer.text
    # every number cited is a source shown, and every source shown is cited
    assert cited_numbers(answer.text) == set(range(1, len(answer.sources) + 1))
    for source in answer.sources:
        title = "What does a deep learning engineer do?"
        assert source.passage.title == f"{title} › {source.passage.section}"
        assert source.passage.section in source.passage.title
    # extractive: every sentence is the guide's own words (bar the first letter's
    # case and the final stop)
    for segment in re.split(r"\s*\[\d+\]\s*", answer.text):
        # a list item of the reply starts on its own line with a bullet
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z])", segment.strip().lstrip("• ")):
            if sentence:
                core = sentence[1:-1]
                assert any(core in s.passage.text for s in answer.sources), sentence


# -- bad input -------------------------------------------------------------------


@pytest.mark.parametrize("question", ["", "   \n\t  ", "\x00\x07\u200b"])
def test_an_empty_question_asks_for_one(assistant: Any, question: str) -> None:
    with pytest.raises(QuestionError, match="type a question"):
        assistant.ask(question)


@pytest.mark.parametrize("question", [None, 42, ["What tools?"]])
def test_a_question_that_is_not_text_is_refused(assistant: Any, question: object) -> None:
    with pytest.raises(QuestionError, match="text"):
        assistant.ask(question)


def test_a_100_kb_question_is_refused_mentioning_the_limit(assistant: Any) -> None:
    with pytest.raises(QuestionError) as err:
        assistant.ask("What tools do they use? " * 4200)
    message = str(err.value)
    assert "1,000" in message  # the limit
    assert "100,800" in message  # and how long it was


def test_control_characters_are_stripped_and_the_question_answered(assistant: Any) -> None:
    clean = assistant.ask(CLOUD_Q)
    dirty = assistant.ask("Which\x00 cloud\x07 platforms\x1b does a deep\u200b learning\r\n"
                          "engineer\x7f use?\ufeff")
    assert dirty.answered
    assert top(dirty) == top(clean)
    assert dirty.text == clean.text


@pytest.mark.parametrize(
    "question",
    [
        "深度学习工程师使用什么工具？",
        "ما هي الأدوات التي يستخدمها مهندس التعلم العميق؟",
        "🤖🔥💻",
        "Как стать инженером?",
        "?!?",
    ],
    ids=["chinese", "arabic", "emoji", "russian", "punctuation"],
)
def test_other_scripts_get_an_answer_not_a_crash(assistant: Any, question: str) -> None:
    answer = assistant.ask(question)
    assert isinstance(answer, Answer)
    assert answer.text
    if not answer.answered:
        assert answer.sources == ()


def test_a_chinese_question_is_not_answered_with_an_unrelated_passage(
    assistant: Any,
) -> None:
    # "What tools does a deep learning engineer use?" in Chinese: either the tools
    # section or a decline is right; the acknowledgments are not.
    answer = assistant.ask("深度学习工程师使用什么工具？")
    assert not answer.answered or answer.sources[0].passage.heading_path == (TOOLS,), (
        answer.text
    )


@pytest.mark.parametrize(
    "history",
    [
        [None, 42, {"q": 1}, ["nested"], 3.5],
        ["x" * 200_000, "What tools " * 50_000],
        ["", "   ", "\x00"],
        [TASKS] * 5_000,
    ],
    ids=["non-strings", "huge", "blank", "long"],
)
def test_a_strange_history_does_not_break_a_question(
    assistant: Any, history: list[object]
) -> None:
    answer = assistant.ask(CLOUD_Q, history)
    assert answer.answered
    assert top(answer).text.startswith(DEPLOYMENT_TOOLS)


def test_a_strange_history_under_a_follow_up_does_not_break_it(assistant: Any) -> None:
    answer = assistant.ask("what about deployment?", [None, "x" * 200_000, 7, TOOLS])
    assert answer.answered
    assert top(answer).text.startswith(DEPLOYMENT_TOOLS)


# -- pure pieces: follow-ups and queries ---------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "which of them involve data?",
        "what about deployment?",
        "And for modeling?",
        "How about the second one?",
        "why?",
        "Tell me more",
        "Which of those need Python?",
        "Is it hard?",
        "what do they make a year over there?",  # the place asked before
        "which cities there exactly?",
        "how long do they last",  # "they": the apprenticeships asked about, not the role
        "how much do they cost?",
        "ok and what about once youre a manager?",  # past a word of assent
        "cool, what about nights?",
    ],
)
def test_follow_ups_are_recognised(question: str) -> None:
    assert is_follow_up(question)


@pytest.mark.parametrize(
    "question",
    [
        "What tools do they use?",
        "Who wrote the guide?",
        TASKS,
        CLOUD_Q,
        "What does this role involve?",
        "What is this guide about?",
        "is there a dress code?",
        "what jobs are out there for librarians?",
        "are there many jobs for welders?",  # whether there are, no place
        "how many years till i qualify and get there?",  # a step of a career
        "how long does getting there take?",
        "Hey there, what do electricians earn?",  # a greeting
        "There isn't much info online, what does a day look like?",
        "how much do they earn?",  # "they": the role in focus
        "how long do they train for?",
        "ok how do i become a nurse?",
        "",
    ],
)
def test_self_contained_questions_are_not_follow_ups(question: str) -> None:
    assert not is_follow_up(question)


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    from roleqa.engine.catalogue import Catalogue
    from roleqa.guides.corpus import load_guides
    from roleqa.guides.index import embedding_text

    root = Path(__file__).resolve().parents[1]
    guides, passages = load_guides(root / "corpus")
    documents = [(p.doc, embedding_text(p)) for p in passages]
    # the short forms are the guides' own ("dl" from the role's opening words)
    return Vocabulary((t for _, t in documents),
                      short_forms=Catalogue(guides, documents).short_forms)


def test_a_follow_up_query_leans_on_the_last_question(vocabulary: Vocabulary) -> None:
    query = build_query("which of them involve data?", [TOOLS, TASKS], vocabulary)
    assert query.follow_up
    assert query.text.startswith(TASKS)
    assert query.text.endswith("which of them involve data?")
    assert "tools" not in query.text.lower()  # only the last question, not all history
    assert query.terms == ("which", "of", "them", "involve", "data")  # own words only


def test_a_follow_up_of_a_follow_up_keeps_the_topic(vocabulary: Vocabulary) -> None:
    query = build_query("and deployment?", [TOOLS, "what about modeling?"], vocabulary)
    assert query.follow_up
    assert TOOLS in query.history_text
    assert "modeling" in query.history_text


def test_a_self_contained_query_ignores_history(vocabulary: Vocabulary) -> None:
    query = build_query("Who wrote the guide?", [TOOLS], vocabulary)
    assert not query.follow_up
    assert query.history_text == ""
    assert "tools" not in query.text.lower()


def test_a_follow_up_without_history_stands_alone(vocabulary: Vocabulary) -> None:
    query = build_query("what about deployment?", ["", "   "], vocabulary)
    assert not query.follow_up
    assert query.text == "what about deployment?"


def test_a_query_spells_out_short_forms_and_fixes_typos(vocabulary: Vocabulary) -> None:
    query = build_query("Wat tols do dl engineers use?", [], vocabulary)
    assert query.question == "Wat tols do dl engineers use?"  # shown back as typed
    assert "tools" in query.terms
    assert "deep learning" in query.text
    assert "tols" not in query.terms


def test_a_filler_around_the_question_is_no_word_it_is_searched_by(
        vocabulary: Vocabulary) -> None:
    # "day to day" says how often, not what: the search is for whom they work with
    query = build_query("who would i be working with day to day?", [], vocabulary)
    assert "day" not in query.terms and "working" in query.terms
    assert "day to day" in query.text  # the model still reads it whole
    # ... unless it is all the question says
    assert "day" in build_query("day to day?", [], vocabulary).terms
    # "actual" says as much as "actually": "the actual conditions" asks of the conditions
    assert content_words("what are the actual conditions like") == ["conditions"]
    # "now" is no topic: "is there demand right now?" asks of demand
    assert LANGUAGE.filler_pattern().sub(" ", "is there demand right now").split() == [
        "is", "there", "demand"]


def test_a_phrase_is_searched_as_guides_put_it(vocabulary: Vocabulary) -> None:
    query = build_query("can u become one without going to uni?", [], vocabulary)
    assert "degree" in query.terms and "university" not in query.terms
    assert query.question == "can u become one without going to uni?"  # shown as typed


@pytest.mark.parametrize(("question", "kept", "aside"), [
    ("ok and apart from the money, what are the good bits?", "ok and what are the good bits?",
     "money"),
    ("what languages do they use besides python?", "what languages do they use?", "python"),
    ("other than a degree what qualifications help", "what qualifications help", "degree"),
    ("apart from that?", "apart from that?", ""),  # nothing left to ask: kept whole
    # to its comma, though asking words come before it
    ("apart from having to do exams, what's hard about it?", "what's hard about it?", "exams"),
])
def test_what_a_question_sets_aside_is_not_searched_for(
        vocabulary: Vocabulary, question: str, kept: str, aside: str) -> None:
    query = build_query(question, [], vocabulary)
    assert query.question == kept
    assert not aside or (aside not in query.terms and aside not in query.text)


# -- pure pieces: typo correction ---------------------------------------------------


@pytest.fixture(scope="module")
def small_vocabulary() -> Vocabulary:
    return Vocabulary([
        "Deep learning engineers use tools such as Python and PyTorch.",
        "Deployment uses cloud platforms; modeling uses numpy.",
    ])


@pytest.mark.parametrize(
    ("typo", "fixed"),
    [
        ("tols", "tools"),
        ("pyhton", "python"),
        ("deploymnet", "deployment"),
        ("modleing", "modeling"),
        ("clowd", "cloud"),
    ],
)
def test_typos_are_corrected_to_corpus_words(
    small_vocabulary: Vocabulary, typo: str, fixed: str
) -> None:
    assert small_vocabulary.correct(typo) == fixed


def test_of_words_one_slip_away_the_one_with_a_dropped_letter_is_the_fix() -> None:
    # "actualy" is one letter from "actuary" and one dropped from "actually":
    # corrected to the role, it was answered from an actuary's guide too
    vocabulary = Vocabulary(["An actuary prices risk.", "The actuary exams.",
                             "What they actually do all day."])
    assert vocabulary.correct("actualy") == "actually"
    assert vocabulary.correct("actuery") == "actuary"


def test_a_dropped_letter_does_not_make_a_rare_word_of_a_common_one() -> None:
    # "carrer" is one letter from "career" and one dropped from "carrier": a
    # word in three passages does not beat one in sixty
    vocabulary = Vocabulary(["Your career."] * 60 + ["A carrier."] * 3)
    assert vocabulary.correct("carrer") == "career"


def test_no_typo_is_corrected_to_a_name_written_in_mixed_case() -> None:
    # "pharma" had become "pharmd" (of "PharmD"), and "pharmd reps" no role
    texts = ["Liaison jobs usually require a PharmD.", "Reps use GitHub too."]
    vocabulary = Vocabulary(texts, mixed_case=frozenset({"pharmd", "github"}))
    assert vocabulary.correct("pharma") is None
    assert Vocabulary(texts).correct("pharma") == "pharmd"  # as it was


@pytest.mark.parametrize(
    ("typed", "read"),
    [("who r they", "who are they"), ("what r u doing", "what are you doing"),
     ("r they paid well", "are they paid well"), ("do u need a degree", "do you need a degree"),
     ("do they use R?", "do they use R?"), ("Is R used?", "Is R used?"),
     ("do they use r or python?", "do they use r or python?"), ("is r needed?", "is r needed?")],
)
def test_a_one_letter_chat_spelling_is_chat_only_in_lower_case_beside_chat(
    small_vocabulary: Vocabulary, typed: str, read: str
) -> None:
    assert repair(typed, small_vocabulary) == read


@pytest.mark.parametrize(
    ("typed", "read"),
    [("what do they earn in the US?", "what do they earn in the united states"),
     ("pay in the States?", "pay in the united states"), ("UK salary", "united kingdom salary"),
     ("pay in the U.S.?", "pay in the united states."),
     ("pay (the States)", "pay (the united states)"),
     # as written: "us" the pronoun, "states" a word, gigabytes, a shout
     ("tell us about the states they visit", "tell us about the states they visit"),
     ("need 16 GB of RAM", "need 16 GB of RAM"),
     ("TELL US ABOUT THE PAY", "TELL US ABOUT THE PAY")],
)
def test_a_place_written_short_is_spelled_out(
    small_vocabulary: Vocabulary, typed: str, read: str
) -> None:
    assert repair(typed, small_vocabulary).rstrip("?") == read


@pytest.mark.parametrize(
    ("typed", "read"),
    [("which certs do they need", "which certifications do they need"),
     ("how many yrs of exp", "how many years of experience"),
     ("what do ppl study at uni", "what do people study at university"),
     ("do i need experience b4 the exam", "do i need experience before the exam"),
     ("how much do bi devs make", "how much do bi developers make"),
     # not "macs", a typo away and a word of some guide
     ("and the mics?", "and the microphones?"),
     # not "wiki", a typo away and a word of a librarian's guide
     ("is there wifi on ships?", "is there wi-fi internet on ships?"),
     # one "dev" may be development ("game dev", "dev ops"): as typed
     ("can a tester move into dev ops", "can a tester move into dev ops")],
)
def test_chat_clippings_are_spelled_out(
    small_vocabulary: Vocabulary, typed: str, read: str
) -> None:
    assert repair(typed, small_vocabulary) == read


def test_a_short_forms_plural_after_a_is_no_plural() -> None:
    # "a PTS card" of a rail guide is one card, not physiotherapists ("PTs")
    vocabulary = Vocabulary(["Physiotherapists (PT) treat injuries.", "Carry a PTS card."],
                            short_forms={"pt": "physiotherapist"}, capitals=frozenset({"pts"}))
    assert repair("are pts well paid", vocabulary) == "are physiotherapists well paid"
    assert repair("do drivers need a pts card", vocabulary) == "do drivers need a pts card"
    # with no guide writing "PTS", it is a possessive typed without its apostrophe
    plain = Vocabulary(["Physiotherapists (PT) treat injuries."],
                       short_forms={"pt": "physiotherapist"})
    assert repair("whats a pts salary", plain) == "what is a physiotherapists salary"


def test_alot_is_a_lot_not_a_guides_alto() -> None:
    vocabulary = Vocabulary(["Singers range from soprano to alto.", "They testify in court."])
    assert repair("do they testify alot", vocabulary) == "do they testify a lot"


def test_a_typo_is_read_as_a_careers_word_only(small_vocabulary: Vocabulary) -> None:
    # one edit from "salary", which the guides never say
    assert repair("what's the salery", small_vocabulary) == "what's the salary"
    # real words the model's word list happens to lack stay as typed
    assert repair("is it a rewarding job", small_vocabulary) == "is it a rewarding job"
    # a word in capitals is a name or a short form, not a typo: "TOLS" is no "tools"
    assert repair("do they register with TOLS?", small_vocabulary) == "do they register with TOLS?"
    assert repair("do they use tols?", small_vocabulary) == "do they use tools?"


@pytest.mark.parametrize(("question", "asks"), [
    ("what's the pay like?", True), ("how well paid are they?", True),
    ("how much do they earn?", True), ("salary?", True),
    ("can I earn a certificate?", False), ("do they run the pay review?", False)])
def test_a_request_for_figures_is_told_from_naming_money(question: str, asks: bool) -> None:
    from roleqa.engine.pipeline.there import ASKS_FIGURES
    assert bool(ASKS_FIGURES.search(question)) is asks


def test_where_a_question_asks_about_is_no_topic_of_its_own(small_vocabulary: Vocabulary) -> None:
    from roleqa.engine.evidence import focus_words, unknown_names
    asked = ["salary", "united", "states"]
    assert focus_words(asked, small_vocabulary) == ["salary"]
    assert unknown_names(asked, "Salary in the States?", small_vocabulary) == []
    # "jobs" after the role's words is the role again: what is asked is the certification
    subject = frozenset({"develop"})
    asked = ["certification", "developer", "jobs"]
    assert focus_words(asked, small_vocabulary, subject) == ["certification"]
    assert focus_words(["jobs"], small_vocabulary, subject) == ["jobs"]
    # ... but "what other roles can I move into?" asks for roles
    assert focus_words(["roles", "move"], small_vocabulary, subject) == ["roles", "move"]


def test_a_language_file_without_fillers_removes_nothing() -> None:
    text = resources.files("roleqa").joinpath("data/language.toml").read_text(encoding="utf-8")
    bare = Language.load(text.replace("fillers = [", "old_fillers = ["))
    assert bare.fillers == ()
    assert bare.filler_pattern().sub(" ", "don't they work day to day?") == (
        "don't they work day to day?")
    assert LANGUAGE.filler_pattern().sub("", "what do they do day to day").strip() == (
        "what do they do")


@pytest.mark.parametrize(
    "word",
    ["teh", "ues", "pyt", "tools", "tool", "deploy", "c++", "k8s", "banana", "xylophone"],
    ids=["short-teh", "short-ues", "short-pyt", "known", "known-stem", "known-stem-2",
         "symbols", "digits", "unrelated", "unrelated-long"],
)
def test_short_known_and_unrelated_words_are_left_alone(
    small_vocabulary: Vocabulary, word: str
) -> None:
    assert small_vocabulary.correct(word) is None


@pytest.mark.parametrize(
    ("word", "slip"),
    [("wich", True), ("platfroms", True), ("whcih", True), ("whichh", True),
     ("which", True), ("keras", False), ("kubernetes", False), ("xwhich", False)],
    ids=["substitution-or-drop", "swap", "swap-2", "insertion", "the-word-itself",
         "a-name-one-edit-from-eras", "a-name", "other-first-letter"],
)
def test_a_slip_of_a_common_word_is_told_from_a_name(word: str, slip: bool) -> None:
    # "keras" is one edit from "eras", but a slip keeps the first letter
    vocabulary = Vocabulary([], frozenset({"which", "platforms", "eras", "tools"}))
    assert vocabulary.near_common(word) is slip


# -- pure pieces: composing answers --------------------------------------------------


def _passage(n: int, text: str, section: str = "Tools") -> Passage:
    return Passage(id=f"g:{n}", doc="g", doc_title="Guide", heading_path=(section,), text=text)


def test_compose_cites_the_best_passage_first() -> None:
    deploy = _passage(1, "Deployment uses cloud platforms such as AWS and Azure.")
    model = _passage(2, "Modeling uses Python and PyTorch.")
    # scores are the reranker's probabilities: the second is far from a close call
    text, sources = compose(["which", "cloud", "platforms"],
                            [Hit(deploy, 0.96), Hit(model, 0.02)])
    assert text == "Deployment uses cloud platforms such as AWS and Azure. [1]"
    assert [s.passage for s in sources] == [deploy]


def test_a_quoted_sentence_pointing_back_brings_the_one_it_points_at() -> None:
    routes = _passage(1, "The usual routes in are from system administration or networking. "
                         "Someone with three years in one of those jobs is a realistic "
                         "candidate.", section="Career path")
    text, _ = compose(["years", "jobs", "candidate"], [Hit(routes, 0.9)], max_words=20)
    # "one of those jobs" needs the sentence that names them, though it holds no asked word
    assert "system administration" in text and "three years" in text


def test_a_quoted_question_of_an_faq_brings_its_answer() -> None:
    demand = _passage(1, "Strong demand for certified interpreters.", section="Trade-offs")
    faq = _passage(2, "Q: Can I work without certification? A: In some states and "
                      "settings, yes, especially in schools. " + "Pay is lower. " * 30,
                   section="FAQ")
    text, _ = compose(["work", "without", "certified"], [Hit(demand, 0.5), Hit(faq, 0.4)],
                      max_words=40)
    # the question alone, which held the asked words, had answered nothing
    assert "Can I work without certification?" in text and "especially in schools" in text


def test_a_best_passage_that_fits_the_reply_is_quoted_whole() -> None:
    # the reason follows the sentence holding the asked word
    why = _passage(1, "Gardeners are versatile workers. Their mix of planting and repair "
                      "skills lets them cover most of a garden's needs.", section="Team")
    text, _ = compose(["why", "versatile"], [Hit(why, 0.9)])
    assert "planting and repair skills" in text
    # a passage longer than the reply still gives only its sentences on the question
    filler = " ".join(f"Filler sentence number {i} says little of use here." for i in range(8))
    long = _passage(2, f"Gardeners are versatile workers. {filler}", section="Team")
    text, _ = compose(["why", "versatile"], [Hit(long, 0.9)], max_words=30)
    assert text == "Gardeners are versatile workers. [1]"


def test_compose_adds_a_second_source_for_words_the_first_lacks() -> None:
    deploy = _passage(1, "Deployment uses cloud platforms such as AWS. It needs care.")
    collab = _passage(2, "Collaboration uses Git for version control.")
    text, sources = compose(["cloud", "git"], [Hit(deploy, 0.6), Hit(collab, 0.3)])
    assert [s.passage for s in sources] == [deploy, collab]
    assert "AWS" in text and "Git" in text
    assert cited_numbers(text) == {1, 2}
    assert text.index("[1]") < text.index("[2]")


def test_compose_shows_a_close_runner_up_the_ranking_cannot_tell_apart() -> None:
    titles = _passage(1, "Companies may call this role software engineer.")
    skills = _passage(2, "They write production code, as opposed to data scientists.")
    far = _passage(3, "Git is used for version control.")
    text, sources = compose(["software", "engineer"],
                            [Hit(titles, 0.80), Hit(skills, 0.15), Hit(far, 0.02)])
    # 0.15 ≥ RUNNER_UP × 0.80; 0.02 is under SUPPORTING × 0.80, so it lends nothing
    assert [s.passage for s in sources] == [titles, skills]
    assert "as opposed to data scientists" in text and "Git" not in text


def test_compose_stays_within_its_word_limit_when_sentences_allow() -> None:
    sentence = "Engineers use cloud tools and Python every day at {} work. "
    hits = [
        Hit(_passage(n, " ".join(sentence.format(f"{n}x{i}") for i in range(12)).strip()),
            1.0 - n / 100)
        for n in range(3)
    ]
    text, sources = compose(["cloud", "tools", "python"], hits)
    assert 0 < prose_words(text) <= MAX_WORDS
    assert sources and cited_numbers(text) == set(range(1, len(sources) + 1))


def test_compose_never_cuts_a_sentence_longer_than_the_limit() -> None:
    long_sentence = "Engineers use " + " ".join(f"tool{i}" for i in range(MAX_WORDS + 10)) + "."
    text, sources = compose(["tools"], [Hit(_passage(1, long_sentence), 0.9)])
    assert text == f"{long_sentence} [1]"
    assert len(sources) == 1


def test_compose_shows_the_whole_list_when_unsure_between_its_items() -> None:
    intro = _passage(1, "Several tools are common:")
    items = [Passage(id=f"g:{n}", doc="g", doc_title="Guide", heading_path=("Tools",),
                     text=text, kind="item")
             for n, text in [(2, "Airflow to schedule pipelines."), (3, "Spark for batches."),
                             (4, "Kafka for streams.")]]
    lists = list_runs([intro, *items])
    intro_of = {item.id: intro for item in items}
    # "what tools would I use?": two items of one list, neither sure
    text, sources = compose(["tools", "use"], [Hit(items[1], 0.5), Hit(items[0], 0.3)],
                            lists=lists, intro_of=intro_of)
    assert text.startswith("Several tools are common: [1]")
    assert all(item.text in text for item in items)
    assert [s.passage for s in sources] == [intro, *items]
    # "which tool schedules pipelines?": one item, sure of it
    text, sources = compose(["schedule", "pipelines"],
                            [Hit(items[0], 0.97), Hit(items[1], 0.01)],
                            lists=lists, intro_of=intro_of)
    assert text == "Airflow to schedule pipelines. [1]"


def test_compose_shows_the_whole_list_when_its_reply_takes_three_of_its_items() -> None:
    intro = _passage(1, "Product managers use many tools:")
    items = [Passage(id=f"g:{n}", doc="g", doc_title="Guide", heading_path=("Tools",),
                     text=text, kind="item")
             for n, text in [(2, "Jira software for the backlog."), (3, "Figma for designs."),
                             (4, "Slides for reviews every day."), (5, "Notion used for notes.")]]
    lists = list_runs([intro, *items])
    intro_of = {item.id: intro for item in items}
    # "which software do they use every day?": the ranking is sure of one item,
    # and two more add the asked words: three lines of one list are the list
    hits = [Hit(items[0], 0.9), Hit(items[2], 0.05), Hit(items[3], 0.04)]
    text, sources = compose(["software", "use", "every", "day"], hits,
                            lists=lists, intro_of=intro_of)
    assert text.startswith("Product managers use many tools: [1]")
    assert [s.passage for s in sources] == [intro, *items]
    # without the list runs, the three lines alone
    text, sources = compose(["software", "use", "every", "day"], hits)
    assert [s.passage for s in sources] == [items[0], items[2], items[3]]
    # two lines ("and for data?" lending a word of the earlier question) stay two
    text, sources = compose(["software", "use", "every", "day"], hits[:2],
                            lists=lists, intro_of=intro_of)
    assert [s.passage for s in sources] == [items[0], items[2]]


def test_a_long_list_is_cut_line_by_line_but_the_line_asked_about_shown_whole() -> None:
    intro = _passage(1, "The usual route runs like this:", "Route")
    filler = " ".join(["with several more words about the step"] * 3)
    lines = [f"Get GCSEs in English and maths {filler}.", f"Take a welding course {filler}.",
             f"Pass the coded welding tests to BS EN ISO 9606 {filler}.",
             f"Add specialist tickets {filler}."]
    items = [Passage(id=f"g:{n}", doc="g", doc_title="Guide", heading_path=("Route",),
                     text=text, kind="item") for n, text in enumerate(lines, 2)]
    lists = list_runs([intro, *items])
    text, _ = compose(["standards", "coded", "tests"], [Hit(intro, 0.9)], lists=lists)
    # the list is too long to show whole: each line is cut, but the one holding
    # what only it says ("coded") is shown in full
    assert lines[2] in text
    assert lines[0] not in text and "Get GCSEs in English and maths" in text and "…" in text
    # a word every line says ("welding" of two of four) shows no line whole
    text, _ = compose(["welding"], [Hit(intro, 0.9)], lists=lists)
    assert not any(line in text for line in lines)


def test_a_lead_in_keeps_its_colon_when_its_list_follows_and_ends_a_sentence_alone() -> None:
    intro = _passage(1, "Cons:", "Pros and cons")
    items = [Passage(id=f"g:{n}", doc="g", doc_title="Guide", heading_path=("Pros and cons",),
                     text=text, kind="item")
             for n, text in enumerate(["Long hours.", "Tight deadlines."], 2)]
    text, _ = compose(["cons"], [Hit(intro, 0.9)], lists=list_runs([intro, *items]))
    assert text.startswith("Cons: [1]\n• Long hours.") and "Cons." not in text
    promise = _passage(1, "They use a few tools daily:", "Tools")
    alone, _ = compose(["tools"], [Hit(promise, 0.9)])
    assert alone.startswith("They use a few tools daily. [1]")


def test_compose_with_no_hits_says_nothing() -> None:
    assert compose(["tools"], []) == ("", [])


# -- pure pieces: settings -----------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"top_k": 0}, "top_k"),
        ({"max_question_chars": -5}, "max_question_chars"),
        ({"retriever": "psychic"}, "psychic"),
        ({"port": 70_000}, "port"),
        ({"answer_timeout_s": 0}, "answer_timeout_s"),
        ({"model": "   "}, "model"),
        ({"concurrency": "2"}, "concurrency"),
    ],
)
def test_bad_settings_are_named_in_the_message(changes: dict[str, Any], named: str) -> None:
    with pytest.raises(ConfigError, match=named):
        Settings(**changes)
    with pytest.raises(ConfigError, match=named):
        Settings().replace(**changes)


def test_settings_are_read_from_roleqa_variables() -> None:
    settings = Settings.from_env({
        "ROLEQA_TOP_K": "7",
        "ROLEQA_RETRIEVER": "dense",
        "ROLEQA_LOG_QUESTIONS": "yes",
        "ROLEQA_ALLOWED_ORIGINS": "http://a.example, http://b.example,",
        "ROLEQA_INDEX_DIR": "/srv/roleqa/index",
        "ROLEQA_ANSWER_TIMEOUT_S": "2.5",
        "ROLEQA_PORT": "",  # empty means unset
        "OTHER_TOP_K": "99",
    })
    assert settings.top_k == 7
    assert settings.retriever == "dense"
    assert settings.log_questions is True
    assert settings.allowed_origins == ("http://a.example", "http://b.example")
    assert settings.index_dir == Path("/srv/roleqa/index")
    assert settings.answer_timeout_s == 2.5
    assert settings.port == 7860


def test_flags_override_variables_and_none_does_not() -> None:
    env = {"ROLEQA_TOP_K": "7"}
    assert Settings.from_env(env, top_k=3).top_k == 3
    assert Settings.from_env(env, top_k=None).top_k == 7


def test_the_process_environment_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROLEQA_MAX_HISTORY", "4")
    assert Settings.from_env().max_history == 4


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"ROLEQA_TOP_K": "seven"}, "ROLEQA_TOP_K='seven'"),
        ({"ROLEQA_LOG_QUESTIONS": "maybe"}, "ROLEQA_LOG_QUESTIONS='maybe'"),
        ({"ROLEQA_ANSWER_TIMEOUT_S": "soon"}, "ROLEQA_ANSWER_TIMEOUT_S='soon'"),
        ({"ROLEQA_TOP_K": "0"}, "top_k"),
        ({"ROLEQA_RETRIEVER": "magic"}, "magic"),
    ],
)
def test_bad_variables_are_named_in_the_message(env: dict[str, str], named: str) -> None:
    with pytest.raises(ConfigError) as err:
        Settings.from_env(env)
    assert named in str(err.value)


def test_an_unknown_setting_is_refused_by_name() -> None:
    with pytest.raises(ConfigError, match="colour"):
        Settings.from_env({}, colour="blue")


def test_settings_handed_to_workers_through_the_environment_come_back_the_same() -> None:
    """``roleqa serve --workers`` passes its settings to each worker as ROLEQA_*
    variables: every field must survive the trip, lists and flags included."""
    sent = Settings(corpus_dir=Path("/srv/guides"), top_k=7, allowed_origins=("https://a.example",
                    "https://b.example"), log_questions=True, answer_timeout_s=2.5,
                    encoder_threads=3, trusted_proxies=("10.0.0.0/8",))
    env = sent.to_env()
    assert env["ROLEQA_ALLOWED_ORIGINS"] == "https://a.example,https://b.example"
    assert Settings.from_env(env) == sent


@pytest.mark.parametrize("plural, single", [
    ("gcses", "gcse"), ("gpus", "gpu"), ("llms", "llm"), ("kpis", "kpi"), ("skills", "skill")])
def test_a_short_forms_plural_stems_as_the_short_form(plural: str, single: str) -> None:
    # Snowball keeps the "s" of "gcses": "how many gcse's?" never met "five GCSEs"
    assert stem(plural) == stem(single)


def test_three_letters_are_too_few_to_fold_as_a_plural() -> None:
    assert stem("hrs") != stem("hr")  # hours, not HR
    assert stem("gps") != stem("gp")


def test_a_bare_follow_up_carries_the_pay_asked_before(vocabulary: Vocabulary) -> None:
    from roleqa.engine.pipeline.rerank import _carried
    from roleqa.engine.sides import facets_asked

    def carried(question: str, before: str, focus: tuple[str, ...]) -> str:
        query = build_query(question, [before], vocabulary)
        return _carried(query, "", facets_asked(query.question), focus)

    assert carried("and what about directors?", "what does a QS earn starting out?",
                   ("directors",)) == "money"
    # a side of the job asked is its own question; nothing asked of pay before, none carried
    assert carried("and the hours?", "what does a QS earn starting out?", ("hours",)) == ""
    assert carried("and what about directors?", "what does a QS do?", ("directors",)) == ""
    # what a course costs is no pay to carry
    assert carried("and the diploma?", "how much does the degree cost?", ("diploma",)) == ""


def test_a_word_spelled_the_other_side_of_the_atlantic_is_read_as_the_corpus_spells_it() -> None:
    # words of the model's dictionary, which no typo is corrected from
    english = frozenset({"centre", "center", "color", "anaesthesia", "water"})
    vocabulary = Vocabulary(["Technicians work in a data center.", "Colour vision is tested.",
                             "Anesthesia is given."], dictionary=english)
    assert vocabulary.correct("centre") == "center"
    assert vocabulary.correct("color") == "colour"
    assert vocabulary.correct("anaesthesia") == "anesthesia"
    # a word the corpus writes is its own, and no spelling makes up a word
    assert vocabulary.correct("center") is None
    assert vocabulary.correct("water") is None
    # a made-up word sharing a corpus word's stem is no spelling of it ("polling", "poled"),
    # nor is a real word rewritten into another ("poets" as "pets")
    assert Vocabulary(["Fences are poled."], dictionary=frozenset({"polling"})).correct(
        "polling") is None
    assert Vocabulary(["Vets treat pets."], dictionary=frozenset({"poets"})).correct(
        "poets") is None
    # a real word of a corpus word's stem is ("fueled" of "fuel"), not a typo of "felled"
    assert Vocabulary(["Fuel costs are high.", "Trees are felled."],
                      dictionary=frozenset({"fuelled", "fueled"})).correct("fuelled") == "fueled"


@pytest.mark.parametrize(
    ("typed", "read"),
    [("do they work 12 hr shifts", "do they work 12 hour shifts"),
     ("a 7.5 hr day", "a 7.5 hour day"),
     ("is the course 10 wks long", "is the course 10 weeks long"),
     ("do paramedics work 12 HR shifts", "do paramedics work 12 hour shifts"),
     # HR after no number, or a level's, is human resources, as typed
     ("do they work with hr", "do they work with hr"),
     ("is a level 5 HR course enough", "is a level 5 HR course enough")],
)
def test_a_unit_clipped_after_a_number_is_spelled_out(
    small_vocabulary: Vocabulary, typed: str, read: str
) -> None:
    assert repair(typed, small_vocabulary) == read


def test_super_saying_how_much_is_set_aside_but_superannuation_kept() -> None:
    assert set_aside("do i have to be super flexible to teach") == (
        "do i have to be flexible to teach")
    assert set_aside("is super paid on top?") == "is super paid on top?"
    assert set_aside("how much super do they get") == "how much super do they get"
    assert set_aside("is super taxed?") == "is super taxed?"
    assert set_aside("what's the super percentage") == "what's the super percentage"
    assert set_aside("is it super competitive") == "is it competitive"


def test_a_prefix_before_a_real_word_is_no_typo() -> None:
    # "redoing" had become "reading": the model's dictionary lacks it, not "doing"
    vocabulary = Vocabulary(["Start by reading the guide."], dictionary=frozenset({"doing"}))
    assert vocabulary.correct("redoing") is None
    assert vocabulary.correct("raeding") == "reading"


def test_a_course_costing_a_sum_gives_its_price() -> None:
    # "costing around £900" had been read as no price: the question declined
    passage = "CS30 and CS31 are taken together on a five-day course costing around £900."
    assert missing_answer_type("how much do the cs30 and cs31 courses cost", passage) == ""
    assert missing_answer_type("how much do the cs30 and cs31 courses cost",
                               "CS30 and CS31 are taken together on a five-day course.") == "cost"
