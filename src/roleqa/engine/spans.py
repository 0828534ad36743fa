"""Counts of time: a number of units, a span of time asked for and given,
days of leave counted, one piece of work timed; and people counted.

"How long does it take?" is answered by a span ("three years full-time"),
not a rate ("37.5 hours a week"); "how much annual leave?" by days counted
beside the time off ("28 days' annual leave"), not a rota. Read by
roleqa.engine.answer_types (the duration a question asks for) and by the
ranking (roleqa.engine.pipeline.front: a span brought to the front).
"""

from __future__ import annotations

import re

from ..text import stem, words

__all__ = ["NUMBERS", "asks_span", "counted_in", "gives_span", "headcount_missing",
           "leave_uncounted", "timed_beside"]

NUMBERS = "|".join(
    "one two three four five six seven eight nine ten eleven twelve twenty thirty forty "
    "fifty hundred thousand million billion dozen half percent".split()
)


def counted_in(units: str, vague: bool = True) -> re.Pattern[str]:
    """A number of ``units`` (an alternation): "18 months", "four to five years",
    "two or more years", "a three-year degree", "1,500 logged hours", and
    unless not ``vague`` "several years"."""
    counts = rf"\d+|{NUMBERS}" + ("|a few|several" if vague else "")
    return re.compile(rf"\b({counts})(\s+(or|to)\s+(more|\d+|{NUMBERS}))?"
                      rf"(\s+\w+ed)?(\s+|-)({units})\b", re.I)


#: time off asked for, counted: "how many days' holiday?", "how many vacation
#: days a year?", "how much annual leave?" (not "how many days a week do they
#: work?", which a guide may answer "Monday to Friday", nor "how much holiday
#: pay?" or "how many years before I can leave?") ...
_TIME_OFF = r"\b(?:holidays?|leave|vacation|pto)\b"
_LEAVE = re.compile(_TIME_OFF, re.I)
_COUNTED = re.compile(rf"\bhow many (?:\w+\s+){{0,2}}?(?:days|weeks)\b"
                      rf"|\bhow much (?:paid\s+)?(?:annual\s+)?{_TIME_OFF}"
                      r"(?!\s+(?:pay|allowance)\b)", re.I)
#: ... which a passage counts as time off given: "28 days' annual leave",
#: "holiday entitlement is 25 days", not "open 365 days a year", "4 days on, 4
#: days off, including bank holidays" nor "trainees leave home for 10 weeks"
_DAYS = counted_in("days?|weeks?").pattern
_LEAVE_TOLD = re.compile(
    rf"{_DAYS}'?\s+(?:of\s+)?(?:paid\s+)?(?:annual\s+)?{_TIME_OFF}"
    rf"|{_TIME_OFF}(?:\s+\w+){{0,3}}?\s+(?:of|is|are|at|to|from)\s+(?:about\s+|around\s+"
    rf"|up to\s+)?{_DAYS}"
    # "annual leave is typically around 30 days" (not "drivers leave home and are
    # usually 5 days on the road")
    rf"|{_TIME_OFF}\s+(?:entitlement\s+)?(?:is|are)\s+(?:typically|usually|normally|generally"
    rf"|often)\s+(?:about\s+|around\s+|up to\s+)?{_DAYS}", re.I)


def leave_uncounted(question: str, passages_text: str) -> bool:
    """Whether ``question`` asks how much time off, counted, and the passages
    count none ("how many days' holiday?" of "4 days on, 4 days off")."""
    return bool(_LEAVE.search(question) and _COUNTED.search(question)
                and not _LEAVE_TOLD.search(passages_text))


#: how long something takes, asked: "how long does that take?", not how many
#: hours a week, nor how long a short event takes (an exam, an appointment,
#: a shift), which hours and minutes answer
_ASKS_SPAN = re.compile(r"^(?!.*\b(?:exams?|tests?|appointments?|appts?|interviews?|shifts?"
                        r"|sessions?|lessons?|assessments?|haircuts?|flights?|calls?)\b)"
                        r"(?:.*\bhow long (?:does|do|did|will|would|could|can)\b[^?.]*\btakes?\b"
                        r"|.*\bhow many (?:years|months)\b"
                        # "how long is it?" after "what's the diploma?" (not "how
                        # long is the course?" of a two-day course: days are no span)
                        r"|.*\bhow long (?:is|are|was|were) (?:it|that|this|they|those)"
                        r"\s*(?:[?.!,]|$))", re.I)
#: a span of time given: "three years full-time", "18 months"; not a rate
#: ("37.5 hours a week", "one day a week"), nor a vague count ("a shortage
#: ... for several years")
_SPAN = re.compile(counted_in("years?|months?|weeks?", vague=False).pattern
                   + r"(?!\s+(?:a|per|each|every)\s+(?:day|week|month|year|shift)\b)", re.I)


def asks_span(question: str) -> bool:
    """Whether ``question`` asks how long something takes ("how long does that take?")."""
    return _ASKS_SPAN.search(question) is not None


#: a span spent in the job, a point on a career ("after two to four years as a
#: qualified adviser", "two to three years of licensed experience"), not how long
#: the way in takes ("12 to 18 months as a workplace traineeship", "after 3 years as
#: an apprentice", "12 months of supervised experience")
_IN_ROLE = re.compile(rf"(?:\b(?:after|with)\s+({_SPAN.pattern})\s+(?:as\s+an?\s+(?!(?:apprentice"
                      r"|trainee|student|intern|cadet)s?\b)|in\s+the\s+(?:job|role|trade)\b)"
                      rf"|({_SPAN.pattern})['’]?\s+(?:of\s+)?(?:(?:licensed|qualified"
                      r"|post-qualification|professional)\s+)?experience\b(?!\s+before\b))", re.I)


def gives_span(text: str, in_role: bool = True) -> bool:
    """Whether ``text`` gives a span of time ("three years full-time"), not a
    rate; unless ``in_role``, one spent on the way in, not in the job."""
    spent = set() if in_role else {
        m.start(1) if m.group(1) else m.start() for m in _IN_ROLE.finditer(text)}
    return any(m.start() not in spent for m in _SPAN.finditer(text))


#: how long one piece of work takes: "how long does an infill take?"
_TAKES = re.compile(r"\bhow long (?:does|do|did|will|would|should) (?:an? |the |one )?"
                    r"([\w-]+(?: [\w-]+)?) take\b", re.I)
#: ... not a step of a career, nor "it" or "that" of one: "how long does the
#: course take?", "how long does it take to qualify?"
_ROUTE = re.compile(r"\b(?:becom\w*|qualif\w*|train\w*|universit\w*|degrees?|courses?"
                    r"|apprenticeships?|stud\w*|learn\w*|careers?|promot\w*|progress\w*"
                    r"|experience|hired|certif\w*|licen[cs]\w*|it|that|this|they|you|i)\b", re.I)
_TIMED = counted_in("hours?|minutes?|mins?")


def timed_beside(question: str, passages_text: str) -> bool:
    """Whether ``question`` asks how long one piece of work takes ("how long
    does an infill take?") and a line of the passages times that thing in
    minutes or hours ("Acrylic infill: ... Time taken: 60 minutes"); not a
    step of a career (:data:`_ROUTE`), nor anything the line does not name
    ("how long does a PhD take?" of interviews lasting 30 minutes)."""
    asked = _TAKES.search(question)
    if not asked or _ROUTE.search(question):
        return False
    thing = stem(asked.group(1).split()[-1])
    return any(_TIMED.search(line) and thing in {stem(w) for w in words(line)}
               for line in passages_text.splitlines())


#: how many people or things there are: "how many locksmiths are there in
#: oz?", "how many ... are employed in the United States?" (not "how many of
#: those are there")
_HOW_MANY_THERE = re.compile(r"\bhow many (?!of\b)((?:[a-z-]+ ){0,2}[a-z-]+?)s? (?:are there"
                             r"|are employed|work (?:as|in)|exist)\b", re.I)
#: ... of people or things, not of what someone does ("how many hours do nurses work in")
_DOING_WORDS = frozenset({"do", "does", "did", "you", "they", "we", "i", "would", "will", "can",
                          "hours", "days", "shifts", "weeks"})
#: a number and the words after it: "Around 6,000 people work as locksmiths"
_NUMBER_OF = re.compile(rf"\b(?:\d[\d,.]*|{NUMBERS})(?:\s*(?:million|thousand|k)\b)?"
                        r"((?:\s+[\w-]+){1,4})", re.I)
_PEOPLE = frozenset(stem(w) for w in ("people", "workers", "members"))


def headcount_missing(question: str, passages_text: str) -> bool:
    """Whether ``question`` asks how many people or things of a kind there are
    and no passage counts them ("how many nail salons are there in Australia?"
    of a guide counting none; answered by "Around 500,000 people work as
    construction managers")."""
    asked = _HOW_MANY_THERE.search(question)
    if not asked or set(asked.group(1).lower().split()) & _DOING_WORDS:
        return False
    kinds = {stem(asked.group(1).split()[-1]), *_PEOPLE}
    return not any(kinds & {stem(w) for w in words(m.group(1))}
                   for m in _NUMBER_OF.finditer(passages_text))
