"""Turning the bytes of an input into text: byte-order marks, UTF-8, its fallbacks, binaries."""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from geomap.models import Problem

__all__ = [
    "BOMS",
    "Decoded",
    "decode_bytes",
    "looks_binary",
    "looks_binary_head",
    "Lines",
]


@dataclass(frozen=True)
class Decoded:
    """Decoded file content, the encoding used and any warning about it."""

    text: str
    encoding: str
    warning: str | None = None


#: Byte-order marks and the encodings they announce, longest first.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
#: Cyrillic letters inside Cyrillic words (cp1251 text), not lone ones among Latin letters.
_CYRILLIC_RUN = re.compile(
    r"(?<=[\u0400-\u04ff])[\u0400-\u04ff]|[\u0400-\u04ff](?=[\u0400-\u04ff])"
)


def decode_bytes(data: bytes, *, binary_check: bool = True) -> Decoded | None:
    """Decode file bytes: BOM, then UTF-8, then cp1251 or cp1252/latin-1 by content.

    Parameters
    ----------
    data : bytes
        A file's content, or one line of it.
    binary_check : bool, default True
        Return None for bytes that look binary (NUL bytes or many control characters).
        Record-oriented readers turn it off and judge each record.

    Returns
    -------
    Decoded or None
        The text, the encoding used and a warning when it was not plain UTF-8.
    """
    for bom, enc in BOMS:
        if data.startswith(bom):
            try:
                return Decoded(
                    data.decode(enc),
                    enc,
                    None if enc == "utf-8-sig" else f"decoded as {enc} (byte-order mark)",
                )
            except UnicodeDecodeError:
                text = data.decode(enc, errors="replace")
                return Decoded(text, enc, f"invalid {enc} bytes replaced by U+FFFD")
    if binary_check and b"\x00" in data:
        return None
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
            text = data[: exc.start].decode("utf-8")
            return Decoded(
                text,
                "utf-8",
                f"truncated UTF-8 at the end of the file; {len(data) - exc.start} byte(s) dropped",
            )
        bad_utf8 = exc
    if binary_check and _many_controls(data[:65536]):
        return None
    # counted on the bytes, not listed: a list of one-character strings per letter took
    # ~90 times the size of the file (memory now stays a few times the size)
    high = len(data.translate(None, _ASCII))
    cyr_letters, in_words = _cyrillic_counts(data)
    if high and cyr_letters >= 0.8 * high and in_words >= 0.6 * cyr_letters:
        enc = "cp1251"
        text = data.decode("cp1251", errors="replace")
    else:
        try:
            text, enc = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            text, enc = data.decode("latin-1"), "latin-1"
    return Decoded(
        text, enc, f"not valid UTF-8 ({bad_utf8.reason} at byte {bad_utf8.start}); decoded as {enc}"
    )


#: The bytes below 0x80, deleted to count the others.
_ASCII = bytes(range(0x80))


def _cyrillic_flag(byte: int) -> bytes:
    char = bytes([byte]).decode("cp1251", errors="replace")
    return b"\x01" if _CYRILLIC.fullmatch(char) else b"\x00"


#: Each byte's cp1251 character: Cyrillic (1) or not (0).
_CP1251_CYRILLIC = b"".join(_cyrillic_flag(b) for b in range(256))


def _cyrillic_counts(data: bytes) -> tuple[int, int]:
    """In ``data`` read as cp1251: the Cyrillic letters (``_CYRILLIC``) and those beside
    another Cyrillic letter (``_CYRILLIC_RUN``), counted in a few copies of the bytes."""
    flags = data.translate(_CP1251_CYRILLIC)
    letters = flags.count(1)
    if not letters:
        return 0, 0
    # a letter alone is 0 1 0; with each 0 doubled, no two such share a 0
    spaced = b"\x00" + flags.replace(b"\x00", b"\x00\x00") + b"\x00"
    return letters, letters - spaced.count(b"\x00\x01\x00")


def _many_controls(head: bytes) -> bool:
    """Whether more than 1% (and over 8) of these bytes are control characters."""
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(8, len(head) // 100)


def looks_binary(text: str) -> bool:
    """Whether decoded text is binary data: a NUL, or over 1% (and 8) control characters.

    Parameters
    ----------
    text : str
        Decoded content; its first 65,536 characters are judged.

    Returns
    -------
    bool
    """
    sample = text[:65536]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    return "\x00" in sample or controls > max(8, len(sample) // 100)


def looks_binary_head(fh: BinaryIO, *, any_nul: bool = True) -> bool:
    """Whether the first 64 KiB of an open file look binary; the file is rewound.

    Parameters
    ----------
    fh : BinaryIO
        A seekable file open for reading bytes.
    any_nul : bool, default True
        One NUL byte makes a file binary. A record file (CSV) turns it off: a stray NUL
        in one record then counts as one more control character, and only a file dense
        with them is binary (its other records are read).

    Returns
    -------
    bool
        False for a file starting with a byte-order mark (UTF-16/32 holds NUL bytes).
    """
    head = fh.read(65536)
    fh.seek(0)
    if head.startswith(tuple(bom for bom, _ in BOMS)):
        return False
    return (any_nul and b"\x00" in head) or _many_controls(head)


class Lines:
    """The lines of a record file, decoded one at a time: a multi-GB file is never held whole.

    Each line is UTF-8, or decoded by ``decode_bytes``' fallback on its own; a file with a
    UTF-16/32 byte-order mark is read as a text stream in that encoding. What was said
    about the decoding collects in ``problems`` for the reader to report.

    Parameters
    ----------
    fh : BinaryIO
        The file, open for reading bytes, at its start.
    name : str
        Its name in the Problems.
    """

    def __init__(self, fh: BinaryIO, name: str) -> None:
        self.fh = fh
        self.name = name
        self.problems: list[Problem] = []
        self.fallbacks = 0
        #: whether any line read so far had more than white space
        self.content = False
        #: the encoding of the line last read
        self.encoding = "utf-8"

    def __iter__(self) -> Iterator[str]:
        head = self.fh.read(4)
        self.fh.seek(0)
        for bom, enc in BOMS:
            if head.startswith(bom) and enc != "utf-8-sig":
                self.problems.append(Problem(self.name, f"decoded as {enc} (byte-order mark)"))
                self.encoding = enc
                stream = io.TextIOWrapper(self.fh, encoding=enc, errors="replace", newline="")
                for line in stream:
                    self.content = self.content or bool(line.strip())
                    yield line
                return
        for number, raw in enumerate(self.fh, start=1):
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
            try:
                line = raw.decode("utf-8")
                self.encoding = "utf-8"
            except UnicodeDecodeError:
                decoded = decode_bytes(raw, binary_check=False)
                assert decoded is not None  # never None without the binary check
                line, self.encoding = decoded.text, decoded.encoding
                self.fallbacks += 1
                if self.fallbacks == 1 and decoded.warning:
                    self.problems.append(Problem(self.name, decoded.warning, number))
            self.content = self.content or bool(line.strip())
            yield line

    def drain(self) -> list[Problem]:
        """What was said about the decoding since the last call."""
        said, self.problems = self.problems, []
        return said

    def closing(self) -> list[Problem]:
        """What is left to say at the end, with a note when more than one line needed the
        fallback."""
        said = self.drain()
        if self.fallbacks > 1:
            said.append(
                Problem(
                    self.name,
                    f"{self.fallbacks:,} lines were not valid UTF-8 and were decoded by the "
                    "fallback",
                )
            )
        return said
