"""Small, tested tools the lessons build and then reuse (importable in lessons and notebooks)."""
