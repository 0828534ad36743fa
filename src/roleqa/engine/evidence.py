"""The evidence for the decline decision, read from a question and its best passages.

The judge (roleqa.engine.pipeline.judge) decides by the rules of
roleqa.engine.policy; this module measures.

A cosine cut-off alone fails: "How much do tree care specialists earn?"
sits closer to such a guide than many real questions, because most of its
words are the role's name. So the judge looks at the question's *focus*: its
content words minus the guide's subject (words found in half the passages or
more, and the role's names; see roleqa.engine.catalogue). It then weighs six pieces of evidence:

* how close the focus comes to the nearest passage (``focus_dense``);
* whether the focus is closer to a common careers topic that guides rarely
  cover, or to plain small talk, than to any passage (``off_guide`` minus
  ``focus_dense`` against ``off_guide_margin``), unless the best passages
  give the telling kind of answer it asks for (pay figures for "what's the
  salary?": the guide covers pay);
* whether the question asks for a kind of answer the best passages cannot
  give (roleqa.engine.answer_types): a number ("how many"), a duration ("how
  long"), a date ("when"), money, a cost, a share, pay after tax, or whether
  it asks for a task rather than about the guide ("write me a poem", "what is
  17 * 23");
* whether it shares no content word at all with the corpus ("Who painted the
  Mona Lisa?", "<img src=x onerror=...>"); then only a strong focus match
  (``min_focus_unshared``) lets it through ("Why was this article written?");
* whether it names something the corpus never mentions, such as "Mulchify"
  (a capitalised or coded word with no corpus word closer than
  ``semantic_match``), or, in lower case, asks whether the role uses an
  uncommon word the corpus lacks ("do they use keras?"), or asks to define
  something the corpus never names ("what is gradient descent?");
* whether the question is more like a remembered question that was out of
  scope than like one the guides answered (``bank_out`` minus
  ``bank_answerable`` against ``bank_margin``; see ``roleqa.guides.memory``).

Every threshold is a field of :class:`roleqa.engine.policy.DeclinePolicy`,
tuned on the dev split (``roleqa eval --tune``). After the policy, the judge
declines focus words the question's guides lack (roleqa.engine.pipeline.judge).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ..language import LANGUAGE
from ..text import Vocabulary, content_words, stem
from ..types import Evidence
from .answer_types import ANSWER_TYPES, COSTS, PENSION, given_answer_type, missing_answer_type
from .places import PLACE_WORDS

__all__ = [
    "ABOUT_GUIDE",
    "GUIDE_WORDS",
    "OFF_GUIDE_TOPICS",
    "SPEAKS_OF_ITSELF",
    "focus_words",
    "measure",
    "missing_subject",
    "named_words",
    "unknown_names",
]

#: What careers-site visitors often ask that a role guide usually does not
#: answer, and plain small talk (data/language.toml).
OFF_GUIDE_TOPICS = LANGUAGE.off_guide_topics

#: A word in at least this share of passages is the guide's subject, not a focus
#: (when no catalogue says what the subject is, see roleqa.engine.catalogue).
SUBJECT_SHARE = 0.5


#: A question about the guide itself ("what's the point of this article?",
#: "who wrote it?"), and a passage in which the guide speaks of itself ("This
#: article aims to ...", its author): it gives what such a question asks for.
ABOUT_GUIDE = re.compile(r"\b(?:this|the|that) (?:article|guide|page|piece|post)\b"
                         r"|\bwho (?:wrote|write|writes|authored)\b|\bauthors?\b|\bwritten by\b"
                         r"|\bhow (?:can|does|could|will|would) (?:this|it) help\b"
                         r"|\b(?:aimed at|meant for|written for|intended for|the point of"
                         r"|(?:the|its) purpose)\b", re.I)
#: What such a question asks of the guide, beyond its topic ("what's the point
#: of this page?" asks nothing of a topic; "does this guide cover interview
#: tips?" asks of one).
GUIDE_WORDS = frozenset({
    "point", "purpose", "aim", "aims", "aimed", "goal", "meant", "intended", "written",
    "wrote", "write", "writes", "author", "authors", "help", "helps", "helpful", "useful",
    "use", "trying", "cover", "covers", "say", "says", "tell", "tells", "read", "reading",
    "specifically", "side"})
SPEAKS_OF_ITSELF = re.compile(r"\b(?:this|the) (?:article|guide|page|series)\b|\bwritten by\b"
                              r"|\bauthors?\b", re.I)
_PAID_INTO = re.compile(r"\b(?:pay|pays|paid|paying)\s+into\b", re.I)


def _given(words: Sequence[str], question: str, passages_text: str,
           vocabulary: Vocabulary) -> str:
    """The telling type given (:func:`given_answer_type`), when what else the
    question asks of is the corpus's: "how much does a pizza cost?" beside a
    pay passage is not about pay."""
    # The words as repaired count too: "salery?" asks for pay; but not those of
    # a price asked ("how much does it cost a year?" keeps "cost year").
    # (nor those of "do firms pay into a pension?", a payment, not pay)
    given = (given_answer_type(question, passages_text)
             or ("" if COSTS.search(question) or _PAID_INTO.search(question)
                 else given_answer_type(" ".join(words), passages_text)))
    if given == "money" and PENSION.search(f"{question} {' '.join(words)}") and (
            not PENSION.search(passages_text)):
        return ""  # "do they get super paid on top of their wage?" of pay figures alone
    asks = next(a for name, a, _ in ANSWER_TYPES if name == given) if given else None
    if asks and any(w not in vocabulary and not asks.search(w) and w not in PLACE_WORDS
                    for w in words):
        return ""
    return given


def focus_words(terms: Sequence[str], vocabulary: Vocabulary,
                subject: frozenset[str] | None = None) -> list[str]:
    """Content words of ``terms`` that are not the subject of the guides asked
    about: ``subject`` holds its stems (:meth:`Catalogue.subject`); without it,
    words in half the passages or more are the subject."""
    # "... in the US?": where is a qualifier of the question, not its topic.
    words = [w for w in content_words(" ".join(terms)) if w not in _PLACES]

    def of_subject(w: str) -> bool:
        return stem(w) in subject if subject is not None else vocabulary.share(w) >= SUBJECT_SHARE

    # "which certification should I get for BI developer jobs?" asks about
    # certifications: "jobs" after the role's words is the role again, unless
    # it is all it asks ("what other roles can I move into?" asks for roles).
    words = [w for i, w in enumerate(words)
             if not (w in _ROLE_NOUNS and i and of_subject(words[i - 1]))] or words
    return [w for w in dict.fromkeys(words) if not of_subject(w)]


_PLACES = PLACE_WORDS
#: words for a role in general ("jobs", "roles", "careers")
_ROLE_NOUNS = frozenset(LANGUAGE.catalogue_nouns) - {"guides", "topics"}
_CODED = re.compile(r"\d|[+#]")
#: "3rd", "1990s", "200k", "9am", "12hrs": a number with its unit, no name
_NUMBERED = re.compile(r"^\d+(st|nd|rd|th|s|k|m|bn|am|pm|h|hr|hrs|yr|yrs|x)$", re.I)


def named_words(question: str) -> set[str]:
    """Lower-cased words written as names: capitalised after the first word, or
    with digits or symbols in them ("Mulchify", "k8s", "F#")."""
    tokens = re.findall(r"[^\W_]+(?:\+\+|#)?", question)
    out = {t.lower() for t in tokens[1:] if t[:1].isupper()}
    out |= {t.lower() for t in tokens
            if _CODED.search(t) and not t.isdigit() and not _NUMBERED.match(t)}
    return out


def unknown_names(words: Sequence[str], question: str, vocabulary: Vocabulary) -> list[str]:
    """The question's name-like words (see :func:`named_words`) that the corpus
    lacks, among its content words ``words``, once each in order."""
    named = named_words(question) - _PLACES
    return [w for w in dict.fromkeys(words) if w in named and w not in vocabulary]


#: "What is gradient descent?", "explain backprop": a request for a definition.
#: Only a short term of its own ("what are the main duties?" is no definition).
DEFINITION = re.compile(
    r"^\s*(?:can you |could you |please )?(?:(?:what is|what are|what's|whats|explain|define|"
    r"describe)\s+(?!(?:the|their|his|her|your|my|our|this|these|those)\b)(?:an?\s+)?"
    r"[\w-]+(?:\s+[\w-]+){0,3}\s*\??\s*$)|\bwhat does .* mean\b|"
    # "how does X work?", not "how do florists and planners split the work?"
    r"\bhow (?:does|do) (?!the\b)(?:[\w-]+\s+){1,4}work\s*\??\s*$",
    re.I,
)
#: "How does TrowelPro work?", "what is SoilScan and how does it work?": how
#: something works, asked as the clause's end (not "how do they work with X?").
_HOW_IT_WORKS = re.compile(r"\bhow (?:does|do|did) (?:[\w+#-]+\s+){1,3}work\s*(?:[?.!)(]|$)"
                           r"|\bhow (?:it|they|[\w-]+) works?\s*(?:[?.!)(]|$)", re.I)
#: "TrowelPro is ...", "SoilScan, an app ...": a passage saying what a name is.
#: "TIG (tungsten inert gas) – slow but very clean": spelled out, or glossed after a dash.
#: "On a watching brief you monitor ...": what one does on it, led in by "on a".
_DEFINING = (r"\b(?:on|in|during)\s+(?:an?|the)\s+(?:[\w-]+\s+){{0,2}}{}\w*\s+you\b"
             r"|(?<!\w){}\w*(?!\w)(?:\s*,\s*(?:an?|the)\b|(?:/\w+)?\s+\(|\s+[–—]\s"
             r"|[^.;:,]{{0,30}}?(?:\b(?:is|are|means|involves|refers to|stands for)\b|,\s*which\b"
             # "a flat-rate system: you are paid a set number of hours per job"
             r"|:\s+(?:you|it|they|this|that|a|an|the)\b))")
_OCCUPATIONS = frozenset(stem(w) for w in LANGUAGE.occupations)
#: "What's the difference between A and B?": asks to explain, like a definition.
_DIFFERENCE = re.compile(r"^\s*(?:what'?s|whats|what is|explain)\s+the\s+difference\s+between\b",
                         re.I)
#: "What is X used for?", "what's it good for?": asks what a thing serves, which
#: a guide naming it may say; no request to explain the thing itself. "What's
#: a typical day like?" asks for a description, which the guide gives.
_PURPOSE = re.compile(r"\b(?:used|good|useful|needed)\s+for\b|\b(?:for|like)\s*\??\s*$", re.I)
#: Words that point back at the guide, its subject or the conversation.
_REFERS_BACK = re.compile(r"\b(guide|article|page|role|job|this|they|them|their|he|she|it)\b",
                          re.I)
#: Asking whether the role uses or needs something: "Do they use keras?".
_TOOL_QUESTION = re.compile(
    r"\b(use|uses|used|using|know|learn|need|tool|tools|library|libraries|framework|frameworks|"
    r"language|languages|install)\b",
    re.I,
)


#: a person's word ("hairstylist", "bookkeeper"), which two corpus words can make
_PERSON = re.compile(r"(?:ist|er|or|ian)s?$")


def _in_corpus(word: str, vocabulary: Vocabulary) -> bool:
    """Whether the guides use ``word``, or its plural or singular ("GCSE" of
    a guide asking for "five GCSEs"), or, for a person's word, both halves of
    it ("hairstylist" of a guide on hair and stylists; not "sharepoint", a tool
    the guide may not name)."""
    if _used(word, vocabulary):
        return True
    return (8 <= len(word) <= 30 and _PERSON.search(word) is not None
            and any(_used(word[:i], vocabulary) and _used(word[i:], vocabulary)
                    for i in range(4, len(word) - 3)))


def _used(word: str, vocabulary: Vocabulary) -> bool:
    forms = {word, f"{word}s", f"{word}es", *([word[:-1]] if word.endswith("s") else [])}
    return any(f in vocabulary for f in forms)


def _uncommon(word: str, vocabulary: Vocabulary) -> bool:
    """Neither a common word (plural folded) nor a typo of one."""
    forms = {word, word[:-1], word[:-2]} if word.endswith("s") else {word}
    return (word.isalpha() and not forms & vocabulary.dictionary
            and not vocabulary.near_common(word))


def _defines(passages_text: str, word: str) -> bool:
    """Whether the passages say what ``word`` is ("TrowelPro is a planner")."""
    said = re.escape(word)
    return re.search(_DEFINING.format(said, said), passages_text, re.I) is not None


def _explains_unexplained(focus: Sequence[str], question: str, vocabulary: Vocabulary,
                          passages_text: str) -> bool:
    """Whether the question's first sentence asks to explain a concept in
    common words that the best passages name without saying what it is:
    "what is a window function? my course mentions it" of a guide listing
    "window functions" among the skills. A name ("What is TrowelPro?") is
    what the guide says of it; the guide names concepts, it does not teach them."""
    first = re.split(r"(?<=[?!.])\s+", question.strip())[0]
    if (not (DEFINITION.search(first) or _DIFFERENCE.search(first))
            or _REFERS_BACK.search(first) or _PURPOSE.search(first)):
        return False
    asked = set(content_words(_DIFFERENCE.sub(" ", first)))
    if {stem(w) for w in asked} & _OCCUPATIONS:
        return False  # "the difference between a florist and a gardener": about roles
    concept = [w for w in focus if w in asked]
    named = named_words(first)
    held = {stem(w) for w in re.findall(r"[^\W_]+", passages_text.lower())}
    return (bool(concept) and any(w not in named and w in vocabulary.dictionary for w in concept)
            and all(stem(w) in held for w in concept)
            and not any(_defines(passages_text, w) for w in concept))


def missing_subject(words: Sequence[str], question: str, vocabulary: Vocabulary,
                    subject: frozenset[str] | None = None, passages_text: str = "") -> str:
    """What the guide cannot be asked about here ("" if nothing):

    * "definition": the question asks what something is, and none of its
      focus words is in the corpus ("What is gradient descent?"); a guide
      explains its own terms, not others;
      Asking how a named thing works ("what is SoilScan and how does it
      work?") is one too, unless the best passages say what it is: a careers
      guide names its tools, it does not teach them; and so is asking to
      explain a concept the passages name and do not explain (see
      :func:`_explains_unexplained`);
    * "tool": it asks about using or learning something whose name is not a
      common word and not in the corpus ("Do they use keras?"), the lower-case
      names that :func:`named_words` cannot see.
    """
    focus = focus_words(words, vocabulary, subject)
    if (focus and DEFINITION.search(question) and not _REFERS_BACK.search(question)
            and not any(w in vocabulary for w in focus)):
        return "definition"
    if _explains_unexplained(focus, question, vocabulary, passages_text):
        return "definition"
    if _HOW_IT_WORKS.search(question):
        named = [w for w in focus if w in named_words(question)]
        if named and not any(_defines(passages_text, w) for w in named):
            return "definition"
    if vocabulary.dictionary and _TOOL_QUESTION.search(question) and any(
        not _in_corpus(w, vocabulary) and _uncommon(w, vocabulary) for w in words
    ):
        return "tool"
    return ""


def measure(
    words: Sequence[str],
    names: Sequence[str],
    question: str,
    dense: float,
    focus_dense: float,
    off_guide: float,
    vocabulary: Vocabulary,
    similarity: Mapping[str, float],
    passages_text: str = "",
    asked: Sequence[str] | None = None,
    bank: tuple[float, float] = (-1.0, -1.0),
    subject: frozenset[str] | None = None,
    off_topic: float = -1.0,
) -> Evidence:
    """The evidence for a question whose content words are ``words`` and whose
    unknown names (:func:`unknown_names`) are ``names``.

    ``similarity`` maps those names to their best cosine with a corpus word.
    ``asked`` are the question's own content words when ``words`` also holds
    the earlier question a follow-up leans on (default: ``words``): only what
    is asked now can ask for a definition or an unknown tool. ``bank`` holds
    the best cosines with a remembered answerable and out-of-scope question,
    ``off_topic`` that with a message about no role.
    """
    return Evidence(
        dense=dense, focus_dense=focus_dense, off_guide=off_guide, off_topic=off_topic,
        names=tuple((w, similarity.get(w, -1.0)) for w in names),
        missing_type=(missing_answer_type(question, passages_text)
                      or missing_subject(words if asked is None else asked, question,
                                         vocabulary, subject, passages_text)),
        given_type=_given(words if asked is None else asked, question, passages_text, vocabulary),
        unshared=bool(words) and not any(w in vocabulary for w in words),
        bank_answerable=bank[0], bank_out=bank[1],
    )
