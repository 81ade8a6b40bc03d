"""Checkpoints for the lesson "Chunking, measured: size, overlap, and whether a difference is real"
(07-chunking.md)."""

import math

from mlpath.grade import Misconception, checkpoint


# The variants are graded like a learner's file, so each is self-contained.
def chunk_no_overlap(text, size, overlap):
    return [(start, min(start + size, len(text))) for start in range(0, len(text), size)]


def chunk_step_is_overlap(text, size, overlap):
    spans = []
    for start in range(0, len(text), overlap):
        spans.append((start, min(start + size, len(text))))
        if start + size >= len(text):
            break
    return spans


def chunk_lost_tail(text, size, overlap):
    step = size - overlap
    return [(start, start + size) for start in range(0, len(text) - size + 1, step)]


def chunk_extra_tail(text, size, overlap):
    step = size - overlap
    return [(start, min(start + size, len(text))) for start in range(0, len(text), step)]


def chunk_end_past_text(text, size, overlap):
    spans, start = [], 0
    while True:
        spans.append((start, start + size))
        if start + size >= len(text):
            return spans
        start += size - overlap


def chunk_stop_past_end(text, size, overlap):
    spans, start = [], 0
    while True:
        spans.append((start, min(start + size, len(text))))
        if start + size > len(text):
            return spans
        start += size - overlap


def _text(rng, n):
    return "".join(rng.choice(list("abcdefghij klmnop"), size=n))


@checkpoint("rag.chunking.chunk", concepts=["rag.chunking"])
class ImplementChunk:
    """Write `chunk(text, size, overlap)`: the chunks of the string `text` as a list of
    `(start, end)` character spans, so that chunk $i$ is `text[start:end]`.

    - The first chunk starts at 0, and each next one starts `size - overlap` characters after
      the previous one.
    - A chunk ends at `start + size`, or at the end of the text if that comes first.
    - The last chunk is the first one that reaches the end of the text: no chunk is dropped, and
      none is added that would lie inside the previous one.

    `text` is not empty and $0 \\le$ `overlap` $<$ `size`. A list of tuples, a list of lists or an
    integer array of shape `(number of chunks, 2)` are all accepted.
    """

    function = "chunk"
    starter = "def chunk(text, size, overlap):\n    ...\n"

    def reference(text, size, overlap):
        n, step = len(text), size - overlap
        count = 1 if n <= size else 1 + math.ceil((n - size) / step)
        return [(i * step, min(i * step + size, n)) for i in range(count)]

    def cases(rng):
        shapes = [(47, 10, 3), (100, 30, 10), (64, 16, 4), (301, 50, 20), (1000, 120, 30)]
        return [(_text(rng, n + int(rng.integers(0, 5))), size, ov) for n, size, ov in shapes]

    edge_cases = [
        ("abcdefghijklmnopqrstuvwxyz", 10, 4),
        ("abcdefghijklmnopqrstuvwxyz", 8, 0),
        ("short text", 20, 5),
        ("abcdefghijklmnopqrstuv", 10, 4),  # a chunk ends exactly at the end: 0, 6, 12
        ("abcdefghijklmnopqrstuvwx", 8, 0),  # 24 = 3 x 8: no empty chunk at 24
    ]
    hidden = 2
    misconceptions = [
        Misconception(
            "no-overlap",
            chunk_no_overlap,
            "moved each chunk's start by size, so the chunks do not overlap",
            "The step between starts is size - overlap: each chunk begins overlap characters "
            "before the previous one ends. A step of size gives chunks that only touch, and an "
            "answer across a boundary is cut in two.",
            revisit="rag.chunking#cutting-text-into-chunks",
            fix="step = size - overlap",
        ),
        Misconception(
            "step-is-overlap",
            chunk_step_is_overlap,
            "moved each chunk's start by overlap instead of size - overlap",
            "overlap is how much two neighbouring chunks share, not how far apart they start. "
            "The next start is size - overlap characters on: with size 10 and overlap 4, starts "
            "0, 6, 12, ...",
            revisit="rag.chunking#cutting-text-into-chunks",
            fix="step = size - overlap",
        ),
        Misconception(
            "lost-tail",
            chunk_lost_tail,
            "kept only full-size chunks, so the end of the text is in no chunk",
            "When the text does not end exactly at a chunk boundary, the last piece is shorter "
            "than size; dropping it makes the end of every document unfindable. Keep going until "
            "a chunk reaches len(text), and end each chunk at min(start + size, len(text)).",
            revisit="rag.chunking#cutting-text-into-chunks",
        ),
        Misconception(
            "extra-tail",
            chunk_extra_tail,
            "kept starting chunks after one had reached the end of the text",
            "Once a chunk reaches len(text), every later chunk lies inside it: it adds nothing "
            "but a duplicate that can take a place in the top k. Stop after the first chunk that "
            "reaches the end.",
            revisit="rag.chunking#cutting-text-into-chunks",
        ),
        Misconception(
            "end-past-text",
            chunk_end_past_text,
            "let the last chunk end past the end of the text",
            "Slicing text[start:start + size] quietly stops at the end, but the span you return "
            "must be the part of the text the chunk holds: end it at min(start + size, "
            "len(text)), or answer checks on spans go wrong.",
            revisit="rag.chunking#cutting-text-into-chunks",
            fix="min(start + size, len(text))",
        ),
        Misconception(
            "stop-past-end",
            chunk_stop_past_end,
            "stopped only once a chunk went past the end, so one ending exactly at the end "
            "is followed by another",
            "A chunk whose end start + size equals len(text) already reaches the end: it is the "
            "last one. Testing start + size > len(text) adds one more chunk that lies inside it, "
            "or is empty when the overlap is 0.",
            revisit="rag.chunking#cutting-text-into-chunks",
            fix="start + size >= len(text)",
        ),
    ]
    hints = [
        "Start at 0 and add size - overlap each time; stop after the chunk whose end reaches "
        "len(text).",
        "`spans.append((start, min(start + size, len(text))))` in a `while` loop, with `break` "
        "when `start + size >= len(text)`.",
    ]


_N, _SIZE, _OVERLAP = 10_000, 600, 150


def count_ignored_overlap():
    return math.ceil(_N / _SIZE)


def count_step_is_overlap():
    return 1 + math.ceil((_N - _SIZE) / _OVERLAP)


def count_lost_tail():
    return 1 + (_N - _SIZE) // (_SIZE - _OVERLAP)


def count_extra_tail():
    return math.ceil(_N / (_SIZE - _OVERLAP))


@checkpoint("rag.chunking.count", concepts=["rag.chunking"], kind="numeric")
class CountChunks:
    """A document of 10,000 characters is cut as in the lesson into chunks of 600 characters
    with an overlap of 150: each chunk starts 450 characters after the previous one, and the last
    chunk is the first that reaches the end of the document. How many chunks does it give? Set
    `answer` to that number.
    """

    decimals = 0

    def solve():
        step, starts, start = _SIZE - _OVERLAP, 0, 0
        while True:
            starts += 1
            if start + _SIZE >= _N:
                return starts
            start += step

    misconceptions = [
        Misconception(
            "ignored-overlap",
            count_ignored_overlap,
            "divided the length by the chunk size, as if the chunks did not overlap",
            "With overlap, chunks start every size - overlap = 450 characters, not every 600, "
            "so more of them are needed to reach the end.",
            revisit="rag.chunking#cutting-text-into-chunks",
        ),
        Misconception(
            "step-is-overlap",
            count_step_is_overlap,
            "moved the start by the overlap, 150, instead of size - overlap",
            "The overlap is what neighbouring chunks share. Starts are size - overlap = 450 "
            "characters apart: 0, 450, 900, ...",
            revisit="rag.chunking#cutting-text-into-chunks",
        ),
        Misconception(
            "lost-tail",
            count_lost_tail,
            "counted only full chunks of 600 characters, leaving out the shorter last one",
            "The last full chunk, starting at 9,000, ends at 9,600: the last 400 characters need "
            "one more, shorter chunk.",
            revisit="rag.chunking#cutting-text-into-chunks",
        ),
        Misconception(
            "extra-tail",
            count_extra_tail,
            "counted a start at 9,900, after a chunk had already reached the end",
            "The chunk starting at 9,450 ends at 10,000, the end of the document: it is the last "
            "one. A chunk from 9,900 would lie inside it.",
            revisit="rag.chunking#cutting-text-into-chunks",
        ),
    ]
    hints = [
        "The starts are 0, 450, 900, ...: which is the first start whose chunk reaches 10,000?",
        "A chunk starting at s reaches the end when s + 600 >= 10,000, that is s >= 9,400.",
    ]


_PAIRED = (
    "Draw 40 question indices with replacement, compute both chunkings' recall@5 on those same "
    "questions and take the difference; repeat 10,000 times and take the 2.5th and 97.5th "
    "percentiles of the differences."
)
_UNPAIRED = (
    "Draw 40 questions with replacement for A and, separately, another 40 for B, and take the "
    "difference of their recalls; repeat 10,000 times and take the 2.5th and 97.5th "
    "percentiles of the differences."
)
_OVERLAP_CIS = (
    "Build a 95% bootstrap interval for each chunking's recall@5; B's lead is real if the two "
    "intervals do not overlap."
)
_EXACT = (
    "No resampling is needed: both were scored on the same questions, so the lead of 0.08 is exact."
)


def paired_unpaired():
    return _UNPAIRED


def paired_overlap_cis():
    return _OVERLAP_CIS


def paired_exact():
    return _EXACT


@checkpoint("eval.metric-uncertainty.paired", concepts=["eval.metric-uncertainty"], kind="choice")
class PairedBootstrap:
    """Chunkings A and B are scored on the same 40 labelled questions: recall@5 is 0.70 for A
    and 0.78 for B. You want a 95% interval for B's lead over A. Which procedure gives it?

    a) Draw 40 question indices with replacement, compute both chunkings' recall@5 on those same
       questions and take the difference; repeat 10,000 times and take the 2.5th and 97.5th
       percentiles of the differences.
    b) Draw 40 questions with replacement for A and, separately, another 40 for B, and take the
       difference of their recalls; repeat 10,000 times and take the 2.5th and 97.5th
       percentiles of the differences.
    c) Build a 95% bootstrap interval for each chunking's recall@5; B's lead is real if the two
       intervals do not overlap.
    d) No resampling is needed: both were scored on the same questions, so the lead of 0.08 is
       exact.

    Set `answer` to the letter of your choice.
    """

    options = [_PAIRED, _UNPAIRED, _OVERLAP_CIS, _EXACT]

    def solve():
        return _PAIRED

    misconceptions = [
        Misconception(
            "unpaired",
            paired_unpaired,
            "resampled the questions independently for the two chunkings",
            "Both chunkings answered the same questions, and a hard question tends to be hard for "
            "both. Independent resamples break that pairing: each difference then mixes in which "
            "questions each side happened to draw, and the interval comes out too wide. Resample "
            "the questions once and score both on them.",
            revisit="rag.chunking#is-the-difference-real-bootstrap-over-questions",
        ),
        Misconception(
            "overlapping-intervals",
            paired_overlap_cis,
            "compared two separate intervals instead of building one for the difference",
            "Two separate intervals ignore that the chunkings were scored on the same questions, "
            "and they give no interval for the lead at all. A real difference can hide behind "
            "overlapping intervals; the paired bootstrap of the difference answers the question.",
            revisit="rag.chunking#is-the-difference-real-bootstrap-over-questions",
        ),
        Misconception(
            "no-uncertainty",
            paired_exact,
            "took the measured lead as exact because both used the same questions",
            "The 40 questions are a sample of the questions learners could ask; another 40 "
            "would give another lead. Scoring both on the same questions removes one source of "
            "noise, not the sampling of the questions.",
            revisit="rag.chunking#is-the-difference-real-bootstrap-over-questions",
        ),
    ]
    hints = [
        "What is the same for A and B, and should stay the same in every resample?",
    ]
