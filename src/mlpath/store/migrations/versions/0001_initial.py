"""Learners, attempts, concept states and review cards.

Revision ID: 0001_initial
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "learners",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("path", sa.String(20), nullable=False),
        sa.Column("goal", sa.String(200), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "attempts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("learner_id", sa.Integer, sa.ForeignKey("learners.id"), nullable=False),
        sa.Column("checkpoint_id", sa.String(200), nullable=False),
        sa.Column("concepts", sa.Text, nullable=False),
        sa.Column("passed", sa.Boolean, nullable=False),
        sa.Column("misconception", sa.String(200), nullable=True),
        sa.Column("answer", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_attempts_learner_id", "attempts", ["learner_id"])
    op.create_index("ix_attempts_checkpoint_id", "attempts", ["checkpoint_id"])
    op.create_index("ix_attempts_created_at", "attempts", ["created_at"])
    op.create_table(
        "concept_states",
        sa.Column("learner_id", sa.Integer, sa.ForeignKey("learners.id"), primary_key=True),
        sa.Column("concept_id", sa.String(200), primary_key=True),
        sa.Column("level", sa.String(20), nullable=False),
        sa.Column("implicit", sa.Boolean, nullable=False),
        sa.Column("credit", sa.Float, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "review_cards",
        sa.Column("learner_id", sa.Integer, sa.ForeignKey("learners.id"), primary_key=True),
        sa.Column("concept_id", sa.String(200), primary_key=True),
        sa.Column("card", sa.Text, nullable=False),
        sa.Column("due", sa.DateTime(timezone=True), nullable=False),
        sa.Column("implicit_reviews", sa.Integer, nullable=False),
    )
    op.create_index("ix_review_cards_due", "review_cards", ["due"])
