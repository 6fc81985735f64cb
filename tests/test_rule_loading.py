"""Loading the rule files: checks that name the file and the rule, and the same rule set from the build cache."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from timeline.errors import RuleError
from timeline.temporal import buildcache, rules, vocabulary

RULES = Path(rules.__file__).with_name("rules")

GOOD = """
[[rule]]
name = "harvest_festival"
type = "DATE"
build = "calendar"
pattern = "harvest\\\\s+festival\\\\s+of\\\\s+{year}"
params = { grain = "year" }
examples = [["the [harvest festival of 1987] drew crowds", "1987"]]
"""


def _forget() -> None:
    """Drop what this process loaded, as a new process starts without it."""
    rules.load_rules.cache_clear()
    vocabulary.vocabulary.cache_clear()
    buildcache.build_cache.cache_clear()


@pytest.fixture
def rule_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the rule files to add to, with a build cache of its own; the real ones come back afterwards."""
    folder = tmp_path / "rules"
    shutil.copytree(RULES, folder)
    monkeypatch.setattr(rules, "RULES_FOLDER", folder)
    monkeypatch.setattr(vocabulary, "RULES_FOLDER", folder)
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path / "cache"))
    _forget()
    yield folder
    _forget()


def test_a_new_rule_file_is_loaded_and_its_rule_runs(rule_folder: Path) -> None:
    (rule_folder / "extra.toml").write_text(GOOD, encoding="utf-8")
    loaded = {rule.name: rule for rule in rules.load_rules().rules}
    rule = loaded["harvest_festival"]
    assert (rule.file, rule.type, rule.trigger) == ("extra.toml", "DATE", frozenset({"digits"}))
    # Rules match the lower-cased text (rules.lowered_pattern).
    assert [found.group() for found in rule.regex.finditer("the harvest festival of 1987 and of 1988")] == [
        "harvest festival of 1987"
    ]


def test_a_later_process_gets_the_same_rule_set_from_the_build_cache(rule_folder: Path) -> None:
    (rule_folder / "extra.toml").write_text(GOOD, encoding="utf-8")
    first = rules.load_rules()
    assert re.fullmatch(r"engine-build-[0-9a-f]{8}\.marshal", Path(buildcache.build_cache().path).name)
    _forget()
    second = rules.load_rules()
    assert buildcache.build_cache().made_anew == 0  # nothing built again
    assert second == first
    assert [rule.regex.pattern for rule in second.rules] == [rule.regex.pattern for rule in first.rules]


@pytest.mark.parametrize(
    ("replace", "by", "message"),
    [
        (
            'name = "harvest_festival"',
            'name = "weekday"',
            r"relative\.toml: rule 'weekday' is already defined in extra\.toml",
        ),
        ("{year}", "{harvest}", r"extra\.toml: rule 'harvest_festival': unknown macro \{harvest\}"),
        (
            'pattern = "harvest\\\\s+festival\\\\s+of\\\\s+{year}"',
            'pattern = "(?:harvest)?"',
            r"extra\.toml: rule 'harvest_festival': pattern matches the empty string",
        ),
        (
            'examples = [["the [harvest festival of 1987] drew crowds", "1987"]]',
            "examples = []",
            r"extra\.toml: rule 'harvest_festival': a rule needs at least one example",
        ),
    ],
)
def test_a_faulty_rule_is_an_error_naming_its_file_and_rule(
    rule_folder: Path, replace: str, by: str, message: str
) -> None:
    assert replace in GOOD
    (rule_folder / "extra.toml").write_text(GOOD.replace(replace, by), encoding="utf-8")
    with pytest.raises(RuleError, match=message):
        rules.load_rules()
