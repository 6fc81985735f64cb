"""Reading and writing TimeML: offsets into the plain text, gold expressions, and faithful round trips."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.errors import AnchorError, DecodeError, InputError, TimeMLError
from timeline.model import Span, TimeExpression
from timeline.timeml import (
    parse_timeml,
    read_timeml,
    split_placeable,
    timeml_files,
    write_timeml,
)

WIKIWARS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "wikiwars-dev"

# Our own small document: creation time, a header timestamp inside TEXT (not gold), an entity reference,
# attributes in an unusual order, a TIMEX3 with value="null" and one with no value at all.
NEWS = """<?xml version="1.0" ?>
<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<DOCID>test-news-1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2014-07-14" temporalFunction="false" \
functionInDocument="CREATION_TIME">2014-07-14</TIMEX3></DCT>
<TEXT>
<TIMEX3 tid="t0" type="TIME" value="2014-07-14T09:00">2014-07-14T09:00</TIMEX3>
Shells &amp; rockets fell <TIMEX3 tid="t1" type="DATE" value="2014-07-13">on Sunday</TIMEX3>.
Talks began <TIMEX3 value="2014-06-20" type="DATE" tid="t2">June 20</TIMEX3> and lasted \
<TIMEX3 type="DURATION" value="P3W" mod="APPROX" tid="t3">about three weeks</TIMEX3>.
It was <TIMEX3 tid="t4" type="DATE" value="null">some time</TIMEX3> ago, \
<TIMEX3 tid="t5" type="DATE">then</TIMEX3>.
</TEXT>
</TimeML>
"""

NEWS_TEXT = (
    "\n2014-07-14T09:00\n"
    "Shells & rockets fell on Sunday.\n"
    "Talks began June 20 and lasted about three weeks.\n"
    "It was some time ago, then.\n"
)


def expression(
    text: str, surface: str, value: str, type_: str = "DATE", mod: str | None = None, nth: int = 0
):
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return TimeExpression(start, start + len(surface), surface, type_, value, mod)  # type: ignore[arg-type]


def test_parse_gives_plain_text_dct_and_gold() -> None:
    document = parse_timeml(NEWS, "news.tml")
    assert document.name == "news.tml"
    assert document.dct == "2014-07-14"
    assert document.text == NEWS_TEXT
    assert [(g.start, g.end, g.text, g.type, g.value, g.mod) for g in document.gold] == [
        (40, 49, "on Sunday", "DATE", "2014-07-13", None),
        (63, 70, "June 20", "DATE", "2014-06-20", None),
        (82, 99, "about three weeks", "DURATION", "P3W", "APPROX"),
        (108, 117, "some time", "DATE", "null", None),
        (123, 127, "then", "DATE", "", None),
    ]
    assert document.excluded == (Span(1, 17),)
    assert all(document.text[g.start : g.end] == g.text for g in document.gold)


def test_creation_time_function_excludes_a_timex_whatever_its_tid() -> None:
    source = (
        '<TimeML><TEXT><TIMEX3 tid="t9" functionInDocument="CREATION_TIME" value="2014-07-14">'
        '14 July 2014</TIMEX3> Rain <TIMEX3 tid="t1" value="2014-07-13" type="DATE">yesterday</TIMEX3>'
        "</TEXT></TimeML>"
    )
    document = parse_timeml(source)
    assert document.dct is None
    assert document.excluded == (Span(0, 12),)
    assert [g.text for g in document.gold] == ["yesterday"]


def test_dct_with_null_value_is_no_dct() -> None:
    source = '<TimeML><DCT><TIMEX3 tid="t0" value="null">x</TIMEX3></DCT><TEXT>a</TEXT></TimeML>'
    assert parse_timeml(source).dct is None


def test_anchor_in_news_mode_needs_a_dct() -> None:
    document = parse_timeml("<TimeML><TEXT>Rain on Sunday.</TEXT></TimeML>", "nodct.tml")
    with pytest.raises(AnchorError, match=r"^nodct\.tml: no creation time \(<DCT>\)"):
        document.anchor("news")
    assert document.anchor("narrative") is None
    assert parse_timeml(NEWS).anchor("news") == "2014-07-14"


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("<TimeML><TEXT>open", r"^bad\.tml: not well-formed XML \(.*line 1"),
        ("<TimeML><TEXT>a</TEXT></Other>", r"^bad\.tml: not well-formed XML"),
        ("<TimeML><DOCID>x</DOCID></TimeML>", r"^bad\.tml: no <TEXT> element"),
        ("<TimeML><TEXT>a</TEXT><TEXT>b</TEXT></TimeML>", r"^bad\.tml: more than one <TEXT>"),
        ("<TimeML><TEXT>&undefined;</TEXT></TimeML>", r"^bad\.tml: not well-formed XML \(undefined entity"),
        (
            '<!DOCTYPE TimeML [<!ENTITY lol "lol">]><TimeML><TEXT>&lol;</TEXT></TimeML>',
            r"^bad\.tml: refused unsafe XML",
        ),
        (
            '<!DOCTYPE TimeML [<!ENTITY x SYSTEM "file:///etc/passwd">]><TimeML><TEXT>&x;</TEXT></TimeML>',
            r"^bad\.tml: refused unsafe XML",
        ),
    ],
)
def test_bad_timeml_is_a_one_line_error_naming_the_file(source: str, message: str) -> None:
    with pytest.raises(TimeMLError, match=message) as caught:
        parse_timeml(source, "bad.tml")
    assert "\n" not in str(caught.value)


def test_a_doctype_naming_an_external_dtd_is_accepted_and_kept() -> None:
    # TimeBank-style files declare a DTD they do not ship; it is never fetched.
    source = (
        '<?xml version="1.0"?>\n<!DOCTYPE TimeML SYSTEM "TimeML.dtd">\n<TimeML><DCT><TIMEX3 tid="t0" '
        'value="1998-01-08T06:52:00"/></DCT><TEXT>Rain on Monday.</TEXT><TLINK lid="l1"/></TimeML>'
    )
    document = parse_timeml(source)
    assert (document.dct, document.text) == ("1998-01-08T06:52:00", "Rain on Monday.")
    assert write_timeml(document, []) == source


def test_read_timeml_names_the_document_after_its_file(tmp_path: Path) -> None:
    path = tmp_path / "article.tml"
    path.write_text(NEWS, encoding="utf-8")
    document = read_timeml(path)
    assert document.name == "article.tml"
    assert document.text == NEWS_TEXT


def test_read_timeml_errors_name_the_path(tmp_path: Path) -> None:
    broken = tmp_path / "broken.tml"
    broken.write_text("<TimeML><TEXT>", encoding="utf-8")
    with pytest.raises(TimeMLError, match=str(broken)):
        read_timeml(broken)
    latin = tmp_path / "latin.tml"
    latin.write_bytes("<TimeML><TEXT>caf\xe9</TEXT></TimeML>".encode("latin-1"))
    with pytest.raises(DecodeError, match=r"latin\.tml: not UTF-8"):
        read_timeml(latin)


def test_markup_and_character_references_do_not_shift_offsets() -> None:
    source = (
        '<TimeML><TEXT>A<EVENT eid="e1" note="a>b">war</EVENT><!-- c -->&#233;<![CDATA[<x> & y]]>'
        "<?pi data?>"
        '<TIMEX3 tid="t1" type="DATE" value="1939">1939</TIMEX3></TEXT></TimeML>'
    )
    document = parse_timeml(source)
    assert document.text == "Awar\u00e9<x> & y1939"
    assert [(g.start, g.end, g.text) for g in document.gold] == [(12, 16, "1939")]
    assert [(m.kind, m.offset, m.source, m.start, m.end) for m in document.markup] == [
        ("open", 1, '<EVENT eid="e1" note="a>b">', 1, 4),
        ("close", 4, "</EVENT>", 1, 4),
        ("point", 4, "<!-- c -->", 4, 4),
        ("point", 12, "<?pi data?>", 12, 12),
    ]


def test_write_replaces_timex3_keeps_the_rest_and_round_trips() -> None:
    document = parse_timeml(NEWS, "news.tml")
    ours = (
        expression(NEWS_TEXT, "Sunday", "2014-07-13"),
        expression(NEWS_TEXT, "2014-07-14T09:00", "2014-07-14T09:00", "TIME"),
        expression(NEWS_TEXT, "three weeks", "P3W", "DURATION", mod="APPROX"),
    )
    written = write_timeml(document, ours)
    assert written.startswith('<?xml version="1.0" ?>\n<TimeML xmlns:xsi=')
    assert '<DCT><TIMEX3 tid="t0" type="DATE" value="2014-07-14"' in written
    assert (
        '<TEXT>\n<TIMEX3 tid="t1" type="TIME" value="2014-07-14T09:00">2014-07-14T09:00</TIMEX3>\n'
        'Shells &amp; rockets fell on <TIMEX3 tid="t2" type="DATE" value="2014-07-13">Sunday</TIMEX3>.\n'
        "Talks began June 20 and lasted about "
        '<TIMEX3 tid="t3" type="DURATION" value="P3W" mod="APPROX">three weeks</TIMEX3>.\n'
        "It was some time ago, then.\n</TEXT>\n</TimeML>\n"
    ) in written
    again = parse_timeml(written)
    assert again.text == document.text
    assert again.dct == "2014-07-14"
    fields = [(e.start, e.end, e.text, e.type, e.value, e.mod) for e in sorted(ours, key=lambda e: e.start)]
    assert [(g.start, g.end, g.text, g.type, g.value, g.mod) for g in again.gold] == fields
    assert again.excluded == ()  # the original creation-time TIMEX3 inside TEXT is gone with the others


def test_write_escapes_text_and_attributes() -> None:
    source = "<TimeML><TEXT>a &lt;b&gt; &amp; &quot;c&quot; &#13;d\n</TEXT></TimeML>"
    document = parse_timeml(source)
    assert document.text == 'a <b> & "c" \rd\n'
    odd = TimeExpression(0, 1, "a", "DATE", 'x"<&>')
    written = write_timeml(document, [odd])
    assert '<TIMEX3 tid="t1" type="DATE" value="x&quot;&lt;&amp;&gt;">a</TIMEX3>' in written
    again = parse_timeml(written)
    assert again.text == document.text
    assert again.gold[0].value == 'x"<&>'


def test_write_nests_timex3_with_kept_markup() -> None:
    source = (
        '<TimeML><TEXT><S>On <EVENT eid="e1">Sunday</EVENT> night</S> and <EVENT eid="e2">the war of '
        "1939</EVENT>.</TEXT></TimeML>"
    )
    document = parse_timeml(source)
    text = document.text
    assert text == "On Sunday night and the war of 1939."
    ours = [
        expression(text, "Sunday night", "2014-07-13TNI", "TIME"),  # contains EVENT e1, inside S
        expression(text, "1939", "1939"),  # inside EVENT e2
    ]
    written = write_timeml(document, ours)
    assert (
        '<TEXT><S>On <TIMEX3 tid="t1" type="TIME" value="2014-07-13TNI"><EVENT eid="e1">Sunday</EVENT> night'
        '</TIMEX3></S> and <EVENT eid="e2">the war of <TIMEX3 tid="t2" type="DATE" value="1939">1939</TIMEX3>'
        "</EVENT>.</TEXT>"
    ) in written
    assert parse_timeml(written).text == text


def test_write_puts_a_timex3_with_the_span_of_an_element_inside_it() -> None:
    document = parse_timeml('<TimeML><TEXT>in <EVENT eid="e1">1939</EVENT></TEXT></TimeML>')
    written = write_timeml(document, [expression(document.text, "1939", "1939")])
    assert '<EVENT eid="e1"><TIMEX3 tid="t1" type="DATE" value="1939">1939</TIMEX3></EVENT>' in written


def test_expressions_that_cannot_nest_are_refused() -> None:
    document = parse_timeml('<TimeML><TEXT>On <EVENT eid="e1">Sunday night</EVENT> late</TEXT></TimeML>')
    text = document.text
    crossing = expression(text, "night late", "x")
    inside = expression(text, "Sunday", "2014-07-13")
    overlapping = expression(text, "Sunday night", "y")
    empty = TimeExpression(0, 0, "", "DATE", "z")
    assert split_placeable(document, [crossing]) == ((), (crossing,))
    placed, refused = split_placeable(document, [crossing, overlapping, inside, empty])
    assert placed == (overlapping,)
    assert refused == (empty, inside, crossing)
    written = write_timeml(document, [crossing, overlapping, inside, empty])
    assert [(g.start, g.end, g.value) for g in parse_timeml(written).gold] == [(3, 15, "y")]


def test_expression_outside_the_text_is_a_bug() -> None:
    document = parse_timeml("<TimeML><TEXT>short</TEXT></TimeML>")
    with pytest.raises(ValueError, match="outside the text"):
        write_timeml(document, [TimeExpression(3, 9, "rt", "DATE", "1")])


def test_empty_text_element_round_trips() -> None:
    source = '<?xml version="1.0" encoding="ISO-8859-1"?><TimeML><TEXT/></TimeML>'
    document = parse_timeml(source)
    assert document.text == ""
    written = write_timeml(document, [])
    assert written == '<?xml version="1.0" encoding="UTF-8"?><TimeML><TEXT/></TimeML>'
    assert parse_timeml(written).text == ""


def test_declared_encoding_becomes_utf8_because_output_is_utf8() -> None:
    source = "<?xml version='1.0' encoding='latin-1'?>\n<TimeML><TEXT>caf\u00e9</TEXT></TimeML>"
    written = write_timeml(parse_timeml(source), [])
    assert written == "<?xml version='1.0' encoding='UTF-8'?>\n<TimeML><TEXT>caf\u00e9</TEXT></TimeML>"


_TEXT_CHARACTERS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00").filter(
    lambda c: c in "\t\n\r" or (ord(c) >= 0x20 and c not in "\ufffe\uffff")
)


@settings(max_examples=150, deadline=None)
@given(text=st.text(_TEXT_CHARACTERS, max_size=80), cuts=st.lists(st.integers(0, 80), max_size=8))
def test_text_round_trips_character_for_character(text: str, cuts: list[int]) -> None:
    points = sorted({min(cut, len(text)) for cut in cuts})
    expressions = [
        TimeExpression(a, b, text[a:b], "DATE", "2014") for a, b in itertools.pairwise(points) if b > a
    ][::2]
    document = parse_timeml("<TimeML><TEXT>" + _escape(text) + "</TEXT></TimeML>")
    assert document.text == text
    again = parse_timeml(write_timeml(document, expressions))
    assert again.text == text
    assert [(g.start, g.end) for g in again.gold] == [(e.start, e.end) for e in expressions]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def test_timeml_files_expands_folders(tmp_path: Path) -> None:
    (tmp_path / "b.tml").write_text(NEWS, encoding="utf-8")
    (tmp_path / "a.xml").write_text(NEWS, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    single = tmp_path / "single.tml"
    assert timeml_files([tmp_path]) == [tmp_path / "a.xml", tmp_path / "b.tml"]
    single.write_text(NEWS, encoding="utf-8")
    assert timeml_files([single]) == [single]
    with pytest.raises(InputError, match="missing: no such file or folder"):
        timeml_files([tmp_path / "missing"])
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="empty: no TimeML files"):
        timeml_files([empty])


@pytest.mark.skipif(not WIKIWARS.is_dir(), reason="../shared/corpora/wikiwars-dev is not present")
def test_wikiwars_dev_gold() -> None:
    documents = [read_timeml(path) for path in timeml_files([WIKIWARS])]
    assert len(documents) == 11
    assert sum(len(d.gold) for d in documents) == 1339
    for document in documents:
        assert document.dct == "2009-12-19"
        assert all(document.text[g.start : g.end] == g.text for g in document.gold)
        assert parse_timeml(write_timeml(document, document.gold)).gold == document.gold
