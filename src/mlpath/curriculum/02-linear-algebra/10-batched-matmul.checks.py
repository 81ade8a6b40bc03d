"""Checkpoints for the lesson "Batched products: transposes, lookups and reshapes"
(10-batched-matmul.md)."""

import numpy as np

from mlpath.grade import Misconception, checkpoint


def split_reshape_only(X, n_heads):
    b, t, f = X.shape
    return X.reshape(b, n_heads, t, f // n_heads)


def split_no_transpose(X, n_heads):
    b, t, f = X.shape
    return X.reshape(b, t, n_heads, f // n_heads)


def split_interleaved(X, n_heads):
    b, t, f = X.shape
    return X.reshape(b, t, f // n_heads, n_heads).transpose(0, 3, 1, 2)


def split_dot_t(X, n_heads):
    b, t, f = X.shape
    return X.reshape(b, t, n_heads, f // n_heads).T


@checkpoint("la.batched-matmul.split-heads", concepts=["la.batched-matmul"])
class SplitHeads:
    """Write `split_heads(X, n_heads)`. `X` has shape `(batch, tokens, features)`, and the
    `features` of each token are `n_heads` blocks of `d = features // n_heads` numbers side by
    side: head 0 owns features `0 .. d-1`, head 1 owns `d .. 2d-1`, and so on. Return an array of
    shape `(batch, n_heads, tokens, d)` whose entry `[b, h, t, :]` is head `h`'s block of
    features of token `t` in sentence `b`.

    For `X = np.arange(12).reshape(1, 3, 4)` and `n_heads = 2`, head 0 is
    `[[0, 1], [4, 5], [8, 9]]`.
    """

    function = "split_heads"
    starter = "import numpy as np\n\n\ndef split_heads(X, n_heads):\n    ...\n"

    def reference(X, n_heads):
        b, t, f = X.shape
        d = f // n_heads
        out = np.zeros((b, n_heads, t, d))
        for h in range(n_heads):
            out[:, h] = X[:, :, h * d : (h + 1) * d]
        return out

    def cases(rng):
        shapes = [(2, 3, 2, 2), (1, 5, 3, 2), (3, 4, 2, 3), (2, 6, 4, 2), (2, 3, 3, 3)]
        return [
            (rng.integers(-9, 10, size=(b, t, h * d)).astype(float), h) for b, t, h, d in shapes
        ]

    edge_cases = [
        (np.arange(12.0).reshape(1, 3, 4), 2),
        (np.arange(24.0).reshape(2, 4, 3), 1),  # one head: (batch, 1, tokens, features)
    ]
    hidden = 2
    misconceptions = [
        Misconception(
            "reshape-not-transpose",
            split_reshape_only,
            "reshaped straight to (batch, n_heads, tokens, d), which has the right shape but "
            "scrambles tokens and heads",
            "reshape pours the numbers in reading order into the new shape, so 'head 0' gets the "
            "first tokens' features, all of them. Split the last axis first, "
            "X.reshape(batch, tokens, n_heads, d), then move the head axis in front of the "
            "tokens with .transpose(0, 2, 1, 3).",
            revisit="la.batched-matmul#transpose-is-not-reshape",
        ),
        Misconception(
            "heads-after-tokens",
            split_no_transpose,
            "split the features into heads but left the head axis after the tokens",
            "X.reshape(batch, tokens, n_heads, d) puts each head's block in the right place, "
            "but the shape is (batch, tokens, n_heads, d). Swap axes 1 and 2 with "
            ".transpose(0, 2, 1, 3) so that each head holds one (tokens, d) matrix.",
            revisit="la.batched-matmul#splitting-into-heads",
        ),
        Misconception(
            "interleaved-heads",
            split_interleaved,
            "gave head h every n_heads-th feature instead of a block of d neighbours",
            "reshape(batch, tokens, d, n_heads) groups the features the other way round: head 0 "
            "gets features 0, n_heads, 2 n_heads, ... Each head's features sit next to each "
            "other, so the last axis splits as (n_heads, d).",
            revisit="la.batched-matmul#splitting-into-heads",
        ),
        Misconception(
            "dot-t-on-a-tensor",
            split_dot_t,
            "used .T to move the axes, which reverses all four axes",
            ".T on an array with more than two axes reverses every axis: (batch, tokens, "
            "n_heads, d) becomes (d, n_heads, tokens, batch). Name the order you want with "
            ".transpose(0, 2, 1, 3).",
            revisit="la.batched-matmul#batched-products--on-3-d-arrays",
        ),
    ]
    hints = [
        "First split the last axis: X.reshape(batch, tokens, n_heads, d).",
        "Then move the head axis in front of the tokens: .transpose(0, 2, 1, 3).",
    ]


_SHAPES_CODE = (
    "import numpy as np\n"
    "Q = np.ones((2, 5, 4))    # (batch, tokens, features)\n"
    "K = np.ones((2, 5, 4))\n"
    "print((Q @ K.transpose(0, 2, 1)).shape)\n"
    "print(K.T.shape)\n"
)


@checkpoint("la.batched-matmul.predict-shapes", concepts=["la.batched-matmul"], kind="predict")
class PredictShapes:
    """What does this cell print? Predict it before you run it, then set `answer` to the text.

    ```python
    import numpy as np
    Q = np.ones((2, 5, 4))    # (batch, tokens, features)
    K = np.ones((2, 5, 4))
    print((Q @ K.transpose(0, 2, 1)).shape)
    print(K.T.shape)
    ```

    Write each shape as Python prints it, with a space after each comma, like `(3, 1)`.
    """

    code = _SHAPES_CODE
    misconceptions = [
        Misconception(
            "dot-t-swaps-last-two",
            "print((2, 5, 5))\nprint((2, 4, 5))\n",
            "expected .T on a 3-D array to swap only the last two axes",
            ".T reverses every axis: (2, 5, 4) becomes (4, 5, 2). To transpose each matrix of a "
            "batch, write .transpose(0, 2, 1) (or np.swapaxes(K, -1, -2)).",
            revisit="la.batched-matmul#batched-products--on-3-d-arrays",
        ),
        Misconception(
            "feature-by-feature",
            "print((2, 4, 4))\nprint((4, 5, 2))\n",
            "expected the product to pair features with features instead of tokens with tokens",
            "@ works on the last two axes as matrices: (5, 4) @ (4, 5) -> (5, 5). The inner "
            "size, 4 features, is summed away; one score is left for every pair of tokens.",
            revisit="la.batched-matmul#batched-products--on-3-d-arrays",
        ),
        Misconception(
            "batch-dropped",
            "print((5, 5))\nprint((4, 5, 2))\n",
            "expected the batch axis to disappear from the product",
            "Leading axes are a batch: @ multiplies one (5, 4) @ (4, 5) pair per sentence and "
            "keeps them all, so the result is (2, 5, 5).",
            revisit="la.batched-matmul#batched-products--on-3-d-arrays",
        ),
    ]
    hints = [
        "K.transpose(0, 2, 1) has shape (2, 4, 5). Then apply the shape rule to the last two axes.",
        ".T reverses the order of all the axes.",
    ]
