"""How the window that holds a data folder answers a second launch: the request files the
launch leaves (tests/reliability/test_single_instance.py runs two real processes)."""

from __future__ import annotations

from studyapp.ui.instance import REQUEST_PREFIX, REQUESTS, SingleInstance


def _window_instance(app_paths, qtbot) -> tuple[SingleInstance, list[str]]:
    instance = SingleInstance(app_paths)
    assert instance.claim()
    raised: list[str] = []
    instance.on_raise(lambda: raised.append("raised"))
    return instance, raised


def test_a_launch_that_asked_before_the_window_listened_is_answered(app_paths, qtbot):
    instance, raised = _window_instance(app_paths, qtbot)
    try:
        (app_paths.data / REQUESTS).mkdir()
        request = app_paths.data / REQUESTS / f"{REQUEST_PREFIX}4242"
        request.touch()
        instance.listen()  # once the notes are shown
        assert raised == ["raised"] and not request.exists()
        later = app_paths.data / REQUESTS / f"{REQUEST_PREFIX}4243"
        later.touch()  # a launch while the window is open: the folder watch answers it
        qtbot.waitUntil(lambda: not later.exists())
        assert raised == ["raised", "raised"]
    finally:
        instance.release()


def test_a_request_left_by_a_killed_launch_is_taken_away_at_the_next_start(app_paths, qtbot):
    (app_paths.data / REQUESTS).mkdir(parents=True)
    old = app_paths.data / REQUESTS / f"{REQUEST_PREFIX}4244"
    old.touch()
    instance, raised = _window_instance(app_paths, qtbot)
    try:
        instance.listen()
        assert not old.exists() and raised == ["raised"]  # the new window, in front anyway
        qtbot.wait(100)  # its own taking-away is a change to the folder too: no second raise
        assert raised == ["raised"]
    finally:
        instance.release()


def test_a_launch_nobody_answers_takes_its_request_back(app_paths, monkeypatch):
    """A restore from the command line holds the lock and answers nothing: the launch gives up
    asking (then waits for the lock) and leaves no request behind."""
    monkeypatch.setattr("studyapp.ui.instance.ANSWER_WAIT_S", 0.3)
    holder = SingleInstance(app_paths)
    assert holder.claim()  # the restore, never listening
    try:
        launch = SingleInstance(app_paths)
        assert not launch._ask_to_raise()  # noqa: SLF001 - the asking alone
        assert list((app_paths.data / REQUESTS).iterdir()) == []
    finally:
        holder.release()
