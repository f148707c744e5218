"""The gate's rules on a fake clock; the doors' own tests try them through SSH and the browser."""

from __future__ import annotations

import asyncio

from tui.serve.gate import Attempt, Gate, Refusal, admitted


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def fail(gate: Gate, address: str = "a") -> None:
    attempt = gate.admit(address)
    assert isinstance(attempt, Attempt)
    attempt.settle(False)


def test_a_burst_is_counted_before_any_code_is_checked() -> None:
    gate = Gate(per_address=2, clock=Clock())
    outcomes = [gate.admit("a") for _ in range(200)]
    admitted = [o for o in outcomes if isinstance(o, Attempt)]
    assert len(admitted) == 2 and gate.checked == 2 and all(o.busy for o in outcomes if isinstance(o, Refusal))
    assert gate.failures("a") == 2  # counted while still in flight


def test_a_right_code_takes_back_only_its_own_attempt() -> None:
    clock = Clock()
    gate = Gate(free=5, clock=clock)
    for _ in range(5):
        fail(gate)
        clock.now += 0.1
    assert gate.failures("a") == 5
    clock.now += 10
    right = gate.admit("a")
    assert isinstance(right, Attempt)
    right.settle(True)
    assert gate.failures("a") == 5  # the earlier failures are not forgotten
    fail(gate)
    assert gate.wait_for("a") == 4.0  # the sixth failure waits as if no success had come between


def test_the_delay_grows_and_is_capped_and_never_locks() -> None:
    clock = Clock()
    gate = Gate(free=2, first_delay=2.0, max_delay=60.0, room_per_minute=10_000, clock=clock)
    fail(gate)
    fail(gate)
    waits = []
    for _ in range(8):
        refusal = gate.admit("a")
        assert isinstance(refusal, Refusal)
        waits.append(refusal.wait)
        clock.now += refusal.wait
        fail(gate)
    assert waits == [2.0, 4.0, 8.0, 16.0, 32.0, 60.0, 60.0, 60.0]
    assert gate.wait_for("b") == 0  # another address is not slowed


def test_old_failures_are_forgotten_after_the_window() -> None:
    clock = Clock()
    gate = Gate(free=1, window=600.0, clock=clock)
    fail(gate)
    assert gate.wait_for("a") > 0
    clock.now += 601
    assert gate.failures("a") == 0 and gate.wait_for("a") == 0


def test_the_room_ceiling_stops_guessing_from_many_addresses() -> None:
    clock = Clock()
    gate = Gate(room_per_minute=30, clock=clock)
    for n in range(30):
        fail(gate, f"10.0.0.{n}")
    refusal = gate.admit("10.0.1.1")
    assert isinstance(refusal, Refusal) and 59 < refusal.wait <= 60
    assert refusal.seconds == 60
    clock.now += 60
    assert isinstance(gate.admit("10.0.1.1"), Attempt)


def test_settling_twice_counts_once() -> None:
    gate = Gate(per_address=1, clock=Clock())
    attempt = gate.admit("a")
    assert isinstance(attempt, Attempt)
    attempt.settle(True)
    attempt.settle(True)
    assert gate.failures("a") == 0
    assert isinstance(gate.admit("a"), Attempt)


def test_sixty_right_codes_at_once_are_busy_not_wrong() -> None:
    """Checks still in flight fill the room's ceiling: the rest are told `busy`, and get in once those settle."""
    gate = Gate(room_per_minute=30, clock=Clock())
    first = [gate.admit(f"10.0.0.{n}") for n in range(30)]
    assert all(isinstance(a, Attempt) for a in first)
    later = gate.admit("10.0.0.99")
    assert isinstance(later, Refusal) and later.busy and later.wait < 1
    for attempt in first:
        assert isinstance(attempt, Attempt)
        attempt.settle(True)
    assert isinstance(gate.admit("10.0.0.99"), Attempt)


def test_settled_failures_are_never_busy() -> None:
    clock = Clock()
    gate = Gate(room_per_minute=30, clock=clock)
    for n in range(29):
        fail(gate, f"10.0.0.{n}")
    in_flight = gate.admit("10.0.0.50")
    busy = gate.admit("10.0.0.51")
    assert isinstance(busy, Refusal) and busy.busy  # 29 failures and one still being checked
    assert isinstance(in_flight, Attempt)
    in_flight.settle(False)  # it was wrong too: the ceiling is full of failures now
    refusal = gate.admit("10.0.0.51")
    assert isinstance(refusal, Refusal) and not refusal.busy and 59 < refusal.wait <= 60


def test_a_shared_address_waits_for_its_own_checks_as_busy() -> None:
    gate = Gate(per_address=2, clock=Clock())
    a, b = gate.admit("nat"), gate.admit("nat")
    third = gate.admit("nat")
    assert isinstance(third, Refusal) and third.busy
    assert isinstance(a, Attempt) and isinstance(b, Attempt)
    a.settle(True)
    assert isinstance(gate.admit("nat"), Attempt)


async def test_a_door_waits_on_a_busy_gate_and_gets_in_once_the_checks_settle() -> None:
    gate = Gate(room_per_minute=2)
    first, second = gate.admit("x"), gate.admit("y")
    assert isinstance(first, Attempt) and isinstance(second, Attempt)
    waiting = asyncio.create_task(admitted(gate, "z", patience=10))
    await asyncio.sleep(0.3)
    assert not waiting.done()  # still waiting: nothing counted for it meanwhile
    assert gate.checked == 2
    first.settle(True)
    assert isinstance(await asyncio.wait_for(waiting, 5), Attempt)


async def test_a_door_does_not_wait_out_failures_or_past_its_patience() -> None:
    gate = Gate(room_per_minute=1)
    fail(gate, "x")
    refusal = await asyncio.wait_for(admitted(gate, "z", patience=10), 1)
    assert isinstance(refusal, Refusal) and not refusal.busy
    gate = Gate(room_per_minute=1)
    assert isinstance(gate.admit("x"), Attempt)  # never settled
    refusal = await asyncio.wait_for(admitted(gate, "z", patience=0.5), 2)
    assert isinstance(refusal, Refusal) and refusal.busy
    stopping = await asyncio.wait_for(admitted(gate, "z", patience=10, stopping=lambda: True), 1)
    assert isinstance(stopping, Refusal)
