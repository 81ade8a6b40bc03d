"""The store: learners, attempts, concept states and review cards, in SQLite or PostgreSQL."""

from mlpath.store.store import Store, StoreError

__all__ = ["Store", "StoreError"]
