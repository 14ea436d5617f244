"""Mutation testing of review/services/ with mutmut: run it, then score it per module.

    .venv/bin/python tools/mutants.py run [GLOB ...]  # resume a run (all mutants, or some)
    .venv/bin/python tools/mutants.py fresh           # forget earlier results, run everything
    .venv/bin/python tools/mutants.py report          # scores per module, unexplained survivors

`make mutants` is `fresh` then `report`. The configuration (what is mutated, which test
files judge it, timeouts) is `[tool.mutmut]` in pyproject.toml; results live in `mutants/`
(ignored by git). A run is niced and uses one worker: the tests of every mutant share one
SQLite test database kept between mutants (`--reuse-db`), so two at once would lock it.

Survivors that do not matter (equivalent mutants, wording nobody reads back) are listed with
the reason in tools/mutants_accepted.toml; `report` prints every other survivor in full and
exits 1 while there is one, so a new function without tests shows up.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections import Counter
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ACCEPTED = ROOT / "tools" / "mutants_accepted.toml"
SERVICES = Path("review/services")
ENGINE = "review.services.rewrite"  # reported on its own line as well

# mutmut's exit codes for a mutant (mutmut.stats.status_by_exit_code, 3.8.1).
STATUS = {
    1: "killed",
    3: "killed",
    0: "survived",
    5: "no tests",
    33: "no tests",
    34: "skipped",
    36: "timeout",
    -24: "timeout",
    24: "timeout",
    152: "timeout",
    255: "timeout",
    -9: "segfault",  # killed hard: mutmut's SIGKILL after the CPU limit, or the OOM killer
    -11: "segfault",
    None: "not checked",
}


@dataclass(frozen=True)
class Accepted:
    functions: tuple[str, ...]  # fnmatch patterns on "module.function": "comments._lock_own"
    excluded: tuple[str, ...]  # patterns of functions the entry does not cover
    change: re.Pattern | None  # searched in the mutant's diff lines ("-old" / "+new")
    wording: bool  # matches only a change of a sentence's letters (see _rewords)
    reason: str


LITERAL = re.compile(r"""[rbfuRBFU]{0,2}(?P<q>["'])(?P<body>(?:\\.|(?!(?P=q)).)*)(?P=q)""")
# Text that code reads back (selectors.history matches "re-anchored"): never just wording.
READ_BACK = ("re-anchored",)


def _rewords(diff: list[str]) -> bool:
    """Is the mutant one string of words (a message, a history reason) with its letters
    changed: "XX" around it, or all lower or upper case? Then only the wording moved."""
    diff = _changed(diff)
    if len(diff) != 2 or diff[0][0] != "-" or diff[1][0] != "+":
        return False
    old, new = diff[0][1:], diff[1][1:]
    olds, news = list(LITERAL.finditer(old)), list(LITERAL.finditer(new))
    if len(olds) != len(news) or LITERAL.sub("", old) != LITERAL.sub("", new):
        return False
    changed = [
        (o["body"], n["body"]) for o, n in zip(olds, news, strict=True) if o["body"] != n["body"]
    ]
    if len(changed) != 1:
        return False
    before, after = changed[0]
    if not re.search(r"[A-Za-z] +[A-Za-z]", before) or before.startswith(READ_BACK):
        return False  # a code, a slug, a field name: not words
    return after in (f"XX{before}XX", before.lower(), before.upper())


def _mutmut() -> str:
    return str(Path(sys.executable).with_name("mutmut"))


def run(globs: list[str]) -> int:
    """`mutmut run`, niced, one worker; mutmut resumes where an earlier run stopped."""
    cmd = ["nice", "-n", "10", _mutmut(), "run", "--max-children=1", *globs]
    # The kept test database (config/test_settings.py puts it in the temporary directory)
    # goes inside mutants/, so it is removed with the results and never left in /tmp.
    tmp = ROOT / "mutants" / "tmp"
    tmp.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "TMPDIR": str(tmp)}
    return subprocess.call(cmd, cwd=ROOT, env=env)  # noqa: S603 (our own venv's mutmut, fixed args)


def fresh() -> int:
    shutil.rmtree(ROOT / "mutants", ignore_errors=True)
    return run([])


def _results() -> dict[str, dict[str, int | None]]:
    """{module: {mutant name: exit code}} for every mutated services module."""
    out: dict[str, dict[str, int | None]] = {}
    for meta in sorted((ROOT / "mutants" / SERVICES).glob("*.py.meta")):
        codes = json.loads(meta.read_text())["exit_code_by_key"]
        if codes:
            out[meta.name.removesuffix(".py.meta")] = codes
    return out


def _function(name: str) -> str:
    """'review.services.flags.x__close__mutmut_3' -> 'flags._close' (methods: 'Class.m')."""
    module, _, mangled = name.partition("__mutmut_")[0].rpartition(".")
    # "x_function", or "xǁClassǁmethod" for a method
    func = mangled[2:] if mangled.startswith("x_") else mangled[1:].replace("ǁ", ".").strip(".")
    return f"{module.rpartition('.')[2]}.{func}"


def _diff(name: str, module: str) -> list[str]:
    """The mutant's diff lines, stripped and marked "-old", "+new" or " context"."""
    from mutmut.mutation.diff_apply import get_diff_for_mutant

    text = get_diff_for_mutant(name, path=SERVICES / f"{module}.py")
    return [
        line[0] + line[1:].strip()
        for line in text.splitlines()
        if line[:1] in "+- " and not line.startswith(("+++", "---"))
    ]


def _changed(diff: list[str]) -> list[str]:
    return [line for line in diff if line[:1] in "+-"]


def _accepted() -> list[Accepted]:
    data = tomllib.loads(ACCEPTED.read_text(encoding="utf-8"))
    return [
        Accepted(
            _patterns(entry["function"]),
            _patterns(entry.get("except", [])),
            re.compile(entry["change"], re.MULTILINE) if "change" in entry else None,
            entry.get("wording", False),
            entry["reason"],
        )
        for entry in data.get("survivor", [])
    ]


def _patterns(value: str | list[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def _reason_for(name: str, diff: list[str], accepted: list[Accepted]) -> str | None:
    func, text = _function(name), "\n".join(diff)
    for entry in accepted:
        if not any(fnmatch(func, p) for p in entry.functions):
            continue
        if any(fnmatch(func, p) for p in entry.excluded):
            continue
        if entry.wording and not _rewords(diff):
            continue
        if entry.change is not None and not entry.change.search(text):
            continue
        return entry.reason
    return None


def _row(label: str, counts: Counter) -> str:
    """One table row; `counts` has the statuses and "accepted" (survivors listed as harmless)."""
    total = sum(n for status, n in counts.items() if status != "accepted")
    killed, timeout = counts["killed"], counts["timeout"]
    # Like mutmut's own score: a mutant no test runs counts against it.
    tested = total - counts["skipped"] - counts["not checked"]
    score = 100 * (killed + timeout) / tested if tested else 0.0
    left = counts["survived"] + counts["no tests"] - counts["accepted"]
    return (
        f"| {label} | {killed} | {counts['survived']} | {timeout} | {counts['no tests']} "
        f"| {total} | {score:.1f} % | {counts['accepted']} | {left} |"
    )


def report(*, show_accepted: bool) -> int:
    os.chdir(ROOT)  # mutmut reads mutants/ and pyproject.toml relative to the project
    results = _results()
    if not results:
        print("No results yet: run `make mutants` (or tools/mutants.py run) first.")
        return 2
    accepted = _accepted()
    print(
        "| module | killed | survived | timeout | no tests | total | score "
        "| survivors accepted | survivors that matter |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    overall, rows, explained, unexplained = Counter(), {}, [], []
    for module, codes in results.items():
        counts = Counter(STATUS.get(code, "suspicious") for code in codes.values())
        for name, code in sorted(codes.items()):
            if STATUS.get(code) not in ("survived", "no tests"):
                continue
            diff = _diff(name, module)
            reason = _reason_for(name, diff, accepted)
            (explained if reason else unexplained).append((name, diff, reason))
            counts["accepted"] += bool(reason)
        overall += counts
        rows[module] = counts
        print(_row(module, counts))
    print(_row("**review/services/**", overall))
    print(_row(f"**{ENGINE} (the rewrite engine)**", rows.get("rewrite", Counter())))
    odd = {k: n for k, n in overall.items() if k in ("segfault", "suspicious", "not checked")}
    if odd:
        print(f"\nNot in the table: {odd} (a segfault is a mutant killed hard, mostly a timeout).")
    print(
        f"\n{len(explained)} survivors accepted (tools/mutants_accepted.toml), "
        f"{len(unexplained)} unexplained."
    )
    if show_accepted:
        for name, diff, reason in explained:
            print(f"\n{name}  [{reason}]\n    " + "\n    ".join(_changed(diff)))
    for name, diff, _ in unexplained:
        print(f"\n{name}\n    " + "\n    ".join(_changed(diff)))
    return 1 if unexplained else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    run_p = sub.add_parser("run", help="resume a run (all mutants, or those matching GLOBs)")
    run_p.add_argument("globs", nargs="*", help="e.g. 'review.services.flags.*'")
    sub.add_parser("fresh", help="forget earlier results and run every mutant")
    report_p = sub.add_parser("report", help="scores per module and the unexplained survivors")
    report_p.add_argument("--accepted", action="store_true", help="list accepted ones too")
    args = parser.parse_args()
    if args.command == "run":
        return run(args.globs)
    if args.command == "fresh":
        return fresh()
    return report(show_accepted=args.accepted)


if __name__ == "__main__":
    sys.exit(main())
