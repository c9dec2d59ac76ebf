"""Reading inputs: headers, datelines, boilerplate, titles, encodings, JSONL and CSV."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from geomap.ingest import find_dateline, iter_input_files, parse_article, read_file
from geomap.models import Article, Problem

CORPUS = Path(__file__).resolve().parent / "data" / "corpus"


@pytest.mark.parametrize(
    ("line", "place", "country", "month", "day", "year"),
    [
        ("BAKU, September 27. /TASS/. Azerbaijani Foreign Minister", "BAKU", None, 9, 27, None),
        ("MOSCOW, July 14. /TASS/. The Secretariat", "MOSCOW", None, 7, 14, None),
        ("BAKU, Azerbaijan, Oct.29", "BAKU", "Azerbaijan", 10, 29, None),
        ("KYIV, May 5 (Example Wire) - Artillery shelled", "KYIV", None, 5, 5, None),
        ("WASHINGTON, Oct. 23, 2020 - The talks", "WASHINGTON", None, 10, 23, 2020),
        ("SÃO PAULO, 3 March 2021 (Wire) - Rain", "SÃO PAULO", None, 3, 3, 2021),
        ("GENEVA (Reuters) - Talks resumed", "GENEVA", None, None, None, None),
    ],
)  # fmt: skip
def test_dateline_variants(line, place, country, month, day, year):
    dl = find_dateline(line, 0, len(line))
    assert dl is not None
    assert (dl.place, dl.country, dl.month, dl.day, dl.year) == (place, country, month, day, year)
    assert line[dl.place_start : dl.place_end] == place


@pytest.mark.parametrize(
    "line",
    ["UN Secretary-General António Guterres has called", "The US and UK said on Monday", "NATO"],
)
def test_not_datelines(line):
    assert find_dateline(line, 0, len(line)) is None


def test_header_on_the_same_line_as_text():
    text = " date 2020-09-28 The Secretary General called on Yerevan and Baku."
    art = parse_article("a", text, infer_title=True)
    assert art.published == dt.date(2020, 9, 28) and art.date_source == "header"
    assert "date" not in art.body and art.body.strip().startswith("The Secretary")
    assert art.title is None  # a long first line with a final full stop


def test_header_then_dateline_on_one_line():
    text = " date 2020-10-29 BAKU, Azerbaijan, Oct.29\n\nTrend:\n\nRussia is making efforts."
    art = parse_article("a", text, infer_title=True)
    assert art.dateline is not None and art.dateline.place == "BAKU"
    assert art.title is None
    assert "Trend:" not in art.body and "Oct.29" not in art.body
    assert "Azerbaijan" in art.body  # the dateline's country stays for extraction


def test_dateline_after_a_title_on_the_same_line():
    text = "City adjusts budget. TORRINGTON — City Council approved several budget changes."
    art = parse_article("a", text)
    assert art.dateline is not None and art.dateline.place == "TORRINGTON"
    # a sentence in capitals without a dash or a date is no dateline
    art = parse_article("a", "Budget news. NATO said on Monday it would meet.")
    assert art.dateline is None


def test_a_dateline_keeps_its_comma_and_state_for_extraction(gazetteer):
    from geomap.extract import find_toponyms, sentences
    from geomap.resolve import resolve_spans

    art = parse_article("a", "CHARLESTON, W.Va. -- A restaurant opened on Monday.\n")
    assert art.body.startswith("CHARLESTON, W.Va.")
    spans = find_toponyms(art, gazetteer, bounds=sentences(art.body))
    got = {r.span.surface: r.place for r in resolve_spans(spans, gazetteer, text=art.body)}
    assert got["CHARLESTON"].admin1 == "WV" and got["W.Va."].name == "West Virginia"


def test_boilerplate_and_title():
    text = (
        "All news\n\nRussian, Azeri diplomats talk by phone\n\nBAKU, September 27. /TASS/. "
        "Talks were held.\n\nRead alsoArmenia accuses Turkey of meddling\n\nВидео дня\n\n"
        "The ministry said on Sunday."
    )
    art = parse_article("a", text, infer_title=True)
    assert art.title == "Russian, Azeri diplomats talk by phone"
    for gone in ("All news", "Read also", "Armenia accuses", "Видео", "/TASS/"):
        assert gone not in art.body
    assert len(art.body) == len(text)
    assert art.dateline.month == 9 and art.dateline.day == 27


def test_title_credit_is_cut():
    text = "Guterres calls on the sides to return to talks  / REUTERS\n\nUN chief spoke."
    art = parse_article("a", text, infer_title=True)
    assert art.title == "Guterres calls on the sides to return to talks"
    assert "REUTERS" not in art.body


def test_articles_in_another_script_are_kept():
    text = "Наводнение в Москве\n\nВода поднялась в Москве в понедельник."
    art = parse_article("a", text)
    assert art.body == text


def test_txt_id_title_and_header(tmp_path):
    path = tmp_path / "story-1.txt"
    path.write_text("date 2021-03-09\nFloods along the Danube\n\nBUDAPEST, March 9. Text.\n")
    (art,) = list(read_file(path))
    assert art.id == "story-1" and art.title == "Floods along the Danube"
    assert art.published == dt.date(2021, 3, 9)


def test_jsonl_fields_and_bad_lines():
    items = list(read_file(CORPUS / "feed.jsonl"))
    arts = [i for i in items if isinstance(i, Article)]
    probs = [i for i in items if isinstance(i, Problem)]
    assert [a.id for a in arts] == ["wire-1", "wire-2"]
    assert arts[0].published == dt.date(2022, 5, 5) and arts[0].date_source == "metadata"
    assert arts[0].title and arts[0].url and arts[0].source == "Example Wire"
    assert {(p.line, p.severity) for p in probs} == {(3, "skipped"), (4, "skipped")}


def test_jsonl_missing_id_gets_a_stable_one(tmp_path):
    path = tmp_path / "f.jsonl"
    path.write_text(json.dumps({"text": "Floods in Lisbon."}) + "\n")
    (art,) = [i for i in read_file(path) if isinstance(i, Article)]
    assert art.id == "f-1" and any("no 'id'" in p.reason for p in art.problems)


def test_csv_rows_with_line_numbers(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text('id,text,date\na,"Line one\nstill one",2020-01-02\nb,,2020-01-03\nc,Three,\n')
    items = list(read_file(path))
    arts = [i for i in items if isinstance(i, Article)]
    assert [(a.id, a.line) for a in arts] == [("a", 2), ("c", 5)]
    (prob,) = [i for i in items if isinstance(i, Problem)]
    assert prob.line == 4 and "empty" in prob.reason


def test_folders_are_read_recursively_in_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("x")
    (tmp_path / "1.jsonl").write_text("")
    (tmp_path / "README.md").write_text("docs")
    (tmp_path / "notes.docx").write_text("?")
    (tmp_path / ".hidden.txt").write_text("x")
    got = list(iter_input_files([tmp_path]))
    paths = [g for g in got if isinstance(g, Path)]
    assert [p.name for p in paths] == ["1.jsonl", "2.txt"]
    (warn,) = [g for g in got if isinstance(g, Problem)]
    assert warn.path.endswith("notes.docx") and warn.severity == "warning"


def test_explicit_unsupported_file_is_skipped(tmp_path):
    path = tmp_path / "a.pdf"
    path.write_text("x")
    (prob,) = list(iter_input_files([path]))
    assert isinstance(prob, Problem) and prob.severity == "skipped" and ".pdf" in prob.reason


def _line(i: str, text: str) -> str:
    return json.dumps({"id": i, "text": text}, ensure_ascii=False) + "\n"


def test_jsonl_is_read_line_by_line(tmp_path):
    path = tmp_path / "wire.jsonl"
    path.write_text(_line("a", "Floods hit Dhaka. " * 20000), encoding="utf-8")
    records = read_file(path)
    first = next(records)
    assert isinstance(first, Article) and first.id == "a"
    with open(path, "a", encoding="utf-8") as fh:  # written after reading began
        fh.write(_line("b", "Protests in Lima."))
    assert [r.id for r in records if isinstance(r, Article)] == ["b"]


def test_jsonl_line_in_another_encoding_is_decoded_and_reported(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        _line("a", "Floods hit Dhaka.").encode()
        + _line("b", "Café owners in Lisbon protested.").encode("cp1252")
        + _line("c", "Protests in Lima.").encode()
    )
    out = list(read_file(path))
    arts = {r.id: r for r in out if isinstance(r, Article)}
    assert sorted(arts) == ["a", "b", "c"]
    assert arts["b"].text.startswith("Café") and arts["b"].encoding == "cp1252"
    (warning,) = [r for r in out if isinstance(r, Problem)]
    assert warning.line == 2 and "cp1252" in warning.reason


def test_utf16_jsonl_and_cp1251_csv(tmp_path):
    wire = tmp_path / "wire.jsonl"
    wire.write_bytes(b"\xff\xfe" + _line("a", "Наводнение в Казани.").encode("utf-16-le"))
    out = list(read_file(wire))
    assert [r.text for r in out if isinstance(r, Article)] == ["Наводнение в Казани."]
    assert any(isinstance(r, Problem) and "utf-16" in r.reason for r in out)
    desk = tmp_path / "desk.csv"
    desk.write_bytes("id,text\nk1,Наводнение в Казани на прошлой неделе.\n".encode("cp1251"))
    out = list(read_file(desk))
    (art,) = [r for r in out if isinstance(r, Article)]
    assert art.text.startswith("Наводнение") and art.encoding == "cp1251"
    assert any(isinstance(r, Problem) and r.line == 2 and "cp1251" in r.reason for r in out)


def test_casefold_never_shortens():
    """_is_boilerplate skips casefold for lines longer than the longest exact boilerplate."""
    import sys

    for code in range(sys.maxunicode + 1):
        if not 0xD800 <= code <= 0xDFFF:
            assert len(chr(code).casefold()) >= 1


@pytest.mark.parametrize(
    "text",
    [
        "Story title\nSHARE THIS ARTICLE\nſhare\nVideo: x\nВидео дня\nBody text here.",
        "Новости\nВидео дня\nПолитика сегодня\nRead also: more",
        "Title\n  \n ADVERTISEMENT \nRelated articles\n" + "word " * 20,
        "Ｓｈａｒｅ\nﬁnal\nK\n©2020\n日本語のテキスト\nLatin text continues here.",
    ],
)
def test_boilerplate_lines_as_when_tested_eagerly(text):
    """The cheap gates in _is_boilerplate give the answers of the plain tests."""
    from geomap.ingest.text import (
        _BOILERPLATE_EXACT,
        _BOILERPLATE_PREFIX,
        _LATIN,
        _LETTER,
        _is_boilerplate,
        _mostly_latin,
    )

    latin = _mostly_latin(text[:20000])
    for line in text.split("\n"):
        s = line.strip()
        plain = bool(s) and (
            s.casefold() in _BOILERPLATE_EXACT
            or bool(_BOILERPLATE_PREFIX.match(s))
            or bool(latin and len(s) <= 60 and _LETTER.search(s) and not _LATIN.search(s))
        )
        assert _is_boilerplate(line, lambda: latin) == plain, line


@pytest.mark.parametrize(
    ("text", "body"),
    [
        (
            "\r\n date 2020-01-02\r\nBAKU, Azerbaijan, Oct. 29 (AP) - Hit.\r\nRead also: x\r\nEnd.",
            "\r\n                \r\nBAKU, Azerbaijan                 Hit.\r\n            \r\nEnd.",
        ),
        (
            "Man charged in Torrington - REUTERS\nTORRINGTON, Conn. — Council met.\nSHARE\n",
            "Man charged in Torrington          \nTORRINGTON, Conn.   Council met.\n     \n",
        ),
    ],
)
def test_blanked_body_keeps_line_breaks_and_offsets(text, body):
    """Header, dateline (its country kept), boilerplate and title credit blanked in place."""
    article = parse_article("a", text, infer_title=True)
    assert article.body == body
    assert len(article.body) == len(text)


def test_the_sample_corpus_has_every_format_and_each_file_gives_articles():
    from geomap.ingest.files import SUFFIXES
    from geomap.pipeline import RunReport, read_articles

    examples = Path(__file__).resolve().parent.parent / "examples"
    report = RunReport()
    articles = list(read_articles([examples], report=report, today=dt.date(2026, 1, 1)))
    kinds = {SUFFIXES[Path(a.path).suffix.lower()] for a in articles}
    assert kinds == set(SUFFIXES.values())
    summary = report.to_dict()
    assert all(f["status"] == "processed" and f["articles"] for f in summary["inputs"])
    assert summary["totals"]["warnings"] == 0 and summary["totals"]["skipped"] == 0


@pytest.mark.parametrize(
    "module", ["geomap.ingest.pubdate", "geomap.ingest.text", "geomap.ingest.feeds"]
)
def test_docstring_examples(module):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted and not result.failed
