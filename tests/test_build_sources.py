"""Input documents: plain text and saved HTML, publication dates, and bad input."""

from __future__ import annotations

import pytest

from timeline.errors import AnchorError, DecodeError, InputError, InputTooLarge
from timeline.sources import MAX_TEXT_CHARS, dateline_date, parse_published, read_source

ARTICLE = "Rebels shelled the town of Gukovo on Sunday, killing two people.\n"

HTML = """<!DOCTYPE html>
<html><head><title>Rebels shell Gukovo</title>
<meta property="article:published_time" content="2014-07-14T09:30:00+03:00">
<meta property="og:site_name" content="Border Courier">
<script>var tracking = "On Sunday rebels did nothing";</script></head>
<body><nav>Home | World | Sport</nav>
<article><h1>Rebels shell Gukovo</h1>
<p>Rebels shelled the town of Gukovo on Sunday, killing two people and wounding five, officials said.</p>
<p>The regional governor visited the town on Monday and promised help to the families of the victims.</p>
<p>Residents said the shells landed near the bus station and the market, damaging several houses.</p>
</article><footer>Copyright Border Courier</footer></body></html>
"""


def test_plain_text_with_published(tmp_path):
    path = tmp_path / "gukovo.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    source = read_source(path, "2014-07-14")
    assert (source.document.id, source.document.published, source.published_from) == (
        "gukovo", "2014-07-14", "--published"
    )
    assert source.document.text == ARTICLE


def test_html_text_title_site_and_date_from_metadata(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    source = read_source(path)
    document = source.document
    assert (document.published, source.published_from) == ("2014-07-14", "HTML metadata")
    assert (document.title, document.source) == ("Rebels shell Gukovo", "Border Courier")
    assert "killing two people and wounding five" in document.text
    assert "tracking" not in document.text and "Home | World" not in document.text


def test_published_overrides_the_html_metadata(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    assert read_source(path, "2014-07-20").document.published == "2014-07-20"


def test_html_is_recognised_by_its_content_too(tmp_path):
    path = tmp_path / "saved-page.txt"
    path.write_text(HTML, encoding="utf-8")
    assert read_source(path).published_from == "HTML metadata"


def test_dateline_and_date_line():
    assert dateline_date("GUKOVO, Russia, July 14, 2014 - Rebels shelled the town.") == ("2014-07-14", "dateline")
    assert dateline_date("Rebels shell Gukovo\nBy A. Writer, 14 July 2014\n\nRebels shelled it.") == (
        "2014-07-14", "date line"
    )
    # A date inside a sentence of the story is an event date, not a publication date.
    assert dateline_date("Rebels shelled Gukovo on July 3, 2014, officials said.") is None


def test_publication_date_from_a_dateline(tmp_path):
    path = tmp_path / "dateline.txt"
    path.write_text("GUKOVO, July 14, 2014 - " + ARTICLE, encoding="utf-8")
    source = read_source(path)
    assert (source.document.published, source.published_from) == ("2014-07-14", "dateline")


def test_no_publication_date_asks_for_published(tmp_path):
    path = tmp_path / "undated.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(AnchorError, match=r"undated.txt: no publication date found .* give it with --published"):
        read_source(path)


@pytest.mark.parametrize("value", ["yesterday", "2014-13-01", "14/07/2014", "2014-07-1x"])
def test_a_published_that_is_not_a_date(value):
    with pytest.raises(AnchorError, match=r"--published: .* is not a date \(use YYYY-MM-DD"):
        parse_published(value)


def test_published_accepts_a_datetime_string():
    assert parse_published("2014-07-14T09:30:00") == "2014-07-14"


def test_an_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("  \n\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"empty\.txt: the file is empty"):
        read_source(path, "2014-07-14")


def test_a_binary_file(tmp_path):
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)) * 20)
    with pytest.raises(DecodeError, match=r"photo\.jpg: looks like a binary file"):
        read_source(path, "2014-07-14")


def test_html_with_no_body(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>Nothing</title></head></html>", encoding="utf-8")
    with pytest.raises(InputError, match=r"empty\.html: no article text found in the HTML"):
        read_source(path, "2014-07-14")


def test_a_text_too_long_for_an_article(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("Rebels shelled Gukovo on Sunday. " * (MAX_TEXT_CHARS // 30), encoding="utf-8")
    with pytest.raises(InputTooLarge, match=r"long\.txt: .* characters of text is more than an article"):
        read_source(path, "2014-07-14")


def test_a_file_above_the_size_limit_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(60 * 1000 * 1000)  # 60 MB, sparse: nothing is written
    with pytest.raises(InputTooLarge, match=r"huge.txt: 60,000,000 bytes is above the limit of 52,428,800 bytes"):
        read_source(path, "2014-07-14")


def test_a_missing_file(tmp_path):
    with pytest.raises(InputError, match=r"nowhere\.txt: no such file"):
        read_source(tmp_path / "nowhere.txt", "2014-07-14")
