"""The incident extractor on texts with hand-made times and places (no time engine, no gazetteer)."""

from __future__ import annotations

from incident_helpers import place, time

from timeline.incidents import extract_incidents


def summary(incidents):
    return [(i.type, i.date, i.target_ids, i.killed, i.injured) for i in incidents]


def test_a_coordination_of_dates_gives_one_incident_per_date():
    text = "The Kolva checkpoint was shelled again on July 3 and July 5."
    times = [time(text, "July 3", "2014-07-03"), time(text, "July 5", "2014-07-05")]
    places = [place(text, "kolva-cp", "Kolva checkpoint", "checkpoint")]
    assert summary(extract_incidents(text, times, places)) == [
        ("shelling", "2014-07-03", ("kolva-cp",), None, None),
        ("shelling", "2014-07-05", ("kolva-cp",), None, None),
    ]


def test_each_coordinated_date_keeps_its_own_place():
    text = "Mortar fire struck Arlen on June 20 and the Bery crossing on June 28."
    times = [time(text, "June 20", "2014-06-20"), time(text, "June 28", "2014-06-28")]
    places = [place(text, "arlen", "Arlen"), place(text, "bery", "Bery crossing", "border crossing")]
    assert summary(extract_incidents(text, times, places)) == [
        ("shelling", "2014-06-20", ("arlen",), None, None),
        ("shelling", "2014-06-28", ("bery",), None, None),
    ]


def test_a_fronted_date_covers_every_clause_of_its_sentence():
    text = "On Friday, rebels fired rockets at Tarn and clashed with soldiers there."
    times = [time(text, "Friday", "2015-03-06")]
    places = [place(text, "tarn", "Tarn")]
    incidents = extract_incidents(text, times, places)
    assert [(i.type, i.date, i.date_basis, i.target_ids, i.actor1, i.actor2) for i in incidents] == [
        ("shelling", "2015-03-06", "clause", ("tarn",), "rebels", None),
        ("armed_clash", "2015-03-06", "clause", ("tarn",), "rebels", "soldiers"),
    ]
    assert incidents[1].places[0].inferred is True  # "there"


def test_an_as_clause_shares_the_date_of_its_main_clause():
    text = "Officials began the evacuation of Selt on Saturday, as shelling of the town killed nine people."
    times = [time(text, "Saturday", "2015-03-07")]
    places = [place(text, "selt", "Selt")]
    incidents = extract_incidents(text, times, places)
    assert [(i.type, i.date, i.date_basis, i.target_ids, i.killed) for i in incidents] == [
        ("displacement", "2015-03-07", "clause", ("selt",), None),
        ("shelling", "2015-03-07", "sentence", ("selt",), 9),
    ]


def test_an_after_clause_does_not_share_the_date():
    text = "Officials began the evacuation of Selt on Saturday, after shelling killed nine people there."
    times = [time(text, "Saturday", "2015-03-07")]
    places = [place(text, "selt", "Selt")]
    assert summary(extract_incidents(text, times, places)) == [
        ("displacement", "2015-03-07", ("selt",), None, None),
        ("shelling", None, ("selt",), 9, None),
    ]


def test_an_anaphor_inherits_the_date_and_says_so():
    text = "On Sunday, shells hit the town of Orsk. The shells killed a 52-year-old mother of three and wounded six."
    times = [time(text, "Sunday", "2014-07-13")]
    places = [place(text, "orsk", "Orsk")]
    (incident,) = extract_incidents(text, times, places)
    assert (incident.type, incident.date, incident.killed, incident.injured) == ("shelling", "2014-07-13", 1, 6)
    assert [m.date_basis for m in incident.mentions] == ["clause", "inherited"]
    assert incident.casualty_text == ("a 52-year-old mother", "six")


def test_a_repeated_mention_with_a_coarser_date_merges_and_is_flagged():
    text = "On Sunday, shells hit Orsk. Besides this weekend's shelling of Orsk, rockets struck Kem on June 2."
    times = [
        time(text, "Sunday", "2014-07-13"),
        time(text, "this weekend", "2014-W28-WE"),
        time(text, "June 2", "2014-06-02"),
    ]
    places = [place(text, "orsk", "Orsk"), place(text, "kem", "Kem")]
    incidents = extract_incidents(text, times, places)
    assert summary(incidents) == [
        ("shelling", "2014-07-13", ("orsk",), None, None),
        ("shelling", "2014-06-02", ("kem",), None, None),
    ]
    assert [(m.trigger, m.date_text, m.date_basis) for m in incidents[0].mentions] == [
        ("shells", "Sunday", "clause"),
        ("shelling", "this weekend", "inherited"),
    ]


def test_an_incident_without_a_date_stays_undated():
    text = "The foreign ministry summoned the ambassador of Norland."
    assert summary(extract_incidents(text, [], [])) == [("diplomatic", None, (), None, None)]
    (incident,) = extract_incidents(text, [], [])
    assert (incident.date_start, incident.time_precision, incident.date_basis) == (None, None, "none")


def test_time_precision_follows_the_span_of_the_date():
    text = "Rebels shelled Arlen last week. Troops raided Bery in June. Police arrested six men in Arlen in 2013."
    times = [
        time(text, "last week", "2014-W27"),
        time(text, "June", "2014-06"),
        time(text, "2013", "2013"),
    ]
    places = [place(text, "arlen", "Arlen"), place(text, "bery", "Bery")]
    assert [(i.date, i.date_start, i.date_end, i.time_precision) for i in extract_incidents(text, times, places)] == [
        ("2014-W27", "2014-06-30", "2014-07-06", 2),
        ("2014-06", "2014-06-01", "2014-06-30", 3),
        ("2013", "2013-01-01", "2013-12-31", 4),
    ]


def test_places_have_roles_target_and_origin():
    text = "Artillery fire from Norland hit the village of Dobra on Monday."
    times = [time(text, "Monday", "2016-05-02")]
    places = [place(text, "norland", "Norland", "country", "NL"), place(text, "dobra", "Dobra", "village", "SL")]
    (incident,) = extract_incidents(text, times, places)
    assert [(p.place_id, p.role) for p in incident.places] == [("dobra", "target"), ("norland", "origin")]


def test_from_across_the_border_names_the_country_on_the_other_side():
    text = "Norland and Sudland argue. Shells fired from across the border hit Dobra in Sudland on Monday."
    times = [time(text, "Monday", "2016-05-02")]
    places = [
        place(text, "norland", "Norland", "country", "NL"),
        place(text, "sudland", "Sudland", "country", "SL"),
        place(text, "dobra", "Dobra", "village", "SL", parent_id="sudland"),
    ]
    (incident,) = extract_incidents(text, times, places)
    assert [(p.place_id, p.role, p.inferred) for p in incident.places] == [
        ("dobra", "target", False),
        ("norland", "origin", True),
    ]


def test_a_place_that_contains_another_target_is_dropped():
    text = "Shells hit Dobra, Sudland on Monday."
    times = [time(text, "Monday", "2016-05-02")]
    places = [
        place(text, "sudland", "Sudland", "country", "SL"),
        place(text, "dobra", "Dobra", "village", "SL", parent_id="sudland"),
    ]
    assert extract_incidents(text, times, places)[0].target_ids == ("dobra",)


def test_actors_are_noun_phrases_of_the_clause():
    text = "On Monday, government troops attacked rebel fighters near Dobra. Police arrested two students."
    times = [time(text, "Monday", "2016-05-02")]
    places = [place(text, "dobra", "Dobra")]
    assert [(i.type, i.actor1, i.actor2) for i in extract_incidents(text, times, places)] == [
        ("attack", "government troops", "rebel fighters"),
        ("arrest", "Police", "two students"),
    ]


def test_a_possessor_is_the_actor_of_an_event_noun_and_by_gives_the_agent():
    text = "The army's shelling of Dobra killed four. Tarn was shelled by rebel gunners."
    places = [place(text, "dobra", "Dobra"), place(text, "tarn", "Tarn")]
    assert [(i.actor1, i.target_ids, i.killed) for i in extract_incidents(text, [], places)] == [
        ("army", ("dobra",), 4),
        ("rebel gunners", ("tarn",), None),
    ]


def test_casualty_words_and_acled_conservative_counts():
    text = "A car bomb exploded in Kem, killing dozens and wounding hundreds."
    places = [place(text, "kem", "Kem")]
    (incident,) = extract_incidents(text, [], places)
    assert (incident.type, incident.killed, incident.injured) == ("remote_explosive", 12, 100)
    assert incident.casualty_text == ("dozens", "hundreds")


def test_killings_without_another_trigger_are_attacks():
    text = "Gunmen killed three villagers in Dobra on Monday."
    times = [time(text, "Monday", "2016-05-02")]
    places = [place(text, "dobra", "Dobra")]
    assert [(i.type, i.date, i.actor1, i.killed) for i in extract_incidents(text, times, places)] == [
        ("attack", "2016-05-02", "Gunmen", 3)
    ]


def test_casualties_reported_in_the_next_sentences_join_the_incident():
    text = "On Monday, a bomb exploded at the market of Kem. Two people died. Eleven were hurt."
    times = [time(text, "Monday", "2016-05-02")]
    places = [place(text, "kem", "Kem")]
    (incident,) = extract_incidents(text, times, places)
    assert (incident.killed, incident.injured, len(incident.mentions)) == (2, 11, 3)


def test_quotes_modals_negation_and_iteratives_report_nothing():
    text = (
        "“We shelled nobody,” the general said. The army could attack Dobra. The rebels did not attack Tarn. "
        "Rebels have often shelled the road."
    )
    places = [place(text, "dobra", "Dobra"), place(text, "tarn", "Tarn")]
    assert extract_incidents(text, [], places) == ()


def test_a_headline_and_a_nonfinite_adjunct_report_nothing():
    text = "Jets strike border town\n\nOn Sunday, jets overflew Dobra before firing rockets at Kem.\n"
    times = [time(text, "Sunday", "2014-07-13")]
    places = [place(text, "dobra", "Dobra"), place(text, "kem", "Kem")]
    assert summary(extract_incidents(text, times, places)) == [
        ("airspace_violation", "2014-07-13", ("dobra",), None, None)
    ]


def test_a_dateline_date_is_not_an_incident_date():
    text = "KEM, May 3, 2016 - Rebels shelled the Kem airport."
    times = [time(text, "May 3, 2016", "2016-05-03")]
    places = [place(text, "kem", "Kem", written="Kem airport")]
    (incident,) = extract_incidents(text, times, places)
    assert (incident.date, incident.target_ids) == (None, ("kem",))


def test_mentions_carry_provenance():
    text = "Calm returned. Rebels shelled Dobra on Monday."
    times = [time(text, "Monday", "2016-05-02")]
    places = [place(text, "dobra", "Dobra")]
    (incident,) = extract_incidents(text, times, places, document_id="doc7")
    (mention,) = incident.mentions
    assert text[mention.sentence_start : mention.sentence_end] == "Rebels shelled Dobra on Monday."
    assert text[mention.trigger_start : mention.trigger_end] == "shelled"
    assert (mention.trigger, mention.date_text, incident.document_id) == ("shelled", "Monday", "doc7")


def test_aircraft_that_fire_missiles_make_an_air_strike():
    text = "On Sunday, government jets fired missiles at Dobra."
    times = [time(text, "Sunday", "2014-07-13")]
    places = [place(text, "dobra", "Dobra")]
    assert [(i.type, i.actor1) for i in extract_incidents(text, times, places)] == [("air_strike", "government jets")]


def test_placeless_mentions_with_the_same_actors_merge():
    text = "Police arrested a man on July 30. Officers said they arrested the man last week after a chase."
    times = [time(text, "July 30", "2018-07-30"), time(text, "last week", "2018-W31")]
    (incident,) = extract_incidents(text, times, [])
    assert (incident.type, incident.date, incident.actor2, len(incident.mentions)) == (
        "arrest", "2018-07-30", "man", 2
    )


def test_placeless_mentions_with_other_actors_stay_apart():
    text = "Police arrested two men on July 30. Police arrested four women last week."
    times = [time(text, "July 30", "2018-07-30"), time(text, "last week", "2018-W31")]
    assert [(i.date, i.actor2) for i in extract_incidents(text, times, [])] == [
        ("2018-07-30", "two men"),
        ("2018-W31", "four women"),
    ]
