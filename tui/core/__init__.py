"""The ground floor: paths, errors and reasons, text safety, kept files, safe file writing. Imports
nothing of ours above it.
"""
