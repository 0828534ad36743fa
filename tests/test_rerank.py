"""The learned reranker: its features on hand-made hits, its checks, its fitting,
and, with the real model, that it ranks better than the fusion it reorders."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from roleqa.config import Settings
from roleqa.engine.reranker import FEATURES, Reranker, features, fit
from roleqa.engine.search import lexical_terms
from roleqa.quality.evaluate import for_guides, hit_at_k, load_questions, run
from roleqa.quality.variants import variant
from roleqa.types import Hit, Passage

QUESTIONS = Path(__file__).resolve().parents[1] / "eval" / "questions.jsonl"
TUNING = QUESTIONS.parent / "tuning.json"
COL = {name: i for i, name in enumerate(FEATURES)}


def _passage(n: int, text: str, section: str, kind: str = "paragraph") -> Passage:
    return Passage(id=f"g:{section}:{n}", doc="g", doc_title="Guide", heading_path=(section,),
                   text=text, kind=kind)


def _asked(question: str) -> frozenset[str]:
    """The countries ``question`` asks about, as Ranking.rank reads them."""
    from roleqa.engine.places import asked_about

    return frozenset(asked_about(question))


def _term_sets(hits: list[Hit]) -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    return {h.passage.id: (frozenset(lexical_terms(h.passage.text)),
                           frozenset(lexical_terms(h.passage.section))) for h in hits}


HITS = [
    Hit(_passage(1, "Deployment runs on AWS and Azure.", "Tools"), 0.9, dense=0.70, lexical=4.0),
    Hit(_passage(2, "Git manages versions.", "Tools", kind="item"), 0.8, dense=0.50, lexical=0.0),
    Hit(_passage(1, "Teams grow with the project.", "Teams"), 0.7, dense=0.60, lexical=2.0),
]


def test_features_describe_how_the_question_meets_each_passage() -> None:
    x = features(HITS, lexical_terms("which tools run deployment on aws"), [0.9, 0.9, 0.2],
                 _term_sets(HITS))
    assert x.shape == (3, len(FEATURES))
    assert x[:, COL["lexical"]].tolist() == [1.0, 0.0, 0.5]  # over the best candidate's
    assert x[0, COL["coverage"]] == pytest.approx(3 / 4)  # run, deploy, aws of 4 terms
    assert x[0, COL["heading_coverage"]] == pytest.approx(1 / 4)  # "tool" in "Tools"
    assert x[2, COL["heading_coverage"]] == 0.0
    # The best cosine of the section lifts its weaker passages too.
    assert x[:, COL["section_best"]].tolist() == pytest.approx([0.70, 0.70, 0.60])
    assert x[:, COL["dense_gap"]].tolist() == pytest.approx([0.0, -0.2, -0.1])
    assert x[:, COL["dense_rank"]].tolist() == pytest.approx([1.0, 1 / 3, 1 / 2])
    assert x[:, COL["item"]].tolist() == [0.0, 1.0, 0.0]
    assert x[:, COL["first"]].tolist() == [1.0, 0.0, 1.0]
    assert x[:, COL["heading"]].tolist() == [0.9, 0.9, 0.2]


def test_features_of_no_hits_and_of_a_question_without_known_terms() -> None:
    assert features([], ["aws"], [], {}).shape == (0, len(FEATURES))
    x = features(HITS, [], [0.0, 0.0, 0.0], _term_sets(HITS))
    assert not x[:, COL["coverage"]].any()


def test_rerank_orders_by_probability_and_scores_with_it() -> None:
    weights = [0.0] * len(FEATURES)
    weights[COL["heading_coverage"]] = 5.0  # trust the heading only
    x = features(HITS, lexical_terms("teams"), [0.0] * 3, _term_sets(HITS))
    ranked = Reranker(tuple(weights)).rerank(HITS, x)
    assert ranked[0].passage == HITS[2].passage
    assert sum(h.score for h in ranked) == pytest.approx(1.0)
    assert ranked[0].score > ranked[1].score
    assert ranked[0].dense == HITS[2].dense  # the other evidence is kept


@pytest.mark.parametrize(
    ("weights", "message"),
    [((1.0, 2.0), f"needs {len(FEATURES)} weights"),
     ((float("nan"),) * len(FEATURES), "finite")],
)
def test_bad_weights_are_refused_with_a_message_naming_them(weights: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Reranker(weights)


def test_fit_learns_which_feature_predicts_the_answer() -> None:
    """On synthetic questions where only heading coverage tells the answer, the
    fitted weights find it and rank unseen questions right."""
    rng = np.random.default_rng(7)

    def question() -> tuple[np.ndarray, np.ndarray]:
        x = rng.normal(size=(10, len(FEATURES)))
        y = np.zeros(10)
        y[int(np.argmax(x[:, COL["heading_coverage"]]))] = 1.0
        return x, y

    weights = fit([question() for _ in range(200)])
    assert max(range(len(FEATURES)), key=lambda i: weights[i]) == COL["heading_coverage"]
    unseen = [question() for _ in range(100)]
    right = [y[np.argmax(x @ np.array(weights))] for x, y in unseen]
    assert np.mean(right) > 0.9


def test_fit_needs_a_relevant_candidate() -> None:
    with pytest.raises(ValueError, match="relevant candidate"):
        fit([(np.zeros((3, len(FEATURES))), np.zeros(3))])


# -- with the real model ----------------------------------------------------------
def test_the_tuning_file_is_fresh_for_the_bank_and_the_code() -> None:
    """The fitted knobs are data (eval/tuning.json): fitted on today's dev split
    and reranker features, or `roleqa index --check` says to re-tune."""
    from roleqa.engine.tuning import tuning_status

    settings = Settings(question_bank=QUESTIONS, tuning=QUESTIONS.parent / "tuning.json")
    assert tuning_status(settings) is None


def test_a_changed_dev_split_asks_for_a_new_tuning(tmp_path: Path) -> None:
    from roleqa.engine.tuning import tuning_status

    bank = tmp_path / "bank.jsonl"
    lines = QUESTIONS.read_text(encoding="utf-8").splitlines()
    bank.write_text("\n".join(lines[1:]) + "\n", encoding="utf-8")
    tuning = QUESTIONS.parent / "tuning.json"
    stale = tuning_status(Settings(question_bank=bank, tuning=tuning))
    assert stale is not None and "roleqa eval --tune --write" in stale
    missing = tuning_status(Settings(question_bank=bank, tuning=tmp_path / "none.json"))
    assert missing is not None and "untuned" in missing


def test_a_tuning_file_for_other_features_serves_without_its_reranker(tmp_path: Path) -> None:
    """A file fitted before a feature was added still loads (the fused ranking
    serves), so `roleqa eval --tune --write` can fit the new feature from it."""
    import json

    from roleqa.engine.tuning import load_tuning, tuning_status

    data = json.loads((QUESTIONS.parent / "tuning.json").read_text(encoding="utf-8"))
    data["fitted"]["features"] = list(FEATURES[:-1])
    for name in ("rerank", "rerank_unbanked"):
        data["tuning"][name] = data["tuning"][name][:-1]
    old = tmp_path / "tuning.json"
    old.write_text(json.dumps(data), encoding="utf-8")
    tuning, _ = load_tuning(old)
    assert tuning.rerank is None and tuning.rerank_unbanked is None
    assert tuning.policy == load_tuning(QUESTIONS.parent / "tuning.json")[0].policy
    status = tuning_status(Settings(question_bank=QUESTIONS, tuning=old))
    assert status is not None and "other reranker features" in status


def test_the_reranker_beats_the_fusion_it_reorders_on_the_test_split(assistant: Any) -> None:
    test = for_guides(load_questions(QUESTIONS, "test"), assistant.catalogue.slugs)
    questions = [q for q in test if q.kind == "in"]

    def hit1(a: Any) -> float:
        outcomes = run(a.ask, questions, assistant.index.passages)
        return float(np.mean([hit_at_k(o.relevance, 1) for o in outcomes]))

    # without the question memory, so the reranker alone is measured
    plain = variant(assistant, memory=False)
    reranked, fused = hit1(plain), hit1(variant(plain, rerank=False))
    # 0.855 against 0.847 since lead-ins hold lists of lines up to 20 words
    # (which the fusion, reading the lead-in, already ranks first)
    assert reranked > fused, (reranked, fused)


def test_a_question_on_a_side_of_the_job_is_answered_by_the_passage_on_it() -> None:
    from roleqa.engine.pipeline.front import facet_first
    from roleqa.engine.sides import facets_asked

    role = Hit(_passage(1, "Most marketing managers hold a degree in marketing.", "Skills"), 0.5)
    strain = Hit(_passage(1, "Targets can be unforgiving when budgets are under pressure.",
                          "Where it leads"), 0.3)
    other = Hit(Passage(id="h:cons:1", doc="h", doc_title="Other", heading_path=("Cons",),
                        text="The shifts are demanding.", kind="paragraph"), 0.4)
    stressful = facets_asked("is being a marketing manager stressful?")
    # the passage saying "pressure" answers "stressful?", ahead of the role's name
    assert facet_first([role, strain], stressful) == [strain, role]
    # a best passage speaking of it stays; another guide's passage is not brought up
    assert facet_first([strain, role], stressful) == [strain, role]
    assert facet_first([role, other], stressful) == [role, other]
    # pay asked, whatever side of the job it names
    assert facets_asked("do they get paid extra for nights?") == (frozenset(), frozenset())
    assert facets_asked("do they work nights?") != (frozenset(), frozenset())
    # the tools asked for, not the "software" of a role's name
    assert facets_asked("what software do librarians use?")[0] >= {"softwar", "tool"}
    assert facets_asked("what does a software tester actually do?") == (frozenset(), frozenset())
    assert facets_asked("do pilots check the landing gear?") == (frozenset(), frozenset())
    # who one deals with at work is who one works with, not how one deals with stress
    assert "colleagu" in facets_asked("who do underwriters deal with at work")[0]
    assert "colleagu" not in facets_asked("how do they deal with stress?")[0]
    # a question on no such side keeps the reranker's order
    none = facets_asked("what degree do marketing managers hold?")
    assert none == (frozenset(), frozenset())
    assert facet_first([role, strain], none) == [role, strain]
    # in a passage's text, a word every guide says ("needed") speaks of no outlook
    needed = Hit(_passage(1, "Weekend work may be needed.", "Hours"), 0.3)
    demand = facets_asked("are marketing managers in demand?")
    assert facet_first([role, needed], demand) == [role, needed]
    # ... nor does a heading asking what is needed
    skills = Hit(_passage(1, "Most need Python.", "What skills do you need?"), 0.3)
    assert facet_first([role, skills], demand) == [role, skills]
    # a phrase is said whole: "move up" is the progression, "move across" is not
    step = Hit(_passage(1, "With experience, keepers move up to head keeper.", "Later"), 0.3)
    across = Hit(_passage(1, "Some move across from QA testing.", "Getting in"), 0.3)
    path = facets_asked("zookeeper career progression")
    assert facet_first([role, step], path) == [step, role]
    assert facet_first([role, across], path) == [role, across]
    # "Advanced" of a course is no advance in a career
    course = Hit(_passage(1, "Then take the Level 3 Advanced Carpentry apprenticeship.",
                          "Training"), 0.3)
    assert facet_first([role, course], path) == [role, course]


def test_a_line_speaks_of_a_side_as_its_lists_label_does() -> None:
    from roleqa.engine.pipeline.front import facet_first
    from roleqa.engine.sides import facets_asked

    outlook = Hit(_passage(1, "There is a worldwide shortage of ship's officers.", "Outlook"), 0.6)
    label = _passage(2, "Cons:", "Pros and cons", kind="list")
    away = Hit(_passage(3, "months away from friends and family", "Pros and cons", kind="item"),
               0.1)
    worst = facets_asked("whats the worst thing about being a ships officer tbh")
    # a line under "Pros and cons" says nothing of either side itself
    assert facet_first([outlook, away], worst) == [outlook, away]
    # under the label "Cons:", it speaks of the downsides asked about
    assert facet_first([outlook, away], worst, {away.passage.id: label}) == [away, outlook]
    pros = _passage(4, "Pros:", "Pros and cons", kind="list")
    assert facet_first([outlook, away], worst, {away.passage.id: pros}) == [outlook, away]
    # ... ahead of a line only saying "pressure", though ranked lower
    judgement = Hit(_passage(5, "sound judgement under pressure", "Skills", kind="item"), 0.2)
    assert facet_first([outlook, judgement, away], worst, {away.passage.id: label}) == [
        away, outlook, judgement]
    assert facet_first([outlook, judgement, away], worst) == [judgement, outlook, away]


def test_moving_into_a_job_is_the_way_in_and_what_it_leads_to_the_progression() -> None:
    from roleqa.engine.pipeline.front import facet_first
    from roleqa.engine.sides import facets_asked

    way_in = Hit(_passage(1, "Most people get in through an internship.", "Getting in"), 0.8)
    growth = Hit(_passage(2, "After a few years, designers can lead a design team.", "Growth"),
                 0.1)
    # "what can I move into" asks where the job leads, not the way in
    for asked in ("what can i move into after a few years in UX?",
                  "what jobs can a security analyst move into later on",
                  "what other jobs can they move into?"):
        assert facet_first([way_in, growth], facets_asked(asked)) == [growth, way_in], asked
    assert facet_first([way_in, growth], facets_asked("what can nurses progress to later?")) \
        == [growth, way_in]
    # ... and "what's bad / good about it?" the downsides and upsides, but the
    # benefits an employer gives are no upside
    assert facets_asked("whats bad about working in pest control")[0] >= {"bad", "pressur"}
    assert facets_asked("and whats good about it?")[0] >= {"good", "reward"}
    assert facets_asked("what benefits do you usually get") == (frozenset(), frozenset())
    assert facets_asked("what are the benefits of being a welder?")[0] >= {"reward"}
    # "could I move into UX?" asks the way in
    assert facet_first([growth, way_in], facets_asked("could I move into UX from teaching?")) \
        == [way_in, growth]


def test_a_heading_naming_the_side_asked_is_found_below_the_answers_few() -> None:
    from roleqa.engine.pipeline.rerank import Ranking
    from roleqa.engine.pipeline.retrieve import Found
    from roleqa.engine.sides import facets_asked

    # the reranker put a butcher's "Where can it lead?" seventh, a joiner's
    # "Moving on" twelfth: the answer shows five passages, and the heading is
    # looked for among all twenty ranked
    others = [Hit(_passage(n, f"Butchers cut meat of kind {n}.", "What they do"), 0.9 - n / 30)
              for n in range(1, 12)]
    lead = Hit(_passage(12, "With experience, a butcher can become a head butcher.",
                        "Where can it lead?"), 0.1)
    found = Found((*others, lead), None, False)
    ranking = Ranking(None, None, 5, {}, {})
    hits = ranking._order(found, "", facets_asked("career progression?"))
    assert hits[0] == lead and len(hits) == 5
    # a question on no side of the job keeps the reranker's order and its five
    assert lead not in ranking._order(found, "", facets_asked("what do butchers cut?"))



def test_the_nearest_heading_says_which_side_of_the_job_a_line_is_on() -> None:
    from roleqa.engine.pipeline.front import facet_first
    from roleqa.engine.sides import facets_asked

    def line(text: str, label: str) -> Hit:
        return Hit(Passage(id=f"g:{label}:1", doc="g", doc_title="Guide",
                           heading_path=("Pros and cons", label), text=text, kind="item"), 0.4)

    con = line("Long hours around month-end.", "Cons")
    pro = line("Strong salaries that rise quickly.", "Pros")
    # "Cons" under "Pros and cons" is no upside; "Pros" no downside
    assert facet_first([con, pro], facets_asked("and the upsides?")) == [pro, con]
    assert facet_first([pro, con], facets_asked("is it stressful?")) == [con, pro]
    # "The bad" under "Good and bad" is the downsides
    bad = line("Hard physical work.", "The bad")
    assert facet_first([pro, bad], facets_asked("downsides?")) == [bad, pro]
    # "Demand is healthy" is the outlook, not a demanding job
    outlook = Hit(_passage(1, "Demand is healthy and growing.", "The role"), 0.5)
    assert facet_first([outlook, con], facets_asked("is it stressful?")) == [con, outlook]


def test_under_a_heading_naming_both_sides_a_list_is_told_by_its_label() -> None:
    from roleqa.engine.pipeline.front import facet_first
    from roleqa.engine.sides import facets_asked

    def under_both(text: str, kind: str, n: int) -> Hit:
        return Hit(Passage(id=f"g:pc:{n}", doc="g", doc_title="Guide",
                           heading_path=("What are the pros and cons?",), text=text,
                           kind=kind), 0.4)

    pros = under_both("Pros:\nHigh pay: salaries climb.\nIntellectual challenge: hard maths.",
                      "list", 1)
    cons = under_both("Cons:\nExam pressure: most trainees resit a paper.", "list", 2)
    security = under_both("Job security: qualified staff are scarce.", "item", 3)
    pressure = under_both("Exam pressure: most trainees resit a paper.", "item", 4)
    # "Pros:" is no downside, though its heading names cons and a line says "challenge"
    assert facet_first([pros, cons], facets_asked("whats the downside?")) == [cons, pros]
    assert facet_first([cons, pros], facets_asked("what are the good bits?")) == [pros, cons]
    # a line under both sides speaks for itself
    assert facet_first([security, pressure], facets_asked("is it stressful?")) == [
        pressure, security]
    # a lead-in sentence is no label: "A typical shift mixes ..." leaves the heading to tell
    day = Hit(Passage(id="g:day:1", doc="g", doc_title="Guide", heading_path=("Day-to-day tasks",),
                      text="A typical shift mixes dispensing and checking:\nDispensing items.",
                      kind="list"), 0.4)
    intro = Hit(_passage(1, "Technicians supply medicines.", "What the job involves"), 0.5)
    asked = facets_asked("what do they actually do all day")
    assert facet_first([day, intro], asked) == [day, intro]


def test_a_heading_naming_the_side_asked_is_looked_for_further_down() -> None:
    from roleqa.engine.pipeline.front import facet_first
    from roleqa.engine.sides import facets_asked

    intro = Hit(_passage(1, "Actuaries measure risk.", "What does an actuary do?"), 0.6)
    hours = Hit(_passage(1, "Most work 35 hours a week.", "Hours"), 0.2)
    areas = Hit(_passage(2, "Most work in insurance.", "What does an actuary do?"), 0.1)
    tasks = Hit(_passage(1, "Common tasks include:\nPricing policies.",
                         "What would my working day look like?", "list"), 0.05)
    said = Hit(_passage(3, "A typical day starts at nine.", "Culture"), 0.04)
    asked = facets_asked("what does an actuary do all day")
    # fourth, under a heading naming the working day: brought to the front
    assert facet_first([intro, hours, areas, tasks], asked)[0] == tasks
    # a passage only saying it in its text is looked for among the first three only
    assert facet_first([intro, hours, areas, said], asked)[0] == intro
    assert facet_first([], asked) == []


def test_a_question_on_whom_the_role_works_with_is_answered_by_that_section() -> None:
    from roleqa.engine.pipeline.front import facet_first
    from roleqa.engine.sides import facets_asked

    titles = Hit(_passage(1, "A joiner mostly works in a workshop; a carpenter on site.",
                          "The job"), 0.5)
    team = Hit(_passage(1, "On site you work beside bricklayers and plumbers.",
                        "Who you work with"), 0.2)
    # "work with" asks for the people of the job (data/language.toml [facets])
    asked = facets_asked("who do carpenters work with on a building site")
    assert facet_first([titles, team], asked) == [team, titles]
    assert facet_first([titles, team], facets_asked("what do carpenters build?")) == [titles, team]


def test_a_question_on_the_working_day_is_answered_by_the_section_on_it() -> None:
    from roleqa.engine.pipeline.front import facet_first
    from roleqa.engine.sides import facets_asked

    pros = Hit(_passage(1, "Variety, as no two days are the same.", "Pros"), 0.7)
    duties = Hit(_passage(2, "A typical week mixes home visits, meetings and reports.",
                          "Duties"), 0.1)
    hours = Hit(_passage(3, "Most work 37 hours a week, with some evenings.", "Hours"), 0.2)
    # "day to day" is what the role does each day, not any passage saying "days"
    for question in ("what does a social worker actually do day to day",
                     "whats a normal day like?", "what do they do on a typical shift?"):
        assert facet_first([pros, duties], facets_asked(question)) == [duties, pros], question
    assert facet_first([hours, duties], facets_asked("whats a normal day like?"))[0] == duties
    # "day to day" qualifying another question asks for no working day
    for question in ("what tools do they use day to day?", "who would i work with day to day?"):
        assert facets_asked(question)[0].isdisjoint({"duti", "routin"}), question


def test_a_line_asked_for_comes_before_its_list_and_the_list_asked_for_stays_first() -> None:
    from roleqa.engine.pipeline.rerank import Ranking
    from roleqa.engine.query import Query

    lines = [_passage(n, text, "Tools", "item") for n, text in
             enumerate(("insulated screwdrivers and pliers", "a multifunction tester",
                        "lock-off kits and padlocks", "Kubernetes for running pipelines"), 2)]
    whole = Passage(id="g:Tools:1", doc="g", doc_title="Guide", heading_path=("Tools",),
                    text="\n".join(["Most build up their own kit over time, including:",
                                    *(p.text for p in lines)]), kind="list")
    ranking = Ranking(None, None, 5, {whole.id: lines}, {p.id: whole for p in lines})
    hits = (Hit(whole, 0.6), Hit(lines[2], 0.2), Hit(lines[0], 0.1))

    def first(question: str, focus: tuple[str, ...], **asked: Any) -> list[str]:
        query = Query(question=question, text=question, terms=focus, **asked)
        return [h.passage.id for h in ranking._line_first(hits, focus, query, _asked(question))]

    # "kit" is what the whole list is of: the list answers
    assert first("what kit do i need?", ("kit",))[0] == whole.id
    # a word only one line says: that line, the list last
    assert first("do they use kubernetes?", ("kubernetes",)) == [
        lines[3].id, lines[2].id, lines[0].id, whole.id]
    # the line an ordinal points at, and a line chosen among them
    assert first("tell me more about the second one", (), line=lines[1].id)[0] == lines[1].id
    assert first("which of them are kits?", ("kits",))[0] == lines[2].id
    assert first("and for kits?", ("kits",), sibling=True)[0] == lines[2].id
    # nothing asked beyond the role: the list stays first
    assert first("what do they use?", ())[0] == whole.id
    # a line first already: the line holding the word asked comes before its sibling
    plain = (Hit(lines[0], 0.5), Hit(lines[1], 0.4))
    query = Query(question="which tester?", text="which tester?", terms=("tester",))
    assert ranking._line_first(plain, ("tester",), query, frozenset())[0].passage.id == lines[1].id
    # a line first that nothing asked singles out: the list it belongs to, then the line
    query = Query(question="what kit do i need?", text="what kit do i need?", terms=("kit",))
    assert [h.passage.id for h in ranking._line_first(plain, ("kit",), query, frozenset())] == [
        whole.id, lines[0].id, lines[1].id]
    # the line put first keeps how near the question came to the list it was
    # found by: the judge weighs that, not a cosine of 0 for a line never searched
    near = (Hit(whole, 0.6, dense=0.55, lexical=3.0),)
    query = Query(question="do they use kubernetes?", text="do they use kubernetes?",
                  terms=("kubernetes",))
    lead = ranking._line_first(near, ("kubernetes",), query, frozenset())[0]
    assert (lead.passage.id, lead.dense, lead.lexical) == (lines[3].id, 0.55, 3.0)


def test_a_line_named_by_a_number_or_another_country_keeps_the_line_first() -> None:
    from roleqa.engine.extract import singles_out
    from roleqa.engine.pipeline.rerank import Ranking
    from roleqa.engine.query import Query

    rows = [_passage(n, f"Band {band}: ${pay}", "Pay", "row")
            for n, (band, pay) in enumerate((("5", "31,049"), ("6", "38,682")), 2)]
    intro = Passage(id="g:Pay:1", doc="g", doc_title="Guide", heading_path=("Pay",),
                    text="\n".join(["In the US, pay follows the bands:", *(p.text for p in rows)]),
                    kind="list")
    # "band" is what every row says; "5" only one: that row is asked for
    assert singles_out("what does a band 5 physio earn", rows[0], rows, intro)
    assert not singles_out("what does a physio earn per band", rows[0], rows, intro)
    ranking = Ranking(None, None, 5, {intro.id: rows}, {p.id: intro for p in rows})
    hits = (Hit(rows[0], 0.6), Hit(rows[1], 0.3))

    def first(question: str) -> str:
        query = Query(question=question, text=question, terms=())
        return ranking._line_first(hits, (), query, _asked(question))[0].passage.id

    assert first("what does a band 5 physio earn") == rows[0].id
    assert first("how much do physios earn?") == intro.id
    # the list speaks of the US: a question on the UK is not answered with it
    assert first("how much do physios earn in the uk?") == rows[0].id


def test_a_question_on_a_country_is_answered_by_the_passage_speaking_of_it() -> None:
    from roleqa.engine.pipeline.front import to_front as _to_front
    from roleqa.engine.pipeline.there import asked_there, country_first
    from roleqa.engine.places import asked_about

    us = Hit(_passage(1, "In the US, junior designers earn $65,000 to $85,000.", "Salary"), 0.5)
    uk = Hit(_passage(2, "In the UK, junior roles usually pay £28,000 to £38,000.", "Salary"), 0.48)
    nhs = Hit(_passage(1, "In England, the NHS runs a pharmacy service.", "Work"), 0.5)
    degree = Hit(_passage(1, "You need a four-year degree in pharmacy.", "Training"), 0.45)

    def there(question: str, focus: tuple[str, ...] = ()) -> Any:
        return asked_there(frozenset(asked_about(question)), focus)

    # "and in the uk?" after a question on US pay: the UK figures come first
    assert _to_front([us, uk], there("and in the uk?")) == [uk, us]
    # ... but the country alone does not answer what else is asked
    degree_in_england = there("what degree do u need in england", ("degree",))
    assert _to_front([degree, nhs], degree_in_england) == [degree, nhs]
    # ... which it may say with a word of the same root
    uk_route = Hit(_passage(1, "In the UK, an apprenticeship takes four years.", "Route"), 0.6)
    us_route = Hit(_passage(2, "In the United States, apprentices train for four to five years.",
                            "Route"), 0.1)
    in_america = there("how long is an apprenticeship in america", ("long", "apprenticeship"))
    assert _to_front([uk_route, us_route], in_america) == [us_route, uk_route]
    # no country asked about: the order stands
    assert there("what do designers earn?") is None
    # pay figures asked for stay first: a passage on the UK without them is not brought up
    uk_words = Hit(_passage(3, "In the UK, designers often earn overtime.", "Salary"), 0.3)
    money = asked_there(frozenset(asked_about("what's the pay in the UK?")), (), "money")
    assert money is not None and not money(uk_words) and money(uk)
    # one on the asked country alone before one that also speaks of another,
    # and the words asking for pay are asked of its figures ("pay", not "earn")
    both = Hit(_passage(4, "In the US, juniors earn $65,000; contractors in the UK charge "
                           "£400 a day.", "Salary"), 0.9)
    earn = asked_there(frozenset(asked_about("and in the uk?")), ("earn",), "money")
    assert earn is not None and earn(both) and earn(uk) and not earn.alone(both)
    assert country_first([both, us, uk], earn) == [uk, both, us]
    assert country_first([both, us], earn) == [both, us]


def test_a_question_asking_only_for_a_country_finds_its_passage_however_low() -> None:
    from roleqa.engine.pipeline.rerank import Ranking
    from roleqa.engine.pipeline.retrieve import Found
    from roleqa.engine.pipeline.there import asked_there
    from roleqa.engine.places import asked_about

    bands = [Hit(_passage(n, f"Band {n}: Physiotherapist; Annual salary: £{30 + n},000",
                          "Pay"), 0.5 - n / 100) for n in range(1, 8)]
    us = Hit(_passage(9, "Self-employed physios charge £60 a session. In the United States, "
                         "the median wage was $101,020.", "Pay"), 0.1)
    ranking = Ranking(None, None, 5, {}, {})
    found = Found((*bands, us), None, False)
    # "and in america?" after UK pay: the one passage on US pay leads, from 8th
    there = asked_there(frozenset(asked_about("and in america?")), (), "money")
    assert ranking._order(found, "money", there=there)[0] == us
    # a question asking more than the place keeps the ranking's reach
    degree = asked_there(frozenset(asked_about("what degree in america?")), ("degree",))
    assert ranking._order(found, "", there=degree)[0] == bands[0]


def test_the_tuning_file_carries_every_knob_and_refuses_a_bad_one() -> None:
    from roleqa.engine.tuning import Tuning

    data = json.loads(TUNING.read_text(encoding="utf-8"))["tuning"]
    tuning = Tuning.from_dict(data)
    # the follow-up blend is data, chosen on dev, not a number in the code
    assert tuning.follow_up_focus == data["follow_up_focus"] > 0
    assert Tuning.from_dict(tuning.to_dict()) == tuning
    with pytest.raises(TypeError, match="follow_up_focus must be a number"):
        Tuning.from_dict({**data, "follow_up_focus": "half"})



def test_a_question_on_doing_without_is_answered_by_the_passage_saying_so() -> None:
    from roleqa.engine.needs import asked_without, says_without
    from roleqa.engine.pipeline.front import to_front as _to_front

    def _says_without(thing: str) -> Any:
        return lambda hit: says_without(thing, hit.passage.text)

    most = Hit(_passage(1, "Most entrants have a degree in mathematics.", "Getting in"), 0.8)
    route = Hit(_passage(2, "You can also start without a degree through an apprenticeship.",
                         "Getting in"), 0.2)
    faq = Hit(_passage(3, "Do I need a degree? Not always.", "FAQ"), 0.1)
    diploma = Hit(_passage(4, "Most entrants need a degree, not a diploma.", "Getting in"), 0.1)
    asked = asked_without("Can I become an actuary without a degree?")
    assert asked == "degree"
    assert _to_front([most, route], _says_without(asked)) == [route, most]
    # the negation may come after the thing: "a degree? Not always"
    assert _to_front([most, faq], _says_without("degrees")) == [faq, most]
    # "without doing a degree" (as "without going to uni" is searched) asks of the degree
    assert asked_without("can u become a QS without doing a degree") == "degree"
    assert asked_without("can i start without the A levels?") == "levels"
    # ... or after the question an FAQ asks: "a degree to be a TA? Not always."
    faq_long = Hit(_passage(8, "Do I need a degree to be a youth worker? Not always. You can "
                            "start with a QQI award.", "FAQ"), 0.1)
    assert _to_front([most, faq_long], _says_without("degree")) == [faq_long, most]
    faq_yes = Hit(_passage(9, "Do I need a degree to be a youth worker? Yes, most posts ask "
                           "for one.", "FAQ"), 0.1)
    assert _to_front([most, faq_yes], _says_without("degree")) == [most, faq_yes]
    # ... but not a question on something else about it: "enough? Not really"
    enough = Hit(_passage(10, "Is a degree enough on its own? Not really, you also need "
                          "experience.", "FAQ"), 0.1)
    assert _to_front([most, enough], _says_without("degree")) == [most, enough]
    # "not a diploma" says nothing of doing without the degree
    assert _to_front([most, diploma], _says_without("degree")) == [most, diploma]
    # two negations in a row: "No, you do not need a degree" is read at "not" too,
    # so the answer stays first rather than a passage on a degree route "without" one
    # ... while "will not take you on without a degree" says it is needed
    required = Hit(_passage(7, "Employers will not take you on without a degree.", "Entry"), 0.1)
    assert _to_front([most, required], _says_without("degree")) == [most, required]
    answer = Hit(_passage(5, "No, you do not need a degree to become a TA.", "FAQ"), 0.9)
    later = Hit(_passage(6, "Others become teachers through a degree apprenticeship, without "
                         "a degree.", "Progression"), 0.1)
    assert _to_front([answer, later], _says_without("degree")) == [answer, later]


def test_whether_one_needs_a_thing_is_asked_of_that_thing() -> None:
    from roleqa.engine.needs import asked_without

    for question, thing in (("do i need a degree to be a barista", "degree"),
                            ("Do you need a degree to become a court reporter?", "degree"),
                            ("do CRs really need a bachelors degree or not", "bachelors"),
                            ("does a QA tester need any qualifications?", "qualifications"),
                            ("do I need accreditation?", "accreditation")):
        assert asked_without(question) == thing, question
    # no thing is named: "need to know ..."
    assert asked_without("do mlops engineers need to know how to build models?") is None


def test_cities_asked_about_are_answered_by_the_passage_naming_them() -> None:
    from roleqa.engine.pipeline.rerank import Ranking
    from roleqa.engine.places import names_city

    assert names_city("Sydney, Melbourne and Perth generally pay above regional areas.")
    assert not names_city("Pay depends on experience and location.")
    assert not names_city("In the UK, pay rises with experience.")  # a country, no city
    pay = Hit(_passage(1, "Pay depends on experience and location.", "Money"), 0.7)
    where = Hit(_passage(2, "Sydney, Melbourne and Perth generally pay above regional areas.",
                         "Money"), 0.1)
    ranking = Ranking(None, None, 5, {}, {})
    assert _ranked(ranking, "is the pay better in the cities?", [pay, where])[0] == where
    assert _ranked(ranking, "which cities pay best", [pay, where])[0] == where
    # a city named is asked about as its country is; a council is no city asked for
    assert _ranked(ranking, "does the city council hire them?", [pay, where])[0] == pay
    assert _ranked(ranking, "what City and Guilds do I need?", [pay, where])[0] == pay


def test_how_long_it_takes_is_answered_by_a_span_not_a_rate() -> None:
    from roleqa.engine.pipeline.rerank import Ranking
    from roleqa.engine.spans import asks_span, gives_span

    assert asks_span("how long does that take?") and asks_span("how many years of study?")
    assert asks_span("how long is it?")  # after "what's the diploma in surveying?"
    assert not asks_span("how long is the course?")  # of a two-day course: days are no span
    assert not asks_span("how long is this lunch break?")
    # how long an exam or an appointment takes is said in hours and minutes
    assert not asks_span("how long does the exam take?")
    assert not asks_span("how long does an appointment take")
    assert not asks_span("how many hours a week do they work?")
    assert gives_span("usually three years full-time") and gives_span("a 12-week course")
    # nor is a vague count of how long something has been so
    assert not gives_span("Ireland has had a shortage of butchers for several years")
    # a rate is no span: "5.6 weeks a year" of leave
    assert not gives_span("Staff get 5.6 weeks a year of paid holiday")
    assert not gives_span("Full-time paramedics work 37.5 hours a week")
    # after "do you need a degree to be a paramedic": the degree's length leads
    rota = Hit(_passage(1, "Full-time paramedics work 37.5 hours a week.", "Hours"), 0.7)
    degree = Hit(_passage(2, "A paramedic science degree usually takes three years full-time.",
                          "Getting in"), 0.2)
    ranking = Ranking(None, None, 5, {}, {})
    assert _ranked(ranking, "how long does that take?", [rota, degree])[0] == degree
    assert _ranked(ranking, "how many hours a week?", [rota, degree])[0] == rota
    # ... from anywhere in the answer's passages: the fifth of five
    skills = [Hit(_passage(3 + i, f"Skill {i}: listening and trust.", "Skills"), 0.6 - i / 10)
              for i in range(4)]
    assert _ranked(ranking, "how long does that take?", [*skills, degree])[0] == degree


def test_how_long_that_takes_after_how_to_become_one_is_a_span_on_the_way_in() -> None:
    from roleqa.engine.pipeline.rerank import Ranking

    broker = Hit(_passage(1, "Agents can go on to become a broker, which usually takes a "
                          "further two to three years.", "Career progression"), 0.7)
    licence = Hit(_passage(2, "Most candidates are licensed within three to six months.",
                           "Qualifications in the US"), 0.2)
    ranking = Ranking(None, None, 5, {}, {})
    become = ["how do i become a real estate agent?"]
    assert _ranked(ranking, "how long does that usually take", [broker, licence],
                   become)[0] == licence
    # asked alone, or after a question on no side of the job, the best span stands
    assert _ranked(ranking, "how long does that usually take", [broker, licence])[0] == broker
    assert _ranked(ranking, "how long does that usually take", [broker, licence],
                   ["what does an agent do?"])[0] == broker
    # ... and asked of the way in itself
    assert _ranked(ranking, "how long does it take to get into real estate?",
                   [broker, licence])[0] == licence
    # the best already saying how long the way in takes stays first, under any heading
    faq = Hit(Passage(id="g:faq:1", doc="g", doc_title="Guide",
                      heading_path=("Frequently asked questions",),
                      text="How long does it take to become fully qualified? After your "
                           "degree, a PGCE takes one year, so about three years in total."), 0.9)
    steps = Hit(_passage(3, "Complete a two-year induction as an early career teacher.",
                         "How do you become a teacher?", kind="item"), 0.1)
    assert _ranked(ranking, "and how long does that take?", [faq, steps],
                   ["how do i become a teacher?"])[0] == faq


def test_years_in_the_job_answer_a_step_up_not_how_long_it_takes_to_qualify() -> None:
    from roleqa.engine.pipeline.rerank import Ranking
    from roleqa.engine.spans import gives_span

    later = Hit(_passage(1, "After two to four years as a qualified adviser you could move "
                         "into a senior adviser role.", "Where can it take you?"), 0.7)
    exams = Hit(_passage(2, "New advisers are supervised until competent, which usually takes "
                         "6 to 12 months.", "Getting in"), 0.2)
    ranking = Ranking(None, None, 5, {}, {})
    assert _ranked(ranking, "how long does it take to qualify as a mortgage adviser",
                   [later, exams])[0] == exams
    # asked of the step up, the years in the job answer
    assert _ranked(ranking, "how long before i can become a senior adviser",
                   [later, exams])[0] == later
    # a traineeship's months are the way in, whatever they are "as"
    assert gives_span("which takes 12 to 18 months as a workplace traineeship", in_role=False)
    assert not gives_span("Engineers with 5 years' experience earn more", in_role=False)
    assert not gives_span("a broker, which needs two to three years of licensed experience",
                          in_role=False)
    # years as a trainee, or experience before registering, are the way in
    assert gives_span("After 3 years as an apprentice you qualify", in_role=False)
    assert gives_span("You need 12 months of supervised experience before you can register",
                      in_role=False)


def _ranked(ranking: Any, question: str, hits: list[Hit],
            history: list[str] | None = None, focus: tuple[str, ...] = ()) -> tuple[Hit, ...]:
    """``ranking``'s order of ``hits`` for ``question`` after ``history``, asked of
    guide "g", with ``focus`` its words beyond the guide's subject."""
    from roleqa.engine.pipeline.read import Reading
    from roleqa.engine.pipeline.retrieve import Candidates, Found
    from roleqa.engine.query import build_query
    from roleqa.guides.memory import Recall
    from roleqa.text import Vocabulary

    query = build_query(question, history or [], Vocabulary([h.passage.text for h in hits]))
    reading = Reading(query, question, ("g",), ("g",), own_focus=focus)
    vector = np.zeros(4, dtype=np.float32)
    found = Found(tuple(hits), None, False)
    return ranking.rank(Candidates(reading, vector, vector, Recall({}), found)).hits


def test_how_to_become_one_is_the_way_in_and_becoming_a_senior_the_progression() -> None:
    from roleqa.engine.pipeline.front import facet_first
    from roleqa.engine.sides import facets_asked

    # "become" said by the passage on where the job leads is no way in
    later = Hit(_passage(1, "With experience you can become an approved electrician.",
                         "Where can it lead?"), 0.8)
    way_in = Hit(_passage(2, "Most people train through an apprenticeship.",
                          "How do you qualify?"), 0.3)
    for asked in ("How do I become an electrician?", "what qualifications do i need to be one",
                  "how do you qualify as a sparky"):
        assert facet_first([later, way_in], facets_asked(asked)) == [way_in, later], asked
    # ... but becoming a senior is where it leads, which "career prospects" name
    assert facet_first([way_in, later], facets_asked("how do you become a senior carer")) == [
        later, way_in]
    prospects = Hit(_passage(3, "With experience you can become a senior carer.",
                             "What are the career prospects?"), 0.1)
    assert facet_first([way_in, prospects], facets_asked("how do i become a senior")) == [
        prospects, way_in]
    # the heading's words are not searched with: "become" and "training" of
    # every such question favoured the passage on training in another country
    from roleqa.engine.query import intent_words
    assert {"become", "becoming", "train", "training", "qualifications", "prospects"}.isdisjoint(
        intent_words("what qualifications do i need to be a hairdresser"))
    assert {"prospects"}.isdisjoint(intent_words("career progression?"))


def test_a_sides_heading_words_name_it_only_when_it_is_asked() -> None:
    from roleqa.engine.sides import facets_asked, speaks_of

    def headed(heading: str, asked: str) -> bool:
        line = Passage(id="g:x:1", doc="g", doc_title="Guide", heading_path=(heading,),
                       text="Carrying tools up ladders all day.")
        return speaks_of(facets_asked(asked), in_text=False)(line)

    # "requirements" names the way in only when the way in is asked
    assert headed("Physical requirements", "is it physically demanding?")
    assert headed("Entry requirements", "how do i become one?")
    assert not headed("Entry requirements", "is it physically demanding?")
    # "Becoming a senior stylist" is where the job leads, not a mix of two sides
    assert headed("Becoming a senior stylist", "career progression?")


def test_pay_figures_are_looked_for_among_the_ten_best_only() -> None:
    from roleqa.engine.pipeline.rerank import Ranking
    from roleqa.engine.pipeline.retrieve import Found

    others = [Hit(_passage(n, f"Welders join metal of kind {n}.", "The job"), 0.9 - n / 40)
              for n in range(1, 15)]
    fee = Hit(_passage(15, "A private welding course costs around £3,000.", "Training"), 0.1)
    ranking = Ranking(None, None, 5, {}, {})
    # the fifteenth, a course's fee, is no answer to what welders earn
    hits = ranking._order(Found((*others, fee), None, False), "money")
    assert fee not in hits
    near = Hit(_passage(16, "Welders earn £30,000 a year.", "Pay"), 0.5)
    assert ranking._order(Found((*others[:8], near), None, False), "money")[0] == near


def test_a_price_asked_is_answered_by_the_passage_giving_one() -> None:
    from roleqa.engine.pipeline.rerank import Ranking

    step = Hit(_passage(1, "Complete an approved passenger endorsement course.", "Licences"), 0.9)
    wage = Hit(_passage(2, "Driver trainers earn $33 to $36 an hour.", "Moving up"), 0.6)
    others = [Hit(_passage(n, f"Drivers check route {n}.", "The job"), 0.5 - n / 40)
              for n in range(3, 14)]
    price = Hit(_passage(14, "The course usually costs between $300 and $500, and the "
                             "endorsement is renewed every five years.", "Licences"), 0.1)
    ranking = Ranking(None, None, 5, {}, {})
    hits = [step, wage, *others, price]
    # had been the step naming the course: a price, however low, not a wage
    asked = ("passenger", "endorsement", "course")
    assert _ranked(ranking, "how much is the passenger endorsement course", hits,
                   focus=asked)[0] == price
    assert _ranked(ranking, "what is the passenger endorsement course", hits,
                   focus=asked)[0] == step
    # a price of something else is none
    assert _ranked(ranking, "how much is the RPR exam", hits, focus=("rpr", "exam"))[0] == step


def test_pay_asked_of_no_step_is_not_answered_by_a_first_steps_pay_alone() -> None:
    from roleqa.engine.pipeline.rerank import Ranking

    trainee = Hit(_passage(1, "Trainee drivers typically start on between £30,000 and £35,000 "
                           "a year while they complete their training.", "Pay"), 0.6)
    qualified = Hit(_passage(2, "A newly qualified driver usually earns between £55,000 and "
                             "£65,000 a year.", "Pay"), 0.3)
    ranking = Ranking(None, None, 5, {}, {})
    assert _ranked(ranking, "how much do train drivers make", [trainee, qualified])[0] == qualified
    # a step asked for is answered by its own pay
    assert _ranked(ranking, "whats the starting salary", [trainee, qualified])[0] == trainee
    assert _ranked(ranking, "what do trainees earn", [trainee, qualified])[0] == trainee
    assert _ranked(ranking, "what do you earn while training?", [trainee, qualified])[0] == trainee
    # a passage on every step is no first step's alone
    ladder = Hit(_passage(3, "Trainees start on £30,000; once qualified, pay rises to £60,000.",
                          "Pay"), 0.6)
    assert _ranked(ranking, "how much do train drivers make", [ladder, qualified])[0] == ladder
    for text in ("Salaries start at £30,000 and can reach £70,000 with experience.",
                 "New York pays best: drivers there earn $80,000 a year.",
                 "First, the pay: drivers earn £55,000 to £65,000 a year."):
        lead = Hit(_passage(4, text, "Pay"), 0.6)
        assert _ranked(ranking, "how much do train drivers make", [lead, qualified])[0] == lead


def test_a_level_of_pay_after_a_pay_question_is_carried_though_no_focus() -> None:
    from roleqa.engine.pipeline.rerank import Ranking

    # "director" can be another guide's role word, and then no focus of the question
    skills = Hit(_passage(1, "Attention to detail before the numbers reach a director.",
                          "Skills"), 0.6)
    director = Hit(_passage(2, "Finance director: $160,000 to $250,000 a year.", "Salary"), 0.1)
    ranking = Ranking(None, None, 5, {}, {})
    after_pay = ["how much does a senior analyst make?"]
    assert _ranked(ranking, "and a director?", [skills, director], after_pay)[0] == director
    assert _ranked(ranking, "and a director?", [skills, director], ["what skills?"])[0] == skills


def test_pay_asked_of_a_kind_is_answered_by_that_kinds_pay() -> None:
    from roleqa.engine.pipeline.rerank import Ranking

    pros = Hit(_passage(1, "High earning potential, especially offshore", "Pros"), 0.9)
    new = Hit(_passage(2, "Inshore divers usually earn around $55,000 to $65,000.", "Pay"),
              0.06)
    offshore = Hit(_passage(3, "Offshore: typical yearly pay $120,000 to $180,000.", "Pay"), 0.01)
    ranking = Ranking(None, None, 5, {}, {})
    # the figures of the kind asked, not the first figures ranked
    hits = [pros, new, offshore]
    asked = "how much do offshore divers earn"
    assert _ranked(ranking, asked, hits, focus=("offshore", "earn"))[0] == offshore
    assert _ranked(ranking, "how much do divers earn", hits, focus=("earn",))[0] == new
    # ... not past a best giving figures that says some of it
    rate = Hit(_passage(6, "Apprentice: £7.55 an hour minimum.", "Pay"), 0.9)
    us = Hit(_passage(7, "US apprentice pay per hour is about $20.", "Pay"), 0.1)
    assert _ranked(ranking, "apprentice pay per hour", [rate, us],
                   focus=("apprentice", "per", "hour"))[0] == rate
    # a kind asked after pay is answered by a passage saying its pay in words too
    later = Hit(_passage(4, "Many specialise in commercial refrigeration at $80,000.", "Later"),
                0.05)
    kind = Hit(_passage(5, "Commercial technicians earn toward the top of each range.", "Pay"),
               0.9)
    assert _ranked(ranking, "what about commercial ones?", [kind, later],
                   ["how much do hvac techs make"], ("commercial",))[0] == kind


def test_a_thing_asked_by_its_number_is_the_row_of_that_number() -> None:
    from roleqa.engine.pipeline.front import numbered, numbered_first

    assert numbered("hourly rate for a level 3 ski instructor?") == {("level", "3")}
    assert numbered("what does a 3rd period apprentice get") == {("period", "3")}
    assert numbered("first year at uni") == {("year", "1")}
    assert numbered("how much do they earn?") == set()
    assert numbered("am i too old at over 50? do they work 12 hour shifts? first aid?") == set()

    def row(n: int) -> Hit:
        text = f"Level {n}: Typical course cost: CA${500 + 250 * n}"
        return Hit(Passage(f"s-{n}", "ski", "Ski", ("Levels",), text, "row"), 1.0 / n)

    hits = [row(4), row(2), row(3), row(1)]
    assert numbered_first(hits, {("level", "3")})[0].passage.id == "s-3"
    assert numbered_first(hits, {("level", "4")}) == hits  # the best is that one
    assert numbered_first(hits, {("band", "6")}) == hits  # no passage names it


def test_a_code_asked_is_answered_by_the_passage_naming_it_alone() -> None:
    from roleqa.engine.pipeline.front import numbered, numbered_first

    assert numbered("what about CS38, what's that one for") == {("code", "cs38")}
    listing = Hit(Passage("a-1", "arb", "Arb", ("Training",),
                          "CS30 and CS31 come first; CS38 and CS39 come next.", "paragraph"), 0.9)
    row = Hit(Passage("a-2", "arb", "Arb", ("Certificates",),
                      "Tree climbing and aerial rescue: Code: CS38", "row"), 0.5)
    # "CS38"'s row first, not the paragraph naming it among others
    assert numbered_first([listing, row], numbered("and CS38?"))[0] is row
    # two codes asked ask of both: the passage naming them together stays first
    assert numbered_first([listing, row], numbered("can i do cs39 before cs30"))[0] is listing


def test_a_pay_line_is_chosen_by_the_level_asked() -> None:
    from roleqa.engine.pipeline.front import asked_line

    def line(n: int, text: str) -> Passage:
        return Passage(f"p-{n}", "solar", "Solar", ("Pay",), text, "item")

    lines = [line(1, "Apprentice: £12,000 to £19,000 a year, depending on year of training"),
             line(2, "Newly qualified installer: £26,000 to £30,000"),
             line(3, "Experienced PV installer: £32,000 to £40,000")]
    focus = ("pay", "years", "experience")
    asked = {"pay", "year", "experi"}
    chosen = asked_line(lines, asked, focus,
                        "whats the pay like once youve got a few years experience")
    assert chosen is not None and chosen.id == "p-3"
    # a question on no pay: the first line holding its words, as before
    chosen = asked_line(lines, asked, focus, "what do you learn in the years of experience?")
    assert chosen is not None and chosen.id == "p-1"
    assert asked_line(lines, {"kubernet"}, ("kubernetes",), "do they use kubernetes?") is None


def test_a_country_is_read_off_a_heading_saying_where_not_one_asking() -> None:
    from roleqa.engine.pipeline.there import asked_there

    uk = asked_there(frozenset({"the United Kingdom"}), ())
    assert uk is not None

    def hit(heading: str) -> Hit:
        return Hit(Passage("p-1", "ph", "Pharmacist", ("How to qualify", heading),
                           "Foreign-trained pharmacists must pass the FPGEE.", "paragraph"), 1.0)

    assert uk(hit("In the UK"))
    # "Can a UK pharmacist work in the US?" asks; its answer is on the US exams
    assert not uk(hit("Can a UK pharmacist work in the US?"))
