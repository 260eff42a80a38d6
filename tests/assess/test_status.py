from casefile.assess.status import Ev, status_as_of


def test_pretrial_then_convicted_then_released():
    evs = [Ev("detained", "2022-01-14"), Ev("convicted", "2022-06-01"),
           Ev("released", "2023-03-05")]
    assert status_as_of(evs, "2022-01-13") is None
    assert status_as_of(evs, "2022-02-01") == "pretrial"
    assert status_as_of(evs, "2022-12-31") == "convicted"
    assert status_as_of(evs, "2023-03-05") is None


def test_undated_events_do_not_move_status():
    assert status_as_of([Ev("convicted", None)], "2030-01-01") is None


def test_month_precision_counts_from_first_day():
    assert status_as_of([Ev("arrested", "2023-07")], "2023-07-01") == "pretrial"
    assert status_as_of([Ev("arrested", "2023-07")], "2023-06-30") is None


def test_list_states_status_at_its_date_and_later_release_wins():
    evs = [Ev("listed", "2023-08-11", {"status": "convicted"}),
           Ev("released", "2024-02-01")]
    assert status_as_of(evs, "2023-09-01") == "convicted"
    assert status_as_of(evs, "2024-03-01") is None


def test_administrative_arrest_is_not_custody():
    assert status_as_of([Ev("administrative_arrest", "2023-05-03")], "2023-05-10") is None


def test_served_term_ends_custody():
    evs = [Ev("detained", "2020-01-10"), Ev("convicted", "2020-06-01")]
    assert status_as_of(evs, "2021-12-01", sentence_months=24) == "convicted"
    assert status_as_of(evs, "2022-02-01", sentence_months=24) is None
    # a list naming the person after the computed end keeps them on it
    evs.append(Ev("listed", "2022-05-01", {"status": "convicted"}))
    assert status_as_of(evs, "2022-06-01", sentence_months=24) == "convicted"


def test_rearrest_after_release():
    evs = [Ev("convicted", "2021-10-11"), Ev("released", "2022-04-27"),
           Ev("returned_to_prison", "2023-06-08")]
    assert status_as_of(evs, "2022-06-01") is None
    assert status_as_of(evs, "2023-07-01") == "convicted"


def test_same_day_events_follow_the_text():
    evs = [Ev("house_arrest", "2023-06", {"span": [120, 140]}),
           Ev("released", "2023-06", {"span": [60, 80]})]
    assert status_as_of(evs, "2023-09-01") == "house_arrest"


def test_a_release_known_to_the_month_comes_after_a_detention_that_month():
    evs = [Ev("detained", "2023-03-15"), Ev("released", "2023-03")]
    assert status_as_of(evs, "2023-03-20") == "pretrial"
    assert status_as_of(evs, "2023-04-01") is None
    evs = [Ev("detained", "2022-11-20"), Ev("convicted", "2023-05-10"), Ev("released", "2023")]
    assert status_as_of(evs, "2023-02-01") == "pretrial"
    assert status_as_of(evs, "2023-06-01") == "convicted"
    assert status_as_of(evs, "2024-01-01") is None


def test_term_ends_on_the_right_day_at_month_end():
    evs = [Ev("detained", "2021-01-31"), Ev("convicted", "2021-06-01")]
    assert status_as_of(evs, "2022-01-30", sentence_months=12) == "convicted"
    assert status_as_of(evs, "2022-01-31", sentence_months=12) is None
