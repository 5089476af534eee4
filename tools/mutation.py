"""Mutation testing of the core modules with mutmut 3: each module mutated alone, checked by its own tests.

    python3 -m tools.mutation                      # every module in MODULES, a table at the end
    python3 -m tools.mutation seeds/fx.py geo/precision.py --max-children 1
    python3 -m tools.mutation --list               # the modules and the tests that judge them
    python3 -m tools.mutation --report             # the table of the latest runs, without running

For each module a private copy of the project is made under `.mutation/<module>/` (mutmut
writes its `mutants/` tree there, so the work tree is never touched and modules do not share
results), its `pyproject.toml` gets a `[tool.mutmut]` table that mutates only that module and
selects only its tests (and its doctests), and `mutmut run` is started there. The table counts
killed, survived, timeout (counted as killed, as mutmut's own score does), no tests (a mutated
function no selected test calls: counted as survived), survivors judged equivalent (EQUIVALENT
below, each with its reason) and the score, killed / (mutants - equivalent). The surviving mutants
are listed with their changed line (reason: null when not judged equivalent) in `.mutation/<module>/survivors.yaml`, ready to judge (`mutmut show NAME` in
that folder prints the diff).
Not part of `pytest` or `.ci/run`: a full run takes tens of minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".mutation"

# module -> the tests that judge it (its own tests; its doctests run too).
MODULES: dict[str, list[str]] = {
    "seeds/money.py": ["tests/test_money.py", "tests/test_money_forms.py"],
    "seeds/fx.py": ["tests/test_fx.py"],
    "seeds/dates.py": ["tests/test_dates.py", "tests/test_dates_forms.py"],
    "seeds/schema.py": ["tests/test_seeds_catalog.py", "tests/test_seeds_articles.py", "tests/test_schema_parts.py"],
    "seeds/store.py": ["tests/test_store.py"],
    "geo/gazetteer.py": ["tests/test_gazetteer.py", "tests/test_gazetteer_build.py", "tests/test_gazetteer_parts.py"],
    "geo/geocoder.py": ["tests/test_geocoder.py", "tests/test_geocoder_parts.py", "tests/test_geocoder_answers.py"],
    "geo/precision.py": ["tests/test_precision.py"],
    "layers/filters.py": ["tests/test_filters.py"],
    "layers/export.py": ["tests/test_export_writers.py", "tests/test_export_formats.py", "tests/test_layers.py"],
    "layers/query.py": ["tests/test_query.py"],
    "ingest/mentions.py": ["tests/test_mentions.py", "tests/test_mentions_rules.py", "tests/test_ingest_quality.py", "tests/test_ingest_facilities.py",
                           "tests/test_mentions_edges.py"],
    "ingest/facilities.py": ["tests/test_ingest_facilities.py", "tests/test_facilities_edges.py", "tests/test_ingest_quality.py"],
    "ingest/traps.py": ["tests/test_traps.py", "tests/test_ingest_quality.py"],
    "ingest/partners.py": ["tests/test_partners.py"],
    "ingest/roles.py": ["tests/test_partners.py"],
    "ingest/home.py": ["tests/test_home.py", "tests/test_partners.py"],
    "ingest/people.py": ["tests/test_people.py"],
    "ingest/communes.py": ["tests/test_communes.py"],
    "geo/communes.py": ["tests/test_communes.py"],
}
# Surviving mutants judged equivalent (no test can tell them apart by what the code returns or writes): by module,
# function, the line before the change and the mutated line as `mutmut show` prints them, with the reason. Keyed by
# content, not by mutmut's numbering, so a change of the source cannot hide a new survivor behind an old entry.
EQUIVALENT_FILE = Path(__file__).with_name("mutation_equivalent.yaml")
SOURCE_PATHS = ["seeds", "geo", "layers", "ingest"]
ALSO_COPY = ["streamlit_app.py", "pages", "static", "bench", "tools", "docs", "README.md"]
SKIP = shutil.ignore_patterns(".git", ".mutation", "mutants", "artifacts", "out", "__pycache__", ".pytest_cache", ".ruff_cache", "*.pyc", ".hypothesis")
KILLED = ("killed", "timeout")


def mutmut_table(module: str, tests: list[str], deselect: list[str] = ()) -> str:
    """The [tool.mutmut] table for one module (`deselect`: test ids left out)."""

    def toml_list(items):
        return "[" + ", ".join(json.dumps(i) for i in items) + "]"

    return (
        "\n[tool.mutmut]\n"
        f"source_paths = {toml_list(SOURCE_PATHS)}\n"
        f"only_mutate = {toml_list([module])}\n"
        f"also_copy = {toml_list(ALSO_COPY)}\n"
        f"pytest_add_cli_args_test_selection = {toml_list([*tests, module])}\n"
        f'pytest_add_cli_args = {toml_list(["-p", "no:cacheprovider", "-p", "no:randomly", "-q", *(a for d in deselect for a in ("--deselect", d))])}\n'
        # Wall-clock limit (mutmut: (tests' time + constant) x multiplier): generous, so a mutant slowed by a loaded machine is not counted killed.
        "timeout_multiplier = 5.0\n"
        "timeout_constant = 20.0\n"
    )


def failing_tests(work: Path, tests: list[str], module: str) -> list[str]:
    """The ids of the selected tests that fail on the unmutated code (mutmut needs a green start)."""
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rf", *tests, module], cwd=work, capture_output=True, text=True)
    return re.findall(r"^FAILED (.+?)(?: - .*)?$", run.stdout, re.M)


def prepare(module: str, tests: list[str], fresh: bool, skip_failing: bool = False) -> tuple[Path, list[str]]:
    """A private copy of the project for `module`, configured for mutmut; and the failing tests it leaves out."""
    work = workdir(module)
    if fresh and work.exists():
        shutil.rmtree(work)
    mutants = work / "mutants"
    # An incremental run keeps only mutmut's results (its .meta files): mutmut does not copy a file again that its
    # mutants/ tree already holds, so a kept tree would test the mutants against stale data and tests.
    results = {path.relative_to(mutants): path.read_bytes() for path in mutants.rglob("*.meta")} if mutants.exists() else {}
    if work.exists():
        shutil.rmtree(work)
    shutil.copytree(ROOT, work, ignore=SKIP)
    for relative, content in results.items():
        (mutants / relative).parent.mkdir(parents=True, exist_ok=True)
        (mutants / relative).write_bytes(content)
    failing = failing_tests(work, tests, module) if skip_failing else []
    pyproject = work / "pyproject.toml"
    pyproject.write_text(pyproject.read_text(encoding="utf-8") + mutmut_table(module, tests, failing), encoding="utf-8")
    return work, failing


# The diffs `mutmut show` prints, for many mutants in one process (a `mutmut show` each took seconds under load).
_DIFFS = """
import json, sys
from mutmut.mutation.diff_apply import get_diff_for_mutant
print(json.dumps({name: get_diff_for_mutant(name) for name in json.loads(sys.stdin.read())}))
"""


def diffs(work: Path, names: list[str]) -> dict[str, str]:
    """mutant name -> its diff (as `mutmut show` prints it)."""
    if not names:
        return {}
    run = subprocess.run([sys.executable, "-c", _DIFFS], cwd=work, input=json.dumps(names), capture_output=True, text=True, check=True)
    return json.loads(run.stdout)


def mutated_line(diff: str) -> tuple[str, str]:
    """(the unchanged line before the change, the mutated line) of a mutant's diff, stripped."""
    body = [line for line in diff.splitlines() if not line.startswith(("+++", "---", "@@", "#"))]
    first = next((i for i, line in enumerate(body) if line.startswith(("-", "+"))), 0)
    context = next((line[1:].strip() for line in reversed(body[:first]) if line.startswith(" ") and line.strip()), "")
    return context, " / ".join(line[1:].strip() for line in body if line.startswith("+"))


def function_of(name: str) -> str:
    """The mutated function of a mutmut mutant name: "find_money", or "Class.method" (mutmut writes "xǁClassǁmethod")."""
    return name.split(".")[-1].split("__mutmut_")[0].removeprefix("x_").removeprefix("xǁ").replace("ǁ", ".")


def equivalent_reason(module: str, name: str, line: tuple[str, str]) -> str | None:
    function = function_of(name)
    for entry in yaml.safe_load(EQUIVALENT_FILE.read_text(encoding="utf-8")) or []:
        if (entry["module"], entry["function"], entry["context"], entry["mutated"]) == (module, function, *line):
            return entry["reason"]
    return None


def statuses(work: Path) -> dict[str, str]:
    """mutant name -> status, from `mutmut results --all true`."""
    out = subprocess.run([sys.executable, "-m", "mutmut", "results", "--all", "true"], cwd=work, capture_output=True, text=True, check=True).stdout
    return dict(re.findall(r"^\s*(\S+): (.+)$", out, re.M))


def workdir(module: str) -> Path:
    return WORK / module.replace("/", "_").removesuffix(".py")


def run_module(module: str, tests: list[str], max_children: int, fresh: bool, skip_failing: bool = False) -> dict:
    work, failing = prepare(module, tests, fresh, skip_failing)
    started, load, cpu = time.monotonic(), os.getloadavg()[0], _children_cpu()
    with (work / "mutmut.log").open("w") as handle:
        command = [sys.executable, "-m", "mutmut", "run", "--max-children", str(max_children)]
        code = subprocess.run(command, cwd=work, stdout=handle, stderr=subprocess.STDOUT).returncode
    # CPU seconds of mutmut and every test process it forked: unlike the wall time, it does not grow with the machine's load.
    run = {"seconds": round(time.monotonic() - started), "cpu_seconds": round(_children_cpu() - cpu), "exit": code, "failing_tests_left_out": failing,
           "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "load": [round(load, 1), round(os.getloadavg()[0], 1)], "cores": os.cpu_count(),
           "children": max_children}
    (work / "run.json").write_text(json.dumps(run))
    return summarise(module)


def rerun_survivors(module: str, tests: list[str], max_children: int) -> dict | None:
    """Run the survivors of the latest run of `module` again, against the tests as they are now (after tests were written to
    kill them); killed mutants keep their result. The row keeps the first run's time; the rerun's is recorded beside it."""
    work = workdir(module)
    if not (work / "run.json").exists():
        return summarise(module)
    names = [name for name, status in statuses(work).items() if status not in (*KILLED, "not checked")]
    run = json.loads((work / "run.json").read_text())
    prepare(module, tests, fresh=False)
    started, cpu = time.monotonic(), _children_cpu()
    with (work / "mutmut.log").open("a") as handle:
        code = subprocess.run([sys.executable, "-m", "mutmut", "run", "--max-children", str(max_children), *names], cwd=work, stdout=handle,
                              stderr=subprocess.STDOUT).returncode
    run["rerun"] = {"mutants": len(names), "seconds": round(time.monotonic() - started), "cpu_seconds": round(_children_cpu() - cpu), "exit": code,
                    "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
    (work / "run.json").write_text(json.dumps(run))
    return summarise(module)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def summarise(module: str) -> dict | None:
    """The row of the latest run of `module` (None if never run), its survivors written to survivors.txt."""
    work = workdir(module)
    if (work / "run.json").exists():
        run = json.loads((work / "run.json").read_text())
    elif (work / "mutants").exists():  # a run still going or cut short: report the mutants checked so far
        run = {"seconds": None, "exit": 0, "partial": True}
    else:
        return None
    found = statuses(work) if run["exit"] == 0 else {}
    unchecked = [name for name, status in found.items() if status == "not checked"]
    for name in unchecked:
        del found[name]
    counts: dict[str, int] = {}
    for status in found.values():
        counts[status] = counts.get(status, 0) + 1
    survivors = sorted(name for name, status in found.items() if status not in KILLED)
    shown = diffs(work, survivors)
    lines = {name: mutated_line(shown[name]) for name in survivors}
    reasons = {name: equivalent_reason(module, name, lines[name]) for name in survivors}
    report = []
    for name in survivors:
        context, mutated = lines[name]
        report.append({"mutant": name, "status": found[name], "module": module, "function": function_of(name),
                       "context": context, "mutated": mutated, "reason": reasons[name]})
    (work / "survivors.yaml").write_text(yaml.safe_dump(report, allow_unicode=True, sort_keys=False, width=400), encoding="utf-8")
    killed = sum(counts.get(s, 0) for s in KILLED)
    equivalent = sum(1 for r in reasons.values() if r)
    judged = len(found) - equivalent
    return {
        "module": module,
        "mutants": len(found),
        "killed": killed,
        "survived": len(found) - killed - equivalent,
        "equivalent": equivalent,
        "counts": counts,
        "score": round(100 * killed / judged, 1) if judged else None,
        "seconds": run["seconds"],
        "cpu_seconds": run.get("cpu_seconds"),
        "left_out": len(run.get("failing_tests_left_out", [])),
        "unchecked": len(unchecked),
        "error": None if run["exit"] == 0 else f"mutmut exited {run['exit']}: see {(work / 'mutmut.log').relative_to(ROOT)}",
        "run": {k: run[k] for k in ("date", "load", "cores", "children", "rerun") if k in run},
        "judged": [(module, r["function"], r["reason"]) for r in report if r["reason"]],
    }


def table(rows: list[dict]) -> str:
    lines = [
        "| module | mutants | killed | judged equivalent or untestable | survived | of which no tests | score % | time s | CPU s |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        cpu = r.get("cpu_seconds")
        if r["error"]:
            lines.append(f"| {r['module']} | – | – | – | – | – | {r['error']} | {r['seconds']} | {cpu} |")
            continue
        left_out = f" ({r['left_out']} failing tests left out)" if r.get("left_out") else ""
        left_out += f" (partial: {r['unchecked']} mutants not checked)" if r.get("unchecked") else ""
        lines.append(
            f"| {r['module']}{left_out} | {r['mutants']} | {r['killed']} | {r['equivalent']} | {r['survived']} | {r['counts'].get('no tests', 0)} |"
            f" {r['score']} | {r['seconds']} | {cpu} |"
        )
    done = [r for r in rows if not r["error"]]
    total, killed, equivalent = (sum(r[k] for r in done) for k in ("mutants", "killed", "equivalent"))
    if total > equivalent:
        score = 100 * killed / (total - equivalent)
        seconds, cpu = (sum(r.get(k) or 0 for r in rows) for k in ("seconds", "cpu_seconds"))
        lines.append(f"| **all** | {total} | {killed} | {equivalent} | {total - killed - equivalent} |  | {score:.1f} | {seconds} | {cpu} |")
    return "\n".join(lines)


def judged_list(rows: list[dict]) -> str:
    """The survivors judged equivalent or untestable in these runs, by module, function and reason (×count)."""
    counts: dict[tuple, int] = {}
    for r in rows:
        for key in r.get("judged", []):
            counts[tuple(key)] = counts.get(tuple(key), 0) + 1
    return "\n".join(f"- `{m}` `{f}`{f' ×{n}' if n > 1 else ''}: {reason}" for (m, f, reason), n in sorted(counts.items()))


def readme_block(rows: list[dict], kept: dict[str, tuple[str, list[str]]] | None = None) -> str:
    """The README's mutation section between its markers: the table, when and how each row was measured, the judged survivors.

    `kept`: module -> (its table line, its judged lines) from the README, for modules not run on this machine."""
    kept = kept or {}
    lines = table(rows).splitlines()
    old = [line + (" – |" if line.count("|") == 9 else "") for module, (line, _) in kept.items() if module not in {r["module"] for r in rows}]
    runs = [f"{r['module']} finished {r['run']['date']} (load {r['run']['load'][0]}–{r['run']['load'][1]}, {r['run']['children']} at a time)"
            + (f", its {r['run']['rerun']['mutants']} survivors (judged ones included) run again with the new tests {r['run']['rerun']['date']}"
               f" ({r['run']['rerun']['seconds']} s, {r['run']['rerun']['cpu_seconds']} CPU s)" if r["run"].get("rerun") else "")
            for r in rows if r.get("run", {}).get("date")]
    judged = judged_list(rows).splitlines() + [j for module, (_, js) in kept.items() if module not in {r["module"] for r in rows} for j in js]
    parts = ["\n".join(lines[:2] + old + lines[2:])]
    if old:
        parts.append(f"{len(old)} rows ({', '.join(m for m in kept if m not in {r['module'] for r in rows})}) are kept from an earlier run: they are"
                     " not in the **all** row.")
    parts += [
        f"Rows measured on {platform.machine()}, {os.cpu_count()} cores, `nice -n 19`, mutmut {metadata.version('mutmut')} (1-minute load average at the"
        " start and end of each module's run): " + "; ".join(runs) + ".",
        "Survivors judged equivalent or untestable (from `tools/mutation_equivalent.yaml`, as matched in these runs):",
        "\n".join(sorted(judged)),
    ]
    return "\n\n".join(parts)


START, END = "<!-- mutation-table -->\n", "\n<!-- /mutation-table -->"


def readme_rows(text: str) -> dict[str, tuple[str, list[str]]]:
    """module -> (its table line, its judged-survivor lines) in the README's mutation section."""
    block = text.split(START, 1)[1].split(END, 1)[0]
    out = {}
    for module in MODULES:
        line = next((x for x in block.splitlines() if x.startswith(f"| {module} ") or x.startswith(f"| {module} (")), None)
        if line:
            out[module] = (line, [x for x in block.splitlines() if x.startswith(f"- `{module}` ")])
    return out


def write_readme(rows: list[dict], readme: Path = ROOT / "README.md") -> None:
    """Rewrite the README's mutation section; modules without a run here keep their earlier row."""
    text = readme.read_text(encoding="utf-8")
    head, rest = text.split(START, 1)
    readme.write_text(head + START + readme_block(rows, readme_rows(text)) + END + rest.split(END, 1)[1], encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.mutation", description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help="modules to mutate (default: all of MODULES)")
    parser.add_argument("--max-children", type=int, default=os.cpu_count() or 2, help="parallel mutant runs (default: the cores)")
    parser.add_argument("--keep", action="store_true", help="reuse earlier results of unchanged functions (default: start afresh)")
    parser.add_argument("--skip-failing", action="store_true", help="leave out tests that fail on the unmutated code (named in the table)")
    parser.add_argument("--survivors", action="store_true", help="run only the survivors of each module's latest run again, with the tests as they are now")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON too")
    parser.add_argument("--list", action="store_true", help="list the modules and their tests, run nothing")
    parser.add_argument("--report", action="store_true", help="print the table of the latest runs, run nothing")
    parser.add_argument("--readme", action="store_true", help="with --report: write the table into README.md between its markers")
    args = parser.parse_args(argv)
    unknown = [m for m in args.modules if m not in MODULES]
    if unknown:
        parser.error(f"not a configured module: {', '.join(unknown)}; configured: {', '.join(MODULES)}")
    chosen = args.modules or list(MODULES)
    if args.list:
        for module in chosen:
            print(f"{module}: {' '.join(MODULES[module])}")
        return 0
    if args.report:
        rows = [r for r in map(summarise, chosen) if r]
        print(table(rows))
        if args.readme:
            write_readme(rows)
        return 0
    rows = []
    for module in chosen:
        print(f"mutating {module} against {' '.join(MODULES[module])} …", flush=True)
        if args.survivors:
            rows.append(rerun_survivors(module, MODULES[module], args.max_children))
        else:
            rows.append(run_module(module, MODULES[module], args.max_children, fresh=not args.keep, skip_failing=args.skip_failing))
        print(table(rows[-1:]).splitlines()[2], flush=True)
    print(table(rows))
    if args.json:
        print(json.dumps(rows, indent=1))
    return 1 if any(r["error"] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
