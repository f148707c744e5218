"""The app in a browser tab: textual-serve runs one app process per tab (`samenwerken serve`).

Imported only by `serve`; needs the optional extra `[web]`.
"""
