"""Checkpoints for the lesson "Tokens and embedding tables" (01-tokens-embeddings.md)."""

import numpy as np

from mlpath.grade import Misconception, checkpoint


def merge_no_skip(ids, pair, new_id):
    out, i = [], 0
    while i < len(ids):
        if i + 1 < len(ids) and (ids[i], ids[i + 1]) == pair:
            out.append(new_id)
        else:
            out.append(ids[i])
        i += 1
    return out


def merge_first_only(ids, pair, new_id):
    for i in range(len(ids) - 1):
        if (ids[i], ids[i + 1]) == pair:
            return [*ids[:i], new_id, *ids[i + 2 :]]
    return list(ids)


def merge_drops_last(ids, pair, new_id):
    out, i = [], 0
    while i < len(ids) - 1:
        if (ids[i], ids[i + 1]) == pair:
            out.append(new_id)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out


def merge_from_the_right(ids, pair, new_id):
    out, i = [], len(ids) - 1
    while i >= 0:
        if i >= 1 and (ids[i - 1], ids[i]) == pair:
            out.append(new_id)
            i -= 2
        else:
            out.append(ids[i])
            i -= 1
    return out[::-1]


def merge_digit_string(ids, pair, new_id):
    text = " ".join(str(t) for t in ids).replace(f"{pair[0]} {pair[1]}", str(new_id))
    return [int(t) for t in text.split()]


def _merge_case(rng, n, k):
    """Ids from a small alphabet (so pairs repeat), merging a pair that occurs: sometimes a
    doubled id, whose runs overlap."""
    ids = [int(i) for i in rng.integers(0, k, size=n)]
    start = int(rng.integers(0, n - 1))
    pair = (ids[start], ids[start + 1])
    return ids, pair, k + int(rng.integers(0, 5))


@checkpoint("emb.tokenization.merge", concepts=["emb.tokenization"])
class Merge:
    """Write `merge(ids, pair, new_id)`, one BPE merge step. `ids` is a list of integer token
    ids, `pair` a tuple `(a, b)` of two ids, and `new_id` the id of the merged token. Return a
    new list in which every occurrence of `a` directly followed by `b` is replaced by the one
    token `new_id`, scanning **left to right**: once two tokens are merged, both are used up.

    For `ids = [0, 0, 0, 1, 3, 0, 0, 0, 1, 0, 2]` (the lesson's `aaabdaaabac`, with a = 0,
    b = 1, d = 3, c = 2), `pair = (0, 0)` and `new_id = 9`, the answer is
    `[9, 0, 1, 3, 9, 0, 1, 0, 2]`.
    """

    function = "merge"
    starter = "def merge(ids, pair, new_id):\n    ...\n"

    def reference(ids, pair, new_id):
        out, i = [], 0
        while i < len(ids):
            if i + 1 < len(ids) and ids[i] == pair[0] and ids[i + 1] == pair[1]:
                out.append(new_id)
                i += 2
            else:
                out.append(ids[i])
                i += 1
        return out

    def cases(rng):
        return [
            _merge_case(rng, 8, 3),
            _merge_case(rng, 12, 2),
            _merge_case(rng, 15, 3),
            _merge_case(rng, 20, 4),
            _merge_case(rng, 25, 2),  # hidden
            _merge_case(rng, 30, 3),  # hidden
        ]

    edge_cases = [
        ([0, 0, 0, 1, 3, 0, 0, 0, 1, 0, 2], (0, 0), 9),
        ([5, 6, 7, 5, 6], (5, 6), 8),  # the pair at the start and at the very end
        ([4, 4, 4, 4, 4], (4, 4), 7),  # a run: two merges, one 4 left over
        ([1, 11, 1, 1, 12], (1, 1), 13),  # ids of two digits: "1 11" is not the pair (1, 1)
    ]
    hidden = 2
    misconceptions = [
        Misconception(
            "no-skip",
            merge_no_skip,
            "wrote the new token but moved on by one position, so the pair's second token "
            "stayed in the list",
            "When ids[i] and ids[i + 1] match the pair, both are replaced by one token, so the "
            "next token to look at is ids[i + 2]. Moving on by one keeps the second token as "
            "well: [a, b, c] became [new, b, c] instead of [new, c].",
            revisit="emb.lookup#fewer-longer-tokens-byte-pair-encoding",
        ),
        Misconception(
            "first-only",
            merge_first_only,
            "replaced only the first occurrence of the pair",
            "A merge step replaces *every* occurrence of the pair, in one pass over the list "
            "from left to right; that is why the text shrinks by the pair's count.",
            revisit="emb.lookup#fewer-longer-tokens-byte-pair-encoding",
        ),
        Misconception(
            "drops-last",
            merge_drops_last,
            "stopped the scan one token early, so a last token that is not merged was lost",
            "A loop `while i < len(ids) - 1` never looks at the last token on its own. When the "
            "list does not end with the pair, that token must still be copied: loop while "
            "i < len(ids), and only test the pair when i + 1 < len(ids).",
            revisit="emb.lookup#fewer-longer-tokens-byte-pair-encoding",
        ),
        Misconception(
            "from-the-right",
            merge_from_the_right,
            "scanned from the right, so a run such as a a a merged its last two tokens",
            "The order only matters in runs such as [a, a, a] with the pair (a, a): scanning "
            "left to right merges the first two, giving [new, a], as the lesson's aaab became "
            "Zab. Scan from the start of the list.",
            revisit="emb.lookup#fewer-longer-tokens-byte-pair-encoding",
        ),
        Misconception(
            "digit-string",
            merge_digit_string,
            "joined the ids into a string of digits and used str.replace",
            "Once ids are written as digits, the text no longer knows where one id ends: for "
            "the pair (1, 1), the string '1 11' contains '1 1', made of the id 1 and the first "
            "digit of 11. Compare whole ids in the list, not characters of a string.",
            revisit="emb.lookup#fewer-longer-tokens-byte-pair-encoding",
        ),
    ]
    hints = [
        "Walk with an index i and a `while` loop, building a new list `out`.",
        "If `i + 1 < len(ids)` and `(ids[i], ids[i + 1]) == pair`, append `new_id` and add 2 "
        "to i; otherwise append `ids[i]` and add 1.",
    ]


_SHAPES_CODE = """import numpy as np

V, d = 50, 16
E = np.zeros((V, d))
ids = np.array([[3, 7, 7, 1],
                [0, 2, 9, 9],
                [4, 4, 4, 4]])
onehot = np.eye(V)[ids]
print(ids.shape)
print(onehot.shape)
print(E[ids].shape)
print(E[ids[0]].shape)
"""


@checkpoint("emb.lookup.predict-shapes", concepts=["emb.lookup"], kind="predict")
class PredictShapes:
    """What does this cell print? Predict it before you run it, then set `answer` to the text:
    one line per `print`, each shape written as Python prints a tuple, `(2, 5)`.
    (`np.eye(V)` is the $V \\times V$ identity matrix: its row $i$ is the one-hot vector of
    token $i$.)

    ```python
    import numpy as np

    V, d = 50, 16
    E = np.zeros((V, d))
    ids = np.array([[3, 7, 7, 1],
                    [0, 2, 9, 9],
                    [4, 4, 4, 4]])
    onehot = np.eye(V)[ids]
    print(ids.shape)
    print(onehot.shape)
    print(E[ids].shape)
    print(E[ids[0]].shape)
    ```
    """

    code = _SHAPES_CODE
    misconceptions = [
        Misconception(
            "lookup-is-one-hot-wide",
            "print('(3, 4)\\n(3, 4, 50)\\n(3, 4, 50)\\n(4, 50)')",
            "expected each looked-up token to be V = 50 numbers wide",
            "The one-hot rows are V wide, but the lookup returns rows of the table E, and each "
            "row of E holds d = 16 numbers. onehot @ E is (3, 4, 50) @ (50, 16) -> (3, 4, 16), "
            "the same as E[ids].",
            revisit="emb.lookup#an-embedding-table-one-row-per-token",
        ),
        Misconception(
            "batch-flattened",
            "print('(3, 4)\\n(12, 50)\\n(12, 16)\\n(4, 16)')",
            "expected indexing with a (3, 4) array of ids to give one flat list of 12 rows",
            "Indexing with an array of ids keeps that array's shape and puts a row of the table "
            "in place of each id: (3, 4) ids give (3, 4, 16), one vector per token of each text.",
            revisit="emb.lookup#an-embedding-table-one-row-per-token",
        ),
    ]
    hints = [
        "An index array keeps its own shape and adds the shape of what each index picks.",
        "A row of np.eye(V) has V entries; a row of E has d entries.",
    ]


_TEXT = "banana bandana"


def _positions_of_a():
    return [t for t, c in enumerate(_TEXT) if c == "a"]


def grad_last_write_wins():
    return float(_positions_of_a()[-1] + 1)


def grad_first_occurrence():
    return float(_positions_of_a()[0] + 1)


def grad_counted():
    return float(len(_positions_of_a()))


def grad_zero_based():
    return float(sum(_positions_of_a()))


@checkpoint("emb.lookup.gradient-rows", concepts=["emb.lookup"], kind="numeric")
class GradientRows:
    """Encode the text `"banana bandana"` character by character (any vocabulary will do: the
    answer does not depend on the ids) and look the tokens up in a table `E` with $d = 4$
    columns, `x = E[ids]`, shape $(T, 4)$. The backward pass brings the gradient $G$ of the
    loss with respect to `x`: row $t$ of $G$ holds the number $t + 1$ in all 4 entries
    ($t = 0, 1, \\ldots, T - 1$).

    What is the first entry of the row of $\\partial L / \\partial E$ that belongs to the
    character `"a"`? Set `answer` to that number.
    """

    decimals = 1

    def solve():
        ids = np.array([ord(c) for c in _TEXT])
        T = len(ids)
        G = np.repeat(np.arange(1.0, T + 1).reshape(T, 1), 4, axis=1)
        grad_E = np.zeros((128, 4))
        np.add.at(grad_E, ids, G)
        return float(grad_E[ord("a"), 0])

    misconceptions = [
        Misconception(
            "last-write-wins",
            grad_last_write_wins,
            "kept only one occurrence of the character, as `grad_E[ids] += G` does",
            "`grad_E[ids] += G` reads the rows, adds, and writes them back, so for a repeated "
            "id only the last write survives. The character appears 6 times, and its row "
            "receives the sum of all 6 rows of G: a variable used several times gets the sum "
            "of the gradients of its uses.",
            revisit="emb.lookup#which-rows-a-gradient-reaches",
        ),
        Misconception(
            "first-occurrence",
            grad_first_occurrence,
            "took the gradient of the character's first occurrence only",
            "Each of the 6 positions that hold this character looked up the same row of E, so "
            "all 6 rows of G flow back into it and add up.",
            revisit="emb.lookup#which-rows-a-gradient-reaches",
        ),
        Misconception(
            "counted-occurrences",
            grad_counted,
            "counted how often the character occurs, as if every row of G were all ones",
            "Counting is the lesson's special case with G all ones. Here row t of G holds "
            "t + 1, so add up t + 1 over the positions t where the character occurs.",
            revisit="emb.lookup#which-rows-a-gradient-reaches",
        ),
        Misconception(
            "zero-based",
            grad_zero_based,
            "added the positions t instead of the entries t + 1",
            "Row t of G holds t + 1, not t: the first row (t = 0) holds 1.",
            revisit="emb.lookup#which-rows-a-gradient-reaches",
        ),
    ]
    hints = [
        "Which positions t hold an 'a'? Count from 0.",
        "The row of 'a' in the gradient is the sum of the rows of G at those positions.",
    ]
