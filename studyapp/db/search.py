"""Search everything a student has: whatever they type, ranked results with highlighted snippets.

The student's text never reaches FTS5 query syntax raw. It is split into words (and "quoted
phrases"), each word is quoted as `"…"` with inner quotes doubled, and `*` is added here for
prefix matching — so apostrophes, hyphens, `AND`/`OR`/`NEAR`, `*`, `^`, colons, brackets and
control characters are only ever text. When a word matches nothing at all, a fuzzy pass swaps
it for the indexed words one edit away ("Rapalo" finds Rapallo): a vocabulary lookup that costs
well under a millisecond, kept in memory by `Searcher` between keystrokes.

The index itself (table, triggers) is described in `search_schema.py`; `rebuild_search_index`
and `verify_search_index` are for `studyapp check`.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from studyapp.db import search_schema as schema
from studyapp.db.engine import write_session
from studyapp.domain.changes import Kind

MAX_TERMS = 8  # a pasted essay searches on its first words, not a thousand-term query
MAX_TERM_CHARS = 60
FUZZY_MIN_CHARS = 4  # shorter words have too many neighbours one edit away to guess from
FUZZY_MAX_CHARS = 20  # longer "words" are pasted noise; 1,000 edits each would only cost time
FUZZY_CHOICES = 3
DEFAULT_LIMIT = 50
HIT_START, HIT_END = "\x02", "\x03"  # snippet markers; split out below, never shown
_PHRASE = re.compile(r'"([^"]*)"')
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Term:
    """One word (matched as a prefix) or one "quoted phrase" (matched exactly)."""

    text: str  # folded: lower case, no diacritics
    phrase: bool = False


@dataclass(frozen=True)
class Segment:
    """A piece of a title or snippet; `hit` pieces are the words that matched."""

    text: str
    hit: bool = False


@dataclass(frozen=True)
class SearchResult:
    kind: Kind
    id: int
    title: tuple[Segment, ...]
    date_label: str
    snippet: tuple[Segment, ...]
    topic_id: int = 0  # the topic the item is in (results may span every topic)

    @property
    def plain_title(self) -> str:
        return "".join(segment.text for segment in self.title)

    @property
    def plain_snippet(self) -> str:
        return "".join(segment.text for segment in self.snippet)


@dataclass(frozen=True)
class SearchResults:
    results: tuple[SearchResult, ...] = ()
    corrected: tuple[str, ...] = ()  # words the fuzzy pass searched for instead of a misspelling


def fold(word: str) -> str:
    """Lower case without diacritics, as the `unicode61 remove_diacritics 2` tokenizer sees it."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def parse_query(typed: str) -> list[Term]:
    """The student's text as terms: "quoted phrases" whole, every other word on its own."""
    typed = unicodedata.normalize("NFKC", typed)
    terms: list[Term] = []
    position = 0
    for match in _PHRASE.finditer(typed):
        terms += _words(typed[position : match.start()])
        words = [term.text for term in _words(match.group(1))]
        if len(words) > 1:
            terms.append(Term(" ".join(words), phrase=True))
        else:
            terms += [Term(word) for word in words]
        position = match.end()
    terms += _words(typed[position:])
    return terms[:MAX_TERMS]


def _words(fragment: str) -> list[Term]:
    # Single letters are dropped: "Stalin's" is "stalin" + "s", and requiring that "s" would
    # hide every note that says "Stalin" without the apostrophe.
    words = (fold(word)[:MAX_TERM_CHARS] for word in _WORD.findall(fragment))
    return [Term(word) for word in words if len(word) > 1]


def quote(value: str) -> str:
    """An FTS5 string: the tokenizer reads it as words, never as query syntax."""
    return '"' + value.replace('"', '""') + '"'


def match_expression(
    terms: Iterable[Term], alternatives: dict[str, list[str]] | None = None
) -> str:
    """An FTS5 MATCH string where every term must match.

    Words match as prefixes; `alternatives` maps a misspelt word to FTS5 terms to OR instead.
    """
    parts = []
    for term in terms:
        if term.phrase:
            parts.append(quote(term.text))
            continue
        options = (alternatives or {}).get(term.text, [quote(term.text) + "*"])
        parts.append(options[0] if len(options) == 1 else "(" + " OR ".join(options) + ")")
    return " AND ".join(parts)  # explicit: FTS5 has no implicit AND before a bracket


class Vocabulary:
    """Every distinct indexed word, sorted, for the fuzzy pass."""

    def __init__(self, words: Iterable[str]) -> None:
        self._words = sorted(words)
        self._alphabet = "".join(sorted({c for word in self._words for c in word}))

    def add(self, words: Iterable[str]) -> None:
        """Learn words of rows just written (a handful: insertion keeps the list sorted)."""
        for word in words:
            if not self._is_word(word):
                bisect.insort(self._words, word)
                self._alphabet = "".join(sorted(set(self._alphabet) | set(word)))

    def has_prefix(self, prefix: str) -> bool:
        at = bisect.bisect_left(self._words, prefix)
        return at < len(self._words) and self._words[at].startswith(prefix)

    def corrections(self, word: str) -> list[str]:
        """Indexed words one edit (Damerau) from `word`, as FTS5 terms to OR together.

        Whole words come back quoted exactly; only when there are none, prefixes of words
        (`"rapal"*` for a half-typed "rapol"), longest first — a prefix of a prefix already
        chosen would only add noise.
        """
        if not FUZZY_MIN_CHARS <= len(word) <= FUZZY_MAX_CHARS:
            return []
        found = sorted((e for e in _edits(word, self._alphabet) if self.has_prefix(e)),
                       key=lambda edit: (-len(edit), edit))  # fmt: skip
        whole = [quote(edit) for edit in found if self._is_word(edit)]
        if whole:
            return whole[:FUZZY_CHOICES]
        chosen: list[str] = []
        for edit in found:
            if not any(other.startswith(edit) for other in chosen):
                chosen.append(edit)
        return [quote(edit) + "*" for edit in chosen[:FUZZY_CHOICES]]

    def _is_word(self, word: str) -> bool:
        at = bisect.bisect_left(self._words, word)
        return at < len(self._words) and self._words[at] == word


def _edits(word: str, alphabet: str) -> set[str]:
    """Every string one deletion, transposition, replacement or insertion away (Norvig)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in alphabet]
    inserts = [a + c + b for a, b in splits for c in alphabet]
    return {edit for edit in (*deletes, *transposes, *replaces, *inserts) if len(edit) > 1}


class Searcher:
    """Runs searches for one window, keeping the vocabulary between keystrokes.

    After an edit, `learn(rows)` adds the words of the rows written (a few rows: well under a
    millisecond); after an import, `forget_vocabulary()` has it read again on the next fuzzy
    pass (~0.1 s at 20,000 items). Words of deleted text stay known until then, which costs
    nothing worse than a suggestion that finds no results.
    """

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._session_factory = session_factory
        self._vocabulary: Vocabulary | None = None

    def forget_vocabulary(self) -> None:
        self._vocabulary = None

    def learn(self, rows: Iterable[tuple[str, int]]) -> None:
        """Add the indexed words of these (kind, id) rows to the vocabulary, if it is loaded."""
        codes = {source.kind: source.code for source in schema.SOURCES}
        rowids = [row_id * schema.KIND_SLOTS + codes[kind] for kind, row_id in rows
                  if kind in codes]  # fmt: skip
        if self._vocabulary is None or not rowids:
            return
        columns = " || ' ' || ".join(f"coalesce({c}, '')" for c in schema.COLUMNS)
        id_list = ", ".join(str(int(rowid)) for rowid in rowids)  # integers we computed
        with self._session_factory() as session:
            sql = f"SELECT {columns} FROM {schema.TABLE} WHERE rowid IN ({id_list})"
            texts = session.execute(text(sql))
            self._vocabulary.add({fold(w) for (line,) in texts for w in _WORD.findall(line)})

    def search(
        self, typed: str, topic_id: int | None = None, limit: int = DEFAULT_LIMIT
    ) -> SearchResults:
        """Results for every term; when there are none, the same with misspelt words swapped."""
        terms = parse_query(typed)
        if not terms:
            return SearchResults()
        with self._session_factory() as session:
            found = _run(session, match_expression(terms), topic_id, limit)
            if found:
                return SearchResults(found)
            alternatives = self._misspellings(session, terms)
            if not alternatives:
                return SearchResults()
            found = _run(session, match_expression(terms, alternatives), topic_id, limit)
        corrected = (w.strip('"*') for words in alternatives.values() for w in words)
        return SearchResults(found, tuple(corrected))

    def _misspellings(self, session: Session, terms: list[Term]) -> dict[str, list[str]]:
        """Indexed words to search instead of the terms no indexed word starts with.

        Empty when every term is indexed (nothing is misspelt: the words just never occur
        together) or when a misspelt term has no indexed word one edit away.
        """
        vocabulary = self._vocabulary_for(session)
        alternatives: dict[str, list[str]] = {}
        for term in terms:
            if term.phrase or vocabulary.has_prefix(term.text):
                continue
            options = vocabulary.corrections(term.text)
            if not options:
                return {}
            alternatives[term.text] = options
        return alternatives

    def _vocabulary_for(self, session: Session) -> Vocabulary:
        # Read only when a search finds nothing: fts5vocab walks the whole index (~0.1 s at
        # 20,000 items), so it is kept until the next change.
        if self._vocabulary is None:
            rows = session.execute(text(f"SELECT term FROM {schema.VOCABULARY}"))
            self._vocabulary = Vocabulary(row[0] for row in rows)
        return self._vocabulary


def search(
    session_factory: sessionmaker[Session], typed: str, topic_id: int | None = None,
    limit: int = DEFAULT_LIMIT,
) -> SearchResults:  # fmt: skip
    """One search with a fresh vocabulary (the command line; tests)."""
    return Searcher(session_factory).search(typed, topic_id, limit)


_QUERY = (
    f"SELECT kind, row_id, date_label, topic_id,"
    f" snippet({schema.TABLE}, 0, :start, :end, '…', 16),"
    f" snippet({schema.TABLE}, 1, :start, :end, '…', 14)"
    f" FROM {schema.TABLE} WHERE {schema.TABLE} MATCH :match"
)


def _run(
    session: Session, match: str, topic_id: int | None, limit: int
) -> tuple[SearchResult, ...]:
    sql = _QUERY + (" AND topic_id = :topic" if topic_id is not None else "")
    rows = session.execute(
        text(sql + " ORDER BY rank LIMIT :limit"),
        {"start": HIT_START, "end": HIT_END, "match": match, "topic": topic_id, "limit": limit},
    )
    return tuple(
        SearchResult(Kind(kind), int(row_id), segments(title), date_label or "", segments(body),
                     int(topic or 0))  # fmt: skip
        for kind, row_id, date_label, topic, title, body in rows
    )


def segments(marked: str | None) -> tuple[Segment, ...]:
    """Split snippet text on the hit markers; a marker character is never left in the text."""
    pieces: list[Segment] = []
    for index, piece in enumerate(re.split(f"[{HIT_START}{HIT_END}]", marked or "")):
        if piece:
            pieces.append(Segment(" ".join(piece.split("\n")), hit=index % 2 == 1))
    return tuple(pieces)


def rebuild_search_index(session_factory: sessionmaker[Session]) -> int:
    """Index every row again from the content tables; returns how many rows are indexed."""
    with write_session(session_factory) as session:
        connection = session.connection()
        schema.fill(connection)
        connection.exec_driver_sql(f"INSERT INTO {schema.TABLE}({schema.TABLE}) VALUES('optimize')")
        return int(connection.exec_driver_sql(f"SELECT count(*) FROM {schema.TABLE}").scalar_one())


def verify_search_index(session_factory: sessionmaker[Session]) -> list[str]:
    """Problems with the search index, as sentence fragments for `studyapp check`; [] if none."""
    with session_factory() as session:
        return search_index_problems(lambda sql: session.execute(text(sql)))


def search_index_problems(run: Callable[[str], Iterable[Sequence[Any]]]) -> list[str]:
    """Compare what is indexed with what the content tables say should be, row by row.

    `run(sql)` returns rows: a Session's or a plain read-only sqlite3 connection's (`check`).
    """
    columns = f"rowid, {', '.join(schema.COLUMNS)}, kind, row_id, topic_id"
    actual = {row[0]: tuple(row) for row in run(f"SELECT {columns} FROM {schema.TABLE}")}
    expected = {}
    for source in schema.SOURCES:
        for row in run(schema.expected_rows_sql(source)):
            expected[row[0]] = tuple(row)
    missing = expected.keys() - actual.keys()
    extra = actual.keys() - expected.keys()
    stale = [key for key in expected.keys() & actual.keys() if expected[key] != actual[key]]
    fix = " (studyapp search --rebuild-index rebuilds it)"
    return [
        f"the search index {problem}{fix}"
        for count, problem in (
            (len(missing), f"is missing {_items(len(missing))}"),
            (len(extra), f"lists {_items(len(extra))} that no longer exist"),
            (len(stale), f"is out of date for {_items(len(stale))}"),
        )
        if count
    ]


def _items(count: int) -> str:
    return f"{count} item" + ("" if count == 1 else "s")
