"""Module 2's checkpoints grade a second reader's submissions right (docs/reviewing-a-lesson.md, 4).

For every checkpoint of module 2, the reviewer's own unusual correct answers and plausible wrong
ones (different from the author's rows in test_course_checkpoints.py), graded by the real grader
over the shipped `.checks.py` files, with the verdict each must get: passed, or failed naming the
misconception (None: failed with no misconception named), and a phrase the feedback must contain.

Rows marked "review:" failed the other way before the review: float32 arithmetic returned as a
float64 or a Python float (it failed the default 1e-7 tolerance), and one-call products,
distances and cosines that the forbidden operations did not name (they passed).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from mlpath.grade.grader import Grader

PRODUCT_SAYS = "a dot or matrix product"
BY_NAME = "a function fetched by name"


@dataclass(frozen=True)
class Typed:
    """An answer typed into the form (numeric, choice and predict checkpoints)."""

    checkpoint: str
    text: str
    passed: bool
    misconception: str | None = None
    says: str = ""


@dataclass(frozen=True)
class Code:
    """A function handed in as source code, run in the sandbox."""

    checkpoint: str
    body: str  # the whole file; `import numpy as np` is prepended
    passed: bool
    misconception: str | None = None
    says: str = ""


def _id(row: Typed | Code) -> str:
    text = row.text if isinstance(row, Typed) else row.body.strip().splitlines()[-1].strip()
    verdict = "pass" if row.passed else f"fail:{row.misconception}"
    return f"{row.checkpoint}|{text[:40]}|{verdict}"


def _assert_verdict(row: Typed | Code, passed: bool, named: str | None, message: str) -> None:
    assert passed == row.passed, message
    if not row.passed:
        assert named == row.misconception, message
    assert row.says in message, message


def _code(checkpoint: str, *lines: str, passed: bool, misc: str | None = None, says: str = ""):
    return Code(checkpoint, "\n".join(lines) + "\n", passed, misc, says)


# --- 01 vectors -------------------------------------------------------------------------------

MEAN_GAP, FIX_GAP, PREDICT_SHAPE = (
    "la.vectors.mean-gap",
    "la.vectors.fix-gap",
    "la.vectors.predict-shape",
)
VECTORS_CODE = [
    _code(
        MEAN_GAP,
        "import statistics",
        "def mean_gap(a, b):",
        "    return statistics.fmean(abs(x - y) for x, y in zip(a.tolist(), b.tolist()))",
        passed=True,
    ),
    # review: float32 arithmetic returned as a Python float.
    _code(
        MEAN_GAP,
        "def mean_gap(a, b):",
        "    return float(np.mean(np.abs(a.astype(np.float32) - b.astype(np.float32))))",
        passed=True,
    ),
    _code(
        MEAN_GAP,
        "def mean_gap(a, b):",
        "    total = 0",
        "    for i in range(a.shape[0]):",
        "        total += max(a[i] - b[i], b[i] - a[i])",
        "    return total / a.shape[0]",
        passed=True,
    ),
    _code(
        MEAN_GAP, "def mean_gap(a, b):", "    return np.sqrt(np.mean((a - b) ** 2))", passed=False
    ),
    _code(
        MEAN_GAP, "def mean_gap(a, b):", "    return np.mean(np.abs(a) - np.abs(b))", passed=False
    ),
    _code(
        FIX_GAP,
        "def mean_gap(X, i, j):",
        "    first = X[:, i]",
        "    second = X[:, [j]]",
        "    return np.mean(np.abs(first - second.ravel()))",
        passed=True,
    ),
    _code(
        FIX_GAP,
        "def mean_gap(X, i, j):",
        "    first = X.T[i]",
        "    second = X.T[j]",
        "    return np.abs(first - second).sum() / len(X)",
        passed=True,
    ),
    # (n,) minus (1, n) broadcasts to (1, n): the same n gaps.
    _code(
        FIX_GAP,
        "def mean_gap(X, i, j):",
        "    first = X[:, i]",
        "    second = X[:, [j]]",
        "    return float(np.mean(np.abs(first - second.T)))",
        passed=True,
    ),
    _code(
        FIX_GAP,
        "def mean_gap(X, i, j):",
        "    return np.abs(np.mean(X[:, i] - X[:, j]))",
        passed=False,
    ),
    _code(
        FIX_GAP,
        "def mean_gap(X, i, j):",
        "    first = X[:, i]",
        "    second = X[:, [j]]",
        "    return np.mean(np.abs(first - second), axis=1)",
        passed=False,
        says="expected a single number",
    ),
]
VECTORS_TYPED = [
    Typed(PREDICT_SHAPE, "(4,)\n(3, 1)\n", True),
    Typed(PREDICT_SHAPE, "\n(4,)  \n(3, 1)\n\n", True),
    Typed(PREDICT_SHAPE, "(4,)\r\n(3, 1)", True),
    Typed(PREDICT_SHAPE, "(4,)\n(3,)", False, "list-index-drops-axis"),
    Typed(PREDICT_SHAPE, "(4,)\n(1, 3)", False, None, "Line 2"),
    # The prompt now says how Python writes a tuple; without the space it is not what prints.
    Typed(PREDICT_SHAPE, "(4,)\n(3,1)", True, None, ""),  # spacing in a tuple is free
    Typed(PREDICT_SHAPE, "(4,)\n(1, 3)", False, None, "Line 2"),
]

# --- 02 linear combinations -------------------------------------------------------------------

WEIGHTED_SUM, BLEND = "la.linear-combination.implement", "la.linear-combination.wine-blend"
COMBINATION_CODE = [
    _code(
        WEIGHTED_SUM,
        "def weighted_sum(V, c):",
        "    return np.add.reduce(c[:, np.newaxis] * V)",
        passed=True,
    ),
    _code(
        WEIGHTED_SUM,
        "import functools",
        "def weighted_sum(V, c):",
        "    return functools.reduce(lambda s, t: s + t, [ci * vi for ci, vi in zip(c, V)])",
        passed=True,
    ),
    _code(WEIGHTED_SUM, "def weighted_sum(V, c):", "    return (V.T * c).sum(axis=1)", passed=True),
    # review: float32 arithmetic returned as float64.
    _code(
        WEIGHTED_SUM,
        "def weighted_sum(V, c):",
        "    V32, c32 = V.astype(np.float32), c.astype(np.float32)",
        "    return np.sum(c32[:, None] * V32, axis=0).astype(np.float64)",
        passed=True,
    ),
    _code(
        WEIGHTED_SUM,
        "def weighted_sum(V, c):",
        "    for i in range(len(c)):",
        "        s = c[i] * V[i]",
        "    return s",
        passed=False,
    ),
    _code(
        WEIGHTED_SUM,
        "def weighted_sum(V, c):",
        "    return np.sum(V.T * c, axis=0)",
        passed=False,
        misc="wrong-axis",
    ),
    _code(
        WEIGHTED_SUM,
        "def weighted_sum(V, c):",
        "    return V * c",
        passed=False,
        says="could not be broadcast",
    ),
    # review: one-call products PRODUCT did not name.
    _code(
        WEIGHTED_SUM,
        "from scipy.linalg.blas import dgemv",
        "def weighted_sum(V, c):",
        "    return dgemv(1.0, V.T, c)",
        passed=False,
        says=PRODUCT_SAYS,
    ),
    _code(
        WEIGHTED_SUM,
        "def weighted_sum(V, c):",
        "    return np.asarray(np.matrix(c) * np.matrix(V)).ravel()",
        passed=False,
        says=PRODUCT_SAYS,
    ),
    _code(
        WEIGHTED_SUM,
        "from sklearn.utils.extmath import safe_sparse_dot",
        "def weighted_sum(V, c):",
        "    return safe_sparse_dot(c, V)",
        passed=False,
        says=PRODUCT_SAYS,
    ),
]
COMBINATION_TYPED = [
    Typed(BLEND, "6.175", True),
    Typed(BLEND, "+6.18", True),
    Typed(BLEND, " 6.1786 ", True),
    Typed(BLEND, "6.185", False),
    Typed(BLEND, "6.43", False),  # rows 11, 71, 151: counted from 1
    Typed(BLEND, "6.99", False),  # the litres in the other order
]

# --- 03 dot product ---------------------------------------------------------------------------

DOT, SCORE = "la.dot-product.implement", "la.dot-product.iris-score"
DOT_CODE = [
    # review: float32 arithmetic returned as a Python float.
    _code(
        DOT,
        "def dot(u, v):",
        "    return float(np.sum(u.astype(np.float32) * v.astype(np.float32)))",
        passed=True,
    ),
    _code(
        DOT,
        "def dot(u, v):",
        "    return sum(map(lambda p: p[0] * p[1], zip(u.tolist(), v.tolist())))",
        passed=True,
    ),
    _code(DOT, "def dot(u, v):", "    return float(np.cumsum(u * v)[-1])", passed=True),
    # Built from its steps (all pairwise products, then the diagonal's sum): allowed.
    _code(DOT, "def dot(u, v):", "    return float(np.trace(np.outer(u, v)))", passed=True),
    _code(
        DOT,
        "def dot(u, v):",
        "    return np.mean(u * v)",
        passed=False,
        says="n times too small",
    ),
    _code(
        DOT,
        "def dot(u, v):",
        "    total = 0",
        "    for x in u:",
        "        for y in v:",
        "            total += x * y",
        "    return total",
        passed=False,
        misc="product-of-sums",
    ),
    _code(DOT, "def dot(u, v):", "    return np.sum(u * v[::-1])", passed=False),
    # review: one-call products PRODUCT did not name, and functions fetched by name.
    _code(
        DOT,
        "def dot(u, v):",
        "    return float(np.correlate(u, v)[0])",
        passed=False,
        says=PRODUCT_SAYS,
    ),
    _code(
        DOT,
        "def dot(u, v):",
        "    return float(np.convolve(u, v[::-1])[len(u) - 1])",
        passed=False,
        says=PRODUCT_SAYS,
    ),
    _code(
        DOT,
        "import scipy.linalg.blas as B",
        "def dot(u, v):",
        "    return B.ddot(u, v)",
        passed=False,
        says=PRODUCT_SAYS,
    ),
    _code(
        DOT,
        "from scipy.linalg import get_blas_funcs",
        "def dot(u, v):",
        "    return get_blas_funcs('dot', (u, v))(u, v)",
        passed=False,
        says=PRODUCT_SAYS,
    ),
    _code(
        DOT,
        "def dot(u, v):",
        "    return (np.matrix(u) * np.matrix(v).T).item()",
        passed=False,
        says=PRODUCT_SAYS,
    ),
    _code(
        DOT,
        "from scipy import sparse",
        "def dot(u, v):",
        "    return float((sparse.csr_matrix(u) * v)[0])",
        passed=False,
        says=PRODUCT_SAYS,
    ),
    _code(
        DOT,
        "def dot(u, v):",
        "    return float(vars(np)['dot'](u, v))",
        passed=False,
        says=BY_NAME,
    ),
    _code(
        DOT,
        "def dot(u, v):",
        "    return float(np.__dict__['d' + 'ot'](u, v))",
        passed=False,
        says=BY_NAME,
    ),
    _code(
        DOT,
        "def dot(u, v):",
        "    name = 'd' + 'ot'",
        "    return float(getattr(np, name)(u, v))",
        passed=False,
        says=BY_NAME,
    ),
]
DOT_TYPED = [
    Typed(SCORE, "1.32e1", True),
    Typed(SCORE, "13.200000001", True),
    Typed(SCORE, "  +13.2", True),
    Typed(SCORE, "\u221213.2", False),  # a typographic minus, read as one: the sign is wrong
    Typed(SCORE, "6.6", False),  # twice the petal width instead of the petal length
    Typed(SCORE, "13.19", False),
]

# --- 04 norm and distance ---------------------------------------------------------------------

DISTANCE, NEAREST_SELF = "la.norm.distance", "la.norm.nearest-self"
DISTANCE_SAYS = "a length or distance"
NORM_CODE = [
    _code(
        DISTANCE,
        "import math",
        "def distance(u, v):",
        "    return math.sqrt(sum((a - b) ** 2 for a, b in zip(u, v)))",
        passed=True,
    ),
    _code(
        DISTANCE, "def distance(u, v):", "    d = u - v", "    return np.sqrt(d @ d)", passed=True
    ),
    _code(
        DISTANCE,
        "def distance(u, v):",
        "    return np.power(np.sum(np.square(np.subtract(v, u))), 0.5)",
        passed=True,
    ),
    # review: float32 arithmetic returned as a Python float (passed only by luck before).
    _code(
        DISTANCE,
        "def distance(u, v):",
        "    d = (u - v).astype(np.float32)",
        "    return float(np.sqrt(np.sum(d * d)))",
        passed=True,
    ),
    _code(DISTANCE, "def distance(u, v):", "    return np.sqrt(np.sum(u - v) ** 2)", passed=False),
    _code(
        DISTANCE, "def distance(u, v):", "    return np.sqrt(np.mean((u - v) ** 2))", passed=False
    ),
    _code(
        DISTANCE,
        "def distance(u, v):",
        "    return np.sqrt(np.sum(u**2 - v**2))",
        passed=False,
        says="nan",
    ),
    # review: one-call distances NORM did not name.
    _code(
        DISTANCE,
        "from scipy.linalg.blas import dnrm2",
        "def distance(u, v):",
        "    return dnrm2(u - v)",
        passed=False,
        says=DISTANCE_SAYS,
    ),
    _code(
        DISTANCE,
        "from sklearn.metrics.pairwise import paired_distances",
        "def distance(u, v):",
        "    return float(paired_distances(u[None], v[None])[0])",
        passed=False,
        says=DISTANCE_SAYS,
    ),
    _code(
        DISTANCE,
        "from scipy.spatial import distance_matrix",
        "def distance(u, v):",
        "    return float(distance_matrix(u[None], v[None])[0, 0])",
        passed=False,
        says=DISTANCE_SAYS,
    ),
    _code(
        DISTANCE,
        "from scipy.spatial import minkowski_distance",
        "def distance(u, v):",
        "    return float(minkowski_distance(u, v))",
        passed=False,
        says=DISTANCE_SAYS,
    ),
    _code(
        DISTANCE,
        "from scipy.spatial import KDTree",
        "def distance(u, v):",
        "    return float(KDTree(u[None]).query(v)[0])",
        passed=False,
        says=DISTANCE_SAYS,
    ),
]
NORM_TYPED = [
    Typed(NEAREST_SELF, "A)", True),
    Typed(NEAREST_SELF, " a ", True),
    Typed(NEAREST_SELF, "60: flower 60 itself", True),
    Typed(NEAREST_SELF, "b", False, "query-not-excluded"),
    Typed(NEAREST_SELF, "d", False, "min-not-argmin"),
]

# --- 05 cosine similarity ---------------------------------------------------------------------

COS, NEAREST = "la.cosine-similarity.implement", "la.cosine-similarity.nearest"
COSINE_CODE = [
    # review: float32 arithmetic returned as a Python float.
    _code(
        COS,
        "def cosine(u, v):",
        "    u, v = u.astype(np.float32), v.astype(np.float32)",
        "    return float(np.sum(u * v) / np.sqrt(np.sum(u * u) * np.sum(v * v)))",
        passed=True,
    ),
    _code(
        COS,
        "def cosine(u, v):",
        "    u_hat = u / np.sqrt(u @ u)",
        "    v_hat = v / np.sqrt(v @ v)",
        "    return u_hat @ v_hat",
        passed=True,
    ),
    _code(
        COS,
        "import math",
        "def cosine(u, v):",
        "    top = math.fsum(a * b for a, b in zip(u, v))",
        "    length_u = math.sqrt(math.fsum(a * a for a in u))",
        "    return top / length_u / math.sqrt(math.fsum(b * b for b in v))",
        passed=True,
    ),
    _code(
        COS,
        "def cosine(u, v):",
        "    return np.clip(u @ v / (np.linalg.norm(u) * np.linalg.norm(v)), -1.0, 1.0)",
        passed=True,
    ),
    _code(
        COS,
        "def cosine(u, v):",
        "    return u @ v / (np.sum(np.abs(u)) * np.sum(np.abs(v)))",
        passed=False,
    ),
    _code(
        COS, "def cosine(u, v):", "    return u @ v / (np.sum(u**2) * np.sum(v**2))", passed=False
    ),
    _code(
        COS,
        "def cosine(u, v):",
        "    return np.degrees(np.arccos(u @ v / (np.linalg.norm(u) * np.linalg.norm(v))))",
        passed=False,
    ),
    # review: SciPy's and scikit-learn's pairwise functions compute the cosine in one call.
    _code(
        COS,
        "from scipy.spatial.distance import cdist",
        "def cosine(u, v):",
        "    return float(1 - cdist(u[None], v[None], 'cosine')[0, 0])",
        passed=False,
        says="a cosine similarity",
    ),
    _code(
        COS,
        "from sklearn.metrics import pairwise_distances",
        "def cosine(u, v):",
        "    return float(1 - pairwise_distances(u[None], v[None], metric='cosine')[0, 0])",
        passed=False,
        says="a cosine similarity",
    ),
    _code(
        COS,
        "from sklearn.metrics.pairwise import pairwise_kernels",
        "def cosine(u, v):",
        "    return float(pairwise_kernels(u[None], v[None], metric='cosine')[0, 0])",
        passed=False,
        says="a cosine similarity",
    ),
    _code(
        NEAREST,
        "def nearest(X, q, k):",
        "    sims = (X @ q) / np.linalg.norm(X, axis=1)  # q's length ranks nothing",
        "    return np.argsort(sims)[::-1][:k]",
        passed=True,
    ),
    _code(
        NEAREST,
        "def nearest(X, q, k):",
        "    sims = [float(row @ q / (np.linalg.norm(row) * np.linalg.norm(q))) for row in X]",
        "    return sorted(range(len(sims)), key=lambda i: -sims[i])[:k]",
        passed=True,
    ),
    _code(
        NEAREST,
        "def nearest(X, q, k):",
        "    X, q = X.astype(np.float32), q.astype(np.float32)",
        "    sims = X @ q / np.linalg.norm(X, axis=1) / np.linalg.norm(q)",
        "    top = np.argpartition(-sims, k)[:k]",
        "    return top[np.argsort(-sims[top])]",
        passed=True,
    ),
    # For unit vectors, ranking by distance is ranking by cosine.
    _code(
        NEAREST,
        "def nearest(X, q, k):",
        "    X_hat = X / np.linalg.norm(X, axis=1, keepdims=True)",
        "    d = np.linalg.norm(X_hat - q / np.linalg.norm(q), axis=1)",
        "    return np.argsort(d)[:k]",
        passed=True,
    ),
    # The lesson skips order[0] because its query is a row of X; here it is not.
    _code(
        NEAREST,
        "def nearest(X, q, k):",
        "    X_hat = X / np.linalg.norm(X, axis=1, keepdims=True)",
        "    return np.argsort(-(X_hat @ q))[1 : k + 1]",
        passed=False,
        misc="skipped-best",
    ),
    _code(
        NEAREST,
        "def nearest(X, q, k):",
        "    X_hat = X / np.linalg.norm(X, axis=1, keepdims=True)",
        "    return np.sort(X_hat @ q)[::-1][:k]",
        passed=False,
    ),
    _code(
        NEAREST,
        "def nearest(X, q, k):",
        "    return np.argsort(np.linalg.norm(X - q, axis=1))[:k]",
        passed=False,
    ),
]

# --- 06 matrices ------------------------------------------------------------------------------

MATRIX_SHAPES, FLAVANOIDS, TRANSFORM = (
    "la.matrices.predict-shapes",
    "la.matrices.flavanoids",
    "la.matrices.transform",
)
MATRICES_TYPED = [
    Typed(MATRIX_SHAPES, "(3, 2)\n[1 4]\n(2,)\n\n", True),
    Typed(MATRIX_SHAPES, "(3, 2)\r\n[1 4]\r\n(2,)", True),
    Typed(MATRIX_SHAPES, "(3, 2)  \n[1 4]  \n(2,)", True),
    Typed(MATRIX_SHAPES, "(2, 3)\n[1 4]\n(2,)", False, None, "Line 1"),
    Typed(MATRIX_SHAPES, "(3, 2)\n[1 4]\n(3,)", False, None, "Line 3"),
    Typed(FLAVANOIDS, "2.025", True),
    Typed(FLAVANOIDS, "2.0292696629", True),
    Typed(FLAVANOIDS, "2.03 ", True),
    Typed(FLAVANOIDS, "2.30", False),  # F[5], total phenols: counted the sixth name from 1
    Typed(FLAVANOIDS, "110.5", False, "wrong-layout"),
]
MATRICES_CODE = [
    _code(TRANSFORM, "def transform(points, M):", "    return points @ M.T", passed=True),
    _code(
        TRANSFORM,
        "def transform(points, M):",
        "    return np.array([M @ p for p in points])",
        passed=True,
    ),
    _code(
        TRANSFORM,
        "def transform(points, M):",
        "    out = np.empty_like(points)",
        "    out[:, 0] = M[0, 0] * points[:, 0] + M[0, 1] * points[:, 1]",
        "    out[:, 1] = M[1, 0] * points[:, 0] + M[1, 1] * points[:, 1]",
        "    return out",
        passed=True,
    ),
    # review: float32 arithmetic returned as float64.
    _code(
        TRANSFORM,
        "def transform(points, M):",
        "    return np.einsum('ij,nj->ni', M, points.astype(np.float32))",
        passed=True,
    ),
    _code(
        TRANSFORM,
        "def transform(points, M):",
        "    return (points @ M).T",
        passed=False,
        says="wrong shape",
    ),
    _code(
        TRANSFORM,
        "def transform(points, M):",
        "    return (M.T @ points.T).T",
        passed=False,
        misc="missing-transpose",
        says="slide the points up",
    ),
    _code(
        TRANSFORM,
        "def transform(points, M):",
        "    return (M @ points.T).reshape(-1, 2)",
        passed=False,
    ),
]

# --- 07 matrix-vector product -----------------------------------------------------------------

MATVEC, COLUMN_VIEW, MATVEC_SHAPES = (
    "la.matvec.implement",
    "la.matvec.column-view",
    "la.matvec.predict-shapes",
)
MATVEC_CODE = [
    _code(
        MATVEC,
        "def matvec(A, x):",
        "    y = np.zeros(A.shape[0])",
        "    for j in range(A.shape[1]):",
        "        y = y + x[j] * A[:, j]",
        "    return y",
        passed=True,
    ),
    _code(
        MATVEC,
        "def matvec(A, x):",
        "    return np.array([sum(a * b for a, b in zip(row, x)) for row in A.tolist()])",
        passed=True,
    ),
    _code(MATVEC, "def matvec(A, x):", "    return np.add.reduce(A.T * x[:, None])", passed=True),
    # x @ A written as a loop: the rows of A weighted by x.
    _code(
        MATVEC,
        "def matvec(A, x):",
        "    y = np.zeros(A.shape[1])",
        "    for i in range(A.shape[0]):",
        "        y = y + x[i] * A[i]",
        "    return y",
        passed=False,
    ),
    _code(
        MATVEC,
        "def matvec(A, x):",
        "    return np.sum(A * x[:, None], axis=0)",
        passed=False,
        misc="columns-of-a",
    ),
    # review: one-call products PRODUCT did not name.
    _code(
        MATVEC,
        "def matvec(A, x):",
        "    return np.asarray(np.matrix(A) * np.matrix(x).T).ravel()",
        passed=False,
        says=PRODUCT_SAYS,
    ),
    _code(
        MATVEC,
        "from scipy.linalg.blas import dgemv",
        "def matvec(A, x):",
        "    return dgemv(1.0, A, x)",
        passed=False,
        says=PRODUCT_SAYS,
    ),
    _code(
        MATVEC,
        "def matvec(A, x):",
        "    return np.array([np.correlate(row, x)[0] for row in A])",
        passed=False,
        says=PRODUCT_SAYS,
    ),
]
MATVEC_TYPED = [
    Typed(COLUMN_VIEW, "[1 5]", True),
    Typed(COLUMN_VIEW, "C)", True),
    Typed(COLUMN_VIEW, " c", True),
    Typed(COLUMN_VIEW, "a", False),
    Typed(COLUMN_VIEW, "b", False, "picked-a-row"),
    # The shapes are no longer the (150, 4) @ (4,) that the lesson prints.
    Typed(MATVEC_SHAPES, "(30,)\n(30, 5)", True),
    Typed(MATVEC_SHAPES, "(30,)\r\n(30, 5)\r\n", True),
    Typed(MATVEC_SHAPES, "(30,)   \n(30, 5)\n\n", True),
    Typed(MATVEC_SHAPES, "(30,)\n(30,)", False, "elementwise-is-matvec"),
    Typed(MATVEC_SHAPES, "(5,)\n(30, 5)", False, "one-entry-per-column"),
    Typed(MATVEC_SHAPES, "(150,)\n(150, 4)", False, None, "Line 1"),
]

# --- 08 matrix multiplication -----------------------------------------------------------------

MATMUL, SHAPE_RULE = "la.matmul.implement", "la.matmul.shape-rule"
MATMUL_CODE = [
    _code(
        MATMUL,
        "def matmul(A, B):",
        "    C = np.zeros((A.shape[0], B.shape[1]))",
        "    for k in range(A.shape[1]):",
        "        C += np.outer(A[:, k], B[k, :])",
        "    return C",
        passed=True,
    ),
    _code(
        MATMUL,
        "def matmul(A, B):",
        "    return np.sum(A[:, :, None] * B[None, :, :], axis=1)",
        passed=True,
    ),
    _code(
        MATMUL,
        "def matmul(A, B):",
        "    cols = list(zip(*B.tolist()))",
        "    return [[sum(a * b for a, b in zip(row, col)) for col in cols] for row in A.tolist()]",
        passed=True,
    ),
    _code(
        MATMUL,
        "def matmul(A, B):",
        "    cols = [np.sum(A * B[:, j], axis=1) for j in range(B.shape[1])]",
        "    return np.column_stack(cols).astype(np.float32)",
        passed=True,
    ),
    # Row j of B where column j was meant: A @ B.T.
    _code(
        MATMUL,
        "def matmul(A, B):",
        "    C = np.zeros((A.shape[0], B.shape[1]))",
        "    for i in range(A.shape[0]):",
        "        for j in range(B.shape[1]):",
        "            C[i, j] = np.sum(A[i, :] * B[j, :])",
        "    return C",
        passed=False,
    ),
    _code(
        MATMUL,
        "def matmul(A, B):",
        "    C = np.zeros((A.shape[0], B.shape[1]))",
        "    for i in range(A.shape[0]):",
        "        for j in range(B.shape[1]):",
        "            C[i, j] = np.sum(A[:, i] * B[:, j])",
        "    return C",
        passed=False,
        misc="columns-of-a",
    ),
    # review: one-call products PRODUCT did not name.
    _code(
        MATMUL,
        "def matmul(A, B):",
        "    return np.asarray(np.matrix(A) * np.matrix(B))",
        passed=False,
        says=PRODUCT_SAYS,
    ),
    _code(
        MATMUL,
        "from scipy.linalg.blas import dgemm",
        "def matmul(A, B):",
        "    return dgemm(1.0, A, B)",
        passed=False,
        says=PRODUCT_SAYS,
    ),
    _code(
        MATMUL,
        "from scipy import sparse",
        "def matmul(A, B):",
        "    return (sparse.csr_matrix(A) * B)",
        passed=False,
        says=PRODUCT_SAYS,
    ),
]
MATMUL_TYPED = [
    # Not the (5, 4) @ (4, 3) that the lesson prints: (5, 6) @ (6, 3).
    Typed(SHAPE_RULE, "(5, 3)", True),
    Typed(SHAPE_RULE, "A.", True),
    Typed(SHAPE_RULE, " a ", True),
    Typed(SHAPE_RULE, "b", False, "inner-sizes-kept"),
    Typed(SHAPE_RULE, "d", False),
]

# --- 10 dense layer ---------------------------------------------------------------------------

DENSE, PARAMS = "nn.dense-layer.implement", "nn.dense-layer.param-count"
DENSE_CODE = [
    _code(DENSE, "def dense(X, W, b):", "    return (W @ X.T).T + b", passed=True),
    _code(DENSE, "def dense(X, W, b):", "    return np.stack([W @ x + b for x in X])", passed=True),
    _code(
        DENSE,
        "def dense(X, W, b):",
        "    out = np.zeros((X.shape[0], W.shape[0]), dtype=np.float32)",
        "    for k in range(X.shape[0]):",
        "        for i in range(W.shape[0]):",
        "            out[k, i] = np.sum(X[k] * W[i]) + b[i]",
        "    return out",
        passed=True,
    ),
    _code(DENSE, "def dense(X, W, b):", "    return X @ W.T + b.reshape(1, -1)", passed=True),
    _code(
        DENSE,
        "def dense(X, W, b):",
        "    return X @ W.T + b[:, None]",
        passed=False,
        says="could not be broadcast",
    ),
    _code(DENSE, "def dense(X, W, b):", "    return np.maximum(X @ W.T + b, 0)", passed=False),
    _code(DENSE, "def dense(X, W, b):", "    return (X + b[: X.shape[1]]) @ W.T", passed=False),
]
DENSE_TYPED = [
    Typed(PARAMS, "650.", True),
    Typed(PARAMS, "649.6", True),
    Typed(PARAMS, "6.5e+2", True),
    Typed(PARAMS, "641", False, "one-bias"),
    Typed(PARAMS, "660", False),
    Typed(PARAMS, "74", False),  # 64 + 10: added the sizes
]

TYPED = (
    VECTORS_TYPED
    + COMBINATION_TYPED
    + DOT_TYPED
    + NORM_TYPED
    + MATRICES_TYPED
    + MATVEC_TYPED
    + MATMUL_TYPED
    + DENSE_TYPED
)
CODE = (
    VECTORS_CODE
    + COMBINATION_CODE
    + DOT_CODE
    + NORM_CODE
    + COSINE_CODE
    + MATRICES_CODE
    + MATVEC_CODE
    + MATMUL_CODE
    + DENSE_CODE
)


@pytest.mark.parametrize("row", TYPED, ids=_id)
def test_a_typed_answer_gets_its_verdict(grader: Grader, row: Typed) -> None:
    feedback = grader.check_text(row.checkpoint, row.text)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)


@pytest.mark.parametrize("row", CODE, ids=_id)
def test_a_submitted_function_gets_its_verdict(grader: Grader, row: Code) -> None:
    feedback = grader.check_source(row.checkpoint, "import numpy as np\n" + row.body)
    _assert_verdict(row, feedback.passed, feedback.misconception, feedback.message)


def test_every_module2_checkpoint_has_three_correct_and_two_wrong_rows() -> None:
    from mlpath.grade.loader import load_checkpoints

    # The batches-and-tensors lessons keep theirs in test_tensors_checkpoints.py.
    ids = [
        cid
        for cid in load_checkpoints()
        if cid.startswith(("la.", "nn.dense-layer.")) and not cid.startswith("la.batched-matmul.")
    ]
    for cid in ids:
        rows = [row for row in (*TYPED, *CODE) if row.checkpoint == cid]
        assert sum(row.passed for row in rows) >= 3, cid
        assert sum(not row.passed for row in rows) >= 2, cid
