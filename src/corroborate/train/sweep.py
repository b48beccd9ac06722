"""Train several verifier variants side by side and keep the one that scores best on dev.

    python -m corroborate.train.sweep --out build/sweep --jobs 4 \
        --variant aug= --variant no-hn="--hard-negatives 0" --variant v0-data=--no-augment \
        -- --data ../shared/data --time-limit 420

Each variant is a `corroborate.train.verifier` run (the arguments after `--` are given to every one,
the variant's own after them) into `OUT/NAME`, `--jobs` of them at once: one small cross-encoder
leaves most of a GPU idle, so a lent GPU trains several in the time of one. Output lines carry the
variant's name. Then every finished model is scored on dev and a contrast set built from dev pairs
(`corroborate.train.choose`; the held-out files are never looked at) and `OUT/sweep.json` records
the choice, each variant's scores and its `training.json` (held-out numbers included, for the report).
"""

from __future__ import annotations

import argparse
import json
import shlex
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from corroborate.atomic import write_text_atomically
from corroborate.train import reports_errors

__all__ = ["choose_variant", "main", "parse_variant", "run_variants"]


def parse_variant(text: str) -> tuple[str, list[str]]:
    """`NAME=ARGS` (ARGS as a shell would split them) → (NAME, [args]). Raises `ValueError` on a bad name."""
    name, _, args = text.partition("=")
    if not name or not all(c.isalnum() or c in "-_." for c in name):
        raise ValueError(f"variant {text!r}: give NAME=ARGS, NAME in letters, digits, '-', '_' or '.'")
    return name, shlex.split(args)


def run_variants(
    variants: Sequence[tuple[str, list[str]]],
    common: Sequence[str],
    out: Path,
    jobs: int = 1,
    echo: Callable[[str], None] = print,
) -> dict[str, int]:
    """Run one training per variant, `jobs` at a time; returns each variant's exit status."""
    out.mkdir(parents=True, exist_ok=True)
    lock = threading.Lock()

    def train(name: str, args: list[str]) -> int:
        command = [sys.executable, "-u", "-m", "corroborate.train.verifier", "--out", str(out / name), *common, *args]
        with lock:
            echo(f"[{name}] {shlex.join(command[3:])}")
        with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) as child:
            assert child.stdout is not None
            for line in child.stdout:
                with lock:
                    echo(f"[{name}] {line.rstrip()}")
        with lock:
            echo(f"[{name}] exit {child.returncode}")
        return child.returncode

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = {name: pool.submit(train, name, args) for name, args in variants}
        return {name: future.result() for name, future in futures.items()}


def choose_variant(folders: Sequence[Path], data: Path, limit: int | None = None) -> dict[str, Any]:
    """Score each model folder on dev and the dev contrast set; {"best": name, "variants": {name: ...}}."""
    from corroborate.train.choose import choice_scores, dev_sets
    from corroborate.train.verifier import _device, _load_model

    sets = dev_sets(data, limit)
    device = _device(None)
    variants: dict[str, Any] = {}
    for folder in folders:
        model, tokenizer = _load_model(folder)
        model.to(device)
        row = choice_scores(model, tokenizer, sets, device)
        training = folder / "training.json"
        row["training"] = json.loads(training.read_text()) if training.is_file() else None
        variants[folder.name] = row
    best = max(variants, key=lambda n: variants[n]["score"]) if variants else None
    return {"best": best, "variants": variants}


@reports_errors
def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    common = argv[argv.index("--") + 1 :] if "--" in argv else []
    own = argv[: argv.index("--")] if "--" in argv else argv
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for the variants' model folders")
    parser.add_argument("--variant", action="append", required=True, metavar="NAME=ARGS", help="one training")
    parser.add_argument("--jobs", type=int, default=1, help="trainings at once")
    parser.add_argument("--data", type=Path, default=None, help="split for the choice (default: the trainings')")
    parser.add_argument("--limit", type=int, default=None, help="first N dev rows for the choice (a smoke run)")
    args = parser.parse_args(own)
    try:
        variants = [parse_variant(v) for v in args.variant]
    except ValueError as exc:
        parser.error(str(exc))
    if len({name for name, _ in variants}) != len(variants):
        parser.error("two variants have one name")
    data = args.data or Path(common[common.index("--data") + 1] if "--data" in common else "../shared/data")
    started = time.perf_counter()
    status = run_variants(variants, common, args.out, args.jobs)
    finished = [args.out / name for name, code in status.items() if code == 0]
    report = choose_variant(finished, data, args.limit)
    report |= {"common": common, "arguments": dict(variants), "exit": status,
               "seconds": round(time.perf_counter() - started, 1)}  # fmt: skip
    write_text_atomically(args.out / "sweep.json", json.dumps(report, indent=1) + "\n")
    for name, row in report["variants"].items():
        print(f"{name}: dev {row['dev_accuracy']:.4f}, dev contrast {row['dev_contrast_accuracy']:.4f}, "
              f"score {row['score']:.4f}")  # fmt: skip
    failed = sorted(name for name, code in status.items() if code != 0)
    print(f"best: {report['best']}" + (f"; failed: {', '.join(failed)}" if failed else ""))
    return 0 if report["best"] else 1


if __name__ == "__main__":
    sys.exit(main())
