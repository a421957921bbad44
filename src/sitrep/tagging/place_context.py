"""The word lists of the place-context rules (data/gazetteer/context.toml) as sets.

The gazetteer compiler reads and checks context.toml (gazetteer_files.py) and keeps the
folded lists in the compiled gazetteer; the tagger turns them into sets once, here, so
each rule of place_roles.py and capitals.py is one look-up per word.
"""

from __future__ import annotations

from sitrep.tagging.aboutness import MONTHS
from sitrep.text import stem, tokenize

CALENDAR_WORDS = frozenset(MONTHS) | frozenset(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))


class ContextRules:
    """The word lists of data/gazetteer/context.toml as sets."""

    def __init__(self, context: dict):
        names, met, cap = context["names"], context["metonymy"], context["capitals"]
        self.name_after = frozenset(names["after"])
        self.name_after_hyphen = frozenset(names["hyphen_after"])
        self.name_after_capitalised = frozenset(names["after_capitalised"])
        self.not_village_before = frozenset(names["kit"] + names["areas"])  # "Kalibr missiles", "Kupianska hromada"
        self.name_before = frozenset(names["before"])
        self.name_before_hyphen = frozenset(names["hyphen_before"])
        self.name_before_of = frozenset(names["before_of"])
        self.titles = frozenset(names["titles"])
        self.vessels = frozenset(names["vessels"])
        self.place_nouns = frozenset(names["place_nouns"])
        self.name_after_sea = tuple(tuple(t.text for t in tokenize(p)) for p in names["after_sea"])
        self.allowed_before = frozenset(names["allowed_before"])
        self.allowed_after = frozenset(names["allowed_after"])
        self.sites_after = frozenset(tuple(p.split()) for p in names["sites_after"])
        self.given_names = frozenset(names["given_names"])
        self.renames = [tuple(p.split()) for p in names["renames"]]
        self.rename_fillers = frozenset(names["rename_fillers"])
        self.rename_verbs = frozenset(names["rename_verbs"])
        self.named_throughout = frozenset(names["named_throughout"])
        self.named_parts = frozenset(names["named_parts"])
        self.centres = frozenset(names["centres"])
        self.town_before = frozenset(context["features"]["town_before"])
        self.town_parts = frozenset(context["features"]["town_parts"])
        # words that stand before or after a place name (Russian, Northern; City, Oblast) are
        # never the name of a settlement the gazetteer lacks
        # and neither is a month or a day ("Since the start of March, the city and nearby villages")
        self.not_settlements = (self.allowed_before | self.allowed_after | CALENDAR_WORDS | frozenset(names["weapons"])
                                | frozenset(names["peoples"]))
        self.officials = frozenset(names["officials"])
        self.official_fillers = frozenset(names["official_fillers"])
        self.former_officials = frozenset(names["former_officials"])
        self.verbs = frozenset(met["verbs"])
        self.object_verbs = frozenset(met["object_verbs"])
        self.verb_objects = frozenset(met["objects"])
        self.not_after_verb = frozenset(met["not_after_verb"])
        self.utilities = frozenset(met["utilities"])
        self.utility_verbs = frozenset(met["utility_verbs"])
        self.nouns = frozenset(met["nouns"])
        self.before_to_with = frozenset(met["before_to_with"])
        self.parties = frozenset(met["parties"])
        self.permitters = frozenset(met["permitters"])
        self.permitted = frozenset(met["permitted"])
        self.cap_preps = frozenset(cap["prepositions"])
        self.cap_event_verbs = frozenset(cap["event_verbs"])
        self.cap_near = frozenset(cap["near"])
        self.city_parts = frozenset(cap["city_parts"])
        self.city_areas = frozenset(cap["city_areas"])
        self.cap_officials = frozenset(cap["officials"])
        self.cap_visitors = frozenset(cap["visitors"])
        self.cap_visit_fillers = frozenset(cap["visit_fillers"])
        self.cap_portions = frozenset(cap["portions"])
        self.cap_no_visit = frozenset(cap["no_visit"])
        self.called_off = frozenset(tuple(phrase.split()) for phrase in cap["called_off"])
        self.cap_visit = frozenset(cap["visit"])
        self.cap_visited = frozenset(cap["visited"])
        self.cap_events = frozenset(stem(w) for w in cap["events"])
        self.area_words = frozenset(context["areas"]["words"])
        self.areas_of_regions = frozenset(context["areas"]["of_regions"])
        self.area_listed_by = frozenset(context["areas"]["listed_by"])
        self.neighbourhoods = frozenset(context["areas"]["neighbourhoods"])
        self.town_plurals = frozenset(context["areas"]["town_plurals"])
        self.located_areas = frozenset(context["areas"]["located"])
        self.located_before = frozenset(context["areas"]["located_before"])
        self.plural_regions = frozenset(context["areas"]["plural_regions"])
        self.region_titles = frozenset(context["areas"]["region_titles"])
        self.region_after = frozenset(context["areas"]["region_after"])
        self.list_openers = _by_last_word(context["areas"]["list_openers"])
        self.administrations = frozenset(context["areas"]["administrations"])
        self.buildings = frozenset(context["areas"]["buildings"])
        self.attacks = _by_last_word(context["areas"]["attacks"])
        self.event_after = frozenset(context["events"]["after"])
        self.causes = _by_last_word(context["events"]["causes"] + context["events"]["since"])
        self.lead_history = _by_first_word(context["events"]["lead_history"])
        self.battles = _by_last_word(context["events"]["battles"])
        self.battle_present = frozenset(context["events"]["battle_present"])
        self.control = frozenset(context["events"]["control"])
        self.destroyed = frozenset(context["events"]["destroyed"])
        self.undone = frozenset(context["events"]["undone"])
        self.recent = frozenset(context["events"]["recent"])
        self.aside_openers = frozenset(context["events"]["aside_openers"])
        self.aside_present = frozenset(context["events"]["aside_present"])
        self.aside_events = frozenset(context["events"]["aside_events"])
        self.feature_plurals = []
        for pair in context["features"]["plural"]:
            plural, _, singular = pair.partition("=")
            self.feature_plurals.append((tuple(t.text for t in tokenize(plural)),
                                         tuple(t.text for t in tokenize(singular))))
        loc = context["locators"]
        self.units = frozenset(loc["units"])
        self.directions = frozenset(loc["directions"])
        self.loc_skip = frozenset(loc["skip"])
        self.origins = frozenset(loc["origins"])
        self.launchers = frozenset(loc["launchers"])
        self.origin_nouns = frozenset(loc["origin_nouns"])
        self.hyphen_locators = frozenset(loc["hyphenated"])
        self.roads = frozenset(loc["roads"])
        self.toward = frozenset(loc["toward"])
        self.goals = frozenset(loc["goals"])
        self.goal_partners = frozenset(loc["goal_partners"])
        self.goal_reached = frozenset(loc["goal_reached"])
        self.goal_back = frozenset(loc["goal_back"])
        self.goal_back_ends = frozenset(loc["goal_back_ends"])
        self.left_from = [tuple(p.split()) for p in loc["left_from"]]
        self.evacuations = frozenset(loc["evacuations"])
        self.lies = frozenset(loc["lies"])
        self.lies_where = frozenset(loc["lies_where"])
        self.airports = frozenset(loc["airports"])
        self.flights = frozenset(loc["flights"])
        self.flight_stops = frozenset(loc["flight_stops"])
        self.airport_attacks = frozenset(loc["airport_attacks"])
        self.own_stops = frozenset(loc["own_stops"])
        self.river_parts = frozenset(loc["river_parts"])
        self.evacuee_sites = frozenset(loc["evacuee_sites"])
        self.hypothetical = frozenset(loc["hypothetical"])
        self.conditional = frozenset(loc["conditional"])
        self.near_breaks = frozenset(loc["near_breaks"])
        self.not_clauses = frozenset(loc["not_clauses"])
        self.edges = frozenset(loc["edges"])
        self.sites = frozenset(loc["sites"])
        self.rivers = frozenset(loc["rivers"])
        self.region_borders = [tuple(p.split()) for p in loc["region_borders"]]
        self.border_crossings = frozenset(loc["border_crossings"])
        self.destinations = [tuple(p.split()) for p in loc["destinations"]]
        self.based = frozenset(tuple(p.split()) for p in loc["based"])  # locators unless the sentence says a hit
        self.site_movers = frozenset(loc["site_movers"])
        # what a place's surroundings do: locators unless the place is possessive or the news is there
        self.describing = frozenset(tuple(p.split()) for p in loc["describing"])
        self.locator_phrases = ([tuple(p.split()) for p in loc["phrases"]] + sorted(self.based)
                                + sorted(self.describing))
        self.locator_by_last: dict[str, list[tuple[str, ...]]] = {}
        for p in self.locator_phrases:
            self.locator_by_last.setdefault(p[-1], []).append(p)
        self.sector_words = frozenset(context["sectors"]["words"])
        self.plants = _by_first_word(context["plants"]["after"])
        self.elsewhere = _by_first_word(context["elsewhere"]["openers"])
        self.forecasts = _by_first_word(context["elsewhere"]["forecasts"])
        self.demands = _by_first_word(context["demands"]["phrases"])
        self.talks = frozenset(context["demands"]["talks"])
        namesakes = context["namesakes"]
        self.namesake_openers = _by_first_word(namesakes["openers"] + namesakes["placed_openers"])
        self.placed_namesake_openers = frozenset(tuple(p.split()) for p in namesakes["placed_openers"])
        self.namesake_placed_by = frozenset(namesakes["placed_by"])
        self.namesake_placed_after = frozenset(namesakes["placed_after"])
        self.another_namesake = frozenset(namesakes["another"])
        # (Russian ending, Ukrainian ending), longest first: "yevka" before "evka"
        self.russian_endings = sorted((tuple(pair.split()[:2]) for pair in context["spellings"]["russian_endings"]
                                       if len(pair.split()) == 2), key=lambda p: -len(p[0]))
        # (Russian stem, Ukrainian stem), anywhere in a name: "aleksandr" of Novoaleksandrovka
        self.russian_stems = [tuple(pair.split()[:2]) for pair in context["spellings"]["russian_stems"]
                              if len(pair.split()) == 2]


def clean_gap(gap: str) -> bool:
    return gap.strip() == ""


def _by_first_word(phrases: list[str]) -> dict[str, list[tuple[str, ...]]]:
    """Tokenised phrases by their first word, longest first (one look-up per word of the text)."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for phrase in sorted(phrases, key=lambda p: -len(p.split())):
        words = tuple(t.text for t in tokenize(phrase))
        if words:
            out.setdefault(words[0], []).append(words)
    return out


def _by_last_word(phrases: list[str]) -> dict[str, list[tuple[str, ...]]]:
    """Tokenised phrases by their last word (matched backwards from a place name)."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        words = tuple(t.text for t in tokenize(phrase))
        if words:
            out.setdefault(words[-1], []).append(words)
    return out
