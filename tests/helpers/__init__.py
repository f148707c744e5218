"""What the test modules share: no test module imports another, they all import from here.

cli: the command line, in this process or as a real one · session: sessions, files, `until` ·
pilot: keys and the screen on top · room: rooms and seats · terminal: the real app on a
pseudo-terminal · ssh: a room served over SSH (its `served` fixture is registered by
tests/conftest.py) · browser: headless chromium · golden: the golden session and files ·
answers: the alternating answers · overview: sessions answered in one go · markdown: text
without markers · hostile: a folder of bad session files.
"""
