"""Word lists the engine relies on: verbs of saying, titles, human nouns.

The lists are linguistic (closed classes and common newsroom vocabulary), never names.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Finite verbs of saying usable in an attribution ("X said", "said X", "X warns that").
SPEECH_VERBS = _words(
    """
    acknowledge acknowledged acknowledges added adds admit admits admitted affirmed affirms
    agreed agrees alleged alleges announce announced announces answered argue argued argues
    asked asks asserted asserts assured assures boasted cautioned cautions claim claimed
    claims commented complained complains concede conceded concedes confirm confirmed
    confirms contend contended contends continued countered counters declared declares denied
    denies deny disclosed discloses emphasised emphasises emphasized emphasizes estimate
    estimated estimates explained explains forecast forecasts hinted indicated indicates
    insist insisted insists joked lamented laments maintained maintains mused note noted notes
    observed observes pledged pledges posted predicted predicts projected promised promises
    recalled recalls recounted reiterated reiterates remarked repeated replied replies reply
    reported reports responded responds revealed reveals said say says signaled signalled
    stated states stressed stresses suggested suggests tell tells testified testifies told
    tweeted urged urges vowed vows warn warned warns wondered writes wrote
    """
)

# Verb forms that are also common nouns ("compare notes"): reported speech only with "that".
NOUN_LIKE_VERBS = _words(
    """
    answers calls claim claims continued estimate estimated estimates forecast forecasts
    notes observed pledges posted posts projected promises replies reported reports responds
    stated states vows
    """
)

# Verbs whose subject is a person ("X chairs the board"): a new name before them is a person.
HUMAN_VERBS = _words(
    """
    acknowledged added agreed argued became believes blamed bought called chairs co-founded
    conceded criticised criticized declined described disagreed dismissed farms fears founded
    grew heads hired hopes inherited insisted joined laughed leads lives manages met milks
    nodded owns paused pointed praised recalled rejected remembers represents resigned retired
    runs sat served shook shrugged sighed smiled sold spent spoke started stood studies
    teaches testified thinks traveled travelled tweeted urged visited wants welcomed worked
    works worries wrote
    """
)

# Verbs whose clause may follow without "that" ("she said the plant would close").
BARE_CLAUSE_VERBS = _words(
    """
    acknowledged acknowledges added adds admits admitted argue argued argues claimed claims
    conceded concedes confirmed confirms contended contends countered estimated estimates
    explained explains insisted insists maintained maintains noted notes predicted predicts
    recalled recalls replied said say says stressed stresses suggested suggests tell tells
    told warned warns writes wrote
    """
)

# Verbs that take a whole quotation after them as an audience-less object ("said: ...").
TELL_VERBS = _words(
    """
    assured assures tell telling tells told urged urges
    """
)

# Verbs that report a question: the reported clause starts at "whether".
QUESTION_VERBS = _words(
    """
    asked asks questioned wondered wonders
    """
)

QUESTION_WORDS = _words(
    """
    how if what when where whether who why
    """
)

# Participles that continue an attribution (", saying the goal is ...").
SPEECH_PARTICIPLES = _words(
    """
    acknowledging adding announcing arguing asserting claiming conceding confirming declaring
    denying explaining insisting noting predicting revealing saying stating stressing
    suggesting telling warning
    """
)

# Progressive and perfect forms ("farmers are warning", "officials have said").
AUXILIARIES_BEFORE_SPEECH = _words(
    """
    are had has have is was were
    """
)

# Verbs that frame a partial quotation inside the writer's sentence.
FRAMING_VERBS = _words(
    """
    as branded call called calling calls characterised characterized deemed described
    describes describing dubbed dubs labeled labelled named of pledged promised promises said
    says termed terms urged vowed warned warns
    """
)

PRONOUNS = {"he": "m", "she": "f", "they": "p"}

# Words that can precede a name as (part of) a title, lowercased.
TITLE_WORDS = _words(
    """
    acting affairs agriculture ambassador american analyst and assistant associate attorney
    business canadian capt capt. ceo chair chairman chairperson chairwoman chief col col.
    commerce commissioner company congressman congresswoman councillor councilor dame defence
    defense deputy det det. development director dr dr. economic economist economy employment
    energy environment executive federal finance for foreign former gen gen. general global
    gov gov. governor health house industry innovation intergovernmental interim international
    jobs judge justice king labor labour lawyer leader lord lt lt. mayor mexican minister mla
    mp mpp mr mr. mrs mrs. ms ms. natural of premier president prime prof prof. professor
    provincial public queen rep rep. representative resources safety science secretary sen
    sen. senator senior sgt sgt. sir small speaker spokesman spokesperson spokeswoman state
    supt supt. the trade transport transportation treasury u.s u.s. union us vice vice-
    president workforce agronomist constable detective inspector sergeant superintendent cllr
    cr
    """
)

# Head nouns of titles: a run of title words must contain one of these.
TITLE_HEADS = _words(
    """
    ambassador analyst attorney capt ceo chair chairman chairperson chairwoman chief col
    commissioner congressman congresswoman councillor councilor dame det director dr economist
    executive gen gov governor judge justice king lawyer leader lord lt mayor minister
    minister-designate mla mp mpp mr mrs ms premier president president-elect prof professor
    queen rep representative secretary sen senator sgt sir speaker spokesman spokesperson
    spokeswoman supt treasurer vice-president agronomist constable detective inspector
    sergeant superintendent cllr cr
    """
)

TITLE_ABBREVIATIONS = {
    "Rep.": "Representative",
    "Sen.": "Senator",
    "Gov.": "Governor",
    "Lt.": "Lieutenant",
    "Gen.": "General",
    "Prof.": "Professor",
}

# Singular and plural human head nouns for descriptions ("a senior official").
HUMAN_NOUNS = _words(
    """
    administration adviser advisers advisor advisors advocate advocates agency aide aides
    authorities police prosecutor prosecutors witness witnesses
    ambassador analyst analysts association autoworkers banker bankers builders buyers ceo
    chair chairman chairwoman chief commissioner companies company consultant consultants
    critic critics customers dealer dealers delegate delegates delegation department diplomat
    diplomats director directors economist economists employee employees envoy executive
    executives expert experts exporter exporters farmer farmers fishermen fishers founder
    government governments governor group groups grower growers importer importers industry
    insider insiders investor investors lawmaker lawmakers lawyer lawyers leader leaders
    legislator legislators machinist machinists man manager managers manufacturer
    manufacturers mayor mechanic member members millwright miners minister ministers ministry
    negotiator negotiators observer observers officer officers official officials operator
    operators organizer organizers owner owners partner people person players premier
    president producer producers professor ranchers regulator regulators representative
    representatives researcher researchers resident residents retailer retailers scientist
    scientists secretary senator shareholders source sources spokesman spokespeople
    spokesperson spokespersons spokeswoman staffer staffers steelworkers strategist
    strategists suppliers teacher trader traders union unions voters woman worker workers
    colleague colleagues neighbour neighbours neighbor neighbors wife husband
    """
)

PLURAL_GROUP_NOUNS = _words(
    """
    advisers advisors advocates aides analysts authorities autoworkers bankers builders buyers
    companies police prosecutors witnesses
    consultants critics customers dealers delegates diplomats directors economists employees
    executives experts exporters farmers fishermen fishers governments groups growers
    importers insiders investors lawmakers lawyers leaders legislators machinists managers
    manufacturers members miners ministers negotiators observers officers officials operators
    organizers owners people producers ranchers regulators representatives researchers
    residents retailers scientists shareholders sources spokespeople staffers steelworkers
    strategists suppliers traders unions voters workers
    """
)

# Collective nouns that read as organizations speaking, not people.
ORGANIZATION_NOUNS = _words(
    """
    administration agency association board co-op co-operative commission company cooperative
    council court defence defense department firm government group industry ministry office
    organisation organization panel prosecution tribunal union
    """
)

# Markers that a source asked to stay unnamed.
ANONYMITY_MARKERS = (
    "anonymity",
    "not to be named",
    "not be named",
    "not authorized",
    "not authorised",
    "unauthorized",
    "familiar with",
    "on background",
    "not to be identified",
    "not be identified",
    "unidentified",
    "speaking privately",
    "spoke privately",
    "declined to be named",
    "requested anonymity",
    "insisted on anonymity",
    "who asked",
)

# Nouns for data and documents: "according to industry figures" is not a quote.
DATA_NOUNS = _words(
    """
    accounts agreement analysis budget calculations census charts count data database document
    documents estimate estimates figure figures filing filings forecast forecasts index law
    letter list memo minutes model models notes numbers poll polls projections record records
    release report reporting reports research rules schedule statement statements statistics
    studies study survey surveys tables tally transcript transcripts treaty website
    """
)

TIME_WORDS = _words(
    """
    a after afternoon again also an apr april at aug august before bluntly brief briefing by
    joint press questions radio reply response short television written decision ruling
    afterwards afterward
    judgment judgement filing submission
    conference dec december during e-mail earlier email emailed english evening feb february
    firmly flatly french friday from had has have hearing her his in inside interview its jan
    january jul july jun june just last later letter mar march may monday month morning near
    news next night nov november oct october often on once only outside over phone post
    previously privately publicly quietly reached recent recently release repeatedly saturday
    sep separately sept september simply spanish speech statement still sunday telephone
    tersely the their then this through thursday to today tonight tuesday twice via video
    wednesday week when while with written year yesterday
    """
)

# Words after a verb of saying that announce a phrase before "that" ("said in an email that").
SKIP_BEFORE_THAT = _words(
    """
    after again also at before bluntly by during earlier early firmly flatly frequently friday
    only
    from in inside last late later monday more often on once openly outside over previously
    privately publicly quietly recently repeatedly saturday separately simply sunday then this
    through thursday today tonight tuesday twice via wednesday with yesterday
    """
)

PREPOSITIONS = _words(
    """
    about across after against ahead amid among at before behind between by during following
    for from in inside into like near of on outside over through to under via with
    """
)

# Words that start a sentence but never a name.
FUNCTION_WORDS = _words(
    """
    a about according across after against all also although among an and any april are as
    asked at august back because before between both but by can could dear december despite
    did do does dr during each earlier either even every february for friday from had has have
    he her here his how however i if in instead is it its january july june just last later
    let like many march may meanwhile might monday most mr mrs ms must my neither next no nor
    not november october of oh on once one only or our over per saturday september several she
    should since sir so some still such sunday that the their then there these they this those
    though three thursday to today tuesday two under unless unlike until via was we wednesday
    were what when where whether which while who why will with within without would yes
    yesterday yet you your
    """
)

# Words that mark a capitalised run as a place or organization rather than a person.
NON_PERSON_WORDS = _words(
    """
    accord act agency agreement airport alliance aluminium aluminum american association
    castings chemicals coalition construction engineering logistics manufacturing plastics
    refining statistics textiles trucking
    authority avenue bank bay board bridge building bureau canadian capital center centre
    chinese city club co co-op co. college commission committee company components congress
    consulting cooperative copper corp corp. council county courier court dairy day department
    district east eastern economics energy european exchange farms federation foods forest
    forum fund gazette global group hall herald highway hill holdings hospital house inc inc.
    industries institute international island journal kingdom lake lakes league ledger llc llp
    ltd ltd. lumber market markets metals mexican mill mine mining ministry motor motors
    mountain mountains national nations network news north northern office organisation
    organization park parliament partners party plant policy port post press products province
    region republic research resources review river road sales school securities senate
    services society south southern square state states station steel street subcommittee
    summit systems team technologies territories territory times tower treaty tribune trust
    union university valley week west western wire
    """
)

# Abbreviations after which a period does not end a sentence.
ABBREVIATIONS = _words(
    """
    a.m alta approx apr aug ave b.c blvd calif capt co col corp d.c dec dept det dr e.u est
    etc feb fig fla ft ga gen gov ill inc ind jan jr jul jun lt ltd man mar mass mich minn mr
    mrs ms mt n.b n.c n.s n.y nfld no nov oct ohio ont ore p.e.i p.m pa prof que rd rep s.c
    sask sen sep sept sgt sr st ste supt tex u.k u.n u.s va vs wash wis
    """
)

# Articles and quantifiers dropped from the front of an unnamed-source label.
LABEL_DROP = _words(
    """
    a an another few five four her his its many one other our several some the their three two
    """
)
