"""Precision of place recognition on negative lists, and accuracy on a small held-out set of placed sentences.

dev        the negative list kept beside the stop rules (timeline/places/data/stoplist.toml), which the rules
           were tuned on; it also runs as tests, so it should read 100%
held-out   sentences written after the rules were frozen and never tuned on: names of people, papers,
           companies, teams, storms and holidays that GeoNames also knows as places
placed     held-out sentences with places, each expected mention with the country it must resolve to

A negative counts as correct when no place mention is, or contains as a word, the name. For `placed`, a
mention is correct when it is found and resolved to the expected country; precision counts every place
mention returned, recall every expected one.

    python benchmarks/places_precision.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from timeline.places import find_places
from timeline.places.lexicon import examples

HELD_OUT_NEGATIVES: list[tuple[str, list[str]]] = [
    ("Chancellor Olaf Scholz and Prime Minister Boris Johnson spoke by phone.", ["Olaf", "Scholz", "Boris", "Johnson"]),
    ("The Financial Times and Reuters reported the talks.", ["Financial", "Times", "Reuters"]),
    ("Hope faded as Victory Day approached.", ["Hope", "Victory"]),
    ("Apple and Amazon shares fell on Wall Street.", ["Apple", "Amazon", "Wall"]),
    ("Amnesty International said the Red Cross had no access.", ["Amnesty", "Red", "Cross"]),
    ("Justice Minister Olena Petrova resigned on Tuesday.", ["Justice", "Olena", "Petrova", "Tuesday"]),
    ("Commander Oleg Ivanov told Interfax the Azov battalion had withdrawn.", ["Oleg", "Ivanov", "Interfax", "Azov"]),
    ("Several Orthodox priests blessed the troops at Easter.", ["Orthodox", "Easter", "Several"]),
    ("Liberty Media bought the rights, Bloomberg said.", ["Liberty", "Bloomberg"]),
    ("Normal service resumed after Storm Ciara.", ["Normal", "Ciara"]),
    ("Sergei Lavrov met John Kerry in Geneva.", ["Sergei", "Lavrov", "John", "Kerry"]),
    ("Grand Duke Vladimir arrived with General Denikin.", ["Grand", "Duke", "Vladimir", "Denikin"]),
    ("Paris Hilton and Georgia May Jagger attended the show.", ["Paris", "Hilton", "Georgia", "May", "Jagger"]),
    ("Jordan Henderson captained the side against Turkey.", ["Jordan", "Henderson"]),
    ("Chad Johnson played for Cincinnati.", ["Chad", "Johnson"]),
    ("The Houston Rockets beat the Denver Nuggets.", ["Houston", "Denver", "Rockets", "Nuggets"]),
    ("Victoria Nuland visited Kiev in December.", ["Victoria", "Nuland", "December"]),
    ("Sunday Times reporters interviewed Colonel Strelkov.", ["Sunday", "Times", "Strelkov"]),
    ("Eastern Partnership summit delegates left Vilnius.", ["Eastern", "Partnership"]),
    ("Energy prices rose in Europe while Gazprom cut supplies.", ["Energy", "Europe", "Gazprom"]),
]

PLACED: list[tuple[str, list[tuple[str, str]]]] = [
    ("Rebels shelled Sloviansk and Kramatorsk overnight.", [("Sloviansk", "UA"), ("Kramatorsk", "UA")]),
    ("Refugees crossed from Izvaryne into the Russian town of Donetsk.", [("Izvaryne", "UA"), ("Donetsk", "RU")]),
    ("Talks in Minsk, Belarus, ended without a deal.", [("Minsk", "BY"), ("Belarus", "BY")]),
    ("A bomb went off in Alexandria, the Egyptian port city.", [("Alexandria", "EG")]),
    ("Floods hit Paris, Tennessee, and nearby Murray, Kentucky.",
     [("Paris", "US"), ("Tennessee", "US"), ("Murray", "US"), ("Kentucky", "US")]),
    ("The ferry from Odessa reached Istanbul on Friday.", [("Odessa", "UA"), ("Istanbul", "TR")]),
    ("Fighting flared near Debaltseve, between Donetsk and Luhansk.",
     [("Debaltseve", "UA"), ("Donetsk", "UA"), ("Luhansk", "UA")]),
    ("Separatists in Crimea seized the airport at Simferopol.", [("Crimea", "UA"), ("Simferopol", "UA")]),
    ("Gas flowed again from Russia to Slovakia through Uzhhorod.",
     [("Russia", "RU"), ("Slovakia", "SK"), ("Uzhhorod", "UA")]),
    ("The mayor of Kharkiv fled to Israel after the attack.", [("Kharkiv", "UA"), ("Israel", "IL")]),
    ("Shells hit the village of Mytyakinskaya in the Rostov region.",
     [("Mytyakinskaya", "RU"), ("Rostov region", "RU")]),
    ("Observers drove from Mariupol to Novoazovsk along the coast.", [("Mariupol", "UA"), ("Novoazovsk", "UA")]),
]


def _negatives(cases: list[tuple[str, list[str]]]) -> tuple[int, int, list[str]]:
    correct, failures = 0, []
    total = sum(len(names) for _, names in cases)
    for text, names in cases:
        mentions = [m.text for place in find_places(text) for m in place.mentions]
        for name in names:
            if any(name == mention or name in mention.split() for mention in mentions):
                failures.append(f"{name!r} in {text!r}")
            else:
                correct += 1
    return correct, total, failures


def _dev_cases() -> list[tuple[str, list[str]]]:
    cases = []
    for example in examples("stoplist.toml"):
        # Names that are also listed as places (Independence Square) are judged by the tests, not here.
        names = [n for n in example["not_places"] if not any(n in p.split() for p in example["places"])]
        cases.append((example["text"], names))
    return cases


def _placed() -> tuple[int, int, int, list[str]]:
    right, returned, expected, failures = 0, 0, 0, []
    for text, wanted in PLACED:
        found = [(m.text, place.country) for place in find_places(text) for m in place.mentions]
        returned += len(found)
        expected += len(wanted)
        for item in wanted:
            if item in found:
                right += 1
            else:
                failures.append(f"{item} not in {found} for {text!r}")
        failures += [f"unexpected {item} in {text!r}" for item in found if item not in wanted]
    return right, returned, expected, failures


def main() -> int:
    for label, cases in (("dev negatives", _dev_cases()), ("held-out negatives", HELD_OUT_NEGATIVES)):
        correct, total, failures = _negatives(cases)
        print(f"{label}: {correct}/{total} names correctly not taken for places ({correct / total:.1%})")
        for failure in failures:
            print(f"  taken for a place: {failure}")
    right, returned, expected, failures = _placed()
    print(f"held-out placed sentences: precision {right}/{returned} ({right / max(returned, 1):.1%}), "
          f"recall {right}/{expected} ({right / max(expected, 1):.1%})")
    for failure in failures:
        print(f"  {failure}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
