"""Checkpoints for the lesson "Positions: how attention learns word order" (05-positions.md)."""

import numpy as np

from mlpath.grade import Misconception, checkpoint


# The variants are graded like a learner's file, so each is self-contained.
def sinusoidal_pair_index(T, C):
    t = np.arange(T)[:, None]
    omega = 10000.0 ** (-np.arange(C // 2) / C)
    P = np.zeros((T, C))
    P[:, 0::2] = np.sin(t * omega)
    P[:, 1::2] = np.cos(t * omega)
    return P


def sinusoidal_doubled_twice(T, C):
    t = np.arange(T)[:, None]
    omega = 10000.0 ** (-2 * np.arange(0, C, 2) / C)
    P = np.zeros((T, C))
    P[:, 0::2] = np.sin(t * omega)
    P[:, 1::2] = np.cos(t * omega)
    return P


def sinusoidal_swapped(T, C):
    t = np.arange(T)[:, None]
    omega = 10000.0 ** (-np.arange(0, C, 2) / C)
    P = np.zeros((T, C))
    P[:, 0::2] = np.cos(t * omega)
    P[:, 1::2] = np.sin(t * omega)
    return P


def sinusoidal_halves(T, C):
    t = np.arange(T)[:, None]
    omega = 10000.0 ** (-np.arange(0, C, 2) / C)
    return np.concatenate([np.sin(t * omega), np.cos(t * omega)], axis=1)


def sinusoidal_from_one(T, C):
    t = np.arange(1, T + 1)[:, None]
    omega = 10000.0 ** (-np.arange(0, C, 2) / C)
    P = np.zeros((T, C))
    P[:, 0::2] = np.sin(t * omega)
    P[:, 1::2] = np.cos(t * omega)
    return P


def sinusoidal_times_10000(T, C):
    t = np.arange(T)[:, None]
    omega = 10000.0 ** (np.arange(0, C, 2) / C)
    P = np.zeros((T, C))
    P[:, 0::2] = np.sin(t * omega)
    P[:, 1::2] = np.cos(t * omega)
    return P


@checkpoint("tf.positions.sinusoidal", concepts=["tf.positions"])
class Sinusoidal:
    """Write `sinusoidal_positions(T, C)`: the sinusoidal position table of the lesson, an array
    of shape `(T, C)` for positions $t = 0, \\dots, T-1$ and an even width `C`, with

    $$P[t, 2i] = \\sin(t\\,\\omega_i), \\qquad P[t, 2i+1] = \\cos(t\\,\\omega_i), \\qquad
    \\omega_i = 10000^{-2i/C}, \\quad i = 0, \\dots, C/2 - 1.$$

    Sines go in the even columns and cosines in the odd ones, interleaved: column 0 is
    $\\sin(t\\,\\omega_0)$, column 1 is $\\cos(t\\,\\omega_0)$, column 2 is $\\sin(t\\,\\omega_1)$.
    For `T = 2, C = 2` the table is `[[0, 1], [0.8415, 0.5403]]` (rounded).
    """

    function = "sinusoidal_positions"
    starter = "import numpy as np\n\n\ndef sinusoidal_positions(T, C):\n    ...\n"
    rtol = 1e-6
    atol = 1e-6

    def reference(T, C):
        P = np.zeros((T, C))
        for t in range(T):
            for i in range(C // 2):
                omega = 10000.0 ** (-2 * i / C)
                P[t, 2 * i] = np.sin(t * omega)
                P[t, 2 * i + 1] = np.cos(t * omega)
        return P

    def cases(rng):
        return [
            (int(rng.integers(3, 9)), 4),
            (int(rng.integers(5, 12)), 6),
            (int(rng.integers(2, 6)), 8),
            (int(rng.integers(8, 20)), 12),
            (int(rng.integers(4, 10)), 10),
        ]

    edge_cases = [(4, 4), (3, 2)]
    hidden = 2
    misconceptions = [
        Misconception(
            "pair-index-not-doubled",
            sinusoidal_pair_index,
            "used the exponent -i/C for pair i instead of -2i/C",
            "Pair i owns columns 2i and 2i + 1, and its speed is 10000 to the power -2i/C, so "
            "the exponents run over 0, 2, 4, ... up to C - 2, divided by C. With -i/C the "
            "slowest pair turns far too fast.",
            revisit="tf.positions#sinusoidal-positions-clocks-at-many-speeds",
        ),
        Misconception(
            "pair-index-doubled-twice",
            sinusoidal_doubled_twice,
            "doubled the exponent twice: -2 times np.arange(0, C, 2), which already holds 2i",
            "np.arange(0, C, 2) is 0, 2, 4, ..., that is 2i already. Multiplying it by 2 again "
            "gives 10000 to the power -4i/C, so every pair after the first turns far too slowly. "
            "Use either -np.arange(0, C, 2) / C or -2 * np.arange(C // 2) / C.",
            revisit="tf.positions#sinusoidal-positions-clocks-at-many-speeds",
        ),
        Misconception(
            "sin-cos-swapped",
            sinusoidal_swapped,
            "put the cosines in the even columns and the sines in the odd ones",
            "Row 0 of the table is (0, 1, 0, 1, ...): sin 0 = 0 in the even columns, cos 0 = 1 "
            "in the odd ones. Check your row 0.",
            revisit="tf.positions#sinusoidal-positions-clocks-at-many-speeds",
        ),
        Misconception(
            "halves-not-interleaved",
            sinusoidal_halves,
            "put all the sines in the first half of the columns and all the cosines in the "
            "second half",
            "Some libraries lay the table out that way, and it works as well, but this "
            "checkpoint asks for the lesson's interleaved layout: sines in columns 0, 2, 4, ... "
            "and cosines in 1, 3, 5, ... (P[:, 0::2] and P[:, 1::2]).",
            revisit="tf.positions#sinusoidal-positions-clocks-at-many-speeds",
        ),
        Misconception(
            "positions-from-one",
            sinusoidal_from_one,
            "numbered the positions from 1 instead of 0",
            "The first token is position t = 0, so row 0 is (0, 1, 0, 1, ...). Use np.arange(T).",
            revisit="tf.positions#add-a-position-vector-to-every-token",
        ),
        Misconception(
            "speed-not-inverted",
            sinusoidal_times_10000,
            "multiplied t by 10000^(2i/C) instead of dividing by it",
            "The speeds must fall from 1 radian per position for pair 0 to very slow for the "
            "last pair: omega_i = 10000^(-2i/C), a negative exponent (or t / 10000^(2i/C)).",
            revisit="tf.positions#sinusoidal-positions-clocks-at-many-speeds",
        ),
    ]
    hints = [
        "Make t a column, np.arange(T)[:, None], and the speeds a row of C/2 numbers; "
        "t * omega is then a (T, C/2) table of angles.",
        "Fill P[:, 0::2] with the sines of the angles and P[:, 1::2] with their cosines.",
    ]


_OPTIONS = [
    "Y[::-1]: the same rows as Y, in reverse order",
    "Y, unchanged: attention ignores the order of its input",
    "new rows unrelated to the rows of Y, since every token now sees the others in another order",
    "Y[:, ::-1]: every row of Y with its features in reverse order",
]


def reorder_unchanged():
    return _OPTIONS[1]


def reorder_unrelated():
    return _OPTIONS[2]


def reorder_features():
    return _OPTIONS[3]


@checkpoint("tf.positions.reorder", concepts=["tf.positions"], kind="choice")
class Reorder:
    """One attention head, with no position information and no causal mask, turns the `T`
    token vectors in the rows of `X` into the outputs `Y`. You feed it the same tokens in
    reverse order, `X[::-1]`. What does it return?

    a) Y[::-1]: the same rows as Y, in reverse order
    b) Y, unchanged: attention ignores the order of its input
    c) new rows unrelated to the rows of Y, since every token now sees the others in another
       order
    d) Y[:, ::-1]: every row of Y with its features in reverse order
    """

    options = _OPTIONS

    def solve():
        return _OPTIONS[0]

    misconceptions = [
        Misconception(
            "output-unchanged",
            reorder_unchanged,
            "expected the output rows to stay where they were",
            "Each output row belongs to one input token and travels with it. Token t's output "
            "depends only on its own vector and on the set of all tokens, so reversing the "
            "tokens reverses the rows of the output.",
            revisit="tf.positions#attention-does-not-see-order",
        ),
        Misconception(
            "order-matters",
            reorder_unrelated,
            "expected the order of the other tokens to change each token's output",
            "A token's output is a softmax-weighted average over all the tokens; each weight "
            "comes from a dot product of two token vectors, whatever their places. A weighted "
            "average does not depend on the order in which it adds.",
            revisit="tf.positions#attention-does-not-see-order",
        ),
        Misconception(
            "features-reversed",
            reorder_features,
            "reversed the features instead of the tokens",
            "X[::-1] reverses the first axis, the tokens (rows); each token's vector is "
            "unchanged. So the outputs are reordered as rows, not within a row.",
            revisit="tf.positions#attention-does-not-see-order",
        ),
    ]
    hints = [
        "Does a token's own output depend on where the other tokens stand, or only on which "
        "tokens there are?",
    ]
