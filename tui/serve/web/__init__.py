"""The app in a browser tab: textual-serve runs one app process per tab (`samenwerken serve`, `room serve --web`).

Imported only by those two; needs the optional extra `[web]`.
"""
