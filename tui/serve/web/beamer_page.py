"""The beamer's page: the room as the group may see it on a projector, as plain HTML and CSS.

Read-only and without seat letters: per item of one part its counts as bars,
how many seats are done, the item under discussion, the agreements. Counts of
an item fewer seats answered than the room's `min_group` are not in the HTML at
all (`GroupItem.counts` is None then), as on the board.

The page holds one small inline script that fetches `state` (this fragment)
every second and swaps it in; its content security policy allows only that
script and style (by their hashes) and requests to its own origin. Nothing in
the fragment carries a style attribute, so no other style can run: bar heights
are classes (`h0`…`h20`).
"""

from __future__ import annotations

import base64
import hashlib
from html import escape

from tui.content.i18n import Strings
from tui.core.text import one_line
from tui.render.group import earlier_cells, earlier_items
from tui.room.model import Room
from tui.room.phases import phase_line, seats_see
from tui.session.model import now
from tui.views.group import ANSWER_KEYS, GroupItem, GroupPart, GroupView
from tui.views.numbers import score_number

AGREEMENTS = 8
"""The agreements the side shows at most (the newest; those that do not fit below the discussion are cut off)."""
STEPS = 20
"""Bar heights in steps of 5 %: enough for a projector, and a class each (no style attribute)."""
FOLLOW_MS = 1000
"""How often the page asks for the room again: it follows a change within 2 s."""

STYLE = (
    """
html { font-size: calc(100vh / 36); }
body { margin: 0; height: 100vh; overflow: hidden; background: #0c181f; color: #f2f2f2;
       font-family: system-ui, sans-serif; line-height: 1.25; }
#beamer { box-sizing: border-box; height: 100vh; padding: .8rem 1.2rem; display: flex; flex-direction: column;
          gap: .6rem; }
header { display: flex; align-items: baseline; gap: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0; flex: 1; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.phase, .done { font-size: 1.2rem; margin: 0; white-space: nowrap; }
.phase { color: #ffd166; font-weight: 600; }
.body { flex: 1; min-height: 0; display: flex; gap: 1.2rem; }
.part { flex: 1; min-width: 0; display: flex; flex-direction: column; }
.side { flex: 0 0 36%; min-width: 0; display: flex; flex-direction: column; gap: .8rem; }
h2 { font-size: 1.25rem; margin: 0 0 .3rem; }
.direction { font-weight: 400; color: #c9d6de; font-size: .9rem; white-space: nowrap; }
.items { list-style: none; margin: 0; padding: 0; flex: 1; min-height: 0; display: flex; flex-direction: column; }
.items li, .scale { display: flex; align-items: center; gap: .6rem; border-bottom: 1px solid #24404f; }
.items li { flex: 1 1 0; min-height: 0; overflow: hidden; }
.items li.discussed { background: #1d3a4a; outline: 2px solid #ffd166; }
.tag { flex: 0 0 2.2rem; font-weight: 700; color: #8fb3c7; text-align: center; }
.text { flex: 1; min-width: 0; margin: 0; font-size: 1rem; overflow: hidden; display: -webkit-box;
        -webkit-box-orient: vertical; -webkit-line-clamp: 2; line-clamp: 2; }
.dense .text { font-size: .8rem; line-height: 1.15; }
.dense .bars, .dense .few { flex-basis: 12rem; }
.roomy .text { font-size: 1.25rem; -webkit-line-clamp: 3; line-clamp: 3; }
.bars { flex: 0 0 15rem; height: 100%; display: flex; align-items: flex-end; gap: .25rem; }
.bars span { flex: 1; display: flex; flex-direction: column; justify-content: flex-end; align-items: center;
             height: 100%; font-size: .8rem; font-weight: 600; }
.bars i { display: block; width: 100%; background: #4fa3d1; }
.bars span.nvt i { background: #8a8a8a; }
.scale { border: 0; font-size: .8rem; color: #c9d6de; }
.scale .bars { height: auto; }
.few { flex: 0 0 15rem; margin: 0; font-style: italic; color: #c9d6de; font-size: .85rem; }
li.hidden .text { color: #9fb0ba; }
.discussion { border: 2px solid #ffd166; border-radius: .4rem; padding: .6rem .8rem; }
.discussion h2 { color: #ffd166; }
.discussion .text { font-size: 1.1rem; -webkit-line-clamp: 5; line-clamp: 5; font-weight: 600; }
.discussion .bars { height: 6rem; flex: none; width: 100%; margin-top: .4rem; }
.discussion .scale .bars { height: auto; }
.discussion .figures { margin: .3rem 0 0; color: #c9d6de; font-size: .9rem; }
.agreements { flex: 1; min-height: 0; overflow: hidden; display: flex; flex-direction: column; }
.agreements ul { margin: 0; padding-left: .4rem; font-size: .95rem; }
.agreements li { margin-top: .3rem; overflow: hidden; display: -webkit-box; -webkit-box-orient: vertical;
                 -webkit-line-clamp: 2; line-clamp: 2; }
.agreements li::before { content: "• "; }
.agreements .who { color: #c9d6de; }
.rule { margin: 0; font-size: .8rem; color: #c9d6de; }
.lost { display: none; margin: 0; color: #ffd166; font-size: .9rem; }
.was { flex: 0 0 9rem; margin: 0; font-size: .8rem; color: #c9d6de; }
nav.parts { font-size: 1rem; white-space: nowrap; }
nav.parts a { color: #8fb3c7; margin-left: .5rem; text-decoration: none; }
nav.parts a.here { color: #ffd166; font-weight: 700; text-decoration: underline; }
body.-lost .lost { display: block; }
"""
    + "\n".join(f".h{n} {{ height: {n * 100 // STEPS}%; }}" for n in range(STEPS + 1))
    + "\n"
)

SCRIPT = (
    """
(() => {
  // Ask for the room again every second; swap in what changed. The address of `state` carries the page's key.
  const main = document.getElementById("beamer");
  const state = location.pathname.replace(/\\/+$/, "") + "/state";
  let last = null, busy = false;
  const follow = async () => {
    if (busy) return;
    busy = true;
    try {
      const response = await fetch(state, {cache: "no-store", credentials: "omit"});
      if (!response.ok) throw new Error(String(response.status));
      const html = await response.text();
      if (html !== last) { main.innerHTML = html; last = html; }
      document.body.classList.remove("-lost");
    } catch (error) {
      document.body.classList.add("-lost");
    } finally {
      busy = false;
    }
  };
  setInterval(follow, """
    + str(FOLLOW_MS)
    + """);
})();
"""
)


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


PAGE_POLICY = (
    f"default-src 'none'; script-src {_hash(SCRIPT)}; style-src {_hash(STYLE)}; connect-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
"""Only this page's own script and style run, and it only talks to its own origin."""
FRAGMENT_POLICY = "default-src 'none'; frame-ancestors 'none'"


def text(value: str) -> str:
    """Content on one line, escaped for HTML text and attributes."""
    return escape(one_line(value))


def beamer_page(fragment: str, strings: Strings, title: str) -> str:
    """The whole page: its style, the room as `fragment` shows it now, the script that follows the room."""
    return f"""<!DOCTYPE html>
<html lang="{escape(strings.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{text(title)} · Beamer</title>
<style>{STYLE}</style>
</head>
<body>
<main id="beamer">{fragment}</main>
<p class="lost" role="status">{text(strings("beamer.lost"))}</p>
<script>{SCRIPT}</script>
</body>
</html>
"""


# what the page shows ----------------------------------------------------------


def shown_part(room: Room, view: GroupView) -> int:
    """Which part the beamer shows (its index in `view.parts`): the board's choice (`room.shown_part`),
    else the part of the item under discussion, else the first part."""
    ids = [p.part.id for p in view.parts]
    if room.shown_part in ids:
        return ids.index(room.shown_part)
    if room.discussion is not None:
        discussed = next((g for g in view.items if g.item.id == room.discussion.item), None)
        if discussed is not None:
            return ids.index(discussed.part.id)
    return 0


def part_items(view: GroupView, part: GroupPart) -> list[GroupItem]:
    """The part's items in the board's order: most votes first, then the largest spread; hidden items last."""
    items = [g for g in view.items if g.part.id == part.part.id]
    return sorted(items, key=lambda g: (g.hidden, -g.votes, -(g.spread if g.spread is not None else -1.0)))


def fragment(view: GroupView, room: Room, strings: Strings) -> str:
    """What `<main>` holds: header, the shown part's items, the discussion and the agreements, the rule."""
    language = strings.language
    numbers = {p.part.id: n for n, p in enumerate(view.parts, 1)}
    finished = sum(1 for s in view.seats if s.finished)
    phase = phase_line(room, strings, now())
    out = [
        "<header>",
        f"<h1>{text(room.title)}</h1>",
        f'<p class="phase">{text(phase)}</p>' if phase else "",
        f'<p class="done">{text(strings("beamer.done", finished=finished, total=len(view.seats)))}</p>',
        "</header>",
        '<div class="body">',
    ]
    discussed = None
    if room.discussion is not None:
        discussed = next((g for g in view.items if g.item.id == room.discussion.item), None)
    if view.parts:
        index = shown_part(room, view)
        part = view.parts[index]
        items = part_items(view, part)
        earlier = earlier_items(view)  # last year's group, for a room made with `room new --from`
        heading = strings(
            "beamer.part", n=index + 1, count=len(view.parts), part=one_line(part.part.loc("title", language))
        )
        shown = [_item(g, numbers[g.part.id], strings, discussed, room, earlier.get(g.item.id)) for g in items]
        out += part_section(strings, heading, {g.high_is_bad for g in items}, shown)
    side = _discussion(discussed, numbers, view, strings) + _agreements(room, strings)
    if side:
        out.append(f'<div class="side">{side}</div>')
    out.append("</div>")
    hidden = sum(1 for g in view.items if g.hidden)
    rule = strings("board.rule", n=room.min_group, hidden=hidden, too_few=strings("room.too_few"))
    out.append(f'<p class="rule">{text(rule)}</p>')
    return "\n".join(line for line in out if line)


def _names(strings: Strings) -> dict[str, str]:
    return {**{k: k for k in ANSWER_KEYS[:5]}, "nvt": strings("room.nvt")}


def part_section(strings: Strings, heading: str, high_is_bad: set[bool], items: list[str]) -> list[str]:
    """One part on the beamer: its heading with the directions its items have, the scale, the items (HTML)."""
    dense = " dense" if len(items) > 8 else " roomy" if len(items) <= 6 else ""
    legend = " · ".join(strings("room.high_bad" if bad else "room.high_good") for bad in sorted(high_is_bad))
    return [
        f'<section class="part{dense}">',
        f'<h2>{text(heading)} <span class="direction">{text(legend)}</span></h2>',
        _scale(strings),
        '<ol class="items">',
        *items,
        "</ol>",
        "</section>",
    ]


def _scale(strings: Strings) -> str:
    """The bars' axis, once above the items: 1 … 5 and n.v.t."""
    labels = "".join(f"<span>{text(name)}</span>" for name in _names(strings).values())
    blank = '<span class="tag"></span><p class="text"></p>'
    return f'<div class="scale" aria-hidden="true">{blank}<div class="bars">{labels}</div></div>'


def _bars(counts: dict[str, int], strings: Strings) -> str:
    """One bar per answer, as high as its share of the largest count, with the count above it."""
    top = max(counts.values(), default=0) or 1
    names = _names(strings)
    said = ", ".join(f"{names[k]}: {counts[k]}" for k in ANSWER_KEYS)
    bars = "".join(
        f'<span class="{"nvt" if k == "nvt" else "score"}">{counts[k]}'
        f'<i class="h{round(counts[k] / top * STEPS)}"></i></span>'
        for k in ANSWER_KEYS
    )
    return f'<div class="bars" role="img" aria-label="{text(said)}">{bars}</div>'


def _tag(number: int, g: GroupItem) -> str:
    """'2↑' or '3↓', as the board tags a statement: its part's number and where a high answer points."""
    return f"{number}{'↓' if g.high_is_bad else '↑'}"


def _item(
    g: GroupItem, number: int, strings: Strings, discussed: GroupItem | None, room: Room, before: GroupItem | None
) -> str:
    unseen = not seats_see(room, g.part.id)  # the projector shows what the seats may see, no more
    classes = " ".join(c for c in ("hidden" if g.hidden or unseen else "", "discussed" if g is discussed else "") if c)
    if unseen:
        shown = f'<p class="few">{text(strings("room.not_revealed"))}</p>'
    elif g.counts is None:
        shown = f'<p class="few">{text(strings("room.too_few"))}</p>'
    else:
        shown = _bars(g.counts, strings)
    if before is not None and not unseen:
        shown = _last_time(g, before, strings) + shown
    return (
        f'<li class="{classes}" data-item="{text(g.item.id)}"><span class="tag">{_tag(number, g)}</span>'
        f'<p class="text">{text(g.item.loc("text", strings.language))}</p>{shown}</li>'
    )


def _last_time(g: GroupItem, before: GroupItem, strings: Strings) -> str:
    """'vorige keer 2,5 · +1,0': last year's group median (– while hidden there) and how far it moved."""
    median, moved = earlier_cells(g, before, strings)
    said = f"{strings('room.last_time')} {median}" + (f" · {moved}" if moved else "")
    return f'<p class="was">{text(said)}</p>'


def _discussion(g: GroupItem | None, numbers: dict[str, int], view: GroupView, strings: Strings) -> str:
    if g is None:
        return ""
    language = strings.language
    direction = strings("room.high_bad" if g.high_is_bad else "room.high_good")
    where = strings(
        "board.part_direction", n=numbers[g.part.id], part=one_line(g.part.loc("title", language)), direction=direction
    )
    if not seats_see(view.room, g.part.id):
        shown = f'<p class="few">{text(strings("room.not_revealed"))}</p>'
    elif g.counts is None:
        why = strings("room.too_few") + " " + strings("board.too_few_why", n=view.room.min_group)
        shown = f'<p class="few">{text(why)}</p>'
    else:
        median, spread = _figure(g.median, strings), _figure(g.spread, strings)
        figures = f"{strings('room.median')} {median} · {strings('room.spread')} {spread}"
        shown = _bars(g.counts, strings) + _scale_only(strings) + f'<p class="figures">{text(figures)}</p>'
    return (
        f'<section class="discussion"><h2>{text(strings("room.in_discussion"))}</h2>'
        f'<p class="text">{text(g.item.loc("text", language))}</p>'
        f'<p class="figures">{text(where)}</p>{shown}</section>'
    )


def _scale_only(strings: Strings) -> str:
    labels = "".join(f"<span>{text(name)}</span>" for name in _names(strings).values())
    return f'<div class="scale" aria-hidden="true"><div class="bars">{labels}</div></div>'


def _figure(value: float | None, strings: Strings) -> str:
    return "–" if value is None else score_number(value, strings)


def _agreements(room: Room, strings: Strings) -> str:
    """The newest `AGREEMENTS` agreements, newest first (the one just written is on top; the total in the heading)."""
    if not room.agreements:
        return ""
    rows = []
    for agreement in reversed(room.agreements[-AGREEMENTS:]):
        extra = " — ".join(one_line(x) for x in (agreement.who, agreement.when) if x.strip())
        who = f' <span class="who">({text(extra)})</span>' if extra else ""
        rows.append(f"<li>{text(agreement.text)}{who}</li>")
    heading = strings("room.agreements") + f" ({len(room.agreements)})"
    return f'<section class="agreements"><h2>{text(heading)}</h2><ul>{"".join(rows)}</ul></section>'
