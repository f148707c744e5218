"""Handouts of a regional session: the code cards of `room new --cards` and the group handout of `room export --format html`.

Golden files live in tests/golden/ (UPDATE_GOLDEN=1 rewrites them; review the diff).
The cards' QR code is checked apart from the golden file: its SVG is read back
into modules and compared with what segno makes of the browser address.
"""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.helpers.browser import REQUESTED, browser
from tests.helpers.golden import check_golden
from tui.content import load_tool
from tui.content.i18n import strings_for
from tui.render.cards import Door, cards_html, qr_svg
from tui.render.group import to_html
from tui.render.handout import to_handout
from tui.room.model import Agreement, Discussion, Room, Seat
from tui.room.store import RoomStore
from tui.session import Answer, Session
from tui.views.group import GroupItem, build_group

DUTCH = strings_for("nl")
WHEN = datetime(2024, 3, 1, 9, 15, tzinfo=UTC)
CODES = [f"kaas-molen-fiets-{n:02d}" for n in range(10, 20)]
DOOR = Door("regio.example.nl", 2222, 8080)
URL = "http://regio.example.nl:8080"
SVG = re.compile(r"<svg .*?</svg>", re.S)


@pytest.fixture(autouse=True)
def _utc(utc: None) -> None:
    """The handout shows a date: in UTC (conftest's `utc`)."""


def no_outside_resources(page: str) -> None:
    """No script, and nothing a browser would fetch: no src/href/url(), no @import, no http in an attribute."""
    lowered = page.lower()
    assert "<script" not in lowered
    for pattern in (r"\bsrc\s*=", r"\bhref\s*=", r"url\(", r"@import", r"<link", r"<iframe", r"<object", r"<img"):
        assert not re.search(pattern, lowered), pattern
    assert not re.search(r"=\s*\"?https?:", lowered)


# code cards ------------------------------------------------------------------------


def test_cards_match_the_golden_file() -> None:
    page = cards_html("Regio Noord, voorjaar", CODES, DOOR, DUTCH)
    # segno draws the QR code (checked below); the golden file holds the page around it
    check_golden("room-cards.html", SVG.sub("<svg>QR</svg>", page))


def test_eight_cards_to_a_page_each_with_its_code_the_ssh_command_and_the_address() -> None:
    page = cards_html("Regio <Noord>", CODES, DOOR, DUTCH)
    assert page.count('<section class="page">') == 2
    cards = page.split('<article class="card">')[1:]
    assert len(cards) == len(CODES)
    for code, card in zip(CODES, cards, strict=True):
        assert f'<p class="code">{code}</p>' in card
        assert "<h2>Regio &lt;Noord&gt;</h2>" in card
        assert "ssh -p 2222 regio@regio.example.nl" in card
        assert f'<p class="cmd">{URL}</p>' in card
        assert "het wachtwoord is je code" in card
        assert card.count("<svg ") == 1
    no_outside_resources(page)


def modules(svg: str) -> set[tuple[int, int]]:
    """The dark modules of segno's SVG path: 'M x y+.5', then runs 'hN' and moves 'm dx dy'."""
    path = re.search(r' d="([^"]+)"', svg)
    assert path is not None
    x = y = 0.0
    dark: set[tuple[int, int]] = set()
    for op, args in re.findall(r"([MmHh])\s*([-\d. ]+)", path.group(1).replace("m", " m").replace("h", " h")):
        numbers = [float(n) for n in args.split()]
        if op == "M":
            x, y = numbers
        elif op == "m":
            x, y = x + numbers[0], y + numbers[1]
        else:
            run = int(numbers[0])
            dark |= {(int(x) + n, int(y - 0.5)) for n in range(run)}
            x += run
    return dark


@pytest.mark.parametrize("url", [URL, "https://regio.example.nl/sessie", "http://laptop:9000"])
def test_the_qr_code_is_segnos_code_of_the_browser_address(url: str) -> None:
    import segno

    svg = qr_svg(url)
    code = segno.make(url, error="m", micro=False)
    expected = {(x + 2, y + 2) for y, row in enumerate(code.matrix) for x, dark in enumerate(row) if dark}
    assert modules(svg) == expected
    size = len(code.matrix) + 4
    assert f'viewBox="0 0 {size} {size}"' in svg
    assert f"<title>{url}</title>" in svg


def test_a_public_url_is_the_browser_address_on_the_cards() -> None:
    door = Door("0.0.0.0", 2200, 8080, "https://regio.example.nl/sessie")
    page = cards_html("R", CODES[:1], door, DUTCH)
    assert '<p class="cmd">https://regio.example.nl/sessie</p>' in page
    assert door.serve_command("abcdef") == (
        "samenwerken room serve abcdef --host 0.0.0.0 --port 2200 --web 8080 --public-url https://regio.example.nl/sessie"
    )


def test_an_ipv6_address_is_bracketed_in_the_browser_address() -> None:
    assert Door("fd00::5", 2222, 8080).web_url() == "http://[fd00::5]:8080"
    assert Door("fd00::5").ssh_command() == "ssh -p 2222 regio@fd00::5"


def rooms(tmp_path: Path) -> list[str]:
    return [r.room.id for r in RoomStore(tmp_path / "sessions").all()]


def test_room_new_writes_private_cards_with_the_codes_it_prints(tmp_path: Path, run) -> None:
    target = tmp_path / "kaarten.html"
    result = run(
        "--sessions-dir", str(tmp_path / "sessions"), "room", "new", "Regio Noord", "--seats", "9",
        "--cards", str(target), "--host", "192.168.1.20", "--ssh-port", "2200", "--web-port", "8090", "--json",
    )  # fmt: skip
    assert result.code == 0, result.err
    data = json.loads(result.out)  # stdout stays one JSON object; the notes go to stderr
    assert stat.S_IMODE(target.lstat().st_mode) == 0o600
    page = target.read_text("utf-8")
    assert re.findall(r'<p class="code">([^<]+)</p>', page) == data["codes"]
    assert page.count('<section class="page">') == 2
    assert "ssh -p 2200 regio@192.168.1.20" in page and "http://192.168.1.20:8090" in page
    assert "Codekaarten geschreven" in result.err and "9 kaarten, 2 × A4" in result.err
    assert f"samenwerken room serve {data['id']} --host 192.168.1.20 --port 2200 --web 8090" in result.err
    assert "werkt alleen op deze computer" not in result.err
    no_outside_resources(page)


def test_cards_on_the_default_address_say_it_works_here_only(tmp_path: Path, run) -> None:
    target = tmp_path / "kaarten.html"
    result = run(
        "--sessions-dir", str(tmp_path / "sessions"), "room", "new", "R", "--seats", "2", "--cards", str(target)
    )
    assert result.code == 0, result.err
    assert "ssh -p 2222 regio@127.0.0.1" in target.read_text("utf-8")
    assert "Let op: de kaarten noemen 127.0.0.1" in result.out
    assert "--port 2222 --web 8080" in result.out


@pytest.mark.parametrize("kind", ["file", "link to a file", "dangling link", "link to a folder"])
def test_cards_never_replace_a_file_or_follow_a_link_and_no_room_is_made(tmp_path: Path, run, kind: str) -> None:
    target, other = tmp_path / "kaarten.html", tmp_path / "elders.html"
    if kind == "file":
        target.write_text("van iemand anders")
    elif kind == "link to a file":
        other.write_text("van iemand anders")
        target.symlink_to(other)
    elif kind == "dangling link":
        target.symlink_to(other)
    else:
        target.symlink_to(tmp_path)
    result = run(
        "--sessions-dir", str(tmp_path / "sessions"), "room", "new", "R", "--seats", "2", "--cards", str(target)
    )
    assert result.code == 2
    assert "bestaat al: codekaarten worden nooit over een bestaand bestand of een link geschreven" in result.err
    assert "Er is geen regiosessie gemaakt" in result.err
    assert rooms(tmp_path) == [] and result.out == ""
    if kind == "file":
        assert target.read_text() == "van iemand anders"
    elif kind == "link to a file":
        assert target.is_symlink() and other.read_text() == "van iemand anders"
    elif kind == "dangling link":
        assert target.is_symlink() and not other.exists()


def test_cards_in_a_missing_folder_make_no_room(tmp_path: Path, run) -> None:
    target = tmp_path / "nergens" / "kaarten.html"
    result = run(
        "--sessions-dir", str(tmp_path / "sessions"), "room", "new", "R", "--seats", "2", "--cards", str(target)
    )
    assert result.code == 2
    assert "De map voor" in result.err and "Er is geen regiosessie gemaakt" in result.err
    assert rooms(tmp_path) == []


def test_cards_without_segno_make_no_room(tmp_path: Path, run, monkeypatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "segno", None)  # as if the room extra were not installed
    target = tmp_path / "kaarten.html"
    result = run(
        "--sessions-dir", str(tmp_path / "sessions"), "room", "new", "R", "--seats", "2", "--cards", str(target)
    )
    assert result.code == 2
    assert "Voor codekaarten is segno nodig: pip install 'samenwerken[room]'" in result.err
    assert rooms(tmp_path) == [] and not target.exists()


def test_cards_that_appear_meanwhile_are_not_replaced_and_the_codes_stay_shown(
    tmp_path: Path, run, monkeypatch
) -> None:
    """Between the check and the write someone puts a link there: O_EXCL|O_NOFOLLOW refuses it."""
    import tui.cli.cards as cards

    target, other = tmp_path / "kaarten.html", tmp_path / "elders.html"
    real = cards.cards_html

    def meanwhile(*args, **kwargs) -> str:
        target.symlink_to(other)
        return real(*args, **kwargs)

    monkeypatch.setattr(cards, "cards_html", meanwhile)
    result = run(
        "--sessions-dir", str(tmp_path / "sessions"), "room", "new", "R", "--seats", "2", "--cards", str(target)
    )
    assert result.code == 1
    assert "De codekaarten zijn niet geschreven" in result.err
    assert re.search(r"plek B: [a-z]+-[a-z]+-[a-z]+-\d\d", result.out)  # the codes were shown all the same
    assert not other.exists() and target.is_symlink()


# the group handout -------------------------------------------------------------------


def golden_view(votes: bool = True):
    """Four seats; most items answered by all four, some by two (hidden under min_group 3); fixed dates."""
    tool = load_tool()
    room = Room(
        id="golden",
        title="Regio Golden <voorjaar>",
        created=WHEN,
        salt="0" * 32,
        seats=[Seat(label=c, code_hash="0" * 64, file=f"{c.lower()}.toml", joined=WHEN) for c in "ABCDE"],
        discussion=Discussion(item=tool.items[3].id, opened=WHEN),
        agreements=[
            Agreement(text="Gezamenlijke scholingsdag <plannen>", who="Anna & Bert", when="juni", at=WHEN),
            Agreement(text="Cijfers delen", at=WHEN),
        ],
    )
    sessions = {}
    for n, label in enumerate("ABCD"):
        answers = {}
        for i, item in enumerate(tool.items):
            if n >= 2 and i % 7 == 6:
                continue  # answered by two seats only: hidden
            if (i + n) % 9 == 0:
                answers[item.id] = Answer(not_applicable=True, at=WHEN)
            else:
                answers[item.id] = Answer(score=1 + (i * 3 + n * 2) % 5, at=WHEN)
        if label == "A":
            first = tool.items[0].id
            answers[first] = answers[first].model_copy(
                update={"remark": "Eerst de cijfers\n<samen> zien.", "shared": True}
            )
        if label == "B":
            first = tool.items[0].id
            answers[first] = answers[first].model_copy(update={"remark": "Privé, niet gedeeld."})
        sessions[label] = Session(
            id=f"golden-{label.lower()}", title=f"Golden {label}", created=WHEN, updated=WHEN, answers=answers
        )
    view = build_group(tool, room, sessions)
    if votes:
        marks = {tool.items[5].id: 3, tool.items[10].id: 1}
        view.items = [
            GroupItem(g.item, g.part, g.counts, g.median, g.spread, votes=marks.get(g.item.id, 0)) for g in view.items
        ]
    return view


def test_the_handout_matches_the_golden_file() -> None:
    check_golden("room-handout.html", to_handout(golden_view(), DUTCH))


def test_the_handout_in_english_matches_the_golden_file() -> None:
    check_golden("room-handout-en.html", to_handout(golden_view(), strings_for("en")))


def test_room_export_html_is_the_handout() -> None:
    view = golden_view()
    assert to_html(view, DUTCH) == to_handout(view, DUTCH)


def test_the_handout_holds_what_was_asked_and_nothing_more() -> None:
    page = to_handout(golden_view(), DUTCH)
    no_outside_resources(page)
    assert "<title>Regio Golden &lt;voorjaar&gt;</title>" in page
    assert "Datum: 01-03-2024 · 5 van de 5 plekken bezet" in page
    assert "Privé" not in page and "Golden A" not in page  # unshared remarks and seat names stay out
    assert "Eerst de cijfers\n&lt;samen&gt; zien." in page
    assert "<td>Gezamenlijke scholingsdag &lt;plannen&gt;</td><td>Anna &amp; Bert</td><td>juni</td>" in page
    discussed = page.split("<h2>Besproken uitspraken</h2>")[1].split("</ol>")[0]
    tool = load_tool()
    order = [discussed.index(tool.items[n].loc("text", "nl")) for n in (5, 10, 3)]
    assert order == sorted(order)  # most votes first, then the item under discussion
    assert '<span class="votes">3 stemmen</span>' in discussed and '<span class="votes">1 stem</span>' in discussed
    assert '<span class="votes">nu in gesprek</span>' in discussed


def test_counts_below_the_minimum_group_stay_hidden_in_the_handout() -> None:
    view = golden_view()
    page = to_handout(view, DUTCH)
    hidden = [g for g in view.items if g.hidden]
    assert hidden, "the golden view has hidden items"
    for g in hidden:
        row = page.split(g.item.loc("text", "nl"))[1].split("</tr>")[0]
        assert "nog te weinig antwoorden" in row and 'class="bar"' not in row
    shown = [g for g in view.items if not g.hidden]
    assert page.count('<div class="bars">') == len(shown)


def test_the_handout_without_votes_or_discussion_leaves_that_section_out() -> None:
    view = golden_view(votes=False)
    view.room.discussion = None
    page = to_handout(view, DUTCH)
    assert "Besproken uitspraken" not in page
    view.room.agreements = []
    assert "Nog geen afspraken." in to_handout(view, DUTCH)


# printed by a real browser -------------------------------------------------------------


def printed_pages(tmp_path: Path, page: str) -> int:
    """How many A4 pages chromium prints of `page`."""
    if browser() is None:
        if REQUESTED:
            pytest.fail("chromium is missing: apt-get install chromium")
        pytest.skip("no chromium here (Debian package chromium)")
    source, pdf = tmp_path / "page.html", tmp_path / "page.pdf"
    source.write_text(page, "utf-8")
    command = [browser() or "chromium", "--headless=new", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer"]
    command += [f"--user-data-dir={tmp_path / 'profile'}", f"--print-to-pdf={pdf}", source.as_uri()]
    subprocess.run(command, capture_output=True, timeout=120, check=False, env={**os.environ, "HOME": str(tmp_path)})
    data = pdf.read_bytes()
    assert b"/MediaBox [0 0 594.95996 841.91998]" in data or b"/MediaBox [0 0 595" in data  # A4 in points
    return len(re.findall(rb"/Type\s*/Page[^s]", data))


@pytest.mark.slow
def test_chromium_prints_eight_cards_to_an_a4_page(tmp_path: Path) -> None:
    """Nine cards, two pages: eight fit on the first without spilling (one browser run; they are slow)."""
    codes = [f"framboos-kastanje-trompet-{n + 10}" for n in range(9)]
    title = "Regio Noord, voorjaar: een lange titel die op de kaart over twee regels loopt en dan nog verder gaat"
    assert printed_pages(tmp_path, cards_html(title, codes, Door("regio-laptop.school.local"), DUTCH)) == 2


@pytest.mark.slow
def test_chromium_prints_the_handout_on_a4(tmp_path: Path) -> None:
    assert printed_pages(tmp_path, to_handout(golden_view(), DUTCH)) >= 1
