"""Names made from document ids and URLs stay in their folder; CSV cells are never formulas."""

from __future__ import annotations

import doctest
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import timeline.safety
from timeline.errors import ExportError
from timeline.safety import MAX_NAME_BYTES, neutralize_cell, safe_file_name, safe_output_path

MODEST = settings(max_examples=80, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])

HOSTILE = [
    "../../etc/passwd",
    "..\\..\\Windows\\win.ini",
    "/etc/passwd",
    "C:\\Windows\\system32\\drivers",
    "\\\\server\\share\\x",
    "a\x00b",
    "..",
    ".",
    "",
    "CON",
    "nul.txt",
    "LPT1",
    "com9.json",
    ".bashrc",
    "-rf",
    "x" * 1000,
    "д" * 300,
    "https://news.example.com/2014/07/14/shelling?id=3#top",
    "file:///etc/shadow",
    "name:stream",
    "trailing. ",
    "new\nline\r\ttab",
    "\u202egnp.exe",  # right-to-left override: shows a different name than it has
]


def test_the_docstring_examples():
    assert doctest.testmod(timeline.safety).failed == 0


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("article-17", "article-17.json"),
        ("Донецьк-2014", "Донецьк-2014.json"),
        ("a_b", "a_b.json"),
        ("../../etc/passwd", "etc_passwd-3754d6cb3a.json"),
        ("/etc/passwd", "etc_passwd-74acf31844.json"),
        ("a\x00b", "a_b-59b271ae1b.json"),
        ("a/b", "a_b-c14cddc033.json"),
        ("CON", "_CON-a3dbc4b644.json"),
        ("con.txt", "_con.txt-d3bde286fd.json"),
        ("..", "document-5ec1f7e700.json"),
        ("", "document-e3b0c44298.json"),
        (" -rf", "rf-d3d285aca2.json"),
        ("https://news.example.com/2014/07/14/shelling?id=3#top",
         "news.example.com_2014_07_14_shelling_id_3_top-7449be397f.json"),
    ],
)
def test_exact_names(raw, name):
    assert safe_file_name(raw, ".json") == name


@pytest.mark.parametrize("raw", HOSTILE)
def test_hostile_ids_give_a_plain_name_inside_the_folder(tmp_path, raw):
    path = safe_output_path(tmp_path, raw, ".json")
    assert path.parent == tmp_path
    name = path.name
    assert not ({"/", "\\", "\x00", ":"} & set(name))
    assert not name.startswith((".", "-"))
    assert len(name.removesuffix(".json").encode("utf-8")) <= MAX_NAME_BYTES
    path.write_text("{}", encoding="utf-8")  # the file system accepts it
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_a_long_name_is_cut_on_a_character_boundary_and_keeps_a_hash():
    name = safe_file_name("д" * 300)
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES
    stem, digest = name.rsplit("-", 1)
    assert set(stem) == {"д"} and len(digest) == 10


def test_names_are_stable_across_calls_and_distinct_ids_stay_distinct():
    ids = ["a/b", "a_b", "a\\b", "a b", "a:b", "a\x00b", "A/B"]
    names = [safe_file_name(raw) for raw in ids]
    assert names == [safe_file_name(raw) for raw in ids]
    assert len(set(names)) == len(ids)


def test_a_path_outside_the_folder_is_refused(monkeypatch, tmp_path):
    # Belt and braces: were the name function ever to let a separator through, the path check refuses it.
    monkeypatch.setattr(timeline.safety, "safe_file_name", lambda raw, suffix="", max_bytes=0: "../escape")
    with pytest.raises(ExportError, match=r"refused as an output name"):
        safe_output_path(tmp_path, "x")


@MODEST
@given(st.text(max_size=400))
def test_any_text_gives_a_name_that_stays_in_the_folder(raw):
    name = safe_file_name(raw, ".json")
    assert os.sep not in name and "/" not in name and "\x00" not in name
    assert name not in (".json", "..json") and not name.startswith((".", "-"))
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES + len(".json")
    folder = Path("/srv/out")
    assert Path(os.path.normpath(folder / name)).parent == folder
    assert name == safe_file_name(raw, ".json")


@settings(max_examples=40, deadline=None, derandomize=True)
@given(st.text(max_size=200))
def test_any_name_can_be_created(tmp_path_factory, raw):
    folder = tmp_path_factory.mktemp("names")
    path = safe_output_path(folder, raw, ".txt")
    path.write_text("x", encoding="utf-8")
    assert path.read_text(encoding="utf-8") == "x"


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ("=HYPERLINK(\"http://evil.example\",\"click\")", "'=HYPERLINK(\"http://evil.example\",\"click\")"),
        ("+1+2", "'+1+2"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Ukrainian forces", "Ukrainian forces"),
        ("a=b", "a=b"),
        ("", ""),
        (-37.5, -37.5),
        (0, 0),
    ],
)
def test_formula_cells_are_neutralized(cell, shown):
    assert neutralize_cell(cell) == shown
