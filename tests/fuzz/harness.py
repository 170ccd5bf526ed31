"""Mutation fuzzing of every reader, from the seed's own forms.

Each format starts from the two first seed tables as that format writes them (text, pasted text, xlsx, xls,
ods, docx, pdf, html, json). A mutation changes bytes (flip, delete, duplicate, splice in a hostile token), or,
for the ZIP formats, the XML of one part before the archive is written again, so that the readers behind the
container checks are reached too. Each input goes through ``jixiao.read`` as a user's file would, and its outcome is
counted:

* clean — tables, or a :class:`~jixiao.errors.JixiaoError` that is one line;
* crash — any other exception, or an error message on several lines;
* over time — more than :data:`MAX_SECONDS` of CPU (this process and its reading child), or stopped by the
  reading process's wall-clock limit;
* over memory — a reading process past :data:`MAX_MEMORY_MB` (the bounded child for binary formats, this process
  for text and JSON).

``tests/fuzz/test_fuzz.py`` runs a few hundred inputs per format with a fixed seed in the suite;
``bench/fuzz.py --minutes N`` runs each format for N minutes and keeps every input that was not clean.
"""

from __future__ import annotations

import copy
import io
import json
import random
import resource
import tempfile
import time
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

import jixiao
from jixiao.errors import JixiaoError
from jixiao.io import isolation
from jixiao.io.writers import write

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "seed_2024.txt"
FIXED_SEEDS = ROOT / "tests" / "data" / "fuzz"
FORMATS = ("txt", "pasted", "xlsx", "xls", "ods", "docx", "pdf", "html", "json")
MAX_SECONDS = 10.0
MAX_MEMORY_MB = 1024
ZIP_FORMATS = ("xlsx", "ods", "docx")

#: Tokens spliced into inputs: operators, numbers past any amount, brackets, markup, control characters, units.
TOKENS = (b"\xe2\x89\xa5", b"9" * 40, b"1" * 5000, b"[" * 200, b"<table>" * 50, b"<td rowspan=\"99999\">", b"\x00",
          b"\x01\x0b\x1f", b"\xff\xfe", "万".encode() * 300, "（".encode() * 100, b"\t" * 500, b"\n" * 500,
          b"A99999999", b'r="XFD1048576"', b"-1", b"1e308", b"NaN", "一级指标".encode(), "指标值".encode(),
          b"%PDF-", b"PK\x03\x04", b"\"", b"<!--", b"&#0;", b"&lt;" * 100,
          b"table:number-rows-repeated=\"999999\"")  # fmt: skip


class Outcome(StrEnum):
    CLEAN = "clean"
    CRASH = "crash"
    OVER_TIME = "over_time"
    OVER_MEMORY = "over_memory"


@dataclass(frozen=True)
class Result:
    outcome: Outcome
    seconds: float  # wall clock
    peak_mb: float
    detail: str = ""
    cpu_seconds: float = 0.0  # this process and the reading child


@cache
def seeds() -> dict[str, bytes]:
    """Format → the bytes of the first two seed tables in that format."""
    tables = jixiao.read(SEED)[:2]
    folder = Path(tempfile.mkdtemp(prefix="jixiao-fuzz-seeds-"))
    found: dict[str, bytes] = {}
    for name in ("txt", "xlsx", "docx", "pdf", "html", "json"):
        found[name] = write(tables, folder / f"seed.{name}").read_bytes()
    text = found["txt"].decode("utf-8")
    found["pasted"] = "\n".join(" | ".join(line.split("\t")) for line in text.splitlines()).encode()
    for name in ("xls", "ods"):
        found[name] = (FIXED_SEEDS / f"seed.{name}").read_bytes()
    return found


def _bytes_mutation(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        if not out:
            out += rng.choice(TOKENS)
            continue
        where = rng.randrange(len(out))
        kind = rng.randrange(6)
        if kind == 0:
            out[where] ^= 1 << rng.randrange(8)
        elif kind == 1:
            del out[where : where + rng.randint(1, 64)]
        elif kind == 2:
            out[where:where] = rng.choice(TOKENS)
        elif kind == 3:
            chunk = out[where : where + rng.randint(1, 256)]
            out[where:where] = chunk * rng.randint(2, 50)
        elif kind == 4:
            out[where] = rng.choice(b"0123456789<>\"'=&;|\t\n")
        else:
            del out[where:]  # truncation
    return bytes(out)


def _zip_mutation(data: bytes, rng: random.Random) -> bytes:
    """Mutate one part of a ZIP container and write the container again (mostly), or its raw bytes."""
    if rng.random() < 0.2:
        return _bytes_mutation(data, rng)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = [(info, archive.read(info)) for info in archive.infolist()]
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, NotImplementedError, EOFError):
        return _bytes_mutation(data, rng)
    xml = [i for i, (info, _) in enumerate(parts) if info.filename.endswith(".xml")] or [0]
    target = rng.choice(xml)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, (info, content) in enumerate(parts):
            archive.writestr(info.filename, _bytes_mutation(content, rng) if index == target else content)
    return out.getvalue()


def _text_mutation(data: bytes, rng: random.Random) -> bytes:
    """Mutate decoded text, so that most inputs stay valid UTF-8 and reach the recognizer."""
    text = list(data.decode("utf-8", "replace"))
    for _ in range(rng.randint(1, 4)):
        where = rng.randrange(len(text) + 1)
        kind = rng.randrange(5)
        if kind == 0:
            text[where:where] = rng.choice(TOKENS).decode("utf-8", "replace")
        elif kind == 1:
            del text[where : where + rng.randint(1, 40)]
        elif kind == 2:
            chunk = text[where : where + rng.randint(1, 200)]
            text[where:where] = chunk * rng.randint(2, 30)
        elif kind == 3:
            text[where:where] = rng.choice("\t\n|≥≤%万元人次（）()：:，,.-—/\\\"'<>&#;=")
        else:
            other = rng.randrange(len(text) + 1)
            text[where:where] = text[other : other + rng.randint(1, 80)]  # a piece moved elsewhere
    return "".join(text).encode("utf-8")


def _same_length_mutation(data: bytes, rng: random.Random) -> bytes:
    """Change bytes in place: a PDF keeps its cross-reference offsets and is parsed past its header."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        where = rng.randrange(len(out))
        run = min(rng.randint(1, 16), len(out) - where)
        out[where : where + run] = bytes(rng.choice(b"0123456789 /<>[]()RTjf-.") for _ in range(run))
    return bytes(out)


TEXT_FORMATS = ("txt", "pasted", "html", "json")
#: Values put in place of one value of a JSON document.
JSON_VALUES: tuple[object, ...] = (None, 7, -1, 1e308, "", "≥" + "9" * 40, [1], {"a": [1]}, [[[[[]]]]], True, "=1+1",
                                    {"text": {"text": "x"}}, "一级指标", 12.5, [{}], "\u0000")  # fmt: skip


def _json_mutation(data: bytes, rng: random.Random) -> bytes:
    """Replace values of the parsed document, so that the shape checks behind the parser are reached."""
    try:
        document = json.loads(data)
    except (ValueError, RecursionError):
        return _text_mutation(data, rng)
    for _ in range(rng.randint(1, 3)):
        holder, key = _pick(document, rng)
        if holder is not None:
            holder[key] = copy.deepcopy(rng.choice(JSON_VALUES))
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def _pick(node: object, rng: random.Random) -> tuple[Any, Any]:
    """A random (container, key) inside ``node``."""
    holder: Any = None
    key: Any = None
    while isinstance(node, dict | list) and node:
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        holder, key = node, rng.choice(keys)
        node = node[key]
        if rng.random() < 0.3:
            break
    return holder, key


def mutate(data: bytes, name: str, rng: random.Random) -> bytes:
    if name in ZIP_FORMATS:
        return _zip_mutation(data, rng)
    if name == "json" and rng.random() < 0.5:
        return _json_mutation(data, rng)
    if name in TEXT_FORMATS and rng.random() < 0.85:
        return _text_mutation(data, rng)
    if name == "pdf" and rng.random() < 0.7:
        return _same_length_mutation(data, rng)
    return _bytes_mutation(data, rng)


SUFFIX = {"pasted": ".txt"}


def run_one(path: Path) -> Result:
    """Read ``path`` as a user's file and classify what happened."""
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    isolation.last_peak_kb, isolation.last_cpu_seconds = 0, 0.0
    started, cpu_started = time.perf_counter(), time.process_time()
    outcome, detail, stopped = Outcome.CLEAN, "", False
    try:
        jixiao.read(path)
    except isolation.ReaderCrash as error:
        outcome, detail = Outcome.CRASH, f"reader crash: {error.message}"
    except JixiaoError as error:
        message = str(error)
        stopped = "秒仍未" in message  # the reading process was stopped by its wall-clock limit
        if "\n" in message or len(message) > 600:
            outcome, detail = Outcome.CRASH, f"error on several lines: {message[:200]!r}"
    except Exception as error:  # what a fuzzer is for: anything else is a crash
        outcome, detail = Outcome.CRASH, f"{type(error).__name__}: {str(error)[:200]}"
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu_started + isolation.last_cpu_seconds
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    peak_mb = max(isolation.last_peak_kb, own if own > before else 0) / 1024
    # time is the CPU the read used (here and in the reading child): on a shared machine the wall clock measures
    # the neighbours; a read the wall-clock limit stopped is over time however little CPU it used
    if outcome is Outcome.CLEAN and (cpu > MAX_SECONDS or stopped):
        outcome, detail = Outcome.OVER_TIME, f"{cpu:.1f} s CPU, {seconds:.1f} s wall"
    if outcome is Outcome.CLEAN and peak_mb > MAX_MEMORY_MB:
        outcome, detail = Outcome.OVER_MEMORY, f"{peak_mb:.0f} MB"
    return Result(outcome, seconds, peak_mb, detail, cpu)


def inputs(name: str, rng: random.Random) -> Iterator[bytes]:
    """An endless stream of mutated inputs of format ``name``, mutations stacking on earlier ones at times."""
    seed = seeds()[name]
    current = seed
    while True:
        current = mutate(current if rng.random() < 0.3 else seed, name, rng)
        yield current


def campaign(
    name: str,
    *,
    count: int | None = None,
    seconds: float | None = None,
    seed: int = 0,
    keep: Path | None = None,
    report: Callable[[int, Counter[Outcome]], None] | None = None,
) -> tuple[Counter[Outcome], list[tuple[Path | None, Result]], float]:
    """Run ``count`` inputs (or for ``seconds``) of format ``name``; the outcomes, the non-clean ones, the peak MB.

    With ``keep``, every input that was not clean is written there, named by format, outcome and number.
    """
    rng = random.Random(seed)
    counted: Counter[Outcome] = Counter()
    bad: list[tuple[Path | None, Result]] = []
    peak = 0.0
    deadline = time.monotonic() + seconds if seconds is not None else None
    with tempfile.TemporaryDirectory(prefix="jixiao-fuzz-") as folder:
        path = Path(folder) / f"input{SUFFIX.get(name, '.' + name)}"
        for number, data in enumerate(inputs(name, rng), 1):
            if (count is not None and number > count) or (deadline is not None and time.monotonic() > deadline):
                break
            path.write_bytes(data)
            result = run_one(path)
            counted[result.outcome] += 1
            peak = max(peak, result.peak_mb)
            if result.outcome is not Outcome.CLEAN:
                kept = None
                if keep is not None:
                    keep.mkdir(parents=True, exist_ok=True)
                    kept = keep / f"{name}_{result.outcome.value}_{seed}_{number}{path.suffix}"
                    kept.write_bytes(data)
                bad.append((kept, result))
            if report is not None and number % 50 == 0:
                report(number, counted)
    return counted, bad, peak
