"""A smoke test of the mutation-testing configuration (tools/mutation.py); the mutation run itself is not part of pytest."""

from __future__ import annotations

import tomllib
from pathlib import Path

from tools import mutation

ROOT = Path(__file__).resolve().parent.parent


def test_every_module_and_test_file_exists():
    assert len(mutation.MODULES) >= 13
    for module, tests in mutation.MODULES.items():
        assert (ROOT / module).is_file(), module
        assert tests, module
        for test in tests:
            assert (ROOT / test).is_file(), test


def test_the_table_mutates_one_module_against_its_tests():
    table = tomllib.loads(mutation.mutmut_table("seeds/fx.py", ["tests/test_fx.py"]))["tool"]["mutmut"]
    assert table["only_mutate"] == ["seeds/fx.py"]
    assert table["pytest_add_cli_args_test_selection"] == ["tests/test_fx.py", "seeds/fx.py"]
    assert set(table["source_paths"]) == {"seeds", "geo", "layers", "ingest"}
    for path in table["also_copy"] + table["source_paths"]:
        assert (ROOT / path).exists(), path
    assert tomllib.loads((ROOT / "pyproject.toml").read_text() + mutation.mutmut_table("geo/precision.py", ["tests/test_precision.py"]))


def test_list_and_report_run_nothing(capsys):
    assert mutation.main(["--list", "seeds/fx.py"]) == 0
    assert capsys.readouterr().out == "seeds/fx.py: tests/test_fx.py\n"
    row = {"module": "m.py", "mutants": 10, "killed": 8, "equivalent": 1, "survived": 1, "counts": {"no tests": 1}, "score": 88.9, "seconds": 5,
           "cpu_seconds": 9, "error": None}
    assert mutation.table([row]).splitlines()[2] == "| m.py | 10 | 8 | 1 | 1 | 1 | 88.9 | 5 | 9 |"


def test_equivalents_are_judged_with_a_reason():
    import yaml

    entries = yaml.safe_load(mutation.EQUIVALENT_FILE.read_text(encoding="utf-8"))
    for entry in entries:
        assert set(entry) == {"module", "function", "context", "mutated", "reason"} and entry["module"] in mutation.MODULES
        assert len(entry["reason"]) > 20, entry


def test_mutmut_is_named_in_its_requirements():
    assert any(line.startswith("mutmut>=3") for line in (ROOT / "requirements-mutation.txt").read_text().splitlines())


def test_a_kept_run_keeps_only_mutmuts_results(tmp_path, monkeypatch):
    """`--keep` must not test mutants against stale copies: a data file changed since the last run is copied afresh."""
    project, work = tmp_path / "project", tmp_path / "project" / ".mutation"
    (project / "tests" / "data").mkdir(parents=True)
    (project / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    (project / "tests" / "data" / "gold.yaml").write_text("new gold")
    monkeypatch.setattr(mutation, "ROOT", project)
    monkeypatch.setattr(mutation, "WORK", work)
    kept = mutation.workdir("seeds/fx.py") / "mutants"
    (kept / "tests" / "data").mkdir(parents=True)
    (kept / "tests" / "data" / "gold.yaml").write_text("stale gold")
    (kept / "seeds").mkdir()
    (kept / "seeds" / "fx.py.meta").write_text('{"exit_code_by_key": {}}')
    mutation.prepare("seeds/fx.py", ["tests/test_fx.py"], fresh=False)
    assert (kept / "seeds" / "fx.py.meta").read_text() == '{"exit_code_by_key": {}}'
    assert not (kept / "tests" / "data" / "gold.yaml").exists()  # mutmut copies the project's current file
    assert (mutation.workdir("seeds/fx.py") / "tests" / "data" / "gold.yaml").read_text() == "new gold"
