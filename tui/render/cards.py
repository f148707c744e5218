"""Printable code cards for a new room: one card per seat, eight to an A4 page.

The codes exist only while `room new` runs (the room keeps their hashes), so the
cards can be made then and never later. Each card says how to join over SSH and in
a browser, with a QR code of the browser address drawn by segno (never our own).

The page is one self-contained file: inline CSS and SVG, no scripts, no links to
anything outside it. It is written private (0600), as a new file only: never over
an existing file, never through a link.
"""

from __future__ import annotations

import errno
import os
import shlex
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tui.core.errors import UnsafePath
from tui.core.files import write_new_private
from tui.core.net import shown_host
from tui.core.reason import Reason
from tui.core.text import safe_line, shortened
from tui.render.parts import html_text

if TYPE_CHECKING:
    from tui.content.i18n import Strings

CARDS_PER_PAGE = 8
TITLE_WIDTH = 80
"""A card has room for two lines of title; a longer title is cut at a word."""
SSH_USER = "regio"
"""Any name will do over SSH; the card shows this one in its example command."""


@dataclass(frozen=True)
class Door:
    """Where participants join: what the cards print, and what `room serve` must then be given."""

    host: str = "127.0.0.1"
    ssh_port: int = 2222
    web_port: int = 8080
    public_url: str | None = None

    def ssh_command(self) -> str:
        return f"ssh -p {self.ssh_port} {SSH_USER}@{shown_host(self.host)}"

    def web_url(self) -> str:
        host = shown_host(self.host)
        return self.public_url or f"http://{f'[{host}]' if ':' in host else host}:{self.web_port}"

    def serve_command(self, room_id: str) -> str:
        """The `room serve` that opens the doors these cards name."""
        words = ["samenwerken", "room", "serve", room_id, "--host", self.host, "--port", str(self.ssh_port)]
        words += ["--web", str(self.web_port)] + (["--public-url", self.public_url] if self.public_url else [])
        return safe_line(shlex.join(words))


def qr_svg(url: str) -> str:
    """The QR code of `url` as an inline SVG element (sized by the page's CSS)."""
    import segno

    code = segno.make(url, error="m", micro=False)
    return str(code.svg_inline(scale=1, border=2, omitsize=True, svgclass="qr", lineclass=None, title=url))


_CSS = """
@page{size:A4;margin:10mm}
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,sans-serif;color:#000}
.page{display:grid;grid-template-columns:1fr 1fr;grid-template-rows:repeat(4,1fr);width:190mm;height:276mm;
break-after:page;page-break-after:always}
.page:last-child{break-after:auto;page-break-after:auto}
.card{border:.3mm dashed #777;padding:3.5mm 4.5mm;overflow:hidden;display:flex;flex-direction:column;break-inside:avoid}
h2{font-size:10.5pt;line-height:1.2;margin:0 0 1.5mm;max-height:2.4em;overflow:hidden}
p{margin:0}
.label{font-size:8pt;color:#333}
.code{font:bold 12pt ui-monospace,monospace;white-space:nowrap;margin:.5mm 0 1.5mm}
.body{display:flex;gap:3mm;flex:1;min-height:0;align-items:flex-start}
.text{flex:1;min-width:0;font-size:8pt;line-height:1.25}
.how{font-weight:bold;margin-top:1mm}
.cmd{font-family:ui-monospace,monospace;overflow-wrap:anywhere}
.qr{width:26mm;height:26mm;flex:none;margin-top:1mm}
@media screen{body{background:#ddd}.page{background:#fff;margin:5mm auto}}
"""


def cards_html(title: str, codes: list[str], door: Door, strings: Strings) -> str:
    """The cards page: one card per code, in seat order, eight to a page."""
    lang = strings.language
    shown_title = html_text(shortened(title, TITLE_WIDTH))
    url = door.web_url()
    qr = qr_svg(url)
    ssh, web = html_text(door.ssh_command()), html_text(url)
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}"><head><meta charset="utf-8">',
        f"<title>{html_text(strings('cards.page_title', title=title))}</title><style>{_CSS}</style></head><body>",
    ]
    for start in range(0, len(codes), CARDS_PER_PAGE):
        out.append('<section class="page">')
        for code in codes[start : start + CARDS_PER_PAGE]:
            out += [
                '<article class="card">',
                f"<h2>{shown_title}</h2>",
                f'<p class="label">{html_text(strings("cards.your_code"))}</p>',
                f'<p class="code">{html_text(code)}</p>',
                '<div class="body"><div class="text">',
                f'<p class="how">{html_text(strings("cards.by_ssh"))}</p>',
                f'<p class="cmd">{ssh}</p>',
                f"<p>{html_text(strings('cards.ssh_hint'))}</p>",
                f'<p class="how">{html_text(strings("cards.by_browser"))}</p>',
                f'<p class="cmd">{web}</p>',
                f"<p>{html_text(strings('cards.browser_hint'))}</p>",
                f"</div>{qr}</div>",
                "</article>",
            ]
        out.append("</section>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def pages(count: int) -> int:
    return -(-count // CARDS_PER_PAGE)


def check_new_file(path: Path) -> None:
    """Before a room is made: `path` must be a new file in a folder that exists.

    Raises FileExistsError for anything already there (a file, a link, even a dangling
    one), FileNotFoundError for a missing folder. `write_cards` checks again as it
    creates the file (O_EXCL|O_NOFOLLOW): this only spares a room nobody can hand out.
    """
    try:
        os.lstat(path)
    except FileNotFoundError:
        pass
    else:
        raise FileExistsError(errno.EEXIST, "exists", str(path))
    try:
        parent = os.stat(path.parent)
    except FileNotFoundError:
        raise FileNotFoundError(errno.ENOENT, "no such folder", str(path.parent)) from None
    if not stat.S_ISDIR(parent.st_mode):
        raise UnsafePath(path.parent, "", Reason("file.not_a_folder"))


def write_cards(path: Path, text: str) -> None:
    """Create the cards file, 0600, only if nothing is there (never through a link)."""
    write_new_private(path, text.encode("utf-8"))
