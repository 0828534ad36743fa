"""Stage 5, *compose*: :class:`Verdict` → :class:`Answer`, the reply a visitor reads.

An answer quotes sentences of the ranked hits, cited by number
(roleqa.engine.extract); a comparison of roles lets each compared guide speak
from its own hits. A decline says why, in the words of the guides asked about
(roleqa.engine.replies), and suggests what they do answer. Suggestions travel
as data in the :class:`Answer`, for every face to show its own way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ...language import LANGUAGE
from ...text import STOPWORDS, stem, words
from ...types import Answer, Evidence, Hit, Passage, Source
from ..answer_types import TELLING, asks_money
from ..extract import LIST_WORDS, compose, compose_each, renumber, singles_out
from ..follow_ups import ordinal
from ..library import Library
from ..places import asked_about
from ..sides import facets_asked, is_label
from .judge import Verdict
from .read import Reading

__all__ = ["Composer"]


def _label(passage: Passage) -> frozenset[str]:
    """The stems of a list's short lead-in ("Pros:" → "pro"), else none."""
    if not is_label(passage):
        return frozenset()
    return frozenset(stem(w) for w in words(passage.quote) if w not in STOPWORDS)


def _place(passage: Passage) -> int:
    """Where ``passage`` stands in its section: the number its id ends in
    ("g:pay:3", or "g:pay:3-list" of a list straight under its heading)."""
    number = re.search(r":(\d+)(?:-list)?$", passage.id)
    return int(number[1]) if number else 0


def _labelled_beside(question: str, hits: Sequence[Hit]) -> list[Passage]:
    """The lists of the best hit's section whose labels ``question`` names
    besides the best hit's own ("pros and cons?" of "Pros:" and "Cons:"),
    when the best hit is such a list."""
    asked = {stem(w.lower()) for w in words(question)}
    best = hits[0].passage
    if not _label(best) & asked:
        return []
    return [h.passage for h in hits[1:] if h.passage.heading_path == best.heading_path
            and h.passage.doc == best.doc and (_label(h.passage) & asked) - _label(best)]


class Composer:
    """Writes answers and declines from one library's passages."""

    def __init__(self, library: Library) -> None:
        self.library = library

    def compose(self, verdict: Verdict) -> Answer:
        """The answer, or the decline, the verdict calls for."""
        ranked = verdict.ranked
        reading = ranked.candidates.reading
        replies = self.library.replies
        if not verdict.answered:
            docs = reading.docs
            if verdict.refusal:
                reason: str | None = verdict.refusal
            elif verdict.foreign:
                reason = replies.sorry(docs, f"cover {', '.join(verdict.foreign)}")
            elif verdict.missing:
                reason = replies.sorry(docs, f"mention {', '.join(verdict.missing)}")
            else:
                reason = None
            return self.decline(reading, reason, verdict.evidence, ranked.hits)
        terms = list(reading.query.terms) if reading.own else list(reading.judged)
        lists = self.library.lists
        if ranked.each:
            each = [h for hits in ranked.each for h in hits]
            text, sources = compose_each(terms, each, reading.compared, lists=lists,
                                         intro_of=self.library.intro_of)
        else:
            # A reply speaks for one role unless it compares roles: asked of
            # every guide, the best hit's guide answers alone.
            top = ranked.hits[0].passage.doc
            own = [h for h in ranked.hits if h.passage.doc == top]
            main = self._main_list(reading, own[0])
            if main is not None:
                # The opening and the list say it all: runners-up from other
                # sections (a skill, the list's introduction without its
                # items) would only interrupt them.
                own = own[:1]
            whole = self._whole_list(reading, own[0].passage)
            if whole is not None:
                own = [Hit(whole, own[0].score), *own]
            beside = _labelled_beside(reading.query.question, own)
            if beside:
                # "pros and cons?" of a "Pros:" list and a "Cons:" list: both, as
                # the guide orders them
                beside = sorted([own[0].passage, *beside], key=_place)
                if beside[0] != own[0].passage:
                    own = [Hit(beside[0], own[0].score), *own]
            text, sources = compose(terms, own, lists=lists, intro_of=self.library.intro_of)
            text, sources = self._read_on(reading, own[0], text, sources)
            shown = {s.passage.id for s in sources}
            for other in beside[1:]:
                if other.id not in shown:
                    more, listed = compose(terms, [Hit(other, own[0].score)], lists=lists)
                    text = f"{text}\n{renumber(more, len(sources))}"
                    sources = [*sources, *listed]
                    shown |= {s.passage.id for s in listed}
            if main is not None and not any(self.library.intro_of.get(s.passage.id) == main
                                            for s in sources):
                # "What does a florist do?" answered by the guide's opening: what
                # the role does day to day is the guide's first list, shown after it.
                more, listed = compose(terms, [Hit(main, own[0].score)], lists=lists)
                text = f"{text}\n{renumber(more, len(sources))}"
                sources = [*sources, *listed]
        return Answer(
            text=text,
            answered=True,
            sources=tuple(sources),
            query=reading.query.text,
            hits=ranked.hits,
            suggestions=replies.suggestions(exclude={s.passage.section for s in sources},
                                            docs=[s.passage.doc for s in sources[:1]]),
            evidence=verdict.evidence,
        )

    def _read_on(self, reading: Reading, best: Hit, text: str,
                 sources: list[Source]) -> tuple[str, list[Source]]:
        """The reply read on through the best passage's section, when the
        question asks for what its heading names ("what's a typical day
        like?" of a section "Day to day"): the section answers, not its first
        paragraph. Within :data:`LIST_WORDS`, paragraphs only."""
        passage = best.passage
        focus = {stem(w) for w in reading.own_focus}
        heading = {stem(w) for h in passage.heading_path for w in words(h)}
        if (not focus or not focus <= heading or passage.kind != "paragraph"
                or passage.id in self.library.lists or len(sources) != 1):
            return text, sources
        used = len(text.split())
        for more in self.library.read_on(passage):
            if more.id in self.library.lists or used + more.words > LIST_WORDS:
                break
            sources = [*sources, Source(more, best.score)]
            text = f"{text} {more.text} [{len(sources)}]"
            used += more.words
        return text, sources

    def _whole_list(self, reading: Reading, best: Passage) -> Passage | None:
        """The introduction of the list ``best`` is a line of, when the question
        asks for the whole of it: pay and no one level of it ("how much do
        they earn?", not "starting pay?"), or in the plural what the list's
        heading or introduction names ("what skills ...?" of "Skills you need:",
        "the downsides?" of "Cons"; not "which tool ...?")."""
        intro = self.library.intro_of.get(best.id)
        question = reading.query.question
        if intro is None or ordinal(question) is not None:
            return None  # "tell me more about the second one": that line
        items = self.library.lists.get(intro.id, [])
        listed = {stem(w) for h in best.heading_path for w in words(h)}
        listed |= {stem(w) for w in words(intro.quote)}
        plural = {stem(w) for w in reading.own_focus
                  if len(w) > 3 and w.endswith("s") and not w.endswith("ss")}
        if items and (plural & listed or facets_asked(question)[0] & listed):
            # Dev: three more answers with every fact, one fewer ("whats the
            # catch" of owner-operators' pay, shown the list of cons).
            return intro
        if (not asks_money(question)
                or {w.lower() for w in words(question)} & LANGUAGE.pay_levels
                or singles_out(question, best, items, intro)
                or not frozenset(asked_about(question))
                <= self.library.catalogue.places.spoken_in(intro.doc, intro.text)):
            # "starting pay?", "what do university librarians earn?", the UK asked of US pay
            return None
        paid = sum(bool(TELLING["money"].search(p.text)) for p in items)
        return intro if items and 2 * paid >= len(items) else None

    def _main_list(self, reading: Reading, best: Hit) -> Passage | None:
        """The introduction of the guide's first list, when the question asks
        nothing beyond the role ("What does a florist do?") and the reply is the
        guide's opening, which sums the role up without its tasks; or of its
        section's list, when the reply is a paragraph of a section with one
        ("what does a wind tech actually do all day?" of "What will I do each
        day?": "Technicians usually work in pairs ...", then the tasks)."""
        passage = best.passage
        if reading.own_focus or passage.id in self.library.lists or passage.kind != "paragraph":
            return None
        if passage.heading_path:
            return self.library.section_list.get((passage.doc, passage.heading_path))
        return self.library.first_list.get(passage.doc)

    def decline(self, reading: Reading, reason: str | None = None,
                evidence: Evidence | None = None, hits: Sequence[Hit] = ()) -> Answer:
        """A decline of ``reading``: ``reason`` (else that its guides do not cover
        it), then questions its guides do answer."""
        replies = self.library.replies
        docs = list(reading.docs) or list(self.library.catalogue.slugs)
        suggestions = replies.suggestions(docs=docs)
        text, lead = replies.decline(reason or replies.sorry(docs, "cover that"), docs,
                                     suggestions)
        return Answer(
            text=text,
            answered=False,
            query=reading.query.text,
            hits=tuple(hits),
            suggestions=suggestions,
            evidence=evidence,
            lead=lead,
        )
