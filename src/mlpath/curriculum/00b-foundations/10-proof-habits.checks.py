"""Checkpoints for the lesson "Proof habits: definitions, counterexamples, small cases"
(10-proof-habits.md).

The first quick checkpoint (`fd.proof-habits.one-counterexample`) is the placement question for
fd.proof-habits.
"""

from mlpath.grade import Misconception, checkpoint

_EXAMPLE_PROVES = "a = 0, b = 5 gives 25 on both sides, so the claim is true."
_COUNTEREXAMPLE = "a = 1, b = 1 gives 4 on the left and 2 on the right, so the claim is false."
_NEEDS_PROOF = "No single check settles it: a claim about all numbers needs a proof either way."
_MAJORITY = "Try 100 random pairs: if most of them agree, the claim is true."


def chose_example_proves():
    return _EXAMPLE_PROVES


def chose_needs_proof():
    return _NEEDS_PROOF


def chose_majority():
    return _MAJORITY


@checkpoint("fd.proof-habits.one-counterexample", concepts=["fd.proof-habits"], kind="choice")
class OneCounterexample:
    """A colleague claims that $(a + b)^2 = a^2 + b^2$ for **all** numbers $a$ and $b$. Which
    statement is right?

    a) a = 0, b = 5 gives 25 on both sides, so the claim is true.
    b) a = 1, b = 1 gives 4 on the left and 2 on the right, so the claim is false.
    c) No single check settles it: a claim about all numbers needs a proof either way.
    d) Try 100 random pairs: if most of them agree, the claim is true.

    Set `answer` to the letter of your choice.
    """

    options = [_EXAMPLE_PROVES, _COUNTEREXAMPLE, _NEEDS_PROOF, _MAJORITY]

    def solve():
        return _COUNTEREXAMPLE

    misconceptions = [
        Misconception(
            "example-proves",
            chose_example_proves,
            "took one agreeing example as a proof",
            "A claim about all numbers is not shown by one case that works (a = 0 hides the "
            "cross term 2ab). It is refuted by one case that fails: look for one.",
            revisit="fd.proof-habits#habit-3-one-counterexample-settles-it",
        ),
        Misconception(
            "counterexample-not-enough",
            chose_needs_proof,
            "thought a counterexample cannot refute a general claim",
            "'For all a and b' is false as soon as one pair breaks it. Proving a general claim "
            "needs an argument; refuting it needs only one failing case.",
            revisit="fd.proof-habits#habit-3-one-counterexample-settles-it",
        ),
        Misconception(
            "majority-vote",
            chose_majority,
            "let most cases outvote the failing ones",
            "A 'for all' claim has no vote: one failing pair makes it false, however many pairs "
            "agree. Random pairs would all fail here anyway, except where ab = 0.",
            revisit="fd.proof-habits#habit-3-one-counterexample-settles-it",
        ),
    ]
    hints = ["Compute both sides for a = 1, b = 1."]


def _is_prime(n):
    return n >= 2 and all(n % d != 0 for d in range(2, int(n**0.5) + 1))


def _first_composite(exponents):
    return next(2**p - 1 for p in exponents if not _is_prime(2**p - 1))


def counted_every_exponent():
    return float(_first_composite(range(2, 20)))


def counted_one_as_prime():
    return float(_first_composite(range(1, 20)))


def gave_the_exponent():
    return float(next(p for p in range(2, 20) if _is_prime(p) and not _is_prime(2**p - 1)))


@checkpoint("fd.proof-habits.mersenne", concepts=["fd.proof-habits"], kind="numeric")
class Mersenne:
    """Claim: "for every prime $p$, the number $2^p - 1$ is prime too." The first primes
    ($p = 2, 3, 5, 7$) give 3, 7, 31 and 127, all prime. Find the smallest counterexample by
    running code, and set `answer` to the number $2^p - 1$ that is **not** prime (not $p$),
    in digits as Python prints it (no thousands separator).
    """

    decimals = 0

    def solve():
        return float(
            next(2**p - 1 for p in range(2, 20) if _is_prime(p) and not _is_prime(2**p - 1))
        )

    misconceptions = [
        Misconception(
            "exponent-not-prime",
            counted_every_exponent,
            "tried an exponent p that is not prime",
            "The claim only speaks about prime p. An exponent such as 4 or 6 is not a prime, so "
            "2**p - 1 for it says nothing about the claim: check the definition before you "
            "count a case.",
            revisit="fd.proof-habits#habit-1-pin-down-the-definitions",
        ),
        Misconception(
            "p-equals-one",
            counted_one_as_prime,
            "tried p = 1, which is not a prime",
            "A prime is a whole number of at least 2 with no divisors but 1 and itself, so "
            "p = 1 is not a case of the claim: that 2**1 - 1 = 1 is not prime says nothing "
            "about it.",
            revisit="fd.proof-habits#habit-3-one-counterexample-settles-it",
        ),
        Misconception(
            "gave-p",
            gave_the_exponent,
            "gave the prime p instead of the number 2**p - 1",
            "You found the right p. The counterexample asked for is the number 2**p - 1 that "
            "fails to be prime.",
            revisit="fd.proof-habits#habit-3-one-counterexample-settles-it",
        ),
    ]
    hints = [
        "Loop over p = 2, 3, 4, ...; skip p that are not prime (use the lesson's is_prime).",
        "For each prime p, test is_prime(2**p - 1); stop at the first False.",
    ]


_PROVED = "The claim holds: 1,000 cases without a counterexample are enough evidence."
_AWKWARD = "Add the awkward inputs the draws never produce: c = 0, negative c, and lists with ties."
_MORE = "Draw 100,000 more cases the same way: if none fails, the claim is proved."


def chose_proved():
    return _PROVED


def chose_more_of_the_same():
    return _MORE


@checkpoint("fd.proof-habits.friendly-inputs", concepts=["fd.proof-habits"], kind="choice")
class FriendlyInputs:
    """You test the claim "multiplying every score by the same number $c$ never changes the
    argmax" on 1,000 random cases: lists of 5 random floats, and $c$ drawn uniformly between 0
    and 1. No case breaks it. What should you do next?

    a) The claim holds: 1,000 cases without a counterexample are enough evidence.
    b) Add the awkward inputs the draws never produce: c = 0, negative c, and lists with ties.
    c) Draw 100,000 more cases the same way: if none fails, the claim is proved.

    Set `answer` to the letter of your choice.
    """

    options = [_PROVED, _AWKWARD, _MORE]

    def solve():
        return _AWKWARD

    misconceptions = [
        Misconception(
            "cases-prove",
            chose_proved,
            "took many passing cases as a proof",
            "No number of passing cases proves a 'for every' claim, and these cases all share "
            "one property: c is positive. Which values of c did the draws never produce?",
            revisit="fd.proof-habits#habit-3-one-counterexample-settles-it",
        ),
        Misconception(
            "more-of-the-same",
            chose_more_of_the_same,
            "drew more cases from the same friendly range",
            "More draws between 0 and 1 never produce c = 0 or a negative c, which is exactly "
            "where the scaling claim breaks. Widen what you test, not only how much.",
            revisit="fd.proof-habits#habit-4-a-simple-proof",
        ),
    ]
    hints = ["In the lesson's proof, which values of c can flip an inequality?"]
