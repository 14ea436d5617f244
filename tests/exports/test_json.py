"""json: W3C Web Annotations whose selectors resolve, and which pass the W3C MUST checks."""

from __future__ import annotations

import json

import pytest

from review.exports import annotation_json
from review.selectors.exports import export_data, export_file
from tests.export_factories import plain_article, reply, sample_article
from tests.exports.helpers import run_w3c_checker


def _collection(article) -> dict:
    return json.loads(annotation_json.render(article))


def _selectors(annotation: dict) -> dict[str, dict]:
    return {s["type"]: s for s in annotation["target"]["selector"]}


def test_it_is_a_collection_whose_first_page_embeds_every_flag():
    doc = _collection(sample_article())
    assert doc["type"] == "AnnotationCollection"
    assert doc["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    assert doc["total"] == 6
    page = doc["first"]
    assert page["type"] == "AnnotationPage"
    # In the flags' number order, each carrying its number.
    ids = [a["id"].rsplit("-", 1)[1] for a in page["items"]]
    assert ids == ["11", "12", "13", "14", "15", "16"]
    assert [a["desk:number"] for a in page["items"]] == [1, 2, 3, 4, 5, 6]


def test_each_annotation_has_the_designs_shape():
    item = _collection(sample_article())["first"]["items"][0]
    assert item["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    assert item["type"] == "Annotation"
    assert item["id"] == "http://desk.test/articles/story/#f-11"
    assert item["created"] == item["modified"] == "2026-11-29T09:30:00Z"
    assert item["creator"] == {"type": "Person", "name": "editor"}
    purposes = [(b["purpose"], b["value"]) for b in item["body"]]
    assert purposes == [
        ("tagging", "name-spelling"),
        ("commenting", "Scot or Scott? The sheriff's name is Scott."),
        ("commenting", "Checked the court record: Scot."),
        ("editing", "Scott Peterson"),
    ]
    assert item["body"][2]["creator"]["name"] == "copyed"
    # The offsets count in the clean text, so that is the source, said to be plain text.
    assert item["target"]["source"] == {
        "id": "http://desk.test/articles/story/export/txt/",
        "type": "Text",
        "format": "text/plain",
    }


def test_status_severity_and_workflow_are_desk_terms_declared_in_the_context():
    items = _collection(sample_article())["first"]["items"]
    assert items[0]["@context"][1] == {"desk": "http://desk.test/ns/desk#"}
    assert (items[0]["desk:status"], items[0]["desk:severity"]) == ("open", "major")
    resolved = next(i for i in items if i["id"].endswith("-14"))
    assert resolved["desk:status"] == "resolved"
    assert resolved["desk:resolvedBy"] == "editor"
    assert resolved["desk:resolutionNote"] == "Registry spelling."


def test_an_automatic_flag_is_created_by_software():
    items = _collection(sample_article())["first"]["items"]
    auto = next(i for i in items if i["id"].endswith("-12"))
    assert auto["creator"] == {"type": "Software", "name": "Review desk (automatic check)"}
    assert auto["desk:origin"] == "check:claims.vague-attribution"


def test_every_selector_resolves_in_the_current_text():
    article = sample_article()
    text = article.text
    for item in _collection(article)["first"]["items"]:
        if isinstance(item["target"], str):
            continue
        sel = _selectors(item)
        quote, position = sel["TextQuoteSelector"], sel["TextPositionSelector"]
        assert text[position["start"] : position["end"]] == quote["exact"]
        assert text[: position["start"]].endswith(quote.get("prefix", ""))
        assert text[position["end"] :].startswith(quote.get("suffix", ""))


def test_positions_are_code_points_even_after_emoji_outside_the_bmp():
    article = plain_article([["Fans 🎉🎉 cheered Scot 🇺🇸 Peterson."]], [(0, "Peterson", {})])
    [item] = _collection(article)["first"]["items"]
    position = _selectors(item)["TextPositionSelector"]
    # 24 code points precede it ("🇺🇸" is two); UTF-16 would count 28.
    assert (position["start"], position["end"]) == (24, 32)
    assert len(article.text[:24].encode("utf-16-le")) // 2 == 28


def test_a_detached_flag_targets_the_article_and_keeps_its_old_words():
    items = _collection(sample_article())["first"]["items"]
    detached = items[-1]
    assert detached["target"] == "http://desk.test/articles/story/"
    assert detached["desk:detachedQuote"] == "a sentence that was cut"


def test_a_deleted_reply_says_so_and_keeps_its_words_out():
    article = plain_article(
        [["One."]], [(0, None, {"comments": (reply("ann", "gone", deleted=True),)})]
    )
    [item] = _collection(article)["first"]["items"]
    assert item["body"][1]["value"] == "(comment deleted)"
    assert item["body"][1]["desk:deleted"] is True
    assert "gone" not in annotation_json.render(article).decode()


def test_the_sample_passes_the_w3c_must_checks(tmp_path):
    result = run_w3c_checker(annotation_json.render(sample_article()), tmp_path)
    assert result.returncode == 0, result.stdout[-3000:]
    assert result.stdout.strip().endswith("0 failed")


@pytest.mark.django_db
def test_the_seed_export_passes_the_w3c_must_checks(seeded, tmp_path):
    data = export_file(seeded, "json").data
    result = run_w3c_checker(data, tmp_path)
    assert result.returncode == 0, result.stdout[-3000:]
    passed = int(result.stdout.strip().splitlines()[-1].split()[0])
    assert passed > 50


@pytest.mark.django_db
def test_the_seed_exports_selectors_resolve(seeded):
    data = json.loads(export_file(seeded, "json").data)
    text = export_data(seeded, base_url="http://x.test").text
    assert text == seeded.original_text
    exacts = []
    for item in data["first"]["items"]:
        sel = _selectors(item)
        start, end = sel["TextPositionSelector"]["start"], sel["TextPositionSelector"]["end"]
        assert text[start:end] == sel["TextQuoteSelector"]["exact"]
        exacts.append(sel["TextQuoteSelector"]["exact"])
    assert "Scot Peterson" in exacts


def test_an_outdated_flag_carries_the_words_it_was_raised_on():
    article = plain_article(
        [["Scott Peterson resigned."]],
        [(0, "Scott Peterson", {"anchor": "outdated", "quote": "Scot Peterson"})],
    )
    [item] = _collection(article)["first"]["items"]
    assert item["desk:originalQuote"] == "Scot Peterson"
    assert _selectors(item)["TextQuoteSelector"]["exact"] == "Scott Peterson"


def test_control_characters_never_reach_the_json():
    article = plain_article(
        [["One sentence."]],
        [(0, None, {"note": "nul\x00 bell\x07", "comments": (reply("a\x00b", "x\x1by"),)})],
    )
    data = annotation_json.render(article).decode()
    assert "\\u0000" not in data and "\\u0007" not in data and "\\u001b" not in data
    [item] = json.loads(data)["first"]["items"]
    assert item["body"][1]["value"] == "nul bell"
