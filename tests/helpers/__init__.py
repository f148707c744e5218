"""What the test modules share: no test module imports another, they all import from here.

cli (running the command line), session (sessions, Pilot waits and keys), room (rooms and seats),
terminal (the real app on a pseudo-terminal), and one module per family of tests that share data.
"""
