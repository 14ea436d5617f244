"""Word lists for the sentence segmenter: abbreviations by how they behave, and starters.

Abbreviations are stored without their final period and matched case-sensitively ("Sat."
may be Saturday, "sat." never is), except where a list says otherwise. Each list answers
one question the segmenter asks about "abbrev. Next".
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Titles and place prefixes that stand before a name and so never end a sentence inside a
# paragraph: "Gov. Ron DeSantis", "Ft. Lauderdale", "Mt. Fuji".
TITLES = _words(
    """
    Mr Mrs Ms Mx Messrs Mmes Dr Drs Prof Profs Rev Revs Hon Pres Gov Govs Lt Sen Sens Rep Reps
    Gen Col Maj Capt Cmdr Adm Brig Sgt Cpl Pvt Pfc Spc Ens Det Insp Supt Atty Dep Ofc Msgr Fr
    Mt Ft Sec Secs Asst Amb Cong Treas Gens
    """
)

# Abbreviations that announce what follows and never close a sentence.
NEVER_FINAL = _words("e.g i.e vs v viz cf Vs Cf Viz E.g I.e")

# Time abbreviations: a clock time usually closes its clause, so "at 6 p.m. Mr. Smith left"
# splits unless a time word follows ("5 p.m. Tuesday", "5 p.m. EST").
TIME = _words("a.m p.m A.M P.M")
TIME_FOLLOWERS = _words(
    """
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mon Tue Tues Wed Thu Thur Thurs
    Fri Sat Sun January February March April May June July August September October November
    December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec ET EST EDT CT CST CDT MT MST MDT
    PT PST PDT AKST AKDT HST GMT UTC BST CET CEST Eastern Central Mountain Pacific Atlantic
    Alaska Hawaii Greenwich
    """
)
# A sentence that starts "At 5 a.m." is still in its opening phrase: "At 5 a.m. Mr. Smith left."
INTRO_WORDS = _words(
    """
    at by before after until till around about since from shortly just starting beginning
    on until approximately roughly nearly almost
    """
)

# US state abbreviations (AP style and common variants). After "City, " they close the
# place name, so a capitalised word that follows starts a new sentence.
STATES = _words(
    """
    Ala Ariz Ark Calif Cal Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich Minn Miss
    Mo Mont Neb Nebr Nev N.H N.J N.M N.Y N.C N.D Okla Ore Oreg Pa Penn R.I S.C S.D Tenn Tex
    Va Vt Wash W.Va Wis Wisc Wyo D.C
    """
)
# Words that may follow "City, St." inside one sentence: "Washington, D.C. Mayor Bowser".
STATE_FOLLOWERS = _words(
    """
    Mayor Police Sheriff County City State Fire Schools School Public District Attorney
    University College High Department Council Councilman Councilwoman Democrat Democrats
    Republican Republicans Democratic Republican Legislature Senate House Airport Port Metro
    """
)

# Abbreviations that may end a sentence or stand inside one ("Apple Inc. CEO", "the U.S.
# Navy"); they end it only when a typical sentence starter follows. Dotted acronyms (U.S.,
# J.R.R.) and single initials behave the same way and are recognised by shape.
AMBIGUOUS = (
    _words(
        """
    Jr Sr Inc Co Cos Corp Ltd Bros Assn Assoc Dept Univ Intl Natl Mfg Plc
    St Ste Ave Blvd Rd Hwy Rte Ln Pkwy Ct Sq Pl Ter Cir
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Tues Wed Thu Thur Thurs Fri
    etc Etc al approx Approx est Est Mme Mlle Esq Ph.D M.D
    """
    )
    | STATES
)

# Abbreviations that stand before a number: "No. 1", "p. 55", "N°. 1026".
NUMBER_PREFIXES = _words(
    """
    No no Nos nos N° n° Nº nº p pp P Pp Vol vol Vols vols Ch ch Fig fig Figs figs Art art Arts
    Para para Ex ex Op op Apt apt Rm rm Tel tel Ext ext Ed ed Pg pg Sec sec Nr nr Rt
    """
)

# Capitalised words that typically open a sentence and rarely follow an abbreviation inside
# one: pronouns, articles and determiners, conjunctions, sentence adverbs, prepositions,
# question words and auxiliaries. Deliberately absent: words that are also names or that
# follow abbreviations as modifiers ("Will", "May", "Mark", "First", "New", "Police").
STARTERS = _words(
    """
    I He She It We They You His Her Its Our Their My Your Him Them Us Me
    There Here This That These Those Who What When Where Why How Which Whose Whom Whatever
    Whoever Wherever Whenever
    The A An Some Many Most Much More Less All Each Every Both Few Several Such Another Other
    Others No None Nobody Nothing Everyone Everybody Everything Someone Somebody Something
    Anyone Anybody Anything Any Neither Either
    And But Or Nor So Yet However Meanwhile Still Also Then Now Later Earlier Instead Indeed
    Moreover Furthermore Nevertheless Nonetheless Thus Therefore Hence Although Though Because
    While Whereas If Unless Once As Even Only Not Just Finally Last Next Today Yesterday
    Tomorrow Tonight Yes Please Otherwise Overall Perhaps Maybe Afterward Afterwards
    Eventually Ultimately Currently Previously Recently Initially Additionally Similarly
    Likewise Specifically Separately Elsewhere Again Regardless Rather Besides Anyway
    Asked Experts Officials Authorities
    In On At By For From With Without Of To After Before During Despite Since Until Under
    Over Among Amid Against Through Throughout Within About Around Across Along Between
    Beyond Following According Unlike Like Upon Into Toward Towards Inside Outside
    Is Are Was Were Did Do Does Has Have Had Would Could Should Let
    """
)

# Line endings that continue onto the next line (a single line break after them is a wrap).
CONTINUATIONS = _words(
    """
    a an the and or but nor of to in on at by for from with as than that which who whom
    whose into onto upon about over under between said says is are was were be been has
    have had will would could should may might can must not its his her their our my your
    this these those very
    """
)
