import pytest

from tests.benchmarks.stress import write_stress_project


@pytest.fixture(scope="session")
def stress_project(tmp_path_factory):
    return write_stress_project(tmp_path_factory.mktemp("stress") / "stress.isodesk")
