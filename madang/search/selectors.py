"""Reads of the site search: one query → ranked, filtered, paginated hits with facets.

Ranking idea, the same on every database: every query morpheme must match (the morpheme itself
or all its bigrams, see analysis.py); among matches, a match in the title weighs ten times one in
the body; ties go to the more recently published page.

* PostgreSQL: `search_vector @@ to_tsquery('simple', …)` on the generated tsvector column
  (GIN index), ordered by ts_rank with weights {D,C,B,A} = {0, 0, 0.1, 1.0}.
* SQLite: the FTS5 table, ordered by bm25 with column weights title 10, body 1.
* Anything else: LIKE over the space-separated terms, title matches first.

The raw SQL below interpolates only module constants (table names, weights) and fixed clauses;
everything from the request travels as a query parameter.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import BooleanField, Case, Count, IntegerField, Q, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat
from django.utils.functional import cached_property

from .analysis import AnalysedQuery, analyse_query
from .highlight import excerpt, highlight
from .models import SearchDocument

# Longest query we analyse; longer input is cut (and the page says so).
QUERY_MAX_LENGTH = 100
PER_PAGE = 10
TABLE = SearchDocument._meta.db_table
FTS_TABLE = f"{TABLE}_fts"
PG_WEIGHTS = "{0, 0, 0.1, 1.0}"


def _backend() -> str:
    return connection.vendor if connection.vendor in ("postgresql", "sqlite") else "like"


def _match_filter(query: AnalysedQuery) -> Q:
    backend = _backend()
    if backend == "postgresql":
        return Q(
            RawSQL(  # noqa: S611 - constants only; the query is a parameter
                f'"{TABLE}"."search_vector" @@ to_tsquery(\'simple\', %s)',
                [query.tsquery()],
                output_field=BooleanField(),
            )
        )
    if backend == "sqlite":
        return Q(
            id__in=RawSQL(  # noqa: S611 - constants only; the query is a parameter
                f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",  # noqa: S608
                [query.fts5_expression()],
            )
        )
    condition = Q()
    for group in query.groups:
        alternatives = _like_term(group.term)
        if group.bigrams:
            all_bigrams = Q()
            for bigram in group.bigrams:
                all_bigrams &= _like_term(bigram)
            alternatives |= all_bigrams
        condition &= alternatives
    return condition


def _like_term(term: str) -> Q:
    return Q(_title_padded__contains=f" {term} ") | Q(_body_padded__contains=f" {term} ")


def _base(locale: str):
    documents = SearchDocument.objects.filter(locale=locale)
    if _backend() == "like":
        documents = documents.annotate(
            _title_padded=Concat(Value(" "), "title_tokens", Value(" ")),
            _body_padded=Concat(Value(" "), "body_tokens", Value(" ")),
        )
    return documents


def _ranked_ids(query: AnalysedQuery, filters: dict, *, offset: int, limit: int) -> list[int]:
    backend = _backend()
    where = ["d.locale = %s"]
    params: list = [filters["locale"]]
    if filters.get("doc_type"):
        where.append("d.doc_type = %s")
        params.append(filters["doc_type"])
    if filters.get("department_id"):
        where.append("d.department_id = %s")
        params.append(filters["department_id"])
    if backend == "postgresql":
        # Constants only; values are parameters.
        sql = (
            f"SELECT d.id FROM {TABLE} d, to_tsquery('simple', %s) q "  # noqa: S608
            f"WHERE d.search_vector @@ q AND {' AND '.join(where)} "
            f"ORDER BY ts_rank('{PG_WEIGHTS}', d.search_vector, q) DESC, "
            "d.published_at DESC NULLS LAST, d.id LIMIT %s OFFSET %s"
        )
        params = [query.tsquery(), *params, limit, offset]
    elif backend == "sqlite":
        # Constants only; values are parameters.
        sql = (
            f"SELECT d.id FROM {FTS_TABLE} JOIN {TABLE} d ON d.id = {FTS_TABLE}.rowid "  # noqa: S608
            f"WHERE {FTS_TABLE} MATCH %s AND {' AND '.join(where)} "
            f"ORDER BY bm25({FTS_TABLE}, 10.0, 1.0), d.published_at DESC, d.id "
            "LIMIT %s OFFSET %s"
        )
        params = [query.fts5_expression(), *params, limit, offset]
    else:
        documents = _filtered(query, filters)
        title_hit = Q()
        for group in query.groups:
            title_hit |= Q(_title_padded__contains=f" {group.term} ")
        documents = documents.annotate(
            _title_hit=Case(When(title_hit, then=1), default=0, output_field=IntegerField())
        ).order_by("-_title_hit", "-published_at", "id")
        return list(documents.values_list("id", flat=True)[offset : offset + limit])
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def _filtered(query: AnalysedQuery, filters: dict):
    documents = _base(filters["locale"]).filter(_match_filter(query))
    if filters.get("doc_type"):
        documents = documents.filter(doc_type=filters["doc_type"])
    if filters.get("department_id"):
        documents = documents.filter(department_id=filters["department_id"])
    return documents


@dataclass
class SearchHit:
    document: SearchDocument
    title_html: str
    excerpt_html: str
    type_label: str


class _RankedHits:
    """A lazy sequence for Paginator: count() is one query, a slice is two (ids, rows)."""

    def __init__(self, query: AnalysedQuery, filters: dict):
        self.query = query
        self.filters = filters

    @cached_property
    def _count(self) -> int:
        return _filtered(self.query, self.filters).count()

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, item):
        if not isinstance(item, slice):
            raise TypeError("slices only")
        offset = item.start or 0
        limit = (item.stop or self._count) - offset
        if limit <= 0:
            return []
        ids = _ranked_ids(self.query, self.filters, offset=offset, limit=limit)
        rows = SearchDocument.objects.select_related("department").in_bulk(ids)
        terms = self.query.highlight_terms
        return [
            SearchHit(
                document=rows[pk],
                title_html=highlight(rows[pk].title, terms),
                excerpt_html=excerpt(rows[pk].body, terms),
                type_label=doc_type_label(rows[pk].doc_type),
            )
            for pk in ids
            if pk in rows
        ]


def doc_type_label(doc_type: str) -> str:
    try:
        return str(apps.get_model(doc_type)._meta.verbose_name)
    except (LookupError, ValueError):
        return doc_type


@dataclass
class FacetOption:
    value: str
    label: str
    count: int


@dataclass
class SearchResults:
    query_text: str
    truncated: bool = False
    analysed: AnalysedQuery = field(default_factory=AnalysedQuery)
    page: PaginatorPage | None = None
    type_options: list[FacetOption] = field(default_factory=list)
    department_options: list[FacetOption] = field(default_factory=list)

    @property
    def page_numbers(self) -> list:
        if not self.page:
            return []
        paginator = self.page.paginator
        return list(paginator.get_elided_page_range(self.page.number, on_each_side=2, on_ends=1))

    @property
    def total(self) -> int:
        return self.page.paginator.count if self.page else 0


def search_site(
    *,
    query_text: str,
    locale: str,
    doc_type: str = "",
    department_id: int | None = None,
    page_number=1,
    per_page: int = PER_PAGE,
) -> SearchResults:
    """Search the public pages of one language; a fixed number of queries (count, ranked ids,
    rows, two facets) whatever the number of hits."""
    query_text = " ".join(query_text.split())
    truncated = len(query_text) > QUERY_MAX_LENGTH
    if truncated:  # cut at a space so that no half word is searched for
        cut = query_text[: QUERY_MAX_LENGTH + 1]
        query_text = cut.rsplit(" ", 1)[0] if " " in cut else cut[:QUERY_MAX_LENGTH]
    results = SearchResults(query_text=query_text, truncated=truncated)
    analysed = analyse_query(query_text)
    results.analysed = analysed
    if not analysed:
        return results
    matched = _base(locale).filter(_match_filter(analysed))
    results.type_options = [
        FacetOption(row["doc_type"], doc_type_label(row["doc_type"]), row["n"])
        for row in matched.values("doc_type").annotate(n=Count("id")).order_by("doc_type")
    ]
    department_rows = (
        matched.filter(department__isnull=False)
        .values("department_id", "department__name_ko", "department__name_en")
        .annotate(n=Count("id"))
        .order_by("department__name_ko")
    )
    english = locale.startswith("en")
    results.department_options = [
        FacetOption(
            str(row["department_id"]),
            (english and row["department__name_en"]) or row["department__name_ko"],
            row["n"],
        )
        for row in department_rows
    ]
    filters = {"locale": locale, "doc_type": doc_type, "department_id": department_id}
    paginator = Paginator(_RankedHits(analysed, filters), per_page)
    results.page = paginator.get_page(page_number)
    return results
