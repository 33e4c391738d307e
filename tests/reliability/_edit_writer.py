"""A writer process for the kill tests: opens the student's database as the app does, then
saves one edit after another (a new row and a changed row per transaction), printing each
edit's number only once its transaction has committed — "saved", as the app would report."""

from __future__ import annotations

import sys

from sqlalchemy import select, update

from studyapp import paths
from studyapp.db.database import open_database
from studyapp.db.models import Factor, Historian, Topic


def main(first: int) -> None:
    database = open_database(paths.resolve())
    with database.session_factory() as session:
        topic_id = session.scalar(select(Topic.id))
    print("ready", flush=True)
    n = first
    while True:
        n += 1
        with database.session_factory.begin() as session:
            session.add(Historian(topic_id=topic_id, key=f"kill-{n}", source="user",
                                  name=f"edit {n}", work="", school="", stance=""))  # fmt: skip
            session.execute(update(Factor).values(justification=f"edit {n}"))
        print(n, flush=True)


if __name__ == "__main__":
    main(int(sys.argv[1]))
