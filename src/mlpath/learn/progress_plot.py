"""A plot of progress over time (concepts learned or mastered), written as a PNG."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import BinaryIO


def plot_history(history: list[tuple[datetime, int]], target: Path | BinaryIO) -> None:
    """Draw `history` (time, concepts learned or mastered): the same count the table shows."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    fig, ax = plt.subplots(figsize=(6, 3.5))
    if history:
        times, counts = zip(*history, strict=True)
        ax.step(times, counts, where="post")
        ax.plot(times, counts, "o", markersize=3)
        locator = mdates.AutoDateLocator()  # type: ignore[no-untyped-call]
        ax.xaxis.set_major_locator(locator)
        formatter = mdates.ConciseDateFormatter(locator)  # type: ignore[no-untyped-call]
        ax.xaxis.set_major_formatter(formatter)
        ax.set_ylim(0, max(counts) + 1)
    else:
        ax.text(0.5, 0.5, "nothing learned yet", ha="center", va="center", transform=ax.transAxes)
        ax.set_ylim(0, 1)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("time (UTC)")
    ax.set_ylabel("concepts learned")
    ax.set_title("Concepts learned or mastered over time")
    fig.tight_layout()
    if isinstance(target, Path):
        target.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(target, dpi=100, format="png")
    plt.close(fig)
