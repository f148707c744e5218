"""Which of the warm parent's pages a forked seat has copied, and what lives on them (not part of the tests).

    .venv/bin/python bench/seat_pages.py [--answers 4] [--top 25] [--words] [--dump FILE]

Warms a parent as bench/seat_fork.py does, forks a still twin (its memory: the parent's at the
fork, kept) and one seat, which shows its welcome, takes Enter and `--answers` answers. Then, the
seat stopped, each page only the seat has (its page frame mapped once) is compared with the twin's
at the same address: new (the twin had none there), copied and byte-identical again (reference
counts went up and back down), or copied and changed. Per mapping, and for the copied pages of
Python's heap, the kinds of objects on them (the parent's objects as the twin has them, found
from the garbage collector's and their referents, mapped to pages by address); which parent
objects the seat freed; with --words, what each changed 8-byte word belongs to (an object's
reference count, its garbage collector's header, its body, or no known object: a hole the seat
allocated into, a free list's block, the unknown tail of a dict's or set's table).
Needs root for page frame numbers (/proc/PID/pagemap, /proc/kpagecount).
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import ctypes
import gc
import marshal
import os
import pty
import signal
import struct
import sys
import tempfile
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.seat_fork import answer_in_walk, fork_seat, read_until  # noqa: E402
from tui.cli import zygote  # noqa: E402
from tui.content import load_code_words  # noqa: E402
from tui.room.store import RoomStore  # noqa: E402
from tui.serve.seat_pty import set_size  # noqa: E402

PAGE = os.sysconf("SC_PAGE_SIZE")


def mappings(pid: int) -> list[tuple[int, int, str]]:
    found = []
    for line in Path(f"/proc/{pid}/maps").read_text().splitlines():
        parts = line.split(maxsplit=5)
        start, end = (int(x, 16) for x in parts[0].split("-"))
        found.append((start, end, parts[5] if len(parts) > 5 else "[anon]"))
    return found


def frames(pid: int, start: int, end: int) -> list[int]:
    """Page frame per page of [start, end): 0 where none is present."""
    with open(f"/proc/{pid}/pagemap", "rb") as file:
        file.seek(start // PAGE * 8)
        data = file.read((end - start) // PAGE * 8)
    out = []
    for (entry,) in struct.iter_unpack("<Q", data):
        out.append(entry & ((1 << 55) - 1) if entry >> 63 & 1 else 0)
    return out


def map_count(frame: int, file: object) -> int:
    file.seek(frame * 8)  # type: ignore[attr-defined]
    return struct.unpack("<Q", file.read(8))[0]  # type: ignore[attr-defined]


def private_pages(pid: int) -> dict[int, tuple[int, str]]:
    """Address -> (frame, mapping name) of every page mapped only in `pid`."""
    out = {}
    with open("/proc/kpagecount", "rb") as counts:
        for start, end, name in mappings(pid):
            if name == "[vsyscall]":
                continue
            for index, frame in enumerate(frames(pid, start, end)):
                if frame and map_count(frame, counts) == 1:
                    out[start + index * PAGE] = (frame, name)
    return out


def page_of(pid: int, address: int) -> bytes | None:
    try:
        with open(f"/proc/{pid}/mem", "rb") as mem:
            mem.seek(address)
            return mem.read(PAGE)
    except OSError:
        return None


def twin_frames(pid: int) -> dict[int, int]:
    out = {}
    for start, end, _ in mappings(pid):
        if start >= 1 << 47:
            continue
        for index, frame in enumerate(frames(pid, start, end)):
            if frame:
                out[start + index * PAGE] = frame
    return out


def object_spans() -> tuple[list[tuple[int, int, str, int]], dict[int, int]]:
    """In the twin: (start, end, kind, gc head size) of the parent's objects and of the memory they point
    to (dict keys, list items); and each object's type's address."""
    gc.unfreeze()
    objects = gc.get_objects()  # first: what this walk makes is not among them
    seen: set[int] = {id(objects)}
    spans: list[tuple[int, int, str, int]] = []
    type_ids: dict[int, int] = {}
    seen.update((id(seen), id(spans), id(type_ids)))
    todo = objects + list(sys.modules.values())
    seen.add(id(todo))
    while todo:
        thing = todo.pop()
        if id(thing) in seen:
            continue
        seen.add(id(thing))
        kind = type(thing).__name__
        size = sys.getsizeof(thing, 64)
        head = 16 if gc.is_tracked(thing) or type(thing).__flags__ & (1 << 14) else 0
        spans.append((id(thing) - head, id(thing) + min(size, 4096 * 64), kind, head))
        type_ids[id(thing)] = id(type(thing))
        if isinstance(thing, dict):
            keys = ctypes.c_void_p.from_address(id(thing) + 32).value
            values = ctypes.c_void_p.from_address(id(thing) + 40).value
            if keys:
                spans.append((keys, keys + 40 + 8 * len(thing) * 3, "dict-keys", 0))
            if values:
                spans.append((values, values + 8 * len(thing), "dict-values", 0))
        elif isinstance(thing, list):
            items = ctypes.c_void_p.from_address(id(thing) + 24).value
            if items:
                spans.append((items, items + 8 * len(thing), "list-items", 0))
        if isinstance(thing, types.CodeType):
            todo.extend(
                [
                    thing.co_consts,
                    thing.co_names,
                    thing.co_varnames,
                    thing.co_filename,
                    thing.co_name,
                    thing.co_qualname,
                    thing.co_linetable,
                    thing.co_exceptiontable,
                ]
            )
        else:
            with contextlib.suppress(Exception):
                todo.extend(gc.get_referents(thing))
    return spans, type_ids


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--answers", type=int, default=4)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--words", action="store_true", help="classify each changed word (slow)")
    parser.add_argument("--dump", help="write the copied pages' addresses and classes here")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="samenwerken-bench-pages-"))
    folder, _ = RoomStore(work / "sessions").create("Bench", 1, load_code_words())
    language, labels = zygote.warm(folder.path)
    gc.collect()
    gc.freeze()
    label = sorted(labels)[0]
    master, slave = pty.openpty()
    set_size(slave, 80, 24)
    spans_file = work / "spans"

    def dump_spans(*_: object) -> None:
        with open(spans_file, "wb") as out:
            marshal.dump(object_spans(), out)
        os._exit(0)

    signal.signal(signal.SIGUSR1, dump_spans)  # the twin's, set before it is forked: it stays a faithful copy
    twin = os.fork()
    if twin == 0:
        while True:
            signal.pause()
    pid = fork_seat(master, slave, folder.path, language, label)
    assert b"plek " in read_until(master, b"plek ", 30)
    read_until(master, b"\0", 0.5)
    os.kill(pid, signal.SIGSTOP)
    at_welcome = set(private_pages(pid))
    os.kill(pid, signal.SIGCONT)
    answer_in_walk(master, args.answers)
    os.kill(pid, signal.SIGSTOP)
    mine = private_pages(pid)
    parent = twin_frames(twin)
    table: collections.Counter[tuple[str, str, str]] = collections.Counter()
    copied: dict[int, str] = {}
    changes: dict[int, list[int]] = {}
    pages_kept: dict[int, tuple[bytes, bytes]] = {}
    for address, (_, name) in mine.items():
        phase = "welcome" if address in at_welcome else "answers"
        where = name if not name.startswith("/") else ("python" if "python3" in name else Path(name).name)
        if address not in parent:
            table[(where, phase, "new")] += 1
            continue
        own, theirs = page_of(pid, address), page_of(twin, address)
        state = "same" if own == theirs else "changed"
        table[(where, phase, state)] += 1
        copied[address] = state
        if state == "changed" and own and theirs:
            pages_kept[address] = (own, theirs)
            changes[address] = [i for i in range(0, PAGE, 8) if own[i : i + 8] != theirs[i : i + 8]]
    os.kill(pid, signal.SIGKILL)
    os.kill(twin, signal.SIGUSR1)  # it walks its objects (as they were at the fork) and leaves
    os.waitpid(pid, 0)
    os.waitpid(twin, 0)
    print(f"seat's own pages: {len(mine)} ({len(mine) * PAGE / 2**20:.1f} MB)")
    by_where: collections.Counter[str] = collections.Counter()
    for (where, _, _), n in table.items():
        by_where[where] += n
    for where, _ in by_where.most_common(12):
        parts = ", ".join(f"{p}/{s} {n}" for (w, p, s), n in sorted(table.items()) if w == where)
        print(f"  {where:30} {by_where[where]:5}  {parts}")
    with open(spans_file, "rb") as file:
        spans, type_ids = marshal.load(file)
    per_page: dict[int, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    on_page: dict[int, list[tuple[int, int, str, int]]] = collections.defaultdict(list)
    for span in spans:
        start, end, kind, _ = span
        first, last = start // PAGE * PAGE, (end - 1) // PAGE * PAGE
        for page in range(first, last + PAGE, PAGE):
            if page in copied:
                per_page[page][kind] += min(end, page + PAGE) - max(start, page)
                on_page[page].append(span)
    for state in ("same", "changed"):
        pages = [a for a, s in copied.items() if s == state]
        kinds: collections.Counter[str] = collections.Counter()
        dominant: collections.Counter[str] = collections.Counter()
        empty = 0
        for page in pages:
            kinds.update(per_page[page])
            if per_page[page]:
                dominant[per_page[page].most_common(1)[0][0]] += 1
            else:
                empty += 1
        print(
            f"copied, {state}: {len(pages)} pages ({empty} with no known object); bytes by kind / pages by main kind:"
        )
        for kind, n in kinds.most_common(args.top):
            print(f"    {kind:28} {n / 1024:8.0f} kB  {dominant[kind]:5} pages")
    freed: collections.Counter[str] = collections.Counter()
    freed_bytes: collections.Counter[str] = collections.Counter()
    freed_pages: set[int] = set()
    for start, end, kind, head in spans:
        if kind in ("dict-keys", "dict-values", "list-items"):
            continue
        address = start + head
        page = (address + 8) // PAGE * PAGE
        if page not in pages_kept or (address + 8) % PAGE > PAGE - 8:
            continue
        own, theirs = pages_kept[page]
        offset = (address + 8) % PAGE
        if theirs[offset : offset + 8] != own[offset : offset + 8]:
            type_word = struct.unpack("<Q", theirs[offset : offset + 8])[0]
            if type_word == type_ids.get(address):
                freed[kind] += 1
                freed_bytes[kind] += end - start
                freed_pages.add(page)
    print(
        f"parent objects freed (or their memory reused) in the seat: {sum(freed.values())} on {len(freed_pages)} pages"
    )
    for kind, n in freed_bytes.most_common(args.top):
        print(f"    {kind:36} {freed[kind]:7} objects {n / 1024:8.1f} kB")
    words_by: collections.Counter[str] = collections.Counter()
    pages_by: collections.Counter[str] = collections.Counter()
    for page, offsets in changes.items() if args.words else ():
        page_kinds = set()
        for offset in offsets:
            address = page + offset
            found = "hole"
            for start, end, kind, head in on_page[page]:
                if start <= address < end:
                    if address < start + head:
                        found = f"{kind}:gchead"
                    elif address == start + head and kind not in ("dict-keys", "dict-values", "list-items"):
                        found = f"{kind}:refcnt"
                    else:
                        found = f"{kind}:body"
                    break
            words_by[found] += 1
            page_kinds.add(found.split(":")[-1] if found != "hole" else "hole")
        pages_by[" + ".join(sorted(page_kinds))] += 1
    print("changed words by what holds them:")
    for kind, n in words_by.most_common(args.top):
        print(f"    {kind:36} {n:7}")
    print("changed pages by the parts changed on them:")
    for kind, n in pages_by.most_common(args.top):
        print(f"    {kind:36} {n:7}")
    if args.dump:
        with open(args.dump, "w") as out:
            for page, state in sorted(copied.items()):
                top = ", ".join(f"{k}:{v}" for k, v in per_page[page].most_common(6))
                out.write(f"{page:x} {state} {top}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
