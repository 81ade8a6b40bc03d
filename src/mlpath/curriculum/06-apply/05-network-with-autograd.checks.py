"""Checkpoints for the lesson "A neural network trained with autograd"
(05-network-with-autograd.md)."""

import numpy as np

from mlpath.grade import Misconception, checkpoint

_PREDICT_CODE = """from mlpath.toolkit.autograd import Tensor

w = Tensor(3.0)
for step in range(2):
    loss = w * w + w
    loss.backward()
    print(w.grad)
w.zero_grad()
loss = w * w + w
loss.backward()
print(w.grad)
"""


@checkpoint("nn.training-loop.predict-accumulate", concepts=["nn.training-loop"], kind="predict")
class PredictAccumulate:
    """What does this cell print? Predict it before you run it, then set `answer` to the text:
    one line per `print`, each number as Python prints a float (with its decimal point: `5.0`,
    not `5`).

    ```python
    from mlpath.toolkit.autograd import Tensor

    w = Tensor(3.0)
    for step in range(2):
        loss = w * w + w
        loss.backward()
        print(w.grad)
    w.zero_grad()
    loss = w * w + w
    loss.backward()
    print(w.grad)
    ```
    """

    code = _PREDICT_CODE
    misconceptions = [
        Misconception(
            "backward-resets",
            "print(7.0)\nprint(7.0)\nprint(7.0)\n",
            "expected each backward() to replace the old gradient",
            "backward() adds each new gradient to what is already in .grad; only zero_grad() "
            "clears it. The second backward() finds 7 there and adds 7 more: 14. That is why "
            "a training loop zeroes the gradients before every backward().",
            revisit="nn.training-loop#gradients-that-pile-up",
        ),
        Misconception(
            "one-path",
            "print(4.0)\nprint(8.0)\nprint(4.0)\n",
            "counted w only once in w * w, giving a slope of w + 1 = 4",
            "w * w uses w twice, and backward() sends a gradient along both uses: w from one "
            "and w from the other, 2w in all. With the + w, the slope of w * w + w is "
            "2w + 1 = 7 at w = 3.",
            revisit="nn.training-loop#one-call-computes-every-gradient",
        ),
    ]
    hints = [
        "The slope of w * w + w is 2w + 1. What is it at w = 3?",
        "Does backward() replace .grad or add to it? What does zero_grad() do?",
    ]


_STARTER = """import numpy as np
from mlpath.toolkit.autograd import Tensor


def train(X, Y, W1, b1, W2, b2, lr, steps):
    ...
"""


# The variants are graded like a learner's file, so each is self-contained.
def train_no_zero_grad(X, Y, W1, b1, W2, b2, lr, steps):
    from mlpath.toolkit.autograd import Tensor

    params = [Tensor(np.array(p, dtype=float)) for p in (W1, b1, W2, b2)]
    losses = []
    for _ in range(steps):
        Z = (Tensor(X) @ params[0] + params[1]).relu() @ params[2] + params[3]
        Z = Z - Z.data.max(axis=1, keepdims=True)
        loss = -((Z - Z.exp().sum(axis=1, keepdims=True).log()) * Y).sum(axis=1).mean()
        loss.backward()
        for p in params:
            p.data -= lr * p.grad
        losses.append(float(loss.data))
    return np.array(losses)


def train_zeroed_after_backward(X, Y, W1, b1, W2, b2, lr, steps):
    from mlpath.toolkit.autograd import Tensor

    params = [Tensor(np.array(p, dtype=float)) for p in (W1, b1, W2, b2)]
    losses = []
    for _ in range(steps):
        Z = (Tensor(X) @ params[0] + params[1]).relu() @ params[2] + params[3]
        Z = Z - Z.data.max(axis=1, keepdims=True)
        loss = -((Z - Z.exp().sum(axis=1, keepdims=True).log()) * Y).sum(axis=1).mean()
        loss.backward()
        for p in params:
            p.zero_grad()
            p.data -= lr * p.grad
        losses.append(float(loss.data))
    return np.array(losses)


def train_sign_flipped(X, Y, W1, b1, W2, b2, lr, steps):
    from mlpath.toolkit.autograd import Tensor

    params = [Tensor(np.array(p, dtype=float)) for p in (W1, b1, W2, b2)]
    losses = []
    for _ in range(steps):
        Z = (Tensor(X) @ params[0] + params[1]).relu() @ params[2] + params[3]
        Z = Z - Z.data.max(axis=1, keepdims=True)
        loss = -((Z - Z.exp().sum(axis=1, keepdims=True).log()) * Y).sum(axis=1).mean()
        for p in params:
            p.zero_grad()
        loss.backward()
        for p in params:
            p.data += lr * p.grad
        losses.append(float(loss.data))
    return np.array(losses)


def train_weights_only(X, Y, W1, b1, W2, b2, lr, steps):
    from mlpath.toolkit.autograd import Tensor

    params = [Tensor(np.array(p, dtype=float)) for p in (W1, b1, W2, b2)]
    losses = []
    for _ in range(steps):
        Z = (Tensor(X) @ params[0] + params[1]).relu() @ params[2] + params[3]
        Z = Z - Z.data.max(axis=1, keepdims=True)
        loss = -((Z - Z.exp().sum(axis=1, keepdims=True).log()) * Y).sum(axis=1).mean()
        for p in params:
            p.zero_grad()
        loss.backward()
        for p in (params[0], params[2]):
            p.data -= lr * p.grad
        losses.append(float(loss.data))
    return np.array(losses)


def train_summed_loss(X, Y, W1, b1, W2, b2, lr, steps):
    from mlpath.toolkit.autograd import Tensor

    params = [Tensor(np.array(p, dtype=float)) for p in (W1, b1, W2, b2)]
    losses = []
    for _ in range(steps):
        Z = (Tensor(X) @ params[0] + params[1]).relu() @ params[2] + params[3]
        Z = Z - Z.data.max(axis=1, keepdims=True)
        loss = -((Z - Z.exp().sum(axis=1, keepdims=True).log()) * Y).sum()
        for p in params:
            p.zero_grad()
        loss.backward()
        for p in params:
            p.data -= lr * p.grad
        losses.append(float(loss.data))
    return np.array(losses)


def _case(rng, n, n_in, n_hidden, n_out, steps):
    X = rng.normal(size=(n, n_in))
    Y = np.zeros((n, n_out))
    Y[np.arange(n), rng.integers(0, n_out, size=n)] = 1.0
    W1 = rng.normal(0, 1 / np.sqrt(n_in), size=(n_in, n_hidden))
    b1 = rng.normal(0, 0.5, size=n_hidden)
    W2 = rng.normal(0, 1 / np.sqrt(n_hidden), size=(n_hidden, n_out))
    b2 = rng.normal(0, 0.5, size=n_out)
    return X, Y, W1, b1, W2, b2, float(rng.choice([0.5, 1.0])), steps


@checkpoint("nn.training-loop.train", concepts=["nn.training-loop", "nn.mlp"])
class Train:
    """Write `train(X, Y, W1, b1, W2, b2, lr, steps)`: train the lesson's two-layer network by
    full-batch gradient descent, and return the loss of every step.

    The network and loss are the lesson's: $A = X W_1 + \\mathbf{b}_1$,
    $H = \\operatorname{relu}(A)$, $Z = H W_2 + \\mathbf{b}_2$, and the mean cross-entropy of
    $\\operatorname{softmax}(Z)$ against the one-hot `Y`. The arguments are NumPy arrays (the
    starting parameters), the learning rate `lr` and the number of `steps`. Each step uses
    all the rows of `X`: compute the loss, compute the gradients of all four parameters, and
    move each parameter by `lr` times its gradient, downhill. Return an array of `steps`
    losses, each computed *before* that step's update (the first one is the loss at the
    start).

    Use the course's `Tensor` (`from mlpath.toolkit.autograd import Tensor`), as in the lesson,
    or any other way that computes the right gradients.
    """

    function = "train"
    starter = _STARTER
    rtol = 1e-6
    atol = 1e-9

    def reference(X, Y, W1, b1, W2, b2, lr, steps):
        from mlpath.toolkit.autograd import Tensor

        params = [Tensor(np.array(p, dtype=float)) for p in (W1, b1, W2, b2)]
        losses = []
        for _ in range(steps):
            Z = (Tensor(X) @ params[0] + params[1]).relu() @ params[2] + params[3]
            Z = Z - Z.data.max(axis=1, keepdims=True)
            loss = -((Z - Z.exp().sum(axis=1, keepdims=True).log()) * Y).sum(axis=1).mean()
            for p in params:
                p.zero_grad()
            loss.backward()
            for p in params:
                p.data -= lr * p.grad
            losses.append(float(loss.data))
        return np.array(losses)

    def cases(rng):
        sizes = [(6, 3, 4, 3, 4), (8, 4, 5, 3, 5), (10, 5, 4, 4, 4), (9, 3, 6, 3, 6)]
        return [_case(rng, *size) for size in sizes]

    edge_cases = [
        (
            np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]),
            np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0]]),
            np.array([[0.5, -0.5, 0.2], [0.3, 0.8, -0.4]]),
            np.array([0.1, 0.1, 0.1]),
            np.array([[1.0, -1.0], [0.5, 0.5], [-0.3, 0.2]]),
            np.array([0.2, 0.0]),
            1.0,
            3,
        ),
    ]
    hidden = 1
    misconceptions = [
        Misconception(
            "no-zero-grad",
            train_no_zero_grad,
            "never zeroed the gradients, so each backward() added to the last",
            "backward() adds to .grad. Without zero_grad() before it, step t updates with "
            "the sum of all t gradients so far. Call p.zero_grad() for every parameter "
            "before loss.backward().",
            revisit="nn.training-loop#gradients-that-pile-up",
        ),
        Misconception(
            "zeroed-after-backward",
            train_zeroed_after_backward,
            "zeroed the gradients after backward(), before the update, so nothing moved",
            "The order matters: zero, then backward, then update. Zeroing between backward() "
            "and the update throws the new gradients away, and every step updates by 0.",
            revisit="nn.training-loop#the-training-loop-five-steps",
        ),
        Misconception(
            "sign-flipped",
            train_sign_flipped,
            "added lr * grad instead of subtracting it, so the loss climbs",
            "The gradient points uphill, towards a larger loss. Gradient descent steps the "
            "other way: p.data -= lr * p.grad.",
            revisit="nn.training-loop#the-training-loop-five-steps",
        ),
        Misconception(
            "weights-only",
            train_weights_only,
            "updated W1 and W2 but never the biases b1 and b2",
            "The biases are parameters too: backward() fills b1.grad and b2.grad, and the "
            "update step must move all four. Loop over a list of every parameter.",
            revisit="nn.training-loop#the-training-loop-five-steps",
        ),
        Misconception(
            "summed-loss",
            train_summed_loss,
            "summed the rows' losses instead of taking their mean",
            "The loss is the *mean* cross-entropy over the rows. The sum is n times larger, "
            "and so is every gradient: each step is n times too long, as if the learning rate "
            "grew with the batch. End the loss with .mean() over the rows (or divide the sum "
            "by n).",
            revisit="nn.training-loop#the-network-two-dense-layers-and-a-relu",
        ),
    ]
    hints = [
        "Wrap the four arrays in Tensors once, before the loop: they are what the steps update.",
        "In each step: Z = forward(...), loss = cross_entropy(Z, Y); zero every .grad; "
        "loss.backward(); p.data -= lr * p.grad for every p; keep float(loss.data).",
    ]
