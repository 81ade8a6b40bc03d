"""A plot of mastery over time (concepts passed), written as a PNG."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import BinaryIO


def plot_history(history: list[tuple[datetime, int]], target: Path | BinaryIO) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 3.5))
    if history:
        times, counts = zip(*history, strict=True)
        ax.step(times, counts, where="post")
        ax.plot(times, counts, "o", markersize=3)
    else:
        ax.text(
            0.5, 0.5, "no passed checkpoints yet", ha="center", va="center", transform=ax.transAxes
        )
    ax.set_xlabel("time")
    ax.set_ylabel("concepts passed")
    ax.set_title("Mastery over time")
    fig.autofmt_xdate()
    fig.tight_layout()
    if isinstance(target, Path):
        target.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(target, dpi=100, format="png")
    plt.close(fig)
