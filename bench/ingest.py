"""Benchmark ingestion and extraction on a synthetic corpus made from the seeds.

Builds corpora of N articles by recombining seed paragraphs (each article 4,000–12,000 characters,
about the size of the seeds), ingests each into a fresh database with and without
claim extraction, and prints articles/s, MB/s and peak memory.  Also times the
extractor alone on one core, and ingesting the five bundled seeds.

    python bench/ingest.py                 # seeds, then 1,000 and 10,000 articles
    python bench/ingest.py --sizes 200     # a quick run
    python bench/ingest.py --sizes ""      # the extractor and the seeds only
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tracker.extract.claims import extract  # noqa: E402
from tracker.read.ingest import default_jobs, read_all  # noqa: E402
from tracker.store import Store  # noqa: E402


def seed_paragraphs() -> list[str]:
    paragraphs = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        paragraphs += [p.strip() for p in path.read_text("utf-8").split("\n") if len(p.strip()) > 40]
    return paragraphs


def make_corpus(folder: Path, count: int, seed: int = 7) -> int:
    """Write ``count`` articles of recombined seed paragraphs; return the bytes written."""
    rng = random.Random(seed)
    paragraphs = seed_paragraphs()
    total = 0
    for number in range(count):
        size = rng.randint(4000, 12000)
        body, chars = [], 0
        while chars < size:
            paragraph = rng.choice(paragraphs)
            body.append(paragraph)
            chars += len(paragraph)
        year = rng.randint(2015, 2026)
        text = f"京津冀协同发展报道第{number}篇\n{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} 10:00:00\n\n" + "\n\n".join(body) + "\n"
        data = text.encode("utf-8")
        (folder / f"a{number:05d}.txt").write_bytes(data)
        total += len(data)
    return total


def ingest(folder: Path, jobs: int, extract: bool) -> tuple[float, int]:
    paths = sorted(str(p) for p in folder.glob("*.txt"))
    return timed_ingest(paths, jobs, extract), len(paths)


def timed_ingest(paths: list[str], jobs: int, extract: bool) -> float:
    """Seconds to ingest ``paths`` into a fresh database."""
    with tempfile.TemporaryDirectory() as scratch:
        store = Store(Path(scratch) / "bench.db")
        started = time.perf_counter()
        for outcome in read_all(paths, None, jobs, extract):
            store.add_article(outcome.article, "bench")
        elapsed = time.perf_counter() - started
        store.close()
    return elapsed


def peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def extractor_alone(limit_bytes: int = 2_000_000, runs: int = 5) -> list[float]:
    """Run the public extractor, ``extract(text, published)``, on one core over seed text.

    It includes what ingest does around claims (simplifying, splitting, resolving
    relative dates against the publication date), so the figure is the one a user gets.
    Timed in CPU seconds of this process, ``runs`` times, because a shared machine's
    wall clock wanders by a third from run to run.  Returns MB/s per run, sorted.
    """
    text = "\n".join(seed_paragraphs())
    text = (text + "\n") * max(1, limit_bytes // len(text.encode("utf-8")))
    size = len(text.encode("utf-8"))
    rates = []
    for _ in range(runs):
        started = time.process_time()
        extract(text, "2025-03-01")
        rates.append(size / (time.process_time() - started) / 1e6)
    return sorted(rates)


def seeds_alone(jobs: int, runs: int = 5) -> tuple[float, float]:
    """Ingest the bundled seeds into a fresh database ``runs`` times; return files/s and MB/s."""
    paths = sorted(str(p) for p in (ROOT / "seeds").glob("*.txt"))
    size = sum(Path(p).stat().st_size for p in paths)
    best = min(timed_ingest(paths, jobs, True) for _ in range(runs))
    return len(paths) / best, size / best / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated corpus sizes")
    parser.add_argument("--jobs", type=int, default=default_jobs())
    args = parser.parse_args()
    rates = extractor_alone()
    print(f"extractor alone, one core, {len(rates)} runs on 2 MB: median {rates[len(rates) // 2]:.2f} MB/s "
          f"(min {rates[0]:.2f}, max {rates[-1]:.2f})")
    files_s, seeds_mb_s = seeds_alone(1)
    print(f"the five seeds, with extraction, 1 job (best of 5): {files_s:.1f} files/s, {seeds_mb_s:.2f} MB/s")
    for size in (int(s) for s in args.sizes.split(",") if s):
        with tempfile.TemporaryDirectory() as scratch:
            folder = Path(scratch)
            written = make_corpus(folder, size)
            for extract in (False, True):
                elapsed, count = ingest(folder, args.jobs, extract)
                label = "with extraction" if extract else "without extraction"
                print(f"{size:>6} articles ({written / 1e6:.1f} MB), {label:>19}, {args.jobs} jobs: "
                      f"{count / elapsed:7.1f} articles/s, {written / 1e6 / elapsed:5.2f} MB/s, "
                      f"peak memory {peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
