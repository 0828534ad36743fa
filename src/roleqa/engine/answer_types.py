"""The kind of answer a question asks for, and whether passages give it.

"How long does it take?" asks for a duration, "how much do they earn?" for
money, "what's the pass rate?" for a share: passages on the topic that hold
no such thing cannot answer it, and the judge declines (roleqa.engine.evidence
measures, roleqa.engine.policy decides). A pay figure is *telling*: a guide
that gives one covers pay, while numbers and dates are in every guide.
Questions asking for a task ("write me a poem", "what is 17 * 23") are told
apart by roleqa.engine.tasks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..text import stem
from .spans import NUMBERS, counted_in, headcount_missing, leave_uncounted, timed_beside
from .tasks import unanswerable_request

__all__ = ["ANSWER_TYPES", "BEING_ON", "COSTS", "PAY_WORDS", "PENSION", "RELATIVE_PAY",
           "TELLING", "asks_money", "asks_only_amount", "asks_price", "given_answer_type",
           "gives_price", "holds_type", "missing_answer_type", "telling_type"]

#: a price in a passage: "tuition fees of £9,250", "$300 in fees" (within a
#: sentence of one passage: passages are joined by newlines); not what a role
#: charges by the day or hour, which it earns ("charge a day rate of €800",
#: "freelancers charge $35 to $75 an hour", unless for a course or lessons;
#: "full-charge bookkeepers earn")
_PRICED = (r"\b(fees?|tuition|costs?|costing|price"
           r"|(?<!full-)charges?(?! (?:an? )?(?:day|daily|hourly) rates?\b)"
           r"(?![^.\n]{0,60}?\b(?:an?|per) (?:hour|day)\b(?![^.\n]{0,20}?\bfor\b))"
           r"|charged|subscription)\b[^.\n]{0,60}?"
           r"[$€£¥]\s?\d|[$€£¥]\s?\d[^.\n]{0,40}?\b(fees?|tuition|costs?|costing|subscription)\b")
#: "how much does it cost?": an amount, which who pays for it does not give
_HOW_MUCH = re.compile(r"\bhow much\b", re.I)
#: ... or none: "apprenticeships are free for the apprentice", "training is
#: fully funded" ("tax-free bursaries" say nothing of a price, nor "midwives are
#: funded through the Midwifery Program"; "fee-free" and "government-funded" do)
_FREE = (r"(?<!tax-)(?<!tax )\b(?:free(?! (?:to|time|evenings?|weekends?)\b)|funded"
         r"|no (?:\w+ )?(?:fees?|cost|charge))\b")
_LEARNING = (r"\b(?:fees?|tuition|courses?|training|degrees?|apprenticeships?|diplomas?"
             r"|qualifications?|study|studying|students?|learners?|apprentices?|trainees?)\b")
_PRICE = re.compile(rf"{_PRICED}|{_LEARNING}[^.\n]{{0,30}}?{_FREE}|{_FREE}[^.\n]{{0,30}}?"
                    rf"{_LEARNING}|\bno (?:\w+ )?fees?\b|\b(?:fee|tuition)-free\b"
                    r"|\bfree of charge\b", re.I)
#: "roughly what would i be on per year?": pay, in British; not "what will i be
#: on call for?"
BEING_ON = (r"\bwhat (?:would|will|do|does|could|might) (?:i|you|they|we|he|she) be on\b"
            r"(?! (?:call|shifts?|nights|duty|placements?|a|an|the)\b)")
#: A question on what something costs the visitor ("tuition fees", "is the
#: course free?", "do I have to pay for it?"), not what the role earns.
COSTS = re.compile(
    r"\b(tuition|fees?)\b|\bcosts? (of|to|for)\b|\bhow much (does|do|is|are|would|will|did)\b"
    # "how much is (public liability) insurance?", "chair rent per week?", not "how
    # much do insurance underwriters earn?"
    r"(.*\bcost\b|(?: (the|a|an|my|your))?(?: \w+){0,2} (rent|rental|insurance|subscriptions?"
    r"|membership)\b(?!.*\b(earn|earns|earning|make|makes|get|gets|paid|salary|salaries"
    r"|wages?|take home)\b))"
    # "how much is the passenger endorsement course?" (not "how much does the degree
    # matter?", "how much is apprenticeship pay?")
    r"|\bhow much (?:is|are) (?:the |a |an |my |your )?(?:\w+ ){0,2}(?:courses?|training|exams?"
    r"|tests?|licen[cs]es?|certificates?|certifications?|endorsements?|diplomas?|degrees?"
    r"|qualifications?)\s*(?:$|[?.!,]|\b(?:for|in|to|at|here|there|now)\b)"
    r"|\b(do|would|will|did) (i|you|we) (have to |need to )?pay\b"
    r"(?! (attention|off|tax|taxes|into|in|national|back|rent|bills)\b)"
    # ("what's the pay for that job?" asks what it earns)
    r"|(?<!the )(?<!their )\b(pay|pays) for (it|that|this|them|those|my|training|courses?"
    r"|exams?|tuition|the (course|training|exams?|degree|licen[cs]e|certification|test))\b"
    r"(?! (jobs?|roles?|positions?|posts?|levels?|grades?)\b)"
    r"|\b(is|are) (it|that|this|they|those|these|the (course|training|exams?|degree"
    r"|certification|qualification|programme|program|app|test)) free\b|\bfor free\b", re.I)
#: Pay asked of beside something else ("paid less than engineers?", "extra for
#: nights?", "any bonuses?"), which a passage may answer in words, no figure.
RELATIVE_PAY = re.compile(r"\b(less|more|lower|higher|extra|bonus(es)?|than|compared?"
                          r"|premiums?|enhancements?|allowances?|overtime)\b", re.I)
#: ... a passage setting pay beside something: "pay trails ... by 10-20%",
#: "extra pay for nights", "an annual bonus"
PAY_WORDS = re.compile(
    r"\b(pay|paid|earn\w*|salar(y|ies)|wages?)\b[^.]{0,40}?\b(less|more|lower|higher|trails?"
    r"|above|below|than|extra|premiums?)\b|\b(less|more|lower|higher|extra|enhanced)\b"
    r"[^.]{0,20}?\b(pay|paid|salar(y|ies)|wages?)\b|\bbonus(es)?\b|\ballowances?\b"
    # the names of extra pay for shifts: "shift penalties of 15%" (Australia),
    # "shift differentials" (the US), "weekend loadings", "time and a half"
    r"|\bunsocial hours\b|\bpenalty rates?\b|\bshift penalt(y|ies)\b"
    r"|\b(shift|pay|night|weekend) (differentials?|loadings?)\b"
    r"|\btime[- ]and[- ]a[- ]half\b|\bdouble time\b", re.I)
#: Currencies a figure may be given in by code or name ("AUD 65,000",
#: "45,000 rand"), beside the signs; a code counts only beside a figure ("CAD
#: 3D modelling", "carry an AED" give no pay).
_CODES = (r"usd|eur|gbp|aud|cad|nzd|inr|zar|chf|sgd|hkd|jpy|cny|sek|nok|dkk|aed|sar|ngn|kes"
          r"|myr|pkr|brl|mxn")
_CODED = rf"\b(?:{_CODES})\s?\d[\d,.]*(?!\w)|\d[\d,.]*\s?k?\s?(?:{_CODES})\b"
_CURRENCY_WORDS = r"dollars?|euros?|pounds?|rupees?|rand|yen|francs?|dirhams?|kronor|kroner|pesos?"
#: whom a route in suits beyond the young: said of an age asked, or of an upper one
_OLDER_ENTRANTS = (r"\bmature (students?|entrants?|applicants?)\b|\bcareer[- ]changers?\b"
                   r"|\blater in life\b")
#: Expected answer types: (pattern on the question, pattern an answer must hold).
ANSWER_TYPES = (
    ("number", re.compile(r"\bhow (many|big|large)\b|\bwhat (percentage|share)\b", re.I),
     re.compile(rf"\d|\b({NUMBERS})\b", re.I)),
    # "How long does it take?", "How old is he?": a number of years, months, ...
    # ("five distinct tasks" answers "how many", not "how long").
    # "Am I too old at 40?", "is there an age limit?": an age, or whom the route suits.
    ("age", re.compile(r"\btoo (old|young)\b|\bat what age\b|\bhow old\b"
                       r"|\b(minimum|maximum|upper|lower) age\b|\bage (limits?|requirements?"
                       r"|restrictions?)\b", re.I),
     re.compile(r"\bage[ds]?\b|\bolder\b|\byounger\b|\b\d\d\s?(\+|or (over|older))"
                r"|\bat least \d+|\b\d+ years? old\b|\b(no|upper|lower) (age )?limits?\b"
                r"|\bmust be (at least )?\d+|\bretire\w* at \d+|\b(over|under) \d\d\b"
                rf"|{_OLDER_ENTRANTS}|\bschool leavers?\b", re.I)),
    # "What's the maximum age?", "am I too old?": an upper bound, which a
    # minimum age ("You must be 18") does not give
    ("upper age", re.compile(r"\b(maximum|max|upper|oldest)\s+age\b|\btoo old\b"
                             r"|\bage (cap|ceiling)\b", re.I),
     re.compile(r"\b(upper|maximum|max|oldest) (age|limit)\b|\bage limits?\b"
                r"|\bno\b.{0,25}\blimit\b|\btoo old\b"
                r"|\bolder (applicants|entrants|people|candidates|students|trainees)\b"
                rf"|{_OLDER_ENTRANTS}|\bretir\w*|\bany age\b|\bunder \d\d\b"
                r"|\bbefore (your|their|the age of|age) \d+|\bbirthday\b"
                r"|\bin their (forties|fifties|sixties|[4-6]0s)\b", re.I)),
    ("duration", re.compile(r"\bhow long\b|\bhow many (years|months|weeks|days|hours)\b", re.I),
     # "two or more years", "18 months", "four to five years"
     counted_in("years?|months?|weeks?|days?|hours?")),
    # "When was it founded?" asks for a date; "When does the team start ...?" for a
    # moment in the work, which a guide states in words, and "When is a firm
    # required to ...?" for a condition.
    ("date", re.compile(r"^\s*when (was|were|did|will)\b"
                        r"|^\s*when (is|are)\b(?!.*\b(required|needed|necessary"
                        r"|mandatory|compulsory|obliged|obligatory|allowed|permitted)\b)"
                        r"|\b(what|which) (year|date)\b"
                        r"|\bsince when\b|\bhow long ago\b", re.I),
     re.compile(r"\b(1[89]|20)\d\d\b|\b(january|february|march|april|may|june|july|august|"
                r"september|october|november|december|century|decade|ago)\b", re.I)),
    # "What's the pass rate?": a share, which a guide states as one.
    ("percent", re.compile(r"\b(pass|success|acceptance|failure|dropout|drop-out|attrition"
                           r"|turnover|completion) rates?\b"
                           r"|\bwhat (\w+ )?(percentage|percent|proportion)\b"
                           r"|\bhow many percent\b", re.I),
     re.compile(rf"\d\s?%|\bper ?cent\b|\b(half|a third|a quarter|most|few)\b"
                rf"|\b(one|1) in ({NUMBERS}|\d+)\b", re.I)),
    # "Is there a minimum height?": a measure, with its unit.
    ("measure", re.compile(r"\bhow tall\b"
                           r"|\b(minimum|maximum|required) (height|weight)\b"
                           r"|\b(height|weight) (requirements?|limits?|restrictions?)\b", re.I),
     re.compile(r"\d\s?(cm|mm|m|metres?|meters?|centimet(?:re|er)s?|ft|feet|foot|inch(?:es)?"
                r"|kg|kilos?|kilograms?|lbs?|pounds|stone)\b"
                r"|\b(height|weight)\b", re.I)),
    # "How much is that after tax?", "the take-home": pay as taken home, which a
    # gross figure is not ("what would I take home for the season?" asks pay).
    ("net pay", re.compile(r"\b(after|minus) tax(es)?\b|\btake[- ]home (pay|salary|wages?|income)\b"
                           r"|\b(the|a|my|your|their|our) take[- ]home\b"
                           r"|\bnet (pay|salary|income|wage)\b", re.I),
     re.compile(r"\b(after|before) tax|\btake[- ]home\b|\bnet\b|\bgross\b", re.I)),
    # "How much are the tuition fees?", "do I have to pay for it?": the cost of
    # something, which a pay figure does not answer.
    ("cost", COSTS,
     # a price, or who pays ("employers pay the training costs"): "explain work
     # and costs to customers" prices nothing, and a wage is no price
     re.compile(rf"{_PRICED}"
                r"|\b(free|funding|funded|loans?|bursary|bursaries|grants?|sponsor\w*)\b"
                r"|\b(paid|pays?) for\b|\bself[- ]fund\w*"
                r"|\b(pay|paying) to (train|study|qualify|learn)\b"
                r"|\b(pays?|paid|covers?|covered)\s+(the|your|their|all|its)"
                r"\s+(\w+\s+)?(costs?|fees?|tuition)\b|\b(costs?|fees?)\s+(are|is)\s+(\w+\s+)?"
                r"(paid|covered)\b",
                re.I)),
    # "Which uni is best for it?": a named place to study, which "a three-year
    # degree at university" does not give (a place named is written in capitals)
    ("institution", re.compile(r"\b(?:(?:best|top|good|recommended?)\s+(?:unis?"
                               r"|universit(?:y|ies)|colleges?|schools?)|which\s+(?:unis?"
                               r"|universit(?:y|ies)|colleges?|schools?)\s+(?:is|are|should"
                               r"|would|to go|do you recommend))\b(?!\s+(?:courses?|degrees?"
                               r"|subjects?|qualifications?|grades?|work|years?|leavers?|classes"
                               r"|programs?|programmes?|majors?|results|entry|requirements)\b)",
                               re.I),
     re.compile(r"\b(University|College|Institute|School|Academy|Polytechnic|Conservatoire)"
                r" (of|for)( the)? [A-Z]|\b[A-Z][\w&'.-]+ (University|College|Institute|School"
                r"|Academy|Polytechnic|Conservatoire)\b|\b(?i:universit(y|ies)|colleges?|schools?)"
                r",? (such as|like|including|at|in) [A-Z]")),
    # "What ATAR do I need?", "what A-level grades?": a grade or score, which
    # "a three-year degree" does not give ("what grades do I need?" asks for
    # the qualifications too, "three A levels")
    ("grades", re.compile(r"\bwhat(?:'?s| is)? (?:the )?(?:[\w-]+ ){0,2}(?:atar|gpa|ucas points"
                          r"|tariff points|(?:a[- ]?levels?|gcses?|highers?) grades?)\b"
                          r"|\bwhat (?!(?:kinds?|types?|sorts?) of)(?:[\w-]+ ){0,2}scores? "
                          r"(?:do|does|would|will|you|to|is|are|needed|required)\b"
                          r"|\bucas points\b"
                          r"|\bhow many (?:ucas |tariff )?points\b|\bpass mark\b", re.I),
     re.compile(r"\bgrades? (\d|[A-E]\b|[A-E]\*)|\d+ (ucas |tariff )?points"
                r"|(?-i:\b(?:A\*|[A-E]){3}\b) (?:at|in) A[- ]?levels?"
                r"|\bA[- ]?levels? (?:at|of) (?-i:(?:A\*|[A-E]){3}\b)"
                r"|\b(atar|gpa|ielts|score)\b[^.\n]{0,20}\d|\d[^.\n]{0,12}\b(atar|gpa)\b"
                r"|\bpass mark\b", re.I)),
    # "What do they pay attention to?", "does it pay off?": no money asked.
    ("money", re.compile(r"\bhow much\b.*\b(cost|costs|pay|paid|earn|make|charge|price|spend)\b"
                         # not "till i get a paid job" (employment), "pay into a pension"
                         # (a payment) nor "do seafarers pay income tax?": no amount of pay
                         r"|\b(pay|pays|paid)\b(?!\s+(attention|heed|off|back|tribute)\b)"
                         r"(?!\s+(?:\w+\s+){0,2}(?:tax(?:es)?|national insurance)\b)"
                         r"(?!(?<=paid)\s+(?:jobs?|roles?|employment)\b)(?!\s+into\s+(?:(?:a|an|the"
                         r"|your|their|my)\s+)?(?:\w+\s+)?(?:pensions?|super|superannuation|401k)\b)"
                         r"|\b(salary|salaries|compensation|wage|wages|price|fee|fees|earn|earns"
                         r"|earnings|earners?|income\b(?!\s+tax)"
                         # "top earners make how much"
                         r"|makes?\b.{0,20}\bhow much"
                         r"|cost|costs|pricing)\b|\bfor free\b|\bfree of charge\b"
                         r"|\b(is|are) (it|that|this|they|those|these) free\b"
                         r"|\bmakes?\s+(a|an|per)\s+(year|month|week|hour|day)\b"
                         rf"|{BEING_ON}", re.I),
     re.compile(rf"[$€£¥₹]|{_CODED}|\b({_CURRENCY_WORDS}|salary|salaries"
                r"|per (year|hour|month)|free of charge|costs?)\b"
                # "80,000 a year", not "40 a week" (hours)
                r"|\d,\d{3}\s+an? (year|month)\b|\d\s?k\s+an? year\b", re.I)),
)
#: Answer types a guide's passages hold only where it covers the topic, and
#: what shows it: a pay figure is a section on pay ("This guide does not
#: discuss salary" gives none), while numbers and dates are in every guide.
TELLING = {"money": re.compile(
    rf"[$€£¥₹]\s?\d|{_CODED}|\d[\d,.]*\s?k?\s+(?:us\s+)?(?:{_CURRENCY_WORDS})\b"
    # "45,000 a year", "30k per year", not "40 a week" (hours) nor "3 a day"
    r"|\d,\d{3}\s+(?:a|per)\s+(?:year|month|week)\b|\d\s?k\s+(?:a|per)\s+year\b", re.I)}
#: "do you get paid during it?", "are apprentices paid?": asks whether, which
#: a passage answers in words ("you are paid while you study") or with a rate
#: ("about $24 an hour": "do casual staff get paid more per hour?")
_WHETHER_PAID = re.compile(r"^\s*(?:and\s+|so\s+)?(?:do|does|did|are|is|will|would|can)\b"
                           r".*\b(?:get|gets|getting|be|being|are|is)\s+paid\b", re.I)
_SAYS_PAID = re.compile(r"\b(?:paid|unpaid|pay|salary|wages?|earn\w*|hourly rates?)\b"
                        r"|\d\s*(?:an?|per)\s+hour\b", re.I)
#: how long something short lasts ("how long does it last?", "how long is
#: each test?"), which minutes answer too: not a degree's "15 minutes early"
_LASTING = re.compile(r"\blast(?:s|ing)?\b|\beach\b|\bspen(?:d|ds|t)\b"  # "spend on portraits"
                      r"|\b(?:exams?|tests?|appointments?|appts?"
                      r"|interviews?|shifts?|sessions?|lessons?|breaks?|calls?)\b", re.I)
_MINUTES = counted_in("years?|months?|weeks?|days?|hours?|minutes?|mins?")


def missing_answer_type(question: str, passages_text: str) -> str:
    """The answer type the question asks for and the passages lack ("" if
    none): "task", one of :data:`ANSWER_TYPES`, or "expansion" for what a
    short form stands for where no passage spells it out."""
    request = unanswerable_request(question, passages_text)
    if request:
        return request
    for name, asks, holds in ANSWER_TYPES:
        # What a course costs is no pay, and a pay figure no cost
        if name == "money" and COSTS.search(question):
            continue
        if name == "money" and RELATIVE_PAY.search(question) and PAY_WORDS.search(passages_text):
            continue  # "paid less than teachers?": "pay trails ... by 10-20%"
        if name == "cost" and asks_price(question):
            holds = _PRICE  # "paid for through a subscription" names no price, "free" one
        if name == "money" and _WHETHER_PAID.search(question) and not _HOW_MUCH.search(question):
            holds = _SAYS_PAID  # "do you get paid while training?": whether, not how much
        if name == "duration" and _LASTING.search(question):
            holds = _MINUTES
        if name == "duration" and timed_beside(question, passages_text):
            continue
        if asks.search(question) and not holds.search(passages_text):
            return name
        if name == "duration" and leave_uncounted(question, passages_text):
            return name  # "how many days' holiday?" of no time off counted
        if name == "number" and headcount_missing(question, passages_text):
            return name
    return ""


#: The stems of the words a question asks an amount with, or of the route whose length
#: it asks ("how *long* does it take to *qualify*?", "how many years of *university*?")
_AMOUNT_STEMS = {name: frozenset(stem(w) for w in said.split()) for name, said in {
    "duration": "long years months weeks days hours take become qualify fully university "
                "degree course training apprenticeship study",
    "age": "old young age",  # "how *old* do you have to be?"
}.items()}


def asks_only_amount(question: str, focus: Iterable[str], passages_text: str) -> bool:
    """Whether ``question`` asks for nothing but an amount the passages give, a
    duration or an age, its ``focus`` words no more than the words asking it ("how long
    does that take?" of "about three years"): no topic guides rarely cover."""
    asked = {stem(w.lower()) for w in focus}  # "courses" as "course"
    return bool(asked) and any(
        name in _AMOUNT_STEMS and asks.search(question) and holds.search(passages_text)
        and asked <= _AMOUNT_STEMS[name] for name, asks, holds in ANSWER_TYPES)


def asks_money(question: str) -> bool:
    """Whether ``question`` asks for money ("what's the salary?", "how much do they earn?")."""
    return any(name == "money" and asks.search(question) for name, asks, _ in ANSWER_TYPES)


def given_answer_type(question: str, passages_text: str) -> str:
    """The telling answer type (:data:`TELLING`) the question asks for and
    the passages hold ("" if none): "what's the salary?" of a guide that gives
    pay figures."""
    for name, asks, _ in ANSWER_TYPES:
        if name in TELLING and asks.search(question) and TELLING[name].search(passages_text):
            # "how much does the insurance cost?": a wage is no price, nor is
            # one price (a day rate) every other
            if name == "money" and COSTS.search(question):
                continue
            return name
    return ""


#: a pension named: "super paid on top of their wage?" asks of it, not of the wage
PENSION = re.compile(r"\b(?:pensions?|superannuation|401k)\b", re.I)


def telling_type(question: str) -> str:
    """The telling answer type (:data:`TELLING`) ``question`` asks for, or ""."""
    return next((name for name, asks, _ in ANSWER_TYPES
                 if name in TELLING and asks.search(question)), "")


_PRICE_FIGURE = re.compile(_PRICED, re.I)


def asks_price(question: str) -> bool:
    """Whether ``question`` asks what something costs, as an amount ("how much
    is the passenger endorsement course?"), which who pays for it does not give."""
    return bool(COSTS.search(question) and _HOW_MUCH.search(question))


def gives_price(text: str) -> bool:
    """Whether ``text`` gives a price: a figure said as a fee or a cost ("The
    course usually costs between $300 and $500"), not a wage."""
    return _PRICE_FIGURE.search(text) is not None


def holds_type(name: str, text: str) -> bool:
    """Whether ``text`` gives the telling answer type ``name`` (a pay figure)."""
    return TELLING[name].search(text) is not None
