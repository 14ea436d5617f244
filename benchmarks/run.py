"""Print the performance table: each measurement beside its peer or budget, in one run.

Each benchmark module runs in its own process (they set up Django differently, and a clean
process keeps one measurement from warming the next). Machines are shared and noisy: the
modules report medians and ratios, not single timings.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODULES = [
    "bench_segment",
    "bench_import",
    "bench_checks",
    "bench_facts",
    "bench_review_page",
    "bench_changes",
    "bench_align",
    "bench_reconcile",
    "bench_history",
    "bench_exports",
    "bench_docx_libreoffice",
    "bench_concurrency",
    "bench_jobs",
    "load",
]
COLUMNS = ["what", "ours", "peer", "ratio", "budget", "ok"]


def run_module(name: str) -> list[dict]:
    if not (ROOT / "benchmarks" / f"{name}.py").exists():
        return [{"what": name, "ours": "not built yet", "ok": None}]
    code = (
        f"import json, sys; sys.path.insert(0, {str(ROOT)!r}); "
        f"from benchmarks import {name} as m; print('@@ROWS@@' + json.dumps(m.run()))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=1800
    )
    for line in proc.stdout.splitlines():
        if line.startswith("@@ROWS@@"):
            return json.loads(line.removeprefix("@@ROWS@@"))
    tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
    return [{"what": name, "ours": "FAILED: " + " | ".join(tail), "ok": False}]


def render(rows: list[dict]) -> str:
    cells = [
        [str(row.get(c, "")) if c != "ok" else _ok(row.get("ok")) for c in COLUMNS] for row in rows
    ]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(COLUMNS)]
    line = "| " + " | ".join(c.ljust(w) for c, w in zip(COLUMNS, widths, strict=True)) + " |"
    rule = "|-" + "-|-".join("-" * w for w in widths) + "-|"
    body = [
        "| " + " | ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)) + " |" for r in cells
    ]
    return "\n".join([line, rule, *body])


def _ok(value) -> str:
    return {True: "yes", False: "NO", None: "-"}[value]


def main() -> int:
    only = set(sys.argv[1:])
    rows: list[dict] = []
    for name in MODULES:
        if only and name not in only:
            continue
        print(f"running {name} ...", file=sys.stderr, flush=True)
        rows.extend(run_module(name))
    print(render(rows))
    for row in rows:
        if row.get("note"):
            print(f"- {row['what']}: {row['note']}")
    return 0 if all(r.get("ok") is not False for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
