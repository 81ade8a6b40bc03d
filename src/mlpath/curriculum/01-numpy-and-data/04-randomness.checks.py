"""Checkpoints for the lesson "Random generators and seeds" (04-randomness.md)."""

import numpy as np

from mlpath.grade import Invariant, Misconception, checkpoint


def dice_high_inclusive(seed, n):
    rng = np.random.default_rng(seed)
    return rng.integers(1, 6, size=n)


def dice_zero_based(seed, n):
    rng = np.random.default_rng(seed)
    return rng.integers(0, 6, size=n)


def dice_new_generator_per_roll(seed, n):
    rolls = []
    for _ in range(n):
        rng = np.random.default_rng(seed)
        rolls.append(rng.integers(1, 7))
    return np.array(rolls)


def _faces_are_fair(seed, n, got):
    """Each face within 5 standard deviations of n/6 (in 6,000 rolls, 856 to 1,144 times: a
    fair die fails this about once in 280,000 checks); only asked of a large sample."""
    if n < 600:
        return True
    counts = np.array([np.sum(got == face) for face in range(1, 7)])
    spread = 5 * np.sqrt(n * (1 / 6) * (5 / 6))
    return bool(np.all(np.abs(counts - n / 6) <= spread))


@checkpoint("np.randomness.dice", concepts=["np.randomness"], kind="sample")
class Dice:
    """Write `roll_dice(seed, n)`: create a generator with `np.random.default_rng(seed)` and
    return `n` rolls of a fair six-sided die drawn from it: whole numbers from 1 to 6, as an
    array of shape $(n,)$.

    Called twice with the same `seed`, your function must return the same rolls. Any correct
    way of drawing them passes: the rolls are checked for their range, their shape, how often
    each face comes up in 6,000 rolls, and reproducibility, not compared with one exact stream.
    """

    function = "roll_dice"
    starter = "import numpy as np\n\n\ndef roll_dice(seed, n):\n    ...\n"

    def reference(seed, n):
        rng = np.random.default_rng(seed)
        return rng.integers(1, 7, size=n)

    def cases(rng):
        return [(int(rng.integers(0, 10_000)), n) for n in (4, 6, 10, 15, 20)]

    edge_cases = [(0, 10), (42, 8), (7, 6000)]
    hidden = 2
    invariants = [
        Invariant(
            "every roll is a whole number from 1 to 6",
            lambda seed, n, got: bool(np.all((got >= 1) & (got <= 6) & (got == np.round(got)))),
        ),
        Invariant(
            "in 6,000 rolls every face from 1 to 6 comes up 1,000 ± 144 times "
            "(5 standard deviations)",
            _faces_are_fair,
        ),
    ]
    misconceptions = [
        Misconception(
            "high-is-inclusive",
            dice_high_inclusive,
            "used integers(1, 6), so the die never shows a 6",
            "The upper bound of rng.integers is excluded, as in Python's range: integers(1, 6) "
            "gives 1 to 5. A die is rng.integers(1, 7).",
            revisit="np.randomness#sampling-with-a-generator",
        ),
        Misconception(
            "zero-based",
            dice_zero_based,
            "drew numbers from 0 to 5 instead of 1 to 6",
            "rng.integers(0, 6) gives 0 to 5, like Python indices. The faces of a die are 1 to 6: "
            "rng.integers(1, 7).",
            revisit="np.randomness#sampling-with-a-generator",
        ),
        Misconception(
            "new-generator-per-roll",
            dice_new_generator_per_roll,
            "created a new generator with the same seed for every roll, so all rolls are equal",
            "Each fresh generator starts from the same state and gives the same first number. "
            "Create the generator once, before the loop, or draw all rolls in one call with "
            "size=n.",
            revisit="np.randomness#one-generator-seeded-once",
        ),
    ]
    hints = [
        "`rng = np.random.default_rng(seed)` once, at the start of the function.",
        "`rng.integers(low, high, size=n)`: `high` is excluded.",
    ]


@checkpoint("np.randomness.same-seed", concepts=["np.randomness"], kind="predict")
class SameSeed:
    """What does this cell print? Predict it before you run it, then set `answer` to the text.

    ```python
    import numpy as np
    a = np.random.default_rng(3).integers(0, 100, size=3)
    b = np.random.default_rng(3).integers(0, 100, size=3)
    rng = np.random.default_rng(3)
    c = rng.integers(0, 100, size=3)
    d = rng.integers(0, 100, size=3)
    print(np.array_equal(a, b))
    print(np.array_equal(a, c))
    print(np.array_equal(c, d))
    ```
    """

    code = (
        "import numpy as np\n"
        "a = np.random.default_rng(3).integers(0, 100, size=3)\n"
        "b = np.random.default_rng(3).integers(0, 100, size=3)\n"
        "rng = np.random.default_rng(3)\n"
        "c = rng.integers(0, 100, size=3)\n"
        "d = rng.integers(0, 100, size=3)\n"
        "print(np.array_equal(a, b))\n"
        "print(np.array_equal(a, c))\n"
        "print(np.array_equal(c, d))\n"
    )
    misconceptions = [
        Misconception(
            "same-seed-differs",
            "print(False)\nprint(False)\nprint(False)\n",
            "expected two generators with the same seed to give different numbers",
            "The seed fixes the whole sequence: every generator created with seed 3 starts from "
            "the same state and gives the same numbers. That is what makes a run reproducible.",
            revisit="np.randomness#the-idea-a-seed-fixes-the-whole-sequence",
        ),
        Misconception(
            "generator-repeats",
            "print(True)\nprint(True)\nprint(True)\n",
            "expected the same generator to give the same numbers on every call",
            "Each call moves the generator's state forward, so the second call on `rng` gives "
            "new numbers. Only a new generator with the same seed starts over.",
            revisit="np.randomness#the-idea-a-seed-fixes-the-whole-sequence",
        ),
    ]
    hints = [
        "a, b and c each come from the first call on a generator seeded with 3.",
        "d comes from the second call on the same generator as c.",
    ]


def _iris():
    from sklearn.datasets import load_iris

    return load_iris(return_X_y=True)


_SEED = 9
_TRAIN = 120  # the first 120 shuffled rows train, the last 30 test


def _setosa_test_mean(X, y):
    return float(X[_TRAIN:][y[_TRAIN:] == 0, 2].mean())


def shuffle_separate_permutations():
    X, y = _iris()
    rng = np.random.default_rng(_SEED)
    X = X[rng.permutation(len(y))]
    y = y[rng.permutation(len(y))]
    return _setosa_test_mean(X, y)


def shuffle_labels_only():
    X, y = _iris()
    rng = np.random.default_rng(_SEED)
    y = y[rng.permutation(len(y))]
    return _setosa_test_mean(X, y)


def setosa_training_flowers():
    X, y = _iris()
    perm = np.random.default_rng(_SEED).permutation(len(y))
    X, y = X[perm], y[perm]
    return float(X[:_TRAIN][y[:_TRAIN] == 0, 2].mean())


def setosa_all_flowers():
    X, y = _iris()
    return float(X[y == 0, 2].mean())


@checkpoint("np.randomness.shuffle-pairs", concepts=["np.randomness"], kind="numeric")
class ShufflePairs:
    """The iris rows are sorted by species. Load them with
    `X, y = load_iris(return_X_y=True)`, make a generator with `rng = np.random.default_rng(9)`,
    and shuffle the rows of `X` and `y` into a random order with `rng.permutation`, so that every
    flower keeps its own label. The first 120 shuffled rows are the training set, the last 30
    the test set.

    What is the mean petal length (column 2 of `X`) of the test flowers whose label is 0
    (setosa)? Set `answer` to that number.
    """

    decimals = 2
    timeout = 20  # the submission loads scikit-learn, which is slow on a cold start

    def solve():
        X, y = _iris()
        rng = np.random.default_rng(_SEED)
        perm = rng.permutation(len(y))
        return _setosa_test_mean(X[perm], y[perm])

    misconceptions = [
        Misconception(
            "separate-permutations",
            shuffle_separate_permutations,
            "shuffled X and y with two different random orders",
            "Each call to rng.permutation (or rng.shuffle) moves the generator on, so a second "
            "call gives a different order and the labels no longer belong to their flowers: the "
            "'setosa' rows have the long petals of other species. Draw one order, "
            "perm = rng.permutation(len(y)), and index both: X[perm], y[perm].",
            revisit="np.randomness#shuffling-a-dataset",
        ),
        Misconception(
            "labels-only",
            shuffle_labels_only,
            "shuffled y but left the rows of X in their sorted order",
            "Reordering y alone moves every label away from its flower: the last 30 rows of X "
            "are still virginica, whatever their labels say. Apply the same permutation to "
            "both: X[perm], y[perm].",
            revisit="np.randomness#shuffling-a-dataset",
        ),
        Misconception(
            "training-set",
            setosa_training_flowers,
            "averaged the setosa flowers of the training set (the first 120 rows)",
            "The question asks about the test set: the last 30 shuffled rows, X[120:] and y[120:].",
            revisit="np.randomness#shuffling-a-dataset",
        ),
        Misconception(
            "no-split",
            setosa_all_flowers,
            "averaged setosa flowers outside the test set: all 50, or the first 30 shuffled rows",
            "The test set is the last 30 shuffled rows, X[120:] and y[120:]; which setosa flowers "
            "land there depends on the shuffle, while the mean over all 50 is the same whatever "
            "the order (and the first 30 shuffled rows happen to give nearly the same). Shuffle, "
            "then keep the last 30 rows, then select label 0.",
            revisit="np.randomness#shuffling-a-dataset",
        ),
    ]
    hints = [
        "`perm = rng.permutation(len(y))`, then `X[perm]` and `y[perm]`.",
        "Test set: rows 120 to 149 of the shuffled data. Select rows with `y_test == 0`, then "
        "column 2.",
    ]
