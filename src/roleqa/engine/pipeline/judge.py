"""Stage 4, *judge*: :class:`Ranked` → :class:`Verdict`, answer or decline.

The one place where decline evidence is gathered (roleqa.engine.evidence) and
decided (roleqa.engine.policy): how close the question's focus comes to the
passages of its guides and to topics guides rarely cover, the answer type it
asks for, the names the corpus lacks, what the question memory remembers of
similar questions. A question the policy would answer is still declined when
its focus words are ones only other guides use ("legal", asked of a guide that
never speaks of legal work), or when it names a careers topic guides rarely
cover by a word its answering guides and most others lack ("can I work fully
remote?", see :meth:`Judge._absent_topic`). A side of the job a passage words
its own way ("is it stressful?" of one on "pressure", data/language.toml
``[facets]``) is no such word. What one firm does ("does Orkin hire?") is declined.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from ...guides.memory import Recall
from ...text import CAREER_VERBS, stem, words
from ...types import Evidence
from ..answer_types import asks_money, asks_only_amount, missing_answer_type
from ..employers import employer_named
from ..evidence import ABOUT_GUIDE, GUIDE_WORDS, measure
from ..library import Library
from ..personal import condition_noun, conditions_named
from ..places import asks_live_vacancies
from ..policy import DeclinePolicy, far_from_every_passage, weak_everywhere
from ..query import COMPARISON
from ..scoping import foreign_words, only_here, spelled_here
from ..sides import facets_asked
from .heard import (
    answering,
    away_from,
    elsewhere,
    facet_words,
    passages_text,
    pay_kind,
    says_most,
    says_step,
    speaking,
    told_around,
    unworded,
    word_span,
)
from .rerank import Ranked

__all__ = ["Judge", "Verdict"]


@dataclass(frozen=True)
class Verdict:
    """Whether to answer, and the evidence it was decided on."""

    ranked: Ranked
    answered: bool
    evidence: Evidence
    #: name-like words no corpus word matches ("Mulchify"), when declined for them
    missing: tuple[str, ...] = ()
    #: focus words the question's guides lack (only other guides use them, or no
    #: guide does and they name a topic guides rarely cover), when declined so
    foreign: tuple[str, ...] = ()
    #: the whole reply, when declined as a question for another role's guide
    refusal: str = ""


class Judge:
    """Decides with one policy for guides the memory speaks for, one for the rest."""

    def __init__(self, library: Library, policy: DeclinePolicy, unbanked: DeclinePolicy,
                 foreign_match: float) -> None:
        self.library = library
        self.policy = policy
        self.unbanked = unbanked
        self.foreign_match = foreign_match

    def judge(self, ranked: Ranked) -> Verdict:
        """The verdict on the ranked hits of one question."""
        lib = self.library
        reading = ranked.candidates.reading
        evidence = self.evidence(ranked)
        policy = self.policy if ranked.banked else self.unbanked
        if reading.others and not (ranked.hits and policy.answers(evidence) and set(
                reading.others) & set(lib.catalogue.named(ranked.hits[0].passage.text))
                and says_step(reading.own_focus, ranked.hits[0].passage.text)):
            # A question about another role, on a page whose guide speaks of it:
            # answered only by a passage here on that role (and on becoming one,
            # if asked: not by a nurse's page naming pharmacists as teammates).
            return Verdict(ranked, False, evidence,
                           refusal=only_here(lib.catalogue, reading.allowed))
        if not ranked.hits or not policy.answers(evidence):
            missing = tuple(policy.missing_names(evidence))
            # Declined as nearer a topic guides rarely cover than to any passage:
            # a kind of pay the guide never names is still named ("does not
            # cover maternity pay"), not only "that".
            kind = () if missing or not ranked.hits else pay_kind(ranked, lib.catalogue)
            return Verdict(ranked, False, evidence, missing=missing, foreign=kind)
        if far_from_every_passage(evidence, reading.conversation, says_most(ranked, 2)) or (
                weak_everywhere(evidence, len(reading.docs), of_its_own=not (
                    reading.conversation or facets_asked(reading.query.question)[0]))
                and not says_most(ranked)):
            # "who won the game last night?" beside a guide's night shifts;
            # "how do I make a béarnaise sauce?" of a chef's brigade (not "what
            # is CILIP?", a name the model reads poorly and the passage says)
            return Verdict(ranked, False, evidence)
        abroad = elsewhere(ranked, lib.catalogue)
        if abroad:
            return Verdict(ranked, False, evidence, foreign=abroad)
        if asks_live_vacancies(reading.query.question):  # a guide cannot say who hires today
            return Verdict(ranked, False, evidence, foreign=(VACANCIES_NOW,))
        if employer := employer_named(lib.catalogue, lib.vocabulary, reading.query.question,
                                      reading.docs):
            # "does Orkin hire trainees?": one firm's practice no guide tells
            return Verdict(ranked, False, evidence, foreign=(f"{employer} in particular",))
        for hits in ranked.each:
            # "Do florists earn more than gardeners?": each compared guide must
            # give the kind of answer asked for, and speak of the place asked.
            lacks = missing_answer_type(reading.query.question, passages_text(hits))
            away = away_from(hits, reading.query.question, lib.catalogue)
            if hits and (lacks or away):
                return Verdict(ranked, False, replace(evidence, missing_type=lacks),
                               refusal=lib.replies.sorry([hits[0].passage.doc],
                                                         f"cover {away or 'that'}"))
        # Asked of every guide, a question is asked of those that answer: "do
        # game studios give a pension?" is not covered because a police guide
        # is loaded. A guide whose hits weigh under a tenth of the first hit's
        # is no answer: "rate" in a nurses' guide's "heart rates" does not give
        # civil engineers' exam pass rates.
        answerers = answering(ranked, ANSWERING_SHARE)
        # "im diabetic, can i still pass the medical?" of a guide that never
        # names diabetes: its medical passage does not say
        unnamed = [c for c in conditions_named(reading.query.question)
                   if not lib.catalogue.holds_kin(stem(c), answerers)]
        if unnamed:
            return Verdict(ranked, False, evidence,
                           foreign=tuple(condition_noun(c) for c in unnamed))
        # the focus words that could name a topic: read once for both checks below
        unsaid = spelled_here(unworded(ranked), lib.catalogue, reading.docs)
        absent = self._absent_topic(ranked, evidence, unsaid, answerers)
        if absent:
            return Verdict(ranked, False, evidence, foreign=absent)
        kind = pay_kind(ranked, lib.catalogue)
        if kind:
            return Verdict(ranked, False, evidence, foreign=kind)
        if evidence.given_type not in ("", "topic"):
            # The guide gives what is asked: the figures for "and what do they
            # earn?", itself for "is this guide meant to help me choose a path?".
            # A word only other guides use is then no other topic. (A passage on
            # a topic, "topic", is read from a few words: it does not settle it.)
            return Verdict(ranked, True, evidence)
        docs = reading.docs
        foreign = foreign_words(
            lib.catalogue, lib.vocabulary.dictionary, unsaid, docs,
            lambda w: self._close_in(w, docs),
            self.foreign_match)
        if foreign and told_around(ranked, foreign, lib.catalogue):
            foreign = []  # said in passing
        return Verdict(ranked, not foreign, evidence, foreign=tuple(foreign))

    def evidence(self, ranked: Ranked) -> Evidence:
        """The decline evidence. The memory's recall counts only when it speaks
        for the question's guide: an out-of-scope entry says nothing of another."""
        lib = self.library
        candidates = ranked.candidates
        reading = candidates.reading
        query = reading.query
        recall = candidates.recall if ranked.banked else Recall({})
        focus_vector = candidates.focus_vector
        if len(reading.docs) < len(lib.catalogue):
            rows = np.flatnonzero(lib.index.rows_of(reading.docs))
            focus_dense = float((lib.index.matrix[rows] @ focus_vector).max()) if rows.size else 0.0
        else:
            scores, _ = lib.index.search(focus_vector.reshape(1, -1), 1)
            focus_dense = float(scores[0][0]) if scores.size else 0.0
        # "and florists?" after "How much do gardeners make?" asks the same again
        # of another role: it asks for what the earlier question did.
        same_again = query.history_text and not reading.own_focus
        spoken = passages_text(speaking(ranked))
        # only how long ("how many yrs of uni?", repaired), of passages giving it: no rare topic
        amount = asks_only_amount(query.repaired, reading.own_focus, spoken)
        evidence = measure(
            list(dict.fromkeys(reading.judged)),
            reading.names,
            f"{query.history_text} {query.question}" if same_again else query.question,
            dense=max((h.dense for h in ranked.hits), default=0.0),
            focus_dense=focus_dense,
            # nor does asking a side of the job the best passage's heading
            # names ("will AI replace them?" of a section on the outlook)
            off_guide=(0.0 if amount or facet_words(ranked, in_heading=True)
                       else lib.space.off_guide(focus_vector)),
            off_topic=lib.space.off_topic(candidates.query_vector),
            vocabulary=lib.vocabulary,
            similarity=lib.space.similar,
            passages_text=spoken,
            asked=reading.own,
            bank=(recall.answerable, recall.out_of_scope),
            subject=reading.subject,
        )
        if not evidence.given_type and self._about_guide(ranked):
            evidence = replace(evidence, given_type="guide")
        elif not evidence.given_type and self._compares_with_named(ranked):
            evidence = replace(evidence, given_type="comparison")
        elif not evidence.given_type and self._holds_focus(ranked):
            evidence = replace(evidence, given_type="topic")
        return evidence

    def _holds_focus(self, ranked: Ranked) -> bool:
        """Whether the best passage speaks of what the question asks about
        beyond its role: its heading holds every such word (or half of them,
        words of the careers topic asked about), or its text holds them close
        together. "What are the working hours?" of a section "Work environment
        and schedule"; "do I need a bachelor's degree?" of "a Bachelor of
        Science ... an associate degree". Words far apart ("companies" ...
        "hiring manager") make no topic, nor does one word of the text alone.
        Pay is read by figures (``given_type`` "money"), not by its word."""
        reading = ranked.candidates.reading
        top = speaking(ranked)[:1]
        # "before becoming one" is asked of every role: what is asked is the rest
        focus = {stem(w) for w in reading.own_focus} - CAREER_VERBS
        if not top or not focus or asks_money(reading.query.question):
            return False
        if facet_words(ranked):
            # "career path?" of a section "Moving up"; "outlook?" of "Steady demand"
            return True
        passage = top[0].passage
        heading = {stem(w) for h in passage.heading_path for w in words(h)}
        # One word in passing ("... for real users, every day") makes no topic;
        # a heading does, one word the passage opens with ("A degree in HR
        # helps"), and two or more words close together.
        tokens = [stem(w) for w in words(passage.text)]
        if len(focus) == 1:
            # or a word the passage repeats ("Band 5 ... Band 6"): it is about it
            # or the word is the very topic guides rarely cover ("overtime"),
            # and the passage says it: this guide does cover it
            # The rare topic said in passing is said of what is asked only if
            # the guide knows the question's other words: "capital" of "... in
            # the capital" answers no "capital of Portugal?".
            # ("become" is asked of every role, said or not: "can you become a
            # signaller with tattoos?" of "Tattoos are allowed")
            said = all(self.library.catalogue.holds(st, [passage.doc])
                       for w in reading.judged if (st := stem(w)) not in CAREER_VERBS)
            return (focus <= heading or focus <= set(tokens[:_OPENING])
                    or tokens.count(next(iter(focus))) > 1
                    or (said and focus <= self._topic_stems(ranked)))
        # "career progression" of a section "Pay and progression": half the
        # asked words in the heading name its topic, when they are words of the
        # careers topic asked about (not "fit" of "a good fit for an introvert?"
        # beside "How does a data engineer fit in a team?").
        shared = focus & heading
        return (focus <= heading
                or (2 * len(shared) >= len(focus) and bool(shared & self._topic_stems(ranked)))
                or word_span(focus, tokens) <= _NEAR)

    def _absent_topic(self, ranked: Ranked, evidence: Evidence, unsaid: Sequence[str],
                      docs: Sequence[str]) -> tuple[str, ...]:
        """The words of the question (``unsaid``, see :func:`unworded`) that name
        the careers topic guides rarely cover it comes closest to, when the
        guides it would be answered from (those of the best hits) do not use
        them, few guides do (not
        :meth:`Catalogue.ordinary`) and the answering guides have no word close
        in meaning (:data:`ABSENT_MATCH`): "can I do it fully remote?" of a
        catalogue that never says "remote" (topic "work remotely"), "is there
        a pension scheme?" of one without "pension". The passages it would be
        answered with speak of something else; ``docs`` are the guides that
        answer (:func:`answering` at :data:`ANSWERING_SHARE`). A guide that gives what the
        question asks for (pay figures, a section on it: ``given_type``) covers
        it, and so does one whose memory answered a question like it."""
        if evidence.given_type or (ranked.banked
                                   and evidence.bank_answerable > evidence.bank_out):
            return ()
        lib = self.library
        topic = self._topic_stems(ranked)
        # A word a share of the guides use is a careers guide's ordinary word
        # ("process", "results", "schedule"), not a topic most leave out; one
        # or two guides of many may well speak of hybrid work. Unless the
        # question is all but that topic: "whats the pass rate for the fe
        # exam" ("exam pass rates", "rate" in many guides, not this one).
        return tuple(dict.fromkeys(
            w for w in unsaid
            if (st := stem(w)) in topic and st not in CAREER_VERBS
            and not lib.catalogue.holds_kin(st, docs)
            and (not lib.catalogue.ordinary(st) or evidence.off_guide >= TOPIC_CLOSE)
            and self._close_in(w, docs, embed_unknown=True) < ABSENT_MATCH))

    def _topic_stems(self, ranked: Ranked) -> set[str]:
        """The stems of the topic guides rarely cover that the question's
        focus comes closest to ("work remotely" → work, remot)."""
        topic = self.library.space.off_guide_topic(ranked.candidates.focus_vector)
        return {stem(w) for w in words(topic)}

    def _close_in(self, word: str, docs: Sequence[str], embed_unknown: bool = False) -> float:
        """The best cosine of ``word`` with a word the guides ``docs`` use."""
        holds = self.library.catalogue.holds
        return self.library.space.close_in(word, docs, lambda c: holds(stem(c), docs),
                                           embed_unknown)

    def _compares_with_named(self, ranked: Ranked) -> bool:
        """Whether the question sets its guide's role beside another that it
        names, and the best passage speaks of that role: "how is that
        different from florists?" of a guide that compares the two. Its focus
        ("different") is no topic of its own."""
        reading = ranked.candidates.reading
        top = speaking(ranked)[:1]
        if not top or not COMPARISON.search(reading.query.question):
            return False
        catalogue = self.library.catalogue
        named = set(catalogue.named(reading.query.question)) - {top[0].passage.doc}
        return bool(named & set(catalogue.named(top[0].passage.text)))

    def _about_guide(self, ranked: Ranked) -> bool:
        """Whether the question asks about the guide itself and its best
        passage is where the guide speaks of itself, on what the question asks
        of: "How does this article help hiring managers?" of a conclusion
        written for them, not "does this guide cover interview tips?"."""
        query = ranked.candidates.reading.query
        top = speaking(ranked)[:1]
        if not top or not ABOUT_GUIDE.search(f"{query.history_text} {query.question}"):
            return False
        held = self.library.self_sections.get((top[0].passage.doc, top[0].passage.section))
        if held is None:
            return False
        asked = {stem(w) for w in ranked.candidates.reading.own_focus if w not in GUIDE_WORDS}
        return not asked or bool(asked & held)


#: A topic word of the question counts as absent from a guide only when no
#: word of the guide comes this close in meaning. Chosen on the dev sets: "names"
#: has "titles" at 0.61 and "math" "mathematics" at 0.91 (asked of guides that
#: answer), while "remote", "pension", "tribunal", "hybrid" and "certificate"
#: have nothing above 0.51, "home" 0.57 ("location"), "degree" 0.59.
ABSENT_MATCH = 0.6
#: The cosine of a question's focus with a topic guides rarely cover from which
#: it asks that topic, ordinary words and all. On dev (blind guides, the
#: catalogue, the shipped guide) any value from 0.6 to 0.75 declined the same
#: one more question and no other.
TOPIC_CLOSE = 0.7
#: The share of the best hit's weight a guide's hits need to count among those
#: answering a question on a topic (on dev, 0.1 and 0.3 changed nothing).
ANSWERING_SHARE = 0.1
#: What a question on who is hiring today is told the guides do not cover.
VACANCIES_NOW = "who is hiring right now"
#: how many words of a passage may hold a question's focus words for the
#: passage to speak of them together ("a Bachelor of Science in Nursing (BSN),
#: although an associate degree")
_NEAR = 12
_OPENING = 4  # the words a passage opens with, where it names what it is about
