"""Checkpoints for the lesson "Arrays: shape, dtype and axes" (01-arrays.md)."""

import numpy as np

from mlpath.grade import Misconception, checkpoint


@checkpoint("np.arrays.predict-shapes", concepts=["np.arrays"], kind="predict")
class PredictShapes:
    """What does this cell print? Predict it before you run it, then set `answer` to the text.

    ```python
    import numpy as np
    X = np.zeros((4, 3))    # 4 samples, 3 features
    print(X.ndim)
    print(X[1].shape)
    print(X[:, 1].shape)
    ```
    """

    code = (
        "import numpy as np\n"
        "X = np.zeros((4, 3))    # 4 samples, 3 features\n"
        "print(X.ndim)\n"
        "print(X[1].shape)\n"
        "print(X[:, 1].shape)\n"
    )
    misconceptions = [
        Misconception(
            "ndim-is-size",
            "print(12)\nprint((3,))\nprint((4,))\n",
            "ndim was taken to be the number of entries",
            "ndim counts the axes (2 for a table of rows and columns); the number of entries, "
            "4 * 3 = 12, is X.size.",
            revisit="np.arrays#arrays-in-numpy",
        ),
        Misconception(
            "rows-and-columns-swapped",
            "print(2)\nprint((4,))\nprint((3,))\n",
            "X[1] was read as column 1 and X[:, 1] as row 1",
            "The first index picks along axis 0, the rows: X[1] is sample 1, with one value per "
            "feature (3). X[:, 1] keeps every row and fixes column 1: one value per sample (4).",
            revisit="np.arrays#axis-0-and-axis-1",
        ),
        Misconception(
            "index-keeps-axis",
            "print(2)\nprint((1, 3))\nprint((4, 1))\n",
            "an integer index was taken to keep its axis with length 1",
            "An integer index removes its axis, so picking one row or one column of a 2-D array "
            "gives a 1-D vector: (3,) and (4,). Only a slice such as X[1:2] keeps the axis.",
            revisit="np.arrays#rows-columns-and-entries",
        ),
    ]
    hints = [
        "ndim is the number of axes, not the number of entries.",
        "An integer index removes an axis; `:` keeps a whole axis.",
    ]


def _wine():
    from sklearn.datasets import load_wine

    return load_wine().data


def entry_axes_swapped():
    return float(_wine()[9, 7])


def entry_counted_from_one():
    return float(_wine()[6, 8])


@checkpoint("np.arrays.wine-entry", concepts=["np.arrays"], kind="numeric")
class WineEntry:
    """`X = load_wine().data` has one row per wine and one column per feature, shape
    `(178, 13)`. Column 9 is `color_intensity` (`load_wine().feature_names[9]`).

    What is the colour intensity of the wine in row 7? Rows and columns count from 0, as
    Python does. Set `answer` to that single number.
    """

    decimals = 2
    timeout = 20  # solve() and a submission that loads the data import scikit-learn: slow cold

    def solve():
        return float(_wine()[7, 9])

    misconceptions = [
        Misconception(
            "axes-swapped",
            entry_axes_swapped,
            "the indices were given in the order (feature, sample)",
            "The first index runs along axis 0 and picks the sample (the row); the second picks "
            "the feature (the column): X[7, 9], not X[9, 7].",
            revisit="np.arrays#axis-0-and-axis-1",
        ),
        Misconception(
            "counted-from-one",
            entry_counted_from_one,
            "1 was subtracted from both indices, as if rows and columns were counted from 1",
            "NumPy counts from 0, and the question does too: row 7 is X[7], column 9 is "
            "X[:, 9]. Subtracting 1 gives the neighbouring entry X[6, 8].",
            revisit="np.arrays#rows-columns-and-entries",
        ),
    ]
    hints = [
        "`X[i, j]` is sample i, feature j.",
        "Print `load_wine().feature_names[9]` to check the column.",
    ]


def image_int_buffer(row):
    img = np.zeros_like(row).reshape(8, 8)
    for r in range(8):
        for c in range(8):
            img[r, c] = row[8 * r + c] / 16
    return img


def image_column_by_column(row):
    return row.reshape(8, 8).T / 16


def image_own_max(row):
    return row.reshape(8, 8) / row.max()


_DIGIT_ZERO = np.array(
    [0, 0, 5, 13, 9, 1, 0, 0,
     0, 0, 13, 15, 10, 15, 5, 0,
     0, 3, 15, 2, 0, 11, 8, 0,
     0, 4, 12, 0, 0, 8, 8, 0,
     0, 5, 8, 0, 0, 9, 8, 0,
     0, 4, 11, 0, 1, 12, 7, 0,
     0, 2, 14, 5, 10, 12, 0, 0,
     0, 0, 6, 13, 10, 0, 0, 0],
    dtype=np.int64,
)  # fmt: skip


@checkpoint("np.arrays.flat-to-image", concepts=["np.arrays"])
class FlatToImage:
    """Write `to_image(row)`. `row` is one flattened 8 x 8 digit: a vector of shape `(64,)`
    with integer pixel values from 0 to 16 (dtype `int64`), the 8 pixel rows one after another,
    as in `load_digits().data`.

    Return the image as an array of shape `(8, 8)` with float pixel values from 0 to 1: each
    pixel divided by 16, the largest possible value. `row[0:8]` is the top pixel row.
    """

    function = "to_image"
    starter = "import numpy as np\n\n\ndef to_image(row):\n    ...\n"

    def reference(row):
        return row.reshape(8, 8) / 16

    def cases(rng):
        return [(rng.integers(0, 17, size=64),) for _ in range(4)]

    edge_cases = [
        (_DIGIT_ZERO,),
        (_DIGIT_ZERO * 3 // 4,),
    ]
    hidden = 2
    misconceptions = [
        Misconception(
            "float-into-int-array",
            image_int_buffer,
            "the result is an integer array, so the fractions were dropped",
            "Integer arithmetic keeps no fractions: a float written into a buffer with row's "
            "dtype, int64 (np.zeros_like(row) copies it), is truncated, and 13 // 16 is 0 too. "
            "Return row.reshape(8, 8) / 16: true division / makes a new float64 array. Or make "
            "the buffer with dtype=np.float64.",
            revisit="np.arrays#dtype-integers-and-floats",
        ),
        Misconception(
            "filled-column-by-column",
            image_column_by_column,
            "the 64 pixels were laid out column by column, which transposes the image",
            "The flat row holds pixel row 0, then pixel row 1, and so on, and reshape(8, 8) "
            'fills the image in exactly that order. Filling it column by column (order="F", or '
            "a transpose afterwards) swaps rows and columns.",
            revisit="np.arrays#more-axes-a-stack-of-images",
        ),
        Misconception(
            "divided-by-own-max",
            image_own_max,
            "each image was divided by its own largest pixel instead of by 16",
            "Pixels range from 0 to 16 in every image, so divide by 16. Dividing by row.max() "
            "makes a faint digit look as dark as a bold one and scales each image differently.",
            revisit="np.arrays#more-axes-a-stack-of-images",
        ),
    ]
    hints = [
        "`row.reshape(8, 8)` gives the image, filled row by row.",
        "Dividing an integer array by 16 makes a new float64 array.",
    ]
