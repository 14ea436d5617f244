"""How much the checks say on real copy, and how much of it an editor wants.

    python benchmarks/checks_quality.py CORPUS_DIR [--part all|tuning|heldout]
        [--sample N --out FILE] [--judgements FILE] [--all-rules] [--proselint]

Prints findings per 1,000 words per rule and per kind (the noise budget is 5), and facts
per 1,000 words per kind. `--out` writes a reproducible random sample of findings (fixed
seed) as JSON lines to judge by hand; `--judgements` reads a judged file back (one line per
finding: id, tab, real|defensible|noise, tab, note) and prints precision per rule. An id
hashes the story, rule, sentence, its index in the story, offset and quote (the index since
issue 9's set G, so a line repeated in one story gets two ids); a judgement file made
before then is still read, by the old id kept as `old_id`.

The corpus is split by a fixed seed (benchmarks/corpus.py) into a tuning part and a
held-out part: tune on the first, judge on the second. Judgement files quote the corpus,
so keep them outside the repository.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpus import Story, check_input, load, part
from review.checks import RULES, RULES_BY_ID, run_checks
from review.checks.document import Document
from review.checks.facts import extract_facts

SAMPLE_SEED = 1203
VERDICTS = ("real", "defensible", "noise")


def finding_id(
    story: str, rule: str, sentence: str, start, quote: str, index: int | None = None
) -> str:
    """A finding's stable id. `index` (the sentence's place in the story) tells apart the
    same line repeated in one story (a credit under two photos); proselint's findings have
    story offsets, which already differ, and keep their ids."""
    parts = [story, rule, sentence, str(start), quote]
    if index is not None:
        parts.append(str(index))
    raw = "\x1f".join(parts)
    return hashlib.sha1(raw.encode()).hexdigest()[:12]


def analyse(stories: list[Story], *, all_rules: bool) -> tuple[list[dict], Counter]:
    """Every finding on every story as a record, and the facts counted by kind."""
    records: list[dict] = []
    facts: Counter = Counter()
    enabled = {r.id for r in RULES} if all_rules else None
    for story in stories:
        data = check_input(story.body)
        doc = Document(data)
        texts = [s.text for s in data.sentences]
        for finding in run_checks(data, enabled=enabled, doc=doc):
            index = finding.key
            records.append(
                {
                    "id": finding_id(
                        story.name,
                        finding.rule_id,
                        texts[index],
                        finding.start,
                        finding.quote,
                        index,
                    ),
                    "old_id": finding_id(
                        story.name, finding.rule_id, texts[index], finding.start, finding.quote
                    ),
                    "story": story.name,
                    "rule": finding.rule_id,
                    "kind": finding.kind,
                    "severity": finding.severity,
                    "quote": finding.quote,
                    "message": finding.message,
                    "before": texts[index - 1] if index else "",
                    "sentence": texts[index],
                    "after": texts[index + 1] if index + 1 < len(texts) else "",
                }
            )
        facts.update(fact.kind for fact in extract_facts(data, doc=doc))
    return records, facts


def proselint_records(stories: list[Story]) -> list[dict]:
    from proselint.checks import __register__
    from proselint.config import DEFAULT
    from proselint.registry import CheckRegistry
    from proselint.tools import LintFile

    CheckRegistry().register_many(__register__)
    config = {**DEFAULT, "max_errors": 10**9}
    records = []
    for story in stories:
        for lint in LintFile(story.name, story.body).lint(config):
            result = lint.check_result
            start, end = result.span
            check = result.check_path
            quote = story.body[start:end]
            lo, hi = max(0, start - 150), end + 150
            records.append(
                {
                    "id": finding_id(story.name, f"proselint:{check}", "", start, quote),
                    "story": story.name,
                    "rule": f"proselint:{check}",
                    "kind": "proselint",
                    "severity": "",
                    "quote": quote,
                    "message": result.message,
                    "before": "",
                    "sentence": story.body[lo:hi],
                    "after": "",
                }
            )
    return records


def print_rates(records: list[dict], words: int, title: str, all_ids: list[str]) -> None:
    per_rule = Counter(r["rule"] for r in records)
    per_kind = Counter(r["kind"] for r in records)
    print(f"\n{title}: {len(records)} findings, {1000 * len(records) / words:.2f} per 1,000 words")
    print(f"{'rule':36} {'level':5} {'findings':>8} {'/1k words':>9}")
    for rule_id in all_ids:
        rule = RULES_BY_ID.get(rule_id)
        level = "on" if rule is None or rule.default_enabled else "off"
        n = per_rule.get(rule_id, 0)
        print(f"{rule_id:36} {level:5} {n:8} {1000 * n / words:9.2f}")
    for kind, n in sorted(per_kind.items()):
        print(f"  kind {kind:30} {n:8} {1000 * n / words:9.2f}")


def read_judgements(path: Path) -> dict[str, str]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) < 2 or fields[1] not in VERDICTS:
            raise SystemExit(f"{path}: bad line {line!r}: want ID<tab>real|defensible|noise")
        out[fields[0]] = fields[1]
    return out


def print_precision(records: list[dict], verdicts: dict[str, str]) -> None:
    by_rule: dict[str, Counter] = defaultdict(Counter)
    for record in records:
        verdict = verdicts.get(record["id"]) or verdicts.get(record.get("old_id", ""))
        if verdict:
            by_rule[record["rule"]][verdict] += 1
            peer = record["rule"].startswith("proselint:")
            by_rule["(all proselint)" if peer else "(all checks)"][verdict] += 1
    print(f"\n{'rule':36} {'judged':>6} {'real':>6} {'real+def':>8}")
    for rule_id in sorted(by_rule, key=lambda r: (r.startswith("(all"), r)):
        c = by_rule[rule_id]
        n = sum(c.values())
        print(f"{rule_id:36} {n:6} {c['real'] / n:6.0%} {(c['real'] + c['defensible']) / n:8.0%}")


def write_sample(records: list[dict], size: int, path: Path) -> None:
    """A reproducible random sample (fixed seed, drawn from the findings sorted by id)."""
    pool = sorted(records, key=lambda r: r["id"])
    sample = random.Random(SAMPLE_SEED).sample(pool, min(size, len(pool)))
    with path.open("w", encoding="utf-8") as out:
        for record in sample:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"\nwrote {len(sample)} findings to judge to {path}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--part", choices=("all", "tuning", "heldout"), default="all")
    parser.add_argument("--sample", type=int, default=0, help="findings to sample")
    parser.add_argument("--out", type=Path, help="write the sample here (JSON lines)")
    parser.add_argument("--judgements", type=Path, help="judged sample: precision per rule")
    parser.add_argument("--all-rules", action="store_true", help="also the rules off by default")
    parser.add_argument("--proselint", action="store_true", help="proselint on the same stories")
    parser.add_argument("--show", metavar="RULE", help="print every finding of RULE (a prefix)")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        raise SystemExit(f"{args.corpus} is not a directory: give the corpus directory.")

    stories = part(load(args.corpus), args.part)
    words = sum(s.words for s in stories)
    print(f"{len(stories)} stories ({args.part}), {words:,} words")
    records, facts = analyse(stories, all_rules=args.all_rules)
    print_rates(records, words, "checks", [r.id for r in RULES])
    print(
        f"\nfacts: {sum(facts.values())}, {1000 * sum(facts.values()) / words:.1f} per 1,000 words"
    )
    for kind, n in sorted(facts.items()):
        print(f"  {kind:20} {n:6} {1000 * n / words:7.1f}")
    peer: list[dict] = []
    if args.proselint:
        peer = proselint_records(stories)
        print_rates(peer, words, "proselint", sorted({r["rule"] for r in peer}))
    if args.show:
        for record in records:
            if record["rule"].startswith(args.show):
                print(f"\n[{record['id']}] {record['story']} {record['rule']}: {record['quote']!r}")
                print(f"  {record['message']}")
                print(f"  > {record['sentence']}")
    if args.sample and args.out:
        write_sample(records, args.sample, args.out)
        if peer:
            write_sample(peer, args.sample, args.out.with_suffix(".proselint.jsonl"))
    if args.judgements:
        print_precision(records + peer, read_judgements(args.judgements))
    return 0


if __name__ == "__main__":
    sys.exit(main())
