"""Is a run of capitalised words a person? Evidence from how news English introduces people.

A capitalised run is a person only when something in the story says so: a title or a role
before it ("Mr", "coach", "chief executive"), a verb of saying beside it ("…, Smith said"),
an age ("Smith, 34,"), a relative clause that only people take ("Smith, who …"), an initial
("G Smith"), an apposition that gives a role ("Smith, the club's chairman"), or a later
mention with a courtesy title ("Ms Smith"). It is not a person when the words around it
say it is something else: an organisation word or suffix inside it ("Holdings"), a word
after it that only groups take ("Smith band", "Smith-based", "Smith boss"), an article
before it ("the Smith"), a nationality, party or place word.

Measured against spaCy's small English model and name lists on hand-labelled runs from
real news (see the README): evidence rules keep the cast precise, which is what the name
checks need (a company in the cast makes every later mention of it a "first name").
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from review.checks import lexicon as lx
from review.checks.lexicon import words

# Lower-case role nouns that stand right before a name: "coach Andy Robinson", "Tory leader
# Michael Howard", "chief executive Ana Ruiz". A hyphenated role counts as one word.
ROLE_NOUNS = words("""
    leader chairman chairwoman chair president secretary minister spokesman spokeswoman
    spokesperson director executive officer chief boss manager coach trainer captain skipper
    player striker winger defender midfielder goalkeeper keeper forward centre center flanker
    prop hooker lock fly-half scrum-half full-back wing back bowler batsman
    batter opener all-rounder wicket-keeper wicketkeeper spinner pitcher quarterback seed
    champion medallist medalist runner sprinter hurdler jumper swimmer cyclist rider driver
    jockey boxer golfer actor actress singer songwriter rapper musician guitarist drummer
    bassist star comedian comic presenter host broadcaster dj director producer writer
    author novelist poet playwright screenwriter artist designer photographer filmmaker
    film-maker reporter correspondent editor columnist journalist critic analyst economist
    strategist researcher scientist professor lecturer teacher student pupil doctor surgeon
    nurse lawyer barrister solicitor attorney judge magistrate prosecutor detective officer
    constable inspector sergeant superintendent commissioner governor mayor senator
    congressman congresswoman councillor councilor alderman mp mep msp am peer lord
    chancellor premier ambassador envoy diplomat adviser advisor aide official founder
    co-founder owner partner investor financier entrepreneur banker trader campaigner
    activist chairman-elect candidate nominee deputy vice-president vice-chairman
    treasurer clerk trustee bishop archbishop vicar priest pastor rabbi imam cardinal
    pope king queen prince princess duke duchess earl baroness baron spokesman-elect
    veteran newcomer rookie debutant youngster teenager mother father son daughter wife
    husband brother sister uncle aunt grandmother grandfather widow boyfriend girlfriend
    fiance fiancee colleague friend compatriot team-mate teammate rival opponent
    victim suspect defendant claimant plaintiff witness survivor resident worker
    shopper fan supporter member colleague counterpart successor predecessor
    pianist violinist conductor composer dancer choreographer model
    """)

# Capitalised words that introduce a person as a title does: "Swede Daniel Persson",
# "Briton Kathy Butler", "Democrat John Kerry", "Tory Michael Howard".
PERSON_PREFIXES = words("""
    Briton Britons Swede Swedes Danes Finns Scots Welshman Welshwoman
    Irishman Irishwoman Englishman Englishwoman Frenchman Frenchwoman Dutchman Dutchwoman
    Spaniard Spaniards Pole Poles Turk Turks Greek Greeks Kenyan Kenyans Ethiopian
    Ethiopians American Americans Australian Australians Canadian Canadians German Germans
    Italian Italians Russian Russians Brazilian Brazilians Argentine Argentines Argentinian
    Belgian Belgians Czech Czechs Serb Serbs Croat Croats Nigerian Nigerians
    Democrat Democrats Republican Republicans Tory Tories Conservative Labour Liberal
    Youngster Youngsters Veteran Newcomer Rookie Compatriot Compatriots Teammate
    Skipper Captain Striker Midfielder Defender Goalkeeper Winger Flanker Prop Centre
    Wing Hooker Lock Seed Champion Rival Actor Actress Singer Star Presenter Comedian
    """)

# Nationalities, peoples and parties: a run made of them is never a person.
NATIONALITIES = words("""
    British English Scottish Welsh Irish Northern American Canadian Mexican Brazilian
    Argentine Argentinian Chilean Colombian Peruvian Venezuelan Cuban Jamaican French German
    Dutch Belgian Swiss Austrian Italian Spanish Portuguese Greek Turkish Cypriot Maltese
    Danish Swedish Norwegian Finnish Icelandic Polish Czech Slovak Hungarian Romanian
    Bulgarian Serbian Croatian Bosnian Slovenian Albanian Ukrainian Russian Belarusian
    Georgian Armenian Lithuanian Latvian Estonian Israeli Palestinian Lebanese Syrian
    Iraqi Iranian Saudi Kuwaiti Emirati Qatari Yemeni Jordanian Egyptian Libyan Tunisian
    Algerian Moroccan Sudanese Ethiopian Kenyan Ugandan Tanzanian Nigerian Ghanaian
    Senegalese Ivorian Cameroonian Congolese Angolan Zambian Zimbabwean South African
    Indian Pakistani Bangladeshi Sri Lankan Nepalese Afghan Chinese Japanese Korean
    Taiwanese Vietnamese Thai Malaysian Singaporean Indonesian Filipino Australian
    Kiwi Asian African European Arab Latin Caribbean Scandinavian Nordic Baltic Balkan
    Western Eastern Southern Middle Pacific Atlantic Mediterranean Gulf Celtic Anglo
    Catholic Protestant Anglican Muslim Christian Jewish Hindu Sikh Buddhist Islamic
    Labour Tory Tories Conservative Conservatives Liberal Liberals Lib Dem Dems Democrat
    Democrats Democratic Republican Republicans Greens Socialist Socialists
    Nationalist Nationalists Unionist Unionists Communist Communists Independent
    Briton Britons Yankee Yankees Brit Brits Gunners Blues Reds Saints Magpies Hammers
    Olympic Olympics Paralympic Commonwealth Nobel Oscar Oscars Grammy Grammys Bafta
    Baftas Emmy Emmys Golden Globe Globes Brit Brits Test Tests Premiership Premier
    Championship Cup League Open Series Trophy Grand Slam Slams Games
    """)

# Lower-case words that, straight after a capitalised run, make it a group or a place:
# "Liverpool band", "Chelsea boss", "Jupiter Research analyst", "Canada-based", "Sony shares".
GROUP_FOLLOWERS = words("""
    band group firm company companies bank banks airline carrier club clubs side team
    squad fans supporters players boss bosses manager coach striker chairman chief
    executive executives spokesman spokeswoman spokesperson official officials shares
    stock stocks shareholders investors customers users staff workers employees unit
    division subsidiary brand brands party government ministry council authorities police
    army forces troops city town village county region province state border capital
    economy market markets league cup final derby game games match matches fixture tour
    series squad international internationals striker defender midfielder goalkeeper
    winger captain skipper legend legends star stars analyst analysts researcher
    researchers report study survey index figures data office offices headquarters
    plant factory factories store stores shop shops site website network channel
    programme program show album single record label film movie festival awards award
    ceremony prize tournament championship race event conference summit campaign
    deal merger takeover bid offer contract sponsor sponsors sponsorship kit stadium
    ground arena parliament assembly election elections voters residents people
    citizens nationals counterpart counterparts delegation embassy consulate
    """)

# After a possessive only these make the run a company: "Sony's shares", not "Ruiz's band".
_POSSESSIVE_ORG = words("""
    shares stock shareholders subsidiary subsidiaries headquarters customers branches
    profits profit revenues revenue sales earnings turnover stores factories plants
    """)
_FOLLOWER = re.compile(r"(['’]s)?\s([a-z][a-z-]*)")

# Prepositions of place: "at Viking Stavanger" is a club, whatever its first word.
PLACE_BEFORE = re.compile(r"\b(?:in|at|near|outside|across|around|across|throughout)\s$", re.I)

# Organisation suffixes and words that lexicon.ORG_WORDS does not already hold.
ORG_EXTRA = words("""
    Plc PLC plc Limited Incorporated AG SA NV GmbH BV AB ASA SpA Oyj Pty Bhd
    FC AFC United Rovers Athletic Wanderers Albion Hotspur Argyle Rangers Celtic
    Town Olympique Sporting Racing Dynamo Lokomotiv Spartak Real Inter
    Management Research Telecom Telecoms Motor Motors Airways Aviation Steel Mining
    Entertainment Pictures Films Productions Publishing Books Music Sound Games Gaming
    Pharmacy Retail Group Holdings Capital Partners Associates Consulting Consultants
    Agency Institute Laboratory Laboratories Cooperative Federation Confederation
    Commission Tribunal Inquiry Review Report Programme Scheme Index Exchange
    Championships Grand Prix Classic Marathon Derby Trophy Shield Series Tour
    Olympics Olympic Paralympics Games Awards Festival Prize Cup League Premiership
    Party Front Movement Coalition Alliance Union Unions Congress
    Times Post Mail Mirror Express Telegraph Guardian Independent Standard Echo
    Online Digital Mobile Wireless Broadband Internet Web Net Com Technology Tech
    Brothers Sisters Sons Televisions Multimedia Interactive Networks Studios Pictures
    """)

# Family names that come first in the name as East Asian English-language copy often
# writes it ("Chen Wei … Chen said"); only used to decide which half is the surname when
# the story's later mentions use the first word alone.
FAMILY_FIRST = words("""
    Chen Wang Li Zhang Liu Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Luo Gao
    Zheng Liang Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang
    Yu Du Ye Cheng Wei Su Lu Ding Ren Shen Yao Jin Fu Cui Zou Xiong Qiu Qin Jia Xue Yan Hou
    Lei Long Duan Hao Kong Shao Shi Mao Wan Gu Lai Kang Yin Qian Niu Hong Gong Wen Fang
    Kim Lee Park Choi Jung Cho Yoon Jang Lim Oh Seo Shin Kwon Hwang Ahn Yoo Jeon Ko Moon
    Son Bae Baek Heo Nam Roh Ha Kwak Sung Cha Joo Woo Min Ryu Na Ji Eom Chae Won Bang
    Nguyen Tran Le Pham Hoang Huynh Phan Vu Vo Dang Bui Do Ho Ngo Duong Ly
    """)

# Countries and big places that are also given names ("Jordan", "Georgia", "Victoria"):
# as the first word of a run they are not evidence of a first name.
PLACES = words("""
    Afghanistan Albania Algeria Andorra Angola Argentina Armenia Australia Austria
    Azerbaijan Bahrain Bangladesh Belarus Belgium Belize Benin Bhutan Bolivia Bosnia
    Botswana Brazil Brunei Bulgaria Burundi Cambodia Cameroon Canada Chad Chile China
    Colombia Congo Croatia Cuba Cyprus Denmark Djibouti Dominica Ecuador Egypt Eritrea
    Estonia Ethiopia Fiji Finland France Gabon Gambia Georgia Germany Ghana Greece Grenada
    Guatemala Guinea Guyana Haiti Honduras Hungary Iceland India Indonesia Iran Iraq Ireland
    Israel Italy Jamaica Japan Jordan Kazakhstan Kenya Kosovo Kuwait Laos Latvia Lebanon
    Lesotho Liberia Libya Lithuania Luxembourg Madagascar Malawi Malaysia Maldives Mali
    Malta Mauritius Mexico Moldova Monaco Mongolia Montenegro Morocco Mozambique Myanmar
    Namibia Nepal Netherlands Nicaragua Niger Nigeria Norway Oman Pakistan Panama Paraguay
    Peru Philippines Poland Portugal Qatar Romania Russia Rwanda Samoa Scotland Senegal
    Serbia Singapore Slovakia Slovenia Somalia Spain Sudan Sweden Switzerland Syria Taiwan
    Tanzania Thailand Togo Tonga Tunisia Turkey Uganda Ukraine Uruguay Uzbekistan Vanuatu
    Venezuela Vietnam Wales Yemen Zambia Zimbabwe England Britain Europe Africa Asia America
    London Paris Berlin Madrid Rome Moscow Washington Sydney Melbourne Brisbane Perth
    Adelaide Victoria Dallas Houston Austin Phoenix Denver Boston Chicago Atlanta Detroit
    Miami Orlando Florence Milan Naples Venice Geneva Vienna Dublin Belfast Cardiff
    Edinburgh Glasgow Manchester Liverpool Leeds Chester Lincoln Derby Preston Hull York
    Carolina Virginia Florida Indiana Montana Nevada Dakota Tennessee Kentucky Ohio Texas
    Santa Santiago Lima Havana Cairo Tokyo Beijing Shanghai Delhi Mumbai Seoul Manila
    """)

# Contractions and pronouns that a run can catch after an opening quotation mark.
_PRONOUNS = frozenset(
    w.lower()
    for w in words("I I'm I've I'd I'll We We're We've We'd He's She's It's They're You're")
)

_SPEECH = "|".join(sorted(lx.SPEECH_VERBS - {"according"}))
# "Ana Ruiz said", "Ruiz, 34, said", "Ruiz, the club's owner, said"
_SAYS_AFTER = re.compile(
    rf"(?:,\s(?:\d{{1,3}}|[^,]{{1,60}}),)?\s(?:has\s|had\s|have\s|also\s|then\s|later\s)?"
    rf"(?:{_SPEECH})\b"
)
# "said Ana Ruiz", "says Ruiz"
_SAYS_RIGHT_BEFORE = re.compile(rf"\b(?:{_SPEECH})\s$")
_AGE = re.compile(r",\s\d{1,3},|\s\(\d{1,3}\)|,\s(?:aged\s)\d{1,3}\b")
_WHO = re.compile(r",\s(?:who|whose)\b|\s(?:himself|herself)\b")
_APPOSITION = re.compile(
    r",\s(?:the|a|an|his|her|their|its|our)\s(?:[\w'’-]+\s){0,4}?(?:"
    + "|".join(sorted(ROLE_NOUNS - {"back", "number", "wing", "lock", "seed", "star", "son"}))
    + r")\b"
    r"|,\s(?:[\w'’-]+\s){0,2}?(?:"
    + "|".join(sorted({"chief", "managing", "head", "vice"}))
    + r")\s"
)
_NAME_WORD = re.compile(r"[A-Z][^\W\d_]*(?:[’'-][^\W\d_]+)*$|[A-Z]\.?$")


def is_pronoun(word: str) -> bool:
    return word.lower().replace("’", "'") in _PRONOUNS


def is_initial(word: str) -> bool:
    return len(word.rstrip(".")) == 1 and word[0].isupper()


def non_person_word(word: str) -> bool:
    """A word that no person's name holds: an organisation, place, period or nationality."""
    return (
        word in lx.ORG_WORDS
        or word in ORG_EXTRA
        or word in lx.MONTH_WORDS
        or word in lx.DAYS
        or word in NATIONALITIES
        or word.lower() in lx.FUNCTION_WORDS
        or is_pronoun(word)
    )


def group_after(text: str, end: int) -> bool:
    """The run is followed by a word that makes it a group, place or thing."""
    if text.startswith(("-based", "’s-based", "-born", "-led", "-owned", "-listed"), end):
        return True
    match = _FOLLOWER.match(text, end)
    if match is None:
        return False
    word = match.group(2)
    return word in _POSSESSIVE_ORG if match.group(1) else word in GROUP_FOLLOWERS


def role_before(text: str, start: int) -> bool:
    """A role noun (or a name prefix) right before: "coach Andy Robinson"."""
    before = text[max(0, start - 40) : start]
    if not before.endswith(" "):
        return False
    parts = before.split()
    if not parts:
        return False
    word = parts[-1].strip("(“\"‘'")
    return word.lower() in ROLE_NOUNS or word in PERSON_PREFIXES


def evidence(text: str, start: int, end: int) -> str:
    """The strongest sign in the sentence that text[start:end] names a person, or ""."""
    after = text[end : end + 120]
    before = text[max(0, start - 40) : start]
    comma = after.startswith(",")
    if (comma or after.startswith(" (")) and _AGE.match(after):
        return "age"
    if _WHO.match(after):
        return "who"
    if _SAYS_AFTER.match(after) or _SAYS_RIGHT_BEFORE.search(before):
        return "says"
    if role_before(text, start):
        return "role"
    if comma and _APPOSITION.match(after):
        return "apposition"
    return ""


def says_near(text: str, start: int, end: int) -> bool:
    return bool(_SAYS_AFTER.match(text, end) or _SAYS_RIGHT_BEFORE.search(text, 0, start))


@cache
def first_names() -> frozenset[str]:
    """Given names from gender-guesser's name dictionary (about 45,000 names from many
    countries, read as a plain list: nothing here guesses anyone's gender). Empty if the
    package is missing, and the cast then runs on the other evidence alone."""
    try:
        data = resources.files("gender_guesser").joinpath("data/nam_dict.txt").read_bytes()
    except (ModuleNotFoundError, FileNotFoundError):
        return frozenset()
    names = set()
    for line in data.decode("utf-8").splitlines():
        if line[:1] not in ("#", "=", "") and len(line) > 4:
            names.add(line[3:29].strip().replace("+", "-"))
    return frozenset(names)


def known_first_name(word: str) -> bool:
    return word in first_names() and word not in PLACES and word not in NATIONALITIES


def name_shaped(word: str) -> bool:
    return bool(_NAME_WORD.match(word)) and not non_person_word(word)
