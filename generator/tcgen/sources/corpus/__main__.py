"""`python -m tcgen.sources.corpus`: capture corpus pages and show how they compare with the model.

    python -m tcgen.sources.corpus                      every page: faults, then a summary
    python -m tcgen.sources.corpus --lang zh --service cvm  a subset (--page FILE: one page)
    python -m tcgen.sources.corpus --page en/cvm/AllocateHosts.md --all   the page's own too
    python -m tcgen.sources.corpus --class input.           one class (prefix) on every page
    python -m tcgen.sources.corpus --reference              the raw reader judged instead of capture
    python -m tcgen.sources.corpus --json                   everything as JSON
    python -m tcgen.sources.corpus --history --lang en  the oldest revisions (real-history)
    python -m tcgen.sources.corpus --markdown docs/capture-corpus.md      the committed report:
                                                        the corpus and its oldest revisions

Exit status: 0 when every selected page is captured with no capture fault, 1 otherwise, 2 when
the corpus or the model release cannot be had.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tcgen.sources.corpus import corpus, oracle, release, report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tcgen.sources.corpus", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--corpus", type=Path, default=None, help="corpus directory")
    parser.add_argument(
        "--history",
        action="store_true",
        help="the oldest revisions (../shared/pages/real-history) instead of the corpus",
    )
    parser.add_argument("--lang", choices=("en", "zh"), default=None)
    parser.add_argument("--service", default=None, help="one service (cvm, cdb, ...)")
    parser.add_argument(
        "--page", action="append", default=[], metavar="FILE", help="en/cvm/AllocateHosts.md"
    )
    parser.add_argument("--all", action="store_true", help="show the page's own disagreements")
    parser.add_argument(
        "--class",
        dest="only",
        default=None,
        metavar="CLASS",
        help="only disagreements whose class starts with CLASS (page.lost, input., ...)",
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--markdown", type=Path, default=None, metavar="FILE", help="write report")
    parser.add_argument(
        "--reference",
        action="store_true",
        help="judge the raw page reader instead of tcgen.sources.capture (the page's-own baseline)",
    )
    parser.add_argument("--models", type=Path, default=None, help="tccli services dir to use")
    parser.add_argument(
        "--errors", type=Path, default=None, help="SDK dir of <service>/<version>/errorcodes.py"
    )
    args = parser.parse_args(argv)
    root = args.corpus or (corpus.history_root() if args.history else corpus.default_root())
    roots = [root]
    if args.markdown is not None and args.corpus is None and not args.history:
        roots.append(corpus.history_root())
    try:
        selections = [
            (where, corpus.select(corpus.load_index(where), args.lang, args.service, args.page))
            for where in roots
        ]
        services = args.models or release.services_dir()
        errors = args.errors if args.models else release.error_codes_dir()
    except (OSError, ValueError, release.ReleaseError) as exc:
        print(f"tcgen.sources.corpus: {exc}", file=sys.stderr)
        return 2
    pages = selections[0][1]
    if not pages:
        print("tcgen.sources.corpus: no page matches", file=sys.stderr)
        return 2
    run = oracle.run(pages, services, args.reference, errors)
    if args.markdown is not None:
        corpora = []
        for where, chosen in selections:
            judged = run if where == root else oracle.run(chosen, services, args.reference, errors)
            reference = judged if args.reference else oracle.run(chosen, services, True, errors)
            name = f"../shared/pages/{where.name}/"
            corpora.append(report.Corpus(name, corpus.describe(where), judged, reference))
        args.markdown.write_text(report.markdown(corpora), encoding="utf-8")
        for item in corpora:
            print(f"wrote {args.markdown}: {item.name}: {report.summary_line(item.run)}")
    elif args.json:
        print(json.dumps(report.as_json(run), indent=1, ensure_ascii=False))
    else:
        print(report.page_text(run, verbose=args.all, only=args.only))
    clean = run.captured == len(run.pages) and not any(r.faults() for r in run.pages)
    return 0 if clean else 1


if __name__ == "__main__":
    sys.exit(main())
