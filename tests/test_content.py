"""The note is complete, in order and in the note's own words; the tool is built on it."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from tests.helpers.markdown import fold, list_items, unmarked, words
from tui.content import load_note, load_strings, load_tool

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "000_89394c03959e3bbb.txt"
"""The note as delivered: `../shared/seed` beside the repository (absent in a plain clone)."""

SECTION_IDS = [
    "vooraf",
    "focus",
    "themas-en-vormen",
    "factoren",
    "belangen",
    "vaardigheid",
    "kortom",
    "bijlage-1",
    "bijlage-2",
    "bijlage-3",
    "colofon",
]

THEMES = [
    "Krimp/leerlingendaling",
    "Beroepsonderwijs/techniekonderwijs",
    "Kansengelijkheid/brede brugklassen",
    "Passend onderwijs/jeugdzorg",
    "Lerarentekort",
    "Samen opleiden en professionaliseren",
    "Onderwijsovergangen",
    "IKC’s",
    "IHP’s",
    "Duurzaamheid onderwijshuisvesting",
    "Sport en gezonde leefstijl",
]

FORMS = [
    "SWV-en passend onderwijs",
    "RMC’s",
    "Arbeidsmarktregio’s",
    "OOGO",
    "LEA/REA",
    "RPO",
    "Samenwerking in ondersteuning",
    "Transfercentra",
    "Uitruil van onderwijs, uitruil van leerlingen, uitruil van personeel (al dan niet op een locatie)",
    "Scholenfusie (al dan niet als samenwerkingsschool)",
    "Personele unie",
    "Federatie",
    "Coöperatie",
    "Holding",
    "Bestuurlijke fusie",
]

REASONS = [
    "men is zich nog niet bewust van de ontwikkelingen in de regio en de uitdagingen die op hen afkomen. "
    "Er wordt met andere woorden geen noodzaak ervaren;",
    "men heeft samenwerking niet op het netvlies. De aandacht gaat vanzelfsprekend uit naar de eigen organisatie, "
    "het profileren daarvan, de eigen identiteit, het onderscheidende en bijzondere;",
    "men wil niet samenwerken. Dit kan te maken hebben met de persoonlijke relatie, zorg om eigen "
    "identiteit/denominatie of druk van achterban of toezichthouders;",
    "het lukt niet om tot een gezamenlijke ambitie te komen of gedeelde/gezamenlijke belangen te delen;",
    "of de samenwerking komt niet van de grond door allerlei praktische redenen.",
]

PROMOTING = [
    "Ervaren urgentie",
    "Bevlogenheid over het inhoudelijk doel",
    "Inspiratie vanuit goede voorbeelden",
    "Samenwerken leidt tot samenwerken. Goede samenwerking op een onderwerp breidt zich uit naar andere onderwerpen",
    "Duidelijke afgebakende samenwerkingsregio’s",
    "Benchmarks stimuleren kennisdeling",
    "Gedeelde visie",
    "Men kent elkaar goed en is bereid elkaar iets te gunnen",
    "Open cultuur gericht op leren en samenwerken",
    "Investeren in de relatie",
    "Bestuurlijke moed in het gesprek met de achterban",
    "Organisatie van de samenwerking",
]

OBSTRUCTING = [
    "Belemmeringen in wet- en regelgeving",
    "Concurrentiemodel en hokjesdenken. Denken en handelen vanuit het belang van de eigen instelling in plaats "
    "van het belang van de leer- en ontwikkellijn van de leerling of het regionale belang van een goed "
    "aansluitend en samenhangend onderwijsaanbod",
    "Cultuurverschillen soms groot (denominaties, verschillende onderwijssectoren)",
    "Gebrek aan geld en vooral tijd. In het algemeen kost het netwerken voor samenwerking veel tijd.",
    "Schaalverschillen en niveauverschillen",
    "Institutionalisering van samenwerkingsverbanden. De veelheid aan samenwerkingsverbanden (verplicht en "
    "vrijwillig) is op zichzelf ook weer een belemmering",
    "Administratiesystemen sluiten niet goed aan",
    "Vervoer voor leerlingen/studenten: 1) geringe reisbereidheid, 2) reiskosten, 3) ontoereikend OV",
    "Weerstand en onzekerheid bij medewerkers",
    "Bekostigingssystematiek (op aantal leerlingen) staat samenwerking in de weg",
    "Persoonlijke relatie (samenwerking vergt vertrouwen)",
    "Behoudende opstelling van besturen en/of raden van toezicht",
]

SUGGESTIONS = {
    "a": "De sectorraden en profielorganisaties willen het goede voorbeeld geven in eigen samenwerkingsrelaties. "
    "Bijvoorbeeld door bij betrokkenheid bij casuïstiek van scholen/besturen af te stemmen met andere betrokken "
    "partijen en de andere organisaties.",
    "b": "De sectorraden en profielorganisaties willen samen werken aan het wegnemen van praktische en formele "
    "belemmeringen om tot samenwerking te komen.",
    "c": "De sectorraden en profielorganisaties versterken het besef dat de huidigen opgaven in het onderwijs niet "
    "door individuele besturen opgelost kunnen worden en dat samenwerking noodzakelijk is. Zij stimuleren "
    "samenwerking actief.",
    "d": "Het is belangrijk de bredere verantwoordelijk van onderwijsbestuurders voor het bredere maatschappelijke "
    "belang (voor alle leerlingen kwalitatief goed, divers en nabij onderwijs) onder de aandacht brengen. Dat kan "
    "bijvoorbeeld door:",
    "e": "Bevorderen van de samenwerkingscompetentie. Dat kan bijvoorbeeld door het opnemen van samenwerking in het "
    "profiel van bestuurders, in het scholingsaanbod; samenwerking meenemen in bestuurlijke visitaties, een signaal "
    "afgeven aan werving- & selectiebureaus voor bestuurders en toezichthouders over het belang van een "
    "samenwerkende houding, in gesprek gaan met VTOI-NVTK om aandacht voor samenwerking te vragen in de "
    "nieuwsvoorziening aan en bijeenkomsten voor toezichthouders, de reflectietool op samenwerking (zie bijlage 3) "
    "onder de aandacht te brengen.",
    "f": "Samenwerking ook ‘in het klein’ aan bestuurders uitdragen. Bijvoorbeeld: zoek elkaar op vóór het OOGO "
    "(niet alleen in het OOGO) en zoek elkaar op waar je elkaar kan gebruiken.",
    "g": "(Gezamenlijk) regionale gesprekken en bijeenkomsten over specifieke thema’s organiseren.",
    "h": "(Gezamenlijk) met individuele bestuurders in gesprek gaan en aanspreken indien urgentie hoog is.",
    "i": "Appel doen op grote besturen om kleine besturen mee te nemen vanuit een houding van gelijkwaardigheid.",
}

SUGGESTION_D_POINTS = [
    "het voeren van een dialoog over de taak van bestuurders: de primaire verantwoordelijkheid voor de eigen "
    "instelling versus de secundaire verantwoordelijkheid voor de educatieve infrastructuur in de regio (het "
    "maatschappelijk belang);",
    "het uitdragen van de brede maatschappelijke opdracht naast eigen verantwoordelijkheid voor eigen instelling en "
    "eigen identiteit (voorbeeld islamitische school in Rotterdam die geholpen is door christelijke school);",
    "denken in termen van brede maatschappelijke opdracht en regionale samenwerking meenemen in "
    "professionaliseringsactiviteiten gericht op bestuurders en schoolleiders, bij bestuurlijke visitaties, etc.;",
    "het aanpassen van de governancecodes en de opdracht van instellingen in hun statuten.",
]

QUOTE_KAATS_OPHEIJ = (
    "Een samenwerking is kansrijk wanneer mensen en organisaties zich met elkaar weten te verbinden in een "
    "betekenisgevend proces dat recht doet aan de belangen en gericht is op een betekenisvolle ambitie. Het is de "
    "grote opgave om daarvoor de juiste condities te scheppen."
)
SOURCE_KAATS_OPHEIJ = "(Uit: Leren samenwerken tussen organisaties van Edwin Kaats en Wilfrid Opheij.)"
QUOTE_NSOB = (
    "De onderzoekers van de NSOB duiden drie belangrijke begrippen als het gaat om samenwerking. Drie zaken die het "
    "succes of het falen van samenwerking bepalen, namelijk: 1. het individu: personen spelen een cruciale rol in "
    "samenwerking, 2. de structuur waarin wordt samengewerkt en 3. het weefsel: is er een ‘gedeelde’ manier van "
    "denken, doen en voelen bij de partijen ontstaan? Een op langere termijn werkende samenwerking omvat elk van "
    "deze drie elementen."
)
SOURCE_NSOB = "(Uit: Werkende Samenwerking; jaarbericht 2018, Denktank VNG.)"

FOOTNOTE = (
    "Samenwerking binnen het onderwijs; Een inventarisatie van samenwerkingen, good practices en knelpunten "
    "(Research Ned, 2014), Samenwerking in het VO (Regioplan, 2015), Presentatie Klaas Pit (BMC, VO-raad congres "
    "2017), 10 succesfactoren passend onderwijs (2018), Werkende Samenwerking (VNG, 2018)"
)


# --------------------------------------------------------------------------- helpers


def item_texts(markdown: str, heading: str | None = None) -> list[str]:
    return [unmarked(text) for text, _ in list_items(markdown, heading)]


@pytest.fixture(scope="module")
def note():
    return load_note()


@pytest.fixture(scope="module")
def tool():
    return load_tool()


@pytest.fixture(scope="module")
def bodies(note) -> dict[str, str]:
    return {s.id: note.body(s.id) for s in note.sections}


# --------------------------------------------------------------------------- the note


def test_sections_in_reading_order(note):
    assert [s.id for s in note.sections] == SECTION_IDS


def test_every_section_has_text(bodies):
    for section_id in SECTION_IDS:
        assert bodies[section_id].strip(), f"section {section_id} is empty"


def test_title_and_subtitle():
    data = tomllib.loads((ROOT / "content" / "note.toml").read_text(encoding="utf-8"))
    assert data["title"] == "Samen werken aan goed onderwijs"
    assert data["subtitle"] == "Over het belang van constructieve (regionale) samenwerking"
    note = load_note()
    assert note.index.title == "Samen werken aan goed onderwijs"
    assert note.index.subtitle == "Over het belang van constructieve (regionale) samenwerking"


def test_numbered_section_headings(note):
    headings = {s.id: s.heading for s in note.sections}
    assert headings["themas-en-vormen"] == "1. Thema’s en vormen van regionale samenwerking"
    assert headings["factoren"] == "2. Belemmerende & bevorderende factoren voor regionale samenwerking"
    assert headings["belangen"] == "3. Instellingsbelang en het maatschappelijk belang"
    assert headings["vaardigheid"] == "4. Regionaal samenwerken is een vaardigheid"


@pytest.mark.parametrize(
    ("section", "heading", "expected"),
    [
        pytest.param("themas-en-vormen", "Samenwerkingsthema’s", THEMES, id="themes"),
        pytest.param("themas-en-vormen", "Samenwerkingsvormen", FORMS, id="forms"),
        pytest.param("factoren", None, REASONS, id="five-reasons"),
        pytest.param("factoren", "Bevorderende factoren", PROMOTING, id="promoting-factors"),
        pytest.param("factoren", "Belemmerende factoren", OBSTRUCTING, id="obstructing-factors"),
    ],
)
def test_lists_of_the_note_in_order(bodies, section, heading, expected):
    assert item_texts(bodies[section], heading) == [words(entry) for entry in expected]


def test_factor_headings_promoting_before_obstructing(bodies):
    lines = bodies["factoren"].splitlines()
    assert lines.index("## Bevorderende factoren") < lines.index("## Belemmerende factoren")


def test_footnote_is_in_factoren(bodies):
    body = unmarked(bodies["factoren"])
    assert "Research Ned, 2014" in body
    assert FOOTNOTE in body
    assert "bronnen¹" in body
    assert "¹ " + FOOTNOTE in body
    for other in SECTION_IDS:
        if other != "factoren":
            assert "Research Ned" not in bodies[other]


def test_suggestions_a_to_i_in_order(bodies):
    items = list_items(bodies["bijlage-1"])
    found = []
    for text, _ in items:
        match = re.match(r"^\*\*([a-z])\.\*\*\s+(.*)$", text)
        assert match, f"not a lettered suggestion: {text!r}"
        found.append((match.group(1), words(match.group(2))))
    assert [letter for letter, _ in found] == list("abcdefghi")
    assert dict(found) == {k: words(v) for k, v in SUGGESTIONS.items()}


def test_suggestion_d_has_four_points(bodies):
    items = dict(
        (re.match(r"^\*\*([a-z])\.\*\*", text).group(1), subs)  # type: ignore[union-attr]
        for text, subs in list_items(bodies["bijlage-1"])
    )
    assert [words(s) for s in items["d"]] == [words(p) for p in SUGGESTION_D_POINTS]
    assert all(not subs for letter, subs in items.items() if letter != "d")


def test_kortom_has_both_quotations(bodies):
    body = unmarked(bodies["kortom"])
    assert f"“{QUOTE_KAATS_OPHEIJ}”" in body
    assert SOURCE_KAATS_OPHEIJ in body
    assert f"“{QUOTE_NSOB}”" in body
    assert SOURCE_NSOB in body
    for notion in ("het individu", "de structuur", "het weefsel"):
        assert notion in body


# --------------------------------------------------------------------------- the seed text, sentence by sentence

CORRECTIONS = [
    ("LGVS", "LVGS"),
    ("Wifrid", "Wilfrid"),
    ("Denktank VN.", "Denktank VNG."),
    ("mogelijke te maken", "mogelijk te maken"),
    ("kansen-\nongelijkheid", "kansenongelijkheid"),
    ("bronnen1", "bronnen¹"),
]

# Lines of the printed layout, not text: the cover and column headers of tables.
LAYOUT = [
    "Samen werken aan goed onderwijs",
    "Samenwerkingsthema’s Samenwerkingsvormen",
    "Bevorderende factoren Belemmerende factoren",
]

# Chunks of the seed that the app legitimately words differently. None so far.
EXCEPTIONS: set[str] = set()


def _is_layout_line(line: str, headings: list[str]) -> bool:
    """A line that is (a fragment of) a heading, the title or a table header."""
    text = words(line).rstrip(".").strip()
    if not text:
        return False
    return any(text in candidate for candidate in headings)


def seed_chunks(note) -> list[str]:
    if not SEED.is_file():
        pytest.skip(f"the seed note is not at {SEED} (../shared/seed beside the repository)")
    text = SEED.read_text(encoding="utf-8")
    for wrong, right in CORRECTIONS:
        assert wrong in text, f"correction {wrong!r} no longer needed?"
        text = text.replace(wrong, right)
    headings = LAYOUT + [note.index.title, note.index.subtitle] + [s.heading for s in note.sections]
    boundary = "\x00"
    lines = []
    for line in text.splitlines():
        if _is_layout_line(line, headings):
            lines.append(boundary)  # a heading ends whatever came before it
            continue
        # a bullet, a lettered suggestion (a.–i.) or the footnote's number start a new chunk
        line = re.sub(r"^\s*(?:•|[a-i]\.(?=\s)|\d\.(?=\s))", boundary, line)
        line = line.replace("•", boundary)
        lines.append(line)
    chunks: list[str] = []
    for block in "\n".join(lines).split(boundary):
        for chunk in words(block).split(". "):
            chunk = chunk.strip()
            if len(chunk) >= 40:
                chunks.append(chunk)
    return chunks


def test_seed_chunker_sees_the_whole_note(note):
    chunks = seed_chunks(note)
    assert len(chunks) > 100
    assert any("Research Ned, 2014" in c for c in chunks)
    assert any("Behoudende opstelling" in c for c in chunks)


def test_every_sentence_of_the_seed_is_in_the_note(note, bodies):
    corpus = unmarked("\n\n".join(bodies[s] for s in SECTION_IDS))
    missing = [c for c in seed_chunks(note) if c not in corpus and c not in EXCEPTIONS]
    assert not missing, "not in the note:\n" + "\n".join(missing)


# --------------------------------------------------------------------------- the tool


def test_tool_has_enough_items(tool):
    assert len(tool.items) >= 40


def test_item_ids_unique(tool):
    ids = [item.id for item in tool.items]
    assert len(ids) == len(set(ids))


def test_item_sources_are_sections(tool):
    for item in tool.items:
        assert item.source in SECTION_IDS, item.id
    for part in tool.parts:
        assert part.source in SECTION_IDS, part.id


def test_item_quotes_are_the_notes_words(tool, bodies):
    for item in tool.items:
        assert item.quote, f"{item.id} has no quote"
        assert fold(item.quote) in fold(bodies[item.source]), f"{item.id}: quote not in {item.source}"


def passages(markdown: str) -> list[str]:
    """The smallest units an item can stand for: list entries, sentences, and the numbered
    elements inside a sentence (the NSOB's "1. het individu: …, 2. de structuur …")."""
    units: list[str] = []
    for block in re.split(r"\n\s*\n", markdown):
        lines = block.splitlines()
        if any(re.match(r"^\s*- ", line) for line in lines):
            units += [unmarked(line) for line in lines if re.match(r"^\s*- ", line)]
            continue
        text = unmarked(block)
        for sentence in re.split(r"(?<=[.?!])[”’]?\s+(?=[“‘]?[A-Z(])", text):
            units += [u.strip() for u in re.split(r"(?=\b\d\. [a-z])", sentence) if u.strip()]
    return units


FACTOR_LISTS = {"waarom": None, "helpt": "Bevorderende factoren", "hindert": "Belemmerende factoren"}
"""Where each part of section 2 finds its factors: the five reasons, or one of the two columns."""


def item_passage(tool, item, body: str) -> str:
    """The one unit of the item's section that its factor (or, without one, its passage) names."""
    part = tool.part_of(item.id)
    if item.factor and part.id in FACTOR_LISTS:
        name, units = item.factor, item_texts(body, FACTOR_LISTS[part.id])
    else:
        name, units = item.factor or item.passage, passages(body)
    assert name, f"{item.id} names neither a factor nor a passage"
    found = [u for u in units if fold(name) in fold(u)]
    assert len(found) == 1, f"{item.id}: {name!r} names {len(found)} passages of {item.source}: {found}"
    return found[0]


def test_passage_splitter_finds_the_units(bodies):
    kortom = passages(bodies["kortom"])
    assert any(u.startswith("1. het individu: personen spelen") for u in kortom)
    assert any(u.startswith("3. het weefsel:") for u in kortom)
    vaardigheid = passages(bodies["vaardigheid"])
    assert "Er zijn verschillende partijen, met hun eigen visies, belangen en ambities." in vaardigheid
    assert "Persoonlijke relatie (samenwerking vergt vertrouwen)" in passages(bodies["factoren"])


def test_every_quote_comes_from_the_passage_its_item_names(tool, bodies):
    """Not just anywhere in the section: inside the factor's entry, or the sentence the passage names."""
    wrong = []
    for item in tool.items:
        unit = item_passage(tool, item, bodies[item.source])
        if fold(item.quote) not in fold(unit):
            wrong.append(f"{item.id}: {item.quote!r} is not in {unit!r}")
        if item.passage and fold(item.passage) not in fold(item.quote):
            wrong.append(f"{item.id}: the quote does not show its passage {item.passage!r}")
    assert not wrong, "\n".join(wrong)


def test_items_of_section_2_name_their_factor(tool):
    for part in tool.parts:
        if part.id in ("waarom", "helpt", "hindert"):
            assert all(item.factor and not item.passage for item in part.items), part.id


def test_known_links_are_right(tool, bodies):
    """The links issue 13 found wrong stay right."""
    assert tool.item("helpt.urgentie").quote == "Ervaren urgentie"
    trust = tool.item("vaardigheid.relatie-vertrouwen")
    assert "vertrouwen" in trust.quote
    assert fold(trust.quote) in fold(bodies[trust.source])


def _factor_matches(factor: str, entry: str) -> bool:
    return fold(factor) in fold(entry)


@pytest.mark.parametrize(
    "part_id, entries",
    [("waarom", REASONS), ("helpt", PROMOTING), ("hindert", OBSTRUCTING)],
)
def test_every_reason_and_factor_has_exactly_one_item(tool, part_id, entries):
    part = next(p for p in tool.parts if p.id == part_id)
    assert len(part.items) == len(entries)
    factors = [item.factor for item in part.items]
    assert all(factors), f"an item of {part_id} has no factor"
    for entry in entries:
        matching = [item.id for item in part.items if _factor_matches(item.factor or "", entry)]
        assert len(matching) == 1, f"{entry!r}: items {matching}"
    for item in part.items:
        matching = [e for e in entries if _factor_matches(item.factor or "", e)]
        assert len(matching) == 1, f"{item.id}: factor {item.factor!r} matches {matching}"
    # and in the note's order
    order = [next(i for i, e in enumerate(entries) if _factor_matches(item.factor or "", e)) for item in part.items]
    assert order == sorted(order)


def test_context_lists_equal_section_1(tool, bodies):
    assert list(tool.context.themes) == item_texts(bodies["themas-en-vormen"], "Samenwerkingsthema’s")
    assert list(tool.context.forms) == item_texts(bodies["themas-en-vormen"], "Samenwerkingsvormen")
    assert list(tool.context.themes) == THEMES
    assert list(tool.context.forms) == FORMS


def test_every_item_in_two_languages(tool):
    for item in tool.items:
        assert item.text.strip(), item.id
        assert (item.text_en or "").strip(), f"{item.id} has no English text"
        assert item.loc("text", "en") == item.text_en


# --------------------------------------------------------------------------- interface strings


def test_strings_have_the_same_keys_in_both_languages():
    strings = load_strings()
    assert set(strings["nl"]) == set(strings["en"])
    assert all(v.strip() for lang in strings.values() for v in lang.values())


def test_every_used_string_key_exists():
    strings = load_strings()
    used: dict[str, str] = {}
    for path in sorted((ROOT / "tui").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        # strings("key"), Reason("key"), and binding descriptions "key.…" (translated at runtime)
        pattern = r"""\b(?:strings|Reason)\(\s*["']([a-z_]+\.[a-z_.0-9]+)["']|["'](key\.[a-z_0-9]+)["']"""
        for call, binding in re.findall(pattern, text):
            used.setdefault(call or binding, str(path.relative_to(ROOT)))
    assert len(used) > 50
    missing = {key: where for key, where in used.items() if key not in strings["nl"] or key not in strings["en"]}
    assert not missing, missing


def test_export_format_names_exist():
    """export_picker builds keys as t(f"export.{fmt}")."""
    from tui.render.export import FORMATS

    strings = load_strings()
    for fmt in FORMATS:
        assert f"export.{fmt}" in strings["nl"]
        assert f"export.{fmt}" in strings["en"]
