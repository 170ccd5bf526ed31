"""Limits that keep reading a hostile or broken file bounded in time and memory (see README, Limits)."""

from __future__ import annotations

#: Largest input file accepted, checked before any reading.
MAX_FILE_BYTES = 100 * 1024 * 1024
#: Largest total uncompressed size of the parts of an xlsx or docx (a ZIP container).
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
#: Largest compression ratio of one part bigger than 1 MB uncompressed (a zip bomb compresses far beyond).
MAX_COMPRESSION_RATIO = 200
#: Most parts in a ZIP container.
MAX_ZIP_ENTRIES = 10_000
#: Largest area (rows × columns) of one worksheet's used range, counting cells that only carry formatting.
MAX_SHEET_AREA = 5_000_000
#: Most non-empty cells in one file.
MAX_CELLS = 500_000
#: Most pages of a PDF read.
MAX_PDF_PAGES = 300
#: Most tables in one file.
MAX_TABLES = 2_000
#: Address space of the child process a binary file is read in (:mod:`jixiao.io.isolation`).
MAX_READER_MEMORY = 1536 * 1024 * 1024
#: Longest time a file may take to read before the reading is stopped.
MAX_READ_SECONDS = 120
#: Most pages of a scan (a PDF without text, or a multi-page image) read by OCR.
MAX_SCAN_PAGES = 50
#: Most pixels of one page image, checked before it is decoded or rendered (an A3 page at 300 dpi is 17 million).
MAX_SCAN_PIXELS = 40_000_000
#: Address space of the child process a scan is read in: the OCR model with two pages in flight reached 2.5 GB
#: (1.6 GB resident) on the seed scanned at 300 dpi.
MAX_SCAN_MEMORY = 3584 * 1024 * 1024
#: Longest time one page of a scan may take; the limit starts again at each page, so a long scan is not cut off.
MAX_SCAN_PAGE_SECONDS = 60
