"""Checkpoint kinds. Each owns how an answer is read, what it is compared with, and how a wrong
one is explained; the grader asks the kind and never switches on it.

- `implement`: the learner writes a function; it is called on cases.
- `sample`: a function that draws random numbers from a seed, graded by properties.
- `fix`: an `implement` whose starter is broken code from the lesson; the learner repairs it.
- `numeric`: one number, to a stated precision.
- `choice`: one of a few options, by letter or by text.
- `predict`: what a cell prints, line by line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np

from mlpath.errors import DefinitionError
from mlpath.grade.diagnose import Outcome, describe_args, diagnose, shape_problem
from mlpath.grade.relations import common_relation
from mlpath.grade.values import Value, numeric, same, tolerances

if TYPE_CHECKING:
    from mlpath.grade.authored import Case, Expectation
    from mlpath.grade.grader import Grader
    from mlpath.grade.model import Checkpoint

Fail = Callable[[str], DefinitionError]


class TypedAnswerError(ValueError):
    """What a learner typed cannot be read as an answer of this kind (the message says how)."""


def text_value(text: str) -> Value:
    return Value("text", text=text, type_name="str")


_AROUND_PUNCTUATION = re.compile(r"\s*([,()\[\]{}:])\s*")
_SPACES = re.compile(r"[ \t]+")


def normalise_lines(text: str) -> str:
    """Text as a prediction is compared with a cell's output: no blank lines around it, runs of
    spaces as one, none next to brackets, commas or colons, a typographic minus as "-".
    "(2,5,5)" is what Python prints as "(2, 5, 5)"; "[1 2 3]" still differs from "[12 3]"."""
    lines = [
        _AROUND_PUNCTUATION.sub(r"\1", _SPACES.sub(" ", line.replace("\u2212", "-"))).strip()
        for line in text.strip("\n").splitlines()
    ]
    return "\n".join(lines).strip()


class CheckpointKind:
    """What every kind answers; the defaults suit the one-answer kinds."""

    name: ClassVar[str]
    required: ClassVar[tuple[str, ...]] = ()
    default_starter: ClassVar[str] = "answer = ...\n"
    # What the harness reads after the learner's code: the `answer` variable, or a function.
    collects: ClassVar[str] = "answer"
    # How the web page asks for an answer: templates/_answer_<widget>.html.
    widget: ClassVar[str] = "text"
    # Whether each case is called twice, to check that the same arguments give the same result.
    repeats: ClassVar[bool] = False

    def validate(self, attributes: dict[str, Any], fail: Fail) -> None:
        """Definition rules beyond the required attributes."""

    def prompt(self, checkpoint: Checkpoint) -> str:
        """The task as the learner reads it."""
        return checkpoint.prompt

    def typed(self, checkpoint: Checkpoint, text: str) -> Value:
        """What a learner typed, as the answer it stands for (or TypedAnswerError)."""
        return text_value(text.replace("\r\n", "\n"))

    def expect(self, grader: Grader, checkpoint: Checkpoint, seeds: list[int]) -> Expectation:
        from mlpath.grade.authored import Case, Expectation

        with grader.authored(checkpoint) as author:
            expected = [author.answer("solve")]
            variants = {m.id: [author.answer(m.id)] for m in checkpoint.misconceptions}
        return Expectation([Case((), [], False)], expected, variants)

    def normalise(self, checkpoint: Checkpoint, value: Value) -> Value:
        """An answer in the form it is compared in (an option's letter as its text, ...)."""
        return value

    def matches(self, checkpoint: Checkpoint, expected: Value, got: Value) -> bool:
        return same(expected, got, checkpoint.rtol, checkpoint.atol)

    def problem(self, checkpoint: Checkpoint, case: Case, want: Outcome, got: Outcome) -> bool:
        """True when `got` is wrong for this case."""
        if got.value is None or want.value is None:
            return True
        return not self.matches(checkpoint, want.value, got.value)

    def explain(
        self, checkpoint: Checkpoint, cases: list[Case], expected: list[Outcome], got: list[Outcome]
    ) -> list[str]:
        """What is wrong with a wrong answer, without giving the right one away."""
        outcome = got[0]
        if outcome.error is not None:
            return [f"Computing your answer raised {outcome.error}."]
        assert outcome.value is not None
        return [self.wrong_answer(checkpoint, expected[0].value, outcome.value)]

    def wrong_answer(self, checkpoint: Checkpoint, expected: Value | None, got: Value) -> str:
        raise NotImplementedError

    def reference_answer(self, grader: Grader, checkpoint: Checkpoint) -> Value:
        """The right answer as a learner would give it (for the gate)."""
        expectation = grader.expectation(checkpoint)
        value = expectation.expected[0].value
        assert value is not None
        return value


PERCENT = "percent"  # a typed number that ended in %


def without_assignment(text: str) -> str:
    """`answer = -1.5` typed into a form, as the prompts say to set it: the value alone."""
    return re.sub(r"^\s*answer\s*=\s*", "", text)


class Numeric(CheckpointKind):
    """One number. `decimals` states the precision asked for; the tolerance follows from it."""

    name = "numeric"
    required = ("solve",)
    widget = "number"

    def validate(self, attributes: dict[str, Any], fail: Fail) -> None:
        decimals = attributes.get("decimals")
        if decimals is not None and (type(decimals) is not int or not 0 <= decimals <= 12):
            raise fail(f"decimals: expected a whole number from 0 to 12; got {decimals!r}")

    def prompt(self, checkpoint: Checkpoint) -> str:
        if checkpoint.decimals is None:
            return checkpoint.prompt
        places = (
            "a whole number"
            if checkpoint.decimals == 0
            else (f"{checkpoint.decimals} decimal place{'s' if checkpoint.decimals > 1 else ''}")
        )
        return f"{checkpoint.prompt}\n\nGive your answer to {places} (more digits are fine too)."

    def typed(self, checkpoint: Checkpoint, text: str) -> Value:
        cleaned = without_assignment(text).strip().replace("\u2212", "-")
        # "≈ 0.575", "~0.575", "about 0.575": the number is what is graded.
        cleaned = re.sub(
            r"^(?:≈|~|about|approximately|approx\.?)\s*(?=[-+\d.])", "", cleaned, flags=re.I
        )
        cleaned = cleaned.replace("\u2009", "").replace(" ", "")
        # Thousands separators: "3,152,384" and "1,234.5" can only be read one way.
        if re.fullmatch(r"[-+]?\d{1,3}(,\d{3}){2,}(\.\d+)?|[-+]?\d{1,3},\d{3}\.\d+", cleaned):
            cleaned = cleaned.replace(",", "")
        elif re.fullmatch(r"[-+]?\d{1,3},\d{3}", cleaned):
            raise TypedAnswerError(
                f"Write {cleaned.replace(',', '')} (without a thousands separator) or "
                f"{cleaned.replace(',', '.')} (with a decimal point): {cleaned} could be either."
            )
        elif re.fullmatch(r"[-+]?\d+,\d+", cleaned):
            raise TypedAnswerError(
                f"Use a decimal point, not a comma: write {cleaned.replace(',', '.')}."
            )
        # "3/8" for a fraction; "12.5%" is graded as 12.5 (a percentage) or as 0.125.
        percent = cleaned.endswith("%")
        cleaned = cleaned.removesuffix("%")
        fraction = re.fullmatch(r"([-+]?[\d.]+(?:e[-+]?\d+)?)/([-+]?[\d.]+(?:e[-+]?\d+)?)", cleaned)
        try:
            if fraction is not None:
                number = float(fraction[1]) / float(fraction[2])
            else:
                number = float(cleaned)
        except (ValueError, ZeroDivisionError):
            raise TypedAnswerError(
                f"Type a single number, like 2.5, -0.13 or 3/8; got {text.strip()[:40]!r}."
            ) from None
        return Value("number", array=np.array(number), type_name=PERCENT if percent else "float")

    def matches(self, checkpoint: Checkpoint, expected: Value, got: Value) -> bool:
        rtol, atol = checkpoint.rtol, checkpoint.atol
        if checkpoint.decimals is not None:
            # Half a unit in the last place asked for, plus float slack: 99.74 for 99.7438.
            rtol, atol = 1e-12, 0.5 * 10.0**-checkpoint.decimals * (1 + 1e-9)
        if got.type_name == PERCENT and got.array is not None:
            as_fraction = Value("number", array=got.array / 100, type_name="float")
            return same(expected, got, rtol, atol) or same(expected, as_fraction, rtol, atol)
        return same(expected, got, rtol, atol)

    def wrong_answer(self, checkpoint: Checkpoint, expected: Value | None, got: Value) -> str:
        if got.kind != "number" or got.array is None:
            return f"Set `answer` to a single number; got {got.describe()}."
        given = float(got.array)
        if checkpoint.decimals is not None:
            # A short answer (typed) as given: rounding 0.981 to the places asked would show a
            # right-looking 0.98. A long one (computed) to two more places than asked: 650.6.
            shown = f"{given:.12g}"
            if len(shown.lstrip("-").replace(".", "").lstrip("0")) > 6:
                shown = f"{given:.{checkpoint.decimals + 2}f}".rstrip("0").rstrip(".")
            places = {0: "as a whole number", 1: "to 1 decimal place"}.get(
                checkpoint.decimals, f"to {checkpoint.decimals} decimal places"
            )
            return f"Your answer {shown} is not right {places}."
        return f"Your answer {given:.12g} is not the expected value."


class Choice(CheckpointKind):
    """One of `options`, answered by its letter (a, b, ...) or its text."""

    name = "choice"
    required = ("solve", "options")
    widget = "choice"
    default_starter = "answer = ...  # the option's letter, e.g. 'a', or its text\n"

    def typed(self, checkpoint: Checkpoint, text: str) -> Value:
        return text_value(without_assignment(text).strip())

    def normalise(self, checkpoint: Checkpoint, value: Value) -> Value:
        """A letter ("b", "(b)", "B.", "'b'") or an option's text in any case, as the option's
        text; anything else as typed."""
        if value.kind != "text" or value.text is None:
            return value
        text = value.text.strip()
        by_text = {" ".join(option.lower().split()): option for option in checkpoint.options}
        for candidate in (text, text.strip("'\"").strip()):
            found = by_text.get(" ".join(candidate.lower().split()))
            if found is not None:
                return text_value(found)
        bare = text.strip("'\"").strip()
        letters = {chr(ord("a") + i): option for i, option in enumerate(checkpoint.options)}
        # "b) ln(a * b) = ln(a) + ln(b)": the letter with its option's text pasted after it.
        labelled = re.fullmatch(r"\(?([A-Za-z])[).:]\s+(.+)", bare)
        if labelled is not None:
            option = letters.get(labelled[1].lower())
            pasted = " ".join(labelled[2].lower().rstrip(".").split())
            if option is not None and pasted == " ".join(option.lower().rstrip(".").split()):
                return text_value(option)
        without_period = " ".join(bare.lower().rstrip(".").split())
        for option in checkpoint.options:
            if without_period == " ".join(option.lower().rstrip(".").split()):
                return text_value(option)
        return text_value(letters.get(bare.lower().strip("().").strip(), text))

    def matches(self, checkpoint: Checkpoint, expected: Value, got: Value) -> bool:
        return expected.kind == got.kind == "text" and expected.text == got.text

    def wrong_answer(self, checkpoint: Checkpoint, expected: Value | None, got: Value) -> str:
        if got.text not in checkpoint.options:
            letters = ", ".join(
                f"{chr(ord('a') + i)}) {option}" for i, option in enumerate(checkpoint.options)
            )
            return f"Answer with one of the options' letters: {letters}."
        return f"You chose {got.text!r}, which is not right."


class Predict(CheckpointKind):
    """What a cell (`code`) prints; misconception variants are code printing the wrong text."""

    name = "predict"
    required = ("code",)
    default_starter = 'answer = """\n...\n"""\n'

    def validate(self, attributes: dict[str, Any], fail: Fail) -> None:
        for item in attributes.get("misconceptions", ()):
            if not isinstance(item.variant, str):
                raise fail(f"misconception '{item.id}': a predict variant is code (a string)")

    def expect(self, grader: Grader, checkpoint: Checkpoint, seeds: list[int]) -> Expectation:
        from mlpath.grade.authored import Case, Expectation

        # The checkpoint's time limit, not the grader's default: a cell may import scikit-learn.
        limit = checkpoint.timeout
        expected = [Outcome(value=text_value(grader.prediction(checkpoint.code, limit)))]
        variants = {
            m.id: [Outcome(value=text_value(grader.prediction(str(m.variant), limit)))]
            for m in checkpoint.misconceptions
        }
        return Expectation([Case((), [], False)], expected, variants)

    def normalise(self, checkpoint: Checkpoint, value: Value) -> Value:
        if value.kind == "text" and value.text is not None:
            return text_value(normalise_lines(value.text))
        return value

    def matches(self, checkpoint: Checkpoint, expected: Value, got: Value) -> bool:
        return expected.kind == got.kind == "text" and expected.text == got.text

    def wrong_answer(self, checkpoint: Checkpoint, expected: Value | None, got: Value) -> str:
        if got.kind != "text" or got.text is None:
            return "Set `answer` to the text you expect the cell to print."
        want = ((expected.text if expected else None) or "").splitlines()
        mine = got.text.splitlines()
        for number, (a, b) in enumerate(zip(want, mine, strict=False), start=1):
            if a != b:
                return f"Line {number} of your prediction differs from what the cell prints."
        return f"The cell prints {len(want)} line(s); your prediction has {len(mine)}."


class Implement(CheckpointKind):
    """A function, called on edge cases and seeded random cases, some of them hidden."""

    name = "implement"
    required: ClassVar[tuple[str, ...]] = ("function", "reference", "cases")
    default_starter = ""
    collects = "function"
    widget = "code"

    def validate(self, attributes: dict[str, Any], fail: Fail) -> None:
        if not attributes.get("starter"):
            raise fail(f"a '{self.name}' checkpoint needs a starter")
        for item in attributes.get("misconceptions", ()):
            if getattr(item.variant, "__name__", "") == "<lambda>":
                raise fail(f"misconception '{item.id}': write the variant as a def, not a lambda")

    def typed(self, checkpoint: Checkpoint, text: str) -> Value:
        raise TypeError("an implement checkpoint is answered with code, not a typed value")

    def expect(self, grader: Grader, checkpoint: Checkpoint, seeds: list[int]) -> Expectation:
        from mlpath.grade.authored import Expectation

        with grader.authored(checkpoint) as author:
            cases = author.cases(seeds)
            expected = author.outcomes("reference", cases)
            for case, outcome in zip(cases, expected, strict=True):
                if outcome.value is None:
                    raise author._fail(
                        f"the reference raised {outcome.error} on ({describe_args(case.args)})"
                    )
            variants = {m.id: author.outcomes(m.id, cases) for m in checkpoint.misconceptions}
        return Expectation(cases, expected, variants)

    def problem(self, checkpoint: Checkpoint, case: Case, want: Outcome, got: Outcome) -> bool:
        return self.describe(checkpoint, case, want, got) is not None

    def describe(
        self, checkpoint: Checkpoint, case: Case, want: Outcome, got: Outcome
    ) -> str | None:
        assert want.value is not None
        return diagnose(checkpoint, want.value, got, case.args)

    def explain(
        self, checkpoint: Checkpoint, cases: list[Case], expected: list[Outcome], got: list[Outcome]
    ) -> list[str]:
        visible = [i for i, case in enumerate(cases) if not case.hidden]
        failing = [i for i in visible if self.problem(checkpoint, cases[i], expected[i], got[i])]
        if not failing:
            return []
        lines = []
        relation = self._relation(checkpoint, [(cases[i], expected[i], got[i]) for i in visible])
        if relation:
            lines.append(f"On every visible case, your result {relation}.")
        smallest = min(failing, key=lambda i: cases[i].size)
        detail = self.describe(checkpoint, cases[smallest], expected[smallest], got[smallest])
        lines.append(
            f"On the input ({describe_args(cases[smallest].args)}): {(detail or '').rstrip('.?!')}."
        )
        if len(failing) > 1:
            lines.append(f"{len(failing)} of {len(visible)} visible cases failed.")
        return lines

    @staticmethod
    def _relation(
        checkpoint: Checkpoint, triples: list[tuple[Case, Outcome, Outcome]]
    ) -> str | None:
        """A relationship between the learner's results and the right ones on every case."""
        pairs = []
        rtol, atol = checkpoint.rtol, checkpoint.atol
        for case, want, got in triples:
            if want.value is None or got.value is None:
                return None
            x, y = numeric(want.value), numeric(got.value)
            if x is None or y is None or not np.all(np.isfinite(y)):
                return None
            rtol, atol = tolerances(got.value, rtol, atol)
            pairs.append((x, y, case.args))
        return common_relation(pairs, rtol, atol)


class Sample(Implement):
    """A function that draws random numbers from a seed. Its values depend on how it draws
    (`integers` or `choice`, int8 or int64), so it is graded by properties: the shape and kind
    of the reference's result, every invariant (range, frequencies within a stated bound), and
    the same result when called twice with the same seed."""

    name = "sample"
    required = ("function", "reference", "cases", "invariants")
    repeats = True

    def describe(
        self, checkpoint: Checkpoint, case: Case, want: Outcome, got: Outcome
    ) -> str | None:
        if got.error is not None or got.value is None:
            assert want.value is not None
            return diagnose(checkpoint, want.value, got, case.args)
        assert want.value is not None
        problem = shape_problem(want.value, got.value)
        if problem:
            return problem
        values = numeric(got.value)
        if values is not None and not np.all(np.isfinite(values)):
            return "your result has a value that is not a finite number"
        for invariant in checkpoint.invariants:
            if not invariant.holds(*case.args, values):
                rule = invariant.description
                return f"your result breaks a rule every correct answer follows: {rule}"
        if got.repeatable is False:
            return (
                "called twice with the same arguments, your function returned different "
                "values; create the generator from the seed inside the function"
            )
        return None

    @staticmethod
    def _relation(
        checkpoint: Checkpoint, triples: list[tuple[Case, Outcome, Outcome]]
    ) -> str | None:
        return None  # values legitimately differ from the reference's


class Fix(Implement):
    """Repair a broken function from the lesson: the starter is the bug, and the gate demands
    that it is named as one of the misconceptions."""

    name = "fix"

    def prompt(self, checkpoint: Checkpoint) -> str:
        return f"{checkpoint.prompt}\n\nThe starter code has a bug: fix it."


KINDS: dict[str, CheckpointKind] = {
    kind.name: kind for kind in (Implement(), Sample(), Fix(), Numeric(), Choice(), Predict())
}
