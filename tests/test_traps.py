"""Capitals standing for their governments ("Beijing said", "Tokyo has provided") are metonyms, not places.

Every capital of the dashboard's partner set, followed by a government verb in the past tense or
a perfect tense, must be flagged as a metonym by `ingest.traps.trap` and so not become a map
feature through `ingest()`. Controls: the same capitals as venues ("talks in Beijing") stay places.
Then the other reasons a mention is no feature: a country acting, a vague region, the author's biography.
"""

from __future__ import annotations

import pytest

from geo.gazetteer import default_gazetteer
from ingest.geoparse import ingest
from ingest.traps import author_spans, biography_start, trap
from seeds import countries

# The story's partner set (the dashboard's partner layers) and Vietnam itself.
PARTNERS = ("CHN", "JPN", "USA", "LAO", "KHM", "VNM")
CAPITALS = [default_gazetteer().capital(countries.country(code).alpha_2) for code in PARTNERS]

PAST = ["said", "pledged", "provided", "announced", "signed", "agreed", "offered", "promised", "approved", "warned",
        "urged", "insisted", "rejected", "protested", "denied", "welcomed", "criticized", "responded", "demanded", "accused"]
PERFECT = ["has provided", "has pledged", "has said", "has announced", "has signed", "has agreed", "has offered",
           "has promised", "has warned", "have said", "had pledged", "had warned"]
VERBS = PAST + PERFECT


def test_the_partner_capitals_are_the_expected_cities():
    assert [c.name for c in CAPITALS] == ["Beijing", "Tokyo", "Washington", "Vientiane", "Phnom Penh", "Hanoi"]
    assert all(c.feature_class == "P.PPLC" for c in CAPITALS)


def capital_reason(capital, text: str) -> str | None:
    """The trap reason of the capital's first occurrence in `text` (None: a map feature)."""
    start = text.index(capital.name)
    return trap(capital, text, start, start + len(capital.name), None)


def assert_metonym(capital, text: str) -> None:
    reason = capital_reason(capital, text)
    assert reason is not None and reason.startswith("metonym"), f"{text}: {reason}"


def assert_place(capital, text: str) -> None:
    assert capital_reason(capital, text) is None, text


def sentence(capital: str, verb: str) -> str:
    return f"Officials met on Monday. {capital} {verb} support for the new railway line to the port, according to the statement."


@pytest.mark.parametrize("verb", VERBS)
@pytest.mark.parametrize("capital", CAPITALS, ids=lambda c: c.name)
def test_capital_with_a_government_verb_is_a_metonym(capital, verb):
    assert_metonym(capital, sentence(capital.name, verb))


@pytest.mark.parametrize("capital", CAPITALS, ids=lambda c: c.name)
def test_capital_as_a_venue_stays_a_place(capital):
    for text in (f"Leaders held talks in {capital.name} on Monday.", f"The delegation flew to {capital.name} and signed two deals."):
        assert_place(capital, text)


def test_ingest_keeps_metonyms_off_the_map():
    """End to end: the geoparser reports each capital-as-government as a metonym, never a feature."""
    lead = "Vietnam hosted envoys from China, Japan, the United States, Laos and Cambodia.\n"
    text = lead + "\n".join(f"{c.name} {verb} new support for the railway to Haiphong." for c in CAPITALS for verb in ("said", "has provided", "pledged"))
    result = ingest(text, title="Metonyms", published=None)
    by_text = [(p.text, p.is_feature, (p.reason or "").split(":")[0]) for p in result.places if p.text in {c.name for c in CAPITALS}]
    assert len(by_text) == 3 * len(CAPITALS)
    wrong = [t for t in by_text if t[1] or t[2] != "metonym"]
    assert not wrong, wrong
    assert any(p.text == "Haiphong" and p.is_feature for p in result.places)


GAZ = default_gazetteer()


def reason_in(text: str, name: str, bio: int | None = None, occurrence: int = 0) -> str | None:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(name, start + 1)
    return trap(GAZ.resolve(name).place, text, start, start + len(name), bio)


@pytest.mark.parametrize(
    "text, name, kind",
    [
        ("There is unease in Beijing about the deal.", "Beijing", "metonym"),  # a cue before the capital
        ("The deal shows pressure from Washington on Hanoi.", "Washington", "metonym"),
        ("Beijing's concerns grew.", "Beijing", "metonym"),  # a possessive of government
        ("Analysts in Hanoi say the deal is good.", "Hanoi", None),  # located: the city, not its government
        ("Reporters at Tokyo said little.", "Tokyo", None),
        ("Haiphong said goodbye to the ship.", "Haiphong", None),  # not a capital: no metonym
        ("The leaders met in Beijing.", "Beijing", None),
        ("China pledged support.", "China", "actor"),  # a country acting
        ("China's position is firm.", "China", "actor"),
        ("Xi visited China last week.", "China", None),  # a country as a venue
        ("They flew to China.", "China", None),
        ("Trade across Southeast Asia grew.", "Southeast Asia", "vague region"),
    ],
)
def test_trap_reasons(text, name, kind):
    reason = reason_in(text, name)
    assert (reason.split(":")[0] if reason else None) == kind, reason


def test_only_the_window_before_a_name_counts():
    """A cue forty characters or more before the name is another sentence's business."""
    far = "There is unease in the region. " + "x" * 40 + " Beijing met them."
    assert reason_in(far, "Beijing") is None


BODY = ("Vietnam and Japan agreed on a metro loan in Ho Chi Minh City on Saturday. " * 3 + "\n\n") * 4


def test_biography_starts_at_the_trailing_author_paragraphs():
    bio1 = "Kaori Fukushima is a journalist who studied in Osaka."
    bio2 = "She worked in Shanghai as a correspondent."
    text = BODY + bio1 + "\n\n" + bio2 + "\n"
    start = biography_start(text)
    assert start == text.index(bio1)
    osaka = text.index("Osaka")
    assert trap(GAZ.resolve("Osaka").place, text, osaka, osaka + 5, start) == "biography: in the author's biography"
    hcmc = text.index("Ho Chi Minh City")
    assert trap(GAZ.resolve("Ho Chi Minh City").place, text, hcmc, hcmc + 16, start) is None


def test_a_byline_is_biography_and_a_closing_news_paragraph_is_not():
    text = BODY + "(Kaori Fukushima: Tokyo)\n"
    assert biography_start(text) == text.index("(Kaori")
    assert biography_start(BODY + "The loan will be signed in Tokyo next month.\n") is None
    # A cue early in the article (before 60% of it) is not the author's biography.
    early = "He studied in Osaka.\n\n" + BODY
    assert biography_start(early) is None
    # A news paragraph after the biography ends it: nothing trails.
    assert biography_start(BODY + "She studied in Osaka.\n\nThe loan was signed.\n") is None


@pytest.mark.parametrize(
    "text, name, kind",
    [
        ("Unease in Beijing grew.", "Beijing", "metonym"),  # the cue at the very start of the text
        ("In Hanoi is where the deal was signed.", "Hanoi", None),  # "In" capitalised still locates
        ("Talks in China's capital ended.", "China", "actor"),  # a possessive, even after a venue word
        ("Officials went to China’s south.", "China", "actor"),
        # a part of the country before its name still locates ("the dam in northern Laos began")
        ("The dam in northern Laos began work.", "Laos", None),
        ("Floods across central China grew.", "China", None),
        ("Farms in the far north-western China grew.", "China", None),
        ("Farms in the upper China grew.", "China", None),
        ("The northern China grew.", "China", "actor"),  # no venue word: the part alone does not locate
        # rules4: more government verbs and cues, a cue's list, a list after "in", a byline with an article
        ("The upgrade comes as Hanoi pursues a balance.", "Hanoi", "metonym"),
        ("It says Hanoi firmly adheres to the policy.", "Hanoi", "metonym"),
        ("Tokyo buys the power; Seoul collects the fees.", "Seoul", "metonym"),
        ("The country is now a partner of Washington.", "Washington", "metonym"),
        ("Vietnam has helped Washington account for the missing.", "Washington", "metonym"),
        ("The reef lies in waters claimed by Manila.", "Manila", "metonym"),
        ("The standoff drew attention from Washington, Tokyo and Canberra.", "Canberra", "metonym"),
        ("The standoff drew attention from Washington, Tokyo and Canberra.", "Tokyo", "metonym"),
        ("Analysts in Hanoi and Manila said the boats had left.", "Manila", None),
        ("Flights from Hanoi, Tokyo and Canberra said nothing.", "Canberra", None),  # a list after a concrete cue stays a place
        ("Trade grew, and Tokyo and Canberra were busy ports of call.", "Canberra", None),  # a list with no cue
        # rules7: a role only a state has in an appositive, the agent of what a state does, a capital let or asked to
        # act, "no longer able to", the "<capital> government"; and the places beside them
        ("Moscow, its main patron, has been cutting aid.", "Moscow", "metonym"),
        ("Beijing, the main backer of the Khmer Rouge, has also cast doubt on it.", "Beijing", "metonym"),
        ("Hanoi, the capital, has grown fast.", "Hanoi", None),  # an appositive that is no state's role
        ("It drove the Khmer Rouge, backed by Beijing, out of Phnom Penh.", "Beijing", "metonym"),
        ("It would make it easier for Hanoi to pursue better relations.", "Hanoi", "metonym"),
        ("The programme allows Washington to give surplus ships.", "Washington", "metonym"),
        ("The road for Hanoi to the coast is long.", "Hanoi", None),  # a determiner after "to": a place
        ("The plan allows Hanoi to become a hub.", "Hanoi", None),  # what a city becomes, not a state's act
        ("With Moscow no longer able to supply cheap oil, Hanoi turned to the West.", "Moscow", "metonym"),
        ("He said the Beijing government was wrong.", "Beijing", "metonym"),
        ("Flights from Hanoi to Tokyo resumed.", "Tokyo", None),  # a route's far end (it was read as "Tokyo resumed")
    ],
)
def test_trap_edges(text, name, kind):
    reason = reason_in(text, name)
    assert (reason.split(":")[0] if reason else None) == kind, reason


def test_a_place_opening_the_biography_is_in_it():
    bio = "Osaka native Kaori Fukushima is a journalist."
    text = BODY + bio + "\n"
    start = biography_start(text)
    assert start == text.index(bio)
    assert reason_in(text, "Osaka", bio=start) == "biography: in the author's biography"


def test_a_long_biography_after_a_short_article():
    """Only paragraphs opening in the last 40% of the text may be biography, even when earlier ones read like one."""
    body = "Vietnam and Japan agreed on a metro loan in Ho Chi Minh City.\n\n"
    bios = [f"She worked in Tokyo as a correspondent for paper number {i}.\n\n" for i in range(3)]
    text = body + "".join(bios)
    offsets = [text.index(b) for b in bios]
    assert offsets[1] < len(text) * 0.6 <= offsets[2]
    assert biography_start(text) == offsets[2]


def test_biography_starting_at_sixty_percent_counts():
    bio = "She studied in Osaka."
    lead = "A" * 598 + "\n\n"
    text = lead + bio + " " * (1000 - len(lead) - len(bio))
    assert text.index(bio) == 0.6 * len(text)
    assert biography_start(text) == 600


OBJECT_FRAMES = [
    "The delays became a lesson for {c}.",
    "The visit sent a message to {c} about the sea.",
    "The deal is a clear win for {c} in the region.",
    "Analysts called the vote a setback for {c}.",
    "The sanctions add pressure on {c} to negotiate.",
    "The new port gives Vietnam leverage over {c}.",
    "The loan was a signal to {c} that Japan stays engaged.",
    "India competes with {c} for influence in the region.",
    "Seoul is competing with {c} for the contract.",
    "Washington presses {c} to buy more American goods.",
]


@pytest.mark.parametrize("frame", OBJECT_FRAMES)
@pytest.mark.parametrize("capital", CAPITALS, ids=lambda c: c.name)
def test_capital_as_the_object_of_a_policy_noun_is_a_metonym(capital, frame):
    """"a lesson for Hanoi", "a message to Beijing", "pressure on Washington": the government is meant, not the city."""
    assert_metonym(capital, frame.format(c=capital.name))


@pytest.mark.parametrize(
    "frame",
    [
        "The airline added a flight to {c} in May.",
        "Investors see a future for {c} as a hub.",
        "The ring road takes pressure off {c} traffic.",
        "{c} remains the country's busiest air hub.",  # the city itself: no stance
        "Work will start at an interchange in {c}'s north.",  # a part of the city
        "The plant lies in {c}'s western outskirts.",
        "Land prices in {c}'s northeast doubled.",
    ],
)
@pytest.mark.parametrize("capital", CAPITALS, ids=lambda c: c.name)
def test_capital_after_a_concrete_noun_stays_a_place(capital, frame):
    assert_place(capital, frame.format(c=capital.name))


@pytest.mark.parametrize(
    "verb",
    ["remains wary of", "stays cautious about", "eyes", "faces a choice on", "refuses", "resists", "prefers", "presses Hanoi on",
     "watches", "calls for", "pushes for", "vows to block", "threatens to cut", "blames Seoul for"],
)
@pytest.mark.parametrize("capital", CAPITALS, ids=lambda c: c.name)
def test_capital_with_a_present_tense_stance_is_a_metonym(capital, verb):
    """"Hanoi remains wary of debt", "Tokyo eyes the contract": a stance is a government's."""
    assert_metonym(capital, f"Officials met on Monday. {capital.name} {verb} new loans for the railway, analysts said.")


def test_a_byline_counts_among_the_first_six_lines_only():
    """author_spans looks for a byline in the article's first six lines: a line "By …" further down is text."""
    from ingest.traps import author_spans

    filler = [f"Line {n} of the story." for n in range(1, 6)]
    sixth = "\n".join([*filler, "By Jane Doe in Singapore", "The rest."])
    seventh = "\n".join([*filler, "Another line.", "By Jane Doe in Singapore", "The rest."])
    start = sixth.index("By Jane")
    assert author_spans(sixth) == [(start, start + len("By Jane Doe in Singapore"))]
    assert author_spans(seventh) == []


def test_a_byline_with_an_article_is_the_author_line():
    text = "Published 2023-06-23\n\nLeaders Meet at Summit\n\nBy a staff reporter in Seoul\n\nThe leaders met in Hanoi on Friday.\n"
    assert author_spans(text) == [(text.index("By a"), text.index("Seoul") + len("Seoul"))]


def test_a_byline_is_shorter_than_120_characters():
    from ingest.traps import author_spans

    def byline(length: int) -> str:
        line = "By Jane Doe in Singapore, " + "x" * 200
        return line[:length]

    assert author_spans(byline(119) + "\nText.") == [(0, 119)]
    assert author_spans(byline(120) + "\nText.") == []


def test_an_author_line_closing_the_last_paragraph_starts_the_biography():
    from ingest.traps import biography_start

    body = "Vietnam and Japan signed the loan in Hanoi on Monday. " * 6
    text = body + "\n" + "The plant will be built in Thanh Hoa by 2027. The author covers Southeast Asia from Bangkok."
    assert biography_start(text) == text.index("The author covers")


GOVERNMENT_FRAMES = [
    # the recipient of what a government gives
    "The bank offered to lend {c} $2 billion for the line.",
    "The envoy promised {c} two patrol ships.",
    "The bank granted {c} a loan for the port.",
    # the point of view of a sentence
    "For {c}, the deal is a first step into Asia.",
    "The price is high, and for {c}, the port matters more.",
    # the subject after an appositive or a relative clause
    "{c}, itself in a dispute over the islands, said it shared the concern.",
    "{c}, which calls the port a priority, has in turn expanded its loans.",
    "{c}, for its part, pledged $5 million for demining.",
    "{c}-backed lenders financed the line.",  # a compound of what a government does
    # past tense with an adverb, "called", a negation; an -ing verb after "with"
    "{c} called the move provocative.",
    "{c} later said two citizens had been hurt.",
    "{c} first asked for help with the bridge in the 1990s.",
    "Officials demanded that {c} never send the ship back.",
    "{c} quickly welcomed the withdrawal.",
    "The aid agency built the road, with {c} providing most of the money.",
    # a party to a deal or a dispute
    "The deal with {c} took effect in August.",
    "The country is at odds with {c} over the reef.",
]


@pytest.mark.parametrize("frame", GOVERNMENT_FRAMES)
@pytest.mark.parametrize("capital", CAPITALS, ids=lambda c: c.name)
def test_capital_as_a_government_in_more_forms_is_a_metonym(capital, frame):
    assert_metonym(capital, frame.format(c=capital.name))


@pytest.mark.parametrize(
    "frame",
    [
        "{c}, which lies on a river, is home to eight million people.",  # an appositive before a copula: a description
        "{c} also hosts the summit next year.",
        "Japan gave {c} its first metro line.",  # the city gets a line
        "Flights between Hanoi and {c} resumed.",  # things that run between cities, not relations
        "Trains to {c} were full.",
        "A {c}-based firm won the contract.",
        "Land deals in {c} doubled.",
        "The delegation flew to {c}, which was hot.",
        "The expressway, with {c} traffic rising, opened.",
    ],
)
@pytest.mark.parametrize("capital", CAPITALS, ids=lambda c: c.name)
def test_capital_described_or_hosting_stays_a_place(capital, frame):
    assert_place(capital, frame.format(c=capital.name))


@pytest.mark.parametrize(
    "text, reason",
    [
        ("Singapore was the largest investor in the new park.", "actor"),  # a city-state acting is its country, not a metonym
        ("Singapore said it would invest more.", "actor"),
        ("Ministers met in Singapore on Monday.", None),
    ],
)
def test_a_city_state_is_its_country(text, reason):
    place = default_gazetteer().resolve("Singapore").place
    start = text.index("Singapore")
    found = trap(place, text, start, start + len("Singapore"), None)
    assert (found.split(":")[0] if found else None) == reason


@pytest.mark.parametrize(
    "closing, biography",
    [
        ("A second bridge, at Can Tho on the Hau River, is being studied with Japanese help.", False),  # a plan is studied
        ("Such a link was studied in Hanoi for years.", False),
        ("She studied economics in Tokyo and now lives in Hanoi.", True),  # the author studied
    ],
)
def test_studied_marks_a_biography_only_when_a_person_studied(closing, biography):
    body = "Australia opened the bridge over the Mekong in Vinh Long on Friday, with officials from both countries. " * 3
    text = f"{body}\n\n{closing}"
    start = biography_start(text)
    assert (start == text.index(closing)) if biography else start is None


# ---- rules3: a capital as what a government's stance, message or verb is aimed at; a country joining a body is no
# author's biography.
RULES3_METONYMS = [
    "The summit was a message aimed at {c} as much as at anyone.",
    "The vote sent a signal aimed as much at Seoul as at {c}.",
    "Manila shares Canberra's wariness of {c} in the sea.",
    "Few diplomats expect the new code to restrain {c}.",
    "Seoul has declined to condemn {c} over the war.",
    "The sale of state firms speeds up as {c} steps up reforms.",
    "It is the closest tie {c} maintains with any neighbour.",
]


@pytest.mark.parametrize("frame", RULES3_METONYMS)
@pytest.mark.parametrize("capital", CAPITALS, ids=lambda c: c.name)
def test_capital_as_the_target_of_a_stance_is_a_metonym(capital, frame):
    assert_metonym(capital, frame.format(c=capital.name))


@pytest.mark.parametrize(
    "frame",
    ["The ferry aimed at {c} ran aground.", "The walk steps up a hill in {c}.", "Tourists flock to {c} each spring."],
)
@pytest.mark.parametrize("capital", CAPITALS, ids=lambda c: c.name)
def test_capital_near_those_words_but_a_place_stays_one(capital, frame):
    assert_place(capital, frame.format(c=capital.name))


def test_a_country_joining_a_body_in_the_last_paragraph_is_no_biography():
    text = BODY + "Trade grew after Vietnam joined the World Trade Organization in 2007, when the park in Bien Hoa opened.\n"
    assert biography_start(text) is None
    assert biography_start(BODY + "Tran Minh joined the paper in Hanoi in 2010.\n") is not None  # a person still is
    # the country's joining is passed over, not the end of the search: a person's career later in the paragraph still counts
    assert biography_start(BODY + "After Vietnam joined the WTO in 2007, Tran Minh joined the paper in Hanoi.\n") is not None


def test_a_continent_named_in_a_list_is_the_vague_region_not_a_town_named_like_it():
    """"elsewhere in Asia" after a list of countries that includes the Philippines is the continent, not the town Asia
    (Philippines): a world region's name is that region whatever the story's countries."""
    places = {p.text: p for p in ingest("Its plants run in South Korea, the Philippines, China and elsewhere in Asia.").places}
    assert places["Asia"].reason and places["Asia"].reason.startswith("vague region"), places["Asia"]
