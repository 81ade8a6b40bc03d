"""Rebuild src/mlpath/toolkit/data/course-passages.npy after the course text changes.

.venv/bin/python scripts/build_passage_embeddings.py
"""

from importlib.resources import files

import numpy as np
from rich.progress import Progress

from mlpath.toolkit.minilm import MiniLM
from mlpath.toolkit.rag import EMBEDDINGS_FILE, course_passages


def main() -> None:
    passages = course_passages()
    with Progress() as progress:
        task = progress.add_task("Embedding passages", total=len(passages))
        embeddings = MiniLM().encode(passages, on_progress=lambda n: progress.advance(task, n))
    target = files("mlpath.toolkit").joinpath(EMBEDDINGS_FILE)
    np.save(str(target), embeddings.astype(np.float32))
    print(f"{len(passages)} passages -> {target}")


if __name__ == "__main__":
    main()
