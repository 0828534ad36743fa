"""The catalogue of loaded guides: which roles a question names, and how to speak of them.

Every name comes from the guides themselves (each role, its aliases, its
initials: "tree care specialist" → "TCS") and the language data's words
for occupations (engine/role_names.py); nothing here knows any one guide. A
question names a role when its words, plurals folded, are one of those names;
it names a role *no* guide covers when it holds an occupation ("UX designer")
that is neither a guide's role nor a phrase any guide uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import partial

from ..errors import UnknownGuideError
from ..language import LANGUAGE
from ..text import join_names, stem, words
from ..types import Guide
from .clippings import as_verb, said_otherwise
from .guide_places import GuidePlaces
from .guide_words import ORDINARY_SHARE, SUBJECT_SHARE, GuideWords, memo
from .lexicon import Lexicon, capital_initials, fold, misspelt, word_initials
from .named_by_words import (
    doings,
    named_by_context,
    named_by_crew,
    named_by_doing,
    named_by_work,
    told_apart,
    work_roots,
)
from .naming import (
    COORDINATING,
    field_index,
    lone_fields,
    loosely_named,
    name_words,
    named_by_field,
    named_by_head,
    named_by_kind,
    named_by_lead,
    named_by_lone_field,
    named_by_slip,
    thing_elsewhere,
    words_before,
)
from .role_names import field_stem, name_keys, role_head, role_spellings, sole_heads
from .unknown_roles import unknown_role

__all__ = ["ORDINARY_SHARE", "SUBJECT_SHARE", "Catalogue"]

_CLOCK = re.compile(r"^\d{1,2}(?::\d\d)?$")  # "8 pm" is a time, not a plant manager
#: the most guides one name names at once ("PT" of a physio and a trainer)
SHARED_MOST = 3
#: words setting roles side by side: "which earns more, a nurse or a pilot?"
_PAIRING = COORDINATING | {"than"}
#: how many times as many passages as any other guide a role's guide must write
#: its last word in to be named by it alone, though others use it
HEAD_TIMES = 3


class Catalogue:
    """The guides loaded into one index, and the names visitors call their roles by."""

    def __init__(self, guides: Sequence[Guide], documents: Iterable[tuple[str, str]] = (),
                 dictionary: frozenset[str] = frozenset(), lexicon: Lexicon | None = None,
                 ) -> None:
        """``documents`` are (guide slug, text) of each passage, as it is searched;
        ``dictionary`` the common words of the model (see embed.model_dictionary);
        ``lexicon`` what the build read of the same (see lexicon.Lexicon)."""
        self.guides = tuple(guides)
        self._by_slug = {g.slug: g for g in self.guides}
        # a role's initials that are a common word ("eye") name it only in
        # capitals, once spelled out (see capital_initials)
        worded = word_initials(self.guides, dictionary)
        names = self._names = [(key, slug) for key, slug in name_keys(self.guides)
                               if not (len(key) == 1 and key[0] in worded)]
        #: the one-word names of four letters or more, for a slip of one letter
        self._one_word = {key[0]: slug for key, slug in names if len(key) == 1 and len(key[0]) > 3}
        #: names by their first word, longest first: a question is read in one pass
        self._by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for key, slug in names:
            self._by_first.setdefault(key[0], []).append((key, slug))
        self._own_subjects: dict[frozenset[str], frozenset[str]] = {}
        self.name_words = frozenset(w for key, _ in names for w in key)
        self._name_stems: dict[str, set[str]] = {}
        for key, slug in names:
            # and a short name's plural, which stem() leaves be: "PTs"
            self._name_stems.setdefault(slug, set()).update(
                {*(stem(w) for w in key), stem(key[-1] + "s")})
        self._heads = frozenset(LANGUAGE.occupations) | {
            h for g in self.guides if (h := role_head(g.role))}
        self._head_stems = frozenset(stem(h) for h in self._heads)
        documents = list(documents)
        #: the words each guide uses (stems, roots, subject, headings)
        self.words = GuideWords(documents, [g.slug for g in self.guides])
        for g in self.guides:  # "subjects for surveying?" asks of a land surveyor
            field = field_stem(g.role, partial(self.words.writes, slug=g.slug))
            if field and not self.words.ordinary(field):  # not "work" of a social worker
                self._name_stems.setdefault(g.slug, set()).add(field)
        #: each role's last word → the guides whose role ends in it
        self._roles_ending: dict[str, list[str]] = {}
        for g in self.guides:
            if head := role_head(g.role):
                self._roles_ending.setdefault(head, []).append(g.slug)
        #: each role's last word → (slug, the words its name holds or its text
        #: writes before that word), for a shorter kind of its name ("speech therapist")
        self._kinds = {
            head: [(slug, frozenset(fold(w) for w in [
                *name_words(self.get(slug)),
                *words_before(self.words.texts.get(slug, ()), head)])) for slug in slugs]
            for head, slugs in self._roles_ending.items()}
        self._head_of = sole_heads(self.guides, self._roles_ending, self.words, HEAD_TIMES)
        #: each role name of two words or more as (its leading words, its last
        #: word, slug): "wind turbine" people, "air traffic control"
        self._fields = field_index([(key[:-1], key[-1], slug) for key, slug in names
                                    if len(key) > 1])
        #: a short field naming its role alone: "a few years in UX"
        self._lone_fields = lone_fields(
            names, dictionary, lambda w: self.words.most_about(w, times=HEAD_TIMES))
        #: the common words of the model, to tell a word from a short form or a typo
        self.dictionary = dictionary
        self._work_roots = work_roots(self._roles_ending)
        self._doings = doings({g.slug: g.role for g in self.guides})
        self._role_words = {g.slug: {fold(w) for w in words(g.role)} for g in self.guides}
        self.places = GuidePlaces(self.words.texts)  # countries, their parts, pay
        self._mentions: dict[str, frozenset[str]] = {}
        #: short forms, names and initials the guides use: stored by the build, or read now
        self.lexicon = lexicon or Lexicon.read(self.guides, documents, dictionary)
        self.short_forms = self.lexicon.short_forms
        self.names_used = self.lexicon.names_used
        self.initials = self.lexicon.initials
        #: a two-word role's initials that are a word too, for when written in capitals
        self.capital_forms = capital_initials(self.guides, self.short_forms, self.words.written,
                                              worded)
        # and a short form a guide defines that is a word too ("AIMS")
        for short, term in self.lexicon.capital_terms.items():
            if short not in LANGUAGE.capitals_not_roles:
                self.capital_forms.setdefault(short, term)
        #: names visitors write and no guide does, as the guide names the role
        self.role_names = role_spellings(self.guides, {key[0] for key, _ in names if len(key) == 1},
                                         dictionary, self.words.written)

    # -- looking guides up ---------------------------------------------------
    @property
    def slugs(self) -> tuple[str, ...]:
        return tuple(self._by_slug)

    def __len__(self) -> int:
        return len(self.guides)

    def get(self, slug: str) -> Guide:
        """The guide named ``slug``; :class:`UnknownGuideError` naming the known ones."""
        try:
            return self._by_slug[slug]
        except (KeyError, TypeError):
            raise UnknownGuideError(
                f"There is no guide {slug!r}. Known guides: {', '.join(self.slugs)}."
            ) from None

    def scope(self, value: object) -> tuple[str, ...]:
        """The slugs a scope names, checked: a slug or a list of slugs (blank ones
        skipped); every guide for None, "" or an empty list."""
        if value is None:
            return self.slugs
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list | tuple) or not all(isinstance(s, str) for s in items):
            raise UnknownGuideError("A guide scope must be a slug or a list of slugs, "
                                    f"not {value!r}.")
        slugs = [s.strip() for s in items if s.strip()]
        if not slugs:
            return self.slugs
        return tuple(dict.fromkeys(self.get(s).slug for s in slugs))

    # -- reading questions ---------------------------------------------------
    def named(self, text: str) -> list[str]:
        """Slugs of the guides whose role ``text`` names, in order of first mention.
        A role's last word alone names it where no other role ends in it and it
        stands bare, as "a nurse" or "nurses" (not "the hiring manager")."""
        raw = words(text)
        tokens = [fold(w) for w in raw]
        candidates = [(key, slug, i) for i, tok in enumerate(tokens)
                      for key, slug in self._by_first.get(tok, ())]
        # Longest names first, so "tree surgeon" wins over "surgeon".
        candidates.sort(key=lambda c: -len(c[0]))
        found: list[tuple[int, str]] = []
        taken: set[int] = set()
        shared: dict[tuple[int, tuple[str, ...]], list[str]] = {}  # a name two guides go by
        for key, slug, i in candidates:
            n = len(key)
            span = tuple(tokens[i : i + n])
            if ((span != key and not misspelt(span, key, self.dictionary))
                    or (taken & set(range(i, i + n)) and (i, key) not in shared)):
                continue
            if n == 1 and i and _CLOCK.match(tokens[i - 1]):
                continue
            if (n == 1 and i and tokens[i] != raw[i] and raw[i - 1] in ("a", "an")
                    and raw[i] in self.words.capitals):
                continue  # "a pts card" of a guide writing "PTS": no physiotherapists ("PTs")
            if n == 1 and key[0] not in self._role_words[slug] and (
                    thing_elsewhere(tokens, i, slug, self.words) or as_verb(raw, i) or any(
                        s != slug for _, s in loosely_named(tokens[i:i + 2], self._fields, set()))):
                continue  # and "vet nursing" of a veterinary nurse, "vet your record": no vet
            if n == 1 and said_otherwise(text, raw, i, self.words.written):
                continue
            found.append((i, slug))
            if slug not in (sharing := shared.setdefault((i, key), [])):  # "PT" and "PTs"
                sharing.append(slug)
            taken |= set(range(i, i + n))
        for (i, _key), slugs in shared.items():
            if len(slugs) > 1:
                # told apart, or asked of both; a name many guides go by names none
                pick = told_apart(tokens, self._names_but(slugs), slugs, self.words)
                if pick or len(slugs) > SHARED_MOST:
                    found = [(j, s) for j, s in found if j != i or s == pick]
        named = {d for _, d in found}
        paired = bool(set(tokens) & _PAIRING)  # "a flight attendant or a pilot?"
        for i, slug in named_by_head(raw, tokens, taken, self._head_of, self._kind_written):
            # "solicitors: how long to make partner?": a role's last word that a
            # role named by its name writes as such is that role's, unless the
            # question sets roles side by side
            if paired or not any(self.words.writes(tokens[i], d) for d in named - {slug}):
                found.append((i, slug))
        found += named_by_kind(tokens, taken, self._kinds)
        found += loosely_named(tokens, self._fields, taken, self.words.written_elsewhere,
                               self.dictionary)
        found += named_by_field(tokens, self._fields, taken, self.words.most_about)
        about = partial(self.words.most_about, times=HEAD_TIMES)
        if not found:  # "get into aircraft maintenance"
            found = named_by_lead(tokens, self._fields, taken, self.words.written_elsewhere,
                                  self._heads)
        if not found:
            found = named_by_crew(tokens, taken, about)
        if not found:  # "the shift pattern on a ship for the officers"
            found = named_by_context(tokens, self._roles_ending, about, lambda w: (
                w in self.name_words or self.words.ordinary(stem(w))))
        if not found:
            found = named_by_lone_field(tokens, self._lone_fields, self._heads,
                                        self.words.written_elsewhere)
        if not found:  # "skills needed for accountancy"
            found = named_by_work(tokens, taken, self._work_roots, self.words.writes_most)
        if not found:  # "to become a chief" of a chef's guide
            found = named_by_slip(raw, tokens, taken, self._one_word)
        if not found:  # "the downsides of driving buses"
            found = named_by_doing(raw, self._doings)
        # "my careers teacher reckons I'm too young to be a pilot": someone the visitor
        # knows, not the role asked, when another is named (not "for my son, plumber or chef?")
        asked = [(i, s) for i, s in found if not {"my", "our"} & set(raw[max(0, i - 2):i])
                 or {raw[i - 1], *raw[i + 1:i + 4]} & COORDINATING]
        return list(dict.fromkeys(slug for _, slug in sorted(asked or found)))

    def by_doing(self, text: str) -> list[str]:
        """Slugs of the roles ``text`` names only by what they do ("driving buses")."""
        return list(dict.fromkeys(s for _, s in named_by_doing(words(text), self._doings)))

    def _names_but(self, slugs: Sequence[str]) -> frozenset[str]:
        """The stems of occupations and of every other guide's role names."""
        return self._head_stems.union(
            *(st for slug, st in self._name_stems.items() if slug not in slugs))

    def _kind_written(self, mods: Sequence[str], head: str, slug: str) -> bool:
        """Whether guide ``slug`` names its role with ``mods`` or writes them
        before ``head`` ("Long-haul drivers" for "long haul drivers")."""
        return (set(mods) <= set(name_words(self.get(slug)))
                or self.words.writes(f"{' '.join(mods)} {head}", slug))

    def unknown_role(self, text: str) -> str | None:
        """An occupation ``text`` asks about that no guide covers, or None
        (:func:`~roleqa.engine.unknown_roles.unknown_role`)."""
        if self.named(text):
            return None
        return unknown_role(text, self._heads, self.words, self.name_words, self._roles_ending)

    def subject(self, slugs: Iterable[str], named: Iterable[str]) -> frozenset[str]:
        """Stems that are the subject of these guides, not a question's focus:
        their own subject (:meth:`own_subject`) and the words of the roles a
        question ``named``. Another role's word the question does not name it
        by is asked about: "can they move into management?" of a catalogue
        with a product manager's guide."""
        return self.own_subject(slugs).union(*(self._name_stems.get(s, ()) for s in named))

    def own_subject(self, slugs: Iterable[str]) -> frozenset[str]:
        """Stems that are these guides' own subject: the words of their role
        names and words in half their passages (:meth:`subject` adds every
        guide's role names)."""
        key = frozenset(slugs)
        subject = self.words.subject
        return memo(self._own_subjects, key, lambda: frozenset().union(
            *(self._name_stems.get(s, ()) for s in key), *(subject.get(s, ()) for s in key)))

    def set_headings(self, headings: Iterable[tuple[str, str]]) -> None:
        """Record the guides' section headings: (slug, heading) pairs."""
        self.words.set_headings(headings)

    def heads(self, word_stem: str, slug: str) -> bool:
        """Whether a section heading of the guide ``slug`` uses this stem: a topic
        that guide has a section on. Not a word of its role's name: "What tools
        does a wind tech use?" is a section on tools, not on "tech"."""
        return word_stem not in self._name_stems.get(slug, ()) and self.words.heads(word_stem, slug)

    def holds(self, word_stem: str, slugs: Iterable[str]) -> bool:
        """Whether any of these guides uses a word with this stem."""
        return self.words.holds(word_stem, slugs)

    def holds_kin(self, word_stem: str, slugs: Iterable[str]) -> bool:
        """Whether any of these guides uses this stem or its root (GuideWords.holds_kin)."""
        return self.words.holds_kin(word_stem, slugs)

    def ordinary(self, word_stem: str) -> bool:
        """Whether a quarter of the guides use this stem (GuideWords.ordinary)."""
        return self.words.ordinary(word_stem)

    def mentions(self, slug: str) -> frozenset[str]:
        """The other guides' roles the guide ``slug`` names in its passages, read
        on first need: most questions never name a role out of scope."""
        return memo(self._mentions, slug, lambda: frozenset(
            d for text in self.words.texts.get(slug, ()) for d in self.named(text) if d != slug))

    def speaks_of(self, slugs: Iterable[str], roles: Iterable[str]) -> bool:
        """Whether the guides ``slugs`` name any of the guides ``roles``' roles."""
        wanted = set(roles)
        return any(self.mentions(s) & wanted for s in slugs)

    def focus_in(self, history: Sequence[str]) -> list[str]:
        """The roles the conversation is about: those the latest earlier question
        naming any role named (oldest first in ``history``)."""
        return next((found for past in reversed(history) if (found := self.named(past))), [])

    # -- speaking of guides -------------------------------------------------
    def roles(self, slugs: Iterable[str] | None = None) -> list[str]:
        """The roles of these guides (all by default), in catalogue order."""
        wanted = set(self.slugs if slugs is None else slugs)
        return [g.role for g in self.guides if g.slug in wanted]

    def describe(self, slugs: Sequence[str]) -> str:
        """How a reply names these guides: "The florist guide", "The guides"."""
        if len(slugs) == 1:
            return f"The {self.get(slugs[0]).role} guide"
        return "The guides"

    @property
    def heading(self) -> str:
        """A title for the whole catalogue: the one guide's title, or the roles."""
        if len(self.guides) == 1:
            return self.guides[0].title
        return "Careers guides: " + join_names(self.roles())

