"""One geoparser: what build and extract ship is what evaluate scores."""

from __future__ import annotations

import datetime as dt
import doctest
import json

import geomap.geoparse
from geomap.evaluate import GoldDoc, predict, read_predictions
from geomap.geoparse import geoparse
from geomap.ingest import parse_article
from geomap.pipeline import run_extract

#: A dateline naming no country: the dateline's place tells it, and it decides Windsor.
OTTAWA = "OTTAWA — Police in Windsor and London said roads were closed."
TEXTS = {
    "ottawa": OTTAWA,
    "baku": "BAKU, September 27. /TASS/. Shelling hit Ganja and Tartar on Sunday.",
    "plain": "Floods hit Porto Alegre in Brazil on Friday, and two people were killed.",
}


def test_the_dateline_s_country_is_evidence(gazetteer):
    places = {r.span.surface: r.place.country_code for r in geoparse(
        parse_article("o", OTTAWA), gazetteer)}  # fmt: skip
    assert places == {"OTTAWA": "CA", "Windsor": "CA", "London": "CA"}


def test_evaluate_scores_what_extract_writes(tmp_path, gazetteer):
    corpus = tmp_path / "gold.jsonl"
    corpus.write_text("".join(json.dumps({"id": k, "text": t}) + "\n" for k, t in TEXTS.items()))
    out = tmp_path / "pred.jsonl"
    run_extract(corpus, out, gazetteer=gazetteer, today=dt.date(2026, 11, 22), progress=False)
    shipped = read_predictions(out)
    for doc_id, text in TEXTS.items():
        scored = predict(GoldDoc(doc_id, text, ()), gazetteer)
        assert scored and scored == shipped[doc_id], doc_id


def test_the_module_s_examples(gazetteer):
    failed, tried = doctest.testmod(geomap.geoparse)
    assert tried and not failed
