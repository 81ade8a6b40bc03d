"""Checkpoints for the lesson "Quantisation: int8 and float16 weights, measured"
(03-quantization.md)."""

import numpy as np

from mlpath.grade import Misconception, checkpoint

LESSON = "dep.quantization"


# The variants are graded like a learner's file, so each is self-contained. Each returns
# (q, scale) as a learner making that mistake would: the lesson's code keeps the scale's shape
# with keepdims=True, code written without it returns a flat scale.
def quantize_mean_scale(w):
    scale = np.abs(w).mean(axis=1, keepdims=True) / 127
    return np.clip(np.round(w / scale), -127, 127).astype(np.int8), scale


def quantize_max_over_255(w):
    scale = np.abs(w).max(axis=1, keepdims=True) / 255
    return np.clip(np.round(w / scale), -127, 127).astype(np.int8), scale


def quantize_min_max_over_255(w):
    scale = (w.max(axis=1, keepdims=True) - w.min(axis=1, keepdims=True)) / 255
    return np.clip(np.round(w / scale), -128, 127).astype(np.int8), scale


def quantize_truncated(w):
    scale = np.abs(w).max(axis=1, keepdims=True) / 127
    return np.clip(w / scale, -127, 127).astype(np.int8), scale


def quantize_floor(w):
    scale = np.abs(w).max(axis=1, keepdims=True) / 127
    return np.clip(np.floor(w / scale), -127, 127).astype(np.int8), scale


def quantize_per_tensor(w):
    scale = np.abs(w).max(keepdims=True) / 127
    return np.clip(np.round(w / scale), -127, 127).astype(np.int8), scale


def quantize_per_tensor_number(w):
    scale = np.abs(w).max() / 127
    return np.clip(np.round(w / scale), -127, 127).astype(np.int8), scale


def quantize_per_column(w):
    scale = np.abs(w).max(axis=0, keepdims=True) / 127
    return np.clip(np.round(w / scale), -127, 127).astype(np.int8), scale


def quantize_per_column_flat(w):
    scale = np.abs(w).max(axis=0) / 127
    return np.clip(np.round(w / scale), -127, 127).astype(np.int8), scale


def quantize_signed_max(w):
    scale = w.max(axis=1, keepdims=True) / 127
    return np.clip(np.round(w / scale), -127, 127).astype(np.int8), scale


def quantize_flat_scale(w):
    scale = np.abs(w).max(axis=1) / 127
    return np.clip(np.round(w / scale[:, None]), -127, 127).astype(np.int8), scale


def quantize_reciprocal_scale(w):
    scale = 127 / np.abs(w).max(axis=1, keepdims=True)
    return np.clip(np.round(w * scale), -127, 127).astype(np.int8), scale


def quantize_dequantised(w):
    scale = np.abs(w).max(axis=1, keepdims=True) / 127
    return np.clip(np.round(w / scale), -127, 127) * scale, scale


def _away_from_ties(w):
    """Nudge weights whose w / scale lies within 0.02 of a half-integer, so that a correct
    solution computed in float32 rounds every code as the float64 reference does."""
    scale = np.abs(w).max(axis=1, keepdims=True) / 127
    x = w / scale
    near = np.abs(x - np.floor(x) - 0.5) < 0.02
    return np.where(near, w + 0.05 * scale * np.sign(w), w)


def _weights(rng, rows, cols):
    # Rows of different sizes, as in a real layer: per-row scales then differ from the tensor's.
    w = rng.normal(size=(rows, cols)) * rng.uniform(0.05, 1.0, size=(rows, 1))
    return (_away_from_ties(w),)


_REVISIT_IDEA = f"{LESSON}#the-idea-a-ruler-with-255-marks"
_REVISIT_AXIS = f"{LESSON}#per-tensor-or-per-output-channel"
_FIX_SCALE = "scale = np.abs(w).max(axis=1, keepdims=True) / 127"


@checkpoint(f"{LESSON}.quantize", concepts=[LESSON])
class Quantize:
    """Write `quantize(w)`: symmetric int8 quantisation of a weight matrix `w` of shape
    `(out, in)` with **one scale per output channel** (per row). Return the pair `(q, scale)`:

    - `scale`, shape `(out, 1)`: row $j$'s scale $s_j = \\max_i |w_{ji}| / 127$. The shape
      `(out, 1)` (`keepdims=True`) is what makes `q * scale` dequantise row by row; no row is
      all zeros.
    - `q`, shape `(out, in)`: the int8 codes
      $q_{ji} = \\operatorname{clip}(\\operatorname{round}(w_{ji} / s_j), -127, 127)$ (the grader
      reads their values, so float whole numbers pass too, but store int8 in practice).
    """

    function = "quantize"
    starter = "import numpy as np\n\n\ndef quantize(w):\n    ...\n"

    def reference(w):
        q = np.zeros(w.shape)
        scale = np.zeros((w.shape[0], 1))
        for j, row in enumerate(w):
            scale[j, 0] = max(abs(x) for x in row) / 127
            q[j] = [min(127, max(-127, round(x / scale[j, 0]))) for x in row]
        return q.astype(np.int8), scale

    def cases(rng):
        return [
            _weights(rng, 3, 5),
            _weights(rng, 4, 6),
            _weights(rng, 6, 3),
            _weights(rng, 5, 8),
            _weights(rng, 7, 4),  # hidden
        ]

    edge_cases = [
        (np.array([[0.503, -1.27, 0.0213, 0.9], [0.01, -0.03, 0.0207, 0.0042]]),),
    ]
    hidden = 1
    misconceptions = [
        Misconception(
            "mean-scale",
            quantize_mean_scale,
            "took the scale from the mean of |w| instead of its max",
            "With s = mean|w| / 127 most weights need far more than 127 steps, so the clip cuts "
            "every large weight down to 127 steps: the biggest weights, the ones that matter "
            "most, are all flattened to the same code. The scale must let the largest |w| of "
            "the row land exactly on 127.",
            revisit=_REVISIT_IDEA,
            fix=_FIX_SCALE,
        ),
        Misconception(
            "max-over-255",
            quantize_max_over_255,
            "divided the largest |w| by 255 instead of 127",
            "int8 has 256 values, but a symmetric ruler has 127 steps on each side of 0. With "
            "s = max|w| / 255 the largest weights need 255 steps; clipped to 127, every weight "
            "beyond about half the largest comes back as about half the largest.",
            revisit=f"{LESSON}#when-the-result-looks-wrong",
            fix=_FIX_SCALE,
        ),
        Misconception(
            "min-max-over-255",
            quantize_min_max_over_255,
            "used the asymmetric scale (max - min) / 255 with the symmetric formula",
            "(max(w) - min(w)) / 255 is the scale of asymmetric quantisation, which also shifts "
            "the codes by a zero point. Without the zero point, the codes of the sign with the "
            "larger weights overflow and are clipped, and the other sign wastes codes. The "
            "symmetric scale is max|w| / 127.",
            revisit=_REVISIT_IDEA,
            fix=_FIX_SCALE,
        ),
        Misconception(
            "truncated",
            quantize_truncated,
            "cast w / s to int8 without rounding, so the codes are truncated toward 0",
            "astype(np.int8) drops the fraction: 2.9 becomes 2, not 3, and the error can reach "
            "almost a whole step instead of half a step. Round first: np.round(w / scale).",
            revisit=f"{LESSON}#when-the-result-looks-wrong",
            fix="q = np.clip(np.round(w / scale), -127, 127).astype(np.int8)",
        ),
        Misconception(
            "floor",
            quantize_floor,
            "rounded down (np.floor) instead of to the nearest whole number",
            "np.floor(2.9) is 2 and np.floor(-2.1) is -3: every weight moves down, and the "
            "error can come close to a whole step instead of half a step. Round to the nearest: "
            "np.round(w / scale).",
            revisit=_REVISIT_IDEA,
            fix="q = np.clip(np.round(w / scale), -127, 127).astype(np.int8)",
        ),
        # Per tensor and per column, in the two shapes learners return the scale in: kept
        # (keepdims=True, as the lesson's code does) and without keepdims.
        Misconception(
            "per-tensor",
            quantize_per_tensor,
            "used one scale for the whole matrix instead of one per row",
            "The max over the whole matrix is its largest weight, so rows with smaller weights "
            "use only a few codes. Take the max of each row: "
            "np.abs(w).max(axis=1, keepdims=True).",
            revisit=_REVISIT_AXIS,
        ),
        Misconception(
            "per-tensor-number",
            quantize_per_tensor_number,
            "used one scale (a single number) for the whole matrix instead of one per row",
            "np.abs(w).max() is the largest weight of the whole matrix, so rows with smaller "
            "weights use only a few codes. Take the max of each row: "
            "np.abs(w).max(axis=1, keepdims=True).",
            revisit=_REVISIT_AXIS,
        ),
        Misconception(
            "per-column",
            quantize_per_column,
            "took the max over axis 0, one scale per input column instead of per output row",
            "w is stored (out, in): an output channel is a row, and its max runs along axis 1. "
            "axis=0 gives one scale per column, which broadcasts without an error but is not "
            "what was asked.",
            revisit=_REVISIT_AXIS,
        ),
        Misconception(
            "per-column-flat",
            quantize_per_column_flat,
            "took the max over axis 0, one scale per input column instead of per output row",
            "w is stored (out, in): an output channel is a row, and its max runs along axis 1. "
            "np.abs(w).max(axis=0) has shape (in,) and broadcasts against w without an error, "
            "one scale per column, which is not what was asked.",
            revisit=_REVISIT_AXIS,
        ),
        Misconception(
            "signed-max",
            quantize_signed_max,
            "took the max of w instead of the max of |w|",
            "w.max() ignores the negative weights: in a row whose most negative weight is "
            "larger in size than its most positive one, those weights need more than 127 steps "
            "and are clipped. Take the max of the absolute values, np.abs(w).max(...).",
            revisit=_REVISIT_IDEA,
        ),
        Misconception(
            "flat-scale",
            quantize_flat_scale,
            "returned the scales with shape (out,) instead of (out, 1)",
            "Your codes and scale values are right, but a scale of shape (out,) broadcasts "
            "along the last axis: q * scale then multiplies column i by row i's scale, and on "
            "a square matrix (as MiniLM's 384 x 384 ones) it does so without an error. Keep "
            "the axis with keepdims=True (or scale[:, None]), so that q * scale dequantises "
            "row by row.",
            revisit=_REVISIT_AXIS,
            fix=_FIX_SCALE,
        ),
        Misconception(
            "reciprocal-scale",
            quantize_reciprocal_scale,
            "returned 127 / max|w|, the factor from weights to codes, as the scale",
            "Your codes are right, but the scale is the size of one step, max|w| / 127, so "
            "that w is about q * scale; 127 / max|w| is its reciprocal, and q * (127 / max|w|) "
            "does not give the weights back.",
            revisit=_REVISIT_IDEA,
            fix=_FIX_SCALE,
        ),
        Misconception(
            "dequantised",
            quantize_dequantised,
            "returned the dequantised weights q * scale instead of the codes q",
            "The first item must be the int8 codes, whole numbers from -127 to 127; q * scale "
            "is what the model computes with after dequantising, stored in 4 bytes a weight "
            "again. Return the codes themselves, and the scale beside them.",
            revisit=_REVISIT_IDEA,
        ),
    ]
    hints = [
        "Compute one scale per row: the largest |w| of the row divided by 127, with "
        "keepdims=True so that its shape (out, 1) broadcasts against w.",
        "Then q = np.clip(np.round(w / scale), -127, 127).astype(np.int8); return q, scale.",
    ]


_ROWS, _COLS = 3072, 768  # BERT-base's intermediate layer, stored (out, in)


def size_no_scales():
    return _ROWS * _COLS


def size_float32():
    return _ROWS * _COLS * 4


def size_scales_per_column():
    return _ROWS * _COLS + _COLS * 4


def size_one_scale():
    return _ROWS * _COLS + 4


@checkpoint(f"{LESSON}.size", concepts=[LESSON], kind="numeric")
class Size:
    """A linear layer's weight has shape (3072, 768), stored (out, in). It is quantised to int8
    with one scale per output channel, each scale a float32. How many bytes do the codes and
    the scales take together?
    """

    decimals = 0

    def solve():
        return _ROWS * _COLS * np.dtype(np.int8).itemsize + _ROWS * np.dtype(np.float32).itemsize

    misconceptions = [
        Misconception(
            "no-scales",
            size_no_scales,
            "counted the int8 codes but not the scales",
            "The codes alone cannot be dequantised: each row also stores its scale, one float32 "
            "(4 bytes) per output channel.",
            revisit=f"{LESSON}#the-whole-model-in-bytes",
        ),
        Misconception(
            "float32",
            size_float32,
            "counted 4 bytes per weight, the float32 size",
            "After quantisation each weight is one int8 code, 1 byte; only the scales are float32.",
            revisit=f"{LESSON}#the-whole-model-in-bytes",
        ),
        Misconception(
            "scales-per-column",
            size_scales_per_column,
            "counted one scale per input column (768) instead of per output channel (3072)",
            "The weight is stored (out, in), so there are 3072 output channels, one row and one "
            "scale each.",
            revisit=f"{LESSON}#per-tensor-or-per-output-channel",
        ),
        Misconception(
            "one-scale",
            size_one_scale,
            "counted one scale for the whole tensor",
            "Per output channel means one scale per row: 3072 scales of 4 bytes, not one.",
            revisit=f"{LESSON}#per-tensor-or-per-output-channel",
        ),
    ]
    hints = [
        "Codes: one int8 (1 byte) per weight. Scales: one float32 (4 bytes) per row.",
        "3072 x 768 x 1 + 3072 x 4.",
    ]


_TENSOR_MAX, _ROW_MAX = 0.8, 0.05


def bound_per_channel():
    return (_ROW_MAX / 127 / 2) / _ROW_MAX


def bound_whole_step():
    return (_TENSOR_MAX / 127) / _ROW_MAX


def bound_255():
    return (_TENSOR_MAX / 255 / 2) / _ROW_MAX


def bound_128():
    return (_TENSOR_MAX / 128 / 2) / _ROW_MAX


@checkpoint(f"{LESSON}.error-bound", concepts=[LESSON], kind="numeric")
class ErrorBound:
    """A weight matrix is quantised to int8 symmetrically with **one scale for the whole
    tensor**. Its largest $|w|$ is 0.8; row 7's largest $|w|$ is only 0.05. After
    quantisation, what is the largest error $|w - \\hat w|$ a weight of row 7 can have, as a
    fraction of 0.05 (row 7's largest weight)? For example, an error of 0.001 would be 0.02
    of it.
    """

    decimals = 4

    def solve():
        scale = _TENSOR_MAX / 127
        return (scale / 2) / _ROW_MAX

    misconceptions = [
        Misconception(
            "per-channel",
            bound_per_channel,
            "used row 7's own max for the scale, as per-channel quantisation would",
            "With one scale for the whole tensor, s = 0.8 / 127 for every row, row 7 included: "
            "the tensor's largest weight sets the step. That is why small rows lose precision "
            "per tensor.",
            revisit=f"{LESSON}#per-tensor-or-per-output-channel",
        ),
        Misconception(
            "whole-step",
            bound_whole_step,
            "took a whole step s as the largest error instead of half a step",
            "Rounding to the nearest code moves w / s by at most 0.5, so the error is at most "
            "s / 2.",
            revisit=f"{LESSON}#the-idea-a-ruler-with-255-marks",
        ),
        Misconception(
            "range-255",
            bound_255,
            "divided by 255 instead of 127 for the scale",
            "The symmetric scale is max|w| / 127: 127 steps on each side of 0.",
            revisit=f"{LESSON}#the-idea-a-ruler-with-255-marks",
        ),
        Misconception(
            "range-128",
            bound_128,
            "divided by 128 instead of 127 for the scale",
            "int8 goes down to -128 but only up to 127; the symmetric ruler uses -127 to 127 so "
            "that the largest |w| of either sign fits, so s = max|w| / 127.",
            revisit=f"{LESSON}#the-idea-a-ruler-with-255-marks",
        ),
    ]
    hints = [
        "Per tensor, the scale is the tensor's largest |w| divided by 127, for every row.",
        "The error is at most half a step, s / 2; divide it by 0.05.",
    ]
