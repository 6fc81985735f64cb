"""A made-up report with fifty incidents, for the timeline chart at scale."""

from __future__ import annotations

TOWNS = ("Gukovo", "Novoshakhtinsk", "Luhansk", "Shakhty", "Rostov-on-Don", "Taganrog", "Kamensk-Shakhtinsky",
         "Millerovo", "Donetsk, Russia", "Krasny Sulin")
ACTS = (
    "rebels shelled {town}",
    "gunmen attacked a police post in {town}",
    "police arrested {n} men in {town}",
    "hundreds of residents protested in {town}",
    "troops clashed with militants near {town}",
)
NUMBERS = ("two", "three", "four", "five", "six")


def fifty_incidents() -> str:
    lines = ["Fifty days on the border", ""]
    for number in range(50):
        # Two incidents on some days, towns and acts mixed so that lanes get neighbours of every kind.
        day_number = number - number // 3
        month, day = ("June", day_number + 1) if day_number < 30 else ("July", day_number - 29)
        town = TOWNS[(number * 3 + number // 10) % len(TOWNS)]
        act = ACTS[(number + number // 5) % len(ACTS)].format(town=town, n=NUMBERS[number % 5])
        casualties = f", killing {NUMBERS[number % 5]} people" if number % 4 == 0 and "shelled" in act else ""
        lines.append(f"On {month} {day}, {act}{casualties}.")
    lines.append("Last week, rebels shelled Gukovo again. In May, police raided a depot in Shakhty.")
    return "\n".join(lines) + "\n"
