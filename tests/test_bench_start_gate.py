"""The room benches' start gate: every participant's command starts at the release, not before."""

from __future__ import annotations

import time

from bench.room_capacity import Participant, welcome_times
from bench.start_gate import StartGate
from tests.helpers.terminal import wait_for


def test_commands_wait_for_the_gate_then_all_start() -> None:
    gate = StartGate()
    command = ["sh", "-c", "printf 'plek %s\\n' started; sleep 5"]
    people = [Participant([], command=gate.wrap(command), pass_fds=gate.pass_fds) for _ in range(3)]
    try:
        gate.wait_waiting([person.process.pid for person in people])
        assert all(b"plek" not in person.output for person in people)  # all are at the gate, none went on
        started = gate.release()
        assert wait_for(lambda: all(person.welcomed_at is not None for person in people), 10)
        times = welcome_times(people, started, timeout=10)
        assert all(0 <= t < 10 for t in times)
        assert times == [person.welcomed_at - started for person in people if person.welcomed_at is not None]
    finally:
        for person in people:
            person.close()


def test_a_welcome_split_over_two_reads_is_noted_once_whole() -> None:
    person = Participant([], command=["sleep", "5"])
    try:
        person.received(b"\x1b[2Jple")
        assert person.welcomed_at is None
        person.received(b"k A")
        noted = person.welcomed_at
        assert noted is not None and noted <= time.monotonic()
        person.received(b"plek A again")
        assert person.welcomed_at == noted
    finally:
        person.close()
