"""Word lists the rules share. General English and AP style only: no story's names here."""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Titles that come before a person's name ("Sheriff Ana Ruiz", "Dr. Lee").
TITLES = words("""
    Mr Mrs Ms Miss Mx Dr Prof Professor Rev Reverend Father Sister Brother Pastor Rabbi Imam
    Sen Senator Rep Representative Gov Governor Lt Sgt Sergeant Capt Captain Cpl Corporal
    Gen General Col Colonel Maj Major Adm Admiral Cmdr Commander Officer Deputy Sheriff
    Detective Det Chief Inspector Constable Trooper Agent Marshal Judge Justice Magistrate
    Mayor President Vice Chancellor Secretary Minister Ambassador Commissioner Councilman
    Councilwoman Councilmember Alderman Superintendent Principal Coach Dean Director
    Attorney Atty Prosecutor Sir Dame Lord Lady King Queen Prince Princess Pope Bishop
    Cardinal Nurse Firefighter Pvt Private Speaker Premier Chairman Chairwoman Chair
    Supt Insp Sgt.Maj
    Executive Analyst Assistant Associate Acting Interim Spokesperson Spokesman Spokeswoman
    Writer Reporter Editor Correspondent Columnist Manager Coordinator Administrator Treasurer
    Clerk Trustee Assemblyman Assemblywoman Assemblymember Delegate Economist Researcher Host
    """)

# Abbreviations that end in a period but do not end a name run ("Dr. Ana Ruiz").
TITLE_ABBREVIATIONS = words(
    "Mr Mrs Ms Dr Prof Rev Sen Rep Gov Lt Sgt Capt Cpl Gen Col Maj Adm Cmdr Det Atty Pvt Supt Insp"
)

# A capitalised run containing one of these is an organisation, a place or a thing.
ORG_WORDS = words("""
    School Schools University College Academy Institute County City Town Village Township
    State States Department Dept Office Association Union Federation League Company Co Inc
    Corp Corporation Ltd LLC Group Holdings Partners Bank Fund Trust Foundation Society Club
    Party Church Cathedral Mosque Temple Synagogue Hospital Clinic Center Centre Court Courts
    Council Committee Commission Board Agency Bureau Authority Administration Service Services
    Police Sheriff’s Sheriff's Force Army Navy Corps Guard Senate Congress House Parliament
    Assembly Legislature Ministry Cabinet Government Republic Kingdom Street St Avenue Ave Road
    Rd Boulevard Blvd Lane Drive Highway Interstate Route Building Tower Plaza
    Square Gardens Stadium Arena Airport Station Harbor Harbour Bay Beach
    River Lake Creek Mountain Mountains Valley Island Islands Coast Ocean Sea Gulf Desert
    Forest Canyon Museum Library Theater Theatre Gallery Times News Journal Herald
    Tribune Sentinel Gazette Chronicle Examiner Observer Press Review Magazine Daily Weekly
    Network Radio Television TV Channel Studios Records Entertainment Media Labs Systems
    Technologies Airlines Motors Energy Act Amendment Treaty Accord Prize Award Awards
    Cup Championship Games Olympics Festival Conference Summit Day Week Month War Revolution
    Church’s Middle High Elementary Primary Secondary Memorial Medical Regional National
    International Federal Central Northern Southern Eastern Western
    Democrats Republicans Democratic Republican Party’s Catholic Muslim Christian Jewish
    Facebook Twitter Instagram TikTok YouTube Google Apple Amazon Microsoft
    Foods Brands Industries Pharmaceuticals Capital Financial Insurance Health Healthcare
    Communications Airways Stores Markets Restaurants Hotels Resorts Properties Realty
    Electric Oil Gas Chemical Chemicals Solutions Software Networks Pharma Therapeutics
    Biosciences Logistics Enterprises Ventures Organization Organisation Programme Program
    Initiative Coalition Alliance Forces Wars Rights Watch Affairs Plans Exchange Reserve
    Securities Investments Bancorp Fire Project Hurricane
    Arabia Rica Lanka Kong Rico Leone Faso Zealand Emirates Aires Janeiro Angeles Vegas
    Moines Rouge Springs Falls Heights
    """)

MONTHS = {
    "January": "Jan.",
    "February": "Feb.",
    "March": "March",
    "April": "April",
    "May": "May",
    "June": "June",
    "July": "July",
    "August": "Aug.",
    "September": "Sept.",
    "October": "Oct.",
    "November": "Nov.",
    "December": "Dec.",
}
MONTH_WORDS = frozenset(
    [*MONTHS, "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"]
)
DAYS = words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")

# (name, postal code, AP abbreviation); AP never abbreviates the eight whose two are equal.
STATES = [
    ("Alabama", "AL", "Ala."),
    ("Alaska", "AK", "Alaska"),
    ("Arizona", "AZ", "Ariz."),
    ("Arkansas", "AR", "Ark."),
    ("California", "CA", "Calif."),
    ("Colorado", "CO", "Colo."),
    ("Connecticut", "CT", "Conn."),
    ("Delaware", "DE", "Del."),
    ("Florida", "FL", "Fla."),
    ("Georgia", "GA", "Ga."),
    ("Hawaii", "HI", "Hawaii"),
    ("Idaho", "ID", "Idaho"),
    ("Illinois", "IL", "Ill."),
    ("Indiana", "IN", "Ind."),
    ("Iowa", "IA", "Iowa"),
    ("Kansas", "KS", "Kan."),
    ("Kentucky", "KY", "Ky."),
    ("Louisiana", "LA", "La."),
    ("Maine", "ME", "Maine"),
    ("Maryland", "MD", "Md."),
    ("Massachusetts", "MA", "Mass."),
    ("Michigan", "MI", "Mich."),
    ("Minnesota", "MN", "Minn."),
    ("Mississippi", "MS", "Miss."),
    ("Missouri", "MO", "Mo."),
    ("Montana", "MT", "Mont."),
    ("Nebraska", "NE", "Neb."),
    ("Nevada", "NV", "Nev."),
    ("New Hampshire", "NH", "N.H."),
    ("New Jersey", "NJ", "N.J."),
    ("New Mexico", "NM", "N.M."),
    ("New York", "NY", "N.Y."),
    ("North Carolina", "NC", "N.C."),
    ("North Dakota", "ND", "N.D."),
    ("Ohio", "OH", "Ohio"),
    ("Oklahoma", "OK", "Okla."),
    ("Oregon", "OR", "Ore."),
    ("Pennsylvania", "PA", "Pa."),
    ("Rhode Island", "RI", "R.I."),
    ("South Carolina", "SC", "S.C."),
    ("South Dakota", "SD", "S.D."),
    ("Tennessee", "TN", "Tenn."),
    ("Texas", "TX", "Texas"),
    ("Utah", "UT", "Utah"),
    ("Vermont", "VT", "Vt."),
    ("Virginia", "VA", "Va."),
    ("Washington", "WA", "Wash."),
    ("West Virginia", "WV", "W.Va."),
    ("Wisconsin", "WI", "Wis."),
    ("Wyoming", "WY", "Wyo."),
]
STATE_BY_POSTAL = {postal: (name, ap) for name, postal, ap in STATES}
# A capitalised run that starts with one of these is a place ("Fort Myers", "New Haven").
PLACE_PREFIXES = words(
    "New Old Upper Lower Greater North South East West Saint St San Santa Los Las El Fort Ft "
    "Mount Mt Port Point Pt Lake Cape Glen Palm Coral Des Baton Tropical Typhoon Cyclone"
)

# Function words: a capitalised run containing one is not a person's name ("At Home").
FUNCTION_WORDS = words("""
    a an the and or but nor so yet of in on at to for from by with about as into onto upon
    over under after before during since until than then this that these those there here
    it its is are was were be been being has have had do does did not no if when while
    where why how what which who whom whose all any each every some such both either
    neither our your their his her my we you they he she i me us them
    without within against through across among toward towards via per
    """)

# Words that open sentences and are not names; a capitalised sentence opener in this list
# is dropped from the front of a name run ("After Ana Ruiz left" → "Ana Ruiz").
COMMON_OPENERS = FUNCTION_WORDS | words("""
    according after again against also although among another anyway around because
    before besides despite during earlier email even eventually finally first following
    furthermore however instead last later late like meanwhile moreover most much nearly
    never next now often once only other otherwise perhaps please previously rather
    recently second several since soon still sometimes therefore though thus today tomorrow
    together too under unlike until usually well what whatever whenever where wherever
    whether while within without yesterday yes call contact send write visit follow sign
    subscribe read watch click share get find see join tell ask let make take give keep
    many more few one two three four five six seven eight nine ten new former
    will would can could should may might must shall is are was were does did has have
    officials police authorities sources experts critics residents witnesses people
    born raised named known dubbed called citing including excluding asked speaking
    describing amid
    """)

# Name particles that may sit lower-case inside a full name ("Ana de la Vega").
PARTICLES = words("de la del della der den di da van von bin ibn al el le du dos das")
SUFFIXES = words("Jr Sr II III IV")

SPEECH_VERBS = words("""
    said says say told tells added adds asked asks wrote writes explained explains recalled
    recalls continued continues argued argues insisted insists noted notes agreed agrees
    warned warns replied replies responded responds stated states declared declares tweeted
    posted echoed echoes remarked remarks acknowledged acknowledges admitted admits conceded
    concedes testified testifies announced announces confirmed confirms denied denies
    claimed claims shouted yelled whispered according commented comments stressed stresses
    revealed reveals suggested suggests maintained maintains urged urges predicted predicts
    promised promises vowed vows reckoned reckons joked jokes laughed quipped complained
    complains boasted boasts observed observes countered counters cautioned cautions pledged
    reiterated reiterates emphasised emphasized emphasises emphasizes mused wondered
    exclaimed cried told
    """)

PREPOSITIONS = words("""
    at to of in on for from by with about into onto upon over under via per than as
    between among through toward towards against without within including like
    """)
ARTICLES = words("a an the")
CONJUNCTIONS = words("and or but nor")
DETERMINERS = words("my your his her its our their this that these those")
