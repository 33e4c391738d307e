"""Back and Forward: the history logic, without Qt."""

from __future__ import annotations

from studyapp.domain.navigation import History, Location

TIMELINE, NOTES = Location(0), Location(1)
EVENT_5, ITEM_7 = Location(0, "event", 5), Location(1, "note_item", 7)


def test_back_and_forward_retrace_the_moves():
    history = History()
    for place in (NOTES, EVENT_5, ITEM_7):
        history.visit(place)
    assert history.back() == EVENT_5
    assert history.back() == NOTES
    assert history.back() is None and history.current == NOTES
    assert history.forward() == EVENT_5
    assert history.forward() == ITEM_7
    assert history.forward() is None and not history.can_go_forward


def test_a_new_move_forgets_the_forward_stack():
    history = History()
    for place in (TIMELINE, EVENT_5, ITEM_7):
        history.visit(place)
    history.back()
    history.visit(NOTES)
    assert not history.can_go_forward
    assert history.back() == EVENT_5


def test_the_tab_switch_that_comes_with_opening_an_item_is_one_move_in_either_order():
    tab_first, item_first = History(), History()
    for history, moves in ((tab_first, (TIMELINE, NOTES, ITEM_7)),
                           (item_first, (TIMELINE, ITEM_7, NOTES))):  # fmt: skip
        for place in moves:
            history.visit(place)
        assert history.current == ITEM_7
        assert history.back() == TIMELINE and not history.can_go_back


def test_an_item_opened_in_the_tab_on_show_replaces_the_bare_tab():
    """Back from there would only clear the selection: not a place worth going back to."""
    history = History()
    history.visit(TIMELINE)
    history.visit(EVENT_5)
    assert history.current == EVENT_5 and not history.can_go_back


def test_visiting_the_same_place_twice_is_one_move():
    history = History()
    history.visit(EVENT_5)
    history.visit(EVENT_5)
    assert not history.can_go_back


def test_only_the_newest_places_are_kept():
    history = History(capacity=3)
    for item_id in range(10):
        history.visit(Location(0, "event", item_id))
    steps = []
    while (place := history.back()) is not None:
        steps.append(place.item_id)
    assert steps == [8, 7, 6]
