"""Content tests for the bundled study pack "Stalin's Foreign Policy, 1928–53".

The pack is built from a student's revision notes (a verbatim copy lives in
tests/data/seed_notes.txt). These tests check that nothing from the notes has been dropped,
that every date is valid EDTF consistent with its label, and that every cross-reference
resolves. They use only json, jsonschema and edtf, not the application code.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import edtf
import jsonschema
import pytest

ROOT = Path(__file__).resolve().parents[2]
PACK_PATH = ROOT / "data" / "packs" / "stalin-foreign-policy.json"
SCHEMA_PATH = ROOT / "data" / "pack.schema.json"
NOTES_PATH = ROOT / "tests" / "data" / "seed_notes.txt"

ADVICE = (
    "You should also have class notes and handouts on these topics, which you need to use "
    "to build up your analysis here!"
)

# The notes' "Key dates" list, in order, typeset (en dashes for ranges).
EXPECTED_KEY_DATE_LABELS = [
    "1914",
    "1917 (February and October)",
    "1918",
    "1919",
    "1920",
    "1922",
    "1924",
    "1925",
    "1926",
    "1928",
    "1929",
    "1931",
    "1933",
    "1932–33",
    "1934",
    "1934",
    "1935",
    "1935",
    "1935",
    "1935",
    "1936",
    "1936",
    "1936",
    "1938",
    "1938",
    "1939",
]

# Key dates that the seed README's table of the standard record dates precisely.
EXPECTED_KEY_DATE_DATES = {
    "russian-revolutions": "{1917-03-08,1917-11-07}",
    "comintern-founded": "1919-03-02/1919-03-06",
    "rapallo-treaty": "1922-04-16",
    "zinoviev-letter": "1924-10-25",
    "locarno-treaties": "1925-12-01",
    "germany-joins-league": "1926-09-08",
    "first-five-year-plan": "1928-10-01",
    "wall-street-crash": "1929-10-24/1929-10-29",
    "manchurian-crisis": "1931-09-18",
    "hitler-comes-to-power": "1933-01-30",
    "soviet-non-aggression-pacts": "1932/1933",
    "ussr-joins-league": "1934-09-18",
    "stresa-front": "1935-04-14",
    "anglo-german-naval-agreement": "1935-06-18",
    "alliances-france-czechoslovakia": "{1935-05-02,1935-05-16}",
    "abyssinian-crisis": "1935-10-03",
    "spanish-civil-war": "1936-07-17",
    "anti-comintern-pact": "1936-11-25",
    "rhineland-remilitarisation": "1936-03-07",
    "anschluss": "1938-03-12",
    "munich-conference": "1938-09-29/1938-09-30",
    "nazi-soviet-pact": "1939-08-23",
    # No precise date in the record table: honest year precision, no invented day.
    "ww1-outbreak": "1914",
    "russian-civil-war": "1918",
    "refused-league-membership": "1920",
    "great-purges": "1934",
}

# Events the notes mention outside the key-dates list: key -> (EDTF date, date label).
EXPECTED_OTHER_EVENTS = {
    "brest-litovsk": ("1918-03-03", "1918"),
    "czechoslovakia-occupied": ("1939-03-15", "1939"),
    "anglo-french-soviet-talks": ("1939-04/1939-08", "1939"),
    "molotov-replaces-litvinov": ("1939-05-03", "1939"),
    "red-army-eastern-poland": ("1939-09-17", "1939"),
    "operation-barbarossa": ("1941-06-22", "1941"),
    "state-committee-of-defence": ("1941-06-30", "June 1941"),
    "lend-lease-ussr": ("1941-22", "Summer 1941"),
    "stalingrad": ("1942-08-23/1943-02-02", "1942–43"),
    "axis-defeat-north-africa": ("1943-05-13", "1943"),
    "sicily-invasion": ("1943-07-10", "1943"),
    "yalta-conference": ("1945-02-04/1945-02-11", "1945"),
    "atomic-diplomacy": ("1945-08-06", "1945"),
    "satellite-states": ("1946/1947", "1946–47"),
    "greek-civil-war": ("1945/1949", "1945–49"),
    "truman-doctrine": ("1947-03-12", "March 1947"),
    "berlin-blockade": ("1948-06-24/1949-05-12", "1948–49"),
    "death-of-stalin": ("1953-03-05", "1953"),
}

EXPECTED_PERIODS = [
    ("aims-and-methods", "1928/1933"),
    ("phase-1", "1932/1937"),
    ("phase-2", "1938/1939-08"),
    ("phase-3", "1939-08-23/1941-06-22"),
    ("great-patriotic-war", "1941-06-22/1945-05-09"),
    ("cold-war-origins", "1945/1953-03-05"),
]

EXPECTED_QUESTIONS = {
    "specimen-stalin-cold-war": (
        "Specimen",
        "To what extent",
        "To what extent was Stalin responsible for the break-up of the Second World War "
        "alliance, and the early stages of the Cold War?",
    ),
    "nov-2008-inconsistent": (
        "Nov 2008",
        "To what extent",
        "To what extent do you agree that Stalin's foreign policy between 1928 and 1953 was "
        "inconsistent and unfocused?",
    ),
    "may-2007-hitler-stalin": (
        "May 2007",
        "Compare and contrast",
        "Compare and contrast the foreign policies of Hitler and Stalin in Europe, up to the "
        "invasion of Russia in 1941.",
    ),
}

EXPECTED_FACTORS = [
    ("factor-centralised-economy", "economy"),
    ("factor-state-committee-of-defence", "leadership-and-state"),
    ("factor-propaganda-church", "people-and-propaganda"),
    ("factor-german-mistakes", "enemy-mistakes"),
    ("factor-general-winter", "geography-and-climate"),
    ("factor-size-of-ussr", "geography-and-climate"),
    ("factor-lend-lease", "allied-aid"),
    ("factor-north-africa-sicily", "allied-aid"),
]

EXPECTED_CHECK_NOTES = {
    "hitler-comes-to-power": ["26 January 1934"],
    "zinoviev-letter": ["25 October 1924", "1927"],
    "anti-comintern-pact": ["25 November 1936", "6 November 1937"],
    # issue 7: the student's claims stay as written; the check gives the record
    "great-purges": ["1 December 1934", "1936–38"],
    "lend-lease-ussr": ["1 October 1941", "November 1941"],
}

# Slips in the source notes that must not survive anywhere in the pack (regex, case-sensitive).
SPELLING_SLIPS = [
    r"Comitern",
    r"Facist",
    r"nivasion",
    r"Cirsis",
    r"Remilitri[sz]ation",
    r"biffer",
    r"realtions",
    r"boarders",
    r"thorugh",
    r"whihc",
    r"Presdent",
    r"authoirty",
    r"recieved",
    r"substancial",
    r"equippment",
    r"owuld",
    r"ultimtely",
    r"timepreiod",
    r"Germn\b",
    r"\babd\b",
    r"\bThr\b",
    r"\ba s\b",
    r"\bHitle\b",
    r"\buSSR\b",
    r"\bleningrad\b",
    r"\bberlin\b",
    r"\bwehrmacht\b",
    r"\bgreek\b",
    r"february and october",
    r"must made",
    r"Brest Litovsk",
    r"\s{2,}",
    r"(?i)comitern",
    r"(?i)facist",
]

STOPWORDS = {
    "about",
    "after",
    "against",
    "also",
    "among",
    "another",
    "because",
    "being",
    "between",
    "could",
    "during",
    "every",
    "first",
    "from",
    "have",
    "however",
    "into",
    "large",
    "made",
    "many",
    "more",
    "much",
    "other",
    "should",
    "since",
    "some",
    "such",
    "than",
    "that",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "thorugh",
    "under",
    "until",
    "very",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "with",
    "would",
}


@pytest.fixture(scope="module")
def pack() -> dict[str, Any]:
    return json.loads(PACK_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def notes() -> str:
    return NOTES_PATH.read_text(encoding="utf-8")


def walk_sections(sections: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for section in sections:
        yield section
        yield from walk_sections(section.get("sections", []))


def all_items(pack: dict[str, Any]) -> list[dict[str, Any]]:
    return [item for s in walk_sections(pack["note_sections"]) for item in s["items"]]


def section_by_key(pack: dict[str, Any], key: str) -> dict[str, Any]:
    matches = [s for s in walk_sections(pack["note_sections"]) if s["key"] == key]
    assert len(matches) == 1, f"expected exactly one section {key!r}"
    return matches[0]


# Fields that hold identifiers (kebab-case keys, enum values), not prose.
ID_FIELDS = {"key", "id", "quote", "period", "events", "type", "category", "side", "kind"}


def all_strings(node: Any) -> Iterator[str]:
    """Every prose string in the pack (identifier fields skipped)."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for field, value in node.items():
            if field not in ID_FIELDS:
                yield from all_strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from all_strings(value)


def strict_years(date: str) -> tuple[int, int]:
    parsed = edtf.parse_edtf(date)
    return parsed.lower_strict().tm_year, parsed.upper_strict().tm_year


def strict_bounds(date: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    parsed = edtf.parse_edtf(date)
    return tuple(parsed.lower_strict())[:3], tuple(parsed.upper_strict())[:3]


def label_years(label: str) -> tuple[int, int]:
    """The first and last year a date label covers: '1932–33' -> (1932, 1933)."""
    years: list[int] = []
    for match in re.finditer(r"(\d{4})(?:–(\d{2}))?", label):
        start = int(match.group(1))
        years.append(start)
        if match.group(2):
            years.append(start // 100 * 100 + int(match.group(2)))
    assert years, f"no year in date label {label!r}"
    return min(years), max(years)


def normalise(text: str) -> str:
    return text.replace("\u2019", "'").replace("\u2018", "'")


def words(text: str) -> set[str]:
    tokens = re.findall(r"[a-z]+", text.lower())
    return {t for t in tokens if len(t) >= 4 and t not in STOPWORDS}


def note_bullets(notes: str) -> list[str]:
    """Bullet lines of the notes after the past questions ('•' or '-' after whitespace).

    A long quotation inside a bullet (8+ words) is split off, with its attribution, as a
    fragment of its own: the pack holds such quotes as separate "quote" items.
    """
    body = notes.split("Key dates:", 1)[1]
    lines = [
        line.strip().lstrip("•-").strip()
        for line in body.splitlines()
        if re.match(r"^\s*[•-]\s", line)
    ]
    # A free-standing line in Phase 3 that is an item too.
    lines += [
        line.strip() for line in body.splitlines() if line.startswith("In 1939, the Red Army")
    ]
    fragments: list[str] = []
    for line in lines:
        quote = re.search(r'"[^"]*"', line)
        if quote and len(quote.group().split()) >= 8:
            before, rest = line[: quote.start()], line[quote.start() :]
            fragments += [part for part in (before, rest) if len(words(part)) >= 3]
        else:
            fragments.append(line)
    return fragments


# --------------------------------------------------------------------------- structure


def test_schema_valid(pack: dict[str, Any]) -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(pack)


def test_pack_metadata(pack: dict[str, Any]) -> None:
    meta = pack["pack"]
    assert meta["id"] == "stalin-foreign-policy"
    assert meta["version"] == "1.1.0"  # 1.1.0 added the key terms
    assert meta["title"] == "Stalin's Foreign Policy, 1928–53"
    assert meta["exam"] == "IB History"
    assert meta["paper"] == "Paper 3"
    assert meta["period_label"] == "1928–53"
    assert meta["page_refs"] == "pp. 128–135, 139–140"
    assert "revision notes" in meta["source"]
    assert meta["advice"] == ADVICE
    schools = {h["key"]: h["school"] for h in pack["historians"]}
    assert schools == {"kennan": "traditionalist", "williams": "revisionist",
                       "gaddis": "post-revisionist"}  # fmt: skip


def test_periods(pack: dict[str, Any]) -> None:
    assert [(p["key"], p["date"]) for p in pack["periods"]] == EXPECTED_PERIODS
    for period in pack["periods"]:
        assert period["title"].strip()
        assert period.get("summary", "").strip()


def test_note_section_tree(pack: dict[str, Any]) -> None:
    top = pack["note_sections"]
    assert [s["key"] for s in top] == [
        "pre-war",
        "great-patriotic-war",
        "cold-war-origins",
        "exam-advice",
    ]
    assert [s["key"] for s in top[0]["sections"]] == [
        "aims-and-methods",
        "phase-1",
        "phase-2",
        "phase-3",
        "key-successes",
        "key-failures",
    ]
    assert top[0]["title"] == "Foreign policy before the Second World War, up to 1939"
    assert top[1]["title"] == "Winning the Great Patriotic War, 1941–45"
    assert top[2]["title"] == (
        "Foreign policy after the Second World War: the origins of the Cold War"
    )
    period_keys = {p["key"] for p in pack["periods"]}
    for key in period_keys:
        assert section_by_key(pack, key).get("period") == key

    gpw = section_by_key(pack, "great-patriotic-war")["items"]
    assert [i.get("kind") for i in gpw] == ["question"] + ["point"] * 8

    cold_war = section_by_key(pack, "cold-war-origins")["items"]
    kinds = Counter(i.get("kind") for i in cold_war)
    assert kinds == {"question": 4, "point": 5, "quote": 1}
    texts = [i["text"] for i in cold_war if i.get("kind") == "question"]
    assert "What factors influenced Stalin's foreign policy from 1945?" in texts
    assert "What were his key aims and policies?" in texts
    assert "To what extent should Stalin be blamed for the onset of the Cold War?" in texts
    assert any(t.startswith("Historiography") and "borders" in t for t in texts)

    phase_3 = section_by_key(pack, "phase-3")["items"]
    assert any("Red Army invades" in i["text"] for i in phase_3)
    phase_1 = section_by_key(pack, "phase-1")
    lead = phase_1.get("intro", "") + phase_1["items"][0]["text"]
    assert "Japanese invasion of Manchuria (1931)" in lead


# --------------------------------------------------------------------------- events


def test_key_dates_in_notes_order(pack: dict[str, Any], notes: str) -> None:
    key_events = [e for e in pack["events"] if e.get("key_date")]
    assert [e["date_label"] for e in key_events] == EXPECTED_KEY_DATE_LABELS
    # Key dates come first, in the notes' order.
    assert pack["events"][: len(key_events)] == key_events

    # Cross-check against the notes themselves: same years, same order.
    block = notes.split("Key dates:", 1)[1].split("Foreign Policy pre-WW2", 1)[0]
    note_years = [
        (m.group(1), m.group(2))
        for m in (re.match(r"^(\d{4})(?:-(\d{2}))?-\s", line) for line in block.splitlines())
        if m
    ]
    assert len(note_years) == 26
    for (year, end), label in zip(note_years, EXPECTED_KEY_DATE_LABELS, strict=True):
        assert label.startswith(f"{year}–{end}" if end else year)

    for key, date in EXPECTED_KEY_DATE_DATES.items():
        event = next(e for e in key_events if e["key"] == key)
        assert event["date"] == date, key
    revolutions = next(e for e in key_events if e["key"] == "russian-revolutions")
    assert revolutions["old_style"] == "23 February and 25 October 1917 (Old Style)"


def test_other_events_present(pack: dict[str, Any]) -> None:
    events = {e["key"]: e for e in pack["events"]}
    for key, (date, label) in EXPECTED_OTHER_EVENTS.items():
        assert key in events, f"missing event {key!r}"
        assert events[key]["date"] == date, key
        assert events[key]["date_label"] == label, key
        assert events[key].get("key_date") is False, key
    assert len(pack["events"]) == 26 + len(EXPECTED_OTHER_EVENTS)


def test_event_fields(pack: dict[str, Any]) -> None:
    page_refs = {"pp. 128–131", "pp. 132–135", "pp. 139–140"}
    for event in pack["events"]:
        description = event.get("description", "")
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", description.strip()) if s]
        assert 1 <= len(sentences) <= 3, event["key"]
        assert event["title"].strip()
        if "page_ref" in event:
            assert event["page_ref"] in page_refs, event["key"]


def test_edtf_dates_parse_and_fit_labels(pack: dict[str, Any]) -> None:
    periods = {p["key"]: strict_bounds(p["date"]) for p in pack["periods"]}
    for event in pack["events"]:
        low, high = strict_years(event["date"])
        first, last = label_years(event["date_label"])
        assert first <= low <= high <= last, (event["key"], event["date"], event["date_label"])
        if "period" in event:
            p_low, p_high = periods[event["period"]]
            e_low, e_high = strict_bounds(event["date"])
            # The event must overlap its period (a season may start before a band does).
            assert e_low <= p_high and p_low <= e_high, (event["key"], event["period"])
    for quote in pack["quotes"]:
        if "date" in quote:
            edtf.parse_edtf(quote["date"])


def test_check_notes(pack: dict[str, Any]) -> None:
    with_notes = {e["key"]: e["check_note"] for e in pack["events"] if e.get("check_note")}
    assert set(with_notes) == set(EXPECTED_CHECK_NOTES)
    for key, fragments in EXPECTED_CHECK_NOTES.items():
        assert with_notes[key].startswith("Check:"), key
        for fragment in fragments:
            assert fragment in with_notes[key], (key, fragment)


# --------------------------------------------------------------------------- other content


def test_questions(pack: dict[str, Any]) -> None:
    questions = {q["key"]: q for q in pack["questions"]}
    assert list(questions) == list(EXPECTED_QUESTIONS)
    for key, (source, command_term, text) in EXPECTED_QUESTIONS.items():
        question = questions[key]
        assert question["source"] == source
        assert question["command_term"] == command_term
        assert question["paper"] == "Paper 3"
        assert normalise(question["text"]) == text
        assert "judgement" not in question


def test_specimen_argument_table(pack: dict[str, Any]) -> None:
    questions = {q["key"]: q for q in pack["questions"]}
    points = questions["specimen-stalin-cold-war"]["points"]
    sides = Counter(p["side"] for p in points)
    assert sides == {"for": 2, "against": 3}
    for point in points:
        assert point["claim"].strip() and point["explanation"].strip()
        assert 1 <= point.get("weight", 3) <= 5
        types = {e["type"] for e in point["evidence"]}
        assert {"event", "note_item"} <= types, point["key"]
    berlin = next(p for p in points if "Berlin" in p["claim"])
    assert berlin["side"] == "for"
    assert {"type": "quote", "key": "soviet-representative-berlin-1948"} in berlin["evidence"]



def test_past_question_starters(pack: dict[str, Any]) -> None:
    """Nov 2008: security the constant aim against the three phases; May 2007: the Soviet side
    from the notes, the German side left for the student."""
    questions = {q["key"]: q for q in pack["questions"]}
    nov = questions["nov-2008-inconsistent"]["points"]
    assert Counter(p["side"] for p in nov) == {"for": 4, "against": 3}
    cited = {e["key"] for p in nov for e in p["evidence"]}
    assert {"aims-security", "phase-1-lead", "phase-2-munich", "phase-3-pact-signed"} <= cited
    may = questions["may-2007-hitler-stalin"]["points"]
    assert {p["side"] for p in may} == {"similarity", "difference"}
    for point in may:
        assert point["explanation"].startswith("Stalin: ")
        assert point["explanation"].endswith("Hitler: fill this in from your class notes.")


def test_factors(pack: dict[str, Any]) -> None:
    factors = pack["factors"]
    assert [(f["key"], f["category"]) for f in factors] == EXPECTED_FACTORS
    for factor in factors:
        assert "importance" not in factor
        assert factor["title"].strip() and factor["explanation"].strip()
        assert any(e["type"] == "note_item" for e in factor.get("evidence", []))
    scd = factors[1]
    assert {"type": "event", "key": "state-committee-of-defence"} in scd["evidence"]


def test_quotes(pack: dict[str, Any]) -> None:
    quotes = {q["key"]: q for q in pack["quotes"]}
    assert set(quotes) == {"stalin-fifty-to-a-hundred-years", "soviet-representative-berlin-1948"}
    stalin = quotes["stalin-fifty-to-a-hundred-years"]
    assert stalin["speaker"] == "Stalin" and stalin["date"] == "1931"
    assert stalin["text"].startswith("We are fifty to a hundred years behind")
    assert "in ten years" in stalin["text"] and "they crush us" in stalin["text"]
    berlin = quotes["soviet-representative-berlin-1948"]
    assert berlin["speaker"] == "Soviet representative" and berlin["date"] == "1948"
    assert "administrative and economic sanctions" in berlin["text"]
    assert "Soviet occupation zone" in berlin["text"]
    quoted = {i["quote"] for i in all_items(pack) if i.get("kind") == "quote"}
    assert quoted == set(quotes)


def test_page_refs(pack: dict[str, Any]) -> None:
    assert section_by_key(pack, "pre-war")["page_ref"] == "pp. 128–131"
    assert section_by_key(pack, "great-patriotic-war")["page_ref"] == "pp. 132–135"
    assert section_by_key(pack, "cold-war-origins")["page_ref"] == "pp. 139–140"
    advice = section_by_key(pack, "exam-advice")
    assert advice["page_ref"] == "pp. 128–135, 139–140"
    assert any("pp. 128–135, 139–140" in i["text"] for i in advice["items"])


def test_advice(pack: dict[str, Any]) -> None:
    items = section_by_key(pack, "exam-advice")["items"]
    assert any(i["text"] == ADVICE and i.get("kind") == "advice" for i in items)


# --------------------------------------------------------------------------- integrity


def test_keys_unique(pack: dict[str, Any]) -> None:
    period_keys = {p["key"] for p in pack["periods"]}
    sections = list(walk_sections(pack["note_sections"]))
    # A note section may share its key with the period it covers, and nothing else may.
    for section in sections:
        if section["key"] in period_keys:
            assert section.get("period") == section["key"]
    keys = [p["key"] for p in pack["periods"]]
    keys += [s["key"] for s in sections if s["key"] not in period_keys]
    keys += [e["key"] for e in pack["events"]]
    keys += [i["key"] for i in all_items(pack)]
    keys += [q["key"] for q in pack["quotes"]]
    keys += [f["key"] for f in pack["factors"]]
    keys += [h["key"] for h in pack["historians"]]
    keys += [q["key"] for q in pack["questions"]]
    keys += [p["key"] for q in pack["questions"] for p in q.get("points", [])]
    duplicates = [k for k, n in Counter(keys).items() if n > 1]
    assert not duplicates
    section_keys = [s["key"] for s in sections]
    assert len(section_keys) == len(set(section_keys))


def test_references_resolve(pack: dict[str, Any]) -> None:
    targets = {
        "event": {e["key"] for e in pack["events"]},
        "note_item": {i["key"] for i in all_items(pack)},
        "quote": {q["key"] for q in pack["quotes"]},
        "historian": {h["key"] for h in pack["historians"]},
    }
    periods = {p["key"] for p in pack["periods"]}
    for event in pack["events"]:
        if "period" in event:
            assert event["period"] in periods, event["key"]
    for section in walk_sections(pack["note_sections"]):
        if "period" in section:
            assert section["period"] in periods, section["key"]
        for item in section["items"]:
            for key in item.get("events", []):
                assert key in targets["event"], (item["key"], key)
            if "quote" in item:
                assert item["quote"] in targets["quote"], item["key"]
    evidence = [e for f in pack["factors"] for e in f.get("evidence", [])]
    evidence += [
        e for q in pack["questions"] for p in q.get("points", []) for e in p.get("evidence", [])
    ]
    for ref in evidence:
        assert ref["key"] in targets[ref["type"]], ref


def test_no_spelling_slips(pack: dict[str, Any]) -> None:
    text = "\n".join(all_strings(pack))
    for slip in SPELLING_SLIPS:
        assert not re.search(slip, text), slip


def test_every_bullet_is_an_item(pack: dict[str, Any], notes: str) -> None:
    bullets = note_bullets(notes)
    assert len(bullets) == 36
    items = all_items(pack)
    item_words = [(i["key"], words(i["text"])) for i in items]
    matched: list[str] = []
    for bullet in bullets:
        wanted = words(bullet)
        assert len(wanted) >= 3, bullet
        key, found = max(
            ((key, len(wanted & have)) for key, have in item_words), key=lambda kv: kv[1]
        )
        assert found / len(wanted) >= 0.6, (bullet, key, found, len(wanted))
        matched.append(key)
    # Each bullet maps to its own item, so dropping one cannot be hidden by a neighbour.
    assert len(set(matched)) == len(matched), Counter(matched).most_common(3)


# --------------------------------------------------------------------------- issue 7: notes

EXPECTED_ITEM_CHECK_NOTES = {
    "gpw-north-africa-sicily": ("Stalingrad", ["2 February 1943", "13 May 1943", "10 July 1943"]),
    "gpw-lend-lease": ("in the summer of 1941", ["1 October 1941", "November 1941"]),
    "cold-war-expansionism": ("through the work of the Comintern",
                              ["May 1943", "Cominform", "September 1947"]),
}


def _all_items(sections: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for section in sections:
        found |= {item["key"]: item for item in section["items"]}
        found |= _all_items(section.get("sections", []))
    return found


def test_item_check_notes_keep_the_claim_and_give_the_record(pack: dict[str, Any]) -> None:
    items = _all_items(pack["note_sections"])
    with_notes = {key for key, item in items.items() if item.get("check_note")}
    assert with_notes == set(EXPECTED_ITEM_CHECK_NOTES)
    for key, (claim, fragments) in EXPECTED_ITEM_CHECK_NOTES.items():
        assert claim in items[key]["text"], key  # the student's words are not corrected
        assert items[key]["check_note"].startswith("Check:"), key
        for fragment in fragments:
            assert fragment in items[key]["check_note"], (key, fragment)


def test_items_that_name_a_dated_event_link_to_it(pack: dict[str, Any]) -> None:
    items = _all_items(pack["note_sections"])
    expected = {
        "aims-modernise-industrialise": "first-five-year-plan",
        "cold-war-expansionism": "comintern-founded",
        "cold-war-rebuilding": "operation-barbarossa",
        "gpw-north-africa-sicily": "sicily-invasion",
    }
    for key, event in expected.items():
        assert event in items[key].get("events", []), (key, event)
