"""Korean text analysis for the site search.

Korean does not split on spaces: a word (어절) is a stem plus particles or endings
(구청장에게 = 구청장 + 에게, 신청합니다 = 신청 + 하 + ㅂ니다), and nouns form compounds without
spaces (불법주차, 주차단속, 동작구청장). The analyser therefore does two things, on documents and
queries alike:

1. Morphological analysis with kiwipiepy keeps the content morphemes (nouns, roots, verb and
   adjective stems, Latin words, numbers) and drops particles and endings.
2. Runs of adjacent nouns inside one word are joined into a compound (동작+구청장 → 동작구청장);
   the compound and every noun of three or more syllables also yield their character bigrams
   (주차장 → 주차 차장). A query morpheme m then matches a document when the document holds m
   itself *or* all bigrams of m — so 주차 finds 주차장, 불법주차 and 주차단속, and 동작구청장
   (one morpheme to the analyser) finds "동작구청장에게" as well as "동작구 구청장".

Without kiwipiepy (not installed, or its model cannot load) a plain bigram analyser takes over:
words lose common particles and endings from their end and are indexed whole and as bigrams.

Terms contain only letters and digits (str.isalnum), so they are safe in PostgreSQL tsquery and
SQLite FTS5 query syntax once quoted.
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass, field

logger = logging.getLogger(__name__)

# Content morphemes that become index terms on their own (Sejong tag set as kiwipiepy uses it).
STANDALONE_TAGS = frozenset({"NNG", "NNP", "NR", "XR", "SH", "SL", "SN", "VV", "VA"})
# Morphemes that join a noun compound when adjacent (no space between them).
COMPOUND_TAGS = frozenset({"NNG", "NNP", "NR", "XR", "SH", "XPN", "XSN"})
# Suffixes that mark plural or honorific and add nothing to a compound.
COMPOUND_SKIP = frozenset({"들", "님", "씨"})

_HANGUL = re.compile(r"^[\uac00-\ud7a3]+$")
_WORD = re.compile(r"\w+")

# The fallback analyser strips these from the end of a word, longest first.
_FALLBACK_ENDINGS = sorted(
    """
    에게서 으로부터 로부터 에서부터 께서는 에게는 에서는 으로는 이라도 이나마 까지는 부터는
    합니다 했습니다 됩니다 되었습니다 입니다 습니다 ㅂ니다 하세요 해요 했어요 하고 하는 하여 해서
    하기 하면 하지 한다 했다 된다 되는 에게 에서 으로 부터 까지 처럼 보다 께서 라도 이나 이랑
    하고 과 와 은 는 이 가 을 를 에 의 도 로 만 께 요
    """.split(),  # noqa: SIM905 - a word list reads better as text
    key=len,
    reverse=True,
)


@dataclass(frozen=True)
class QueryGroup:
    """One query morpheme: matches when the document has `term` or every one of `bigrams`."""

    term: str
    bigrams: tuple[str, ...] = ()

    @property
    def all_terms(self) -> tuple[str, ...]:
        return (self.term, *self.bigrams)


@dataclass
class AnalysedQuery:
    groups: list[QueryGroup] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.groups)

    @property
    def highlight_terms(self) -> list[str]:
        """Strings to mark in titles and excerpts, longest first."""
        seen: dict[str, None] = {}
        for group in self.groups:
            for term in group.all_terms:
                seen.setdefault(term, None)
        return sorted(seen, key=len, reverse=True)

    def fts5_expression(self) -> str:
        """The FTS5 MATCH expression: every group must match."""
        return " AND ".join(_fts5_group(g) for g in self.groups)

    def tsquery(self) -> str:
        """The PostgreSQL to_tsquery('simple', ...) text: every group must match."""
        return " & ".join(_ts_group(g) for g in self.groups)


def _fts5_group(group: QueryGroup) -> str:
    if not group.bigrams:
        return f'"{group.term}"'
    bigrams = " AND ".join(f'"{b}"' for b in group.bigrams)
    return f'("{group.term}" OR ({bigrams}))'


def _ts_group(group: QueryGroup) -> str:
    if not group.bigrams:
        return group.term
    return f"({group.term} | ({' & '.join(group.bigrams)}))"


def clean_term(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def bigrams(word: str) -> list[str]:
    """Character bigrams of a Hangul word of three or more syllables; [] otherwise."""
    if len(word) < 3 or not _HANGUL.match(word):
        return []
    return [word[i : i + 2] for i in range(len(word) - 1)]


def _drop_single_syllables(groups: list[QueryGroup]) -> list[QueryGroup]:
    """One-syllable Hangul terms (료, 로, 신…) are mostly suffixes the analyser split off
    differently in the query than in the documents; when the query has longer terms too, they
    would only cost recall, so they are left out. A one-syllable query on its own is kept."""
    longer = [g for g in groups if not (len(g.term) == 1 and _HANGUL.match(g.term))]
    return longer or groups


class KiwiAnalyser:
    name = "kiwi"

    def __init__(self):
        from kiwipiepy import Kiwi

        self._kiwi = Kiwi()
        self._lock = threading.Lock()

    def _tokenize(self, texts: list[str]):
        with self._lock:  # Kiwi objects are not documented as thread-safe
            return list(self._kiwi.tokenize(texts))

    def _units(self, tokens) -> list[tuple[str, list[str], bool]]:
        """(compound, morphemes, nominal) units: each noun run, and each other content morpheme.

        Only nominal units (noun runs) are split into bigrams; verb stems and Latin words are not.
        """
        units: list[tuple[str, list[str], bool]] = []
        run: list = []

        def flush():
            if not run:
                return
            compound = clean_term("".join(t.form for t in run if t.form not in COMPOUND_SKIP))
            parts = [clean_term(t.form) for t in run if t.tag in STANDALONE_TAGS]
            parts = [p for p in parts if p]
            if compound or parts:
                units.append((compound, parts, True))
            run.clear()

        previous_end = None
        for token in tokens:
            if token.tag in COMPOUND_TAGS:
                if run and token.start != previous_end:
                    flush()
                run.append(token)
                previous_end = token.start + token.len
                continue
            flush()
            previous_end = None
            if token.tag in STANDALONE_TAGS:
                term = clean_term(token.form)
                if term:
                    units.append(("", [term], False))
        flush()
        return units

    def document_terms_many(self, texts: list[str]) -> list[list[str]]:
        return [self._terms(tokens) for tokens in self._tokenize(texts)]

    def _terms(self, tokens) -> list[str]:
        terms: list[str] = []
        for compound, parts, nominal in self._units(tokens):
            unit: dict[str, None] = {}
            for part in parts:
                unit.setdefault(part, None)
                for bigram in bigrams(part) if nominal else ():
                    unit.setdefault(bigram, None)
            if compound:
                unit.setdefault(compound, None)
                for bigram in bigrams(compound):
                    unit.setdefault(bigram, None)
            terms.extend(unit)
        return terms

    def query(self, text: str) -> AnalysedQuery:
        groups: dict[str, QueryGroup] = {}
        for _compound, parts, nominal in self._units(self._tokenize([text])[0]):
            for part in parts:
                split = tuple(bigrams(part)) if nominal else ()
                groups.setdefault(part, QueryGroup(part, split))
        return AnalysedQuery(_drop_single_syllables(list(groups.values())))


class BigramAnalyser:
    """Fallback without a morphological analyser: strip common endings, index word + bigrams."""

    name = "bigram"

    @staticmethod
    def _stems(text: str) -> list[str]:
        stems = []
        for word in _WORD.findall(text.lower()):
            word = clean_term(word)
            if _HANGUL.match(word):
                for ending in _FALLBACK_ENDINGS:
                    if word.endswith(ending) and len(word) - len(ending) >= 2:
                        word = word[: -len(ending)]
                        break
            if word:
                stems.append(word)
        return stems

    def document_terms_many(self, texts: list[str]) -> list[list[str]]:
        result = []
        for text in texts:
            terms: list[str] = []
            for stem in self._stems(text):
                terms.append(stem)
                terms.extend(b for b in bigrams(stem) if b != stem)
            result.append(terms)
        return result

    def query(self, text: str) -> AnalysedQuery:
        groups: dict[str, QueryGroup] = {}
        for stem in self._stems(text):
            groups.setdefault(stem, QueryGroup(stem, tuple(bigrams(stem))))
        return AnalysedQuery(list(groups.values()))


_analyser = None
_analyser_lock = threading.Lock()


def get_analyser():
    """The process-wide analyser: kiwipiepy when it loads, else the bigram fallback."""
    global _analyser
    if _analyser is None:
        with _analyser_lock:
            if _analyser is None:
                try:
                    _analyser = KiwiAnalyser()
                except Exception:  # noqa: BLE001 - ImportError, or any failure loading the model
                    logger.warning("kiwipiepy unavailable; site search uses bigrams only")
                    _analyser = BigramAnalyser()
    return _analyser


def document_terms(text: str) -> str:
    """Space-separated index terms of a text."""
    return " ".join(get_analyser().document_terms_many([text])[0]) if text.strip() else ""


def document_terms_many(texts: list[str]) -> list[str]:
    return [" ".join(terms) for terms in get_analyser().document_terms_many(texts)]


def analyse_query(text: str) -> AnalysedQuery:
    return get_analyser().query(text) if text.strip() else AnalysedQuery()
