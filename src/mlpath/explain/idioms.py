"""Idioms that span several lines: attention, the multi-head split and merge, residual adds.

A single call says little in a transformer: `q @ k.transpose(-2, -1)` is a matrix product, but
followed by a division by sqrt(d), a softmax and `@ v` it is scaled dot-product attention. This
pass follows values through assignments, statement by statement in each function, tagging what
they are (attention scores, scaled, softmax weights, heads split into an axis of their own) and
reports a finding where an idiom completes, naming the lines it spans.

It is syntactic on purpose: it recognises `softmax`, `sqrt`, `transpose` and `view` by name,
whatever they were imported as (a learner's own `def softmax` counts), because the idiom is in
the shape of the code, not in which library supplied each call. The code map's `idioms` section
says which concepts each idiom uses and what to tell the learner.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from mlpath.explain._source import MAX_CODE, SourceText
from mlpath.explain.codemap import CodeMap
from mlpath.explain.model import Finding

# What a value is, as far as the idioms care.
SCORES = "scores"  # Q K^T: a product with a transposed right operand
SCALED = "scaled"  # divided by sqrt(d) (or multiplied by a scale) somewhere along the way
WEIGHTS = "weights"  # softmax of scores
SCALE = "scale"  # a factor such as 1 / sqrt(d) or d ** -0.5
SPLIT = "split"  # reshaped to four axes (B, T, h, d/h)
SWAPPED = "swapped"  # axes 1 and 2 exchanged: (B, T, h, d/h) <-> (B, h, T, d/h)
EXPONENTIATED = "exponentiated"  # exp of scores: half of a softmax written by hand

_MATMUL_CALLS = {"matmul", "bmm", "dot", "einsum"}
_SWAP_CALLS = {"transpose", "permute", "swapaxes", "swapdims"}
_RESHAPE_CALLS = {"view", "reshape"}
_REDUCTIONS = {"sum", "mean", "max", "min", "std", "var", "norm", "abs", "len", "float", "int"}
_ELEMENTWISE = {"exp", "log", "sqrt", "square", "power", "clip", "round", "floor", "ceil", "sign"}


@dataclass(frozen=True)
class Flow:
    """What a value carries: its tags and where the chain that made it started."""

    tags: frozenset[str]
    start: ast.expr | ast.stmt | None = None

    def has(self, tag: str) -> bool:
        return tag in self.tags

    def plus(self, *tags: str, start: ast.expr | ast.stmt | None = None) -> Flow:
        return Flow(self.tags | frozenset(tags), self.start or start)


NOTHING = Flow(frozenset())


def find_idioms(tree: ast.Module, text: SourceText, code_map: CodeMap) -> list[Finding]:
    """Every idiom the code map describes, found in each function and in the module body."""
    finder = _IdiomFinder(text, code_map)
    finder.scope(tree.body)
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            finder.scope(node.body)
    return finder.findings


class _IdiomFinder:
    def __init__(self, text: SourceText, code_map: CodeMap) -> None:
        self.text = text
        self.map = code_map
        self.findings: list[Finding] = []
        self.env: dict[str, Flow] = {}
        self._reported: set[int] = set()

    # --- statements, in order ---------------------------------------------------------------

    def scope(self, body: list[ast.stmt]) -> None:
        """One function (or the module): values flow from statement to statement within it."""
        self.env = {}
        self.statements(body)

    def statements(self, body: list[ast.stmt]) -> None:
        for statement in body:
            self.statement(statement)

    def statement(self, node: ast.stmt) -> None:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            return  # its own scope; find_idioms visits it separately
        if isinstance(node, ast.Assign):
            flow = self.flow(node.value)
            for target in node.targets:
                self.bind(target, flow)
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            self.bind(node.target, self.flow(node.value))
        elif isinstance(node, ast.AugAssign):
            combined = ast.BinOp(left=_as_load(node.target), op=node.op, right=node.value)
            ast.copy_location(combined, node)
            self.bind(node.target, self.flow(combined, statement=node))
        else:
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.expr):
                    self.flow(child)
                elif isinstance(child, ast.stmt):
                    self.statement(child)
                elif isinstance(child, ast.withitem | ast.excepthandler | ast.match_case):
                    for grandchild in ast.iter_child_nodes(child):
                        if isinstance(grandchild, ast.stmt):
                            self.statement(grandchild)
                        elif isinstance(grandchild, ast.expr):
                            self.flow(grandchild)

    def bind(self, target: ast.expr, flow: Flow) -> None:
        key = _key(target)
        if key is not None:
            self.env[key] = flow
        elif isinstance(target, ast.Tuple | ast.List):
            for element in target.elts:
                self.bind(element, NOTHING)

    # --- expressions: what each value is ------------------------------------------------------

    def flow(self, node: ast.expr, statement: ast.stmt | None = None) -> Flow:
        if isinstance(node, ast.Name | ast.Attribute):
            return self.env.get(_key(node) or "", NOTHING)  # `G.T` of weights G is not weights
        if isinstance(node, ast.BinOp):
            return self.binop(node, statement)
        if isinstance(node, ast.Call):
            return self.call(node)
        merged = NOTHING
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.expr):
                merged = _merge(merged, self.flow(child))
        if _is_scale_text(node):
            merged = merged.plus(SCALE)
        return merged

    def binop(self, node: ast.BinOp, statement: ast.stmt | None) -> Flow:
        left, right = self.flow(node.left), self.flow(node.right)
        if isinstance(node.op, ast.Add):
            self.residual(node, statement)
        if isinstance(node.op, ast.MatMult):
            return self.product(node, node.left, left, node.right, right)
        if isinstance(node.op, ast.Pow) and _is_half_power(node):
            return left.plus(SCALE)
        if isinstance(node.op, ast.Div) and left.has(EXPONENTIATED):
            return Flow(frozenset({WEIGHTS}) | (left.tags & {SCALED}), left.start)  # e / e.sum()
        if isinstance(node.op, ast.Mult | ast.Div):
            right_scales = right.has(SCALE) or _is_scale_text(node.right)
            left_scales = isinstance(node.op, ast.Mult) and (
                left.has(SCALE) or _is_scale_text(node.left)
            )
            if right_scales or left_scales:
                value, other = (node.left, left) if right_scales else (node.right, right)
                if other.has(SCORES):
                    return other.plus(SCALED)
                if other.has(SCALE) or isinstance(value, ast.Constant):
                    return Flow(frozenset({SCALE}), node)  # 1.0 / math.sqrt(d) is a factor
                return Flow(frozenset({SCALED}), node)  # q / sqrt(d), before the product
        # Adding a mask keeps scores scores; arithmetic with other data makes weights something
        # else (`softmax(Z) - Y` is a gradient, not attention weights).
        return Flow(_merge(left, right).tags & {SCORES, SCALED}, left.start or right.start)

    def call(self, node: ast.Call) -> Flow:
        name = _called_name(node.func)
        receiver = self.flow(node.func.value) if isinstance(node.func, ast.Attribute) else NOTHING
        arguments = [self.flow(argument) for argument in node.args]
        for keyword in node.keywords:
            self.flow(keyword.value)
        subject = receiver if isinstance(node.func, ast.Attribute) and receiver.tags else NOTHING
        if not subject.tags and arguments:
            subject = arguments[0]
        if name in ("maximum", "clamp", "clip") and _has_zero_floor(node):
            self.report("relu", node, node)
        if name == "sqrt" or name == "rsqrt":
            return Flow(frozenset({SCALE}), node)
        if name == "softmax" and subject.has(SCORES):
            return Flow(frozenset({WEIGHTS}) | (subject.tags & {SCALED}), subject.start)
        if name == "exp" and subject.has(SCORES):
            return Flow(frozenset({EXPONENTIATED}) | (subject.tags & {SCALED}), subject.start)
        if name in _MATMUL_CALLS:
            operands = self.operands(node)
            if operands is not None:
                (a, a_flow), (b, b_flow) = operands
                return self.product(node, a, a_flow, b, b_flow)
        if name in _RESHAPE_CALLS:
            axes = _reshape_axes(node)
            if axes == 4:
                return Flow(frozenset({SPLIT}), node)
            if axes == 3 and subject.has(SWAPPED):
                self.report("merge-heads", subject.start or node, node)
                return NOTHING
        if name in _SWAP_CALLS and _swaps_axes_1_and_2(node):
            if subject.has(SPLIT):
                self.report("split-heads", subject.start or node, node)
                return NOTHING
            return Flow(frozenset({SWAPPED}), node)
        if name == "rearrange" and len(node.args) >= 2:
            pattern = node.args[1]
            if isinstance(pattern, ast.Constant) and isinstance(pattern.value, str):
                before, _, after = pattern.value.partition("->")
                if "(" in before and after:
                    self.report("split-heads", node, node)
                elif "(" in after:
                    self.report("merge-heads", node, node)
            return NOTHING
        merged = NOTHING
        for flow in (receiver, *arguments):
            merged = _merge(merged, flow)
        return merged

    def operands(
        self, node: ast.Call
    ) -> tuple[tuple[ast.expr, Flow], tuple[ast.expr, Flow]] | None:
        """The two matrices of `matmul(a, b)`, `a.matmul(b)` or a two-operand `einsum`."""
        args = list(node.args)
        if _called_name(node.func) == "einsum":
            args = args[1:]
        elif isinstance(node.func, ast.Attribute) and _key(node.func.value) not in (
            "np",
            "numpy",
            "torch",
        ):
            args = [node.func.value, *args]
        if len(args) != 2:
            return None
        return (args[0], self.flow(args[0])), (args[1], self.flow(args[1]))

    def product(self, node: ast.expr, a: ast.expr, a_flow: Flow, b: ast.expr, b_flow: Flow) -> Flow:
        if a_flow.has(WEIGHTS):
            idiom = "scaled-attention" if a_flow.has(SCALED) else "unscaled-attention"
            self.report(idiom, a_flow.start or node, node)
            return NOTHING
        if _is_transposed(b) or _einsum_contracts_last_axes(node):
            scaled = a_flow.has(SCALED) or b_flow.has(SCALED)
            return Flow(frozenset({SCORES, SCALED} if scaled else {SCORES}), node)
        return NOTHING

    # --- residual connections -----------------------------------------------------------------

    def residual(self, node: ast.BinOp, statement: ast.stmt | None) -> None:
        """`x + f(x)`: the input added back to a function of itself (either order)."""
        for kept, branch in ((node.left, node.right), (node.right, node.left)):
            name = _key(kept)
            if name is not None and _is_layer_of(branch, name):
                self.report("residual", statement or node, statement or node)
                return

    # --- findings -----------------------------------------------------------------------------

    def report(self, idiom: str, start: ast.expr | ast.stmt, end: ast.expr | ast.stmt) -> None:
        entry = self.map.idioms.get(idiom)
        if entry is None or id(end) in self._reported:
            return
        self._reported.add(id(end))
        first, last = start.lineno, end.end_lineno or end.lineno
        if start is end or _inside(start, end):
            code = self.text.code(end)
        else:
            half = MAX_CODE // 2 - 3
            code = (
                f"{_shorten(self.text.code(start), half)} ... {_shorten(self.text.code(end), half)}"
            )
        span = f" (lines {first}-{last})" if last > first else ""
        self.findings.append(
            Finding(
                line=first,
                col=self.text.column(start),
                code=code,
                qualified=f"idiom:{idiom}",
                concepts=entry.concepts,
                says=f"{entry.says}{span}",
            )
        )


# --- syntax helpers -------------------------------------------------------------------------------


def _key(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _key(node.value)
        return f"{base}.{node.attr}" if base else None
    return None


def _as_load(target: ast.expr) -> ast.expr:
    copy = ast.parse(ast.unparse(target), mode="eval").body
    return ast.copy_location(copy, target)


def _merge(a: Flow, b: Flow) -> Flow:
    if not b.tags:
        return a
    if not a.tags:
        return b
    return Flow(a.tags | b.tags, a.start or b.start)


def _called_name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _constant_ints(nodes: list[ast.expr]) -> list[int] | None:
    values = []
    for node in nodes:
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            inner = node.operand
            if isinstance(inner, ast.Constant) and isinstance(inner.value, int):
                values.append(-inner.value)
                continue
        if not (isinstance(node, ast.Constant) and isinstance(node.value, int)):
            return None
        values.append(node.value)
    return values


def _axes_arguments(node: ast.Call) -> list[ast.expr]:
    """The axes of `x.transpose(1, 2)`, `x.permute(0, 2, 1, 3)`, `np.transpose(x, (0, 2, 1, 3))`."""
    args = list(node.args)
    module_call = isinstance(node.func, ast.Attribute) and _key(node.func.value) in (
        "np",
        "numpy",
        "torch",
    )
    if module_call or isinstance(node.func, ast.Name):
        args = args[1:]
    for keyword in node.keywords:
        if keyword.arg in ("axes", "dims"):
            args = [keyword.value]
    if len(args) == 1 and isinstance(args[0], ast.Tuple | ast.List):
        args = list(args[0].elts)
    return args


def _swaps_axes_1_and_2(node: ast.Call) -> bool:
    axes = _constant_ints(_axes_arguments(node))
    if axes is None:
        return False
    if len(axes) == 2:
        return sorted(axes) in ([1, 2], [-3, -2])
    return len(axes) == 4 and axes[:3] == [0, 2, 1]


def _reshape_axes(node: ast.Call) -> int | None:
    args = _axes_arguments(node) if isinstance(node.func, ast.Name) else list(node.args)
    if (
        isinstance(node.func, ast.Attribute)
        and _key(node.func.value) in ("np", "numpy", "torch")
        and args
    ):
        args = args[1:]
    if len(args) == 1 and isinstance(args[0], ast.Tuple | ast.List):
        return len(args[0].elts)
    return len(args) or None


def _is_transposed(node: ast.expr) -> bool:
    """`k.T`, `k.mT`, `K.transpose(-2, -1)`, `np.swapaxes(K, -1, -2)`, `K.transpose(0, 2, 1)`."""
    if isinstance(node, ast.Attribute) and node.attr in ("T", "mT"):
        return True
    if isinstance(node, ast.Call) and _called_name(node.func) in _SWAP_CALLS:
        axes = _constant_ints(_axes_arguments(node))
        if axes is None:
            return False
        if not axes:
            return True  # `K.transpose()`: a matrix's transpose
        if len(axes) == 2:  # (1, 2) too: the last two axes of a (B, T, d) batch
            return sorted(axes) in ([-2, -1], [1, 2])
        return axes[-2:] == [len(axes) - 1, len(axes) - 2]
    return False


def _einsum_contracts_last_axes(node: ast.expr) -> bool:
    """`einsum("bqd,bkd->bqk", q, k)`: both inputs end in the summed letter, the output does not."""
    if not (isinstance(node, ast.Call) and _called_name(node.func) == "einsum" and node.args):
        return False
    spec = node.args[0]
    if not (isinstance(spec, ast.Constant) and isinstance(spec.value, str)):
        return False
    inputs, _, output = spec.value.replace(" ", "").partition("->")
    parts = inputs.split(",")
    if len(parts) != 2 or not all(parts) or not output:
        return False
    a, b = parts
    return a[-1] == b[-1] and a[-1] not in output and a[-2:-1] != b[-2:-1]


def _has_zero_floor(node: ast.Call) -> bool:
    """`np.maximum(z, 0)`, `np.maximum(0.0, z)`, `z.clamp(min=0)`: everything below 0 becomes 0."""
    floors = [*node.args, *(k.value for k in node.keywords if k.arg in ("min", "a_min"))]
    if _called_name(node.func) in ("clamp", "clip"):
        floors = [k.value for k in node.keywords if k.arg in ("min", "a_min")] or node.args[1:2]
    return any(isinstance(f, ast.Constant) and f.value == 0 for f in floors)


def _is_half_power(node: ast.BinOp) -> bool:
    power = node.right
    if isinstance(power, ast.UnaryOp) and isinstance(power.op, ast.USub):
        power = power.operand
    return isinstance(power, ast.Constant) and power.value == 0.5


def _is_scale_text(node: ast.expr) -> bool:
    """A factor that reads as a scale: `math.sqrt(d)`, `d ** -0.5`, `self.scale`, `scale`."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow) and _is_half_power(node):
        return True
    name = _key(node)
    if name is not None:
        return "scale" in name.rsplit(".", 1)[-1].lower()
    if isinstance(node, ast.Call):
        return _called_name(node.func) in ("sqrt", "rsqrt")
    if isinstance(node, ast.BinOp):
        return _is_scale_text(node.left) or _is_scale_text(node.right)
    return False


def _is_layer_of(branch: ast.expr, name: str) -> bool:
    """`f(x)`, `self.attn(self.ln(x))`, `relu(x @ W1) @ W2`: a function applied to `name`."""
    if isinstance(branch, ast.BinOp) and isinstance(branch.op, ast.MatMult):
        return _is_layer_of(branch.left, name) or _is_layer_of(branch.right, name)
    if not isinstance(branch, ast.Call):
        return False
    called = _called_name(branch.func)
    if called in _REDUCTIONS:
        return False
    if called in _ELEMENTWISE and isinstance(branch.func, ast.Attribute):
        return False  # `s + np.exp(s)` is arithmetic, not a layer
    return any(
        _key(inner) == name
        for argument in (*branch.args, *(k.value for k in branch.keywords))
        for inner in ast.walk(argument)
        if isinstance(inner, ast.Name | ast.Attribute)
    )


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


def _inside(inner: ast.expr | ast.stmt, outer: ast.expr | ast.stmt) -> bool:
    """Whether `inner` is part of `outer` (`q.view(...)` in `q.view(...).transpose(1, 2)`)."""
    begins = (inner.lineno, inner.col_offset) >= (outer.lineno, outer.col_offset)
    ends = (inner.end_lineno or 0, inner.end_col_offset or 0) <= (
        outer.end_lineno or 0,
        outer.end_col_offset or 0,
    )
    return begins and ends
