"""The `claimcritique` command line: every subcommand reads PATH... and prints one CSV table.

Problems with individual files go to stderr, one line each, and never stop the batch.
"""
from __future__ import annotations

import argparse
import importlib
import sys
import time
from pathlib import Path

import pandas as pd

from . import analysis, claims, consistency, language, paths, readability, references
from .corpus import DEFAULT_MAX_MB, Corpus, NothingReadable, load_corpus, nothing_readable
from .engine import Engine, EngineError


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
    """`claimcritique analyze`: every table, written to the corpus's own folder (or -o DIR), with a summary
    line at the end. Analysing into the corpus's own folder also makes it the corpus notebooks show."""
    corpus = paths.corpus_paths(args.paths or None)
    own = paths.outputs(corpus)
    output = Path(args.output) if args.output else own.tables
    began = time.perf_counter()
    engine = Engine(scheduler=args.scheduler, workers=args.workers, connect_timeout=args.timeout,
                    lost_timeout=args.lost_timeout)
    if args.batch_size < 1:
        print("claimcritique: error: --batch-size must be at least 1", file=sys.stderr)
        return 2
    try:
        written = analysis.write_analysis(corpus, output, manifest=args.manifest, max_mb=args.max_mb,
                                          progress=progress, engine=engine, csv=args.csv, batch_size=args.batch_size)
    except NothingReadable as error:
        print(f"claimcritique: error: {error}; nothing written", file=sys.stderr)
        return 1
    except EngineError as error:
        print(f"claimcritique: error: {error}; nothing written", file=sys.stderr)
        return 3
    report_problems(written.problems)
    if output.resolve() == own.tables.resolve():
        paths.record_source(own)
        paths.record_last_run(corpus)
    summary = pd.DataFrame({"table": list(written.rows), "rows": list(written.rows.values()),
                            "file": [str(p) for p in written.files]})
    write_table(summary, None)
    print(f"claimcritique: {written.documents} documents, {written.words:,} words, {written.rows['claims']} claims, "
          f"{written.contradictions} contradictions, {len(written.problems)} problems; {len(written.files)} tables "
          f"in {output} ({time.perf_counter() - began:.1f} s)", file=sys.stderr)
    return 0


def _references(args: argparse.Namespace) -> int:
    """`claimcritique references`: the cited reference values, or (--by supplement) what they cover."""
    table = references.load_references()
    if args.by == "supplement":
        key = table["supplement"] if "supplement" in table.columns else pd.Series("(not named)", index=table.index)
        summary = (table.assign(supplement=key).groupby("supplement", sort=True)
                   .agg(values=("ref_id", "size"), topics=("topic", lambda t: ", ".join(sorted(set(t)))))
                   .reset_index())
        write_table(summary, args.output)
    else:
        write_table(table, args.output)
    return 0


def _fetch(args: argparse.Namespace) -> int:
    """`claimcritique fetch`: save pages from links, with a manifest row each."""
    from . import fetch

    urls = list(args.urls)
    if args.from_file:
        try:
            urls += fetch.read_url_list(Path(args.from_file))
        except OSError as error:
            print(f"claimcritique: error: cannot read {args.from_file} ({error.strerror or error})", file=sys.stderr)
            return 2
    if not urls:
        print("claimcritique: error: fetch needs URL... or --from FILE", file=sys.stderr)
        return 2
    report = fetch.fetch_all(urls, Path(args.output), fetch.FetchSettings(
        timeout=args.timeout, retries=args.retries, delay=args.delay, max_bytes=int(args.max_mb * 1_000_000)),
        log=lambda line: print(f"claimcritique: {line}", file=sys.stderr))
    saved = sum(report["status"] == "saved")
    then = f"; next: claimcritique analyze {args.output}" if saved else "; nothing to analyze (see the lines above)"
    print(f"claimcritique: {saved} of {len(report)} pages saved in {args.output} (manifest: "
          f"{Path(args.output) / 'corpus.csv'}){then}", file=sys.stderr)
    return 0 if saved else 1


def _add_common(parser: argparse.ArgumentParser, output: tuple[str, str] = ("FILE", "write the CSV here instead of stdout")
                ) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help=f"files or folders of .txt, .md, .html, .pdf articles (default: {paths.RAW})")
    parser.add_argument("-o", "--output", metavar=output[0], help=output[1])
    parser.add_argument("--manifest", metavar="CSV",
                        help="document metadata (doc_id, file, title, publisher, kind, url, notes, label); "
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

    run = sub.add_parser("analyze", help="load the corpus once and write every table to its own folder "
                                         "(data/processed/<corpus name>/, or -o DIR)",
                         description="Every table as Parquet (DIR/_parquet/<table>/) and, for up to "
                                     f"{analysis.CSV_LIMIT:,} documents, as CSV. PATH may also be a Parquet or JSON "
                                     "Lines file of pages (columns url, html or text; optional title, publisher, kind, "
                                     "label, notes, doc_id), one document per row.")
    _add_common(run, ("DIR", "write the tables here instead of the corpus's own folder "
                             "(data/processed for data/raw, else data/processed/<name>)"))
    where = run.add_mutually_exclusive_group()
    where.add_argument("--workers", "--jobs", dest="workers", type=int, metavar="N",
                       help="start a Dask LocalCluster of N worker processes (one thread each) on this machine; "
                            "--jobs N is the same; default: analyse in this process")
    where.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                       help="run the batches on an existing Dask cluster (dask scheduler, dask worker); the paths "
                            "of the corpus and of -o must be the same on every worker")
    run.add_argument("--csv", action=argparse.BooleanOptionalAction, default=None,
                     help=f"write every table as CSV too (default: when the corpus has at most {analysis.CSV_LIMIT:,} "
                          "documents); Parquet is always written")
    run.add_argument("--batch-size", type=int, default=analysis.BATCH, metavar="N",
                     help=f"documents per batch, the unit of work of a worker (default {analysis.BATCH})")
    run.add_argument("--timeout", type=float, default=30.0, metavar="S",
                     help="seconds to wait for the scheduler to answer (default 30)")
    run.add_argument("--lost-timeout", type=float, default=120.0, metavar="S",
                     help="give up when the cluster has had no worker for this many seconds (default 120)")
    run.set_defaults(table=None)

    refs = sub.add_parser("references", help="the cited reference values (--by supplement: which supplements "
                                              "they cover)")
    refs.add_argument("--by", choices=["value", "supplement"], default="value")
    refs.add_argument("-o", "--output", metavar="FILE", help="write the CSV here instead of stdout")

    get = sub.add_parser("fetch", help="save web pages (HTML) from links, with a manifest row each (-o DIR)")
    get.add_argument("urls", nargs="*", metavar="URL", help="pages to save")
    get.add_argument("--from", dest="from_file", metavar="FILE", help="a file of links, one per line (# comments)")
    get.add_argument("-o", "--output", metavar="DIR", required=True, help="folder for the pages and corpus.csv")
    get.add_argument("--timeout", type=float, default=20.0, help="seconds per request (default 20)")
    get.add_argument("--retries", type=int, default=2, help="retries after a timeout or 5xx (default 2)")
    get.add_argument("--delay", type=float, default=2.0, help="seconds between requests to one host (default 2)")
    get.add_argument("--max-mb", type=float, default=5.0, help="largest page kept, in MB (default 5)")

    sub.add_parser("bench", help="speed and memory at scale, as ratios against textstat alone (see bench --help)")
    sub.add_parser("report", help="the HTML write-up of the last run's tables and figures (see report --help)")
    sub.add_parser("evaluate", help="claims scored against gold annotations, per claim type (see evaluate --help)")
    sub.add_parser("evaluate-language",
                   help="claim strength and promo_index measured against outside labels (see evaluate-language --help)")
    return parser


def report_problems(problems: pd.DataFrame, stream=sys.stderr) -> None:
    """One readable line per problem: the file first, then what is wrong."""
    for row in problems.itertuples(index=False):
        # a document that could not be read is skipped and the run goes on: not the word of a fatal error
        severity = "skipped" if row.severity == "error" else row.severity
        print(f"claimcritique: {severity}: {row.file}: {row.problem}", file=stream)


def write_table(table: pd.DataFrame, output: str | None) -> None:
    if output:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        table.to_csv(output, index=False)
    else:
        table.to_csv(sys.stdout, index=False)


# subcommand -> module whose main(argv) parses its own options
DELEGATED = {"bench": "bench", "report": "report", "evaluate": "evaluation", "evaluate-language": "language"}


def main(argv: list[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    if argv[:1] and argv[0] in DELEGATED:  # subcommands with their own options: `claimcritique NAME --help`
        return importlib.import_module(f".{DELEGATED[argv[0]]}", __package__).main(argv[1:])
    args = build_parser().parse_args(argv)
    progress = sys.stderr.isatty() if getattr(args, "progress", None) is None else args.progress
    try:
        if args.command == "fetch":
            return _fetch(args)
        if args.command == "references":
            return _references(args)
        if args.command == "analyze":
            return _analyze(args, progress)
        corpus = load_corpus(args.paths or None, manifest=args.manifest, max_mb=args.max_mb, progress=progress)
        report_problems(corpus.problems)
        if corpus.documents.empty:
            print(f"claimcritique: error: {nothing_readable(args.paths or None, corpus.problems)}", file=sys.stderr)
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
