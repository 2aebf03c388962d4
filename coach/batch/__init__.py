"""Review at scale: a folder of recorded videos on every core, or on a Ray cluster.

    report = run_batch("recordings/", "review_out", BatchOptions(jobs=4))
    report = run_batch("recordings/", "review_out", BatchOptions(engine="ray", chunk_seconds=600))

or `python -m coach review FOLDER --jobs N [--engine ray] [--chunk-seconds S]`. Each file is
analysed by the same core as `python -m coach review` (coach.review.review_one); the
batch adds parallel workers, chunks for long videos, a resumable record of finished files,
failures.csv, batch_summary.csv and, optionally, sessions in the store.

Modules: plan (files, fingerprints, chunks), work (what a task does, in any process),
backends (local processes, Ray), runner (the driver), state (resume), report (the CSVs),
to_store (sessions). The review command's batch options live in coach.cli.review_batch.
"""

from coach.batch.backends import BatchError
from coach.batch.plan import Chunk, MediaFile, plan_chunks
from coach.batch.runner import BatchOptions, BatchReport, run_batch

__all__ = ["BatchError", "BatchOptions", "BatchReport", "Chunk", "MediaFile", "plan_chunks", "run_batch"]
