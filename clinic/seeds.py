"""Rerun every seeded block on the site with other seeds: a claim must not be the seed's.

Seeds are integer literals in a seeding call or keyword (`torch.manual_seed(0)`,
`keras.utils.set_random_seed(0)`, `np.random.default_rng(0)`, `random_state=0`,
`seed=0`) or a top-level `SEED = 0`. Each variant adds the same offset to every seed
literal in the block (so seeds that differed still differ) and runs the block as the
tests do. Any block whose asserts fail for another seed is reported; the exit status is
1 if there is one.

    python -m clinic.seeds                       # offsets 1, 2 and 17, every page
    python -m clinic.seeds --offsets 3 --page remedies/gradient-clipping
"""
import argparse
import os
import re
import sys
from concurrent.futures import ThreadPoolExecutor

from clinic.bench import blocks_to_time
from clinic.run import execute

SEED = re.compile(
    r"(?P<head>\b(?:manual_seed|set_random_seed|set_seed|default_rng|RandomState|from_seed"
    r"|seed)\(\s*|\b(?:seed|random_state)\s*=\s*|^SEED\s*=\s*)(?P<value>\d+)\b",
    re.MULTILINE)


def is_seeded(code: str) -> bool:
    return bool(SEED.search(code))


def reseeded(code: str, offset: int) -> str:
    return SEED.sub(lambda match: f"{match['head']}{int(match['value']) + offset}", code)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--page", help="only this page, e.g. remedies/gradient-clipping")
    parser.add_argument("--offsets", type=int, nargs="+", default=[1, 2, 17])
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    options = parser.parse_args(argv)

    page = options.page.strip("/").removesuffix(".md") if options.page else None
    seeded = [block for block in blocks_to_time(page) if is_seeded(block.code)]
    variants = [(block, offset) for block in seeded for offset in options.offsets]
    print(f"{len(seeded)} seeded blocks x offsets {options.offsets}: {len(variants)} runs")

    def run(variant):
        block, offset = variant
        return block, offset, execute(reseeded(block.code, offset))

    failures = []
    with ThreadPoolExecutor(options.jobs) as pool:
        for block, offset, result in pool.map(run, variants):
            status = "ok" if result.returncode == 0 else "FAILED"
            print(f"{status:>6}  seeds +{offset:<3} {block.label}", flush=True)
            if result.returncode != 0:
                failures.append(f"{block.label}, seeds +{offset}:\n"
                                + "\n".join(result.stderr.strip().splitlines()[-4:]))
    if failures:
        print("\nclaims that did not hold for other seeds:\n\n" + "\n\n".join(failures))
    else:
        print(f"\nevery seeded block held its claims with seeds +{options.offsets}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
