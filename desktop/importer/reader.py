"""Reading export files as a stream of records, whatever their size.

A file is opened once, decoded as it is read, and handed over one record (a CSV row or a JSON
object) at a time with the physical line it starts on, so that memory stays bounded and every
problem can be reported by line. How many bytes have been read is always known, for progress.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# How much of the head of a file is decoded up front: enough to catch a wrong encoding before
# anything is imported in practically every file, small enough to stay instant.
HEAD_BYTES = 1 << 20
READ_CHUNK = 1 << 16
# The largest single JSON value the incremental reader waits for before giving up on it.
MAX_JSON_VALUE = 16 << 20
JSON_LINES_SUFFIXES = frozenset({".jsonl", ".ndjson"})
UTF16_NAMES = frozenset({"utf_16", "utf_16_le", "utf_16_be"})
UTF8_NAMES = frozenset({"utf_8", "utf_8_sig"})


class ImportFailed(ValueError):
    """A file (or a choice made for it) that cannot be imported; the message is for the user."""


class StreamBroken(ImportFailed):
    """The file became unreadable part-way: what came before it stays imported."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class Record:
    """One row or object of the file: its values by column (or key), and where it starts."""

    line: int
    values: Mapping[str, Any]


@dataclass(frozen=True)
class RowProblem:
    """A row that was skipped, and why, in the user's words."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


# -- encodings ---------------------------------------------------------------------------------


def _codec_name(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name.replace("-", "_")
    except LookupError:
        raise ImportFailed(f"Steward does not know the encoding {encoding!r}.") from None


def _looks_like_utf16(head: bytes) -> str | None:
    """UTF-16 without a byte order mark: text in Latin script has a zero in every other byte."""
    sample = head[:4096]
    if len(sample) < 4:
        return None
    low, high = sample[0::2], sample[1::2]
    if high.count(0) > len(high) * 0.3 and low.count(0) < len(low) * 0.05:
        return "utf-16-le"
    if low.count(0) > len(low) * 0.3 and high.count(0) < len(high) * 0.05:
        return "utf-16-be"
    return None


def resolve_encoding(head: bytes, declared: str | None) -> str:
    """The encoding to read the file with: the declared one if it agrees with the file's
    byte order mark, else what the mark (or the pattern of zero bytes) says, else UTF-8.

    The head is decoded with it, so a wrong encoding is reported before anything is imported."""
    has_utf16_bom = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    has_utf8_bom = head.startswith(codecs.BOM_UTF8)
    if declared:
        name = _codec_name(declared)
        if has_utf16_bom and name not in UTF16_NAMES:
            raise ImportFailed(
                f"The file starts with a UTF-16 byte order mark, but the encoding given is "
                f"{declared}. Leave the encoding out (Steward reads the mark) or give utf-16."
            )
        if name in UTF16_NAMES and not has_utf16_bom and _looks_like_utf16(head) is None:
            raise ImportFailed(
                f"The file does not read as {declared}: it has no UTF-16 byte order mark and "
                "its bytes are those of 8-bit text (UTF-8 or a legacy encoding). Google Play "
                "exports are UTF-16; a file saved again by a spreadsheet is often UTF-8 — "
                "try the encoding utf-8."
            )
        if name == "utf_16" and not has_utf16_bom:
            encoding = _looks_like_utf16(head) or "utf-16"
        elif name in UTF8_NAMES:
            encoding = "utf-8-sig"  # also takes off a mark the file may start with
        else:
            encoding = declared
    elif has_utf16_bom:
        encoding = "utf-16"
    elif has_utf8_bom:
        encoding = "utf-8-sig"
    else:
        encoding = _looks_like_utf16(head) or "utf-8"
    _check_head(head, encoding, declared)
    return encoding


def _check_head(head: bytes, encoding: str, declared: str | None) -> None:
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    try:
        decoder.decode(head, final=len(head) < HEAD_BYTES)
    except UnicodeDecodeError as error:
        line = _line_at(head, error.start, encoding)
        byte = head[error.start : error.start + 1].hex().upper()
        where = f"byte 0x{byte} on line {line}"
        if declared:
            raise ImportFailed(
                f"The file is not valid {declared} text ({where} cannot be read). "
                "Check the encoding given for it."
            ) from None
        raise ImportFailed(
            f"The file is not {_display_encoding(encoding)} text ({where} cannot be read). "
            "It may be in a legacy encoding: give it, for example cp1252, latin-1 or cp1251."
        ) from None


def _display_encoding(encoding: str) -> str:
    return "UTF-16" if _codec_name(encoding) in UTF16_NAMES else "UTF-8"


def _line_at(data: bytes, offset: int, encoding: str) -> int:
    text = data[:offset].decode(encoding, errors="replace")
    return text.count("\n") + 1


# -- the open file -----------------------------------------------------------------------------


class _CountingReader(io.RawIOBase):
    """Counts the bytes taken from the file, for progress."""

    def __init__(self, raw: io.FileIO) -> None:
        super().__init__()
        self._raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        read = self._raw.readinto(buffer)
        self.count += read or 0
        return read or 0

    def close(self) -> None:
        self._raw.close()
        super().close()


class SourceFile:
    """A file opened for reading text in a known encoding, counting the bytes read."""

    def __init__(self, path: Path, encoding: str | None = None) -> None:
        self.path = path
        try:
            self.size = path.stat().st_size
            raw = io.FileIO(path, "rb")
        except OSError as error:
            raise ImportFailed(f"Steward cannot read {path.name}: {error.strerror}.") from None
        try:
            self.head = raw.read(HEAD_BYTES)
            raw.seek(0)
            self.encoding = resolve_encoding(self.head, encoding)
        except BaseException:
            raw.close()
            raise
        self._counter = _CountingReader(raw)
        self.text = io.TextIOWrapper(
            io.BufferedReader(self._counter, READ_CHUNK),
            encoding=self.encoding,
            errors="strict",
            newline="",
        )

    @property
    def bytes_read(self) -> int:
        return self._counter.count

    def close(self) -> None:
        self.text.close()

    def __enter__(self) -> SourceFile:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _broken_encoding(source: SourceFile, line: int) -> StreamBroken:
    return StreamBroken(
        line,
        f"Line {line} and what follows are not valid {_display_encoding(source.encoding)} "
        "text; the rows before it were imported. Give the file's encoding and import it again.",
    )


# -- CSV ---------------------------------------------------------------------------------------


def sniff_delimiter(header_line: str) -> str:
    """Comma unless the header line is plainly split by semicolons, tabs or bars."""
    counts = {d: header_line.count(d) for d in ",;\t|"}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > counts[","] else ","


class CsvRecords:
    """The rows of a CSV file as Records keyed by the header's names.

    A row with more or fewer fields than the header is a RowProblem; blank lines are passed
    over. Line numbers count the newlines inside quoted fields, so they are the lines an editor
    shows."""

    def __init__(self, source: SourceFile, delimiter: str | None = None) -> None:
        self._source = source
        first = source.text.readline()
        delimiter = delimiter or sniff_delimiter(first)
        lines = _prepend(first, source.text)
        self._reader = csv.reader(lines, delimiter=delimiter)
        self.columns: list[str] = []
        self._header_line = 1
        try:
            for row in self._reader:
                if any(cell.strip() for cell in row):
                    self.columns = [cell.strip().lstrip("\ufeff") for cell in row]
                    self._header_line = self._reader.line_num
                    break
        except UnicodeDecodeError:
            raise _broken_encoding(source, self._reader.line_num + 1) from None
        except csv.Error as error:
            raise ImportFailed(f"The header of the file cannot be read: {error}.") from None
        if not self.columns:
            raise ImportFailed("The file is empty: it has no header row and no reviews.")

    def __iter__(self) -> Iterator[Record | RowProblem]:
        width = len(self.columns)
        end = self._header_line
        while True:
            start = end + 1
            try:
                row = next(self._reader)
            except StopIteration:
                return
            except UnicodeDecodeError:
                raise _broken_encoding(self._source, start) from None
            except csv.Error as error:
                end = self._reader.line_num
                yield RowProblem(start, f"cannot be read as CSV ({error})")
                continue
            end = self._reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != width:
                yield RowProblem(
                    start, f"has {len(row)} fields where the header has {width}; row skipped"
                )
                continue
            yield Record(start, dict(zip(self.columns, row, strict=True)))


def _prepend(first: str, rest: io.TextIOWrapper) -> Iterator[str]:
    yield first
    yield from rest


# -- JSON --------------------------------------------------------------------------------------


class JsonRecords:
    """The objects of a JSON file: a top-level array read incrementally, or JSON Lines (one
    object per line). An element that is not an object is a RowProblem; JSON that is malformed
    stops the reading (there is no telling where the next element starts) with StreamBroken."""

    def __init__(self, source: SourceFile) -> None:
        self._source = source
        self._decoder = json.JSONDecoder()
        self._buffer = ""
        self._pos = 0
        self._line = 1
        self._eof = False
        first = self._peek_char()
        if first is None:
            raise ImportFailed("The file is empty: it holds no reviews.")
        if first == "[":
            self.lines = False
        elif first == "{":
            self.lines = True
            self._check_lines()
        else:
            raise ImportFailed(
                "The file is not a JSON list of objects: it should start with “[” (an array of "
                "reviews) or hold one object per line (JSON Lines)."
            )

    # The buffer holds the text not consumed yet (from _pos), read in chunks as needed.
    def _fill(self) -> bool:
        if self._eof:
            return False
        try:
            chunk = self._source.text.read(READ_CHUNK)
        except UnicodeDecodeError:
            raise _broken_encoding(self._source, self._line) from None
        if not chunk:
            self._eof = True
            return False
        if self._pos > READ_CHUNK:
            self._buffer = self._buffer[self._pos :]
            self._pos = 0
        self._buffer += chunk
        return True

    def _peek_char(self) -> str | None:
        """The next character that is not white space, consumed up to it."""
        while True:
            buffer, pos = self._buffer, self._pos
            while pos < len(buffer) and buffer[pos] in " \t\r\n":
                pos += 1
            self._advance(pos)
            if pos < len(buffer):
                return buffer[pos]
            if not self._fill():
                return None

    def _advance(self, pos: int) -> None:
        self._line += self._buffer.count("\n", self._pos, pos)
        self._pos = pos

    def _value(self) -> tuple[Any, int]:
        """Decode the value that starts at the current position; return it and its line."""
        self._peek_char()
        while True:
            try:
                value, end = self._decoder.raw_decode(self._buffer, self._pos)
            except json.JSONDecodeError as error:
                if len(self._buffer) - self._pos > MAX_JSON_VALUE:
                    raise self._malformed(error) from None
                if not self._fill():
                    raise self._malformed(error) from None
                continue
            # A number at the very end of the buffer may continue in the next chunk.
            if end == len(self._buffer) and not self._eof and self._fill():
                continue
            line = self._line
            self._advance(end)
            return value, line

    def _malformed(self, error: json.JSONDecodeError) -> StreamBroken:
        line = self._line + self._buffer.count("\n", self._pos, error.pos)
        return StreamBroken(
            line,
            f"The JSON is malformed at line {line}: {error.msg}. The reviews before it were "
            "imported; correct the file and import it again.",
        )

    def _check_lines(self) -> None:
        """A file starting with “{” is JSON Lines if its first line is a whole object, and,
        unless its name says JSON Lines (.jsonl, .ndjson), another line follows."""
        while self._buffer.find("\n", self._pos) < 0 and len(self._buffer) < MAX_JSON_VALUE:
            if not self._fill():
                break
        first_line = self._buffer[self._pos :].partition("\n")[0]
        after = self._pos + len(first_line) + 1
        try:
            json.loads(first_line)
            if self._source.path.suffix.lower() not in JSON_LINES_SUFFIXES:
                while not self._buffer[after:].strip() and self._fill():
                    pass
                if not self._buffer[after:].strip():
                    raise ValueError("a single object")
        except ValueError:
            raise ImportFailed(
                "The file holds one JSON object, not a list of objects. Put the reviews in a "
                "top-level array, or write one object per line (JSON Lines)."
            ) from None

    def __iter__(self) -> Iterator[Record | RowProblem]:
        if self.lines:
            yield from self._iter_lines()
        else:
            yield from self._iter_array()

    def _iter_array(self) -> Iterator[Record | RowProblem]:
        self._advance(self._pos + 1)  # the "["
        number = 0
        if self._peek_char() == "]":
            self._advance(self._pos + 1)
            self._expect_end()
            return
        while True:
            value, line = self._value()
            number += 1
            yield _record(value, line, number)
            separator = self._peek_char()
            if separator == ",":
                self._advance(self._pos + 1)
                continue
            if separator == "]":
                self._advance(self._pos + 1)
                self._expect_end()
                return
            if separator is None:
                raise StreamBroken(
                    self._line,
                    f"The JSON array is not closed: the file ends at line {self._line} without "
                    "“]”. The reviews before it were imported.",
                )
            raise StreamBroken(
                self._line,
                f"The JSON is malformed at line {self._line}: expected “,” or “]” after an "
                "element. The reviews before it were imported.",
            )

    def _expect_end(self) -> None:
        if self._peek_char() is not None:
            raise StreamBroken(
                self._line, f"There is more after the end of the JSON array, at line {self._line}."
            )

    def _iter_lines(self) -> Iterator[Record | RowProblem]:
        number = 0
        while True:
            # One line at a time: a malformed line is skipped and the next one read.
            while self._buffer.find("\n", self._pos) < 0 and self._fill():
                pass
            rest = self._buffer.find("\n", self._pos)
            end = len(self._buffer) if rest < 0 else rest
            text = self._buffer[self._pos : end]
            line = self._line
            if rest < 0 and not text.strip():
                self._pos = end
                return
            self._advance(end if rest < 0 else end + 1)
            if not text.strip():
                continue
            number += 1
            try:
                value = json.loads(text)
            except json.JSONDecodeError as error:
                yield RowProblem(line, f"is not valid JSON ({error.msg}); line skipped")
                continue
            yield _record(value, line, number)


def _record(value: Any, line: int, number: int) -> Record | RowProblem:
    if isinstance(value, dict):
        return Record(line, value)
    kind = type(value).__name__ if value is not None else "null"
    return RowProblem(line, f"element {number} is a JSON {kind}, not an object; skipped")


def open_records(source: SourceFile, kind: str) -> CsvRecords | JsonRecords:
    """Records of the file read as "csv" or "json"."""
    return JsonRecords(source) if kind == "json" else CsvRecords(source)
