"""Partners of an event (ingest/partners.py and the candidate step): the countries that act in it or fund it, not the
countries a sentence names in passing. Sentences of our own, in the forms the press uses."""

from __future__ import annotations

import datetime as dt

import pytest

from ingest import ingest
from ingest.partners import in_passing


@pytest.mark.parametrize(
    ("sentence", "partners"),
    [
        # acting, funding, party to: partners
        ("Japan will lend JPY36.6 billion for the Lach Huyen port in Hai Phong.", ["JPN"]),
        ("A loan from South Korea, signed with Seoul, funds the new port in Da Nang.", ["KOR"]),
        ("Japan financed the port in Da Nang after Korea won the bid for its cranes.", ["JPN", "KOR"]),
        ("Partners such as Japan and the US, as well as India, fund the port in Da Nang.", ["JPN", "USA", "IND"]),
        # a comparison, a market, ports of call, the background: not partners
        ("The metro in Hanoi cost more than China's lines and came ahead of Singapore and Japan, Japan's envoy said.", ["JPN"]),
        ("The Korean-built ship reached the port in Da Nang without calling at Hong Kong or Singapore.", ["KOR"]),
        ("The port in Hai Phong handles much of the steel Korea's POSCO shipped to the United States.", ["KOR"]),
        ("Tokyo pledged the loan for the port in Hai Phong as Chinese survey ships operated near the Paracels.", ["JPN"]),
        ("Australia funds the port in Da Nang amid tensions with China.", ["AUS"]),
        ("Exports from the port in Hai Phong to Thailand, Malaysia and Indonesia rose, Japan's JICA said.", ["JPN"]),
        ("Samsung, moving production away from China, invests $2 billion in a plant in Bac Ninh, South Korea's embassy said.", ["KOR"]),
        ("Biden, flying in from New Delhi, signed deals for the airport in Da Nang.", ["USA"]),
        ("The US pledged aid for patrol ships in Da Nang to counter China and deter Russia.", ["USA"]),
        # a destination of ships and cargo, a currency aside: not partners
        ("Japan lent $300 million for the new berth in Hai Phong, where ships can sail directly to the United States and Europe.", ["JPN"]),
        ("Korea paid for the river terminal in Can Tho; barges will carry rice from it to China and Japan.", ["KOR"]),
        ("Japan lent $500 million for the port in Vung Tau, from which container ships can reach the United States in 20 days.", ["JPN"]),
        ("Japan will lend ¥40 billion (US$270 million) for the port in Hai Phong.", ["JPN"]),
        ("Japan lent $1 billion for the LNG terminal in Quang Ninh, which will import gas from Qatar and the United States.", ["JPN"]),
        # a leader's onward stop after the event
        ("The US secretary signed a $2 billion deal for the airport in Da Nang and later flew to Jakarta.", ["USA"]),
        ("Japan's prime minister pledged $500 million for the metro in Hanoi before flying on to Manila.", ["JPN"]),
        # the other side of a dispute
        ("In Da Nang the US envoy pledged $5 million for patrol boats and accused China of harassing fishermen.", ["USA"]),
        ("Japan funds the coast guard base in Hai Phong, and its minister criticised Beijing's reclamation in the Spratly Islands.", ["JPN"]),
        ("India signed a deal for the port in Nha Trang, in a rebuke to China.", ["IND"]),
        ("Australia, an opponent of Russia's war, lent $50 million for the bridge in Can Tho.", ["AUS"]),
        ("The US aircraft carrier visited Cam Ranh Bay, though Washington remains at odds with Beijing over the sea.", ["USA"]),
        # a yardstick
        ("Korean investment in the industrial park in Bac Ninh is small next to that of Japan and Singapore.", ["KOR"]),
        ("Australia's aid for the bridge in Can Tho is modest relative to Japan's.", ["AUS"]),
        ("Thailand's loan for the road in Lao Cai was dwarfed by those of China and Korea.", ["THA"]),
        ("Australia announced A$105 million for the Mekong Delta, its largest package since Japan's in 2019.", ["AUS"]),
        # funders in every form: "jointly funded", a refinery or petrochemical plant is an energy project
        ("The US, Japan and Australia jointly funded the undersea cable landing at Da Nang.", ["USA", "JPN", "AUS"]),
        ("The Thai-owned SCG opened a petrochemical complex in Ba Ria–Vung Tau, its biggest outside Thailand.", ["THA"]),
        ("Japanese lender JBIC and Singapore's DBS financed the LNG terminal in Bac Lieu.", ["JPN", "SGP"]),
        # the actor's other deals
        ("Britain signed the trade deal in Hanoi, its fourth in Asia after agreements with Japan and with Singapore.", ["GBR"]),
        ("India pledged $100 million for the port in Nha Trang, following similar deals with the Philippines and Indonesia.", ["IND"]),
        ("Britain signed the trade deal in Hanoi, its fourth in Asia after agreements with Japan in May and with Singapore last week.", ["GBR"]),
        # where something happens, not who acts (a capital or country after "in", "at"); "from Tokyo" is still a source
        ("Speaking in Singapore, the US vice president pledged $20 million for a vaccine store in Hanoi.", ["USA"]),
        ("Fresh from talks in Tokyo, Australia's foreign minister visited the bridge in Can Tho.", ["AUS"]),
        ("A Korean bank listed in Singapore lent $300 million for the plant in Bac Ninh.", ["KOR"]),
        ("A loan from Tokyo funds the port in Da Nang.", ["JPN"]),
        ("Japan signed the loan for the port in Hai Phong at a ceremony in Tokyo.", ["JPN"]),
        # a third country's reaction
        ("Japan's coast guard trained Vietnamese crews at sea near the Spratly Islands, and Australia voiced concern.", ["JPN"]),
        ("Vietnam and China held talks on a fishing boat rammed near the Paracel Islands; Tokyo, itself in a row with Beijing, expressed regret.", ["CHN"]),
        ("Japan lent $200 million for the port in Hai Phong and called for restraint at sea, Hanoi said.", ["JPN"]),
        # a claimant or occupier named before its act; an aside about the actor is no such thing
        ("The US carrier visited Cam Ranh Bay, near the Spratly Islands, where Beijing has built and armed artificial islands.", ["USA"]),
        ("Japan funds patrol boats for Vietnam near the Paracel Islands, which China seized in 1974.", ["JPN"]),
        ("India signed a deal to drill for gas off Vung Tau, though China claims the waters.", ["IND"]),
        ("China, which claims most of the sea, sent its envoy to Hanoi for talks on the Paracel Islands.", ["CHN"]),
        ("China built the railway in Hanoi.", ["CHN"]),
        # rules4: another leg of a tour and what happens there (to the clause's end; after ", where" to the sentence's)
        ("The US envoy pledged $5 million for the port in Da Nang after a stop in Tokyo, where he met Japanese and Korean officials.", ["USA"]),
        ("Japan's prime minister, who came to Vietnam from Manila after talks with Indonesian officials, pledged $500 million for the metro in Hanoi.",
         ["JPN"]),
        ("The US envoy pledged $2 million for the school in Hue, fresh from talks in Pyongyang.", ["USA"]),
        ("From Hanoi, where Japan pledged $500 million for the metro, the prime minister will travel to Bangkok for talks with Thai leaders.", ["JPN"]),
        ("From Hanoi, where Japan pledged $500 million for the metro, the prime minister and Korea's envoy met Thai leaders.", ["JPN", "KOR", "THA"]),
        # rules4: the other side of overlapping claims; the addressee of an appeal; "South Korean" is South Korea's
        ("The US pledged $10 million for the coast guard in Da Nang, on the sea where Vietnam and China have overlapping claims.", ["USA"]),
        ("In Hanoi the US envoy signed a $2 million grant and urged North Korea to follow Vietnam's path.", ["USA"]),
        ("In Hanoi the US envoy signed a $2 million grant and urged Japan, Korea and India to invest in Vietnam too.", ["USA"]),
        ("Japan lent $300 million for the port in Hai Phong amid competition with Chinese and South Korean investors.", ["JPN"]),
        ("Japan lent $300 million for the port in Hai Phong with South Korean investors.", ["JPN", "KOR"]),
        # rules4: a country after "in northern" is where, not who; "owned 35% by" names the owners
        ("Thailand and Vietnam built the dam in northern Laos for $3.8 billion.", ["THA"]),
        ("The refinery in Thanh Hoa, a $9 billion plant, is owned 35% by Japan's Idemitsu and 35% by Kuwait's KPI.", ["JPN", "KWT"]),
    ],
)
def test_partners_are_the_countries_acting_in_the_event(sentence, partners):
    """A country counts as a partner when it acts in, funds or is party to the event; not when the sentence compares
    with it, sells to it, calls at it, or names it as the event's background."""
    result = ingest(sentence)
    assert result.candidates, sentence
    assert sorted({code for c in result.candidates for code in c["entry"]["partners"]}) == sorted(partners)


@pytest.mark.parametrize(
    ("text", "partners"),
    [
        # the next sentences go on about the plant: its partners and money are the plant's
        ("Work began on the coal power plant in Hai Duong province on Sunday. The plant is co-funded by Malaysia's JAKS Resources, "
         "with $1.8 billion in loans.", ["MYS"]),
        ("Work began on the coal power plant in Hai Duong province on Sunday. It is co-funded by Malaysia's JAKS Resources with $1.8 billion.", ["MYS"]),
        # too far back, or about something the earlier sentence did not name: no partner is borrowed
        ("Work began on the coal power plant in Hai Duong province on Sunday. Crowds came. Rain fell. Music played. "
         "The plant is co-funded by Malaysia's JAKS Resources with $1.8 billion.", []),
        ("Work began on the coal power plant in Hai Duong province on Sunday. The loan is co-funded by Malaysia's JAKS Resources with $1.8 billion.", []),
        ("Work began on the coal power plant in Hai Duong province on Sunday. Crowds came. "
         "It is co-funded by Malaysia's JAKS Resources with $1.8 billion.", []),
    ],
)
def test_a_sentence_going_on_about_a_placed_event_adds_its_partners(text, partners):
    result = ingest(text)
    assert sorted({code for c in result.candidates for code in c["entry"]["partners"]}) == partners
    if partners:
        assert all(c["entry"]["places"] == ["Hải Dương"] for c in result.candidates)  # the province the first sentence names


@pytest.mark.parametrize(
    ("sentence", "kept", "blanked"),
    [
        ("Japan lends more than China and Korea.", ["Japan"], ["China", "Korea"]),
        ("Japan lends, unlike China, Korea or India.", ["Japan"], ["China", "Korea", "India"]),
        ("The deal follows agreements with Japan in October and with Singapore last week, Britain said.", ["Britain"], ["Japan", "Singapore"]),
        ("Its aid is small next to that of Japan, South Korea and Singapore.", [], ["Japan", "South Korea", "Singapore"]),
        ("Tokyo, itself at odds with Beijing, expressed concern.", [], ["Tokyo", "Beijing"]),
        ("The islands, which China seized in 1974, lie east.", [], ["China"]),
        ("China, which claims the sea, sent a rig.", ["China"], []),
        ("India pledged aid and accused China of coercion.", ["India"], ["China"]),
        ("Ships sail to Japan, Korea and China; Vietnam said so.", ["Vietnam"], ["Japan", "Korea", "China"]),
    ],
)
def test_in_passing_blanks_only_the_countries_in_passing(sentence, kept, blanked):
    out = in_passing(sentence, ["JPN", "CHN", "KOR", "IND", "SGP", "GBR", "VNM"])
    assert len(out) == len(sentence)
    for name in kept:
        assert name in out, (name, out)
    for name in blanked:
        at = sentence.index(name)
        assert out[at : at + len(name)].strip() == "", (name, out)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a list goes on past a name that is no country, which stays
        ("The ships call at Busan and Singapore.", "The ships call at Busan and          ."),
        # the longest country at a place: "Guinea-Bissau", not "Guinea", and the list goes on
        ("Vietnam overtook Guinea-Bissau and India in cashew exports.", "Vietnam overtook               and       in cashew exports."),
        # a sentence cut off after its cue
        ("Japan lends more than ", "Japan lends more than "),
        # a background clause before the actor is read past; a later one, after it, is blanked
        ("Opened as Vietnam's deepest port, the terminal funded by Japan began work as Chinese ships watched.",
         "Opened as Vietnam's deepest port, the terminal funded by Japan began work as         ships watched."),
        # a background clause naming no country blanks nothing
        ("Japan pledged the loan as Typhoon Yagi hit Hai Phong.", "Japan pledged the loan as Typhoon Yagi hit Hai Phong."),
        # another leg of a tour: to its clause's end; after ", where" to its sentence's end, not beyond; with no stop, to the end
        ("The envoy, fresh from talks in Tokyo, said Korea will lend.", "The envoy, fresh from talks in      , said Korea will lend."),
        ("Japan lends. He came after a stop in Tokyo, where he met Korean officials. China will lend.",
         "Japan lends. He came after a stop in      , where he met        officials. China will lend."),
        ("He came after a stop in Tokyo, where he met Korean officials", "He came after a stop in      , where he met        officials"),
        # rules6: a tour goes on after ", and then to", to that leg's clause end, not beyond
        ("From Hanoi, he flies to Seoul, and then to Tokyo to meet Japanese officials, and China will lend.",
         "From Hanoi, he flies to      , and then to       to meet          officials, and China will lend."),
        # rules7: a departure for the next leg; an onward trip from any city (its name blanked before partners are read)
        ("Xi left Hanoi on Tuesday for Singapore after a visit in which China signed 45 deals.",
         "Xi left Hanoi on Tuesday for           after a visit in which China signed 45 deals."),
        ("From       , Trudeau flies to Singapore for the summit, and Japan will lend.",
         "From       , Trudeau flies to           for the summit, and Japan will lend."),
        ("China left the talks for Japan to lead, and Vietnam left for good.", "China left the talks for Japan to lead, and Vietnam left for good."),
        # rules8: a list after "both"; "beyond" and "outside" a country; a neighbour named for where a place lies
        ("China pressed its claims against both Vietnam and Singapore.", "China pressed its claims against both         and          ."),
        ("Firms spread production beyond China, and Japan will lend.", "Firms spread production beyond      , and Japan will lend."),
        ("Quang Ninh borders China and has a port built by Japan.", "Quang Ninh borders       and has a port built by Japan."),
    ],
)
def test_in_passing_reads_lists_and_background_clauses_to_the_character(sentence, expected):
    assert in_passing(sentence, ["VNM", "JPN", "CHN", "KOR", "SGP", "IND", "GNB", "GIN"]) == expected


# ---- rules3: a country the article is not about needs a role in its sentence (ingest/roles.py). Each text names Japan
# most often (its lead country), and another country once.
LEAD = "Japan will lend ¥40 billion for the port in Hai Phong. Japanese engineers will design the port, Japan's embassy said. "


@pytest.mark.parametrize(
    ("text", "partners"),
    [
        # named once, with no part in the event: not a partner
        (LEAD + "The naval base at Cam Ranh still relies on radar bought years ago, much of it from Russia.", ["JPN"]),
        (LEAD + "The port in Da Nang was built to ease a dispute brought to court by the Philippines.", ["JPN"]),
        (LEAD + "The port in Da Nang faces a contest in which Thailand's Laem Chabang is the main rival.", ["JPN"]),
        (LEAD + "The port in Da Nang opened the year Singapore's ambassador left.", ["JPN"]),
        (LEAD + "Da Nang, whose port hosted the summit between Pyongyang and Washington in 2019, backs the talks.", ["JPN"]),
        # named once, with a part: acting, an agent with "by", a source of money, a compound, a party
        (LEAD + "Korea's Doosan will build the cranes for the port in Hai Phong.", ["JPN", "KOR"]),
        (LEAD + "The cranes for the port in Hai Phong were made and shipped by a group from Korea.", ["JPN", "KOR"]),
        (LEAD + "A loan from Korea pays for the cranes at the port in Hai Phong.", ["JPN", "KOR"]),
        (LEAD + "The Korean-funded cranes at the port in Hai Phong arrived.", ["JPN", "KOR"]),
        (LEAD + "A deal between Korea and Vietnam covers the cranes at the port in Hai Phong.", ["JPN", "KOR"]),
        (LEAD + "Talks with Korea on the cranes for the port in Hai Phong went on.", ["JPN", "KOR"]),
        (LEAD + "Officials will work with their Korean counterparts on the cranes at the port in Hai Phong.", ["JPN", "KOR"]),
        # a role shared by a list ("Korea, Australia and other donors will fund"); a country visited for the event
        (LEAD + "Korea, Australia and other donors will fund the cranes at the port in Hai Phong.", ["JPN", "KOR", "AUS"]),
        (LEAD + "The port's director visited Korea and Cambodia before the port in Hai Phong opened.", ["JPN", "KOR", "KHM"]),
        # a role in an earlier or abandoned project, in a sentence set before the event: no partner of this one
        (LEAD + "Ten years ago, a Korean-funded crane at the port in Hai Phong replaced the old ferry.", ["JPN"]),
        (LEAD + "The port in Da Nang was first planned as part of a Malaysian-developed zone, but the plan stalled.", ["JPN"]),
        (LEAD + "Last week, a Korean-funded crane arrived at the port in Hai Phong.", ["JPN", "KOR"]),
    ],
)
def test_a_country_the_article_is_not_about_needs_a_role(text, partners):
    result = ingest(text)
    assert sorted({code for c in result.candidates for code in c["entry"]["partners"]}) == sorted(partners)


def test_a_country_named_mostly_in_passing_does_not_lead():
    """China is named three times, twice as a market: only its third mention counts towards the lead, so Japan (twice,
    lending) leads and China's ships at the port are no partnership."""
    text = ("Japan will lend $300 million for the port in Hai Phong, Japan's embassy said. Exports to China rose and shipments to China "
            "doubled. Officials in Hai Phong said China's ships still call at the port, which will cost $500 million.")
    assert sorted({code for c in ingest(text).candidates for code in c["entry"]["partners"]}) == ["JPN"]


def test_the_lead_countries_are_the_most_named():
    from ingest.roles import lead_countries

    text = "Japan, Japan, Japan, Japan and Korea, Korea, Korea; China once; Vietnam, Vietnam, Vietnam, Vietnam, Vietnam."
    assert lead_countries(text, ["JPN", "KOR", "CHN", "VNM"]) == {"JPN", "KOR"}  # Korea within three quarters of Japan
    assert lead_countries("No country here.", ["JPN"]) == set()
    assert lead_countries("Only Vietnam is named.", ["VNM"]) == set() == lead_countries("Nothing named.", [])  # no foreign country at all


def test_a_compound_alone_gives_a_role():
    """"Japan-designed" names Japan's part even with no other role word in its clause (nothing here acts or lends)."""
    from ingest.roles import has_role

    assert has_role("The Japan-designed radar station went into service.", "JPN", ["JPN"])
    assert not has_role("The radar station, near a Japan pavilion, went into service.", "JPN", ["JPN"])


@pytest.mark.parametrize(
    ("sentence", "partners"),
    [
        # strained relations and criticism: the other side of a dispute
        ("Japan funds the port in Hai Phong during a spell of strained relations between Hanoi and Beijing.", ["JPN"]),
        ("Japan funded the port in Hai Phong despite frosty ties with China.", ["JPN"]),
        ("India signed the deal for the port in Nha Trang, shrugging off criticism from Washington.", ["IND"]),
        # North Korea is its own country, not South Korea
        ("North Korean leader Kim and the US president met in Hanoi at the summit.", ["PRK", "USA"]),
        ("The US envoy met in Hanoi after flying in from Pyongyang for the summit.", ["USA"]),
    ],
)
def test_disputes_and_the_two_koreas(sentence, partners):
    result = ingest(sentence)
    assert sorted({code for c in result.candidates for code in c["entry"]["partners"]}) == sorted(partners)


@pytest.mark.parametrize(
    ("text", "published", "partners"),
    [
        # rules5: countries that act, but not with Vietnam (the partners of this map act with Vietnam)
        ("Chinese survey ships entered the sea near the Spratly Islands, and Australia voiced concern.", None, []),
        ("Chinese coast guard ships rammed a fishing boat near the Paracel Islands; Tokyo, itself in a row with Beijing, expressed regret.", None, []),
        ("China, which claims most of the sea, sent its rig near the Paracel Islands.", None, []),
        ("Thailand built the dam in northern Laos for $3.8 billion.", None, []),
        ("Japan's prime minister came to Hanoi. He leaves for Jakarta on Tuesday for talks with Indonesian President Joko Widodo.", None, []),
        ("Japan's prime minister arrived. He leaves for Jakarta on Tuesday for talks with Vietnamese and Indonesian leaders.", None, ["IDN"]),
        # rules6: "the two countries" of two foreign countries is theirs; a tour goes on after ", and then to"
        ("In Kuala Lumpur, Malaysia and North Korea signed a deal, and the two countries lifted their travel bans.", None, []),
        ("In Kuala Lumpur, Malaysia signed a deal, and the two countries lifted their travel bans.", None, ["MYS"]),
        ("From Hanoi, where Japan pledged $500 million for the metro, Abe flies to Bangkok for talks with Thai leaders, and then to Jakarta to "
         "meet Indonesian President Yudhoyono.", None, ["JPN"]),
        # a Vietnamese leader named in full once, then by the given name as Vietnamese usage has it; or "the two leaders"
        ("Prime Minister Pham Minh Chinh arrived on Sunday. In Hiroshima, Chinh held talks with Japan's prime minister.", None, ["JPN"]),
        ("Prime Minister Pham Minh Chinh arrived on Sunday. In Hiroshima, Kishida held talks with Japan's business leaders.", None, []),
        ("In Hiroshima, the two leaders held talks on Japan's loans.", None, ["JPN"]),
        # at sea, leading the article is no role; a role is
        ("Chinese ships rammed a Vietnamese boat in the sea off the Paracel Islands, China's coast guard said.", None, []),
        ("Chinese ships rammed a Vietnamese boat in the sea off the Paracel Islands, and Japan's coast guard trained Vietnamese crews.", None, ["JPN"]),
        # an earlier event (past perfect, or dated two years or more before the article): its other parties are not this story's
        ("China pledged $1 billion for the railway in Lao Cai, China's envoy said. Vietnam had signed a deal with Singapore for the port in Hai Phong.",
         None, ["CHN"]),
        ("China pledged $1 billion for the railway in Lao Cai, China's envoy said. Vietnam signed a deal with Singapore for the port in Hai Phong.",
         None, ["CHN", "SGP"]),
        ("China pledged $1 billion for the railway in Lao Cai, China's envoy said. In 2019 Vietnam signed a deal with Singapore for the port in Hai Phong.",
         "2024-05-01", ["CHN"]),
        ("China pledged $1 billion for the railway in Lao Cai, China's envoy said. In 2023 Vietnam signed a deal with Singapore for the port in Hai Phong.",
         "2024-05-01", ["CHN", "SGP"]),
    ],
)
def test_partners_act_with_vietnam_in_the_story(text, published, partners):
    """A country is a partner when it acts with Vietnam in the article's own events: not in a third country's event, nor
    as the other side at sea, nor in an earlier event where it is not the article's lead."""
    result = ingest(text, published=dt.date.fromisoformat(published) if published else None)
    assert sorted({code for c in result.candidates for code in c["entry"]["partners"]}) == sorted(partners)


def test_the_seed_articles_partners_against_the_verified_catalog():
    """On the five seed articles the candidates propose no partner the hand-verified catalog does not name, and miss no
    more than the three they miss: the three they missed before the role rule (the United States in 001 and 004, Japan in
    003). Since rules8 (a list after "both") the United States of 003 is proposed again, from "maintain good relations
    with both China and the US" (rules5 had lost it with "Xi's summit with US President Joe Biden"). A guard that the role
    rule keeps a list's shared verb ("the United States, Japan and other countries continue to increase their
    investment") and a country visited ("visited Laos and Cambodia")."""
    import yaml

    from seeds import SEEDS_DIR

    catalog = yaml.safe_load((SEEDS_DIR / "catalog.yaml").read_text(encoding="utf-8"))
    entries = catalog["entries"] if isinstance(catalog, dict) else catalog
    named: dict[str, set] = {}
    for entry in entries:
        for evidence in entry.get("evidence", []):
            named.setdefault(evidence["article"], set()).update(entry.get("partners", []))
    missed = 0
    for article, partners in sorted(named.items()):
        result = ingest((SEEDS_DIR / f"{article}.txt").read_text(encoding="utf-8"), article_id=article)
        proposed = {code for c in result.candidates for code in c["entry"]["partners"]}
        assert proposed <= partners, (article, proposed - partners)
        missed += len(partners - proposed)
    assert missed <= 3


# ---- rules8: an event in Vietnam whose sentence names no foreign country, in an article about one foreign country
# (named at least three times, twice as often as any other, not in passing), has that country as its partner.
ABOUT_KOREA = ("Korea's Hana Bank bought a stake in BIDV, Korea's embassy said. Korean lenders are expanding across Asia. "
               "The deal was signed in Seoul with Korean officials. ")
BRANCHES = "The bank will invest $1 billion in branches in Da Nang, the lender said."


@pytest.mark.parametrize(
    ("text", "partners"),
    [
        (ABOUT_KOREA + BRANCHES, ["KOR"]),
        # two countries, neither named twice as often as the other: no subject, no partner from the article
        (ABOUT_KOREA + "Japan's banks, Japanese insurers and Japan itself are rivals. " + BRANCHES, []),
        # named once only: no subject
        ("Korea's Hana Bank bought a stake in BIDV. " + BRANCHES, []),
        # at sea the country named most is often the other side of a dispute: never the subject's partner
        (ABOUT_KOREA + "Coast guard ships patrolled the sea off Da Nang after a fishing boat was rammed.", []),
    ],
)
def test_an_event_in_an_article_about_one_country_has_it_as_partner(text, partners):
    result = ingest(text)
    candidate = next(c for c in result.candidates if "Da Nang" in c["entry"]["places"])
    assert candidate["entry"]["partners"] == partners
    assert candidate["valid"], candidate["problems"]  # a partner is sourced by a quote that names it


def test_a_partner_from_the_articles_subject_is_sourced_by_the_first_sentence_naming_it():
    """The event's sentence does not name Korea, so the entry quotes the article's first sentence that does (not in
    passing): without it the catalog would refuse the partner as named in no quote."""
    text = "Markets rose on exports to Korea. " + ABOUT_KOREA + BRANCHES
    candidate = next(c for c in ingest(text).candidates if "Da Nang" in c["entry"]["places"])
    assert [e["quote"] for e in candidate["entry"]["evidence"]] == [BRANCHES, "Korea's Hana Bank bought a stake in BIDV, Korea's embassy said."]


def test_subject_country_needs_three_mentions_and_twice_any_other():
    from ingest.roles import subject_country

    codes = ["VNM", "KOR", "JPN"]
    assert subject_country("Korea, Korea and Korea; Japan.", codes) == "KOR"
    assert subject_country("Korea and Korea; Japan.", codes) is None
    assert subject_country("Korea, Korea, Korea and Korea; Japan, Japan and Japan.", codes) is None
    assert subject_country("Korea, Korea, Korea and Korea; Japan and Japan.", codes) == "KOR"
    assert subject_country("Vietnam, Vietnam and Vietnam.", codes) is None  # Vietnam is home, never a partner
    assert subject_country("", codes) is None
