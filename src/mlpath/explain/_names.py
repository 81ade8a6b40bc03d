"""What each name in a learner's file means: an imported module or object, or a known instance.

Read top to bottom with a single namespace, which is how scripts and tutorials are written:
`import numpy as np` makes `np` mean `numpy`; `scaler = StandardScaler()` makes `scaler` an
instance of `sklearn.preprocessing.StandardScaler`; rebinding a name forgets what it meant.
"""

from __future__ import annotations

import ast
from collections.abc import Set


def dotted(node: ast.expr) -> str | None:
    """`self.layer` for an attribute chain of plain names, `x` for a name; else None."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = dotted(node.value)
        return f"{base}.{node.attr}" if base else None
    return None


def is_class_name(qualified: str) -> bool:
    """Python's naming convention: `StandardScaler` is a class, `train_test_split` is not."""
    return qualified.rsplit(".", 1)[-1][:1].isupper()


class Names:
    """The meaning of names so far in the file.

    Args:
        known: every dotted name the code map knows something under; a `from m import *`
            resolves a bare name only to one of these.
    """

    def __init__(self, known: Set[str]) -> None:
        self.known = known
        self.aliases: dict[str, str] = {}  # local name -> qualified module or object
        self.types: dict[str, str] = {}  # variable or `self.attr` -> qualified class
        self.assigned: set[str] = set()  # names the file binds itself (they hide star imports)
        self.star_modules: list[str] = []
        self.results: dict[ast.Call, str | None] = {}  # the class each call returns, if known

    def add_import(self, node: ast.Import | ast.ImportFrom) -> None:
        """`import numpy as np`, `import torch.nn`, `from numpy.linalg import norm as n`."""
        if isinstance(node, ast.ImportFrom) and (node.level or not node.module):
            return  # relative imports name the learner's own modules
        for alias in node.names:
            if isinstance(node, ast.ImportFrom):
                if alias.name == "*":
                    self.star_modules.append(str(node.module))
                    continue
                local, target = alias.asname or alias.name, f"{node.module}.{alias.name}"
            elif alias.asname:
                local, target = alias.asname, alias.name
            else:  # `import torch.nn` binds `torch`
                local = target = alias.name.split(".")[0]
            self.aliases[local] = target
            self.types.pop(local, None)

    def assign(self, target: ast.expr, value: ast.expr | None) -> None:
        """Record `target = value`."""
        if (
            isinstance(value, ast.Constant)
            and value.value is None
            and dotted(target) in self.aliases
        ):
            return  # `except ImportError: torch = None` keeps `torch` meaning the module
        self.bind(target, self.type_of(value) if value is not None else None)

    def bind(self, target: ast.expr, kind: str | None) -> None:
        """Bind a name, `self.attr`, or a tuple of them to a `kind` instance (None: unknown)."""
        if isinstance(target, ast.Tuple | ast.List):
            for element in target.elts:
                self.bind(element, None)
            return
        if isinstance(target, ast.Starred):
            self.bind(target.value, None)
            return
        key = dotted(target)
        if key is None:
            return
        if isinstance(target, ast.Name):
            self.aliases.pop(key, None)
            self.assigned.add(key)
        if kind:
            self.types[key] = kind
        else:
            self.types.pop(key, None)

    def qualify(self, node: ast.expr) -> str | None:
        """The qualified name an expression refers to through the imports, if any."""
        if isinstance(node, ast.Name):
            if node.id in self.aliases:
                return self.aliases[node.id]
            if node.id not in self.assigned:
                for module in reversed(self.star_modules):
                    if f"{module}.{node.id}" in self.known:
                        return f"{module}.{node.id}"
            return None
        if isinstance(node, ast.Attribute):
            base = self.qualify(node.value)
            return f"{base}.{node.attr}" if base else None
        return None

    def type_of(self, node: ast.expr) -> str | None:
        """The qualified class of the value an expression holds, when the file shows it."""
        if isinstance(node, ast.Call):
            return self.results.get(node)
        key = dotted(node)
        return self.types.get(key) if key else None
