"""`explain`: the concepts behind a learner's file, found by reading its syntax tree."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from mlpath.course.catalog import load_catalog
from mlpath.errors import MlpathError
from mlpath.explain import (
    CodeMap,
    CodeMapError,
    ExplainError,
    Explanation,
    explain_file,
    explain_source,
    load_code_map,
    render_text,
)

TUTORIAL = Path(__file__).parent / "data" / "tutorial.py"
TEXT = TUTORIAL.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def code_map() -> CodeMap:
    return load_code_map()


@pytest.fixture(scope="module")
def tutorial(code_map: CodeMap) -> Explanation:
    return explain_file(TUTORIAL, code_map)


def line_of(snippet: str, text: str = TEXT) -> int:
    """The 1-based line that contains `snippet` (which must be on exactly one line)."""
    hits = [n for n, line in enumerate(text.splitlines(), start=1) if snippet in line]
    assert len(hits) == 1, f"{snippet!r} is on lines {hits}; use a snippet found once"
    return hits[0]


def pairs(explanation: Explanation) -> set[tuple[int, str]]:
    return {(f.line, concept) for f in explanation.findings for concept in f.concepts}


def qualified(source: str, code_map: CodeMap) -> list[str]:
    return [f.qualified for f in explain_source(source, "learner.py", code_map).findings]


# --- the tutorial ---------------------------------------------------------------------------------

# (a snippet of the line, a concept explain must name on that line)
TUTORIAL_EXPECTED = [
    ("rng = np.random.default_rng(SEED)", "np.randomness"),
    ("X.mean(axis=0), X.std(axis=0)", "np.vectorization"),
    ("X.mean(axis=0), X.std(axis=0)", "stat.spread"),
    ("X_train, X_test, y_train, y_test = train_test_split(", "eval.split"),
    ("scaler = StandardScaler()", "stat.standardization"),
    ("scaler.fit_transform(X_train)", "stat.standardization"),
    ("scaler.transform(X_test)", "stat.standardization"),
    ("clf = LogisticRegression(max_iter=1000)", "clf.logistic-regression"),
    ("clf.fit(X_train_std, y_train)", "clf.logistic-regression"),
    ("clf.predict_proba(X_test_std)", "clf.sigmoid"),
    ("metrics.accuracy_score(", "eval.confusion-matrix"),
    ("metrics.precision_score(", "eval.precision-recall"),
    ("cm = confusion_matrix(", "eval.confusion-matrix"),
    ("auc = roc_auc_score(", "eval.roc-pr-curves"),
    ("cv = StratifiedKFold(", "eval.cross-validation"),
    ("scores = cross_val_score(", "eval.cross-validation"),
    ("return 1.0 / (1.0 + np.exp(-z))", "fd.exp-log"),
    ("p = sigmoid(Xb @ w)", "la.matmul"),
    ("grad = Xb.T @ (p - y_train)", "la.matrices"),
    ("grad = Xb.T @ (p - y_train)", "la.matmul"),
    ("np.linalg.norm(grad)", "la.norm"),
    ("cosine = np.dot(", "la.dot-product"),
    ("cosine = np.dot(", "la.norm"),
    ("r_matrix = np.corrcoef(", "stat.correlation"),
    ("stats.pearsonr(", "stat.correlation"),
    ("stats.ttest_ind(", "stat.hypothesis-testing"),
    ("pca = PCA(n_components=2)", "emb.pca"),
    ("pca.fit_transform(X_train_std)", "emb.pca"),
    ("Z = Z - Z.max(axis=1, keepdims=True)", "np.vectorization"),
    ("return expZ / expZ.sum(axis=1, keepdims=True)", "fd.summation"),
    ("softmax(logits, axis=1)", "clf.softmax"),
    ("pred = np.argmax(", "fd.functions"),
    ("model = nn.Linear(", "nn.dense-layer"),
    ("loss_fn = nn.CrossEntropyLoss()", "clf.cross-entropy"),
    ("optimizer = torch.optim.SGD(", "calc.sgd"),
    ("optimizer.step()", "calc.sgd"),
    ("loss.backward()", "nn.autograd"),
]


@pytest.mark.parametrize(("snippet", "concept"), TUTORIAL_EXPECTED)
def test_the_tutorial_finding_is_on_the_right_line(
    tutorial: Explanation, snippet: str, concept: str
) -> None:
    assert (line_of(snippet), concept) in pairs(tutorial)


def test_the_tutorial_uses_many_concepts_in_order_of_first_use(tutorial: Explanation) -> None:
    concepts = tutorial.concepts
    assert len(concepts) >= 25
    assert len(set(concepts)) == len(concepts)
    assert concepts[0] == "np.randomness"  # the first call in the file
    assert concepts.index("eval.split") < concepts.index("clf.softmax")
    assert [f.line for f in tutorial.findings] == sorted(f.line for f in tutorial.findings)


def test_findings_show_the_code_as_written_with_its_column(tutorial: Explanation) -> None:
    line = line_of("np.linalg.norm(grad)")
    (finding,) = [f for f in tutorial.findings if f.line == line]
    assert finding.code == "np.linalg.norm(grad)"
    assert finding.qualified == "numpy.linalg.norm"
    assert finding.col == TEXT.splitlines()[line - 1].index("np.linalg.norm") + 1
    assert finding.says


def test_a_call_over_several_lines_is_shown_on_one(tutorial: Explanation) -> None:
    line = line_of("X_train, X_test, y_train, y_test = train_test_split(")
    (finding,) = [f for f in tutorial.findings if f.line == line]
    expected = "train_test_split(X, y, test_size=0.25, stratify=y, random_state=SEED)"
    assert finding.code == expected


def test_by_concept_groups_findings(tutorial: Explanation) -> None:
    groups = tutorial.by_concept()
    assert list(groups) == list(tutorial.concepts)
    norms = [f.code for f in groups["la.norm"]]
    assert norms == ["np.linalg.norm(grad)", "np.linalg.norm(w)", "np.linalg.norm(w_sklearn)"]


def test_explaining_the_tutorial_takes_milliseconds(code_map: CodeMap) -> None:
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        explain_source(TEXT, "tutorial.py", code_map)
        runs.append(time.perf_counter() - start)
    assert min(runs) < 0.05


# --- resolving names ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import numpy as np\nnp.linalg.norm(x)", "numpy.linalg.norm"),
        ("import numpy\nnumpy.dot(a, b)", "numpy.dot"),
        ("import numpy.linalg\nnumpy.linalg.norm(x)", "numpy.linalg.norm"),
        ("from numpy.linalg import norm\nnorm(x)", "numpy.linalg.norm"),
        ("from numpy import linalg as la\nla.norm(x)", "numpy.linalg.norm"),
        ("from numpy import *\ndot(a, b)", "numpy.dot"),
        (
            "from sklearn.preprocessing import StandardScaler as SS\nSS()",
            "sklearn.preprocessing.StandardScaler",
        ),
        ("import torch.nn.functional as F\nF.softmax(x, dim=-1)", "torch.nn.functional.softmax"),
        ("from torch import nn\nnn.CrossEntropyLoss()", "torch.nn.CrossEntropyLoss"),
        ("import torch\ntorch.nn.CrossEntropyLoss()", "torch.nn.CrossEntropyLoss"),
        ("from sklearn import metrics\nmetrics.f1_score(y, p)", "sklearn.metrics.f1_score"),
        ("import scipy.stats as st\nst.ttest_ind(a, b)", "scipy.stats.ttest_ind"),
        ("def f(x):\n    import numpy as np\n    return np.exp(x)", "numpy.exp"),
    ],
)
def test_imports_and_aliases_resolve(source: str, expected: str, code_map: CodeMap) -> None:
    assert qualified(source, code_map) == [expected]


def test_a_failed_optional_import_keeps_the_module_name(code_map: CodeMap) -> None:
    source = "try:\n    import torch\nexcept ImportError:\n    torch = None\ntorch.softmax(x, 0)\n"
    assert qualified(source, code_map) == ["torch.softmax"]


def test_rebinding_a_name_forgets_the_import(code_map: CodeMap) -> None:
    source = (
        "import numpy as np\nfrom scipy.special import softmax\n"
        "np = make_fake()\nnp.corrcoef(a, b)\n"
        "def softmax(z):\n    return z\nsoftmax(x)\n"
    )
    assert qualified(source, code_map) == []


# --- instances ------------------------------------------------------------------------------------


def test_methods_resolve_through_the_class_an_assignment_made(code_map: CodeMap) -> None:
    source = (
        "from sklearn.preprocessing import StandardScaler\n"
        "scaler = StandardScaler()\n"
        "Z_train = scaler.fit_transform(X_train)\n"
        "Z_test = scaler.transform(X_test)\n"
    )
    explanation = explain_source(source, "learner.py", code_map)
    assert [(f.line, f.qualified) for f in explanation.findings] == [
        (2, "sklearn.preprocessing.StandardScaler"),
        (3, "sklearn.preprocessing.StandardScaler.fit_transform"),
        (4, "sklearn.preprocessing.StandardScaler.transform"),
    ]
    # Standardisation is taught (with "fit on the training rows only") before the leakage
    # lesson, so the map names the concept a learner meets first, and the phrase says why.
    assert explanation.findings[2].concepts == ("stat.standardization",)
    assert "no leakage" in explanation.findings[2].says


def test_a_generic_method_on_a_known_class_gets_the_class_concepts(code_map: CodeMap) -> None:
    source = (
        "from sklearn.linear_model import LogisticRegression\n"
        "model = LogisticRegression().fit(X, y)\n"  # fit returns the model itself
        "model.fit(X, y)\n"
    )
    findings = explain_source(source, "learner.py", code_map).findings
    fits = [f for f in findings if f.qualified.endswith(".fit")]
    assert [f.line for f in fits] == [2, 3]
    assert all("clf.logistic-regression" in f.concepts for f in fits)


def test_methods_on_returned_objects_and_attributes_resolve(code_map: CodeMap) -> None:
    source = (
        "import numpy as np\nfrom torch import nn\n"
        "rng = np.random.default_rng(0)\n"
        "x = rng.normal(size=3)\n"
        "class Net(nn.Module):\n"
        "    def __init__(self):\n"
        "        self.fc = nn.Linear(3, 2)\n"
        "    def forward(self, x):\n"
        "        return self.fc(x)\n"
    )
    assert qualified(source, code_map) == [
        "numpy.random.default_rng",
        "numpy.random.Generator.normal",
        "torch.nn.Linear",
        "torch.nn.Linear.__call__",
    ]


def test_methods_on_unknown_objects_are_mapped_conservatively(code_map: CodeMap) -> None:
    source = (
        "from sklearn.ensemble import RandomForestClassifier\n"
        "forest = RandomForestClassifier()\n"  # not in the map: its fit says nothing
        "forest.fit(X, y)\n"
        "thing.fit(X, y)\n"  # unknown receiver
        "logger.log('x')\n"  # .log is not taken for a logarithm
        "loss.backward()\n"
        "X.std(ddof=1)\n"
    )
    assert qualified(source, code_map) == [".backward", ".std"]
    std = explain_source(source, "learner.py", code_map).findings[-1]
    assert "n - ddof" in std.says


def test_keyword_entries_are_chosen_by_the_keywords_passed(code_map: CodeMap) -> None:
    source = "import numpy as np\nnp.std(x)\nnp.std(x, ddof=1)\n"
    first, second = explain_source(source, "learner.py", code_map).findings
    assert "ddof=0" in first.says
    assert first.says != second.says


# --- operators and attributes -------------------------------------------------------------------


def test_the_matmul_operator_and_transpose(code_map: CodeMap) -> None:
    source = "import numpy as np\n\ny = A @ x\nG = X.T @ X\nA @= B\n"
    findings = explain_source(source, "learner.py", code_map).findings
    assert [(f.line, f.col, f.code, f.qualified) for f in findings] == [
        (3, 5, "A @ x", "@"),
        (4, 5, "X.T @ X", "@"),
        (4, 5, "X.T", ".T"),
        (5, 1, "A @= B", "@"),
    ]
    assert findings[0].concepts == ("la.matmul",)
    assert findings[2].concepts == ("la.matrices",)


def test_unknown_calls_are_ignored(code_map: CodeMap) -> None:
    source = (
        "import os\nimport numpy as np\nimport pandas as pd\n"
        "np.frobnicate(x)\nos.getcwd()\npd.read_csv('a.csv')\nprint(len(x))\nx.foo()\n"
        "np.pi\n"
    )
    assert explain_source(source, "learner.py", code_map).findings == []


# --- never runs the file ------------------------------------------------------------------------


def test_the_file_is_read_not_run(tmp_path: Path, code_map: CodeMap) -> None:
    victim = tmp_path / "precious.txt"
    victim.write_text("keep me")
    learner = tmp_path / "learner.py"
    learner.write_text(
        f"import os\nos.remove({str(victim)!r})\n"
        "raise SystemExit(3)\n"
        "import numpy as np\nnp.dot(a, b)\n"
        "while True:\n    pass\n"
    )
    explanation = explain_file(learner, code_map)
    assert victim.read_text() == "keep me"
    assert [(f.line, f.qualified) for f in explanation.findings] == [(5, "numpy.dot")]


# --- errors ---------------------------------------------------------------------------------------


def test_a_syntax_error_names_the_file_and_line(tmp_path: Path, code_map: CodeMap) -> None:
    learner = tmp_path / "learner.py"
    learner.write_text("import numpy as np\n\nfor x in range(3)\n    print(np.exp(x))\n")
    with pytest.raises(MlpathError) as caught:
        explain_file(learner, code_map)
    assert isinstance(caught.value, ExplainError)
    assert str(caught.value).startswith(f"{learner}:3: ")
    assert "not valid Python" in str(caught.value)
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


@pytest.mark.parametrize(
    ("content", "problem"),
    [(b"x = '\xff'\n", "not UTF-8"), (b"x = 1\0\n", "null bytes")],
)
def test_unreadable_files_are_reported(
    tmp_path: Path, code_map: CodeMap, content: bytes, problem: str
) -> None:
    learner = tmp_path / "learner.py"
    learner.write_bytes(content)
    with pytest.raises(ExplainError, match=problem) as caught:
        explain_file(learner, code_map)
    assert str(caught.value).startswith(str(learner))


def test_a_missing_file_is_reported(tmp_path: Path, code_map: CodeMap) -> None:
    with pytest.raises(ExplainError, match="cannot read the file"):
        explain_file(tmp_path / "nowhere.py", code_map)


# --- the code map -------------------------------------------------------------------------------


def test_every_concept_in_the_code_map_exists(code_map: CodeMap) -> None:
    catalog = load_catalog()
    assert code_map.concept_ids() <= set(catalog.concepts)
    load_code_map(known_concepts=catalog.concepts)  # the loader's own check agrees
    assert len(code_map.calls) >= 80


def test_the_code_map_is_parsed_once(code_map: CodeMap) -> None:
    assert load_code_map() is load_code_map()


def test_unknown_concepts_are_named_with_file_line_and_key(tmp_path: Path) -> None:
    path = tmp_path / "code-map.yaml"
    path.write_text("calls:\n  numpy.dot: {concepts: [la.dotproduct], says: dot}\n")
    with pytest.raises(CodeMapError) as caught:
        load_code_map(path, known_concepts={"la.dot-product"})
    assert str(caught.value) == (
        f"{path.resolve()}:2: calls.numpy.dot names the unknown concept 'la.dotproduct'; "
        "concepts are listed in concepts.yaml"
    )


def test_malformed_entries_are_all_reported(tmp_path: Path) -> None:
    path = tmp_path / "code-map.yaml"
    path.write_text(
        "calls:\n"
        "  numpy.dot: [la.dot-product]\n"
        "  numpy.exp: {concepts: [fd.exp-log]}\n"
        "operators:\n"
        "  '%': {concepts: [fd.arithmetic], says: remainder}\n"
        "method:\n"
        "  mean: {concepts: [stat.descriptive], says: mean}\n"
    )
    with pytest.raises(CodeMapError) as caught:
        load_code_map(path)
    problems = caught.value.problems
    assert len(problems) == 4
    assert any(":6: unknown section 'method'; expected one of calls" in p for p in problems)
    assert any(":2: calls.numpy.dot: expected {concepts:" in p for p in problems)
    assert any(":3: calls.numpy.exp: 'says' must be a short phrase" in p for p in problems)
    assert any("operators.%: unknown operator; expected one of @" in p for p in problems)


def test_invalid_yaml_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "code-map.yaml"
    path.write_text("calls:\n  numpy.dot: {concepts: [la.dot-product\n")
    with pytest.raises(CodeMapError, match=r"code-map.yaml:\d+: not valid YAML"):
        load_code_map(path)


# --- the report ---------------------------------------------------------------------------------


def test_the_report_lists_each_concept_with_its_lines(tutorial: Explanation) -> None:
    titles = {cid: concept.title for cid, concept in load_catalog().concepts.items()}
    report = render_text(tutorial, titles)
    lines = report.splitlines()
    assert lines[0] == f"The math behind your code ({TUTORIAL})"
    assert "la.norm — Norms (L1, L2) and Euclidean distance" in lines
    heading = lines.index("la.norm — Norms (L1, L2) and Euclidean distance")
    first = lines[heading + 1].split()
    assert first[:2] == [f"{TUTORIAL}:{line_of('np.linalg.norm(grad)')}", "np.linalg.norm(grad)"]
    assert lines[heading + 1].endswith("(vector length (L2 norm by default))")


def test_the_report_without_titles_or_findings() -> None:
    empty = render_text(Explanation(filename="empty.py"), {})
    assert "No NumPy, SciPy, scikit-learn or PyTorch code" in empty
    source = "import numpy as np\nnp.dot(a, b)\n"
    report = render_text(explain_source(source, "a.py", load_code_map()), {})
    assert "\nla.dot-product\n  a.py:2  np.dot(a, b)  (dot product" in report
