"""Batch work over many files: read, review and score file by file, written as a Parquet dataset as it goes.

``process_file`` (in :mod:`.records`) is the per-file work and needs only ``jixiao[formats]``;
``run_batch`` (in :mod:`.run`) writes the dataset with pyarrow (``jixiao[batch]``), locally or on Dask.
"""

from .records import AUTO, FileJob, FileResult, digest_of, expand, process_file

__all__ = ["AUTO", "FileJob", "FileResult", "digest_of", "expand", "process_file"]
