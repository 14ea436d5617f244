"""LibreOffice opening the 1,000-flag DOCX export, against plain python-docx comments.

The article is bench_exports' long story (2,000 sentences, 1,000 flags, a fifth closed, a
quarter with a suggestion, each with two replies). Our export writes each reply as a Word
comment of its own, threaded under its flag's, so it holds 3,000 comments. Measured as
LibreOffice headless loading each file as a document model (lo_load.py, through Debian's
python3-uno), medians of REPEATS loads taken round robin:

- ours, threads: the export as it is (1,000 flag comments + 2,000 reply comments);
- ours, flags only: the same flags without replies (1,000 comments);
- peer, 1,000 plain comments: raw python-docx, a one-line comment per flag (the budget's peer);
- peer, 3,000 plain comments: raw python-docx, as many one-line comments as ours has.

LibreOffice 7.4's DOCX import time grows with the square of the number of comments (plain
one-line python-docx comments, measured here: 1,000 in 6.3 s, 2,000 in 21.6 s, 3,000 in 47 s)
and with the XML elements in each, so 3,000 comments cannot open in twice the time of 1,000
whatever their shape. Each comment is kept to one paragraph and few elements; the comparison
with as many plain comments checks that shape. Skipped (reported, not failed) when soffice or
python3-uno is missing.
"""

from __future__ import annotations

import dataclasses
import io
import json
import os
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path

if __package__ in (None, ""):
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_exports import long_article, raw_python_docx
from review.exports import docx

SYSTEM_PYTHON = "/usr/bin/python3"
REPEATS = int(os.environ.get("BENCH_LO_REPEATS", "3"))
BUDGET = 2.0  # ours ≤ 2 × the peer


def plain_comments(article, per_flag: int) -> bytes:
    from docx import Document

    document = Document()
    runs = {}
    for paragraph in article.paragraphs:
        p = document.add_paragraph()
        for sentence in paragraph.sentences:
            runs[sentence.position] = p.add_run(sentence.text + " ")
    for flag in article.flags:
        for _ in range(per_flag):
            document.add_comment(
                runs[flag.sentence_position], text=flag.note, author=flag.creator, initials="E"
            )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def available() -> str:
    if shutil.which("soffice") is None:
        return "soffice is not installed"
    if not os.path.exists(SYSTEM_PYTHON):
        return f"{SYSTEM_PYTHON} is missing"
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True, check=False)
    return "" if probe.returncode == 0 else "python3-uno is not installed"


def run() -> list[dict]:
    missing = available()
    if missing:
        return [{"what": "DOCX opened in LibreOffice", "ours": f"skipped: {missing}", "ok": None}]
    article = long_article()
    flags_only = dataclasses.replace(
        article, flags=tuple(dataclasses.replace(f, comments=()) for f in article.flags)
    )
    work = Path(tempfile.mkdtemp(prefix="desk-lo-bench-"))
    try:
        files = {
            "threads": docx.render(article),
            "flags": docx.render(flags_only),
            "peer1000": raw_python_docx(article),
            "peer3000": plain_comments(article, 3),
        }
        paths = {}
        for name, data in files.items():
            paths[name] = work / f"{name}.docx"
            paths[name].write_bytes(data)
        profile = work / "profile"
        profile.mkdir()
        proc = subprocess.run(
            [
                SYSTEM_PYTHON,
                str(Path(__file__).with_name("lo_load.py")),
                str(profile),
                str(REPEATS),
                *(str(p) for p in paths.values()),
            ],
            capture_output=True,
            text=True,
            timeout=7200,
            check=False,
        )
        lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
        if proc.returncode != 0 or not lines:
            tail = (proc.stderr or proc.stdout).strip().splitlines()[-2:]
            return [{"what": "DOCX opened in LibreOffice", "ours": "FAILED: " + " | ".join(tail)}]
        result = json.loads(lines[-1])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    median = {n: statistics.median(result["times"][str(p)]) for n, p in paths.items()}
    count = {n: result["comments"][str(p)] for n, p in paths.items()}
    size = "2,000 sentences / 1,000 flags"
    return [
        {
            "what": f"DOCX opened in LibreOffice, {size}, {count['flags']:,} comments",
            "ours": f"{median['flags']:.1f} s",
            "peer": f"raw python-docx, {count['peer1000']:,} plain comments: "
            f"{median['peer1000']:.1f} s",
            "ratio": f"{median['flags'] / median['peer1000']:.2f}x",
            "budget": f"<= {BUDGET:g}x",
            "ok": median["flags"] <= BUDGET * median["peer1000"],
        },
        {
            "what": f"the same with threads: {count['threads']:,} comments (replies threaded)",
            "ours": f"{median['threads']:.1f} s",
            "peer": f"raw python-docx, {count['peer3000']:,} plain comments: "
            f"{median['peer3000']:.1f} s",
            "ratio": f"{median['threads'] / median['peer3000']:.2f}x",
            "budget": f"<= {BUDGET:g}x",
            "ok": median["threads"] <= BUDGET * median["peer3000"],
            "note": f"against {count['peer1000']:,} plain comments it is "
            f"{median['threads'] / median['peer1000']:.1f}x: LibreOffice's load time grows "
            f"with the square of the comment count; medians of {REPEATS} loads",
        },
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
