"""Site search (madang.search): indexing time, query latency and recall@10 on Korean text.

1. Generates MADANG_BENCH_SEARCH_DOCS (default 100,000) believable Korean documents,
   deterministically, from templates and word lists (주차, 복지, 민원, 청소, 공원, 보건, 교통, …
   with varied particles and verb endings), and plants three relevant documents for each of the
   query set's queries (one with the words in its title, two in the body only, inflected
   differently from the query).
2. Per backend (PostgreSQL in its own database ``madang_bench_search``; SQLite with
   ``--sqlite`` or MADANG_BENCH_SEARCH_SQLITE=1): recreates the database, migrates it under the
   production settings, analyses every document with the production analyser (kiwipiepy) and
   inserts the rows (timed separately), then runs the query set through
   ``madang.search.selectors.search_site`` exactly as the results page does (count, facets,
   ranked first page, rows, highlighting).
3. Prints p50/p95 latency of the planted queries and of broad one-word queries (thousands of
   matches each), and recall@10 of the planted documents; writes bench/results/search-*.json.

Run: ``.venv/bin/python bench/bench_search.py [--docs N] [--sqlite] [--rounds R]``
(``--quick``: 5,000 documents, one round). Exits non-zero when recall@10 < 0.9 or a query fails.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
RESULTS_DIR = BENCH_DIR / "results"
PYTHON = sys.executable
sys.path.insert(0, str(BENCH_DIR))

from machine import describe, machine_info  # noqa: E402

PG_SERVER = os.environ.get("MADANG_BENCH_PG_SERVER", "postgres://postgres@127.0.0.1:5432")
PG_DATABASE = "madang_bench_search"
RECALL_FLOOR = 0.9
SAMPLE_DOCS = 2000  # documents analysed whole, the production way, to measure the rate
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")

# ----------------------------------------------------------------------------- the corpus

DONGS = [
    "노량진1동", "노량진2동", "상도1동", "상도2동", "상도3동", "상도4동", "흑석동", "사당1동",
    "사당2동", "사당3동", "사당4동", "사당5동", "대방동", "신대방1동", "신대방2동",
]  # fmt: skip
# (topic noun, related nouns, department code)
TOPICS = [
    ("주차", ["공영주차장", "거주자우선주차", "불법주차", "주차단속", "주차요금", "견인"],
     "parking"),
    ("복지", ["기초연금", "장애인 활동지원", "긴급복지", "기초생활수급", "복지관", "돌봄"],
     "welfare"),
    ("민원", ["여권", "주민등록등본", "인감증명", "민원실", "무인민원발급기", "가족관계증명"],
     "civil-service"),
    ("청소", ["대형폐기물", "음식물쓰레기", "재활용품", "종량제봉투", "무단투기", "생활폐기물"],
     "cleaning"),
    ("공원", ["근린공원", "산책로", "둘레길", "놀이터", "체육시설", "녹지"], "parks"),
    ("보건", ["예방접종", "건강검진", "치매안심센터", "금연클리닉", "방문건강관리", "감염병"],
     "health-center"),
    ("교통", ["마을버스", "공공자전거", "횡단보도", "교통안전", "버스정류소", "도로공사"],
     "traffic"),
    ("안전", ["재난문자", "폭염대피소", "민방위", "제설작업", "침수예방", "안전점검"],
     "disaster-safety"),
]  # fmt: skip
ASPECTS = [
    ("신청", ["신청합니다", "신청하세요", "신청할 수 있습니다", "신청했습니다", "신청을 받습니다"]),
    ("안내", ["안내합니다", "안내해 드립니다", "안내드립니다", "안내를 확인하세요"]),
    ("운영", ["운영합니다", "운영됩니다", "운영하고 있습니다", "운영을 시작했습니다"]),
    ("접수", ["접수합니다", "접수하세요", "접수를 받습니다", "접수됩니다"]),
    ("변경", ["변경됩니다", "변경했습니다", "변경 사항을 알려 드립니다"]),
    ("점검", ["점검합니다", "점검을 실시합니다", "점검했습니다"]),
    ("지원", ["지원합니다", "지원해 드립니다", "지원을 받을 수 있습니다"]),
]  # fmt: skip
PARTICLES = ["은", "는", "이", "가", "을", "를", "에", "에서", "으로", "의", "과", "와", "도"]
WHO = ["구민", "주민 여러분", "어르신", "장애인", "청소년", "1인 가구", "소상공인", "임산부"]
WHEN = ["평일 09:00부터 18:00까지", "매주 화요일", "이번 달 말까지", "연중", "토요일 오전",
        "3월부터 11월까지", "선착순으로", "사전 예약 후"]  # fmt: skip
TITLE_TEMPLATES = [
    "{dong} {noun} {aspect} 안내", "{noun} {aspect} 일정", "{year}년 {noun} {aspect}",
    "{dong} {topic} 소식", "{noun} 관련 {aspect} 공지", "{who} 대상 {noun} {aspect}",
]  # fmt: skip
SENTENCES = [
    "{dong} {noun}{p1} {when} {verb}.",
    "{who}{p2} {noun} {aspect}{p3} 구청 누리집이나 {dong} 주민센터에서 {verb}.",
    "{topic} 담당부서{p4} {noun} {aspect} 기준{p5} 새로 정했습니다.",
    "자세한 내용은 {topic} 담당부서로 문의해 주시기 바랍니다.",
    "{year}년부터 {noun} {aspect} 절차가 간소화되어 {who}{p2} 편리하게 이용할 수 있습니다.",
    "{noun}{p1} 관한 문의가 많아 {aspect} 방법을 다시 {verb}.",
]  # fmt: skip

# The query set: (unique facility or programme, what the planted documents say about it).
# Queries are built from these with particles/endings that differ from the documents.
PLANTED = [
    ("노량진수산시장 공영주차장", "요금"), ("보라매공원 물놀이장", "개장"),
    ("흑석빗물펌프장", "점검"), ("사당어린이도서관", "휴관일"), ("상도근린공원 맨발길", "조성"),
    ("대방청소년문화의집", "수강생"), ("동작구청장", "신년사"), ("신대방삼거리 횡단보도", "설치"),
    ("서달산 둘레길", "정비"), ("동작충효길", "탐방"), ("노들나루공원", "야간개장"),
    ("국사봉 숲속놀이터", "예약"), ("까치산근린공원", "배드민턴장"), ("현충원 벚꽃길", "통제"),
    ("장승배기 종합행정타운", "이전"), ("동작구 치매안심센터", "검사"),
    ("사당종합체육관", "수영강습"), ("상도동 전통시장", "상품권"), ("흑석동 재개발구역", "설명회"),
    ("노량진 학원가", "방역"), ("동작신문고", "답변"), ("대형폐기물 스티커", "가격"),
    ("음식물쓰레기 전용용기", "배부"), ("거주자우선주차 배정", "추첨"), ("무인민원발급기", "고장"),
    ("폭염대피소", "개방"), ("제설함", "위치"), ("공공자전거 대여소", "신설"),
    ("마을버스 동작01번", "노선"), ("금연클리닉", "등록"), ("산후조리비", "지급"),
    ("청년월세", "지원금"), ("어르신 무료급식", "배달"), ("반려견 놀이터", "개장"),
    ("도시농업 텃밭", "분양"), ("평생학습관", "강좌"), ("구민 정보화교육", "수강"),
    ("주민참여예산", "제안"), ("민방위 교육", "일정"), ("재난안전대책본부", "가동"),
    ("불법광고물 수거보상제", "보상금"), ("보도블록 교체공사", "구간"),
    ("하수관로 정비사업", "통제"), ("소상공인 특례보증", "한도"),
    ("착한가격업소", "지정"), ("유기동물 입양", "비용"), ("출산축하금", "대상"),
    ("장애인 콜택시", "이용료"), ("자원봉사센터", "모집"), ("다문화가족 지원센터", "상담"),
    ("치매 조기검진", "무료"), ("어린이 통학로", "안전펜스"), ("전기차 충전소", "요금"),
    ("옥상녹화 사업", "보조금"), ("빈집 정비", "매입"), ("공동주택 관리", "감사"),
    ("구립 어린이집", "입소"), ("경로당 냉방비", "지원"), ("한강 자전거도로", "공사"),
    ("헌옷 수거함", "철거"),
]  # fmt: skip
# How the query phrases each planted pair (index → form); the documents use other forms.
QUERY_FORMS = [
    "{entity} {aspect}", "{entity}의 {aspect}", "{entity} {aspect}{topic_particle}",
    "{entity}에서 {aspect}", "{aspect} {entity}",
]  # fmt: skip
BROAD_QUERIES = [
    "주차", "복지", "민원 신청", "청소", "공원", "예방접종", "교통", "불법주차", "여권",
    "구청장에게", "신청합니다", "대형폐기물", "주차단속", "공영주차장 요금", "기초연금",
    "산책로", "재난문자", "마을버스", "음식물쓰레기", "건강검진",
]  # fmt: skip
PLANTED_BODIES = [
    "{entity}{p_entity} {aspect}{p_aspect} 관련하여 {when} 안내해 드립니다.",
    "올해 {entity} {aspect} 내용이 바뀌었습니다. {who}께서는 확인해 주세요.",
    "{who}{p2} 자주 묻는 {entity}{p_entity_gen} {aspect}{p_aspect2} 정리했습니다.",
]  # fmt: skip


def _particle(word: str, pair: tuple[str, str]) -> str:
    """Korean particle by final consonant: pair = (after consonant, after vowel)."""
    last = word[-1]
    if "가" <= last <= "힣":
        has_final = (ord(last) - 0xAC00) % 28 != 0
        return pair[0] if has_final else pair[1]
    return pair[1]


def generate_corpus(n_docs: int, seed: int = 20261125):
    """(documents, queries). A document: (title, body, department code); a query: (text, [ids])."""
    rng = random.Random(seed)
    docs: list[tuple[str, str, str]] = []
    queries: list[tuple[str, list[int]]] = []
    for i, (entity, aspect) in enumerate(PLANTED):
        form = QUERY_FORMS[i % len(QUERY_FORMS)]
        query = form.format(
            entity=entity, aspect=aspect, topic_particle=_particle(aspect, ("은", "는"))
        )
        relevant = []
        for j in range(3):
            _topic, _nouns, dept = TOPICS[(i + j) % len(TOPICS)]
            fill = {
                "entity": entity,
                "aspect": aspect,
                "p_entity": _particle(entity, ("은", "는")),
                "p_entity_gen": "의",
                "p_aspect": _particle(aspect, ("과", "와")),
                "p_aspect2": _particle(aspect, ("을", "를")),
                "when": rng.choice(WHEN),
                "who": rng.choice(WHO),
                "p2": "이",
            }
            body = PLANTED_BODIES[j].format(**fill) + " " + _background_body(rng)[0]
            title = f"{entity} {aspect} 안내" if j == 0 else _background_title(rng)
            relevant.append(len(docs))
            docs.append((title, body, dept))
        queries.append((query, relevant))
    # Background documents draw their sentences and titles from finite pools (as a real site
    # repeats its boilerplate); this also lets the bench analyse each distinct sentence once.
    sentence_pool = [_background_sentence(rng) for _ in range(6000)]
    title_pool = [_background_title(rng) for _ in range(3000)]
    while len(docs) < n_docs:
        topic_index = rng.randrange(len(TOPICS))
        body = " ".join(rng.choice(sentence_pool) for _ in range(rng.randint(3, 6)))
        docs.append((rng.choice(title_pool), body, TOPICS[topic_index][2]))
    order = list(range(len(docs)))
    rng.shuffle(order)  # planted documents spread over the table, not in its first pages
    position = {old: new for new, old in enumerate(order)}
    docs = [docs[old] for old in order]
    queries = [(q, [position[r] for r in rel]) for q, rel in queries]
    return docs, queries


def _background_title(rng) -> str:
    topic, nouns, _dept = rng.choice(TOPICS)
    aspect, _verbs = rng.choice(ASPECTS)
    return rng.choice(TITLE_TEMPLATES).format(
        dong=rng.choice(DONGS), noun=rng.choice(nouns), aspect=aspect, topic=topic,
        year=rng.randint(2019, 2026), who=rng.choice(WHO),
    )  # fmt: skip


def _background_body(rng) -> tuple[str, str]:
    _topic, _nouns, dept = rng.choice(TOPICS)
    return " ".join(_background_sentence(rng) for _ in range(rng.randint(2, 3))), dept


def _background_sentence(rng) -> str:
    topic, nouns, _dept = rng.choice(TOPICS)
    aspect, verbs = rng.choice(ASPECTS)
    noun = rng.choice(nouns)
    return rng.choice(SENTENCES).format(
                dong=rng.choice(DONGS), noun=noun, aspect=aspect, topic=topic,
                verb=rng.choice(verbs), who=rng.choice(WHO), when=rng.choice(WHEN),
                year=rng.randint(2019, 2026), p1=_particle(noun, ("은", "는")),
                p2=_particle(rng.choice(WHO), ("이", "가")), p3=_particle(aspect, ("을", "를")),
                p4=rng.choice(PARTICLES), p5=_particle("기준", ("을", "를")),
            )  # fmt: skip


# ----------------------------------------------------------------------------- the worker


def worker(database_url: str, corpus_file: Path, tokens_file: Path, rounds: int) -> dict:
    """Runs inside Django (production settings): index the corpus, run the queries."""
    import django

    django.setup()
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils import timezone

    from madang.departments.demo import load_departments
    from madang.departments.models import Department
    from madang.search.analysis import analyse_query, document_terms_many, get_analyser
    from madang.search.models import SearchDocument
    from madang.search.selectors import search_site

    data = json.loads(corpus_file.read_text(encoding="utf-8"))
    docs, queries = data["docs"], data["queries"]
    load_departments()
    departments = {d.code: d.pk for d in Department.objects.all()}
    content_type = ContentType.objects.get(app_label="pages", model="contentpage")

    analyser_loaded = time.perf_counter()
    analyser = get_analyser()
    analyser_load_s = time.perf_counter() - analyser_loaded
    if tokens_file.exists():
        cached = json.loads(tokens_file.read_text(encoding="utf-8"))
        tokens, analysis_s, sample = cached["tokens"], cached["analysis_s"], cached["sample"]
        memo_s = cached["memo_s"]
    else:
        # 1. The production path (whole title and body per call) on a sample: its rate is the
        #    analysis cost reported (extrapolated to all documents).
        sample = min(SAMPLE_DOCS, len(docs))
        started = time.perf_counter()
        for offset in range(0, sample, 500):
            texts = [t for d in docs[offset : min(offset + 500, sample)] for t in (d[0], d[1])]
            document_terms_many(texts)
        analysis_s = (time.perf_counter() - started) * len(docs) / sample
        # 2. Every document's terms, each distinct sentence analysed once (the same analyser;
        #    sentences do not share noun runs, so the terms are the same but for context).
        started = time.perf_counter()
        pieces = [[d[0]] for d in docs]
        for i, d in enumerate(docs):
            pieces[i] += SENTENCE_END.split(d[1])
        distinct = sorted({p for ps in pieces for p in ps})
        memo = dict(zip(distinct, document_terms_many(distinct), strict=True))
        tokens = []
        for ps in pieces:
            tokens += [memo[ps[0]], " ".join(memo[p] for p in ps[1:] if memo[p])]
        memo_s = time.perf_counter() - started
        tokens_file.write_text(json.dumps({"tokens": tokens, "analysis_s": analysis_s,
                                           "sample": sample, "memo_s": memo_s}))  # fmt: skip

    started = time.perf_counter()
    now = timezone.now()
    batch = 2000
    for offset in range(0, len(docs), batch):
        rows = []
        for i in range(offset, min(offset + batch, len(docs))):
            title, body, dept = docs[i]
            document = SearchDocument(
                content_type=content_type, object_id=i + 1, locale="ko", title=title,
                url=f"/bench/{i + 1}/", body=body, department_id=departments.get(dept),
                doc_type="pages.contentpage", published_at=now,
                title_tokens=tokens[2 * i], body_tokens=tokens[2 * i + 1],
            )  # fmt: skip
            rows.append(document)
        with transaction.atomic():
            SearchDocument.objects.bulk_create(rows)
    insert_s = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE search_searchdocument")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    id_by_object = dict(SearchDocument.objects.values_list("object_id", "id"))

    def run(text):
        started = time.perf_counter()
        results = search_site(query_text=text, locale="ko")
        hits = list(results.page) if results.page else []
        elapsed = time.perf_counter() - started
        return elapsed, hits, results.total

    for text, _rel in queries[:5]:  # warm the caches once
        run(text)
    planted_latency, broad_latency, recalls, failures = [], [], [], []
    per_query = []
    for round_no in range(rounds):
        for text, relevant in queries:
            elapsed, hits, total = run(text)
            planted_latency.append(elapsed)
            if round_no == 0:
                wanted = {id_by_object[r + 1] for r in relevant}
                got = {h.document.pk for h in hits[:10]}
                recall = len(wanted & got) / len(wanted)
                recalls.append(recall)
                per_query.append({"query": text, "recall": recall, "matches": total})
                if recall < 1:
                    terms = [g.all_terms for g in analyse_query(text).groups]
                    failures.append(
                        {"query": text, "recall": recall, "matches": total, "terms": terms}
                    )
        for text in BROAD_QUERIES:
            elapsed, _hits, total = run(text)
            broad_latency.append(elapsed)
            if round_no == 0:
                per_query.append({"query": text, "matches": total})

    def pct(values, q):
        values = sorted(values)
        return round(values[min(len(values) - 1, int(q * len(values)))] * 1000, 1)

    return {
        "backend": connection.vendor,
        "documents": len(docs),
        "analyser": analyser.name,
        "analyser_load_s": round(analyser_load_s, 2),
        "analysis_s": round(analysis_s, 1),
        "analysis_sample_docs": sample,
        "bench_analysis_s": round(memo_s, 1),
        "analysis_docs_per_s": round(len(docs) / analysis_s, 1),
        "insert_s": round(insert_s, 1),
        "planted_queries": len(queries),
        "rounds": rounds,
        "planted_p50_ms": pct(planted_latency, 0.50),
        "planted_p95_ms": pct(planted_latency, 0.95),
        "broad_queries": len(BROAD_QUERIES),
        "broad_p50_ms": pct(broad_latency, 0.50),
        "broad_p95_ms": pct(broad_latency, 0.95),
        "all_p95_ms": pct(planted_latency + broad_latency, 0.95),
        "recall_at_10": round(statistics.mean(recalls), 4),
        "recall_misses": failures,
        "per_query": per_query,
    }


# ----------------------------------------------------------------------------- the driver

CHILDREN: list[subprocess.Popen] = []


def app_environment(tmp: Path, database_url: str) -> dict[str, str]:
    from bench_http import app_environment as http_environment

    run_env = http_environment(None, tmp, database_url, "")
    run_env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), run_env.get("PYTHONPATH")]))
    return run_env


def recreate_pg(name: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=10) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0")


def drop_pg(name: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=10) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run_child(args: list[str], run_env: dict[str, str]) -> str:
    proc = subprocess.Popen(
        [PYTHON, *args], cwd=REPO, env=run_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    CHILDREN.append(proc)
    out, err = proc.communicate()
    CHILDREN.remove(proc)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(args[:3])} failed ({proc.returncode}):\n{err[-4000:]}")
    return out


def parse_args(argv):
    env = os.environ
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--docs", type=int, default=int(env.get("MADANG_BENCH_SEARCH_DOCS", 100_000)))
    p.add_argument("--rounds", type=int, default=int(env.get("MADANG_BENCH_ROUNDS", 3)))
    p.add_argument("--quick", action="store_true", default=env.get("MADANG_BENCH_QUICK") == "1")
    p.add_argument(
        "--sqlite", action="store_true", default=env.get("MADANG_BENCH_SEARCH_SQLITE") == "1"
    )
    p.add_argument("--no-postgres", action="store_true")
    p.add_argument("--no-json", action="store_true")
    p.add_argument("--worker", nargs=3, metavar=("DATABASE_URL", "CORPUS", "TOKENS"),
                   help=argparse.SUPPRESS)  # fmt: skip
    return p.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.worker:
        database_url, corpus, tokens = args.worker
        result = worker(database_url, Path(corpus), Path(tokens), args.rounds)
        print("RESULT " + json.dumps(result, ensure_ascii=False))
        return 0
    if args.quick:
        args.docs, args.rounds = min(args.docs, 5_000), 1

    def on_term(signum, frame):
        for child in list(CHILDREN):
            child.terminate()
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_term)
    info = machine_info()
    tmp = Path(tempfile.mkdtemp(prefix="madang-bench-search-"))
    backends = [] if args.no_postgres else ["postgresql"]
    if args.sqlite:
        backends.append("sqlite")
    results, ok = [], True
    try:
        started = time.perf_counter()
        docs, queries = generate_corpus(args.docs)
        corpus_file = tmp / "corpus.json"
        corpus_file.write_text(json.dumps({"docs": docs, "queries": queries}, ensure_ascii=False))
        print(f"generated {len(docs)} documents and {len(queries)} planted queries "
              f"in {time.perf_counter() - started:.1f} s", flush=True)  # fmt: skip
        for backend in backends:
            if backend == "postgresql":
                recreate_pg(PG_DATABASE)
                database_url = f"{PG_SERVER}/{PG_DATABASE}"
            else:
                database_url = f"sqlite:///{tmp / 'bench.sqlite3'}"
            run_env = app_environment(tmp, database_url)
            run_child(["manage.py", "migrate", "--noinput"], run_env)
            out = run_child(
                [str(Path(__file__).resolve()), "--rounds", str(args.rounds), "--worker",
                 database_url, str(corpus_file), str(tmp / "tokens.json")],
                run_env,
            )  # fmt: skip
            line = next(x for x in out.splitlines() if x.startswith("RESULT "))
            result = json.loads(line.removeprefix("RESULT "))
            results.append(result)
            print(
                f"{result['backend']}: {result['documents']} documents, analyser "
                f"{result['analyser']} (model load {result['analyser_load_s']} s); analysis "
                f"{result['analysis_s']} s ({result['analysis_docs_per_s']} docs/s, measured on "
                f"{result['analysis_sample_docs']} documents), insert {result['insert_s']} s\n"
                f"  planted queries ({result['planted_queries']} x {result['rounds']}): "
                f"p50 {result['planted_p50_ms']} ms, p95 {result['planted_p95_ms']} ms; "
                f"recall@10 {result['recall_at_10']}\n"
                f"  broad queries ({result['broad_queries']} x {result['rounds']}): "
                f"p50 {result['broad_p50_ms']} ms, p95 {result['broad_p95_ms']} ms; "
                f"all queries p95 {result['all_p95_ms']} ms",
                flush=True,
            )
            for miss in result["recall_misses"]:
                print(f"  miss: {miss}")
            if result["recall_at_10"] < RECALL_FLOOR:
                ok = False
        print(describe(info))
    except (KeyboardInterrupt, RuntimeError, StopIteration) as exc:
        print(f"bench_search failed: {exc}", file=sys.stderr)
        ok = False
    finally:
        if "postgresql" in backends:
            try:
                drop_pg(PG_DATABASE)
            except Exception as exc:  # noqa: BLE001 - teardown must not hide the result
                print(f"could not drop {PG_DATABASE}: {exc}", file=sys.stderr)
        shutil.rmtree(tmp, ignore_errors=True)
    if results and not args.no_json:
        RESULTS_DIR.mkdir(exist_ok=True)
        out = RESULTS_DIR / f"search-{time.strftime('%Y%m%d-%H%M%S')}.json"
        for r in results:
            r.pop("per_query", None) if len(r.get("per_query", [])) > 200 else None
        out.write_text(json.dumps({"machine": info, "results": results}, indent=2,
                                  ensure_ascii=False) + "\n")  # fmt: skip
        print(f"wrote {out.relative_to(REPO)}")
    return 0 if ok and results else 1


if __name__ == "__main__":
    sys.exit(main())
