"""The doors: the SSH server, the browser pages, headless serving and the board's launcher."""
