"""Shortcuts a checkpoint forbids, by meaning: every way to compute the operation in one call.

A checkpoint that asks for a dot product "built from its steps" cannot list `np.dot` and `@`
and hope: `u.dot(v)`, `np.vecdot`, `np.matvec`, `np.einsum`, `operator.matmul`,
`getattr(np, "dot")` and `eval("u @ v")` compute it too. An `Operation` names the operation and
every spelling of it; the check reads the submission's syntax tree (it never runs it) and matches
names whatever module or object they are reached through. Names the learner defines themselves
(their own `def norm`) are theirs to use.
"""

from __future__ import annotations

import ast
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Operation:
    """An operation a checkpoint forbids, with every name that computes it in one call.

    Args:
        says: what it computes, for the message ("a dot or matrix product").
        names: function, method and attribute names, matched on any receiver or module.
        matmul: whether the `@` operator (and `@=`) computes it.
    """

    says: str
    names: frozenset[str]
    matmul: bool = False


PRODUCT = Operation(
    "a dot or matrix product",
    frozenset(
        {
            "dot",
            "vdot",
            "inner",
            "matmul",
            "vecdot",
            "matvec",
            "vecmat",
            "einsum",
            "tensordot",
            "multi_dot",
            "sumprod",
            "correlate",
            "convolve",
            "ddot",
            "sdot",
            "dgemv",
            "sgemv",
            "dgemm",
            "sgemm",
            "get_blas_funcs",
            "blas",
            "fftconvolve",
            "oaconvolve",
            "asmatrix",
            "sparse",
            "safe_sparse_dot",
            "matrix",
            "csr_matrix",
            "csc_matrix",
            "coo_matrix",
            "csr_array",
            "__matmul__",
            "__rmatmul__",
            "__imatmul__",
        }
    ),
    matmul=True,
)
NORM = Operation(
    "a length or distance",
    frozenset(
        {
            "norm",
            "vector_norm",
            "matrix_norm",
            "dist",
            "hypot",
            "euclidean",
            "sqeuclidean",
            "minkowski",
            "cdist",
            "pdist",
            "pairwise_distances",
            "euclidean_distances",
            "paired_distances",
            "distance_matrix",
            "minkowski_distance",
            "dnrm2",
            "snrm2",
            "KDTree",
            "cKDTree",
        }
    ),
)
COSINE = Operation(
    "a cosine similarity",
    frozenset(
        {
            "cosine_similarity",
            "cosine",
            "cosine_distances",
            "paired_cosine_distances",
            "cdist",
            "pairwise_distances",
            "pairwise_kernels",
            "pdist",
            "paired_distances",
        }
    ),
)
LOGSUMEXP = Operation(
    "a log-sum-exp",
    frozenset({"logsumexp", "logaddexp", "logaddexp2", "softmax", "log_softmax"}),
)
# Code run from text, and functions fetched by a name computed at run time, cannot be read
# before they run.
_TEXT_CODE = frozenset({"eval", "exec", "compile", "__import__", "import_module"})
_LOOKUP = frozenset({"vars", "__dict__", "__getattribute__", "getattr"})


def _as_operation(item: Operation | str) -> Operation:
    """A plain name (`"np.linalg.norm"`, `"@"`) is the operation of that one name."""
    if isinstance(item, Operation):
        return item
    if item == "@":
        return Operation("`@`", frozenset(), matmul=True)
    return Operation(f"`{item}`", frozenset({item.rsplit(".", 1)[-1]}))


def _own_names(tree: ast.AST) -> set[str]:
    """Functions, classes and variables the submission defines itself."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
    return names


def _used_name(node: ast.AST) -> tuple[str, str] | None:
    """(name, as written) for a use of a name that may compute something."""
    if isinstance(node, ast.Attribute):
        return node.attr, ast.unparse(node)
    if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
        return node.id, node.id
    if isinstance(node, ast.ImportFrom):
        for alias in node.names:
            return alias.name, f"from {node.module} import {alias.name}"
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id
        in (
            "getattr",
            "attrgetter",
            "methodcaller",
        )
    ):
        named = node.args[1] if node.func.id == "getattr" and len(node.args) > 1 else None
        named = named or (node.args[0] if node.args else None)
        if isinstance(named, ast.Constant) and isinstance(named.value, str):
            return named.value, ast.unparse(node)
        return "getattr", ast.unparse(node)  # a name computed at run time
    return None


def find_forbidden(source: str, forbidden: Sequence[Operation | str]) -> str | None:
    """How the source uses a forbidden operation ("`u.dot(v)`: a dot or matrix product"), or
    None. Source that cannot be parsed is graded elsewhere and passes here."""
    if not forbidden:
        return None
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    operations = [_as_operation(item) for item in forbidden]
    own = _own_names(tree)
    for node in ast.walk(tree):
        is_matmul = isinstance(node, ast.BinOp | ast.AugAssign) and isinstance(node.op, ast.MatMult)
        if is_matmul:
            for operation in operations:
                if operation.matmul:
                    return f"`{ast.unparse(node)}`: {operation.says}"
        used = _used_name(node)
        if used is None:
            continue
        name, written = used
        if name in _TEXT_CODE:
            return f"`{written}`: code built from text, which this checkpoint cannot check"
        if name in _LOOKUP:
            return f"`{written}`: a function fetched by name, which this checkpoint cannot check"
        if isinstance(node, ast.Name) and name in own:
            continue
        for operation in operations:
            if name in operation.names:
                return f"`{written}`: {operation.says}"
    return None
