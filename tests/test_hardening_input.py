"""Hostile and unusual input files: encodings, size, binary data, HTML with hidden text, deep nesting."""

from __future__ import annotations

import codecs
import random
from pathlib import Path

import pytest

import timeline
from timeline.cli import main
from timeline.errors import DecodeError, InputTooLarge
from timeline.htmlclean import clean_html, flatten, is_hidden
from timeline.sources import read_source
from timeline.textio import decode, decode_with_encoding, read_bytes, read_text

ENGLISH = (
    "MOSCOW, July 14, 2014 - On Sunday a shell hit a yard in Donetsk, Rostov region, killing one man. "
    "Café owners in the town said the windows of the café broke. The ministry protested on Monday.\n"
)
RUSSIAN = (
    "В воскресенье снаряд упал во дворе жилого дома в Донецке Ростовской области. Погиб один человек, "
    "ещё четверо получили ранения. В понедельник министерство иностранных дел вызвало посла.\n"
)
UKRAINIAN = (
    "У суботу ввечері сили АТО відновили контроль над селищем Мар'їнка. Місцеві жителі повідомили про "
    "обстріли протягом усієї ночі, а в неділю почалася евакуація.\n"
)
FRENCH = (
    "Le tribunal de Villeurbanne a condamné lundi l'ancien élu à deux ans de prison ferme. La défense a "
    "annoncé qu'elle ferait appel à Lyon après le délibéré.\n"
)


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- encodings ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "encoded"),
    [
        (ENGLISH, ENGLISH.encode("utf-8")),
        (ENGLISH, codecs.BOM_UTF8 + ENGLISH.encode("utf-8")),
        (ENGLISH, ENGLISH.encode("utf-16")),  # with its byte-order mark
        (ENGLISH, ENGLISH.encode("utf-16-le")),  # without
        (ENGLISH, ENGLISH.encode("utf-16-be")),
        (RUSSIAN, RUSSIAN.encode("utf-16")),
        (RUSSIAN, RUSSIAN.encode("utf-32")),
        (ENGLISH, ENGLISH.encode("latin-1")),
        (FRENCH, FRENCH.encode("latin-1")),
        (FRENCH, FRENCH.encode("cp1252")),
        (RUSSIAN, RUSSIAN.encode("cp1251")),
        (UKRAINIAN, UKRAINIAN.encode("cp1251")),
        (RUSSIAN, RUSSIAN.encode("koi8-r")),
        ("Café à Paris.", "Café à Paris.".encode("latin-1")),  # short: cp1250 and cp1006 fit it as well
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le", "utf16be", "ru-utf16", "ru-utf32", "en-latin1", "fr-latin1",
         "fr-cp1252", "ru-cp1251", "uk-cp1251", "ru-koi8r", "short-latin1"],
)
def test_encodings_are_detected_and_decoded_exactly(text, encoded):
    assert decode(encoded, "article.txt", detect=True) == text


def test_the_encoding_used_is_reported():
    assert decode_with_encoding(RUSSIAN.encode("cp1251"), detect=True)[1] == "cp1251"
    assert decode_with_encoding(FRENCH.encode("latin-1"), detect=True)[1] == "cp1252"
    assert decode_with_encoding(ENGLISH.encode("utf-8"), detect=True)[1] == "utf-8"


def test_without_detection_only_utf8_or_a_bom_is_text():
    # TimeML is XML: UTF-8 unless marked. Detection is for articles.
    with pytest.raises(DecodeError, match=r"^page\.tml: not UTF-8 text"):
        decode(FRENCH.encode("latin-1"), "page.tml")
    assert decode(codecs.BOM_UTF16_LE + "x".encode("utf-16-le"), "a") == "x"


def test_offsets_refer_to_the_decoded_text_of_a_cp1251_file(tmp_path):
    text = "Обстріл у Маріуполі.\nOn Sunday, June 20, 2014, shells hit Gukovo, Rostov region.\n"
    path = _write(tmp_path, "report.txt", codecs.BOM_UTF8 + text.encode("utf-8"))
    decoded = read_source(path, "2014-07-14").document.text
    assert decoded == text  # no BOM in the text: offsets start at the first letter
    latin = _write(tmp_path, "report-1251.txt", text.encode("cp1251"))
    assert read_source(latin, "2014-07-14").document.text == text
    times = timeline.find_times(text, "2014-07-14")
    assert [(t.text, t.value) for t in times] == [("Sunday, June 20, 2014", "2014-06-20")]
    assert all(text[t.start : t.end] == t.text for t in times)


def test_times_command_reads_a_cp1251_file(tmp_path, capsys):
    path = _write(tmp_path, "news.txt", (RUSSIAN + ENGLISH.replace("é", "e")).encode("cp1251"))
    assert main(["times", str(path), "--anchor", "2014-07-14"]) == 0
    out = capsys.readouterr().out
    assert '"text": "July 14, 2014"' in out and '"text": "Sunday"' in out


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (random.Random(5).randbytes(6000), r"looks like a binary file"),
        (bytes(random.Random(5).choices(range(1, 256), k=6000)), r"not text in any encoding we recognise"),
        (b"\x7fELF\x02\x01\x01\x00" + bytes(3000), r"looks like a binary file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, r"looks like a binary file"),
        (codecs.BOM_UTF8 + b"Shells hit \xff\xfe the town", r"byte-order mark but byte 14 is not UTF-8"),
    ],
    ids=["random-bytes", "random-bytes-without-nul", "elf", "png", "bad-utf8-after-bom"],
)
def test_undecodable_bytes_are_a_clear_error_naming_the_file(tmp_path, data, message):
    path = _write(tmp_path, "upload.txt", data)
    with pytest.raises(DecodeError, match=rf"^{path}: .*{message}") as caught:
        read_source(path, "2014-07-14")
    assert "\n" not in str(caught.value)


def test_undecodable_file_on_the_command_line_is_one_line(tmp_path, capsys):
    path = _write(tmp_path, "noise.txt", bytes(random.Random(9).choices(range(1, 256), k=6000)))
    assert main(["build", str(path), "--published", "2014-07-14", "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"timeline: error: {path}: not text in any encoding")
    assert not (tmp_path / "out").exists()


# --- size ---------------------------------------------------------------------------------------------------


def test_a_file_above_the_limit_is_refused_without_opening_it(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(51 * 1024 * 1024)  # sparse: nothing is written to disk

    def refuse(*args, **kwargs):
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(InputTooLarge, match=r"huge\.txt: 53,477,376 bytes is above the limit of 52,428,800 bytes"):
        read_bytes(path)


def test_the_limit_is_configurable(tmp_path):
    path = _write(tmp_path, "a.txt", ENGLISH.encode("utf-8"))
    with pytest.raises(InputTooLarge, match=r"a\.txt: 193 bytes is above the limit of 100 bytes"):
        read_source(path, "2014-07-14", timeline.Config(max_input_bytes=100))
    assert read_text(path, max_bytes=193) == ENGLISH


def test_a_device_or_pipe_is_not_read_past_the_limit():
    # /dev/zero has size 0 on disk and never ends: the read stops one byte past the limit.
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    with pytest.raises(InputTooLarge, match=r"/dev/zero: more than the limit of 1,000 bytes"):
        read_bytes("/dev/zero", max_bytes=1000)


# --- HTML ---------------------------------------------------------------------------------------------------

VISIBLE = "Rebels shelled the town of Gukovo on Sunday, killing two people and wounding five, officials said."


def _page(hidden: str) -> str:
    return (
        "<!DOCTYPE html><html><head><title>Gukovo</title>"
        '<meta property="article:published_time" content="2014-07-14T09:30:00+03:00">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "SECRET-LD"}</script>'
        f"</head><body><article><h1>Shelling in Gukovo</h1><p>{VISIBLE}</p>{hidden}"
        "<p>The governor visited the town on Monday and promised help to the families of the victims.</p>"
        "</article></body></html>"
    )


HIDDEN_CASES = {
    "script": "<script>var SECRET = 'On Monday rebels shelled Moscow';</script>",
    "style": "<style>.SECRET { color: red }</style>",
    "noscript": "<noscript><p>SECRET please enable scripts to read the article about the shelling.</p></noscript>",
    "template": "<template><p>SECRET text of a template that is long enough to look like content.</p></template>",
    "hidden-attribute": "<p hidden>SECRET paragraph hidden with the attribute, long enough to be content.</p>",
    "aria-hidden": '<div aria-hidden="true"><p>SECRET paragraph hidden from readers and screen readers.</p></div>',
    "display-none": '<p style="color:red; DISPLAY : none !important">SECRET paragraph with display none.</p>',
    "visibility": '<p style="visibility:hidden">SECRET paragraph with visibility hidden, long enough.</p>',
    "class-hidden": '<p class="lead hidden">SECRET paragraph hidden by a utility class, long enough.</p>',
    "bootstrap": '<div class="d-none"><p>SECRET paragraph hidden by a Bootstrap class, long enough.</p></div>',
    "input": '<input type="hidden" value="SECRET">',
    "iframe": '<iframe srcdoc="SECRET">SECRET fallback text of a frame</iframe>',
    "svg": "<svg><title>SECRET</title><text>SECRET label</text></svg>",
}


@pytest.mark.parametrize("hidden", HIDDEN_CASES.values(), ids=HIDDEN_CASES.keys())
def test_hidden_html_never_becomes_article_text(tmp_path, hidden):
    path = tmp_path / "page.html"
    path.write_text(_page(hidden), encoding="utf-8")
    source = read_source(path)
    assert VISIBLE in source.document.text
    assert "SECRET" not in source.document.text
    assert source.document.published == "2014-07-14"


def test_the_visible_text_after_a_hidden_element_is_kept():
    tree = clean_html('<html><body><p>Before <span hidden>SECRET</span>after.</p></body></html>')
    assert tree.text_content() == "Before after."


def test_is_hidden_keeps_json_ld_and_ordinary_elements():
    assert not is_hidden("script", {"type": "application/ld+json"})
    assert is_hidden("script", {"type": "text/javascript"})
    assert not is_hidden("p", {"class": "hidden-xs-up lead", "style": "display: block"})
    assert is_hidden("DIV", {"style": "visibility: collapse"})


def test_a_page_in_windows_1251_with_its_meta_charset(tmp_path):
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
        f"<title>Донецк</title></head><body><article><p>{RUSSIAN}</p><p>{VISIBLE}</p></article></body></html>"
    )
    path = _write(tmp_path, "ru.html", page.encode("cp1251"))
    text = read_source(path, "2014-07-14").document.text
    assert RUSSIAN.strip() in text and VISIBLE in text


@pytest.mark.parametrize("depth", [300, 20_000])
def test_deeply_nested_html_keeps_its_article(tmp_path, depth):
    # libxml2 silently drops what lies more than 256 levels down; the page is flattened first.
    inner = f"<p>{VISIBLE}</p><p hidden>SECRET deep</p>" * 3
    nest, unnest = "<div>" * depth, "</div>" * depth
    page = f"<html><body><p>A short introduction of the page.</p>{nest}{inner}{unnest}</body></html>"
    path = _write(tmp_path, "deep.html", page.encode("utf-8"))
    text = read_source(path, "2014-07-14").document.text
    assert text.count("killing two people") == 3
    assert "SECRET" not in text


def test_flatten_keeps_text_and_bounds_depth():
    page = "<html><body>" + "<b>" * 50 + "x &amp; y" + "</b>" * 50 + "<p hidden>SECRET</p>tail</body></html>"
    assert flatten(page, max_depth=4) == "<html><body><b><b>x &amp; y</b></b>tail</body></html>"


def test_the_article_limit_holds_for_the_library_and_the_command_line(tmp_path, capsys):
    with pytest.raises(InputTooLarge, match=r"^text: 191 characters is more than an article \(the limit is 100"):
        timeline.build(ENGLISH, published="2014-07-14", config=timeline.Config(max_article_chars=100))
    path = _write(tmp_path, "a.txt", ENGLISH.encode("utf-8"))
    out = tmp_path / "out"
    assert main(["build", str(path), "-o", str(out), "--max-article-chars", "100"]) == 2
    assert capsys.readouterr().err == (
        f"timeline: error: {path}: 191 characters of text is more than an article (the limit is 100); split it "
        "into articles, or raise --max-article-chars\n"
    )
    assert main(["build", str(path), "-o", str(out), "--max-input-mb", "0.0001"]) == 2
    assert capsys.readouterr().err == f"timeline: error: {path}: 193 bytes is above the limit of 104 bytes\n"
    assert main(["times", str(path), "--anchor", "2014-07-14", "--max-input-mb", "0.0001"]) == 2
    assert not out.exists()


def test_the_default_limits_are_the_documented_ones():
    config = timeline.Config()
    assert (config.max_input_bytes, config.max_article_chars) == (50 * 2**20, 2 * 2**20)
