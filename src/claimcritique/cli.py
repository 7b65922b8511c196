"""The `claimcritique` command line: every subcommand reads PATH... and prints one CSV table.

Problems with individual files go to stderr, one line each, and never stop the batch.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pandas as pd

from . import analysis, claims, consistency, language, paths, readability, references
from .corpus import DEFAULT_MAX_MB, Corpus, load_corpus


def _corpus_table(corpus: Corpus, args: argparse.Namespace) -> pd.DataFrame:
    if args.by == "block":
        return corpus.blocks
    if args.by == "sentence":
        return corpus.sentences
    return corpus.documents.drop(columns=["text"])


def _claims_table(corpus: Corpus, args: argparse.Namespace) -> pd.DataFrame:
    return claims.extract_claims(corpus.sentences, corpus.blocks)


def _language_table(corpus: Corpus, args: argparse.Namespace) -> pd.DataFrame:
    matches = language.find_matches(corpus.sentences)
    if args.by == "sentence":
        return matches
    return language.document_language(corpus.documents, corpus.sentences, matches)


def _consistency_table(corpus: Corpus, args: argparse.Namespace) -> pd.DataFrame:
    found = claims.extract_claims(corpus.sentences, corpus.blocks)
    strength = language.claim_strength(corpus.sentences)
    return consistency.find_inconsistencies(found, corpus.sentences, references.load_references(), strength)


def _readability_table(corpus: Corpus, args: argparse.Namespace) -> pd.DataFrame:
    if args.by == "section":
        return readability.section_readability(corpus.blocks, corpus.sentences)
    if args.by == "sentence":
        return readability.sentence_readability(corpus.sentences)
    return readability.document_readability(corpus.documents, corpus.sentences)


def _analyze(args: argparse.Namespace, progress: bool) -> int:
    """`claimcritique analyze`: every table, written to a folder, with a summary line at the end."""
    if not args.output:
        print("claimcritique: error: analyze needs -o DIR", file=sys.stderr)
        return 2
    began = time.perf_counter()
    written = analysis.write_analysis(args.paths or None, Path(args.output), manifest=args.manifest,
                                      max_mb=args.max_mb, jobs=args.jobs, progress=progress)
    report_problems(written.problems)
    summary = pd.DataFrame({"table": list(written.rows), "rows": list(written.rows.values()),
                            "file": [str(p) for p in written.files]})
    write_table(summary, None)
    print(f"claimcritique: {written.documents} documents, {written.words:,} words, {written.rows['claims']} claims, "
          f"{written.contradictions} contradictions, {len(written.problems)} problems; {len(written.files)} tables "
          f"in {args.output} ({time.perf_counter() - began:.1f} s)", file=sys.stderr)
    return 0 if written.documents else 1


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help=f"files or folders of .txt, .md, .html articles (default: {paths.RAW})")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the CSV here instead of stdout")
    parser.add_argument("--manifest", metavar="CSV",
                        help="document metadata (doc_id, file, title, publisher, kind, url, notes); "
                             "default: data/corpus.csv for the default corpus, else corpus.csv in the folder")
    parser.add_argument("--max-mb", type=float, default=DEFAULT_MAX_MB,
                        help=f"skip files larger than this many MB (default {DEFAULT_MAX_MB:g})")
    parser.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                        help="progress bar on stderr (default: when stderr is a terminal)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="claimcritique",
        description="Critique health-supplement articles: claims with quotes, readability, "
                    "promotional language and consistency. Each subcommand prints a CSV table.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    corpus = sub.add_parser("corpus", help="one row per document (or --by block / sentence)")
    _add_common(corpus)
    corpus.add_argument("--by", choices=["document", "block", "sentence"], default="document")
    corpus.set_defaults(table=_corpus_table)

    numbers = sub.add_parser("claims", help="every quantitative claim: type, subject, low/high, unit, quote, offsets")
    _add_common(numbers)
    numbers.set_defaults(table=_claims_table)

    words = sub.add_parser("language", help="promotional language per document (or --by sentence: every match)")
    _add_common(words)
    words.add_argument("--by", choices=["document", "sentence"], default="document")
    words.set_defaults(table=_language_table)

    agree = sub.add_parser("consistency", help="contradictions between documents and with the cited references")
    _add_common(agree)
    agree.set_defaults(table=_consistency_table)

    scores = sub.add_parser("readability", help="textstat scores over our segmentation, per document "
                                                "(or --by section / sentence)")
    _add_common(scores)
    scores.add_argument("--by", choices=["document", "section", "sentence"], default="document")
    scores.set_defaults(table=_readability_table)

    run = sub.add_parser("analyze", help="load the corpus once and write every table to a folder (-o DIR)")
    _add_common(run)
    run.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    run.set_defaults(table=None)

    sub.add_parser("bench", help="speed and memory at scale, as ratios against textstat alone (see bench --help)")
    sub.add_parser("evaluate", help="claim strength and promo_index measured against outside labels (see evaluate --help)")
    return parser


def report_problems(problems: pd.DataFrame, stream=sys.stderr) -> None:
    """One readable line per problem: the file first, then what is wrong."""
    for row in problems.itertuples(index=False):
        print(f"claimcritique: {row.severity}: {row.file}: {row.problem}", file=stream)


def write_table(table: pd.DataFrame, output: str | None) -> None:
    if output:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        table.to_csv(output, index=False)
    else:
        table.to_csv(sys.stdout, index=False)


def main(argv: list[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    if argv[:1] == ["bench"]:  # its own options: see `claimcritique bench --help`
        from . import bench

        return bench.main(argv[1:])
    if argv[:1] == ["evaluate"]:  # its own options: see `claimcritique evaluate --help`
        return language.main(argv[1:])
    args = build_parser().parse_args(argv)
    progress = sys.stderr.isatty() if args.progress is None else args.progress
    try:
        if args.command == "analyze":
            return _analyze(args, progress)
        corpus = load_corpus(args.paths or None, manifest=args.manifest, max_mb=args.max_mb, progress=progress)
        report_problems(corpus.problems)
        if corpus.documents.empty:
            print("claimcritique: error: no readable documents", file=sys.stderr)
            return 1
        write_table(args.table(corpus, args), args.output)
    except ValueError as error:  # a malformed manifest or data file: say which and why
        print(f"claimcritique: error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `claimcritique ... | head` is fine
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
