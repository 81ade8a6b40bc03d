"""Checkpoints for the lesson "Activations: ReLU, GELU, tanh, sigmoid and their slopes"
(01-activations.md)."""

import math

import numpy as np

from mlpath.grade import Misconception, checkpoint


def count_dead_per_image(H):
    return int(np.sum(np.all(H == 0, axis=1)))


def count_dead_entries(H):
    return int(np.sum(H == 0))


def count_dead_any_image(H):
    return int(np.sum(np.any(H == 0, axis=0)))


def count_dead_fraction(H):
    return float(np.mean(np.all(H == 0, axis=0)))


def _hidden(rng, n, units, n_dead, n_quiet_rows):
    """ReLU outputs with `n_dead` dead columns and `n_quiet_rows` rows where no unit fires."""
    A = rng.normal(0.3, 1.0, size=(n, units))
    A[:, rng.choice(units, size=n_dead, replace=False)] -= 10.0  # off for every row
    A[rng.choice(n, size=n_quiet_rows, replace=False)] = -1.0  # rows with every unit off
    return (np.maximum(A, 0.0),)


@checkpoint("nn.activations.count-dead", concepts=["nn.activations"])
class CountDead:
    """Write `count_dead(H)`: `H` holds the outputs of a ReLU layer on a batch, one row per
    input and one column per unit, shape `(n, units)`. Return how many units are **dead** on
    this batch: units whose output is 0 for every input. Return a whole number.
    """

    function = "count_dead"
    starter = "import numpy as np\n\n\ndef count_dead(H):\n    ...\n"

    def reference(H):
        return int(np.sum(np.all(H == 0, axis=0)))

    def cases(rng):
        return [
            _hidden(rng, 12, 6, 2, 1),
            _hidden(rng, 20, 8, 3, 2),
            _hidden(rng, 15, 10, 1, 3),
            _hidden(rng, 30, 7, 4, 0),
        ]

    edge_cases = [
        (
            np.array(
                [
                    [0.0, 1.5, 0.0, 0.2],
                    [0.0, 0.0, 0.0, 0.0],
                    [0.0, 2.0, 0.0, 0.0],
                ]
            ),
        ),
    ]
    hidden = 1
    misconceptions = [
        Misconception(
            "per-image",
            count_dead_per_image,
            "counted the inputs (rows) on which no unit fires, not the dead units (columns)",
            "A unit is a column of H, and it is dead when its whole column is 0: the check "
            "runs down the rows, over the inputs. Your count ran along each row instead, so it "
            "counted inputs on which every unit was off, a harmless thing.",
            revisit="nn.activations#a-loss-stuck-at-ln-10",
            fix="`np.all(H == 0, axis=0)` marks each column; sum that.",
        ),
        Misconception(
            "zero-entries",
            count_dead_entries,
            "counted every zero output, not the units that are zero for every input",
            "A healthy ReLU unit outputs 0 for many of its inputs; that is not death. A unit "
            "is dead only when its output is 0 for every row of the batch: "
            "check a whole column at once, then count the columns.",
            revisit="nn.activations#dead-relus-on-digits",
        ),
        Misconception(
            "off-for-some-input",
            count_dead_any_image,
            "counted units that are zero for some input, not for every input",
            "Being off for some inputs is what a ReLU unit normally does. Dead means off for "
            "all of them: the test is 'every entry of the column is 0', not 'some entry is'.",
            revisit="nn.activations#dead-relus-on-digits",
        ),
        Misconception(
            "fraction",
            count_dead_fraction,
            "returned the fraction of dead units instead of their number",
            "The question asks how many units are dead: sum the True values (a count), "
            "rather than taking their mean (a share).",
            revisit="nn.activations#dead-relus-on-digits",
        ),
    ]
    hints = [
        "A unit is a column. Which axis runs over the inputs?",
        "`np.all(H == 0, axis=0)` is True for each column that is 0 in every row; count them.",
    ]


def _gelu_parts(a):
    Phi = 0.5 * (1.0 + math.erf(a / math.sqrt(2.0)))
    phi = math.exp(-(a**2) / 2) / math.sqrt(2 * math.pi)
    return Phi, phi


_A = -1.0


def gelu_slope_cdf_only():
    return _gelu_parts(_A)[0]


def gelu_slope_value():
    return _A * _gelu_parts(_A)[0]


def gelu_slope_missing_a():
    Phi, phi = _gelu_parts(_A)
    return Phi + phi


@checkpoint(
    "nn.activations.gelu-slope",
    concepts=["nn.activations", "calc.derivative-rules"],
    kind="numeric",
)
class GeluSlope:
    """What is the slope of GELU at $a = -1$? That is $\\operatorname{gelu}'(-1)$, the
    derivative of $\\operatorname{gelu}(a) = a\\,\\Phi(a)$, where $\\Phi$ is the standard normal
    CDF. Compute it (for instance with `scipy.special.erf` or `scipy.stats.norm`) and set
    `answer` to it.
    """

    decimals = 4

    def solve():
        Phi, phi = _gelu_parts(_A)
        return Phi + _A * phi

    misconceptions = [
        Misconception(
            "cdf-only",
            gelu_slope_cdf_only,
            "gave Phi(-1), the slope as if Phi were a constant",
            "gelu(a) = a times Phi(a) is a product of two functions of a, and Phi changes with "
            "a too. The product rule gives two terms: one with the derivative of a, one with "
            "the derivative of Phi.",
            revisit="nn.activations#the-formulas-and-their-derivatives",
            fix="compute `Phi(a) + a * phi(a)` at a = -1, with phi the standard normal "
            "density `np.exp(-a**2 / 2) / np.sqrt(2 * np.pi)`.",
        ),
        Misconception(
            "value-not-slope",
            gelu_slope_value,
            "gave gelu(-1) itself, not its slope",
            "That is the activation, a * Phi(a), which the lesson's first table printed. "
            "The question asks for its derivative, the factor backpropagation multiplies by.",
            revisit="nn.activations#the-formulas-and-their-derivatives",
        ),
        Misconception(
            "missing-a",
            gelu_slope_missing_a,
            "added phi(a) where the product rule gives a * phi(a)",
            "The derivative of Phi is the density phi, and in a * Phi(a) it is multiplied by "
            "the other factor, a. At a = -1 that factor is negative, and so is the slope: GELU "
            "is still going down there, as the lesson's plot shows.",
            revisit="nn.activations#the-formulas-and-their-derivatives",
        ),
    ]
    hints = [
        "Product rule: (u v)' = u' v + u v', with u = a and v = Phi(a).",
        "The derivative of Phi is the standard normal density, "
        "phi(a) = exp(-a**2 / 2) / sqrt(2 pi).",
    ]


_X = 0.5
_WEIGHTS = (2.0, -1.5, 3.0)


def _sigmoid(a):
    return 1.0 / (1.0 + math.exp(-a))


def _chain(use):
    h, total = _X, 1.0
    for w in _WEIGHTS:
        a = w * h
        h = _sigmoid(a)
        total *= use(w, h)
    return total


def chain_slopes_only():
    return _chain(lambda w, h: h * (1 - h))


def chain_values():
    return _chain(lambda w, h: w * h)


@checkpoint(
    "nn.activations.sigmoid-chain", concepts=["nn.activations", "calc.chain-rule"], kind="numeric"
)
class SigmoidChain:
    """A chain of three sigmoid units, one per layer, with no biases: the input $x = 0.5$ goes
    through

    $$a_1 = w_1 x,\\; h_1 = \\sigma(a_1),\\quad a_2 = w_2 h_1,\\; h_2 = \\sigma(a_2),\\quad
    a_3 = w_3 h_2,\\; h_3 = \\sigma(a_3),$$

    with the weights $w_1 = 2$, $w_2 = -1.5$, $w_3 = 3$. Compute the derivative
    $\\mathrm{d}h_3 / \\mathrm{d}x$, the factor by which a gradient arriving at $h_3$ is
    multiplied on its way back to $x$. Set `answer` to it.
    """

    decimals = 4

    def solve():
        return _chain(lambda w, h: w * h * (1 - h))

    misconceptions = [
        Misconception(
            "slopes-only",
            chain_slopes_only,
            "multiplied the sigmoid slopes but left out the weights",
            "Each step back has two factors: through the sigmoid, its slope "
            "sigma(a)(1 - sigma(a)), and through a = w h, the weight w. The chain rule "
            "multiplies all six.",
            revisit="nn.activations#where-the-slope-vanishes",
        ),
        Misconception(
            "values-not-slopes",
            chain_values,
            "multiplied the sigmoid values h instead of their slopes",
            "Backpropagation multiplies by the derivative of each activation, "
            "sigma'(a) = sigma(a)(1 - sigma(a)), not by the activation sigma(a) itself. Each "
            "slope is at most 0.25, so the product should be small.",
            revisit="nn.activations#the-formulas-and-their-derivatives",
        ),
    ]
    hints = [
        "Run the chain forwards first: a1 = 1.0, then h1, a2, h2, a3.",
        "dh3/dx = sigma'(a3) w3 * sigma'(a2) w2 * sigma'(a1) w1, with "
        "sigma'(a) = sigma(a)(1 - sigma(a)).",
    ]
