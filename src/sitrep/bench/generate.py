"""A seeded generator of large synthetic archives, for benchmarks.

``generate_archive(dest, 5000)`` writes 5,000 report files that look like
the real thing to every part of Sitrep: dated digests from several sources,
a key-developments list, then 5-8 items of 100-300 words, each about one
kind of event (a topic of the taxonomy) in one place of the gazetteer, with
the taxonomy's own trigger phrases, casualty figures, officials, and now and
then an older spelling of a city (Kharkov, Kiev, Odessa). The same seed always
gives the same files, so timings from two machines or two commits compare.

The text is assembled from sentence templates written for this module; it
reads like a wire digest without being one.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass
from pathlib import Path

from sitrep.text import slugify, tokenize

SOURCES = (
    "Frontline Desk", "Eastern Sector Monitor", "Black Sea Watch", "Northern Border Bulletin",
    "Kyiv Evening Brief", "Steppe Dispatch", "Conflict Ledger",
)
START = dt.date(2022, 2, 24)
MIN_ITEMS, MAX_ITEMS = 5, 8
MIN_WORDS, MAX_WORDS = 100, 300

OFFICIALS = (
    "the regional governor", "the head of the city military administration", "Ukraine's General Staff",
    "the Air Force", "a military spokesperson", "the mayor", "the local prosecutor's office",
    "the Interior Ministry", "the emergency service", "the Defence Ministry in Moscow",
    "a brigade press officer", "the State Border Guard Service", "the Foreign Ministry",
    "the operational command", "the energy ministry", "a Ukrainian military intelligence official",
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEAPONS = ("Shahed drones", "glide bombs", "Iskander missiles", "Kh-101 cruise missiles", "artillery",
           "multiple rocket launchers", "FPV drones", "ballistic missiles", "guided aerial bombs", "mortars")
TARGETS = ("an apartment block", "a power substation", "a grain terminal", "a railway depot", "a school",
           "a fuel depot", "a hospital", "private homes", "a bridge", "an industrial site", "a market",
           "a command post", "an ammunition store", "a warehouse", "a gas distribution station")
COUNTRIES = ("Germany", "France", "the United Kingdom", "Poland", "the United States", "Sweden",
             "the Netherlands", "Canada", "Norway", "Denmark", "Japan", "Italy", "Finland", "Czechia")
UNITS = ("the 47th Mechanised Brigade", "the 3rd Assault Brigade", "a marine brigade", "a territorial defence battalion",
         "an airborne assault brigade", "a drone unit", "a border guard detachment", "a National Guard brigade")

# Sentence templates by topic. Slots: {place} {region} {official} {n} {m} {day}
# {weapon} {target} {country} {unit} {phrase} (a trigger phrase of the topic).
TEMPLATES: dict[str, tuple[str, ...]] = {
    "ground-combat": (
        "Russian assault groups pushed toward {place} on {day}, {official} said, and {n} attacks were repelled along the {region} front.",
        "Fighting continued on the outskirts of {place}, where defenders from {unit} held their positions under heavy fire.",
        "Geolocated footage suggested Russian infantry had advanced about {m} kilometres west of {place}.",
        "Ukrainian troops withdrew from two forward positions near {place} to avoid encirclement, {official} said.",
        "Analysts described the {phrase} near {place} as the most intense in weeks.",
    ),
    "strikes": (
        "Russia struck {place} overnight with {weapon}, damaging {target}, {official} said.",
        "The attack on {place} began shortly after midnight and lasted about {m} hours.",
        "Debris from intercepted {weapon} fell on {target} in the {region}, starting a fire that crews put out by morning.",
        "It was the {n}th {phrase} on the city this month, according to {official}.",
        "Ukrainian forces said they had hit {target} near {place} in a long-range strike.",
    ),
    "air-defense": (
        "Air defence units shot down {n} of {m} drones launched overnight, {official} said.",
        "Mobile fire groups worked through the night around {place}, and interceptors were seen over the {region}.",
        "The Air Force said a {phrase} had been used against missiles approaching {place}.",
        "Officials again asked partners for more interceptor missiles to protect {place}.",
    ),
    "civilian-casualties": (
        "At least {n} civilians were killed and {m} injured in {place}, {official} said.",
        "Among the wounded in {place} were two children and an elderly woman, who was taken to hospital in serious condition.",
        "Rescuers pulled survivors from the rubble of {target} in {place} for most of {day}.",
        "The death toll in the {region} rose to {n} after another body was found, officials said.",
    ),
    "military-losses": (
        "Ukraine's General Staff said Russia had lost about {n}0 troops over the past day, figures that cannot be verified independently.",
        "Open-source analysts counted {n} destroyed armoured vehicles near {place} over the week.",
        "A Russian helicopter was shot down over the {region}, {official} said.",
        "Both sides keep their own losses secret; independent counts rely on obituaries and satellite imagery.",
    ),
    "foreign-forces": (
        "North Korean troops were again reported in combat near {place}, {official} said.",
        "Ukrainian intelligence estimated that {n},000 North Korean soldiers remain in Kursk Oblast.",
        "Foreign mercenaries fighting for Russia were captured near {place}, according to {unit}.",
        "Seoul said Pyongyang had sent more artillery shells and soldiers to Russia.",
    ),
    "pows-missing": (
        "Ukraine and Russia exchanged {n} prisoners of war in a swap brokered by the United Arab Emirates.",
        "Families of the missing gathered in {place} to ask for news of soldiers who vanished near the front.",
        "The coordination headquarters for prisoners said {m} bodies had been returned to Ukraine.",
        "Released prisoners described beatings and hunger in Russian detention, {official} said.",
    ),
    "morale-discipline": (
        "Commanders near {place} threatened soldiers who retreated with punishment, intercepted messages suggested.",
        "A military court in the {region} heard {n} cases of desertion this month.",
        "Soldiers from {unit} complained of exhaustion after months without rotation.",
    ),
    "energy-infrastructure": (
        "Power was cut to {n},000 households in the {region} after a strike on energy infrastructure near {place}.",
        "Ukrenergo announced rolling blackouts in {place} and neighbouring districts.",
        "Repair crews restored electricity and heating to most of {place} within {m} hours, {official} said.",
        "The attack damaged a thermal power plant and a gas production facility, {official} said.",
    ),
    "naval": (
        "A naval drone hit a Russian vessel off the coast of Crimea, {official} said.",
        "The Black Sea Fleet moved more ships from Sevastopol to Novorossiysk.",
        "Ukraine's navy said no Russian missile carriers were on duty in the Black Sea on {day}.",
        "Grain ships continued to leave the port of {place} despite the threat of mines.",
    ),
    "diplomacy": (
        "Foreign ministers met in {country} to discuss security guarantees for Ukraine.",
        "President Zelensky held talks with the leader of {country} on a path to a ceasefire.",
        "The Kremlin said it was open to negotiations but repeated its demands on territory.",
        "Diplomats in {country} described the peace talks as slow but not stalled.",
    ),
    "sanctions-economy": (
        "The European Union adopted a new package of sanctions targeting Russia's shadow fleet of tankers.",
        "Russia's central bank raised its key rate again as inflation stayed high.",
        "{country} froze assets linked to Russian banks, its finance ministry said.",
        "Oil export revenues fell by {n} percent, according to an independent estimate.",
    ),
    "military-aid": (
        "{country} announced a military aid package worth {n}0 million euros, including air defence systems and ammunition.",
        "The first deliveries of F-16 fighter jets from {country} arrived, officials said.",
        "Ukraine received {n},000 artillery shells under a joint procurement scheme.",
        "Defence ministers meeting in the Ramstein format pledged more armoured vehicles.",
    ),
    "mobilization": (
        "Parliament debated lowering the mobilisation age, with no vote expected soon.",
        "Recruitment centres in {place} were accused of detaining men in the street.",
        "The government extended martial law and general mobilisation for another 90 days.",
        "Russia continued its hidden mobilisation, offering large signing bonuses in the {region}.",
    ),
    "war-crimes": (
        "Prosecutors opened an investigation into the execution of captured soldiers near {place}.",
        "Investigators documented the torture of civilians during the occupation of {place}.",
        "The International Criminal Court was handed new evidence of deportations of children.",
    ),
    "occupation": (
        "In occupied {place}, residents were pressed to take Russian passports to keep their jobs.",
        "Occupation authorities in the {region} announced new property seizures.",
        "Schools in occupied areas switched to a Russian curriculum, local activists said.",
    ),
    "nuclear-safety": (
        "The Zaporizhzhia nuclear power plant lost its last backup power line for {m} hours.",
        "IAEA inspectors reported explosions near the plant and called for restraint.",
        "Drones struck close to the site of a nuclear facility, the agency said.",
    ),
    "humanitarian": (
        "Authorities ordered the evacuation of families with children from villages near {place}.",
        "Aid convoys delivered food, water and medicine to {place}, {official} said.",
        "About {n},000 people have left the {region} since the start of the month, the UN said.",
    ),
    "politics-command": (
        "President Zelensky replaced the commander of the {region} operational group.",
        "The defence minister announced changes to the command structure of the army.",
        "A new commander was appointed to lead forces in the {place} sector, {official} said.",
    ),
}
FILLER = (
    "The claims could not be independently verified.",
    "{official} gave no further details.",
    "The situation around {place} has worsened steadily since the autumn.",
    "{place} lies about {m}0 kilometres from the front line.",
    "Before the full-scale invasion, {place} was home to about {n},000 people.",
    "Russian officials did not comment on the report.",
    "Local residents said the sound of explosions had become a daily routine.",
    "The Institute for the Study of War said the gains were tactically significant but slow.",
    "Satellite images taken on {day} showed fresh damage across the area.",
    "Ukrainian and Russian accounts of the fighting differed sharply.",
    "Officials urged residents of the {region} to stay close to shelters.",
)
HEADLINES: dict[str, tuple[str, ...]] = {
    "ground-combat": ("Russian forces press toward {place}", "Fighting intensifies near {place}", "Ukrainian units hold the line at {place}"),
    "strikes": ("{weapon_cap} strike {place}", "Overnight attack damages {target} in {place}", "Russia hits {place} again"),
    "air-defense": ("Air defence downs {n} drones over {region}", "Interceptors protect {place} overnight"),
    "civilian-casualties": ("{n} killed in attack on {place}", "Civilians killed and wounded in {place}"),
    "military-losses": ("Russian losses mount near {place}", "Armour losses counted near {place}"),
    "foreign-forces": ("North Korean troops reported near {place}", "Foreign fighters captured near {place}"),
    "pows-missing": ("Prisoner exchange returns {n} Ukrainians", "Families of the missing rally in {place}"),
    "morale-discipline": ("Commanders near {place} threaten retreating soldiers", "Desertion cases rise in {region}"),
    "energy-infrastructure": ("Blackouts in {place} after strike on energy grid", "Power restored in {place}"),
    "naval": ("Naval drone hits Russian vessel", "Black Sea Fleet shifts ships east"),
    "diplomacy": ("Talks in {country} on security guarantees", "Zelensky meets leader of {country}"),
    "sanctions-economy": ("New sanctions target Russian oil", "{country} freezes Russian assets"),
    "military-aid": ("{country} pledges new aid package", "New air defence systems arrive from {country}"),
    "mobilization": ("Mobilisation debate continues", "Recruitment practices in {place} questioned"),
    "war-crimes": ("Investigation opened into executions near {place}", "Evidence of torture in {place}"),
    "occupation": ("Passport pressure in occupied {place}", "Property seizures in occupied {region}"),
    "nuclear-safety": ("Zaporizhzhia plant loses backup power", "IAEA warns of explosions near plant"),
    "humanitarian": ("Families evacuated from villages near {place}", "Aid reaches {place}"),
    "politics-command": ("New commander for the {place} sector", "Command changes in {region}"),
}


@dataclass(slots=True)
class _World:
    """What reports are written about: places by theatre, topics, spellings."""

    places: list  # gazetteer places worth a report
    weights: list[float]
    topics: dict[str, list[str]]  # topic slug -> trigger phrases of two or more words
    spellings: dict[str, list[str]]  # place name -> older spellings readers still use


def _world(data_dir: Path, cache_dir: Path | None) -> _World:
    from sitrep.search.alias_cache import load_aliases
    from sitrep.tagging.gazetteer import load_gazetteer
    from sitrep.tagging.taxonomy import load_taxonomy

    taxonomy = load_taxonomy(data_dir)
    gazetteer = load_gazetteer(data_dir, cache_dir, set(taxonomy.theatres))
    places = [p for p in gazetteer.places
              if p.country in ("UA", "RU") and p.kind != "feature" and (p.population >= 5000 or p.prefer)]
    places.sort(key=lambda p: p.slug)
    weights = [math.log10(max(p.population, 1000)) ** 3 * (4 if p.country == "UA" else 1) for p in places]
    topics = {slug: sorted(ph for ph in t.phrases if len(tokenize(ph)) >= 2 and t.phrases[ph] > 0)
              for slug, t in taxonomy.topics.items()}
    aliases = load_aliases(data_dir, cache_dir)
    big = {p.name.casefold(): p.name for p in places if p.population >= 100_000}
    spellings: dict[str, list[str]] = {}
    for spelling, target in sorted(aliases.items()):
        if spelling.isascii() and spelling.isalpha() and target in big:
            spellings.setdefault(big[target], []).append(spelling.capitalize())
    return _World(places, weights, topics, spellings)


def _fill(template: str, rng: random.Random, place, world: _World, topic: str) -> str:
    name = place.name
    if world.spellings.get(name) and rng.random() < 0.12:
        name = rng.choice(world.spellings[name])
    phrases = world.topics.get(topic) or ["attack"]
    weapon = rng.choice(WEAPONS)
    return template.format(
        place=name, region=place.region_name, official=rng.choice(OFFICIALS), n=rng.randint(2, 60),
        m=rng.randint(2, 12), day=rng.choice(DAYS), weapon=weapon, weapon_cap=weapon[:1].upper() + weapon[1:],
        target=rng.choice(TARGETS), country=rng.choice(COUNTRIES), unit=rng.choice(UNITS),
        phrase=rng.choice(phrases),
    )


def _capital(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]


def _item(rng: random.Random, world: _World) -> tuple[str, str]:
    """(headline, body) of one item."""
    topic = rng.choice(sorted(TEMPLATES))
    place = rng.choices(world.places, weights=world.weights)[0]
    second = rng.choice(sorted(TEMPLATES))
    headline = _capital(_fill(rng.choice(HEADLINES[topic]), rng, place, world, topic))
    target = rng.randint(MIN_WORDS, MAX_WORDS - 30)
    paragraphs, words, pool = [], 0, []
    while words < target:
        para = []
        for _ in range(rng.randint(2, 4)):
            if not pool:  # each sentence once before any repeats
                pool = list(TEMPLATES[topic]) + list(TEMPLATES[second])[:2] + rng.sample(FILLER, 3)
                rng.shuffle(pool)
            sentence = _capital(_fill(pool.pop(), rng, place, world, topic))
            para.append(sentence)
            words += len(sentence.split())
            if words >= target:
                break
        paragraphs.append(" ".join(para))
    return headline, "\n\n".join(paragraphs)


def _report(rng: random.Random, world: _World, date: dt.date, source: str) -> str:
    items, seen = [], set()
    count = rng.randint(MIN_ITEMS, MAX_ITEMS)
    while len(items) < count:
        headline, body = _item(rng, world)
        if slugify(headline) in seen:
            continue  # item ids must be unique within a report
        seen.add(slugify(headline))
        items.append((headline, body))
    lines = [
        f"Title: {source} digest, {date.day} {date:%B %Y}",
        f"Date: {date.isoformat()}",
        f"Source: {source}",
        f"Source_URL: https://{slugify(source)}.example/digest/{date.isoformat()}",
        f"Summary: {items[0][0]}; {items[1][0]}.",
        "",
        "## Key developments",
        *[f"- {h}" for h, _ in items],
        "",
    ]
    for headline, body in items:
        lines += [f"## {headline}", "", body, ""]
    return "\n".join(lines)


def generate_archive(dest: Path, n_reports: int, seed: int = 1, data_dir: Path = Path("data"),
                     cache_dir: Path | None = None) -> list[Path]:
    """Write ``n_reports`` report files under ``dest``/reports/<year>/; returns their paths.

    Reports are spread over consecutive days from 24 February 2022, one per
    source per day at most, so report slugs never collide."""
    rng = random.Random(seed)
    world = _world(Path(data_dir), Path(cache_dir) if cache_dir else None)
    paths = []
    for i in range(n_reports):
        date = START + dt.timedelta(days=i // len(SOURCES))
        source = SOURCES[i % len(SOURCES)]
        path = Path(dest) / "reports" / str(date.year) / f"{date.isoformat()}-{slugify(source)}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_report(rng, world, date, source), encoding="utf-8")
        paths.append(path)
    return paths
