// placematch web page: a small script over the JSON API, no framework and no external
// assets. Every value from the server is inserted as text (never as HTML). Texts about
// children and sites (reasons, flags, gaps, element names) come from the server in the chosen
// language; this file holds only the labels of the page itself.
"use strict";

const LABELS = {
  da: {
    role_coordinator: "koordinator",
    role_planner: "planlægger",
    role_auditor: "kontrolbruger",
    cmd_children: "liste over børn",
    cmd_shortlist: "kortliste",
    cmd_score: "scoring af alle par",
    cmd_assign: "fordeling",
    cmd_compare: "sammenligning af scenarier",
    cmd_decide: "afgørelse",
    "cmd_audit extract": "udtræk af adgange",
    "cmd_report fairness": "rapport om ligebehandling",
    "cmd_report recruit": "rapport om nye pladser",
    "cmd_report outcomes": "rapport om udfald",
    cmd_case: "sagsforløb",
    cmd_conversation: "samtale med barnet",
    cmd_views: "synspunkter og samtykke",
    cmd_due: "opfølgninger",
    cmd_inquire: "forespørgsel til steder",
    cmd_respond: "svar fra et sted",
    cmd_followup: "opfølgning",
    denied: "afvist: {what}",
    dim_all: "alle",
    dim_region: "region",
    dim_age_band: "alder",
    dim_sex: "køn",
    group_all: "alle",
    sex_f: "pige/kvinde",
    sex_m: "dreng/mand",
    sex_x: "andet",
    sex_unknown: "ikke oplyst",
    age_years: "{band} år",
    skip: "Gå til indhold",
    recommends: "placematch giver et forslag. Kommunen træffer afgørelsen. Markeringer viser lovens udgangspunkter (eller kommunens politik), som ikke er opfyldt, og som kræver en begrundelse.",
    language: "Sprog",
    purpose: "Formål med opslaget (kræves, når serveren logger adgang)",
    login_heading: "Log ind",
    token: "Adgangsnøgle (bearer token)",
    sign_in: "Log ind",
    log_out: "Log ud",
    recruit_heading: "Hvor gør én plads mere mest gavn?",
    recruit_intro: "Beregnes for scenarie A. Hver gevinst er efterprøvet ved at løse fordelingen igen med pladsen.",
    recruit: "Find de bedste nye pladser",
    recruit_none: "Ingen af de efterprøvede pladser ændrer fordelingen.",
    map_title: "Danmark: hvor børn mangler et sted, og hvor én plads mere er efterprøvet",
    map_legend: "Røde cirkler: børn og unge uden sted i deres hjemkommune (arealet vokser med antallet). Blå mærker: kommuner med et sted, hvor én plads mere er efterprøvet; tallet er stedets nummer i listen ovenfor. Kortgrundlag: Natural Earth.",
    map_unplaced: "{town}: {n} uden sted",
    map_where: "Kort: hjem og steder",
    map_where_legend: "Sort firkant: barnets hjemkommune. Blå cirkler: stederne med deres nummer på listen. Punkterne står ved kommunens midtpunkt.",
    map_site: "Nr. {rank}: {id} i {town}",
    map_home: "Barnets hjemkommune: {town}",
    recruit_unplaced: "Børn uden anbringelsessted, efter hjemregion",
    recruit_groups: "Søskendeflokke, der ikke holdes samlet",
    recruit_group: "{size} børn, Region {region} ({placed} anbragt)",
    recruit_missing: "Kompetencer, der oftest mangler hos anbragte børns steder",
    signed_in: "Logget ind som {user} ({roles})",
    shortlist_heading: "Kortliste for et barn",
    child: "Barn (pseudonym)",
    child_option: "{id} · {age} år · {municipality}",
    top: "Antal steder",
    explain_excluded: "Vis alle frasorterede steder",
    show_shortlist: "Vis kortliste",
    compare_heading: "Sammenlign to scenarier",
    compare: "Sammenlign",
    scenario: "Scenarie",
    name: "Navn",
    siblings: "Søskende",
    together: "Sammen (lovens udgangspunkt)",
    allow_split: "Må adskilles (med fradrag)",
    split_penalty: "Fradrag pr. ekstra sted, når en søskendeflok deles (point)",
    max_travel: "Højst minutter fra hjemmet (tom: ingen grænse)",
    weights: "Vægte",
    free_places: "Ledige pladser (én pr. linje: S-0004=2)",
    extra_places: "Ekstra pladser på et sted (én pr. linje: S-1477=1)",
    try_in_b: "Prøv i scenarie B",
    remove_sites: "Fjern steder (ID'er adskilt af komma eller linjeskift)",
    locks: "Fastlåste anbringelser (én pr. linje: C-0001=S-0009)",
    forbids: "Udelukkede par (én pr. linje: C-0002=S-0004)",
    add_sites: "Nye steder (rækker som i sites.csv; overskriftsrækken kan udelades)",
    summary: "{eligible} mulige steder, {excluded} frasorteret, heraf {near} på én betingelse, som kan afhjælpes · referencedato {as_of}",
    none_eligible: "Intet sted opfylder alle betingelser for barnet.",
    network_eligible: "Barnets netværksplejefamilie {site} opfylder alle betingelser og står først.",
    network_excluded: "Barnets netværksplejefamilie {site} er frasorteret: {gates}",
    total: "samlet",
    confidence: "datagrundlag",
    updated: "oplysninger opdateret",
    element: "Element",
    score: "Score",
    reasons: "Begrundelser",
    elements: "De syv matchelementer",
    side_by_side: "De {n} bedste steder side om side",
    lvl_high: "(høj)",
    lvl_mid: "(middel)",
    lvl_low: "(lav)",
    flags: "Markeringer",
    gaps: "Mangler",
    near_misses: "Frasorteret på én betingelse, som kan afhjælpes",
    gate: "Betingelse",
    would_be: "Ville have fået",
    site: "Sted",
    excluded_by_gate: "Frasorterede steder pr. betingelse",
    excluded_sites: "Frasorterede steder",
    count: "Antal",
    loading: "Henter …",
    metric: "Nøgletal",
    difference: "Forskel (B − A)",
    proof_proven: "Den bedst mulige fordeling: bevist",
    proof_stopped: "Stoppet ved tidsgrænsen: ikke bevist, at fordelingen er den bedst mulige",
    proof_details: "Det tekniske bevis",
    job_running: "Beregner … {seconds} s · {steps} søgetrin",
    profile: "Profil",
    hint_line: "Linje {line}: {hint}",
    hint_places: "skriv stedets ID, et lighedstegn og et helt tal, fx S-0004=2",
    hint_extra: "skriv stedets ID, et lighedstegn og et helt tal på mindst 1, fx S-1477=1",
    hint_pair: "skriv barnets ID, et lighedstegn og stedets ID, fx C-0001=S-0009",
    hint_at_least: "skal være et tal på mindst {min}",
    hint_between: "skal være et tal mellem {min} og {max}",
    profile_of: "Profil for {site}",
    profile_type: "Type",
    profile_municipality: "Kommune",
    profile_places: "Pladser",
    profile_free: "{free} ledige af {places}",
    profile_ages: "Alder",
    profile_no_ages: "ikke oplyst",
    profile_competences: "Kompetencer",
    profile_languages: "Sprog",
    profile_approved: "Godkendt som anbringelsessted",
    profile_none: "ingen registreret",
    years: "år",
    yes: "ja",
    no: "nej",
    close: "Luk",
    job_cancel: "Stop beregningen",
    job_cancelled: "Beregningen blev stoppet efter {seconds} s. Intet resultat er gemt.",
    children: "Børn",
    placed: "Anbragt",
    total_score: "Samlet score",
    sibling_groups: "Søskendegrupper",
    siblings_together: "Søskende samlet",
    siblings_split: "Søskende delt",
    median_home: "Median minutter til hjemmet",
    median_school: "Median minutter til skolen",
    school_changes: "Skoleskift",
    family_share: "Andel i familiepleje",
    institutional_share: "Andel på institution",
    moved: "{n} børn får forskellige steder i A og B",
    unassigned: "ikke anbragt",
    error: "Fejl",
    audit_heading: "Adgangslog og tilsyn",
    extract_child: "Barn (pseudonym), hvis adgange skal vises",
    show_accesses: "Vis adgange",
    show_fairness: "Vis ligebehandlingsrapport (fra registrerede beslutninger)",
    accesses: "Antal opslag i oplysninger om {child}: {n}",
    time: "Tid (dansk tid)",
    user: "Bruger",
    role: "Rolle",
    command: "Kommando",
    purpose_col: "Formål",
    fairness_summary: "{n} børn med en registreret beslutning; celler med færre end {min} børn vises ikke",
    dimension: "Opdeling",
    group: "Gruppe",
    suppressed: "Skjult (færre end {min} børn)",
    complementary: "Skjult (sekundær diskretionering), så en lille celle ikke kan beregnes ud fra de øvrige",
    overrides: "Højst rangerede sted fravalgt",
    inquiry: "Forespørgsel",
    conversation_day: "Barnets synspunkter søgt den",
    conversation_how: "Hvordan",
    how_conversation: "samtale med barnet (§ 5, stk. 3)",
    how_other_ways: "på anden vis (§ 5, stk. 4)",
    conversation_record: "Registrér",
    ask_site: "Spørg stedet",
    answer_label: "Stedets svar",
    answer_yes: "ja",
    answer_no_capacity: "nej: ingen ledig plads",
    answer_needs_not_met: "nej: kan ikke imødekomme barnets behov",
    answer_group_fit: "nej: barnet passer ikke ind i børnegruppen",
    answer_timing: "nej: ikke på det ønskede tidspunkt",
    answer_other: "nej: anden grund",
    conditions_label: "Betingelser (ved ja)",
    closes_label: "Betingelserne dækker denne mangel",
    record_answer: "Registrér svaret",
    ask_site_of: "{ask}: {site}",
    not_asked: "ikke spurgt endnu",
    declined_sites: "Har svaret nej og er taget ud af rækkefølgen",
    due_heading: "Opfølgninger, der er forfaldne eller forfalder inden for 14 dage",
    show_due: "Vis opfølgninger",
    due_none: "Ingen opfølgninger er forfaldne eller forfalder inden for 14 dage.",
    due_child: "Barn",
    due_when: "Frist",
    due_what: "Opfølgning",
    due_record: "Registrér",
    status_ongoing: "forløber",
    status_breakdown: "sammenbrud",
    status_planned_end: "afsluttet som planlagt",
    status_moved: "flyttet som planlagt",
    cause_site_ended: "stedet afsluttede",
    cause_needs_not_met: "behovene kunne ikke dækkes",
    cause_child_left: "barnet ville ikke blive",
    cause_parents: "forældrene",
    cause_other: "anden årsag",
    followup_status: "Status for {child}",
    followup_cause: "Årsag til sammenbrud for {child}",
    followup_done: "Registreret.",
    process_heading: "Sagsforløb",
    process_wishes: "Barnets ønsker",
    process_parents: "Forældrenes ønsker",
    process_resources: "Barnets ressourcer",
    process_withheld: "registreret; vises ikke for denne rolle",
    process_inquiries: "Forespørgsler: {asked} spurgt, {accepted} har sagt ja, {declined} har sagt nej",
    process_placed: "Anbragt på {site} ved afgørelse {day}.",
    process_next: "Næste opfølgning: {what} ({day})",
    process_no_next: "Ingen opfølgninger mangler.",
    process_undecided: "Ingen afgørelse er registreret.",
    views_heading: "Registrér synspunkter og samtykke",
    views_child_wishes: "Barnets ønsker med barnets egne ord",
    views_parents_wishes: "Forældrenes ønsker",
    views_resources: "Barnets ressourcer",
    views_parents_consent: "Forældremyndighedsindehaverens samtykke (§ 46)",
    views_child_consent: "Barnets eget samtykke (§ 46 fra 15 år, § 98 fra 12 år ved skift af sted)",
    consent_unchanged: "uændret",
    consent_given: "givet",
    consent_refused: "ikke givet",
    views_record: "Registrér",
    views_hint: "Højst 1.000 tegn pr. felt; et tomt felt ændrer intet. Skriv aldrig CPR-numre.",
    decide: "Vælg dette sted",
    decide_of: "{decide}: {site}",
    decide_reason: "Begrundelse (forvaltningslovens § 24)",
    decide_hint: "Kræves, når stedet ikke er nr. 1, når et af lovens udgangspunkter er markeret, eller når stedet ikke har sagt ja. Begrundelsen gemmes i adgangsloggen og skrives i afgørelsesgrundlaget.",
    decide_record: "Registrér afgørelsen",
    decided_heading: "Afgørelsen er registreret",
    decided_document: "Hent afgørelsesgrundlaget til sagen (HTML, klar til udskrift på A4)",
    decided_hash: "SHA-256 (registreret i adgangsloggen): {hash}",
    audit_auditor_case: "Vis sagsforløb (uden fritekst)",
    overdue_one: "1 dag over fristen",
    overdue_many: "{n} dage over fristen",
    outcomes_heading: "Virker matchningen?",
    outcomes_intro: "Sammenbrud inden for 12 måneder efter de anbringelser, der er registreret i sagsregistret. Kun samlede tal: aldrig et tal om ét barn, aldrig en risikovurdering.",
    show_outcomes: "Vis udfald",
    outcomes_summary: "{n} anbringelser er fulgt i 12 måneder ({recent} er under 12 måneder gamle og tæller ikke med); {rate} brød sammen (95 %-konfidensinterval {low}–{high}). Grupper med færre end {min} anbringelser vises ikke.",
    outcomes_plot: "Andel sammenbrud inden for 12 måneder efter samlet score, med 95 %-intervaller",
    outcomes_point: "Score {band}: {rate} brød sammen ({low}–{high}), {broke} af {n}",
    outcomes_hidden: "vises ikke (under 5)",
    rate: "Sammenbrud",
    interval: "95 %-konfidensinterval",
    placements: "Anbringelser",
    calibration_heading: "Hvad hvert elements score siger om sammenbrud",
    calibration_intro: "Oddsratio: hvor mange gange oddsene for sammenbrud ganges med, når elementets score er 0,1 højere og de øvrige scorer er uændrede (under 1: færre sammenbrud), fra en logistisk model med de syv scorer ({n} anbringelser, {broke} sammenbrud).",
    odds_ratio: "Oddsratio",
    reading: "Aflæsning",
    reading_fewer: "færre sammenbrud ved højere score (sikker sammenhæng)",
    reading_more: "flere sammenbrud ved højere score (sikker sammenhæng); se nærmere på elementet",
    reading_unclear: "ingen sikker sammenhæng",
    reading_not_assessable: "kan ikke vurderes (alle anbringelser har samme score)",
    proposal: "Forslag til vægte ud fra udfaldene. Elementer uden sikker sammenhæng beholder halvdelen af deres andel, elementer, der ikke kan vurderes, hele andelen. Forslaget bruges ikke automatisk: beslutter I at bruge det, så gem linjerne i en fil, og angiv den med --weights.",
    no_proposal: "Ingen forslag til vægte: {why}.",
  },
  en: {
    role_coordinator: "coordinator",
    role_planner: "planner",
    role_auditor: "auditor",
    cmd_children: "list of children",
    cmd_shortlist: "shortlist",
    cmd_score: "scoring of every pair",
    cmd_assign: "assignment",
    cmd_compare: "comparison of scenarios",
    cmd_decide: "decision",
    "cmd_audit extract": "extract of accesses",
    "cmd_report fairness": "fairness report",
    "cmd_report recruit": "recruitment report",
    "cmd_report outcomes": "outcomes report",
    cmd_case: "case process",
    cmd_conversation: "conversation with the child",
    cmd_views: "views and consent",
    cmd_due: "follow-ups due",
    cmd_inquire: "inquiry to sites",
    cmd_respond: "site's answer",
    cmd_followup: "follow-up",
    denied: "refused: {what}",
    dim_all: "all",
    dim_region: "region",
    dim_age_band: "age band",
    dim_sex: "sex",
    group_all: "all",
    sex_f: "female",
    sex_m: "male",
    sex_x: "other",
    sex_unknown: "not recorded",
    age_years: "{band} years",
    skip: "Skip to content",
    recommends: "placematch recommends; a person decides. Flags mark legal defaults that are not met and need a documented reason.",
    language: "Language",
    purpose: "Purpose of the look-up (required when the server audits access)",
    login_heading: "Sign in",
    token: "Access token (bearer token)",
    sign_in: "Sign in",
    log_out: "Sign out",
    recruit_heading: "Where would one more place help most?",
    recruit_intro: "Computed for scenario A. Every gain is verified by solving the assignment again with the place.",
    recruit: "Find the best new places",
    recruit_none: "None of the verified places changes the assignment.",
    map_title: "Denmark: where children lack a site, and where one more place was verified",
    map_legend: "Red circles: children without a site in their home municipality (the area grows with their number). Blue marks: municipalities with a site where one more place was verified; the number is its rank in the list above. Map data: Natural Earth.",
    map_unplaced: "{town}: {n} without a site",
    map_where: "Map: home and sites",
    map_where_legend: "Black square: the child's home municipality. Blue circles: the sites with their number on the list. Points stand at the municipality's centre.",
    map_site: "No. {rank}: {id} in {town}",
    map_home: "The child's home municipality: {town}",
    recruit_unplaced: "Children without a site, by home region",
    recruit_groups: "Sibling groups not kept together",
    recruit_group: "{size} children, Region {region} ({placed} placed)",
    recruit_missing: "Competences most often missing at placed children's sites",
    signed_in: "Signed in as {user} ({roles})",
    shortlist_heading: "Shortlist for one child",
    child: "Child (pseudonym)",
    child_option: "{id} · {age} years · {municipality}",
    top: "Number of sites",
    explain_excluded: "Show every excluded site",
    show_shortlist: "Show shortlist",
    compare_heading: "Compare two scenarios",
    compare: "Compare",
    scenario: "Scenario",
    name: "Name",
    siblings: "Siblings",
    together: "Together (the legal default)",
    allow_split: "May be split (with a penalty)",
    split_penalty: "Penalty per extra site when a sibling group is split (points)",
    max_travel: "At most minutes from home (empty: no limit)",
    weights: "Weights",
    free_places: "Free places (one per line: S-0004=2)",
    extra_places: "Extra places at a site (one per line: S-1477=1)",
    try_in_b: "Try in scenario B",
    remove_sites: "Remove sites (IDs separated by commas or new lines)",
    locks: "Locked placements (one per line: C-0001=S-0009)",
    forbids: "Forbidden pairs (one per line: C-0002=S-0004)",
    add_sites: "New sites (rows as in sites.csv; the header row may be left out)",
    summary: "{eligible} possible sites, {excluded} ruled out, of which {near} on one condition that could be put right · reference date {as_of}",
    none_eligible: "No site meets every condition for this child.",
    network_eligible: "The child's network foster family {site} meets every condition and is listed first.",
    network_excluded: "The child's network foster family {site} is ruled out: {gates}",
    total: "total",
    confidence: "data basis",
    updated: "profile updated",
    element: "Element",
    score: "Score",
    reasons: "Reasons",
    elements: "The seven matching elements",
    side_by_side: "The {n} best sites side by side",
    lvl_high: "(high)",
    lvl_mid: "(medium)",
    lvl_low: "(low)",
    flags: "Flags",
    gaps: "Gaps",
    near_misses: "Near misses",
    gate: "Rule",
    would_be: "Would score",
    site: "Site",
    excluded_by_gate: "Excluded sites by rule",
    excluded_sites: "Excluded sites",
    count: "Count",
    loading: "Loading …",
    metric: "Figure",
    difference: "Difference (B − A)",
    proof_proven: "Best possible assignment: proven",
    proof_stopped: "Stopped by the time limit: not proven",
    proof_details: "The technical proof",
    job_running: "Computing … {seconds} s · {steps} search steps",
    profile: "Profile",
    hint_line: "Line {line}: {hint}",
    hint_places: "write the site's ID, an equals sign and a whole number, e.g. S-0004=2",
    hint_extra: "write the site's ID, an equals sign and a whole number of at least 1, e.g. S-1477=1",
    hint_pair: "write the child's ID, an equals sign and the site's ID, e.g. C-0001=S-0009",
    hint_at_least: "must be a number of at least {min}",
    hint_between: "must be a number between {min} and {max}",
    profile_of: "Profile of {site}",
    profile_type: "Type",
    profile_municipality: "Municipality",
    profile_places: "Places",
    profile_free: "{free} free of {places}",
    profile_ages: "Ages",
    profile_no_ages: "not given",
    profile_competences: "Competences",
    profile_languages: "Languages",
    profile_approved: "Approved as a placement site",
    profile_none: "none recorded",
    years: "years",
    yes: "yes",
    no: "no",
    close: "Close",
    job_cancel: "Stop the calculation",
    job_cancelled: "The calculation was stopped after {seconds} s. No result is kept.",
    children: "Children",
    placed: "Placed",
    total_score: "Total score",
    sibling_groups: "Sibling groups",
    siblings_together: "Siblings together",
    siblings_split: "Siblings split",
    median_home: "Median minutes to home",
    median_school: "Median minutes to school",
    school_changes: "School changes",
    family_share: "Share in family care",
    institutional_share: "Share in institutions",
    moved: "{n} children moved between A and B",
    unassigned: "unassigned",
    error: "Error",
    audit_heading: "Audit",
    extract_child: "Child (pseudonym) whose accesses to list",
    show_accesses: "Show accesses",
    show_fairness: "Show fairness report (from recorded decisions)",
    accesses: "Accesses to the data of {child}: {n}",
    time: "Time (Danish time)",
    user: "User",
    role: "Role",
    command: "Command",
    purpose_col: "Purpose",
    fairness_summary: "{n} children with a recorded decision; cells with fewer than {min} children are not shown",
    dimension: "Dimension",
    group: "Group",
    suppressed: "Hidden (fewer than {min} children)",
    complementary: "hidden so that a small cell cannot be worked out",
    overrides: "Overrides of the top site",
    inquiry: "Inquiry",
    conversation_day: "The child's view sought on",
    conversation_how: "How",
    how_conversation: "conversation with the child (§ 5, stk. 3)",
    how_other_ways: "other ways (§ 5, stk. 4)",
    conversation_record: "Record",
    ask_site: "Ask the site",
    answer_label: "The site's answer",
    answer_yes: "yes",
    answer_no_capacity: "no: no free place after all",
    answer_needs_not_met: "no: cannot meet the child's needs",
    answer_group_fit: "no: the child does not fit the group of children",
    answer_timing: "no: not at the time asked",
    answer_other: "no: another reason",
    conditions_label: "Conditions (with yes)",
    record_answer: "Record the answer",
    closes_label: "The conditions cover this gap",
    ask_site_of: "{ask}: {site}",
    not_asked: "not asked yet",
    declined_sites: "Declined and taken out of the ranking",
    due_heading: "Follow-ups overdue or due within 14 days",
    show_due: "Show follow-ups",
    due_none: "No follow-up is overdue or due within 14 days.",
    due_child: "Child",
    due_when: "Due",
    due_what: "Follow-up",
    due_record: "Record",
    status_ongoing: "going on",
    status_breakdown: "breakdown",
    status_planned_end: "ended as planned",
    status_moved: "moved as planned",
    cause_site_ended: "the site ended it",
    cause_needs_not_met: "needs could not be met",
    cause_child_left: "the child would not stay",
    cause_parents: "the parents",
    cause_other: "another cause",
    followup_status: "Status of {child}",
    followup_cause: "Cause of the breakdown of {child}",
    followup_done: "Recorded.",
    process_heading: "Case process",
    process_wishes: "The child's wishes",
    process_parents: "The parents' wishes",
    process_resources: "The child's resources",
    process_withheld: "recorded; not shown to this role",
    process_inquiries: "Inquiries: {asked} asked, {accepted} accepted, {declined} declined",
    process_placed: "Placed at {site} by decision of {day}.",
    process_next: "Next follow-up: {what} ({day})",
    process_no_next: "No follow-up is outstanding.",
    process_undecided: "No decision is recorded.",
    views_heading: "Record views and consent",
    views_child_wishes: "The child's wishes in the child's own words",
    views_parents_wishes: "The parents' wishes",
    views_resources: "The child's resources",
    views_parents_consent: "The custody holder's consent (§ 46)",
    views_child_consent: "The child's own consent (§ 46 from 15, § 98 from 12 for a change of site)",
    consent_unchanged: "unchanged",
    consent_given: "given",
    consent_refused: "refused",
    views_record: "Record",
    views_hint: "At most 1,000 characters per field; an empty field changes nothing. Never write CPR numbers.",
    decide: "Choose this site",
    decide_of: "{decide}: {site}",
    decide_reason: "Reason (forvaltningsloven § 24)",
    decide_hint: "Required when the site is not number 1, a default of the law is flagged, or the site has not accepted. The reason is kept in the audit trail and written into the decision basis.",
    decide_record: "Record the decision",
    decided_heading: "The decision is recorded",
    decided_document: "Download the decision basis for the case file (HTML, print-ready on A4)",
    decided_hash: "SHA-256 (recorded in the audit trail): {hash}",
    audit_auditor_case: "Show case process (without free text)",
    overdue_one: "1 day overdue",
    overdue_many: "{n} days overdue",
    outcomes_heading: "Does the matching work?",
    outcomes_intro: "Breakdowns within 12 months of the placements recorded in the case store. Aggregate figures only: never a figure about one child, never a risk assessment.",
    show_outcomes: "Show outcomes",
    outcomes_summary: "{n} placements followed for 12 months ({recent} are under 12 months old and do not count); {rate} broke down (95% confidence interval {low}–{high}). Groups with fewer than {min} placements are not shown.",
    outcomes_plot: "Share of breakdowns within 12 months by total score, with 95% intervals",
    outcomes_point: "Score {band}: {rate} broke down ({low}–{high}), {broke} of {n}",
    outcomes_hidden: "not shown (under 5)",
    rate: "Breakdowns",
    interval: "95% confidence interval",
    placements: "Placements",
    calibration_heading: "What each element's score tells about breakdown",
    calibration_intro: "Odds ratio: how many times the odds of breakdown are multiplied when the element's score is 0.1 higher and the other scores stay the same (below 1: fewer breakdowns), from a logistic model of the seven scores ({n} placements, {broke} breakdowns).",
    odds_ratio: "Odds ratio",
    reading: "Reading",
    reading_fewer: "fewer breakdowns with a higher score (a clear link)",
    reading_more: "more breakdowns with a higher score (a clear link); look into the element",
    reading_unclear: "no clear link",
    reading_not_assessable: "cannot be assessed (every placement has the same score)",
    proposal: "Proposed weights from the outcomes. Elements without a clear link keep half their share, elements that cannot be assessed all of it. The proposal is not used automatically: if you decide to use it, save the lines in a file and give it with --weights.",
    no_proposal: "No weights are proposed: {why}.",
  },
};

/** The columns of sites.csv (docs/data-format.md), added above inline rows without them. */
const SITE_HEADER = "id,name,type,municipality,places,free_places,age_min,age_max,sex,competences,accepts,security,network_for,languages,features,other_children,full_time_carer,parent_cooperation,quality,monthly_cost_dkk,approved,updated";

/** The element keys in their fixed order, as the server lists them (`/api/elements`). */
let ELEMENTS = [];
const state = { lang: "da", token: sessionStorage.getItem("placematch-token"), me: null, extract: null, fairness: null, shortlist: null, comparison: null, elementNames: null };

function t(key, values) {
  let text = LABELS[state.lang][key] || key;
  for (const [name, value] of Object.entries(values || {})) text = text.split("{" + name + "}").join(String(value));
  return text;
}

/** Creates an element with attributes and children (strings become text nodes). */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === false || value === null || value === undefined) continue;
    if (name === "text") node.textContent = value;
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined) continue;
    node.append(typeof child === "string" || typeof child === "number" ? String(child) : child);
  }
  return node;
}

/** A number with fixed decimals in the page's language: decimal comma in Danish. */
function fixed(value, digits) {
  if (value === null || value === undefined) return "–";
  const places = digits === undefined ? 3 : digits;
  return Number(value).toLocaleString(state.lang === "da" ? "da-DK" : "en-GB", { minimumFractionDigits: places, maximumFractionDigits: places });
}

/** A whole number with the language's thousands separator (4.764 in Danish). */
function count(value) {
  return Number(value).toLocaleString(state.lang === "da" ? "da-DK" : "en-GB");
}

/** A share in [0, 1] as whole per cent: "88 %" in Danish, "88%" in English. */
function percent(value) {
  if (value === null || value === undefined) return "–";
  const rounded = Math.round(Number(value) * 100);
  return state.lang === "da" ? rounded + "\u00a0%" : rounded + "%";
}

class ApiError extends Error {
  constructor(problem) {
    super(problem.detail || problem.title || "error");
    this.problem = problem;
  }
}

async function api(path, options) {
  // Errors come back in the page's language.
  const headers = { Accept: "application/json", "Accept-Language": state.lang };
  if (state.token) headers.Authorization = "Bearer " + state.token;
  const purpose = document.getElementById("purpose").value.trim();
  // Header values are ASCII: the purpose goes URL-encoded and the server decodes it.
  if (purpose) headers["X-Purpose"] = encodeURIComponent(purpose);
  if (options && options.body) headers["Content-Type"] = "application/json";
  const response = await fetch(path, { ...(options || {}), headers });
  const body = await response.json().catch(() => ({ title: response.statusText, status: response.status }));
  if (!response.ok) throw new ApiError(body);
  return body;
}

/** The error slot of a form (after it) or of a scenario (inside its fieldset), made once. */
function errorSlot(id) {
  let slot = document.getElementById(id + "-error");
  if (!slot) {
    slot = el("p", { id: id + "-error", class: "form-error", role: "alert", hidden: true });
    const host = document.getElementById(id);
    if (host.tagName === "FIELDSET") host.append(slot);
    else host.after(slot);
  }
  return slot;
}

/**
 * Shows a problem next to the control that caused it: in the slot of the form `near` (for a
 * comparison, in the fieldset of the scenario the detail names, "a: …" or "b: …"), or in the
 * box at the top when no form caused it. `showError(null)` clears every error.
 */
function showError(error, near) {
  const box = document.getElementById("error");
  if (!error) {
    box.hidden = true;
    box.textContent = "";
    for (const slot of document.querySelectorAll(".form-error")) {
      slot.hidden = true;
      slot.textContent = "";
    }
    return;
  }
  const problem = error.problem || { title: String(error.message || error) };
  const words = [el("strong", { text: t("error") + ": " + (problem.title || "") }), " ", problem.detail || ""];
  if (problem.status === 401) document.getElementById("login").hidden = false;
  let host = problem.status === 401 ? null : near;
  const side = /^(a|b): /.exec(problem.detail || "");
  if (host === "compare-form" && side) host = "scenario-" + side[1];
  if (host) {
    const slot = errorSlot(host);
    slot.replaceChildren(...words);
    slot.hidden = false;
    box.hidden = true;
    return;
  }
  box.replaceChildren(...words);
  box.hidden = false;
}

function applyLabels() {
  document.documentElement.lang = state.lang;
  for (const node of document.querySelectorAll("[data-t]")) node.textContent = t(node.dataset.t);
  for (const side of ["a", "b"]) buildScenarioLabels(side);
  document.getElementById("who").textContent = state.me
    ? t("signed_in", { user: state.me.user, roles: state.me.roles.map((role) => label("role_" + role, role)).join(", ") }) : "";
}

/** Element names in the page's language, and the server's weights as the forms' defaults. */
async function loadElements(setWeights) {
  const info = await api("/api/elements?lang=" + state.lang);
  ELEMENTS = info.elements.map((element) => element.key);
  state.elementNames = Object.fromEntries(info.elements.map((element) => [element.key, element.name]));
  for (const side of ["a", "b"]) {
    buildWeightInputs(side);
    buildScenarioLabels(side);
    if (setWeights) for (const element of info.elements) document.getElementById(side + "-w-" + element.key).value = element.weight;
  }
}

// ---- coordinator: shortlist ------------------------------------------------------------

async function loadChildren() {
  state.children = (await api("/api/children")).children;
  renderChildren();
}

function renderChildren() {
  if (!state.children) return;
  const select = document.getElementById("child");
  const chosen = select.value;
  select.replaceChildren(...state.children.map((child) => el("option", {
    value: child.child_id,
    text: t("child_option", { id: child.child_id, age: child.age, municipality: child.municipality_name }),
  })));
  if (chosen) select.value = chosen;
}

async function showShortlist(event) {
  if (event) event.preventDefault();
  const child = document.getElementById("child").value;
  if (!child) return;
  const top = document.getElementById("top").value || "10";
  const explain = document.getElementById("explain-excluded").checked;
  const target = document.getElementById("shortlist");
  target.replaceChildren(el("p", { text: t("loading") }));
  try {
    const query = new URLSearchParams({ top, lang: state.lang, explain_excluded: String(explain) });
    state.shortlist = await api("/api/children/" + encodeURIComponent(child) + "/shortlist?" + query);
    state.process = state.me && state.me.case_store
      ? await api("/api/children/" + encodeURIComponent(child) + "/case?lang=" + state.lang)
      : null;
    // The map's frame, once; the list is shown without the map should it fail.
    if (!state.mapFrame) state.mapFrame = await api("/api/map").catch(() => null);
    showError(null);
    renderShortlist();
    // The child and the best sites fill the screen, the form scrolled away above them.
    target.scrollIntoView({ block: "start" });
  } catch (error) {
    target.replaceChildren();
    showError(error, "shortlist-form");
  }
}

/** The level of a score in words, so the colour of its bar is never the only cue. */
function level(score) {
  if (score >= 0.75) return "high";
  if (score >= 0.5) return "mid";
  return "low";
}

/** A score as a coloured bar (decorative) and its figure with the level in words. */
function scoreBar(score) {
  const fill = el("span", { class: "fill lvl-" + level(score) });
  fill.style.width = Math.round(Math.max(0, Math.min(1, score)) * 100) + "%";
  return el("span", { class: "score" },
    el("span", { class: "bar", "aria-hidden": "true" }, fill),
    el("span", { class: "figure", text: fixed(score, 2) + " " + t("lvl_" + level(score)) }));
}

function elementTable(site, names) {
  const rows = ELEMENTS.map((key) => {
    const element = site.elements[key];
    return el("tr", {},
      el("th", { scope: "row", text: names[key] || key }),
      el("td", { class: "num" }, fixed(element.score)),
      el("td", {}, el("ul", { class: "reasons" }, element.texts.map((text) => el("li", { text })))));
  });
  return el("table", { class: "elements" },
    el("thead", {}, el("tr", {}, el("th", { text: t("element") }), el("th", { class: "num", text: t("score") }), el("th", { text: t("reasons") }))),
    el("tbody", {}, rows));
}

/** The seven elements in one row: name, bar, figure. */
function elementRow(site, names) {
  return el("ul", { class: "element-row", "aria-label": t("elements") }, ELEMENTS.map((key) =>
    el("li", { "data-element": key },
      el("span", { class: "element-name", text: names[key] || key }),
      scoreBar(site.elements[key].score))));
}

/** The child's home and the shown sites on a map of Denmark (folded; the frame comes once
 * from /api/map). Sites in one municipality stand side by side; each mark has a title and
 * takes the keyboard focus. */
function placesMap(view) {
  const frame = state.mapFrame;
  if (!frame || !view.map) return null;
  const taken = {};
  const offset = (place) => {
    const key = place.x + "," + place.y;
    taken[key] = (taken[key] || 0) + 1;
    return (taken[key] - 1) * 11;
  };
  const marks = [];
  view.map.sites.forEach((place, idx) => {
    const rank = view.eligible[idx] ? view.eligible[idx].rank : idx + 1;
    const label = t("map_site", { rank, id: place.id, town: place.name });
    const x = place.x + offset(place);
    marks.push(svgEl("g", { class: "site-mark", tabindex: 0, role: "img", "aria-label": label },
      svgEl("title", { text: label }),
      svgEl("circle", { cx: x, cy: place.y, r: 5.5 }),
      svgEl("text", { x, y: place.y + 2.5, "text-anchor": "middle", text: rank })));
  });
  if (view.map.home) {
    const home = view.map.home;
    const label = t("map_home", { town: home.name });
    marks.push(svgEl("g", { class: "home-mark", tabindex: 0, role: "img", "aria-label": label },
      svgEl("title", { text: label }),
      svgEl("rect", { x: home.x - 4, y: home.y - 4, width: 8, height: 8 })));
  }
  return el("details", { class: "where map" }, el("summary", { text: t("map_where") }),
    svgEl("svg", { viewBox: frame.view_box, role: "group", "aria-label": t("map_where") },
      svgEl("path", { class: "land", d: frame.outline }), marks),
    el("p", { class: "note", text: t("map_where_legend") }));
}

/** The child's situation beside the list. */
function childPanel(view) {
  const child = view.child;
  if (!child) return null;
  return el("aside", { class: "child-panel", "aria-labelledby": "child-panel-heading" },
    el("h3", { id: "child-panel-heading", text: child.heading }),
    el("dl", {}, child.facts.flatMap((fact) => [el("dt", { text: fact.label }), el("dd", { "data-key": fact.key, text: fact.text })])),
    placesMap(view),
    view.child_conversation ? el("p", { class: "note", text: view.child_conversation.text || "" }) : null,
    state.me && state.me.case_store ? conversationForm(view.child_id) : null,
    state.process && state.process.child_id === view.child_id ? processBlock(state.process, "process") : null,
    state.me && state.me.case_store ? viewsForm(view.child_id) : null);
}

/** The child's process on one screen (`/api/children/{id}/case`): the views and consents with
 * what is missing, the sites asked, the decision and the next follow-up. For an auditor the
 * free text is withheld by the server; the block says so. */
function processBlock(view, id) {
  const line = (key, text) => text
    ? el("p", { "data-key": key }, el("strong", { text: t("process_" + key) + ": " }),
      text.text === null || text.text === undefined ? t("process_withheld") + " (" + text.recorded_on + ")" : text.text + " (" + text.recorded_on + ")")
    : null;
  const answers = (answer) => view.inquiries.filter((inquiry) => inquiry.answer === answer).length;
  const next = view.open_followups[0];
  return el("section", { id, class: "process", "aria-labelledby": id + "-heading" },
    el("h4", { id: id + "-heading", text: t("process_heading") + " · " + view.child_id }),
    line("wishes", view.views.child_wishes),
    line("parents", view.views.parents_wishes),
    line("resources", view.views.resources),
    el("ul", { class: "consents" }, view.views.consents.map((consent) =>
      el("li", { class: consent.status === "given" ? "" : "flag", "data-status": consent.status, text: consent.text }))),
    view.views.missing.filter((text) => !view.views.consents.some((consent) => consent.text === text))
      .map((text) => el("p", { class: "flag missing", text: text.endsWith(".") ? text : text + "." })),
    el("p", { text: t("process_inquiries", { asked: count(view.inquiries.length), accepted: count(answers("accepted")), declined: count(answers("declined")) }) }),
    view.placement
      ? [el("p", { text: t("process_placed", { site: view.placement.site_id, day: view.placement.decided_on }) }),
        el("p", { class: "next", text: next ? t("process_next", { what: next.text, day: next.date }) : t("process_no_next") })]
      : el("p", { text: t("process_undecided") }));
}

/** Records the child's and the parents' views and the consents; an empty field changes
 * nothing. Free text is sent as typed and never shown back in an error. */
function viewsForm(child) {
  const text = (id, key) => el("div", {}, el("label", { for: id, text: t(key) }),
    el("textarea", { id, rows: 2, maxlength: 1000, autocomplete: "off" }));
  const consent = (id, key) => el("div", {}, el("label", { for: id, text: t(key) }),
    el("select", { id }, ["", "given", "refused"].map((value) => el("option", { value, text: t(value ? "consent_" + value : "consent_unchanged") }))));
  const form = el("form", { id: "views-form", class: "views" },
    el("p", { class: "note", text: t("views_hint") }),
    text("views-child-wishes", "views_child_wishes"),
    text("views-parents-wishes", "views_parents_wishes"),
    text("views-resources", "views_resources"),
    consent("views-parents-consent", "views_parents_consent"),
    consent("views-child-consent", "views_child_consent"),
    el("button", { type: "submit", class: "secondary", text: t("views_record") }));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const value = (id) => document.getElementById(id).value.trim() || null;
    const body = {
      child_wishes: value("views-child-wishes"), parents_wishes: value("views-parents-wishes"), resources: value("views-resources"),
      parents_consent: value("views-parents-consent"), child_consent: value("views-child-consent"),
    };
    try {
      await api("/api/children/" + encodeURIComponent(child) + "/views?lang=" + state.lang, { method: "POST", body: JSON.stringify(body) });
      await showShortlist();
    } catch (error) {
      showError(error, "views-form");
    }
  });
  return el("details", { class: "views", open: !(state.process && state.process.views.child_wishes) },
    el("summary", { text: t("views_heading") }), form);
}

/** The form that records the caseworker's decision for a site, with the reason; on success
 * the decision basis for the case file is offered as a download (it is the record's
 * document: its SHA-256 is in the audit trail). */
function decisionForm(site) {
  const key = site.site_id.replace(/[^A-Za-z0-9_-]/g, "_");
  const reason = el("textarea", { id: "reason-" + key, rows: 3, maxlength: 5000, autocomplete: "off" });
  const form = el("form", { class: "decide", id: "decide-" + key, "data-site": site.site_id },
    el("label", { for: reason.id, text: t("decide_reason") }), reason,
    el("p", { class: "note", text: t("decide_hint") }),
    el("button", { type: "submit", text: t("decide_record") }));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const child = state.shortlist.child_id;
    try {
      state.decision = await api("/api/children/" + encodeURIComponent(child) + "/decision?lang=" + state.lang, {
        method: "POST", body: JSON.stringify({ site: site.site_id, reason: reason.value.trim() || null }),
      });
      await showShortlist();
    } catch (error) {
      showError(error, form.id);
    }
  });
  return el("details", { class: "decide" },
    el("summary", { "aria-label": t("decide_of", { decide: t("decide"), site: site.site_name }), text: t("decide") }), form);
}

/** The recorded decision with its document, for the child shown. */
function decisionBlock(view) {
  const decision = state.decision;
  if (!decision || decision.child_id !== view.child_id) return null;
  const blob = new Blob([decision.document_html], { type: "text/html;charset=utf-8" });
  if (state.documentUrl) URL.revokeObjectURL(state.documentUrl);
  state.documentUrl = URL.createObjectURL(blob);
  return el("section", { id: "decision", class: "decision", role: "status", "aria-labelledby": "decision-heading" },
    el("h3", { id: "decision-heading", text: t("decided_heading") }),
    el("p", { text: decision.text }),
    el("p", {}, el("a", { id: "decision-document", href: state.documentUrl,
      download: "afgoerelsesgrundlag-" + decision.child_id + "-" + decision.decided_on + ".html", text: t("decided_document") })),
    el("p", { class: "note", text: t("decided_hash", { hash: decision.document_sha256 }) }));
}

/** Records that the child's view was sought: the day, and whether in a conversation (§ 5,
 * stk. 3) or in other ways (stk. 4). */
function conversationForm(child) {
  const day = el("input", { id: "conversation-day", type: "date", required: true, max: new Date().toISOString().slice(0, 10) });
  const how = el("select", { id: "conversation-how" },
    el("option", { value: "conversation", text: t("how_conversation") }),
    el("option", { value: "other_ways", text: t("how_other_ways") }));
  const form = el("form", { id: "conversation-form", class: "conversation" },
    el("div", {}, el("label", { for: day.id, text: t("conversation_day") }), day),
    el("div", {}, el("label", { for: how.id, text: t("conversation_how") }), how),
    el("button", { type: "submit", class: "secondary", text: t("conversation_record") }));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      await api("/api/children/" + encodeURIComponent(child) + "/conversation?lang=" + state.lang, {
        method: "POST", body: JSON.stringify({ held_on: day.value, how: how.value }),
      });
      await showShortlist();
    } catch (error) {
      showError(error, "conversation-form");
    }
  });
  return form;
}

/** One site as a card: flags first (each needs a documented reason), the gaps counted beside
 * them, then the seven elements; the gaps' texts and the reasons one click away. */
function siteCard(site, names) {
  const card = el("li", { class: "site card", "data-site": site.site_id },
    el("div", { class: "card-head" },
      el("h4", {}, site.rank + ". " + site.site_name,
        el("span", { class: "note", text: " · " + site.site_id + " · " + site.site_type_text + " · " + site.municipality_name })),
      el("p", { class: "total" }, el("span", { class: "note", text: t("total") + " " }), scoreBar(site.total)),
      el("button", { type: "button", class: "secondary profile", "data-site": site.site_id, "aria-haspopup": "dialog",
        "aria-label": t("profile_of", { site: site.site_name }), text: t("profile") })));
  card.querySelector("button.profile").addEventListener("click", () => showProfile(site.site_id));
  if (site.flag_details.length) {
    card.append(el("div", { class: "flags", role: "group", "aria-label": t("flags") },
      el("strong", { text: t("flags") + ": " }),
      el("ul", { class: "flag" }, site.flag_details.map((flag) => el("li", { "data-code": flag.code, text: flag.text + (flag.law ? " (" + flag.law + ")" : "") })))));
  }
  // With a case store: the site's answer, or a button that records that it was asked.
  if (state.me && state.me.case_store) {
    const status = el("p", { class: "inquiry" + (site.inquiry && site.inquiry.answer === "accepted" ? " accepted" : "") },
      el("strong", { text: t("inquiry") + ": " }), site.inquiry ? site.inquiry.text : t("not_asked"));
    if (!site.inquiry) {
      const ask = el("button", { type: "button", class: "secondary ask", "data-site": site.site_id,
        "aria-label": t("ask_site_of", { ask: t("ask_site"), site: site.site_name }), text: t("ask_site") });
      ask.addEventListener("click", () => askSite(site.site_id));
      status.append(" ", ask);
    }
    card.append(status);
    if (site.inquiry && site.inquiry.answer === "asked") card.append(answerForm(site));
  }
  if (state.me && state.me.audit) card.append(decisionForm(site));
  card.append(elementRow(site, names));
  const folds = el("div", { class: "folds" });
  if (site.gap_details.length) {
    folds.append(el("details", { class: "gaps" },
      el("summary", { text: t("gaps") + " (" + count(site.gap_details.length) + ")" }),
      el("ul", { class: "gap" }, site.gap_details.map((gap) => el("li", { "data-code": gap.code, text: gap.text })))));
  }
  folds.append(el("details", { class: "why" }, el("summary", { text: t("reasons") }),
    el("p", { class: "note", text: t("confidence") + " " + percent(site.confidence) + (site.updated ? " · " + t("updated") + " " + site.updated : "") }),
    elementTable(site, names)));
  card.append(folds);
  return card;
}

/** A site's profile in a dialog (from `/api/sites/{id}`); Escape or the button closes it. */
async function showProfile(siteId) {
  let dialog = document.getElementById("site-profile");
  if (!dialog) {
    dialog = el("dialog", { id: "site-profile", "aria-labelledby": "site-profile-heading" });
    document.body.append(dialog);
  }
  try {
    const site = await api("/api/sites/" + encodeURIComponent(siteId) + "?lang=" + state.lang);
    const row = (key, value) => [el("dt", { text: t(key) }), el("dd", { text: value })];
    const ages = site.age_min === null && site.age_max === null ? t("profile_no_ages")
      : (site.age_min ?? 0) + "–" + (site.age_max ?? "") + " " + t("years");
    const close = el("button", { type: "button", text: t("close") });
    close.addEventListener("click", () => dialog.close());
    dialog.replaceChildren(
      el("h3", { id: "site-profile-heading", text: site.name + " · " + site.site_id }),
      el("dl", {},
        row("profile_type", site.site_type_text),
        row("profile_municipality", site.municipality_name),
        row("profile_places", t("profile_free", { free: count(site.free_places), places: count(site.places) })),
        row("profile_ages", ages),
        row("profile_competences", site.competence_texts.length ? site.competence_texts.join(", ") : t("profile_none")),
        row("profile_languages", site.languages.join(", ") || t("profile_none")),
        row("profile_approved", site.approved ? t("yes") : t("no")),
        row("updated", site.updated || "–")),
      close);
    dialog.showModal();
    close.focus();
  } catch (error) {
    showError(error, "shortlist-form");
  }
}

/** The best sites side by side: the total, each element and the number of flags. */
function sideBySide(view, names) {
  const best = view.eligible.slice(0, 4);
  if (best.length < 2) return null;
  const row = (label, cells) => el("tr", {}, el("th", { scope: "row", text: label }), cells);
  return el("details", { class: "side-by-side" },
    el("summary", { text: t("side_by_side", { n: best.length }) }),
    el("table", { id: "side-by-side" },
      el("thead", {}, el("tr", {}, el("td"), best.map((site) => el("th", { scope: "col", text: site.rank + ". " + site.site_id })))),
      el("tbody", {},
        row(t("total"), best.map((site) => el("td", { class: "num", text: fixed(site.total) }))),
        ELEMENTS.map((key) => row(names[key] || key, best.map((site) => el("td", { class: "num", text: fixed(site.elements[key].score) })))),
        row(t("flags"), best.map((site) => el("td", { class: "num" + (site.flag_details.length ? " flag" : ""), text: count(site.flag_details.length) }))),
        row(t("gaps"), best.map((site) => el("td", { class: "num", text: count(site.gap_details.length) }))))));
}

function renderShortlist() {
  const view = state.shortlist;
  const target = document.getElementById("shortlist");
  if (!view) return;
  const names = Object.fromEntries((view.element_names || []).map((entry) => [entry.key, entry.name]));
  const results = [
    decisionBlock(view),
    el("p", { id: "shortlist-summary", text: t("summary", { eligible: count(view.eligible_count), excluded: count(view.excluded_count), near: count(view.near_miss_count), as_of: view.as_of }) }),
  ];
  if (view.network_family) {
    const family = view.network_family;
    results.push(el("p", { class: family.status === "excluded" ? "flag" : "", text: family.status === "excluded"
      ? t("network_excluded", { site: family.site_id, gates: family.texts.join("; ") })
      : t("network_eligible", { site: family.site_id }) }));
  }
  if (view.eligible.length === 0) results.push(el("p", { text: t("none_eligible") }));
  results.push(sideBySide(view, names));
  results.push(el("ol", { class: "sites", "aria-label": t("shortlist_heading") }, view.eligible.map((site) => siteCard(site, names))));
  if (view.declined && view.declined.length) {
    results.push(el("details", { class: "more declined" },
      el("summary", { text: t("declined_sites") + " (" + count(view.declined.length) + ")" }),
      el("ul", {}, view.declined.map((inquiry) => el("li", { "data-site": inquiry.site_id, text: inquiry.site_id + ": " + inquiry.text })))));
  }
  if (view.near_misses.length) {
    results.push(el("details", { class: "more" },
      el("summary", { text: t("near_misses") + " (" + count(view.near_misses.length) + ")" }),
      el("table", { id: "near-misses" },
        el("thead", {}, el("tr", {}, el("th", { text: t("site") }), el("th", { text: t("gate") }), el("th", { class: "num", text: t("would_be") }))),
        el("tbody", {}, view.near_misses.map((near) => el("tr", {},
          el("td", { text: near.site_id }), el("td", { text: near.text + (near.fix ? ". " + near.fix : "") }), el("td", { class: "num", text: fixed(near.total_without_gate) })))))));
  }
  if (view.excluded_by_gate.length) {
    results.push(el("details", { class: "more" },
      el("summary", { text: t("excluded_by_gate") + " (" + count(view.excluded_count) + ")" }),
      el("table", { id: "excluded-counts" },
        el("thead", {}, el("tr", {}, el("th", { text: t("gate") }), el("th", { class: "num", text: t("count") }))),
        el("tbody", {}, view.excluded_by_gate.map((row) => el("tr", { "data-code": row.gate },
          el("td", { text: row.text }), el("td", { class: "num", text: row.count })))))));
  }
  if (view.excluded) {
    results.push(el("details", { class: "more" },
      el("summary", { text: t("excluded_sites") + " (" + count(view.excluded.length) + ")" }),
      el("table", { id: "excluded" },
        el("thead", {}, el("tr", {}, el("th", { text: t("site") }), el("th", { text: t("gate") }), el("th", { text: t("updated") }))),
        el("tbody", {}, view.excluded.map((site) => el("tr", {},
          el("td", { text: site.site_id }), el("td", { text: site.texts.join("; ") }), el("td", { text: site.updated || "–" })))))));
  }
  target.replaceChildren(el("div", { class: "shortlist-layout" }, childPanel(view), el("div", { class: "results" }, results)));
}

// Printing shows everything folded away on screen, as `shortlist --format html` does.
window.addEventListener("beforeprint", () => {
  for (const details of document.querySelectorAll("#shortlist details")) details.open = true;
});

// ---- planner: two scenarios --------------------------------------------------------------

function buildScenario(side) {
  const fieldset = document.getElementById("scenario-" + side);
  const id = (name) => side + "-" + name;
  const field = (name, control) => el("div", {}, el("label", { for: id(name), "data-label": name }), control);
  fieldset.replaceChildren(
    el("legend", { "data-label": "scenario" }),
    field("name", el("input", { id: id("name"), name: "name", value: side === "a" ? "A" : "B" })),
    field("siblings", el("select", { id: id("siblings"), name: "siblings" },
      el("option", { value: "together", "data-label": "together" }),
      el("option", { value: "allow_split", "data-label": "allow_split" }))),
    field("split_penalty", el("input", { id: id("split_penalty"), name: "split_penalty", type: "number", step: "0.05", min: "0", max: "10", value: "0.2" })),
    field("max_travel", el("input", { id: id("max_travel"), name: "max_travel_minutes", type: "number", min: "0", step: "5" })),
    el("fieldset", { class: "weights", id: id("weights") }, el("legend", { "data-label": "weights" })),
    field("free_places", el("textarea", { id: id("free_places"), name: "free_places" })),
    field("extra_places", el("textarea", { id: id("extra_places"), name: "extra_places" })),
    field("remove_sites", el("textarea", { id: id("remove_sites"), name: "remove_sites" })),
    field("locks", el("textarea", { id: id("locks"), name: "lock" })),
    field("forbids", el("textarea", { id: id("forbids"), name: "forbid" })),
    field("add_sites", el("textarea", { id: id("add_sites"), name: "add_sites_csv", class: "csv", spellcheck: "false" })),
  );
  for (const name of ["free_places", "extra_places", "locks", "forbids", "split_penalty", "max_travel"]) {
    document.getElementById(id(name)).addEventListener("input", () => checkField(side, name));
  }
  buildScenarioLabels(side);
}

/**
 * The shape each scenario field must have, checked as the planner types: the first line that
 * does not fit is named next to the field (and the field marked invalid), before anything is
 * sent. Whether the IDs exist is the server's to say.
 */
const FIELD_RULES = {
  free_places: { pattern: /^[^=\s]+\s*=\s*\d+$/, hint: "hint_places" },
  extra_places: { pattern: /^[^=\s]+\s*=\s*[1-9]\d*$/, hint: "hint_extra" },
  locks: { pattern: /^[^=\s]+\s*=\s*[^=\s]+$/, hint: "hint_pair" },
  forbids: { pattern: /^[^=\s]+\s*=\s*[^=\s]+$/, hint: "hint_pair" },
};

/** Checks one scenario field; returns whether it is valid and shows why not beside it. */
function checkField(side, name) {
  const control = document.getElementById(side + "-" + name);
  const rule = FIELD_RULES[name];
  let problem = null;
  if (rule) {
    const lines = control.value.split(/\n/);
    const bad = lines.findIndex((line) => line.trim() !== "" && !rule.pattern.test(line.trim()));
    if (bad >= 0) problem = t("hint_line", { line: bad + 1, hint: t(rule.hint) });
  } else if (control.type === "number" && control.value !== "") {
    const value = Number(control.value);
    const min = control.min === "" ? -Infinity : Number(control.min);
    const max = control.max === "" ? Infinity : Number(control.max);
    if (!Number.isFinite(value) || value < min || value > max) {
      problem = max === Infinity ? t("hint_at_least", { min: control.min }) : t("hint_between", { min: control.min, max: control.max });
    }
  }
  let hint = document.getElementById(control.id + "-hint");
  if (!hint) {
    hint = el("p", { id: control.id + "-hint", class: "field-error", hidden: true });
    control.after(hint);
  }
  hint.textContent = problem || "";
  hint.hidden = !problem;
  if (problem) {
    control.setAttribute("aria-invalid", "true");
    control.setAttribute("aria-describedby", hint.id);
  } else {
    control.removeAttribute("aria-invalid");
    control.removeAttribute("aria-describedby");
  }
  return !problem;
}

/** Checks every field of both scenarios; focuses the first invalid one. */
function checkScenarios() {
  let first = null;
  for (const side of ["a", "b"]) {
    for (const name of ["free_places", "extra_places", "locks", "forbids", "split_penalty", "max_travel"]) {
      if (!checkField(side, name) && !first) first = document.getElementById(side + "-" + name);
    }
  }
  if (first) first.focus();
  return !first;
}

/** One weight input per element, once the element list is known. */
function buildWeightInputs(side) {
  const fieldset = document.getElementById(side + "-weights");
  if (!fieldset || fieldset.querySelector("input")) return;
  const id = (name) => side + "-" + name;
  fieldset.append(...ELEMENTS.map((key) => el("div", {}, el("label", { for: id("w-" + key), "data-element": key, text: key }),
    el("input", { id: id("w-" + key), type: "number", min: "0", step: "0.05" }))));
}

function buildScenarioLabels(side) {
  const fieldset = document.getElementById("scenario-" + side);
  for (const node of fieldset.querySelectorAll("[data-label]")) {
    node.textContent = node.dataset.label === "scenario" ? t("scenario") + " " + side.toUpperCase() : t(node.dataset.label);
  }
  const names = state.elementNames || {};
  for (const node of fieldset.querySelectorAll("[data-element]")) node.textContent = names[node.dataset.element] || node.dataset.element;
}

function readScenario(side) {
  const value = (name) => document.getElementById(side + "-" + name).value.trim();
  const scenario = { name: value("name") || side.toUpperCase(), siblings: value("siblings") };
  if (scenario.siblings === "allow_split" && value("split_penalty") !== "") scenario.split_penalty = Number(value("split_penalty"));
  if (value("max_travel") !== "") scenario.max_travel_minutes = Number(value("max_travel"));
  if (ELEMENTS.length) scenario.weights = Object.fromEntries(ELEMENTS.map((key) => [key, Number(value("w-" + key))]));
  const counts = (name) => {
    const places = {};
    for (const line of value(name).split(/\n/)) {
      const [site, count] = line.split("=").map((part) => (part || "").trim());
      if (site) places[site] = Number(count);
    }
    return places;
  };
  if (Object.keys(counts("free_places")).length) scenario.free_places = counts("free_places");
  if (Object.keys(counts("extra_places")).length) scenario.extra_places = counts("extra_places");
  const pairs = (name) => value(name).split(/\n/).map((line) => line.split("=").map((part) => (part || "").trim()))
    .filter(([child]) => child).map(([child, site]) => [child, site || ""]);
  if (pairs("locks").length) scenario.lock = pairs("locks");
  if (pairs("forbids").length) scenario.forbid = pairs("forbids");
  const removed = value("remove_sites").split(/[\s,;]+/).filter(Boolean);
  if (removed.length) scenario.remove_sites = removed;
  // New sites as CSV rows; the header row of sites.csv is added when it is left out.
  const added = document.getElementById(side + "-add_sites").value.trim();
  if (added) scenario.add_sites_csv = added.startsWith("id,") ? added + "\n" : SITE_HEADER + "\n" + added + "\n";
  return scenario;
}

/**
 * Runs long work as a server job: starts it, shows the elapsed time and the search's steps
 * with a button that cancels it on the server, and resolves with the result (or null when
 * cancelled). A failed job throws its problem, as `api` does.
 */
async function runJob(body, target) {
  let job = await api("/api/jobs?lang=" + state.lang, { method: "POST", body: JSON.stringify(body) });
  const progress = el("span", { class: "job-progress", role: "status" });
  const stop = el("button", { type: "button", class: "secondary", id: "cancel-job", text: t("job_cancel") });
  let cancelled = false;
  stop.addEventListener("click", async () => {
    cancelled = true;
    stop.disabled = true;
    await api("/api/jobs/" + encodeURIComponent(job.id), { method: "DELETE" }).catch(() => null);
  });
  target.replaceChildren(el("p", { class: "job", "data-job": job.id }, progress, " ", stop));
  const show = () => { progress.textContent = t("job_running", { seconds: fixed(job.elapsed_seconds, 0), steps: count(job.steps) }); };
  show();
  while (job.status === "running") {
    await new Promise((resolve) => setTimeout(resolve, cancelled ? 200 : 500));
    job = await api("/api/jobs/" + encodeURIComponent(job.id));
    show();
  }
  if (job.status === "failed") throw new ApiError(job.problem);
  if (job.status === "cancelled") {
    target.replaceChildren(el("p", { class: "job", role: "status", "data-job": job.id, text: t("job_cancelled", { seconds: fixed(job.elapsed_seconds, 0) }) }));
    return null;
  }
  return job.result;
}

async function runComparison(event) {
  if (event) event.preventDefault();
  if (!checkScenarios()) return;
  const target = document.getElementById("comparison");
  target.replaceChildren(el("p", { text: t("loading") }));
  try {
    const result = await runJob({ kind: "compare", a: readScenario("a"), b: readScenario("b") }, target);
    showError(null);
    if (result) {
      state.comparison = result;
      renderComparison();
    }
  } catch (error) {
    target.replaceChildren();
    showError(error, "compare-form");
  }
}

async function runRecruit(event) {
  if (event) event.preventDefault();
  const target = document.getElementById("recruit");
  target.replaceChildren(el("p", { text: t("loading") }));
  try {
    state.recruit = await api("/api/report/recruit?lang=" + state.lang, { method: "POST", body: JSON.stringify(readScenario("a")) });
    showError(null);
    renderRecruit();
  } catch (error) {
    target.replaceChildren();
    showError(error, "recruit-form");
  }
}

// The what-if: scenario B is scenario A with the extra place, compared side by side.
async function tryInB(addition) {
  for (const name of ["name", "siblings", "split_penalty", "max_travel", "free_places", "remove_sites", "locks", "forbids"]) {
    const from = document.getElementById("a-" + name);
    const to = document.getElementById("b-" + name);
    if (from && to) to.value = from.value;
  }
  for (const key of ELEMENTS) document.getElementById("b-w-" + key).value = document.getElementById("a-w-" + key).value;
  document.getElementById("b-name").value = `+1 ${addition.site_id}`;
  document.getElementById("b-extra_places").value = `${addition.site_id}=1`;
  await runComparison();
  document.getElementById("comparison").scrollIntoView();
}

/** Creates an SVG element (attributes and children as `el`). */
function svgEl(tag, attrs, ...children) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined) continue;
    if (name === "text") node.textContent = value;
    else node.setAttribute(name, String(value));
  }
  for (const child of children.flat(Infinity)) if (child) node.append(child);
  return node;
}

/** Denmark with its municipalities: a circle where children have no site (its area grows with
 * their number), a numbered marker where one more place was verified. Every mark has a title;
 * the markers take the keyboard focus; the same facts are in the lists beside the map. */
function recruitMap(view) {
  const map = view.map;
  if (!map) return null;
  const additions = Object.fromEntries(view.additions.map((addition) => [addition.rank, addition]));
  const marks = [];
  for (const town of map.municipalities) {
    marks.push(svgEl("circle", { class: "town", cx: town.x, cy: town.y, r: 1.4 }));
    if (town.unplaced > 0) {
      marks.push(svgEl("circle", { class: "unplaced", cx: town.x, cy: town.y, r: (3 + 3 * Math.sqrt(town.unplaced)).toFixed(1) },
        svgEl("title", { text: t("map_unplaced", { town: town.name, n: count(town.unplaced) }) })));
    }
  }
  for (const town of map.municipalities.filter((town) => town.additions.length)) {
    const texts = town.additions.map((rank) => additions[rank] ? additions[rank].text : "").join(" ");
    const label = town.additions.join(", ");
    const width = 6 + 5 * label.length;
    marks.push(svgEl("g", { class: "addition", tabindex: 0, role: "img", "aria-label": texts, "data-ranks": label },
      svgEl("title", { text: texts }),
      svgEl("rect", { x: town.x - width / 2, y: town.y - 6, width, height: 12, rx: 2 }),
      svgEl("text", { x: town.x, y: town.y + 3.5, "text-anchor": "middle", text: label })));
  }
  return el("figure", { class: "map" },
    svgEl("svg", { id: "recruit-map", viewBox: map.view_box, role: "group", "aria-labelledby": "recruit-map-title" },
      svgEl("title", { id: "recruit-map-title", text: t("map_title") }),
      svgEl("path", { class: "land", d: map.outline }),
      marks),
    el("figcaption", { class: "note", text: t("map_legend") }));
}

function renderRecruit() {
  const view = state.recruit;
  if (!view) return;
  const list = (title, items) => items.length
    ? [el("h4", { text: title }), el("ul", {}, ...items.map((text) => el("li", { text })))] : [];
  document.getElementById("recruit").replaceChildren(
    view.additions.length
      ? el("ol", { id: "additions" }, ...view.additions.map((addition) => {
        const button = el("button", { type: "button", class: "try", "data-site": addition.site_id, text: t("try_in_b") });
        button.addEventListener("click", () => tryInB(addition).catch(showError));
        return el("li", {}, el("span", { text: addition.text + " " }), button);
      }))
      : el("p", { text: t("recruit_none") }),
    recruitMap(view),
    ...list(t("recruit_unplaced"), view.unplaced_by_region.map((entry) => `Region ${entry.region}: ${entry.children}`)),
    ...list(t("recruit_groups"), view.sibling_groups_apart.map((group) => t("recruit_group", group))),
    ...list(t("recruit_missing"), view.missing_competences.slice(0, 8).map((entry) => `${entry.need_text}: ${entry.children}`)),
    el("p", { class: "method", text: view.method }));
}

function renderComparison() {
  const view = state.comparison;
  if (!view) return;
  // Figures and flag counts side by side, in the server's words, with B − A and whether B is
  // better (an arrow for the direction of the change, and the word, for those who see no colour).
  const arrow = (row) => row.change === "same" ? "=" : (row.difference || "").startsWith("+") ? "▲" : "▼";
  const rowOf = (row) => el("tr", { "data-metric": row.key, class: row.key.startsWith("flag:") ? "flag-row" : null },
    el("th", { scope: "row", text: row.label }),
    el("td", { class: "num", text: row.a }), el("td", { class: "num", text: row.b }),
    el("td", { class: "num change " + row.change },
      row.difference && row.change !== "same" ? el("span", { "aria-hidden": "true", text: arrow(row) + " " }) : null,
      row.difference && row.change !== "same" ? row.difference + " " : "",
      el("span", { class: "change-text", text: "(" + row.change_text + ")" })));
  const figures = view.rows.filter((row) => !row.key.startsWith("flag:"));
  const flags = view.rows.filter((row) => row.key.startsWith("flag:"));
  const table = el("table", { id: "metrics" },
    el("thead", {}, el("tr", {}, el("th", { text: t("metric") }), el("th", { class: "num", text: "A: " + view.a.scenario }),
      el("th", { class: "num", text: "B: " + view.b.scenario }), el("th", { class: "num", text: t("difference") }))),
    el("tbody", {}, figures.map(rowOf)),
    flags.length ? el("tbody", { class: "flags" }, [el("tr", {}, el("th", { colspan: "4", text: t("flags") }))].concat(flags.map(rowOf))) : null);
  const label = (code) => (view.flag_labels || {})[code] || code;
  const code = (flag) => flag.split(":")[0];
  const changes = (move) => {
    const gone = move.a_flags.filter((flag) => !move.b_flags.includes(flag)).map((flag) => "− " + label(code(flag)));
    const added = move.b_flags.filter((flag) => !move.a_flags.includes(flag)).map((flag) => "+ " + label(code(flag)));
    return gone.concat(added).join("; ");
  };
  const moved = el("table", { id: "moved" },
    el("thead", {}, el("tr", {}, el("th", { text: t("child") }), el("th", { text: "A" }), el("th", { text: "B" }), el("th", { text: t("flags") }))),
    el("tbody", {}, view.moved.map((move) => el("tr", {}, el("td", { text: move.child_id }),
      el("td", { text: move.a_site_id || t("unassigned") }), el("td", { text: move.b_site_id || t("unassigned") }),
      el("td", { text: changes(move) })))));
  // Each side's proof in plain words first ("proven best" or "stopped; at most … from the
  // best"), the technical proof one click away.
  const proof = (side, name, optimality) => el("div", { class: "proof " + optimality.status, "data-side": side },
    el("p", {}, el("strong", { text: side.toUpperCase() + ": " + name + " · " + t(optimality.status === "optimal" ? "proof_proven" : "proof_stopped") }),
      " " + optimality.summary + "."),
    el("details", {}, el("summary", { text: t("proof_details") }), el("p", { text: optimality.method })));
  const proofs = el("div", { id: "proofs" }, proof("a", view.a.scenario, view.a_optimality), proof("b", view.b.scenario, view.b_optimality));
  document.getElementById("comparison").replaceChildren(proofs, table, el("h3", { text: t("moved", { n: view.moved.length }) }), moved);
}

// ---- auditor: accesses and fairness ------------------------------------------------------

function simpleTable(id, headers, rows) {
  return el("table", { id },
    el("thead", {}, el("tr", {}, headers.map(([text, numeric]) => el("th", { class: numeric ? "num" : null, text })))),
    el("tbody", {}, rows.map((cells) => el("tr", {}, cells.map(([text, numeric]) => el("td", { class: numeric ? "num" : null, text: String(text) }))))));
}

async function showAccesses(event) {
  if (event) event.preventDefault();
  const child = document.getElementById("extract-child").value.trim();
  const target = document.getElementById("extract");
  try {
    state.extract = await api("/api/audit/children/" + encodeURIComponent(child));
    showError(null);
    renderAccesses();
  } catch (error) {
    target.replaceChildren();
    showError(error, "extract-form");
  }
}

/** The child's process as an auditor reads it: the server withholds every free text. */
async function showAuditCase() {
  const child = document.getElementById("extract-child").value.trim();
  const target = document.getElementById("audit-case");
  if (!child) return;
  try {
    state.auditCase = await api("/api/children/" + encodeURIComponent(child) + "/case?lang=" + state.lang);
    showError(null);
    target.replaceChildren(processBlock(state.auditCase, "audit-process"));
  } catch (error) {
    target.replaceChildren();
    showError(error, "extract-form");
  }
}

function renderAccesses() {
  const view = state.extract;
  if (!view) return;
  document.getElementById("extract").replaceChildren(
    el("h3", { text: t("accesses", { n: view.accesses.length, child: view.child_id }) }),
    simpleTable("accesses", [["#", true], [t("time")], [t("user")], [t("role")], [t("command")], [t("purpose_col")]],
      view.accesses.map((a) => [[a.seq, true], [localTime(a.time)], [a.user], [label("role_" + a.role, a.role)],
        [commandText(a.command)], [a.purpose]])));
}

// A label when the page has one, else the server's own value.
function label(key, fallback) {
  return LABELS[state.lang][key] ? t(key) : fallback;
}

function commandText(command) {
  if (command.startsWith("denied: ")) return t("denied", { what: commandText(command.slice(8)) });
  return label("cmd_" + command, command);
}

// A recorded UTC time as Danish local time to the second.
function localTime(utc) {
  const time = new Date(utc);
  if (Number.isNaN(time.getTime())) return utc;
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Copenhagen", year: "numeric", month: "2-digit", day: "2-digit",
    hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23",
  }).formatToParts(time);
  const part = (type) => parts.find((p) => p.type === type).value;
  return `${part("year")}-${part("month")}-${part("day")} ${part("hour")}:${part("minute")}:${part("second")}`;
}

function groupText(dimension, group) {
  if (dimension === "all") return t("group_all");
  if (dimension === "sex") return label("sex_" + group, group);
  if (dimension === "age_band") return t("age_years", { band: group.replace("-", "–") });
  return group;
}

async function showFairness(event) {
  if (event) event.preventDefault();
  const target = document.getElementById("fairness");
  try {
    state.fairness = await api("/api/report/fairness");
    showError(null);
    renderFairness();
  } catch (error) {
    target.replaceChildren();
    showError(error, "fairness-form");
  }
}

function renderFairness() {
  const view = state.fairness;
  if (!view) return;
  const number = (value, digits) => (value === null || value === undefined ? "" : fixed(value, digits));
  const count = (value) => (value === null || value === undefined ? "" : value);
  document.getElementById("fairness").replaceChildren(
    el("p", { text: t("fairness_summary", { n: view.children, min: view.min_cell }) }),
      simpleTable("fairness-cells",
        [[t("dimension")], [t("group")], [t("children"), true], [t("placed"), true], [t("siblings_split"), true],
          [t("median_home"), true], [t("median_school"), true], [t("school_changes"), true], [t("family_share"), true], [t("overrides"), true]],
        view.cells.map((c) => c.suppressed
          ? [[label("dim_" + c.dimension, c.dimension)], [groupText(c.dimension, c.group)], [c.complementary ? t("complementary") : t("suppressed", { min: view.min_cell }), true], [""], [""], [""], [""], [""], [""], [""]]
          : [[label("dim_" + c.dimension, c.dimension)], [groupText(c.dimension, c.group)], [count(c.children), true], [count(c.placed), true], [count(c.sibling_groups_split), true],
            [number(c.median_travel_minutes_home, 1), true], [number(c.median_travel_minutes_school, 1), true],
            [count(c.school_changes), true], [number(c.family_care_share, 3), true], [count(c.overrode_top), true]])));
}

// ---- coordinator: the case process --------------------------------------------------------

/** Records that a site was asked to take the shown child, then shows the list again with the
 * site's status. */
async function askSite(siteId) {
  const child = state.shortlist && state.shortlist.child_id;
  if (!child) return;
  try {
    await api("/api/children/" + encodeURIComponent(child) + "/inquiries?lang=" + state.lang, {
      method: "POST", body: JSON.stringify({ sites: [siteId] }),
    });
    await showShortlist();
    const button = document.querySelector(`li.site[data-site="${CSS.escape(siteId)}"] .inquiry`);
    if (button) button.setAttribute("tabindex", "-1"), button.focus();
  } catch (error) {
    showError(error, "shortlist-form");
  }
}

/** The form that records an asked site's answer: yes (with conditions) or no with a reason. */
function answerForm(site) {
  const key = site.site_id.replace(/[^A-Za-z0-9_-]/g, "_");
  const choice = el("select", { id: "answer-" + key },
    ["yes", "no_capacity", "needs_not_met", "group_fit", "timing", "other"].map((value) => el("option", { value, text: t("answer_" + value) })));
  const conditions = el("input", { id: "conditions-" + key, maxlength: 1000, autocomplete: "off" });
  // The gaps the conditions may cover: only needs the site lacks for this child.
  const closable = site.gap_details.filter((gap) => gap.need);
  const boxes = closable.map((gap, idx) => el("div", { class: "check" },
    el("input", { type: "checkbox", id: "closes-" + key + "-" + idx, value: gap.need }),
    el("label", { for: "closes-" + key + "-" + idx, text: gap.text })));
  const form = el("form", { class: "answer row", "data-site": site.site_id },
    el("div", {}, el("label", { for: choice.id, text: t("answer_label") }), choice),
    el("div", {}, el("label", { for: conditions.id, text: t("conditions_label") }), conditions),
    boxes.length ? el("fieldset", { class: "closes" }, el("legend", { text: t("closes_label") }), boxes) : null,
    el("button", { type: "submit", class: "secondary", text: t("record_answer") }));
  const toggle = () => {
    conditions.disabled = choice.value !== "yes";
    for (const box of form.querySelectorAll(".closes input")) box.disabled = choice.value !== "yes" || !conditions.value.trim();
  };
  choice.addEventListener("change", toggle);
  conditions.addEventListener("input", toggle);
  toggle();
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const closes = [...form.querySelectorAll(".closes input:checked:not(:disabled)")].map((box) => box.value);
    const body = choice.value === "yes"
      ? { site: site.site_id, answer: "accepted", conditions: conditions.value.trim() || null, closes }
      : { site: site.site_id, answer: "declined", reason: choice.value };
    try {
      await api("/api/children/" + encodeURIComponent(state.shortlist.child_id) + "/responses?lang=" + state.lang, {
        method: "POST", body: JSON.stringify(body),
      });
      await showShortlist();
    } catch (error) {
      showError(error, "shortlist-form");
    }
  });
  return form;
}

/** Records today's follow-up of a child's placement: its status and, for a breakdown, why. */
function followupForm(child) {
  const key = child.replace(/[^A-Za-z0-9_-]/g, "_");
  const status = el("select", { id: "status-" + key, "aria-label": t("followup_status", { child }) },
    ["ongoing", "breakdown", "planned_end", "moved"].map((value) => el("option", { value, text: t("status_" + value) })));
  const cause = el("select", { id: "cause-" + key, "aria-label": t("followup_cause", { child }), disabled: true },
    ["site_ended", "needs_not_met", "child_left", "parents", "other"].map((value) => el("option", { value, text: t("cause_" + value) })));
  status.addEventListener("change", () => { cause.disabled = status.value !== "breakdown"; });
  const form = el("form", { class: "followup", "data-child": child }, status, " ", cause, " ",
    el("button", { type: "submit", class: "secondary", text: t("due_record") }));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const body = { status: status.value, cause: status.value === "breakdown" ? cause.value : null };
    try {
      await api("/api/children/" + encodeURIComponent(child) + "/followups?lang=" + state.lang, { method: "POST", body: JSON.stringify(body) });
      form.replaceChildren(el("span", { role: "status", text: t("followup_done") }));
    } catch (error) {
      showError(error, "due-form");
    }
  });
  return form;
}

async function showDue(event) {
  if (event) event.preventDefault();
  const target = document.getElementById("due");
  try {
    state.due = await api("/api/due?within=14&lang=" + state.lang);
    showError(null);
    renderDue();
  } catch (error) {
    target.replaceChildren();
    showError(error, "due-form");
  }
}

function renderDue() {
  const view = state.due;
  if (!view) return;
  const target = document.getElementById("due");
  if (view.due.length === 0) {
    target.replaceChildren(el("p", { text: t("due_none") }));
    return;
  }
  const table = simpleTable("due-list", [[t("due_when")], [t("due_child")], [t("site")], [t("due_what")], [t("due_record")]],
    view.due.map((item) => [[item.date + (item.days_overdue > 0 ? " (" + t(item.days_overdue === 1 ? "overdue_one" : "overdue_many", { n: item.days_overdue }) + ")" : "")],
      [item.child_id], [item.site_id], [item.text], [""]]));
  // Each child's follow-up is recorded from its row (once per child: its latest placement).
  const seen = new Set();
  table.querySelectorAll("tbody tr").forEach((row, idx) => {
    const item = view.due[idx];
    if (seen.has(item.child_id)) return;
    seen.add(item.child_id);
    row.lastElementChild.replaceChildren(followupForm(item.child_id));
  });
  target.replaceChildren(table);
}

// ---- planner: outcomes ----------------------------------------------------------------------

async function showOutcomes(event) {
  if (event) event.preventDefault();
  const target = document.getElementById("outcomes");
  try {
    state.outcomes = await api("/api/report/outcomes?lang=" + state.lang);
    showError(null);
    renderOutcomes();
  } catch (error) {
    target.replaceChildren();
    showError(error, "outcomes-form");
  }
}

/** A share with one decimal: "7,1 %" in Danish, "7.1%" in English. */
function share1(value) {
  const text = fixed(Number(value) * 100, 1);
  return state.lang === "da" ? text + "\u00a0%" : text + "%";
}

/** The breakdown rate by score band as dots with interval bars, drawn inline; each mark has
 * a title, and the same figures are in the table below it. */
function outcomesPlot(cells) {
  const shown = cells.filter((cell) => cell.rate);
  if (shown.length === 0) return null;
  const width = 520, height = 220, left = 48, bottom = 36, top = 12;
  const ceiling = Math.max(0.05, ...shown.map((cell) => cell.rate.high));
  const step = ceiling > 0.5 ? 0.2 : ceiling > 0.2 ? 0.1 : 0.05;
  const max = Math.ceil(ceiling / step) * step;
  const y = (value) => top + (height - top - bottom) * (1 - value / max);
  const slot = (width - left - 12) / cells.length;
  const x = (idx) => left + slot * (idx + 0.5);
  const ticks = [];
  for (let value = 0; value <= max + 1e-9; value += step) {
    ticks.push(svgEl("line", { x1: left, x2: width - 12, y1: y(value), y2: y(value), class: "grid" }));
    ticks.push(svgEl("text", { x: left - 6, y: y(value) + 4, "text-anchor": "end", text: percent(value) }));
  }
  const marks = cells.map((cell, idx) => {
    const name = svgEl("text", { x: x(idx), y: height - bottom + 18, "text-anchor": "middle", text: cell.label });
    if (!cell.rate) {
      return svgEl("g", {}, name, svgEl("text", { x: x(idx), y: y(0) - 6, "text-anchor": "middle", class: "hidden-cell", text: t("outcomes_hidden") }));
    }
    const rate = cell.rate;
    const words = t("outcomes_point", { band: cell.label, rate: share1(rate.rate), low: share1(rate.low), high: share1(rate.high), broke: rate.breakdowns, n: count(rate.placements) });
    return svgEl("g", { class: "band" },
      svgEl("title", { text: words }),
      svgEl("line", { x1: x(idx), x2: x(idx), y1: y(rate.low), y2: y(rate.high), class: "interval" }),
      svgEl("line", { x1: x(idx) - 6, x2: x(idx) + 6, y1: y(rate.low), y2: y(rate.low), class: "interval" }),
      svgEl("line", { x1: x(idx) - 6, x2: x(idx) + 6, y1: y(rate.high), y2: y(rate.high), class: "interval" }),
      svgEl("circle", { cx: x(idx), cy: y(rate.rate), r: 5, class: "rate" }),
      name);
  });
  return svgEl("svg", { id: "outcomes-plot", viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": t("outcomes_plot") },
    svgEl("title", { text: t("outcomes_plot") }), ticks, marks);
}

function renderOutcomes() {
  const view = state.outcomes;
  if (!view) return;
  const overall = view.overall;
  const parts = [el("p", { text: t("outcomes_summary", {
    n: overall ? count(overall.placements) : 0, recent: count(view.too_recent),
    rate: overall ? share1(overall.rate) : "–", low: overall ? share1(overall.low) : "–", high: overall ? share1(overall.high) : "–", min: view.min_cell }) })];
  const bands = view.dimensions.find((dimension) => dimension.name === "score_band");
  if (bands) parts.push(el("figure", {}, outcomesPlot(bands.cells), el("figcaption", { text: t("outcomes_plot") })));
  for (const dimension of view.dimensions) {
    parts.push(el("h4", { text: dimension.label }));
    parts.push(simpleTable("outcomes-" + dimension.name, [[t("group")], [t("rate"), true], [t("interval"), true], [t("placements"), true]],
      dimension.cells.map((cell) => cell.rate
        ? [[cell.label], [share1(cell.rate.rate), true], [share1(cell.rate.low) + "–" + share1(cell.rate.high), true], [cell.rate.breakdowns + " / " + count(cell.rate.placements), true]]
        : [[cell.label], [cell.complementary ? t("complementary") : t("outcomes_hidden"), true], [""], [""]])));
  }
  const calibration = view.calibration;
  parts.push(el("h4", { text: t("calibration_heading") }));
  if (calibration.effects.length > 0) {
    parts.push(el("p", { text: t("calibration_intro", { n: count(calibration.placements), broke: count(calibration.breakdowns) }) }));
    parts.push(simpleTable("outcomes-calibration", [[t("element")], [t("odds_ratio"), true], [t("interval"), true], [t("reading")]],
      calibration.effects.map((effect) => effect.reading === "not_assessable"
        ? [[effect.label], [""], [""], [t("reading_not_assessable")]]
        : [[effect.label], [fixed(effect.odds_ratio, 2), true], [fixed(effect.low, 2) + "–" + fixed(effect.high, 2), true], [t("reading_" + effect.reading)]])));
  }
  if (calibration.proposed_weights) {
    parts.push(el("p", { text: t("proposal") }));
    const lines = calibration.effects.map((effect) => `${effect.element} = ${Number(calibration.proposed_weights[effect.element]).toFixed(3)}  # ${effect.label}`);
    parts.push(el("pre", { id: "outcomes-proposal", text: lines.join("\n") }));
  } else if (calibration.no_proposal_text) {
    parts.push(el("p", { text: t("no_proposal", { why: calibration.no_proposal_text }) }));
  }
  document.getElementById("outcomes").replaceChildren(...parts);
}

// ---- start -------------------------------------------------------------------------------

async function start() {
  showError(null);
  let me;
  try {
    me = await api("/api/me");
  } catch (error) {
    // Before a token is typed, asking for one is enough: no error yet.
    if (!state.token && error.problem && error.problem.status === 401) {
      document.getElementById("login").hidden = false;
    } else {
      showError(error);
    }
    return;
  }
  document.getElementById("login").hidden = true;
  document.getElementById("logout").hidden = !state.token;
  state.me = me;
  applyLabels();
  const coordinator = me.roles.includes("coordinator");
  const planner = me.roles.includes("planner");
  document.getElementById("coordinator").hidden = !coordinator;
  document.getElementById("planner").hidden = !planner;
  document.getElementById("auditor").hidden = !me.roles.includes("auditor");
  // What needs a case store is shown only when the server has one.
  for (const id of ["due-section", "outcomes-section", "audit-case-button"]) document.getElementById(id).hidden = !me.case_store;
  if (coordinator || planner) {
    try {
      await loadElements(true);
      await loadChildren();
    } catch (error) {
      showError(error);
    }
  }
}

// Forgets the token and everything shown with it; the page asks for a token again.
function logOut() {
  sessionStorage.removeItem("placematch-token");
  Object.assign(state, { token: null, me: null, extract: null, fairness: null, shortlist: null, comparison: null, children: null, recruit: null, outcomes: null, due: null, process: null, decision: null, auditCase: null });
  for (const id of ["coordinator", "planner", "auditor", "logout"]) document.getElementById(id).hidden = true;
  for (const id of ["shortlist", "comparison", "extract", "fairness", "recruit", "outcomes", "due", "audit-case"]) {
    const node = document.getElementById(id);
    if (node) node.replaceChildren();
  }
  document.getElementById("child").replaceChildren();
  document.getElementById("who").textContent = "";
  showError(null);
  document.getElementById("login").hidden = false;
  document.getElementById("token").focus();
}

async function changeLanguage() {
  state.lang = document.getElementById("lang").value;
  localStorage.setItem("placematch-lang", state.lang);
  applyLabels();
  renderChildren();
  // The comparison's sentences come from the server in one language: ask again.
  if (state.comparison) await runComparison();
  if (state.recruit) await runRecruit();
  if (state.outcomes) await showOutcomes();
  if (state.due) await showDue();
  renderAccesses();
  renderFairness();
  if (state.auditCase) await showAuditCase();
  if (state.me) await loadElements(false).catch(showError);
  if (state.shortlist) await showShortlist();
}

document.addEventListener("DOMContentLoaded", () => {
  const saved = localStorage.getItem("placematch-lang");
  if (saved === "da" || saved === "en") state.lang = saved;
  document.getElementById("lang").value = state.lang;
  buildScenario("a");
  buildScenario("b");
  applyLabels();
  document.getElementById("lang").addEventListener("change", changeLanguage);
  document.getElementById("shortlist-form").addEventListener("submit", showShortlist);
  document.getElementById("compare-form").addEventListener("submit", runComparison);
  document.getElementById("recruit-form").addEventListener("submit", runRecruit);
  document.getElementById("extract-form").addEventListener("submit", showAccesses);
  document.getElementById("fairness-form").addEventListener("submit", showFairness);
  document.getElementById("outcomes-form").addEventListener("submit", showOutcomes);
  document.getElementById("audit-case-button").addEventListener("click", showAuditCase);
  document.getElementById("due-form").addEventListener("submit", showDue);
  document.getElementById("logout").addEventListener("click", logOut);
  document.getElementById("login-form").addEventListener("submit", (event) => {
    event.preventDefault();
    state.token = document.getElementById("token").value.trim();
    sessionStorage.setItem("placematch-token", state.token);
    document.getElementById("token").value = "";
    start();
  });
  start();
});
