"""Search the course by meaning: every lesson section embedded by MiniLM, fused with word search.

The section vectors take a minute or more to compute on two cores, so they are computed once and
kept under `$MLPATH_HOME/cache/search`, each under a hash of the model and of its section's
text: after a lesson changes, only its changed sections are embedded again.
Word (BM25) and meaning rankings are combined by reciprocal rank fusion, which needs no score
scales to agree (module 9 teaches it).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from mlpath.course.search import Hit, SearchIndex, Section

if TYPE_CHECKING:
    from mlpath.toolkit.minilm import MiniLM

# Reciprocal rank fusion's constant: the usual 60 (Cormack et al., 2009).
RRF_K = 60
# Words beyond the model's first 256 tokens of a section are not seen by it (they still count
# for word search).
_BATCH = 16


def section_text(section: Section) -> str:
    """What the model reads of a section: where it is, then what it says in words (code would
    crowd the prose out of the model's 256 tokens)."""
    return f"{section.lesson_title}. {section.heading}. {section.prose or section.text}"


def heading_text(section: Section) -> str:
    """A section's place alone: a short, descriptive text that a long body would dilute."""
    return f"{section.lesson_title}. {section.heading}"


def one_thread() -> AbstractContextManager[object]:
    """BLAS on one thread: a query's matrices are too small to share, and a busy machine (the
    learner's cells, a web server) makes threads that wait for each other many times slower."""
    from threadpoolctl import threadpool_limits

    limits: AbstractContextManager[object] = threadpool_limits(limits=1, user_api="blas")
    return limits


class SectionVectors:
    """The MiniLM vectors of a list of sections, cached on disk section by section: a section
    whose text (and the model) is unchanged keeps its vector, so editing a lesson re-embeds only
    the sections it changed."""

    def __init__(
        self,
        sections: Sequence[Section],
        cache_dir: Path,
        text: Callable[[Section], str] = section_text,
        name: str = "sections",
    ) -> None:
        from mlpath.toolkit.minilm import MODEL_VERSION

        self.texts = [text(section) for section in sections]
        self.digests = [
            hashlib.sha256(f"{MODEL_VERSION}\0{text}".encode()).hexdigest()[:32]
            for text in self.texts
        ]
        self.folder = cache_dir / "search"
        self.path = self.folder / f"{name}.npz"

    def cached(self) -> np.ndarray | None:
        """The vectors if every section was indexed before, else None."""
        known = self._load()
        if not all(digest in known for digest in self.digests):
            return None
        return np.stack([known[digest] for digest in self.digests]) if self.digests else None

    def missing(self) -> int:
        """How many sections have no vector yet."""
        known = self._load()
        return sum(1 for digest in self.digests if digest not in known)

    def build(
        self,
        model: MiniLM,
        on_progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> np.ndarray | None:
        """Embed the sections that have no vector (reporting (done, of how many)) and save.
        Returns None when `cancelled()` turned true before the end."""
        known = self._load()
        todo = sorted(
            {d: i for i, d in enumerate(self.digests) if d not in known}.values(),
            key=lambda i: len(self.texts[i]),  # similar lengths batch with little padding
        )
        for start in range(0, len(todo), _BATCH):
            if cancelled():
                return None
            chosen = todo[start : start + _BATCH]
            with one_thread():
                vectors = model.encode([self.texts[i] for i in chosen], batch_size=_BATCH)
            known.update(zip((self.digests[i] for i in chosen), vectors, strict=True))
            if on_progress is not None:
                on_progress(min(start + _BATCH, len(todo)), len(todo))
        result = (
            np.stack([known[d] for d in self.digests])
            if self.digests
            else np.zeros((0, 384), dtype=np.float32)
        )
        self._save(result)
        return result

    def _load(self) -> dict[str, np.ndarray]:
        try:
            with np.load(self.path) as stored:
                digests, vectors = stored["digests"], stored["vectors"]
        except (OSError, ValueError, KeyError, EOFError):
            return {}  # none yet, or damaged: rebuilt
        if vectors.ndim != 2 or len(digests) != len(vectors):
            return {}
        return dict(zip((str(d) for d in digests), vectors, strict=True))

    def _save(self, vectors: np.ndarray) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            # Written whole, then renamed: a reader never sees half a file. Only the current
            # sections are kept, so the file does not grow with every edit.
            handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(handle, "wb") as stream:
                np.savez(stream, digests=np.array(self.digests), vectors=vectors)
            os.replace(temporary, self.path)
        except OSError:
            pass  # an unwritable home costs a rebuild next time, never a failed search


class MeaningIndex:
    """Sections ranked by cosine similarity to the query's embedding: once by what they say,
    once by their headings."""

    def __init__(self, vectors: np.ndarray, headings: np.ndarray, model: MiniLM) -> None:
        self.vectors = vectors
        self.headings = headings
        self.model = model

    def rankings(self, query: str, depth: int) -> list[list[int]]:
        """The `depth` closest sections by body and by heading, closest first."""
        with one_thread():
            query_vector = self.model.encode([query])[0]
            return [
                _top(self.vectors @ query_vector, depth),
                _top(self.headings @ query_vector, depth),
            ]

    def rank(self, query: str, depth: int) -> list[int]:
        """Indices of the `depth` sections closest in meaning to `query`, best first."""
        return reciprocal_rank_fusion(self.rankings(query, depth))[:depth]


def _top(scores: np.ndarray, depth: int) -> list[int]:
    depth = min(depth, len(scores))
    if depth == 0:
        return []
    top = np.argpartition(-scores, depth - 1)[:depth]
    return [int(i) for i in top[np.argsort(-scores[top], kind="stable")]]


def reciprocal_rank_fusion(rankings: Iterable[Sequence[int]], k: int = RRF_K) -> list[int]:
    """Items ordered by the sum over rankings of 1 / (k + rank), ranks counted from 1."""
    scores: dict[int, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
    return sorted(scores, key=lambda item: -scores[item])


class MeaningSearch:
    """The meaning half of course search, made ready on first use: from the cache when the
    course has not changed, else built now (`wait=True`, with progress) or in a background
    thread while word search answers (`wait=False`, for the web app)."""

    def __init__(self, sections: Sequence[Section], cache_dir: Path) -> None:
        self._vectors = SectionVectors(sections, cache_dir)
        self._headings = SectionVectors(sections, cache_dir, heading_text, "headings")
        self._lock = threading.Lock()
        self._index: MeaningIndex | None = None
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self.sections = len(sections)
        self.done, self.todo = 0, 2 * len(sections)  # the build's progress: texts embedded
        self.unavailable: str | None = None  # why meaning search cannot work here

    def get(
        self, wait: bool, on_progress: Callable[[int, int], None] | None = None
    ) -> MeaningIndex | None:
        """The ready index, or None while it is being built in the background (or cannot be).
        `on_progress` hears of the build that this call starts."""
        with self._lock:
            if self._index is not None or self.unavailable is not None:
                return self._index
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._build, args=(on_progress,), name="mlpath-search", daemon=True
                )
                self._thread.start()
            thread = self._thread
        if wait:
            thread.join()
        return self._index

    def status(self) -> str:
        """One sentence on why results match words only, for the reader."""
        if self.unavailable is not None:
            return f"Search by meaning is off: {self.unavailable} These results match words only."
        share = round(100 * self.done / max(self.todo, 1))
        return (
            f"Search by meaning is being prepared ({share}% of {self.sections} lesson sections, "
            "once for each change to the course); these results match words only."
        )

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def _build(self, on_progress: Callable[[int, int], None] | None = None) -> None:
        from mlpath.errors import MlpathError
        from mlpath.toolkit.minilm import MiniLM

        def progress(done: int, total: int) -> None:
            self.done, self.todo = done, total
            if on_progress is not None:
                on_progress(done, total)

        try:
            model = MiniLM()
            # One bar for both: the headings' progress continues the bodies'.
            bodies, headings = self._vectors.missing(), self._headings.missing()
            vectors = self._vectors.cached()
            if vectors is None:
                vectors = self._vectors.build(
                    model, lambda done, _: progress(done, bodies + headings), self._stop.is_set
                )
            heading_vectors = self._headings.cached()
            if heading_vectors is None:
                heading_vectors = self._headings.build(
                    model,
                    lambda done, _: progress(bodies + done, bodies + headings),
                    self._stop.is_set,
                )
        except MlpathError as exc:
            self.unavailable = str(exc)
            return
        except (OSError, ValueError, MemoryError) as exc:  # a damaged model file, no memory
            self.unavailable = f"building its index failed ({exc})."
            return
        if vectors is not None and heading_vectors is not None:
            self.done = self.todo
            self._index = MeaningIndex(vectors, heading_vectors, model)


def hybrid_search(
    words: SearchIndex, meaning: MeaningIndex, query: str, limit: int, depth: int = 50
) -> list[Hit]:
    """The word and meaning rankings fused; a section keeps its word snippet if it has one."""
    lexical = words.rank_words(query, depth)
    snippets = dict(lexical)
    fused = reciprocal_rank_fusion(
        [[index for index, _ in lexical], *meaning.rankings(query, depth)]
    )
    return [
        Hit(words.sections[index], snippets[index])
        if index in snippets
        else words.plain_hit(index, query)
        for index in fused[:limit]
    ]


def meaning_only(words: SearchIndex, meaning: MeaningIndex, query: str, limit: int) -> list[Hit]:
    return [words.plain_hit(index, query) for index in meaning.rank(query, limit)]
