"""Alembic migrations, named and forward-only, run programmatically when a store opens."""
