"""Checkpoints for the lesson "Retrieve, then generate: prompts, token budgets and citations"
(09-retrieve-then-generate.md)."""

import numpy as np

from mlpath.grade import Misconception, checkpoint

LESSON = "rag.pipeline"

_STARTER = """from mlpath.toolkit.minilm import load_tokenizer

tok = load_tokenizer()
tok.no_truncation()


def count_tokens(text):
    ...


def assemble_context(passages, scores, budget):
    ...
"""


# The variants are graded like a learner's file, so each is self-contained.
def assemble_by_index(passages, scores, budget):
    from mlpath.toolkit.minilm import load_tokenizer

    tok = globals().get("_tokenizer")  # loaded once, as a learner's file does at the top
    if tok is None:
        tok = globals()["_tokenizer"] = load_tokenizer()
        tok.no_truncation()
    kept, used = [], 0
    for i in range(len(passages)):  # corpus order, not score order
        n = len(tok.encode(passages[i], add_special_tokens=False).ids)
        if used + n <= budget:
            kept.append(i)
            used += n
    return kept


def assemble_overflow(passages, scores, budget):
    from mlpath.toolkit.minilm import load_tokenizer

    tok = globals().get("_tokenizer")  # loaded once, as a learner's file does at the top
    if tok is None:
        tok = globals()["_tokenizer"] = load_tokenizer()
        tok.no_truncation()
    kept, used = [], 0
    for i in np.argsort(-np.asarray(scores), kind="stable"):
        if used < budget:  # the total so far, without the passage about to be added
            kept.append(int(i))
            used += len(tok.encode(passages[i], add_special_tokens=False).ids)
    return kept


def assemble_characters(passages, scores, budget):
    kept, used = [], 0
    for i in np.argsort(-np.asarray(scores), kind="stable"):
        n = len(passages[i])  # characters, not tokens
        if used + n <= budget:
            kept.append(int(i))
            used += n
    return kept


def assemble_words(passages, scores, budget):
    kept, used = [], 0
    for i in np.argsort(-np.asarray(scores), kind="stable"):
        n = len(passages[i].split())  # words, not tokens
        if used + n <= budget:
            kept.append(int(i))
            used += n
    return kept


def assemble_ascending(passages, scores, budget):
    from mlpath.toolkit.minilm import load_tokenizer

    tok = globals().get("_tokenizer")  # loaded once, as a learner's file does at the top
    if tok is None:
        tok = globals()["_tokenizer"] = load_tokenizer()
        tok.no_truncation()
    kept, used = [], 0
    for i in np.argsort(scores):  # ascending: the lowest score first
        n = len(tok.encode(passages[i], add_special_tokens=False).ids)
        if used + n <= budget:
            kept.append(int(i))
            used += n
    return kept


def assemble_stop_at_first(passages, scores, budget):
    from mlpath.toolkit.minilm import load_tokenizer

    tok = globals().get("_tokenizer")  # loaded once, as a learner's file does at the top
    if tok is None:
        tok = globals()["_tokenizer"] = load_tokenizer()
        tok.no_truncation()
    kept, used = [], 0
    for i in np.argsort(-np.asarray(scores), kind="stable"):
        n = len(tok.encode(passages[i], add_special_tokens=False).ids)
        if used + n > budget:
            break  # a shorter passage further down might still fit
        kept.append(int(i))
        used += n
    return kept


def assemble_special_tokens(passages, scores, budget):
    from mlpath.toolkit.minilm import load_tokenizer

    tok = globals().get("_tokenizer")  # loaded once, as a learner's file does at the top
    if tok is None:
        tok = globals()["_tokenizer"] = load_tokenizer()
        tok.no_truncation()
    kept, used = [], 0
    for i in np.argsort(-np.asarray(scores), kind="stable"):
        n = len(tok.encode(passages[i]).ids)  # [CLS] and [SEP] counted too
        if used + n <= budget:
            kept.append(int(i))
            used += n
    return kept


def assemble_truncated(passages, scores, budget):
    from mlpath.toolkit.minilm import load_tokenizer

    tok = globals().get("_tokenizer_256")  # truncation at 256 tokens left on
    if tok is None:
        tok = globals()["_tokenizer_256"] = load_tokenizer()
    kept, used = [], 0
    for i in np.argsort(-np.asarray(scores), kind="stable"):
        n = len(tok.encode(passages[i], add_special_tokens=False).ids)
        if used + n <= budget:
            kept.append(int(i))
            used += n
    return kept


def assemble_padded(passages, scores, budget):
    from mlpath.toolkit.minilm import load_tokenizer

    tok = globals().get("_tokenizer")  # loaded once, as a learner's file does at the top
    if tok is None:
        tok = globals()["_tokenizer"] = load_tokenizer()
        tok.no_truncation()
    # encode_batch pads every text to the longest one: len(ids) counts the padding too
    counts = [len(e.ids) for e in tok.encode_batch(list(passages), add_special_tokens=False)]
    kept, used = [], 0
    for i in np.argsort(-np.asarray(scores), kind="stable"):
        if used + counts[i] <= budget:
            kept.append(int(i))
            used += counts[i]
    return kept


# Short passages whose counts differ: characters are 3 to 5 times the tokens, words fewer.
_SHORT = [
    "Softmax turns scores into probabilities that sum to 1.",  # 13 tokens, 9 words
    "Call np.argpartition(-scores, k)[:k] for the top k.",  # 22 tokens, 7 words
    "Recall@k counts the questions whose answer is in the top k.",  # 14 tokens, 11 words
    "BM25 rewards rare words.",  # 7 tokens, 4 words
    "Normalise the embeddings first, then a dot product is the cosine.",  # 19 tokens
    "The KV cache stores keys and values.",  # 8 tokens, 7 words
]


def _long_passage():
    """A passage of 289 tokens (without [CLS] and [SEP]): longer than the 256 the tokenizer
    keeps when truncation is left on."""
    from mlpath.toolkit.rag import course_passages

    return course_passages()[902]


def _random_case(rng):
    from mlpath.toolkit.rag import course_passages

    corpus = course_passages()
    chosen = rng.choice(len(corpus), size=int(rng.integers(5, 9)), replace=False)
    passages = [corpus[i] for i in chosen]
    scores = np.round(rng.uniform(0.2, 0.8, size=len(passages)), 4)
    while len(set(scores.tolist())) < len(scores):  # all different, as the prompt says: a tie
        scores = np.round(rng.uniform(0.2, 0.8, size=len(passages)), 4)  # has no one order
    budget = int(rng.integers(120, 360))
    return passages, scores, budget


@checkpoint(f"{LESSON}.assemble", concepts=[LESSON])
class AssembleContext:
    """Write `assemble_context(passages, scores, budget)`: choose which retrieved passages go
    into a prompt. `passages` is a list of strings, `scores` an array of their retrieval scores
    (higher is better, all different), `budget` the number of tokens the sources may take
    together. Go through the passages from the highest score down; keep a passage if the tokens
    of the passages kept so far plus its own are at most `budget`, otherwise drop it and try
    the next one. Return the indices of the kept passages (positions in `passages`), highest
    score first.

    Count a passage's tokens as the lesson's `count_tokens` does: with the tokenizer of
    `mlpath.toolkit.minilm.load_tokenizer()`, truncation switched off, and without `[CLS]` and
    `[SEP]` (`add_special_tokens=False`). Only the passages count here, not the instructions.
    """

    function = "assemble_context"
    starter = _STARTER

    timeout = 10

    def reference(passages, scores, budget):
        from mlpath.toolkit.minilm import load_tokenizer

        # Loaded once per process: the gate calls the reference on 50 seeds' cases.
        tok = globals().get("_reference_tokenizer")
        if tok is None:
            tok = globals()["_reference_tokenizer"] = load_tokenizer()
            tok.no_truncation()
        order = sorted(range(len(passages)), key=lambda i: -scores[i])
        kept, used = [], 0
        for i in order:
            n = len(tok.encode(passages[i], add_special_tokens=False).ids)
            if used + n <= budget:
                kept.append(i)
                used += n
        return kept

    def cases(rng):
        return [_random_case(rng) for _ in range(3)]

    edge_cases = [
        # Scores not in index order; the third best (13 tokens) overflows, and the 7-token
        # passage further down still fits.
        (_SHORT[:5], np.array([0.61, 0.83, 0.42, 0.57, 0.75]), 50),
        # The sum fits exactly; words and characters disagree with tokens.
        (_SHORT, np.array([0.30, 0.20, 0.90, 0.80, 0.50, 0.70]), 48),
        # A passage of 289 tokens, best scored: it does not fit in 270.
        ([_long_passage(), *_SHORT[3:]], np.array([0.9, 0.5, 0.7, 0.3]), 270),
    ]
    hidden = 1
    misconceptions = [
        Misconception(
            "index-order",
            assemble_by_index,
            "went through the passages in the order they were given, not by score",
            "The budget should go to the best passages: sort by score, highest first "
            "(np.argsort(-scores)), and fill in that order. In list order, a weak passage "
            "early in the list can take the room of the best one.",
            revisit=f"{LESSON}#fill-the-prompt-by-score-within-the-budget",
            fix="for i in np.argsort(-scores):",
        ),
        Misconception(
            "ascending-order",
            assemble_ascending,
            "filled the budget from the lowest score up: np.argsort sorts ascending",
            "np.argsort(scores) puts the lowest score first, so the weakest passages take the "
            "budget. Sort descending: np.argsort(-scores), or np.argsort(scores)[::-1].",
            revisit=f"{LESSON}#fill-the-prompt-by-score-within-the-budget",
            fix="for i in np.argsort(-scores):",
        ),
        Misconception(
            "budget-overflow",
            assemble_overflow,
            "compared the total so far with the budget before adding the passage, so the "
            "last passage kept pushes the total over the budget",
            "Check the total *with* the new passage: keep it only if used + n <= budget. "
            "Checking used < budget first lets one passage overflow.",
            revisit=f"{LESSON}#fill-the-prompt-by-score-within-the-budget",
            fix="if used + n <= budget:",
        ),
        Misconception(
            "characters",
            assemble_characters,
            "counted characters (len(passage)) instead of tokens",
            "A budget in tokens needs token counts. Characters are about four times as many "
            "as WordPiece tokens in this corpus, so far fewer passages seem to fit.",
            revisit=f"{LESSON}#count-tokens-with-the-real-tokenizer",
            fix="n = len(tok.encode(passage, add_special_tokens=False).ids)",
        ),
        Misconception(
            "words",
            assemble_words,
            "counted words (len(passage.split())) instead of tokens",
            "Words are fewer than tokens: WordPiece splits rare words and numbers into several "
            "pieces and makes each punctuation mark a token, so word counts let the sources "
            "overflow the budget.",
            revisit=f"{LESSON}#count-tokens-with-the-real-tokenizer",
            fix="n = len(tok.encode(passage, add_special_tokens=False).ids)",
        ),
        Misconception(
            "stop-at-first-misfit",
            assemble_stop_at_first,
            "stopped at the first passage that did not fit",
            "A passage that does not fit is dropped, and the next one is tried: a shorter "
            "passage further down may still fit in the room left.",
            revisit=f"{LESSON}#fill-the-prompt-by-score-within-the-budget",
        ),
        Misconception(
            "special-tokens",
            assemble_special_tokens,
            "counted [CLS] and [SEP] with every passage",
            "tok.encode(text) adds [CLS] and [SEP], two tokens that are not part of the "
            "passage in a prompt. Count with add_special_tokens=False.",
            revisit=f"{LESSON}#count-tokens-with-the-real-tokenizer",
            fix="tok.encode(passage, add_special_tokens=False)",
        ),
        Misconception(
            "truncated-count",
            assemble_truncated,
            "counted with truncation on, so a long passage counts as at most 256 tokens",
            "load_tokenizer() truncates at 256 tokens, MiniLM's limit. For a count, switch "
            "it off first: tok.no_truncation().",
            revisit=f"{LESSON}#fill-the-prompt-by-score-within-the-budget",
            fix="tok.no_truncation()",
        ),
        Misconception(
            "padding-counted",
            assemble_padded,
            "counted with encode_batch, which pads every passage to the longest one",
            "load_tokenizer() turns padding on, so encode_batch makes every encoding as long "
            "as the longest text, and len(e.ids) counts the [PAD] tokens too. Count one text "
            "at a time with tok.encode, or count the real tokens: sum(e.attention_mask).",
            revisit=f"{LESSON}#count-tokens-with-the-real-tokenizer",
        ),
    ]
    hints = [
        "Sort the indices by score, highest first, and keep a running total of tokens.",
        "For each index: n = count_tokens(passages[i]); if used + n <= budget, keep it and add "
        "n to used; otherwise skip it and go on.",
    ]


# The how-many question: passages as retrieval returned them, in corpus order.
_ROWS = [  # (passage, score, tokens)
    (0, 0.66, 75),
    (1, 0.52, 55),
    (2, 0.59, 70),
    (3, 0.49, 40),
    (4, 0.62, 30),
    (5, 0.71, 100),
    (6, 0.55, 30),
    (7, 0.68, 145),
]
_FIXED, _BUDGET = 90, 400


def _count_kept(rows, room):
    used, kept = 0, 0
    for _, _, tokens in rows:
        if used + tokens <= room:
            used, kept = used + tokens, kept + 1
    return kept


def how_many_by_index():
    used, kept = 0, 0
    for _, _, tokens in _ROWS:
        if used + tokens <= _BUDGET - _FIXED:
            used, kept = used + tokens, kept + 1
    return kept


def how_many_stop_at_first():
    used, kept = 0, 0
    for _, _, tokens in sorted(_ROWS, key=lambda row: -row[1]):
        if used + tokens > _BUDGET - _FIXED:
            break
        used, kept = used + tokens, kept + 1
    return kept


def how_many_overflow():
    used, kept = 0, 0
    for _, _, tokens in sorted(_ROWS, key=lambda row: -row[1]):
        if used < _BUDGET - _FIXED:
            used, kept = used + tokens, kept + 1
    return kept


def how_many_without_fixed():
    used, kept = 0, 0
    for _, _, tokens in sorted(_ROWS, key=lambda row: -row[1]):
        if used + tokens <= _BUDGET:
            used, kept = used + tokens, kept + 1
    return kept


_TABLE = "\n".join(
    ["| passage | score | tokens |", "|---|---|---|"]
    + [f"| {i} | {score:.2f} | {tokens} |" for i, score, tokens in _ROWS]
)


@checkpoint(f"{LESSON}.how-many", concepts=[LESSON], kind="numeric")
class HowMany:
    """A prompt may use 400 tokens. The instructions and the question take 90 of them.
    Retrieval returned these eight passages (listed by passage number), with their scores and
    their token counts (each source's marker included):

    {table}

    Fill the prompt as the lesson does: by score, highest first, keeping a passage when it
    still fits and dropping it otherwise. How many passages go into the prompt?
    """

    decimals = 0

    def solve():
        return _count_kept(sorted(_ROWS, key=lambda row: -row[1]), _BUDGET - _FIXED)

    misconceptions = [
        Misconception(
            "index-order",
            how_many_by_index,
            "filled in another order than highest score first (passage-number order, lowest "
            "score first and shortest first all give 6)",
            "The budget goes to the best passages first: order them by score, highest first "
            "(5, 7, 0, 4, ...), and fill in that order.",
            revisit=f"{LESSON}#fill-the-prompt-by-score-within-the-budget",
        ),
        Misconception(
            "stop-at-first-misfit",
            how_many_stop_at_first,
            "stopped at the first passage that did not fit",
            "A passage that does not fit is dropped and the next one is tried: the short "
            "passages further down can still fit in the room left.",
            revisit=f"{LESSON}#fill-the-prompt-by-score-within-the-budget",
        ),
        Misconception(
            "budget-overflow",
            how_many_overflow,
            "kept the passage that pushed the total over the budget",
            "Keep a passage only if the total *with* it is within the room left: "
            "used + tokens <= 310.",
            revisit=f"{LESSON}#fill-the-prompt-by-score-within-the-budget",
        ),
        Misconception(
            "fixed-part-ignored",
            how_many_without_fixed,
            "gave all 400 tokens to the sources",
            "The instructions and the question are in the prompt too: the sources get "
            "400 - 90 = 310 tokens.",
            revisit=f"{LESSON}#fill-the-prompt-by-score-within-the-budget",
        ),
    ]
    hints = [
        "The sources may take 400 - 90 = 310 tokens. Sort the passages by score first.",
        "Go down the sorted list with a running total; skip a passage that would take the "
        "total above 310, and go on.",
    ]


HowMany.prompt = HowMany.prompt.replace("{table}", _TABLE)


# The citation question: which answers are grounded?
_SOURCES = [
    "Precision is the share of flagged cases that are malignant. Recall is the share of "
    "malignant cases that are flagged.",
    "Accuracy is the share of all answers that are right.",
    "F1 is the harmonic mean of precision and recall.",
]
_ANSWERS = [
    ("F1 is the harmonic mean of precision and recall.", 3),
    ("Recall is the share of malignant cases that are flagged.", 2),
    ("F1 is the harmonic mean of precision and recall.", 0),
    ("Accuracy is the share of all answers that are right.", 1),
    ("Precision is the share of flagged cases that are malignant.", 1),
]


def _grounded(sentence, k):
    return 1 <= k <= len(_SOURCES) and sentence in _SOURCES[k - 1]


def grounded_zero_based():
    return sum(k < len(_SOURCES) and s in _SOURCES[k] for s, k in _ANSWERS)


def grounded_any_source():
    return sum(any(s in source for source in _SOURCES) for s, _ in _ANSWERS)


def grounded_range_only():
    return sum(1 <= k <= len(_SOURCES) for _, k in _ANSWERS)


def grounded_zero_wraps():
    return sum(k <= len(_SOURCES) and s in _SOURCES[k - 1] for s, k in _ANSWERS)


_CITATIONS = "\n".join(
    [f"- [{n}] {s}" for n, s in enumerate(_SOURCES, 1)]
    + ["", "Five answers came back, each one sentence with a citation:", ""]
    + [f"- {letter}: {s} [{k}]" for letter, (s, k) in zip("ABCDE", _ANSWERS, strict=True)]
)


@checkpoint(f"{LESSON}.citations", concepts=[LESSON], kind="numeric")
class Citations:
    """A prompt had these three numbered sources:

    {citations}

    A citation is grounded when its number names a source of the prompt and that source
    contains the cited sentence. How many of the five citations are grounded?
    """

    decimals = 0

    def solve():
        return sum(_grounded(s, k) for s, k in _ANSWERS)

    misconceptions = [
        Misconception(
            "zero-based",
            grounded_zero_based,
            "read [k] as the k-th source counting from 0",
            "Sources are numbered from 1 in the prompt: [1] is the first. In Python that is "
            "sources[k - 1].",
            revisit=f"{LESSON}#check-the-citations",
        ),
        Misconception(
            "any-source",
            grounded_any_source,
            "counted a sentence as grounded when it is in any source",
            "The citation is the claim to check: the sentence must be in the source it "
            "names. A right sentence with the wrong number sends the reader to the wrong "
            "place.",
            revisit=f"{LESSON}#check-the-citations",
        ),
        Misconception(
            "number-only",
            grounded_range_only,
            "checked only that the cited number exists",
            "A number from 1 to 3 names a real source, but that source must also contain "
            "the sentence.",
            revisit=f"{LESSON}#check-the-citations",
        ),
        Misconception(
            "zero-wraps",
            grounded_zero_wraps,
            "counted [0] as grounded, because sources[0 - 1] is the last source",
            "There is no source [0]: check 1 <= k before indexing. In Python sources[-1] "
            "silently reads the last source, which the answer never named.",
            revisit=f"{LESSON}#check-the-citations",
        ),
    ]
    hints = [
        "For each answer ask two questions: is there a source with that number (1 to 3)? "
        "Does that source contain the sentence?",
        "Answers B and D quote real sentences, but check which source each one is in.",
    ]


Citations.prompt = Citations.prompt.replace("{citations}", _CITATIONS)
