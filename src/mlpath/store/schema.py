"""Tables. Portable SQL only: the same schema runs on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Learner(Base):
    __tablename__ = "learners"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    path: Mapped[str] = mapped_column(String(20), default="engineering")
    goal: Mapped[str | None] = mapped_column(String(200), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Attempt(Base):
    __tablename__ = "attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id"), index=True)
    checkpoint_id: Mapped[str] = mapped_column(String(200), index=True)
    concepts: Mapped[str] = mapped_column(Text)  # space-separated concept ids
    passed: Mapped[bool] = mapped_column(Boolean)
    misconception: Mapped[str | None] = mapped_column(String(200), nullable=True)
    answer: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class ConceptState(Base):
    __tablename__ = "concept_states"

    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id"), primary_key=True)
    concept_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    level: Mapped[str] = mapped_column(String(20))
    implicit: Mapped[bool] = mapped_column(Boolean, default=False)
    credit: Mapped[float] = mapped_column(Float, default=0.0)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ReviewCard(Base):
    __tablename__ = "review_cards"

    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id"), primary_key=True)
    concept_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    card: Mapped[str] = mapped_column(Text)  # fsrs.Card as JSON
    due: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    implicit_reviews: Mapped[int] = mapped_column(Integer, default=0)


class Draft(Base):
    """What a learner typed into a cell or a checkpoint answer, kept until they reset it.

    `slot` is `cell-N` for the page's N-th cell (from 0) or `checkpoint:ID`.
    """

    __tablename__ = "drafts"

    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id"), primary_key=True)
    lesson_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    slot: Mapped[str] = mapped_column(String(200), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
