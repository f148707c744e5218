"""A regional session ("room"): seats that answer privately, a board that shows the group.

The domain (model, codes, store, group) imports neither Textual nor asyncssh;
`server` imports asyncssh and is loaded only by `room serve`.
"""
