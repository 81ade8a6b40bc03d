"""mlpath: the math behind machine-learning engineering, with every output verified."""

__version__ = "0.1.0"
