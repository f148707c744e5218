"""One fixed way of answering, shared by the scoring, export and overview tests.

Every scale item answered 5, 1, 5, 1, … in walk order; the lists say what that makes of each item.
"""

from __future__ import annotations


def alternating(n: int) -> int:
    """The score of the `n`-th item (from 0) in walk order: 5, 1, 5, 1, …"""
    return 5 if n % 2 == 0 else 1


ALTERNATING_STRENGTHS = [
    "helpt.bevlogenheid", "helpt.samenwerken-leidt-tot-samenwerken", "helpt.benchmarks", "helpt.elkaar-kennen",
    "helpt.investeren-relatie", "helpt.organisatie",
    "belangen.gedeelde-verantwoordelijkheid", "belangen.dialoog",
    "vaardigheid.ambitie-eigen-visies", "vaardigheid.belangen-recht-doen", "vaardigheid.relatie-vertrouwen",
    "vaardigheid.organisatie-besluiten", "vaardigheid.proces-geen-meerderheid", "vaardigheid.individu",
    "vaardigheid.weefsel",
]  # fmt: skip
"""Strengths when the items are answered 5, 1, 5, 1, … in walk order: every one has value 5, so walk order."""
ALTERNATING_ABSENT = [
    "hindert.wet-en-regelgeving", "hindert.cultuurverschillen", "hindert.schaalverschillen",
    "hindert.administratiesystemen", "hindert.weerstand-medewerkers", "hindert.persoonlijke-relatie",
]  # fmt: skip
"""Hindrances answered 1 ('plays no role') for the same answers: absent, never strengths."""
ALTERNATING_OBSTACLES = [
    "waarom.geen-noodzaak", "waarom.niet-willen", "waarom.praktische-redenen",
    "helpt.urgentie", "helpt.goede-voorbeelden", "helpt.afgebakende-regio", "helpt.gedeelde-visie",
    "helpt.open-cultuur", "helpt.bestuurlijke-moed",
    "hindert.concurrentie", "hindert.geld-en-tijd", "hindert.institutionalisering", "hindert.vervoer",
    "hindert.bekostiging", "hindert.behoudende-besturen",
    "belangen.spanning", "belangen.toezicht", "belangen.meer-dan-continuiteit",
    "belangen.prikkel-eigen-organisatie",
    "vaardigheid.ambitie-betekenisvol", "vaardigheid.belangen-op-tafel", "vaardigheid.relatie-verbonden",
    "vaardigheid.organisatie-condities", "vaardigheid.proces-hoe", "vaardigheid.proces-betekenis",
    "vaardigheid.structuur",
]  # fmt: skip
"""Obstacles for the same answers: every one has value 1, so walk order. The two 'waarom' items
answered 1 (niet-op-netvlies, geen-gezamenlijke-ambitie) are neither."""
ALTERNATING_NEITHER = ["waarom.niet-op-netvlies", "waarom.geen-gezamenlijke-ambitie"]
