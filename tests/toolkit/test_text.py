from mlpath.toolkit.text import load_course_text


def test_course_text_is_plain_ascii_prose() -> None:
    text = load_course_text()
    assert len(text) > 200_000
    assert text.isascii()
    assert text.startswith("Arrays: shape, dtype and axes")
    # Code was removed: the text is prose, not Python.
    assert "import numpy as np" not in text
    assert len(set(text)) < 100
