"""The two pages the browser doors serve, as our own small HTML: the app's page and a room's code form.

Neither loads anything from elsewhere. Every address in them is relative to the
page, so a tab works whichever name it reached this machine by (and behind a
proxy). The secret of a page (the `serve` token, a room tab's ticket) is in the
app page's own links only: its websocket, and its downloads.
"""

from __future__ import annotations

from html import escape

from tui.content.i18n import Strings

STYLE = """
body { margin: 0; background: #0c181f; color: #f2f2f2; font: 18px/1.5 system-ui, sans-serif; }
main { max-width: 34rem; margin: 10vh auto; padding: 0 1.5rem; }
h1 { font-size: 1.6rem; font-weight: 600; }
label { display: block; font-weight: 600; margin-top: 1.5rem; }
input { font: inherit; font-family: ui-monospace, monospace; width: 100%; box-sizing: border-box;
        padding: .5rem .7rem; margin: .4rem 0; border: 2px solid #8fb3c7; border-radius: 4px; }
input:focus { outline: 3px solid #ffd166; }
button { font: inherit; padding: .5rem 1.4rem; margin-top: .8rem; background: #2e6f95; color: #fff;
         border: 0; border-radius: 4px; cursor: pointer; }
button:focus { outline: 3px solid #ffd166; }
.hint { color: #c9d6de; margin: 0; }
.said { color: #ffd166; font-weight: 600; min-height: 1.5em; }
"""

APP_STYLE = """
body { margin: 0; background: #0c181f; color: #f2f2f2; font: 18px/1.5 system-ui, sans-serif; }
.note { position: absolute; inset: 0; display: flex; align-items: center; justify-content: center; z-index: 10;
        padding: 2rem; text-align: center; background: #0c181f; }
.note a { color: #ffd166; }
body.-first-byte .waiting { display: none; }
.closed { display: none; }
body.-closed .closed { display: flex; }
.taken { display: none; }
body.-closed.-taken-over .taken { display: flex; }
body.-taken-over .closed { display: none; }
body .textual-terminal { opacity: 0; touch-action: manipulation; }
body.-first-byte .textual-terminal { opacity: 1; }
.keyboard { position: fixed; top: 0; right: 0; width: 3.5rem; height: 2.5rem; padding: 0; font-size: 1.4rem;
            background: #2e6f95; color: #fff; border: 0; border-radius: 0 0 0 6px; }
.keyboard[aria-pressed="true"] { background: #ffd166; color: #0c181f; }
.keyboard[hidden] { display: none; }
body.-touch .textual-terminal { margin-top: 2.5rem; height: calc(100vh - 2.5rem); height: calc(100dvh - 2.5rem); }
"""

FONT = """
(() => {
  // A phone's narrow screen gets a font that leaves it 42 columns or more (the app's phone layout,
  // one statement at a time with buttons to tap); a wider screen keeps 16px. Monospace cells are 0.6em wide.
  const terminal = document.getElementById("terminal"), width = document.documentElement.clientWidth;
  terminal.dataset.fontSize = String(Math.max(MIN_FONT, Math.min(16, Math.floor(width / (PHONE_COLUMNS * 0.6)))));
})();
"""
"""Run before textual.js builds its terminal: it reads the font size from the element's data."""

TOUCH = """
(() => {
  // On a touch screen a tap is a click for the app, and must not raise the phone's keyboard over the
  // buttons (xterm.js focuses its text field on every tap): the ⌨ button raises it to type a remark.
  if (!matchMedia("(pointer: coarse)").matches) return;
  const key = document.getElementById("keyboard");
  const field = () => document.querySelector(".xterm-helper-textarea");
  key.hidden = false;
  document.body.classList.add("-touch");  // the terminal starts below the button, and fits the visible height
  addEventListener("load", () => field()?.setAttribute("inputmode", "none"));  // after textual.js's onload
  key.addEventListener("click", () => {
    const area = field();
    if (!area) return;
    const typing = area.getAttribute("inputmode") === "none";
    area.setAttribute("inputmode", typing ? "text" : "none");
    key.setAttribute("aria-pressed", String(typing));
    area.blur();
    area.focus();
  });
})();
"""

PHONE_COLUMNS = 42
"""The columns a phone in portrait gets at least (down to 302 px wide at 12px); the app needs 40."""

MIN_FONT = 12
"""Smaller than this is hard to read on a phone: a narrower screen gets fewer columns, then the size notice."""

DOWNLOADS = """
(() => {
  // textual.js opens a download at /download/KEY: add this page's secret, and keep it relative to the page.
  const name = document.currentScript.dataset.name, value = document.currentScript.dataset.value;
  const open = window.open.bind(window);
  window.open = (url, target, features) => {
    const asked = new URL(url, location.href);
    if (asked.origin === location.origin && asked.pathname.startsWith("/download/")) {
      const own = new URL("download/" + asked.pathname.slice(10), location.href);
      own.search = asked.search;
      own.searchParams.set(name, value);
      return open(own.href, target, features);
    }
    return open(url, target, features);
  };
  // The websocket's address, relative to this page (textual.js wants it whole).
  const terminal = document.getElementById("terminal");
  const socket = new URL(terminal.dataset.socketPath, location.href);
  socket.protocol = socket.protocol === "https:" ? "wss:" : "ws:";
  terminal.dataset.sessionWebsocketUrl = socket.href;
  // Why the server closed the connection, when it says so by a close code of our own (a seat taken over by
  // a login elsewhere): the page then shows that note, in its own language, instead of the plain one.
  const takenOver = Number(document.currentScript.dataset.takenOver || 0);
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("close", (event) => {
        if (takenOver && event.code === takenOver) document.body.classList.add("-taken-over");
      });
    }
  };
})();
"""


def app_page(
    strings: Strings,
    title: str,
    static: str,
    socket_path: str,
    secret: tuple[str, str],
    again: str = "",
    taken_over: int = 0,
) -> str:
    """The page that runs textual.js against `socket_path`; `secret` = (query name, value) for its downloads.

    `again` is where a tab goes when its connection has closed (the code form, or this page again).
    `taken_over`: the websocket close code with which the server says the seat was taken over (0: never).
    """
    name, value = secret
    again_link = f'<a href="{escape(again)}">{escape(strings("web.again"))}</a>' if again else ""
    taken = f'<div class="note taken" role="status"><p>{escape(strings("room.taken_over"))} {again_link}</p></div>'
    taken = taken if taken_over else ""
    head = f"""<link rel="stylesheet" href="{escape(static)}css/xterm.css">
<script src="{escape(static)}js/textual.js"></script>
<style>{APP_STYLE}</style>"""
    body = f"""<div class="note waiting" role="status">{escape(strings("web.waiting"))}</div>
<div class="note closed" role="status"><p>{escape(strings("web.closed"))} {again_link}</p></div>
{taken}
<div id="terminal" class="textual-terminal" data-socket-path="{escape(socket_path)}" data-font-size="16"></div>
<button id="keyboard" class="keyboard" type="button" hidden aria-pressed="false"
        aria-label="{escape(strings("web.keyboard"))}" title="{escape(strings("web.keyboard"))}">⌨</button>
<script>{_font()}{TOUCH}</script>
<script data-name="{escape(name)}" data-value="{escape(value)}" data-taken-over="{taken_over}">{DOWNLOADS}</script>"""
    return _document(strings, title, head, body)


def _font() -> str:
    return FONT.replace("PHONE_COLUMNS", str(PHONE_COLUMNS)).replace("MIN_FONT", str(MIN_FONT))


def _document(strings: Strings, title: str, head: str, body: str) -> str:
    """One HTML page: its language, the phone's width, its title, then `head` and `body` (already escaped)."""
    return f"""<!DOCTYPE html>
<html lang="{escape(strings.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
{head}
</head>
<body>
{body}
</body>
</html>
"""


def _plain_page(strings: Strings, title: str, main: str) -> str:
    """A page of our own around `main` (already escaped): our style, no scripts."""
    return _document(strings, title, f"<style>{STYLE}</style>", f"<main>\n<h1>{escape(title)}</h1>\n{main}\n</main>")


def code_page(strings: Strings, title: str, page_id: str, said: str = "") -> str:
    """The form a room's tab starts with: one field for the personal code, its label, a hint, one button."""
    return _plain_page(
        strings,
        title,
        f"""<form method="post" action=".">
<input type="hidden" name="page" value="{escape(page_id)}">
<label for="code">{escape(strings("web.code.label"))}</label>
<p class="hint" id="hint">{escape(strings("web.code.hint"))}</p>
<input id="code" name="code" type="password" autocomplete="off" autocapitalize="none" spellcheck="false"
       maxlength="100" required autofocus aria-describedby="hint said">
<p class="said" id="said" role="alert">{escape(said)}</p>
<button type="submit">{escape(strings("web.code.button"))}</button>
</form>""",
    )


def note_page(strings: Strings, title: str, said: str, again: str = ".") -> str:
    """A page that only says something (too many open pages), with a way back to the form."""
    return _plain_page(
        strings,
        title,
        f"""<p class="said" id="said" role="alert">{escape(said)}</p>
<p><a href="{escape(again)}" style="color:#ffd166">{escape(strings("web.again"))}</a></p>""",
    )
