"""The child's environment: the machine's kernel choices pass, secrets and thread counts do not."""

from pathlib import Path

import pytest

from mlpath.run._launch import child_environment


def test_kernel_choices_pass_and_secrets_do_not(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("OPENBLAS_CORETYPE", "Haswell")
    monkeypatch.setenv("ATEN_CPU_CAPABILITY", "avx2")
    monkeypatch.setenv("MKL_ENABLE_INSTRUCTIONS", "AVX2")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "hunter2")
    monkeypatch.setenv("OMP_NUM_THREADS", "8")

    env = child_environment(tmp_path)

    assert env["OPENBLAS_CORETYPE"] == "Haswell"
    assert env["ATEN_CPU_CAPABILITY"] == "avx2"
    assert env["MKL_ENABLE_INSTRUCTIONS"] == "AVX2"
    assert "AWS_SECRET_ACCESS_KEY" not in env
    # One thread everywhere: a reduction split over 8 threads sums in another order than over 2.
    assert env["OMP_NUM_THREADS"] == "1"
