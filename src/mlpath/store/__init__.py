"""The store: learners, attempts, concept states and review cards, in SQLite or PostgreSQL."""

from mlpath.errors import StoreError
from mlpath.store.records import (
    AttemptFacts,
    AttemptRules,
    ConceptRow,
    ConceptSnapshot,
    ConceptUpdate,
    NewAttempt,
)
from mlpath.store.store import Store

__all__ = [
    "AttemptFacts",
    "AttemptRules",
    "ConceptRow",
    "ConceptSnapshot",
    "ConceptUpdate",
    "NewAttempt",
    "Store",
    "StoreError",
]
