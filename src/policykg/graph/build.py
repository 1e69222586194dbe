"""The build pipeline: corpus -> mentions -> extraction stages -> validated graph, cached by content hash."""

from __future__ import annotations

import contextlib
import gc
import hashlib
import itertools
import json
import os
import sys
import tempfile
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from policykg import __version__
from policykg.config import PACKAGE_DIR, Settings
from policykg.errors import InputError, Problem
from policykg.graph import store as graph_store
from policykg.graph.model import Evidence, Node, PolicyGraph, Rejection, Statement

if TYPE_CHECKING:  # the build's modules load when a build runs: a command served from the cache never imports them
    from policykg.extract.cache import DocCache
    from policykg.extract.gazetteer import Entity, Gazetteer, Mention
    from policykg.extract.ingest.patterns import Patterns
    from policykg.extract.ingest.scorer import Scorer
    from policykg.extract.ingest.stage import ProposalRun
    from policykg.extract.stages import Corpus, FactFinding, Finding, Rule
    from policykg.graph.schema import Schema
    from policykg.sources.corpus import Document

T = TypeVar("T")
CACHE_FORMAT = 3


@dataclass
class BuildResult:
    graph: PolicyGraph
    from_cache: bool
    cache_file: Path | None
    seconds: float
    timings: dict[str, float] = field(default_factory=dict)
    extracted: tuple[int, int] = (0, 0)  # documents extracted, documents taken from the per-document cache
    progress: Progress | None = None


PROGRESS_MIN_DOCUMENTS = 10  # a build of fewer documents says nothing while it runs
PROGRESS_MIN_BYTES = 2_000_000  # ... unless their text is this large (one long document takes a while)
PROGRESS_MIN_SENTENCES = 2000  # a document this long reports its own progress (a tenth of its sentences at a time)


class Progress:
    """A build's progress on stderr (never stdout): the stage, and documents done of the total. On a terminal
    one line rewritten in place (at most ten times a second); elsewhere (``--progress`` into a log) a line per
    stage and per tenth of the documents."""

    def __init__(self, total: int, stream: Any = None):
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.name = ""
        self._last = 0.0
        self._step = max(1, total // 10)
        self._open = False

    @classmethod
    def make(cls, enabled: bool | None, settings: Settings) -> Progress | None:
        """A progress report when asked for (True) or when stderr is a terminal (None), for a build of more
        than a few documents."""
        if enabled is False or (enabled is None and not sys.stderr.isatty()):
            return None
        total = _listed_count(settings)
        return cls(total) if total > PROGRESS_MIN_DOCUMENTS or _listed_bytes(settings) > PROGRESS_MIN_BYTES else None

    def _write(self, text: str, final: bool = False) -> None:
        if self.tty:
            self.stream.write(f"\r\x1b[K{text}" + ("\n" if final else ""))
            self._open = not final
        else:
            self.stream.write(text + "\n")
        self.stream.flush()

    def stage(self, name: str) -> None:
        self.name = name
        self._write(f"build: {name}")

    def step(self, done: int) -> None:
        now = time.monotonic()
        last = done >= self.total
        if self.tty and not last and now - self._last < 0.1:
            return
        if not self.tty and not last and done % self._step:
            return
        self._last = now
        self._write(f"build: {self.name} {done}/{self.total} documents")

    def within(self, done: int, doc_id: str, sentences: int, total_sentences: int) -> None:
        """Inside a long document: how far its sentences are read (a tenth at a time into a log)."""
        now = time.monotonic()
        if self.tty and now - self._last < 0.1:
            return
        self._last = now
        self._write(f"build: {self.name} {done}/{self.total} documents; {doc_id}: {sentences}/{total_sentences} "
                    "sentences")

    def done(self) -> None:
        if self._open:  # the line rewritten in place is cleared: what the command prints next starts clean
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._open = False


def _collect(problems: list[Problem], fn: Callable[[], T]) -> T | None:
    try:
        return fn()
    except InputError as exc:
        problems.extend(exc.problems)
        return None


def cache_key(settings: Settings) -> str:
    """Hash of the content of every input: the corpus, loaders, schema, the code that reads them, and the
    optional datasets (the screening list by its bytes, never by its size or time stamp)."""
    h = hashlib.sha256()
    h.update(f"format={CACHE_FORMAT};version={__version__};threshold={settings.proposal_threshold}".encode())
    sources, digests = _documents(settings)  # verifies sha256
    h.update(sources)
    for digest in digests:
        h.update(digest.encode())
    roots = [settings.loaders, settings.schema.parent, PACKAGE_DIR]
    if settings.overlay.is_dir():
        roots.append(settings.overlay)
    for root in roots:
        for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in KEYED_SUFFIXES):
            h.update(str(path.relative_to(root)).encode())
            try:
                h.update(path.read_bytes())
            except OSError as exc:
                raise InputError([Problem(str(path), f"cannot be read ({exc.strerror or exc})",
                                          "check the file's permissions")]) from None
    if settings.screening_list is not None:
        h.update(b"screening-list")
        h.update(str(settings.screening_list.resolve()).encode())  # its evidence names the file
        h.update(_file_sha256(settings.screening_list).encode())
    return h.hexdigest()


def load_or_build(settings: Settings, rebuild: bool = False, progress: bool | None = None) -> BuildResult:
    """The graph from the cache when a verified one exists for these inputs, else built (and cached when the
    cache folder is writable: one warning line on stderr when it is not, or when a cache file is damaged).

    ``progress``: report a build's progress on stderr (True), never (False), or when stderr is a terminal
    (None). ``rebuild`` builds the graph again but still takes each document's extraction from the
    per-document cache when its inputs are unchanged (see extract/cache.py)."""
    t0 = time.perf_counter()
    try:
        key = cache_key(settings)
    except InputError:
        build_graph(settings, progress=False)  # lists the problems of every loader file together
        raise
    cache_file = settings.cache / f"graph-{key[:24]}{graph_store.SUFFIX}"
    if not rebuild:
        graph = _read_cache(cache_file, settings)
        if graph is not None:
            _flush_memos()
            return BuildResult(graph, True, cache_file, time.perf_counter() - t0)
    with _collector_paused():
        result = build_graph(settings, progress=progress)
        try:
            if result.progress is not None:
                result.progress.stage("writing the cache")
            graph_store.write(cache_file, result.graph)
            result.cache_file = cache_file
            _flush_memos()
        except OSError as exc:
            _warn(f"cache {settings.cache} not writable; not cached ({exc.strerror or exc})")
    if result.progress is not None:
        result.progress.done()
    result.seconds = time.perf_counter() - t0
    return result


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while a build makes its objects (it is back on after, as it was). A build
    makes millions of objects that live until it ends, almost none in reference cycles; each full collection
    walks all of them, and a rebuild that reads 300,000 cached proposals triggered several: 15-20 % of its
    time (bench_incremental, 500 documents: 17.4 s -> 14.7 s), with the same peak memory (814 vs 834 MiB).
    Turned back on, the collector would walk every object made meanwhile at its first collection (0.75 s):
    they are moved to the oldest generation first (freeze, then unfreeze), as if they had lived through it."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.unfreeze()
        if was:
            gc.enable()


KEYED_SUFFIXES = {".yaml", ".yml", ".py", ".json"}  # .json: the proposal scorer is an input too


def _file_sha256(path: Path) -> str:
    """sha256 of a file's bytes, read in chunks ("missing" when there is no file: the build reports it)."""
    h = hashlib.sha256()
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(1 << 20):
                h.update(chunk)
    except FileNotFoundError:
        return "missing"
    return h.hexdigest()


def _read_cache(cache_file: Path, settings: Settings) -> PolicyGraph | None:
    """The cached graph, or None when there is none or it cannot be trusted (then rebuilt, with a warning)."""
    try:
        if not cache_file.is_file():
            return None
    except OSError:  # a cache folder we may not look into: nothing cached there
        return None
    try:
        return graph_store.read(cache_file, schema_path=settings.schema)  # the schema it was built with, as data
    except (OSError, graph_store.CacheDamaged) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        _warn(f"cache {cache_file} is damaged; rebuilt ({reason})")
        return None


def _warn(message: str) -> None:
    print(f"Warning: {message}", file=sys.stderr)


MEMO_FORMAT = "policykg-sources"


def _documents(settings: Settings) -> tuple[bytes, list[str]]:
    """The bytes of sources.yaml and the sha256 of every document it lists, each checked against the document's
    bytes (InputError, from read_sources, when one differs or anything else is wrong).

    Reading sources.yaml is the slow part of the key (YAML, and a look at every document's text); what it listed
    is remembered in the cache folder (``sources-<hash>.json``, plain data) under the hash of its bytes, of the
    document settings and of the corpus path. A later key with the same three takes the list of files from
    there and hashes the documents themselves: the key is the same, and a changed document still fails."""
    try:
        sources = settings.sources.read_bytes()
    except OSError:
        sources = None
    memo = None
    if sources is not None:
        d = hashlib.sha256(sources)
        d.update(str(settings.corpus.absolute()).encode())
        for layer in settings.doc_settings:
            d.update(str(layer).encode())
            d.update(_file_sha256(layer).encode())
        memo = settings.cache / f"sources-{d.hexdigest()[:24]}.json"
        listed = _read_memo(memo)
        if listed is not None and all(_file_sha256(settings.corpus / f) == sha for f, sha in listed):
            return sources, [sha for _, sha in listed]
    from policykg.sources.corpus import read_sources

    docs = read_sources(settings.corpus, settings.doc_settings)  # verifies sha256
    if memo is not None:  # written once the build has succeeded: a failed run leaves the cache folder as it was
        _PENDING_MEMOS[memo] = [(src.file, src.sha256) for src in docs]
    return settings.sources.read_bytes(), [src.sha256 for src in docs]


_PENDING_MEMOS: dict[Path, list[tuple[str, str]]] = {}


def _flush_memos() -> None:
    while _PENDING_MEMOS:
        path, docs = _PENDING_MEMOS.popitem()
        _write_memo(path, docs)


def _read_memo(path: Path) -> list[tuple[str, str]] | None:
    try:
        raw = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    docs = raw.get("documents") if isinstance(raw, dict) and raw.get("format") == MEMO_FORMAT else None
    if not isinstance(docs, list) or not all(
            isinstance(d, list) and len(d) == 2 and all(isinstance(x, str) for x in d) for d in docs):
        return None
    return [(f, sha) for f, sha in docs]


def _write_memo(path: Path, docs: list[tuple[str, str]]) -> None:
    """Best effort: a cache folder that cannot be written only means no memo (the graph's write warns)."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=graph_store.TEMP_PREFIX, suffix=".tmp")
        with os.fdopen(fd, "w") as fh:
            json.dump({"format": MEMO_FORMAT, "documents": docs}, fh)
        os.replace(tmp, path)
    except OSError:
        pass
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)


@dataclass
class Prepared:
    """Everything the extraction stages read, loaded and checked: the input of build and of train."""

    schema: Schema
    docs: list[Document]
    corpus: Corpus
    gaz: Gazetteer
    rules: list[Rule]
    patterns: Patterns
    curated: list[Finding]
    facts: list[FactFinding]
    skipped: list[str]
    timings: dict[str, float]


MentionsOf = Callable[["Gazetteer", "Document"], "list[Mention]"]


def _read_corpus(settings: Settings, progress: Progress | None) -> list[Document]:
    """corpus.read_corpus, a document at a time (the progress counts them)."""
    from policykg.sources.corpus import decode_document, read_sources, segment

    sources = read_sources(settings.corpus, settings.doc_settings)
    if progress is not None:
        progress.total = len(sources)
        progress.stage("reading the corpus")
    docs = []
    for i, src in enumerate(sources, 1):
        path = settings.corpus / src.file
        docs.append(segment(src, decode_document(path, path.read_bytes())))
        if progress is not None:
            progress.step(i)
    return docs


def prepare(settings: Settings, mentions_of: MentionsOf | None = None,
            progress: Progress | None = None) -> Prepared:
    """Read the corpus and every loader file; every input problem is collected and raised together.
    ``mentions_of`` finds a document's gazetteer mentions (the build's takes them from the per-document
    cache when it can)."""
    from policykg.extract.gazetteer import load_gazetteer
    from policykg.extract.ingest.patterns import load_patterns
    from policykg.extract.regex_safety import check_pattern_files
    from policykg.extract.stages import Corpus, load_curated, load_rules
    from policykg.graph.schema import load_schema

    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    problems: list[Problem] = []
    schema = load_schema(settings.schema)
    docs = _collect(problems, lambda: _read_corpus(settings, progress))
    timings["corpus"] = time.perf_counter() - t0
    # every loader file is checked even when another one has problems: all of them are listed together
    doc_ids = _collect(problems, lambda: known_doc_ids(
        settings, {d.id for d in docs} if docs is not None else listed_doc_ids(settings)))
    gaz = _collect(problems, lambda: load_gazetteer(settings.gazetteer_dirs, schema, doc_ids, problems))
    rules = _collect(problems, lambda: load_rules(settings.rules_files, schema))
    # their shape and their regular expressions first (file:line; a pattern that could hang the build is refused)
    checked = _collect(problems, lambda: check_pattern_files(settings.patterns_files))
    patterns = _collect(problems, lambda: load_patterns(settings.patterns_files)) if checked else None
    if docs is None or gaz is None:
        raise InputError(_unique(problems))
    t = time.perf_counter()
    if progress is not None:
        progress.stage("finding names")
    mentions = []
    for i, d in enumerate(docs, 1):
        mentions += mentions_of(gaz, d) if mentions_of is not None else gaz.find_mentions(d)
        if progress is not None:
            progress.step(i)
    corpus = Corpus(docs, mentions)
    timings["mentions"] = time.perf_counter() - t
    skipped: list[str] = []
    curated = _collect(problems, lambda: load_curated(settings.assertion_dirs, corpus, gaz, schema, skipped))
    if problems or curated is None or rules is None or patterns is None:
        raise InputError(_unique(problems))
    return Prepared(schema, docs, corpus, gaz, rules, patterns, curated[0], curated[1], skipped, timings)


def build_graph(settings: Settings, progress: bool | None = False, doc_cache: bool = True) -> BuildResult:
    """Build the graph; every input problem is collected and raised together. Each document's extraction
    (its gazetteer mentions, candidate names and relation proposals) comes from the per-document cache in the
    cache folder when that document and everything its extraction reads are unchanged (``doc_cache=False``:
    every document is extracted, nothing is kept). ``progress`` as for load_or_build."""
    from policykg.extract import cache as xc
    from policykg.extract.ingest.scorer import load_scorer
    from policykg.extract.ingest.stage import apply_proposals, load_decisions, prior_from, run_proposals
    from policykg.extract.stages import apply_rules, section_context, settle_section_context

    t0 = time.perf_counter()
    show = Progress.make(progress, settings)
    cache = xc.DocCache(settings.cache if doc_cache else None)
    try:
        base = extraction_base(settings) if doc_cache else ""

        def mentions_of(gaz: Gazetteer, doc: Document) -> list[Mention]:
            key = xc.digest("mentions", base, xc.document_key(base, doc))
            row = cache.get(key)
            if row is not None:
                return xc.mentions_from_json(doc.id, row)
            found = gaz.find_mentions(doc)
            cache.put(key, doc.id, xc.mentions_to_json(found))
            return found

        pre = prepare(settings, mentions_of if doc_cache else None, show)
        corpus, gaz, timings = pre.corpus, pre.gaz, pre.timings
        if show is not None:
            show.stage("rules and section context")
        t = time.perf_counter()
        graph = PolicyGraph(pre.schema)
        graph.rejected.extend(Rejection("curated", path, reason) for path, reason in
                              (item.split(": ", 1) for item in pre.skipped))
        _lexical_layer(graph, corpus)
        _entities(graph, corpus, gaz, pre.curated, pre.facts)
        _reference_edges(graph, gaz)
        findings: list[Finding] = []
        findings += section_context(corpus, gaz, pre.patterns, graph.rejected)
        # the rules' matches are edges in the papers a curator has reviewed; elsewhere they are proposals, which the
        # scorer weighs like any other reading (as rules alone, 56 of their edges in the devset were wrong)
        findings += apply_rules(corpus, gaz, pre.rules, pre.patterns, graph.rejected,
                                {d.id for d in pre.docs if d.source.reviewed})
        findings += pre.curated
        for f in settle_section_context(findings, graph.rejected):
            graph.add_edge(f.source, f.type, f.target, f.evidence, f.stage, f.properties, f.where)
        _facts(graph, pre.facts)
        timings["extract"] = time.perf_counter() - t
        t = time.perf_counter()
        scorer = load_scorer(settings.scorer_files)
        prior = scorer.prior or prior_from(pre.curated, gaz)
        if doc_cache:
            run, extracted = _proposals(pre, scorer, prior, cache, base, show)
        else:  # the stage's own loop: the per-document cache's results are tested against it
            run = run_proposals(pre.docs, corpus, gaz, pre.rules, pre.schema, pre.patterns, scorer, prior)
            extracted = (len(pre.docs), 0)
        if show is not None:
            show.stage("assembling the graph")
        reviewed = {d.id for d in pre.docs if d.source.reviewed}
        threshold = settings.proposal_threshold if settings.proposal_threshold is not None else scorer.threshold
        listing = apply_proposals(graph, corpus, run, threshold, load_decisions(settings.overlay / "review.yaml"),
                                  reviewed, str(scorer.path) if scorer.path else "untrained (default confidences)")
        del run  # the candidates and proposals are in the graph and the listing now
        timings["proposals"] = time.perf_counter() - t
        if settings.screening_list is not None:
            from policykg.extract.screening import add_screening_list  # optional dataset, loaded on demand

            t = time.perf_counter()
            add_screening_list(graph, settings.screening_list, gaz)
            timings["screening_list"] = time.perf_counter() - t
        graph.sort()
        from policykg.graph.time import annotate_time
        annotate_time(graph)  # valid_from/valid_to from the dates and terms the graph holds
        invalid = graph.problems()
        if invalid:
            raise InputError([Problem("graph", p) for p in invalid])
        detected = {d.id: d.source.detected for d in pre.docs if d.source.detected}
        graph.meta = {"documents": sorted(d.id for d in pre.docs), "mentions": len(corpus.mentions),
                      "timings": timings, "proposals": listing, "layouts_detected": detected}
        cache.commit()
    except BaseException:
        if show is not None:
            show.done()  # the error line starts on a line of its own
        raise
    finally:
        cache.close()
    return BuildResult(graph, False, None, time.perf_counter() - t0, timings, extracted, show)


def extraction_base(settings: Settings) -> str:
    """The hash of what every document's extraction reads besides the document: the code, the schema, and the
    loader files other than the curated assertions, the document settings (a document's own settings are in
    its key) and the review decisions."""
    from policykg.extract import cache as xc
    leave_out = {"assertions", "documents.yaml", "review.yaml"}
    roots = [(PACKAGE_DIR, set()), (settings.schema.parent, set()), (settings.loaders, leave_out),
             (settings.overlay, leave_out)]
    try:
        files = xc.files_digest(roots, KEYED_SUFFIXES)
    except OSError as exc:  # cache_key has read them all already: a file that went away since
        raise InputError([Problem(str(exc.filename), f"cannot be read ({exc.strerror or exc})")]) from None
    return xc.digest(f"format={xc.FORMAT};version={__version__}", files)


def _proposals(pre: Prepared, scorer: Scorer, prior: dict[tuple[str, str], tuple[str, bool]], cache: DocCache,
               base: str, show: Progress | None) -> tuple[ProposalRun, tuple[int, int]]:
    """ingest.stage.run_proposals, with each document's candidates and scored proposals taken from the
    per-document cache when they are there, and kept there when they are not. A document's proposals are read
    from its row (compressed) when apply_proposals places them: one document's at a time are held, without
    their features."""
    from policykg.extract import cache as xc
    from policykg.extract.ingest.candidates import find_candidates
    from policykg.extract.ingest.proposals import Prior, propose_document
    from policykg.extract.ingest.stage import DocPlaced, Placed, ProposalRun, placements

    rows = prior.rows() if isinstance(prior, Prior) else sorted(
        [a, b, rel, fwd] for (a, b), (rel, fwd) in prior.items())
    known = prior.known_rows() if isinstance(prior, Prior) else []
    # the usual readings and the second ones, and what the keys say about known pairs
    pbase = xc.digest("proposals", base, json.dumps(rows), json.dumps(known))
    by_doc: dict[str, list[Mention]] = {}
    for m in pre.corpus.mentions:
        by_doc.setdefault(m.doc, []).append(m)
    candidates = {}
    # each document's row key, its proposals as placed (compressed JSON, read when placed), and the pieces of
    # their listing items (compressed, read only if the block of the document's listing items must be made)
    kept: dict[str, tuple[str, bytes, bytes]] = {}
    blocked: list[str] = []
    if show is not None:
        show.stage("proposing relations")
    counts = [0, 0]  # documents extracted, cached
    for i, d in enumerate(pre.docs, 1):
        key = xc.digest(pbase, xc.document_key(base, d))
        # three rows: the candidates (read now), the proposals as placed (read when placed, never twice), and the
        # pieces of their items in the listing (read only when the block of the document's items is made)
        found = cache.get_row(key)
        data = cache.get_data(xc.digest(key, "placed")) if found is not None else None
        pieces = cache.get_data(xc.digest(key, "pieces")) if data is not None else None
        if found is not None and data is not None and pieces is not None:
            cands = xc.candidates_from_json(found[0]["candidates"])
            blk = list(found[0]["blocked"])
            counts[1] += 1
        else:
            cands = find_candidates(d, by_doc.get(d.id, []), pre.gaz, pre.patterns)
            blk = []
            tick = None
            if show is not None and len(d.sentences) >= PROGRESS_MIN_SENTENCES:
                def tick(done: int, total: int, doc_id: str = d.id, before: int = i - 1) -> None:
                    assert show is not None
                    show.within(before, doc_id, done, total)
            props = propose_document(d, pre.corpus, pre.gaz, cands, pre.rules, pre.schema, pre.patterns, prior, blk,
                                     tick=tick)
            for p, c in zip(props, scorer.score_all(props), strict=True):
                p.confidence = c
            cache.put(key, d.id, {"candidates": xc.candidates_to_json(cands), "blocked": blk})
            placed, listed = placements(props, pre.corpus)
            data = cache.put(xc.digest(key, "placed"), d.id, [q.to_row() for q in placed])
            pieces = zlib.compress(b"\x00".join(listed), 1)  # JSON escapes \x00 in its strings: none inside
            cache.put_bytes(xc.digest(key, "pieces"), d.id, pieces)
            del props, placed, listed  # read again from the rows when placed: a document's proposals at a time
            counts[0] += 1
        del found
        candidates[d.id] = cands
        kept[d.id] = (key, data, pieces)
        blocked += blk
        if show is not None:
            show.step(i)

    def of_document(doc_id: str) -> DocPlaced:
        key, data, pieces_data = kept.pop(doc_id)

        def pieces() -> list[bytes]:
            return zlib.decompress(pieces_data).split(b"\x00")

        def block(digest: str) -> bytes | None:
            got = cache.get_data(xc.digest(key, "block"))
            return got[64:] if got is not None and got[:64] == digest.encode() else None

        def keep(digest: str, data: bytes) -> None:
            cache.put_bytes(xc.digest(key, "block"), doc_id, digest.encode() + data)

        return DocPlaced([Placed.from_row(r) for r in xc.decode(data)], pieces, block, keep)

    return ProposalRun(candidates, [], blocked, of_document), (counts[0], counts[1])


def _listed_count(settings: Settings) -> int:
    """How many documents sources.yaml lists (0 when it cannot be read: the build reports why)."""
    ids = listed_doc_ids(settings)
    return len(ids) if ids is not None else 0


def _listed_bytes(settings: Settings) -> int:
    """The size of the documents sources.yaml lists (those it can find; 0 when it cannot be read)."""
    from policykg.yamlio import load_yaml

    try:
        raw = load_yaml(settings.sources)
    except InputError:
        return 0
    items = raw.get("documents") if isinstance(raw, dict) else None
    total = 0
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and isinstance(item.get("file"), str):
            path = settings.corpus / item["file"]
            total += path.stat().st_size if path.is_file() else 0
    return total


def _doc_path(graph: PolicyGraph, doc: Document) -> str:
    return f"document:{doc.id}"


def _lexical_layer(graph: PolicyGraph, corpus: Corpus) -> None:
    for doc in corpus.docs.values():
        src = doc.source
        first = doc.sentences[0]
        listed = Evidence(method="structure", confidence=1.0, source="sources.yaml", record=src.id)
        props = {k: v for k, v in {
            "title": src.title_en, "title_zh": src.title_zh, "authors": list(src.authors),
            "year": src.year, "doi": src.doi, "language": src.language, "file": src.file,
            "sha256": src.sha256}.items() if v}
        graph.add_node(Node(
            id=_doc_path(graph, doc), type="Document", name=src.title_en or src.id, name_zh=src.title_zh,
            properties=props, statements=[Statement(prop=k, value=v, evidence=[listed])
                                          for k, v in {**props, "name_zh": src.title_zh}.items() if v],
            evidence=[corpus.evidence(first, "structure", 1.0, field_name="first sentence")],
        ))
        heads = {s.section: s for s in doc.sentences if s.kind == "heading"}
        for sec in doc.sections:
            anchor = heads.get(sec.id) or next((s for s in doc.sentences if s.section == sec.id), first)
            ev = corpus.evidence(anchor, "structure", 1.0, field_name="section heading")
            graph.add_node(Node(
                id=f"section:{sec.id}", type="Section", name=f"{doc.id} § {sec.title}",
                properties={"doc": doc.id, "path": sec.path, "title": sec.title, "level": sec.level,
                            "start": sec.start, "end": sec.end, "language": sec.language},
                evidence=[ev]))
            parent = f"section:{sec.parent}" if sec.parent else _doc_path(graph, doc)
            graph.add_edge(parent, "HAS_SECTION", f"section:{sec.id}", [ev], "structure")


def _entities(graph: PolicyGraph, corpus: Corpus, gaz: Gazetteer, curated: list[Finding],
              facts: list[FactFinding]) -> None:
    # an entity the papers describe without naming it (the chain of an industry, an unnamed order) gets its
    # evidence from the curated assertions that speak of it
    described: dict[str, list[Evidence]] = {}
    for f in curated:
        for end in (f.source, f.target):
            described.setdefault(end, []).extend(f.evidence)
    for ff in facts:
        described.setdefault(ff.entity, []).append(ff.evidence)
    by_entity: dict[str, list[Any]] = {}
    for m in corpus.mentions:
        by_entity.setdefault(m.entity, []).append(m)
    doc_ids = set(corpus.docs)
    for ent in gaz.entities.values():
        ms = by_entity.get(ent.id, [])
        evidence: list[Evidence] = []
        seen_docs: set[str] = set()
        for m in ms:  # the first mention in each document speaks for the node
            if m.doc in seen_docs:
                continue
            seen_docs.add(m.doc)
            s = corpus.docs[m.doc].sentences[m.sentence]
            evidence.append(corpus.evidence(s, "gazetteer", 1.0, surface=m.surface))
        if ent.reference_source:
            evidence.append(Evidence(method="reference", confidence=1.0, source=ent.reference_source,
                                     field=", ".join(sorted(ent.reference_properties)) or None))
        if not ms and ent.id in described:
            evidence.extend(ev.model_copy(update={"field": "described, not named"}) for ev in described[ent.id][:3])
        elif not ms and ent.library:
            continue  # general knowledge the corpus does not (yet) speak of: not a dropped fact
        elif not ms:
            graph.rejected.append(Rejection("gazetteer", ent.id, "never mentioned in the corpus", ent.where))
            if not ent.reference_source:
                continue
        graph.add_node(_entity_node(ent, evidence, doc_ids))
    # lexical MENTIONS edges: one per (section, entity), every mention as evidence
    grouped: dict[tuple[str, str], list[Any]] = {}
    for m in corpus.mentions:
        grouped.setdefault((m.section, m.entity), []).append(m)
    for (section, entity), ms in sorted(grouped.items()):
        if entity not in graph.nodes:
            continue
        evs = []
        for m in ms:
            s = corpus.docs[m.doc].sentences[m.sentence]
            evs.append(corpus.evidence(s, "gazetteer", 1.0, surface=m.surface, span=(m.start, m.end)))
        graph.add_edge(f"section:{section}", "MENTIONS", entity, evs, "gazetteer", {"count": len(ms)},
                       statements=[Statement(prop="count", value=len(ms), derived="mentions: the edge's evidence")])


def _entity_node(ent: Entity, evidence: list[Evidence], docs: set[str]) -> Node:
    # the names it has in this corpus: a document's own alias (doc_aliases) only when that document is in it
    names = [n for n in ent.all_names(docs) if n not in {ent.name}]
    props = {**ent.reference_properties, **ent.properties}
    # what the gazetteer entry itself says is reference knowledge of the project (its file and entry are the
    # source); what its ``reference:`` block says comes from the source named there
    entry = Evidence(method="reference", confidence=1.0, source=ent.source_file or "gazetteer", record=ent.slug)
    own = {"name_zh": ent.name_zh, "kind": ent.kind, **ent.properties}
    statements = [Statement(prop=k, value=v, evidence=[entry.model_copy(update={"field": k})])
                  for k, v in own.items() if v not in ("", None)]
    statements += [Statement(prop=k, value=v, evidence=[Evidence(method="reference", confidence=1.0,
                                                                 source=ent.reference_source, field=k)])
                   for k, v in ent.reference_properties.items()]
    return Node(id=ent.id, type=ent.type, name=ent.name, name_zh=ent.name_zh,
                aliases=sorted(set(names), key=lambda n: (n != ent.name_zh, n)), kind=ent.kind,
                properties=props, statements=statements, evidence=evidence)


def _reference_edges(graph: PolicyGraph, gaz: Gazetteer) -> None:
    """The administrations' order in time is reference knowledge; it links them into one chain."""
    admins = sorted((e for e in gaz.entities.values() if e.type == "Administration" and e.id in graph.nodes
                     and "order" in {**e.reference_properties, **e.properties}),
                    key=lambda e: int({**e.reference_properties, **e.properties}["order"]))
    for a, b in itertools.pairwise(admins):
        ev = Evidence(method="reference", confidence=1.0,
                      source=b.reference_source or a.reference_source or "gazetteer order",
                      field="order")
        graph.add_edge(a.id, "SUCCEEDED_BY", b.id, [ev], "reference", where=b.where)


def _facts(graph: PolicyGraph, facts: list[FactFinding]) -> None:
    for f in facts:
        node = graph.nodes.get(f.entity)
        if node is None:
            graph.rejected.append(Rejection("curated", f"{f.entity}.{f.property}", "entity not in graph", f.where))
            continue
        # a value a paper states: a statement of its own (another paper's other value is kept beside it, and the
        # merged property picks one by the rule of graph.model.merge_statements)
        graph.add_statements(node, [Statement(prop=f.property, value=f.value, evidence=[f.evidence])])
        if f.evidence.key() not in {e.key() for e in node.evidence}:
            node.evidence.append(f.evidence)


def _unique(problems: list[Problem]) -> list[Problem]:
    """Each problem once (two loaders may read the same file and find the same fault), in order."""
    return list(dict.fromkeys(problems))


def listed_doc_ids(settings: Settings) -> set[str] | None:
    """The document ids sources.yaml lists, read without checking the documents; None when it cannot be read."""
    from policykg.yamlio import load_yaml

    try:
        raw = load_yaml(settings.sources)
    except InputError:
        return None
    items = raw.get("documents") if isinstance(raw, dict) else None
    return {str(i["id"]) for i in items if isinstance(i, dict) and i.get("id")} if isinstance(items, list) else None


def known_doc_ids(settings: Settings, corpus_ids: set[str] | None) -> set[str] | None:
    """Documents a loader file may name: the corpus's, and the papers the project's own loaders are about."""
    if corpus_ids is None:
        return None  # the corpus could not be read: the documents a loader file names are not checked
    from policykg.yamlio import load_yaml

    raw = load_yaml(settings.loaders / "documents.yaml")
    entries = raw.get("documents") if isinstance(raw, dict) else None
    project = {str(k) for k in entries if k != "__line__"} if isinstance(entries, dict) else set()
    return corpus_ids | project


def load_schema_only(settings: Settings) -> Schema:
    from policykg.graph.schema import load_schema

    return load_schema(settings.schema)
