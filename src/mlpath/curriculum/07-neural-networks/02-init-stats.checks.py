"""Checkpoints for the lesson "Initialisation: keeping activations and gradients alive through
depth" (02-init-stats.md)."""

import numpy as np

from mlpath.grade import Misconception, checkpoint

_STARTER = '''import numpy as np


def init_std(n_in, n_out, activation):
    """The standard deviation to draw a dense layer's weights with."""
    if activation == "relu":
        return 2 / n_in
    return 1 / n_in
'''


def init_std_variance(n_in, n_out, activation):
    if activation == "relu":
        return 2 / n_in
    return 1 / n_in


def init_std_fan_out(n_in, n_out, activation):
    if activation == "relu":
        return float(np.sqrt(2 / n_out))
    return float(np.sqrt(1 / n_out))


def init_std_swapped(n_in, n_out, activation):
    if activation == "relu":
        return float(np.sqrt(1 / n_in))
    return float(np.sqrt(2 / n_in))


def init_std_no_relu_factor(n_in, n_out, activation):
    return float(np.sqrt(1 / n_in))


def init_std_glorot(n_in, n_out, activation):
    if activation == "relu":
        return float(np.sqrt(2 / n_in))
    return float(np.sqrt(2 / (n_in + n_out)))


def init_std_factor_outside_root(n_in, n_out, activation):
    if activation == "relu":
        return float(2 / np.sqrt(n_in))
    return float(1 / np.sqrt(n_in))


@checkpoint("nn.init-stats.fix-init-std", concepts=["nn.init-stats"], kind="fix")
class FixInitStd:
    """`init_std(n_in, n_out, activation)` should return the standard deviation to draw the
    weights of a dense layer with `n_in` inputs and `n_out` outputs, by the lesson's rule:
    He's for `activation == "relu"`, LeCun's $1/\\sqrt{n_\\text{in}}$ for `"tanh"` (the lesson's
    fan-in rule, not Glorot's average of inputs and outputs). It is used
    as `rng.normal(0, init_std(n_in, n_out, activation), size=(n_in, n_out))`, and a
    ten-layer network initialised with it has activations that vanish before the last layer.

    The starter code has a bug: fix it.
    """

    function = "init_std"
    starter = _STARTER
    rtol, atol = 1e-6, 1e-9

    def reference(n_in, n_out, activation):
        if activation == "relu":
            return float(np.sqrt(2 / n_in))
        return float(np.sqrt(1 / n_in))

    def cases(rng):
        out = []
        for activation in ("relu", "tanh", "relu", "tanh", "relu"):
            n_in, n_out = (int(v) for v in rng.choice([16, 32, 50, 64, 100, 300], 2, False))
            out.append((n_in, n_out, activation))
        return out

    edge_cases = [(100, 10, "relu"), (64, 32, "tanh")]
    hidden = 1
    misconceptions = [
        Misconception(
            "variance-as-std",
            init_std_variance,
            "returned the variance, 2 / n_in, where the standard deviation belongs",
            "The rule is about the variance: Var(w) = 2 / n_in for ReLU, 1 / n_in for tanh. "
            "rng.normal's second argument is the standard deviation, the square root of the "
            "variance. With n_in = 100, 2 / n_in = 0.02 is seven times too small, and each "
            "layer shrinks the signal about seven-fold.",
            revisit="nn.init-stats#a-scale-passed-as-a-variance",
            fix="return `np.sqrt(2 / n_in)` for ReLU and `np.sqrt(1 / n_in)` for tanh.",
        ),
        Misconception(
            "fan-out",
            init_std_fan_out,
            "divided by the number of outputs, n_out, instead of the number of inputs",
            "Each unit sums n_in terms w_i x_i, one per input, so its variance is n_in times "
            "Var(w) Var(x). The number that cancels it is n_in.",
            revisit="nn.init-stats#the-idea-a-sum-of-n-terms-adds-n-variances",
        ),
        Misconception(
            "swapped",
            init_std_swapped,
            "gave tanh He's factor 2 and ReLU none",
            "The factor 2 makes up for ReLU zeroing half of its inputs, which halves the mean "
            "square it passes on. tanh is close to the identity near 0 and needs no factor: "
            "He for ReLU, LeCun for tanh.",
            revisit="nn.init-stats#the-idea-a-sum-of-n-terms-adds-n-variances",
        ),
        Misconception(
            "no-relu-factor",
            init_std_no_relu_factor,
            "used 1 / sqrt(n_in) for ReLU as well",
            "A ReLU layer passes on only half the mean square it receives, so with "
            "1 / sqrt(n_in) the root mean square shrinks by a factor sqrt(2) at every layer. "
            "ReLU needs twice the variance: sqrt(2 / n_in).",
            revisit="nn.init-stats#vanishing-and-exploding-gradients-measured",
        ),
        Misconception(
            "glorot-average",
            init_std_glorot,
            "used Glorot's average of n_in and n_out for tanh",
            "Glorot's (Xavier's) full rule, Var(w) = 2 / (n_in + n_out), is a real one, but "
            "this checkpoint asks for the lesson's rule, which counts only the inputs a unit "
            "sums over: Var(w) = 1 / n_in for tanh. The two agree only when n_in = n_out.",
            revisit="nn.init-stats#the-idea-a-sum-of-n-terms-adds-n-variances",
        ),
        Misconception(
            "factor-outside-root",
            init_std_factor_outside_root,
            "multiplied the standard deviation by 2 for ReLU instead of the variance",
            "ReLU needs twice the variance, Var(w) = 2 / n_in. The standard deviation is its "
            "square root, so the factor on it is sqrt(2), not 2: your weights are sqrt(2) "
            "times too large, and the activations grow by sqrt(2) at every layer.",
            revisit="nn.init-stats#the-idea-a-sum-of-n-terms-adds-n-variances",
        ),
    ]
    hints = [
        "Is 2 / n_in a variance or a standard deviation? What does rng.normal's scale mean?",
        "The standard deviation is the square root of the variance.",
    ]


_LAYERS = 20


def depth_variance_ratio():
    return 2.0**_LAYERS


def depth_no_halving():
    return 1.0


def depth_inverted():
    return 2.0 ** -(_LAYERS / 2)


@checkpoint("nn.init-stats.relu-depth", concepts=["nn.init-stats"], kind="numeric")
class ReluDepth:
    """A network of 20 ReLU layers, each $n$ units wide, without biases, draws every weight with
    standard deviation $1/\\sqrt{n}$: Xavier's scale instead of He's. Its inputs have root mean
    square 1. Use the lesson's rule, on average and without simulating: a layer multiplies the
    mean square by $n \\operatorname{Var}(w)$, and each ReLU halves it. How many times smaller
    than the inputs' is the root mean square of layer 20's outputs? Set `answer` to that factor.
    """

    decimals = 0

    def solve():
        return float(np.sqrt(2.0**_LAYERS))

    misconceptions = [
        Misconception(
            "mean-square-ratio",
            depth_variance_ratio,
            "gave the factor for the mean square (2^20), not for its root",
            "Each layer halves the mean square, so after 20 layers it is 2^20 times smaller. "
            "The root mean square is its square root: take the square root of that factor.",
            revisit="nn.init-stats#ten-tanh-layers-at-three-scales",
        ),
        Misconception(
            "no-halving",
            depth_no_halving,
            "kept the scale unchanged, as if 1/sqrt(n) were right for ReLU",
            "1/sqrt(n) keeps the variance of the sum a = x W, but the ReLU after it zeroes "
            "half of the values and halves the mean square, at each of the 20 layers.",
            revisit="nn.init-stats#the-idea-a-sum-of-n-terms-adds-n-variances",
        ),
        Misconception(
            "inverted",
            depth_inverted,
            "gave the share that is left (1/1024), not how many times smaller it is",
            "Your number is the output's root mean square divided by the input's, a number "
            "below 1. The question asks for the factor it shrank by, the input's divided by "
            "the output's: a number above 1.",
            revisit="nn.init-stats#vanishing-and-exploding-gradients-measured",
            fix="answer 1 / (your number).",
        ),
    ]
    hints = [
        "With Var(w) = 1/n, the sum keeps the mean square; the ReLU halves it. Per layer: 1/2.",
        "After 20 layers the mean square is (1/2)^20 of the input's; the root mean square?",
    ]


_ZERO_OPTIONS = [
    "the hidden units learn different features once the biases have moved",
    "all 32 hidden units learn, but stay equal to each other",
    "only b2 ever changes: no gradient reaches W1, b1 or W2",
    "nothing at all changes, b2 included, and the loss stays at ln 10",
]


def zero_biases_break_it():
    return _ZERO_OPTIONS[0]


def zero_symmetric_learning():
    return _ZERO_OPTIONS[1]


def zero_nothing_moves():
    return _ZERO_OPTIONS[3]


@checkpoint("nn.init-stats.all-zero", concepts=["nn.init-stats", "nn.mlp"], kind="choice")
class AllZero:
    """You start module 6's digits network, $H = \\operatorname{relu}(X W_1 + \\mathbf{b}_1)$,
    $Z = H W_2 + \\mathbf{b}_2$, with every weight and every bias equal to **0**, and train it
    by gradient descent on the mean cross-entropy. What happens?

    a) the hidden units learn different features once the biases have moved
    b) all 32 hidden units learn, but stay equal to each other
    c) only b2 ever changes: no gradient reaches W1, b1 or W2
    d) nothing at all changes, b2 included, and the loss stays at ln 10

    Set `answer` to the letter of your choice.
    """

    options = _ZERO_OPTIONS

    def solve():
        return _ZERO_OPTIONS[2]

    misconceptions = [
        Misconception(
            "biases-break-symmetry",
            zero_biases_break_it,
            "expected the biases to break the symmetry",
            "b1 starts equal for every unit and gets the same gradient for every unit, as "
            "the weights do: equal units stay equal. Here it is worse still: follow the "
            "gradient of W2, which is H^T times dZ, when H is 0.",
            revisit="nn.init-stats#all-weights-equal-symmetry-that-never-breaks",
        ),
        Misconception(
            "zero-is-like-any-constant",
            zero_symmetric_learning,
            "treated 0 like any other equal starting value",
            "With 0.1 everywhere the units learn in lockstep. With 0, H = relu(0) = 0 for "
            "every image, so W2's gradient H^T dZ is 0, and the gradient sent back to H, "
            "dZ W2^T, is 0 because W2 is 0: W1 and b1 get nothing either.",
            revisit="nn.init-stats#all-weights-equal-symmetry-that-never-breaks",
        ),
        Misconception(
            "nothing-moves",
            zero_nothing_moves,
            "forgot that b2's gradient does not pass through any weight",
            "b2 is added right before the softmax, so its gradient is the mean of dZ = P - Y "
            "over the rows, which is not 0: b2 learns how often each digit occurs, and the "
            "loss falls a little below ln 10. Everything before it stays stuck.",
            revisit="nn.init-stats#all-weights-equal-symmetry-that-never-breaks",
        ),
    ]
    hints = [
        "Compute H at the start. What is W2's gradient, H^T dZ, then?",
        "The gradient that reaches H is dZ W2^T. What is it while W2 is 0?",
    ]
