"""Find the math in a learner's Python file by reading its syntax tree, never by running it.

The analyser resolves what each name means from the file's imports (`import numpy as np`,
`from torch import nn`) and from assignments of known classes (`scaler = StandardScaler()`),
then looks every call, method, attribute and `@` up in the code map. It reads the file top to
bottom with one namespace: good enough for scripts and tutorials, and never surprising.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mlpath.errors import ExplainError
from mlpath.explain._names import Names, is_class_name
from mlpath.explain._source import SourceText
from mlpath.explain.codemap import CodeMap, Entry, load_code_map
from mlpath.explain.idioms import find_idioms
from mlpath.explain.model import Explanation, Finding

_OPERATORS: dict[type[ast.operator], str] = {
    ast.MatMult: "@",
    ast.Mult: "*",
    ast.Div: "/",
    ast.Pow: "**",
    ast.Add: "+",
    ast.Sub: "-",
}
_TOO_DEEP = "the code is nested too deeply to read; split the longest expression into steps"
_Definition = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef


def explain_file(path: Path, code_map: CodeMap | None = None) -> Explanation:
    """Explain a Python file on disk (the shipped code map by default)."""
    try:
        source = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ExplainError(str(path), None, f"cannot read the file ({exc.strerror})") from None
    except UnicodeDecodeError as exc:
        raise ExplainError(
            str(path), None, f"is not UTF-8 text ({exc.reason}); save it as UTF-8"
        ) from None
    return explain_source(source, str(path), code_map or load_code_map())


def explain_source(source: str, filename: str, code_map: CodeMap) -> Explanation:
    """Find every use of a mapped library call, method, attribute or operator in `source`.

    Args:
        source: the Python code; it is parsed, never executed or imported.
        filename: the name to show in findings and errors.
        code_map: the table of what each name means (see `load_code_map`).

    Raises:
        ExplainError: the code is not valid Python (the message gives file:line and the reason).
    """
    try:
        tree = ast.parse(source, filename=filename)
    except SyntaxError as exc:
        where = f" (column {exc.offset})" if exc.offset else ""
        raise ExplainError(
            filename,
            exc.lineno or 1,
            f"this is not valid Python: {exc.msg}{where}. Fix it and try again; "
            "explain reads the code without running it, so the whole file must parse.",
        ) from None
    except ValueError as exc:  # Python 3.11 reports a NUL byte as ValueError, not SyntaxError
        raise ExplainError(filename, None, f"this is not Python source: {exc}") from None
    except RecursionError:
        raise ExplainError(filename, None, _TOO_DEEP) from None
    analyzer = _Analyzer(SourceText(source), code_map)
    try:
        analyzer.visit(tree)
    except RecursionError:
        raise ExplainError(filename, None, _TOO_DEEP) from None
    try:
        idioms = find_idioms(tree, analyzer.text, code_map)
    except RecursionError:
        raise ExplainError(filename, None, _TOO_DEEP) from None
    findings = sorted((*analyzer.findings, *idioms), key=lambda f: (f.line, f.col, -len(f.code)))
    return Explanation(filename=filename, findings=findings)


_DISPATCH: dict[type[ast.AST], Callable[[_Analyzer, Any], None]] = {}


class _Analyzer(ast.NodeVisitor):
    """Walks the tree in source order, tracking what names mean and collecting findings."""

    def __init__(self, text: SourceText, code_map: CodeMap) -> None:
        self.text = text
        self.map = code_map
        self.findings: list[Finding] = []
        self.names = Names(code_map.prefixes)

    # ast.NodeVisitor looks the method up by name on every node and descends into leaves; this
    # walk caches the look-up per node type and skips leaves, which about halves the time per file.
    _LEAVES = (ast.Name, ast.Constant, ast.expr_context, ast.operator, ast.unaryop, ast.cmpop)

    def visit(self, node: ast.AST) -> None:
        kind = type(node)
        method = _DISPATCH.get(kind)
        if method is None:
            method = getattr(type(self), f"visit_{kind.__name__}", None)
            if method is None:
                method = (
                    _Analyzer._skip if isinstance(node, self._LEAVES) else _Analyzer.generic_visit
                )
            _DISPATCH[kind] = method
        method(self, node)

    def generic_visit(self, node: ast.AST) -> None:
        for field in node._fields:
            value = getattr(node, field, None)
            if isinstance(value, list):
                for item in value:
                    if isinstance(item, ast.AST):
                        self.visit(item)
            elif isinstance(value, ast.AST):
                self.visit(value)

    def _skip(self, node: ast.AST) -> None:
        pass

    # --- what names mean ------------------------------------------------------------------------

    def visit_Import(self, node: ast.Import | ast.ImportFrom) -> None:
        self.names.add_import(node)

    visit_ImportFrom = visit_Import

    def visit_Assign(self, node: ast.Assign) -> None:
        self.visit(node.value)
        for target in node.targets:
            self.visit(target)
            self.names.assign(target, node.value)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self.visit(node.value)
        self.visit(node.target)
        self.names.assign(node.target, node.value)

    def visit_NamedExpr(self, node: ast.NamedExpr) -> None:
        self.visit(node.value)
        self.names.assign(node.target, node.value)

    def visit_For(self, node: ast.For | ast.AsyncFor) -> None:
        self.visit(node.iter)
        self.names.bind(node.target, None)
        for statement in (*node.body, *node.orelse):
            self.visit(statement)

    visit_AsyncFor = visit_For

    def visit_FunctionDef(self, node: _Definition) -> None:
        # A `def softmax(z):` of the learner's own hides an imported `softmax` from here on.
        self.generic_visit(node)
        self.names.bind(ast.Name(id=node.name, ctx=ast.Store()), None)

    visit_AsyncFunctionDef = visit_ClassDef = visit_FunctionDef

    def visit_withitem(self, node: ast.withitem) -> None:
        self.visit(node.context_expr)
        if node.optional_vars is not None:
            self.names.bind(node.optional_vars, None)

    # --- findings -------------------------------------------------------------------------------

    def visit_Call(self, node: ast.Call) -> None:
        # Children first, so that a receiver that is itself a call (`StandardScaler().fit(X)`)
        # already has its result type. The callee's own attribute is not an attribute read.
        func = node.func
        self.visit(func.value if isinstance(func, ast.Attribute) else func)
        for argument in (*node.args, *node.keywords):
            self.visit(argument)
        keywords = [keyword.arg for keyword in node.keywords if keyword.arg]
        self.names.results[node] = self._resolve_call(node, keywords)

    def _resolve_call(self, node: ast.Call, keywords: list[str]) -> str | None:
        """Record a finding for the call if the map knows it; return the class it returns."""
        func = node.func
        qualified = self.names.qualify(func)
        if qualified is not None:
            entry = self.map.find("calls", qualified, keywords)
            if entry is not None:
                self._add(node, qualified, entry.concepts, entry.says)
            if entry is not None and entry.returns:
                return entry.returns
            return qualified if is_class_name(qualified) else None
        receiver, method = self.names.type_of(func), "__call__"  # `loss_fn(...)`, `self.fc(x)`
        if receiver is None and isinstance(func, ast.Attribute):
            receiver, method = self.names.type_of(func.value), func.attr
        if receiver is not None:
            specific = self.map.find("calls", f"{receiver}.{method}", keywords)
            if specific is not None:
                self._add(node, f"{receiver}.{method}", specific.concepts, specific.says)
                return receiver if specific.returns == "self" else specific.returns
            general = self.map.find("instance_methods", method)
            cls = self.map.calls.get(receiver)
            if general is not None and cls is not None:
                concepts = tuple(dict.fromkeys((*cls.concepts, *general.concepts)))
                self._add(node, f"{receiver}.{method}", concepts, general.says)
                return receiver if general.returns == "self" else general.returns
        if isinstance(func, ast.Attribute):
            entry = self.map.find("methods", method, keywords)
            if entry is not None:
                self._add(node, f".{method}", entry.concepts, entry.says)
        return None

    def visit_Attribute(self, node: ast.Attribute) -> None:
        self.visit(node.value)
        if not isinstance(node.ctx, ast.Load):
            return
        qualified = self.names.qualify(node)
        if qualified is not None:
            self._report(node, qualified, self.map.attributes.get(qualified))
            return
        receiver = self.names.type_of(node.value)
        key = f"{receiver}.{node.attr}"
        if receiver is not None and key in self.map.attributes:
            self._report(node, key, self.map.attributes[key])
        else:
            self._report(node, f".{node.attr}", self.map.attributes.get(node.attr))

    def visit_BinOp(self, node: ast.BinOp) -> None:
        self.generic_visit(node)
        self._operator(node, node.op)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        self.generic_visit(node)
        self._operator(node, node.op)

    def _operator(self, node: ast.BinOp | ast.AugAssign, op: ast.operator) -> None:
        symbol = _OPERATORS.get(type(op))
        if symbol is not None:
            self._report(node, symbol, self.map.operators.get(symbol))

    def _report(self, node: ast.expr | ast.stmt, qualified: str, entry: Entry | None) -> None:
        if entry is not None:
            self._add(node, qualified, entry.concepts, entry.says)

    def _add(
        self, node: ast.expr | ast.stmt, qualified: str, concepts: tuple[str, ...], says: str
    ) -> None:
        self.findings.append(
            Finding(
                line=node.lineno,
                col=self.text.column(node),
                code=self.text.code(node),
                qualified=qualified,
                concepts=concepts,
                says=says,
            )
        )
