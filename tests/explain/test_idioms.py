"""`explain` recognises the idioms that span several lines: attention, heads, residuals, ReLU."""

from pathlib import Path

import pytest

from mlpath.errors import CodeMapError
from mlpath.explain import CodeMap, Explanation, explain_file, explain_source, load_code_map

DATA = Path(__file__).parent / "data"
GPT = DATA / "gpt_block.py"
NUMPY = DATA / "numpy_attention.py"


@pytest.fixture(scope="module")
def code_map() -> CodeMap:
    return load_code_map()


def line_of(path: Path, snippet: str) -> int:
    hits = [n for n, line in enumerate(path.read_text().splitlines(), 1) if snippet in line]
    assert len(hits) == 1, f"{snippet!r} is on lines {hits}"
    return hits[0]


def idioms(explanation: Explanation) -> list[tuple[int, str]]:
    return [
        (f.line, f.qualified.removeprefix("idiom:"))
        for f in explanation.findings
        if f.qualified.startswith("idiom:")
    ]


def idioms_in(source: str, code_map: CodeMap) -> list[str]:
    return [name for _, name in idioms(explain_source(source, "learner.py", code_map))]


def test_a_nanogpt_block_reads_as_attention_heads_and_residuals(code_map: CodeMap) -> None:
    found = explain_file(GPT, code_map)
    split = [line_of(GPT, f"{name} = {name}.view(B, T, self.n_head") for name in "kqv"]
    assert idioms(found) == [
        *((line, "split-heads") for line in split),
        (line_of(GPT, "att = (q @ k.transpose(-2, -1))"), "scaled-attention"),
        (line_of(GPT, "y = y.transpose(1, 2).contiguous()"), "merge-heads"),
        (line_of(GPT, "x = x + self.attn(self.ln_1(x))"), "residual"),
        (line_of(GPT, "x = x + self.mlp(self.ln_2(x))"), "residual"),
    ]
    attention = next(f for f in found.findings if f.qualified == "idiom:scaled-attention")
    assert attention.concepts == ("tf.attention",)
    assert attention.code == "q @ k.transpose(-2, -1) ... att @ v"
    first, last = line_of(GPT, "att = (q @ k"), line_of(GPT, "y = att @ v")
    assert f"(lines {first}-{last})" in attention.says


def test_the_block_names_every_transformer_concept(code_map: CodeMap) -> None:
    concepts = set(explain_file(GPT, code_map).concepts)
    expected = {"tf.attention", "tf.multihead", "tf.causal-mask", "nn.residual"}
    expected |= {"nn.activations", "emb.lookup", "nn.normalization", "nn.dense-layer"}
    assert expected <= concepts


def test_the_numpy_spelling_reads_the_same(code_map: CodeMap) -> None:
    found = idioms(explain_file(NUMPY, code_map))
    assert (line_of(NUMPY, "return np.maximum(0, z)"), "relu") in found
    assert (line_of(NUMPY, "Q = Q.reshape(B, T, h, d // h)"), "split-heads") in found
    # A hand-written softmax (exp, then divide by the sum) counts as the softmax.
    assert (line_of(NUMPY, "scores = Q @ K.swapaxes(-1, -2)"), "scaled-attention") in found
    assert (line_of(NUMPY, "out = out.transpose(0, 2, 1, 3)"), "merge-heads") in found
    assert (line_of(NUMPY, "weights = softmax(Q @ K.T)"), "unscaled-attention") in found
    assert (line_of(NUMPY, "H = X + attention(X)"), "residual") in found
    assert (line_of(NUMPY, "H = H + relu(H @ W1) @ W2"), "residual") in found


def test_lookalikes_are_not_idioms(code_map: CodeMap) -> None:
    found = {line for line, _ in idioms(explain_file(NUMPY, code_map))}
    for lookalike in (
        "w = w - lr * np.gradient(w)",  # an update step
        "centred = H - H.mean(",  # a mean subtracted
        "flat = H.reshape(B, T, h, d // h)",  # reshaped, never transposed
        "total = w + np.exp(w)",  # arithmetic, not a layer
    ):
        assert line_of(NUMPY, lookalike) not in found


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # Scaling first, on the queries; a scale factor computed on its own line.
        ("q = q * d ** -0.5\nw = softmax(q @ k.T)\nout = w @ v", ["scaled-attention"]),
        (
            "s = 1 / math.sqrt(d)\na = q @ k.mT * s\na = a.softmax(-1)\ny = a @ v",
            ["scaled-attention"],
        ),
        # Einsum, both halves.
        (
            "a = np.einsum('bqd,bkd->bqk', q, k) / np.sqrt(d)\n"
            "w = softmax(a)\ny = np.einsum('bqk,bkd->bqd', w, v)",
            ["scaled-attention"],
        ),
        # torch.matmul and a mask added before the softmax.
        (
            "a = torch.matmul(q, k.transpose(-2, -1)) / math.sqrt(d)\n"
            "a = a + mask\ny = torch.matmul(torch.softmax(a, dim=-1), v)",
            ["scaled-attention"],
        ),
        # einops spells the split and the merge as patterns.
        (
            "q = rearrange(x, 'b t (h d) -> b h t d', h=4)\n"
            "y = rearrange(o, 'b h t d -> b t (h d)')",
            ["split-heads", "merge-heads"],
        ),
        ("x += self.mlp(self.ln(x))", ["residual"]),
        ("h = z.clamp(min=0)", ["relu"]),
        # Softmax regression is not attention: X @ W.T then softmax, then a gradient.
        ("Z = X @ W.T + b\nG = (softmax(Z) - Y) / n\nW = W - lr * G.T @ X", []),
        ("x = x + lr * grad(x)", []),
        ("y = x + x.mean()", []),
        ("y = np.maximum(a, b)", []),
    ],
)
def test_spellings(source: str, expected: list[str], code_map: CodeMap) -> None:
    assert idioms_in(source, code_map) == expected


def test_an_unknown_idiom_in_the_map_is_named(tmp_path: Path) -> None:
    path = tmp_path / "code-map.yaml"
    path.write_text('idioms:\n  flash-attention: {concepts: [tf.attention], says: "fast"}\n')
    with pytest.raises(CodeMapError) as caught:
        load_code_map(path)
    (problem,) = caught.value.problems
    assert f"{path}:2: idioms.flash-attention: unknown idiom; expected one of" in problem
