"""Checkpoints for the lesson "Exponents, roots and scientific notation"
(02-exponents-sci-notation.md).

The first checkpoint of each concept is its quick placement question: fd.exponents.evaluate for
fd.exponents, fd.sci-notation.model-memory for fd.sci-notation.
"""

from mlpath.grade import Misconception, checkpoint


def negative_exponent_as_sign():
    return -(16**0.5) * 2**3


def exponent_as_factor():
    return (16 * -0.5) * 2**3


def half_power_as_halving():
    return 1 / (16 / 2) * 2**3


def power_as_product():
    return 16 ** (-1 / 2) * (2 * 3)


@checkpoint("fd.exponents.evaluate", concepts=["fd.exponents"], kind="numeric")
class Evaluate:
    """Without a calculator: what is $16^{-1/2} \\cdot 2^{3}$?"""

    decimals = 2

    def solve():
        return 16 ** (-1 / 2) * 2**3

    misconceptions = [
        Misconception(
            "negative-exponent-as-sign",
            negative_exponent_as_sign,
            "read the negative exponent as a minus sign on the result",
            "A negative exponent does not make a number negative: a^(-n) is 1 / a^n, one over "
            "the power. 16^(-1/2) is a small positive number.",
            revisit="fd.exponents#powers-and-their-rules",
            fix="16^(-1/2) = 1 / 16^(1/2) = 1/4, and 1/4 times 8 is 2.",
        ),
        Misconception(
            "exponent-as-factor",
            exponent_as_factor,
            "multiplied 16 by the exponent instead of raising it to that power",
            "16^(-1/2) is not 16 times -1/2. The exponent 1/2 asks for a square root and the "
            "minus sign for one over it.",
            revisit="fd.exponents#powers-and-their-rules",
        ),
        Misconception(
            "half-power-as-halving",
            half_power_as_halving,
            "took the power 1/2 as halving: 16^(1/2) = 8",
            "A power of 1/2 is the number that, multiplied by itself, gives 16: the square "
            "root. Halving is multiplying by 1/2, not raising to the power 1/2.",
            revisit="fd.exponents#powers-and-their-rules",
        ),
        Misconception(
            "power-as-product",
            power_as_product,
            "took 2^3 as 2 times 3",
            "2^3 multiplies 2 by itself 3 times: 2 x 2 x 2. The exponent counts the factors; "
            "it is not a factor itself.",
            revisit="fd.exponents#powers-and-their-rules",
        ),
    ]
    hints = [
        "Split it: 16^(-1/2) = 1 / 16^(1/2), and 16^(1/2) is the square root of 16.",
        "2^3 = 8. Multiply it by what you found for 16^(-1/2).",
    ]


PARAMETERS, BYTES_FLOAT32 = 1.3e9, 4


def forgot_bytes():
    return PARAMETERS / 1e9


def counted_bits():
    return PARAMETERS * 32 / 1e9


def divided_by_a_million():
    return PARAMETERS * BYTES_FLOAT32 / 1e6


def binary_gigabytes():
    return PARAMETERS * BYTES_FLOAT32 / 2**30


@checkpoint("fd.sci-notation.model-memory", concepts=["fd.sci-notation"], kind="numeric")
class ModelMemory:
    """A language model has `1.3e9` parameters, stored in float32 (4 bytes each). How many
    gigabytes do its weights take? Use 1 GB = $10^{9}$ bytes, and type the number of
    gigabytes only, without the unit.
    """

    decimals = 1

    def solve():
        return PARAMETERS * BYTES_FLOAT32 / 1e9

    misconceptions = [
        Misconception(
            "forgot-bytes",
            forgot_bytes,
            "counted one byte per parameter",
            "Each parameter is one float32 number, and a float32 takes 4 bytes: the memory is "
            "the parameter count times the bytes per parameter.",
            revisit="fd.exponents#how-big-is-a-model",
        ),
        Misconception(
            "counted-bits",
            counted_bits,
            "used 32 bytes per parameter: float32 has 32 bits, which is 4 bytes",
            "The 32 in float32 counts bits; a byte is 8 bits, so a float32 takes 32 / 8 = 4 bytes.",
            revisit="fd.exponents#how-big-is-a-model",
        ),
        Misconception(
            "divided-by-a-million",
            divided_by_a_million,
            "divided by 10^6, which gives megabytes, not gigabytes",
            "Giga means 10^9. 1.3e9 x 4 = 5.2e9 bytes; dividing by 10^9 subtracts 9 from the "
            "exponent.",
            revisit="fd.exponents#scientific-notation",
        ),
        Misconception(
            "binary-gigabytes",
            binary_gigabytes,
            "divided by 2^30 (a gibibyte, GiB) instead of 10^9",
            "2^30 = 1,073,741,824 bytes is a GiB, which some tools report. The question uses "
            "1 GB = 10^9 bytes.",
            revisit="fd.exponents#how-big-is-a-model",
        ),
    ]
    hints = [
        "Bytes = parameters x bytes per parameter = 1.3e9 x 4.",
        "Multiply the leading numbers and keep the power of ten: 5.2 x 10^9 bytes. Now divide "
        "by 10^9.",
    ]


_PREDICT_CODE = """print(-2**2)
print(4**-1)
print(3 ^ 2)
"""


@checkpoint("fd.exponents.predict-python", concepts=["fd.exponents"], kind="predict")
class PredictPython:
    """What does this cell print? Predict it before you run it, then set `answer` to the text:
    one line per `print`, each number as Python prints it (a float with its decimal point,
    `0.5`; a whole number without, `7`).

    ```python
    print(-2**2)
    print(4**-1)
    print(3 ^ 2)
    ```
    """

    code = _PREDICT_CODE
    misconceptions = [
        Misconception(
            "minus-first",
            "print(4)\nprint(0.25)\nprint(1)\n",
            "applied the minus before the power",
            "In Python, ** binds tighter than a minus in front of it: -2**2 is -(2**2). "
            "Write (-2)**2 for the square of -2.",
            revisit="fd.exponents#when-the-result-looks-wrong",
        ),
        Misconception(
            "caret-is-power",
            "print(-4)\nprint(0.25)\nprint(9)\n",
            "read ^ as a power",
            "In Python, ^ is bitwise XOR, not a power: it compares the two numbers' binary "
            "digits (11 and 10) and keeps those that differ (01). The power operator is **.",
            revisit="fd.exponents#when-the-result-looks-wrong",
        ),
        Misconception(
            "read-as-math",
            "print(4)\nprint(0.25)\nprint(9)\n",
            "read the cell as school math: the minus first and ^ as a power",
            "Two Python rules differ from the notation on paper: ** binds tighter than a "
            "minus in front of it, so -2**2 is -(2**2); and ^ is bitwise XOR, not a power "
            "(the power operator is **).",
            revisit="fd.exponents#when-the-result-looks-wrong",
        ),
        Misconception(
            "negative-exponent-as-sign",
            "print(-4)\nprint(-4)\nprint(1)\n",
            "read the negative exponent as a minus sign",
            "4**-1 is one over 4, a positive number: a negative exponent means 'one over'.",
            revisit="fd.exponents#powers-and-their-rules",
        ),
    ]
    hints = [
        "Which comes first in -2**2: the minus or the power?",
        "In Python, ^ is not the power operator. 3 is 0b11 and 2 is 0b10.",
    ]
