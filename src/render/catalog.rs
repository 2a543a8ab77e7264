//! Danish and English text for every reason code and vocabulary detail.
//!
//! Written so that a caseworker can reuse a sentence in the written justification of a
//! decision (forvaltningsloven §§ 22 and 24). `{}` in a text is replaced by the reason's
//! detail in the same language. A test checks that every code has both texts.

use super::Lang;
use crate::explain::{Detail, Reason};

/// `(code, English, Danish)`. A key `code:detail` overrides the text of `code` for that
/// detail (the security levels read differently).
const TEXTS: &[(&str, &str, &str)] = &[
    (
        "needs.type_too_light",
        "The site type cannot take children with {} support needs",
        "Stedstypen kan ikke modtage børn med {} støttebehov",
    ),
    (
        "needs.security_mismatch",
        "The site's security level does not match the placement decision ({})",
        "Stedets sikkerhedsniveau svarer ikke til anbringelsesafgørelsen ({})",
    ),
    (
        "needs.security_mismatch:secure",
        "The site is not a secure unit, which the decision requires",
        "Stedet er ikke en sikret døgninstitution, som afgørelsen kræver",
    ),
    (
        "needs.security_mismatch:partly_closed",
        "The site is not a partly closed unit, which the decision requires",
        "Stedet er ikke en delvis lukket døgninstitution, som afgørelsen kræver",
    ),
    (
        "needs.security_mismatch:none",
        "The site is a closed or secure unit, and the decision is an open placement",
        "Stedet er en delvis lukket eller sikret døgninstitution, og afgørelsen er en åben anbringelse",
    ),
    (
        "needs.severe_need_uncovered",
        "The child has a severe need within {}, and the site has no competence in it",
        "Barnet har et svært behov inden for {}, og stedet har ingen kompetence på området",
    ),
    (
        "needs.uncovered",
        "The site's competences do not fully cover the child's needs within {}",
        "Stedets kompetencer dækker ikke fuldt barnets behov inden for {}",
    ),
    (
        "needs.all_covered",
        "The site's competences cover all of the child's assessed needs: {}",
        "Stedets kompetencer dækker alle barnets vurderede behov: {}",
    ),
    (
        "needs.partly_covered:none",
        "The site's competences cover the child's assessed needs only in part",
        "Stedets kompetencer dækker kun delvist barnets vurderede behov",
    ),
    (
        "needs.partly_covered",
        "The site's competences fully cover the child's needs within {}, but not all of the child's assessed needs",
        "Stedets kompetencer dækker fuldt barnets behov inden for {}, men ikke alle barnets vurderede behov",
    ),
    (
        "needs.no_needs_recorded",
        "No needs are recorded for the child; see the child's assessment",
        "Der er ikke registreret behov hos barnet; se den børnefaglige undersøgelse",
    ),
    (
        "needs.competences_missing",
        "The site has no recorded competences, so coverage is unknown",
        "Stedet har ingen registrerede kompetencer, så dækningen er ukendt",
    ),
    (
        "stability.purpose_not_accepted",
        "The site does not take children for {}",
        "Stedet modtager ikke børn til {}",
    ),
    (
        "stability.family_for_young_child",
        "A foster family, which can give the child close and stable adults",
        "Stedet er en plejefamilie, som kan give barnet nære og stabile voksenrelationer",
    ),
    (
        "stability.institution_for_young_child",
        "Not a foster family; the municipality must assess whether a foster family is most appropriate",
        "Stedet er ikke en plejefamilie; kommunen skal vurdere, om en plejefamilie er mest hensigtsmæssig",
    ),
    (
        "stability.full_time_carer",
        "A foster parent is at home full time",
        "En af plejeforældrene er hjemmegående",
    ),
    (
        "stability.many_other_children",
        "Many other children live at the site (4 or more)",
        "Der bor mange andre børn på stedet (4 eller flere)",
    ),
    (
        "stability.experienced_carers",
        "The adults are experienced with trauma or attachment, which matters after earlier placements that ended early",
        "De voksne har erfaring med traumer eller tilknytning, hvilket er vigtigt efter tidligere afbrudte anbringelser",
    ),
    (
        "stability.breakdowns_need_experience",
        "Earlier placements of the child ended early, and the site has no recorded experience with trauma or attachment",
        "Barnet har haft tidligere afbrudte anbringelser, og stedet har ikke registreret erfaring med traumer eller tilknytning",
    ),
    (
        "stability.purposes_missing",
        "The site has not recorded which placements it takes; confirm with the site",
        "Stedet har ikke registreret, hvilke anbringelser det modtager; bekræft med stedet",
    ),
    (
        "stability.family_care_preferred",
        "A foster family that meets every condition ranks lower on the list. The municipality must assess whether a foster family is most appropriate",
        "En plejefamilie, der opfylder betingelserne, står lavere på listen. Kommunen skal vurdere, om en plejefamilie er mest hensigtsmæssig",
    ),
    (
        "stability.no_family_under_policy",
        "No foster family meets every condition for the child. The municipality's policy is to place children under {} in foster families",
        "Ingen plejefamilie opfylder alle betingelser for barnet. Kommunens politik er, at børn under {} år anbringes i plejefamilie",
    ),
    (
        "network.other_childs_network_family",
        "The site is another child's network foster family",
        "Stedet er netværksplejefamilie for et andet barn",
    ),
    (
        "network.own_network_family",
        "The child's own network foster family",
        "Barnets egen netværksplejefamilie",
    ),
    (
        "network.approval_needed",
        "The network foster family is not yet approved. The placing municipality can approve it for this child unless special circumstances apply",
        "Netværksplejefamilien er endnu ikke godkendt. Den anbringende kommune kan godkende den konkret til barnet, medmindre særlige forhold gør sig gældende",
    ),
    (
        "network.near_home",
        "Close to the parents' home (at most 30 minutes' drive)",
        "Tæt på forældrenes bopæl (højst 30 minutters kørsel)",
    ),
    (
        "network.far_from_home",
        "Far from the parents' home (more than an hour's drive)",
        "Langt fra forældrenes bopæl (mere end en times kørsel)",
    ),
    (
        "network.cooperation_experience",
        "Experienced in working with parents, also when cooperation is hard",
        "Erfaring med at samarbejde med forældre, også når samarbejdet er svært",
    ),
    (
        "network.network_family_not_first",
        "The child's network foster family can take the child. If another site is chosen, the reasons should address continuity and network",
        "Barnets netværksplejefamilie kan modtage barnet. Vælges et andet sted, bør begrundelsen forholde sig til kontinuitet og netværk",
    ),
    (
        "siblings.no_siblings_in_batch",
        "No siblings await placement with the child",
        "Ingen søskende afventer anbringelse sammen med barnet",
    ),
    (
        "siblings.group_fits",
        "There is room for all the siblings, and every sibling meets the site's conditions",
        "Der er plads til hele søskendeflokken, og alle søskende opfylder stedets betingelser",
    ),
    (
        "siblings.split_required",
        "Too few free places for all the siblings, so they would be separated",
        "For få ledige pladser til hele søskendeflokken, så søskende vil blive adskilt",
    ),
    (
        "siblings.sibling_excluded",
        "Sibling {}; the siblings would therefore be separated",
        "Søskende {}; søskende vil derfor blive adskilt",
    ),
    (
        "siblings.placed_siblings_here",
        "The child's brothers or sisters already live here",
        "Barnets søskende bor allerede her",
    ),
    (
        "siblings.apart_from_placed_siblings",
        "The child's brothers or sisters are placed at {}; placed here, the child would not live with them",
        "Barnets søskende er anbragt på {}; anbringes barnet her, bor barnet ikke sammen med sine søskende",
    ),
    (
        "school.within_reach",
        "The child's current school is at most 30 minutes' drive away",
        "Barnets nuværende skole ligger højst 30 minutters kørsel væk",
    ),
    (
        "school.travel_long",
        "30 to 45 minutes' drive to the child's current school",
        "30 til 45 minutters kørsel til barnets nuværende skole",
    ),
    (
        "school.travel_too_long",
        "More than 45 minutes' drive to the child's current school",
        "Mere end 45 minutters kørsel til barnets nuværende skole",
    ),
    (
        "school.daycare_within_reach",
        "At most 30 minutes' drive from the child's current daycare",
        "Højst 30 minutters kørsel fra barnets nuværende dagtilbud",
    ),
    (
        "school.daycare_travel_long",
        "30 to 45 minutes' drive from the child's current daycare",
        "30 til 45 minutters kørsel fra barnets nuværende dagtilbud",
    ),
    (
        "school.daycare_travel_too_long",
        "More than 45 minutes' drive from the child's current daycare; the child will probably change daycare",
        "Mere end 45 minutters kørsel fra barnets nuværende dagtilbud; barnet skal sandsynligvis skifte dagtilbud",
    ),
    (
        "school.internal_school",
        "The site has an internal school, which can support the child's need for special education",
        "Stedet har intern skole, som kan understøtte barnets behov for specialundervisning",
    ),
    (
        "school.school_change",
        "The child would probably have to change school",
        "Barnet skal sandsynligvis skifte skole",
    ),
    (
        "school.assessment_before_home",
        "The site is a children's home in another municipality: the child's possible need for special education must be assessed before the decision",
        "Stedet er et børne- og ungehjem i en anden kommune: barnets eventuelle behov for specialundervisning skal vurderes, før der træffes afgørelse",
    ),
    (
        "wishes.must_not",
        "The site has something the child must not live with: {}",
        "På stedet er der noget, barnet ikke må bo sammen med: {}",
    ),
    (
        "wishes.met",
        "The child's wish for {} is met",
        "Barnets ønske om {} er opfyldt",
    ),
    (
        "wishes.not_met",
        "The child's wish for {} is not met",
        "Barnets ønske om {} er ikke opfyldt",
    ),
    (
        "wishes.unknown",
        "The site's profile does not say whether the child's wish for {} can be met",
        "Stedets oplysninger siger ikke, om barnets ønske om {} kan opfyldes",
    ),
    (
        "wishes.unknown_language",
        "The site's profile does not say whether {} is spoken",
        "Stedets oplysninger siger ikke, om der tales {}",
    ),
    (
        "wishes.language_kept",
        "{} is spoken at the site",
        "Der tales {} på stedet",
    ),
    (
        "wishes.language_not_spoken",
        "{} is not spoken at the site",
        "Der tales ikke {} på stedet",
    ),
    (
        "wishes.none_recorded",
        "No wishes are recorded; the child's perspective must be included, for the youngest through observation and other ways",
        "Der er ikke registreret ønsker; barnets perspektiv skal inddrages, for de mindste fx ved observation",
    ),
    (
        "setting.no_free_place",
        "No free place",
        "Ingen ledig plads",
    ),
    (
        "setting.age_out_of_range",
        "The child's age is outside the site's age range",
        "Barnets alder ligger uden for stedets aldersgruppe",
    ),
    (
        "setting.age_one_year_outside",
        "The child's age is one year outside the site's age range",
        "Barnets alder ligger et år uden for stedets aldersgruppe",
    ),
    (
        "setting.sex_restriction",
        "The site takes only girls or only boys, and not this child",
        "Stedet modtager kun piger eller kun drenge og ikke dette barn",
    ),
    (
        "setting.not_approved",
        "The site is not approved",
        "Stedet er ikke godkendt",
    ),
    (
        "setting.network_family_not_assessed",
        "A network foster family is approved by the municipality for this child and has no quality assessment from Socialtilsynet; quality counts as neutral",
        "En netværksplejefamilie godkendes af kommunen til det konkrete barn og har ingen kvalitetsvurdering fra Socialtilsynet; kvaliteten indgår derfor neutralt",
    ),
    (
        "setting.high_quality",
        "High quality score from Socialtilsynet (4 or more)",
        "Høj kvalitetsvurdering fra Socialtilsynet (4 eller mere)",
    ),
    (
        "setting.quality_missing",
        "No quality score from Socialtilsynet is recorded",
        "Der er ikke registreret en kvalitetsvurdering fra Socialtilsynet",
    ),
    (
        "setting.stale_data",
        "The site's profile was last updated more than 12 months ago",
        "Stedets oplysninger er sidst opdateret for mere end 12 måneder siden",
    ),
    (
        "setting.update_date_missing",
        "The site's profile has no update date",
        "Stedets oplysninger har ingen opdateringsdato",
    ),
    (
        "setting.age_range_missing",
        "The site has no recorded age range; confirm with the site that it can take a child of this age",
        "Stedet har ingen registreret aldersgruppe; bekræft med stedet, at det kan modtage et barn i denne alder",
    ),
    (
        "siblings.split_in_assignment",
        "The sibling group is not kept together in this assignment: at least one of the child's siblings is proposed for another site or gets no place",
        "Søskendeflokken holdes ikke samlet i denne fordeling: mindst én af barnets søskende foreslås et andet sted eller får ikke plads",
    ),
    (
        "stability.outside_family_under_policy",
        "The child is under {} and is not placed in a foster family, as the municipality's policy prefers; in this assignment no foster family could take the child without a higher priority losing",
        "Barnet er under {} år og anbringes ikke i en plejefamilie, som kommunens politik foreskriver; i denne fordeling kunne ingen plejefamilie modtage barnet, uden at en højere prioritet blev ringere",
    ),
    (
        "stability.outside_family_not_prioritized",
        "The child is under {} and is not placed in a foster family, as the municipality's policy prefers; this scenario's priorities leave family care out",
        "Barnet er under {} år og anbringes ikke i en plejefamilie, som kommunens politik foreskriver; scenariets prioriteter medtager ikke familiepleje",
    ),
    (
        "assign.no_eligible_site",
        "No site meets every condition for the child",
        "Intet sted opfylder alle betingelser for barnet",
    ),
    (
        "siblings.no_site_for_group",
        "No site where every sibling meets the conditions has room for all of them",
        "Intet sted, hvor alle søskende opfylder betingelserne, har plads til hele søskendeflokken",
    ),
    (
        "assign.sites_saturated",
        "Every possible site is given to other children in this assignment",
        "Alle mulige steder er i denne fordeling givet til andre børn",
    ),
];

/// Short names of the gates, for counts over many sites and for a sibling's gate.
const GATE_LABELS: &[(&str, &str, &str)] = &[
    (
        "needs.type_too_light",
        "site type too light for the support needs",
        "stedstypen passer ikke til støttebehovet",
    ),
    (
        "needs.security_mismatch",
        "security level does not fit",
        "sikkerhedsniveauet passer ikke",
    ),
    (
        "needs.severe_need_uncovered",
        "severe need without competence",
        "svært behov uden kompetence",
    ),
    (
        "stability.purpose_not_accepted",
        "kind of placement not taken",
        "modtager ikke denne type anbringelse",
    ),
    (
        "network.other_childs_network_family",
        "another child's network foster family",
        "netværksplejefamilie for et andet barn",
    ),
    (
        "wishes.must_not",
        "something at the site that must be avoided",
        "noget på stedet, som skal undgås",
    ),
    (
        "setting.no_free_place",
        "no free place",
        "ingen ledig plads",
    ),
    (
        "setting.age_out_of_range",
        "age outside the age range",
        "alder uden for aldersgruppen",
    ),
    (
        "setting.age_one_year_outside",
        "age one year outside the age range",
        "alder et år uden for aldersgruppen",
    ),
    (
        "setting.sex_restriction",
        "takes only girls or only boys",
        "modtager kun piger eller kun drenge",
    ),
    ("setting.not_approved", "not approved", "ikke godkendt"),
];

/// Why a sibling cannot live at a site, as a clause after "because": the rule, never the
/// sibling's needs.
const SIBLING_CLAUSES: &[(&str, &str, &str)] = &[
    (
        "needs.type_too_light",
        "the site type does not match the sibling's support needs",
        "stedstypen ikke passer til søskendes støttebehov",
    ),
    (
        "needs.security_mismatch",
        "the site's security level does not match the sibling's decision",
        "stedets sikkerhedsniveau ikke svarer til afgørelsen for søskende",
    ),
    (
        "needs.severe_need_uncovered",
        "the site lacks a competence the sibling needs",
        "stedet mangler en kompetence, som barnets søskende har brug for",
    ),
    (
        "stability.purpose_not_accepted",
        "the site does not take this kind of placement",
        "stedet ikke modtager denne type anbringelse",
    ),
    (
        "network.other_childs_network_family",
        "the site is another child's network foster family",
        "stedet er netværksplejefamilie for et andet barn",
    ),
    (
        "wishes.must_not",
        "the site has something that must be avoided for the sibling",
        "stedet har noget, som skal undgås for søskende",
    ),
    (
        "setting.no_free_place",
        "the site has no free place",
        "stedet ikke har en ledig plads",
    ),
    (
        "setting.age_out_of_range",
        "the sibling's age is outside the site's age range",
        "søskendes alder ligger uden for stedets aldersgruppe",
    ),
    (
        "setting.age_one_year_outside",
        "the sibling's age is one year outside the site's age range",
        "søskendes alder ligger et år uden for stedets aldersgruppe",
    ),
    (
        "setting.sex_restriction",
        "the site takes only girls or only boys",
        "stedet kun modtager piger eller kun drenge",
    ),
    (
        "setting.not_approved",
        "the site is not approved",
        "stedet ikke er godkendt",
    ),
];

/// What would put a fixable gate right, for near misses.
const FIXES: &[(&str, &str, &str)] = &[
    (
        "setting.no_free_place",
        "Could be considered if a place becomes free before the child must move",
        "Kan komme i betragtning, hvis en plads bliver ledig, inden barnet skal anbringes",
    ),
    (
        "needs.severe_need_uncovered",
        "The gap could be closed with supervision, training or external specialist support, agreed with the site before the placement",
        "Manglen kan eventuelt afhjælpes med supervision, efteruddannelse eller ekstern specialiststøtte; aftales med stedet før anbringelsen",
    ),
    (
        "setting.age_one_year_outside",
        "Requires that the site's approval covers the child's age; clarify with the site and Socialtilsynet",
        "Kræver, at stedets godkendelse omfatter barnets alder; afklares med stedet og Socialtilsynet",
    ),
    (
        "stability.purpose_not_accepted",
        "Requires that the site agrees to take this kind of placement; clarify with the site",
        "Kræver, at stedet vil modtage denne type anbringelse; afklares med stedet",
    ),
];

/// The legal basis of flags and of positive reasons (PRODUCT.md section 3). Citations are
/// written the Danish way in both languages, as a justification cites them.
const LAW: &[(&str, &str)] = &[
    ("needs.all_covered", "barnets lov § 52, stk. 2"),
    ("needs.partly_covered", "barnets lov § 52, stk. 2"),
    (
        "stability.family_for_young_child",
        "barnets lov § 52, stk. 2",
    ),
    (
        "stability.institution_for_young_child",
        "barnets lov § 52, stk. 2",
    ),
    ("stability.full_time_carer", "barnets lov § 52, stk. 2"),
    ("stability.experienced_carers", "barnets lov § 52, stk. 2"),
    (
        "stability.family_care_preferred",
        "barnets lov § 52, stk. 2",
    ),
    (
        "network.own_network_family",
        "barnets lov § 2, stk. 2, nr. 5, og § 52, stk. 2",
    ),
    (
        "network.network_family_not_first",
        "barnets lov § 2, stk. 2, nr. 5, og § 52, stk. 2",
    ),
    (
        "network.approval_needed",
        "plejefamiliebekendtgørelsen § 9, stk. 2",
    ),
    ("network.near_home", "barnets lov § 2, stk. 2, nr. 5"),
    (
        "network.cooperation_experience",
        "barnets lov § 2, stk. 2, nr. 5",
    ),
    ("siblings.group_fits", "barnets lov § 52, stk. 3"),
    ("siblings.split_required", "barnets lov § 52, stk. 3"),
    ("siblings.split_in_assignment", "barnets lov § 52, stk. 3"),
    ("siblings.sibling_excluded", "barnets lov § 52, stk. 3"),
    ("siblings.placed_siblings_here", "barnets lov § 52, stk. 3"),
    (
        "siblings.apart_from_placed_siblings",
        "barnets lov § 52, stk. 3",
    ),
    ("school.within_reach", "barnets lov § 52, stk. 2"),
    ("school.school_change", "barnets lov § 52, stk. 2"),
    ("school.assessment_before_home", "barnets lov § 52, stk. 4"),
    ("wishes.met", "barnets lov § 5"),
    ("wishes.not_met", "barnets lov § 5"),
    ("wishes.none_recorded", "barnets lov § 5"),
    ("wishes.language_kept", "barnets lov § 2, stk. 2, nr. 5"),
];

/// Flags that rest on the municipality's own policy, not on the law: `(code, English,
/// Danish)` of the basis shown where a law would be.
const POLICY: &[(&str, &str, &str)] = &[
    (
        "stability.no_family_under_policy",
        "the municipality's policy, not a legal requirement",
        "kommunens politik, ikke et lovkrav",
    ),
    (
        "stability.outside_family_under_policy",
        "the municipality's policy, not a legal requirement",
        "kommunens politik, ikke et lovkrav",
    ),
    (
        "stability.outside_family_not_prioritized",
        "the municipality's policy, not a legal requirement",
        "kommunens politik, ikke et lovkrav",
    ),
];

/// `(code, English, Danish)` for vocabulary codes used as details.
const DETAILS: &[(&str, &str, &str)] = &[
    ("trauma", "trauma", "traumer"),
    (
        "attachment",
        "attachment difficulties",
        "tilknytningsvanskeligheder",
    ),
    (
        "anxiety_depression",
        "anxiety and depression",
        "angst og depression",
    ),
    ("adhd", "ADHD", "ADHD"),
    ("autism", "autism", "autisme"),
    (
        "intellectual_disability",
        "intellectual disability",
        "udviklingshæmning",
    ),
    (
        "physical_disability",
        "physical disability",
        "fysisk funktionsnedsættelse",
    ),
    ("medical_care", "medical care", "medicinsk pleje"),
    ("self_harm", "self-harm", "selvskade"),
    ("substance_use", "substance use", "rusmiddelproblemer"),
    ("crime", "crime", "kriminalitet"),
    (
        "aggression",
        "aggressive behaviour",
        "udadreagerende adfærd",
    ),
    (
        "sexualised_behaviour",
        "sexualised behaviour",
        "seksualiseret adfærd",
    ),
    ("school_absence", "school absence", "skolefravær"),
    ("eating_disorder", "eating disorder", "spiseforstyrrelse"),
    (
        "unaccompanied_minor",
        "unaccompanied minor",
        "uledsaget mindreårig",
    ),
    ("dog", "dog", "hund"),
    ("cat", "cat", "kat"),
    ("other_pets", "other pets", "andre kæledyr"),
    ("rural", "in the country", "på landet"),
    ("urban", "in town", "i byen"),
    ("own_room", "own room", "eget værelse"),
    ("internal_school", "internal school", "intern skole"),
    ("wheelchair_access", "wheelchair access", "kørestolsadgang"),
    ("sports", "sports", "sport"),
    ("music", "music", "musik"),
    ("horses", "horses", "heste"),
    ("horse_riding", "horse riding", "ridning"),
    ("faith_practice", "practising a faith", "religiøs praksis"),
    (
        "young_children_in_home",
        "young children in the home",
        "små børn i hjemmet",
    ),
    ("other_children", "other children", "andre børn"),
    ("no_other_children", "no other children", "ingen andre børn"),
    ("near_friends", "near friends", "tæt på venner"),
    ("emergency", "an emergency placement", "akutanbringelse"),
    (
        "short_term",
        "a short-term placement",
        "kortvarig anbringelse",
    ),
    (
        "long_term",
        "a long-term placement",
        "længerevarende anbringelse",
    ),
    ("permanent", "a permanent placement", "varig anbringelse"),
    ("light", "light", "lette"),
    ("moderate", "moderate", "moderate"),
    ("severe", "severe", "svære"),
    ("none", "open", "åben"),
    ("partly_closed", "partly closed", "delvis lukket"),
    ("secure", "secure", "sikret"),
];

/// `(code, English, Danish)` for wishes, as they read after "the child's wish for".
pub(crate) const WISH_WORDS: &[(&str, &str, &str)] = &[
    ("dog", "living with a dog", "at bo sammen med en hund"),
    ("cat", "living with a cat", "at bo sammen med en kat"),
    (
        "other_pets",
        "living with other pets",
        "at bo sammen med andre kæledyr",
    ),
    ("rural", "living in the country", "at bo på landet"),
    ("urban", "living in town", "at bo i byen"),
    (
        "other_children",
        "living with other children",
        "at bo sammen med andre børn",
    ),
    (
        "no_other_children",
        "not living with other children",
        "ikke at bo sammen med andre børn",
    ),
    ("own_room", "a room of their own", "eget værelse"),
    ("sports", "doing sports", "at kunne dyrke sport"),
    ("music", "playing music", "at kunne spille musik"),
    ("horse_riding", "horse riding", "at kunne ride"),
    ("near_friends", "living near friends", "at bo tæt på venner"),
    (
        "faith_practice",
        "practising a faith",
        "at kunne udøve sin tro",
    ),
];

/// `(ISO 639-1, English, Danish)`: the languages the calibration and common data use; any
/// other code is shown as the code.
const LANGUAGES: &[(&str, &str, &str)] = &[
    ("da", "Danish", "dansk"),
    ("en", "English", "engelsk"),
    ("de", "German", "tysk"),
    ("ar", "Arabic", "arabisk"),
    ("tr", "Turkish", "tyrkisk"),
    ("so", "Somali", "somali"),
    ("ur", "Urdu", "urdu"),
    ("pl", "Polish", "polsk"),
    ("fa", "Persian", "persisk"),
    ("uk", "Ukrainian", "ukrainsk"),
    ("ro", "Romanian", "rumænsk"),
    ("ps", "Pashto", "pashto"),
    ("ti", "Tigrinya", "tigrinya"),
    ("ru", "Russian", "russisk"),
    ("ku", "Kurdish", "kurdisk"),
    ("sv", "Swedish", "svensk"),
    ("no", "Norwegian", "norsk"),
    ("lt", "Lithuanian", "litauisk"),
    ("bs", "Bosnian", "bosnisk"),
    ("vi", "Vietnamese", "vietnamesisk"),
    ("ta", "Tamil", "tamil"),
    ("es", "Spanish", "spansk"),
    ("fr", "French", "fransk"),
    ("kl", "Greenlandic", "grønlandsk"),
    ("fo", "Faroese", "færøsk"),
];

fn pick(lang: Lang, english: &'static str, danish: &'static str) -> &'static str {
    match lang {
        Lang::En => english,
        Lang::Da => danish,
    }
}

/// The entry of `key` in a `(key, English, Danish)` table, in the language.
pub(crate) fn lookup(
    table: &[(&str, &'static str, &'static str)],
    key: &str,
    lang: Lang,
) -> Option<&'static str> {
    table
        .iter()
        .find(|(entry, _, _)| *entry == key)
        .map(|&(_, english, danish)| pick(lang, english, danish))
}

/// The text of a code, `None` for an unknown code.
pub(crate) fn code_text(code: &str, lang: Lang) -> Option<&'static str> {
    lookup(TEXTS, code, lang)
}

/// A gate's short name, lower case; the code itself for an unknown gate.
pub(crate) fn gate_label(code: &str, lang: Lang) -> String {
    lookup(GATE_LABELS, code, lang).map_or_else(|| code.to_string(), str::to_string)
}

/// A code in words without its detail, for counts over many sites: the gate's short name
/// with a capital letter.
pub(crate) fn summary_text(code: &str, lang: Lang) -> String {
    let label = gate_label(code, lang);
    let mut chars = label.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => label,
    }
}

/// What would put a fixable gate right, for a near miss.
pub fn fix_text(code: &str, lang: Lang) -> Option<&'static str> {
    lookup(FIXES, code, lang)
}

/// A language in words, lower case in Danish as Danish writes it.
fn language_text(code: &str, lang: Lang) -> String {
    lookup(LANGUAGES, code, lang).map_or_else(|| code.to_string(), str::to_string)
}

/// A detail in words.
pub(crate) fn detail_text(detail: &Detail, lang: Lang) -> String {
    match detail {
        Detail::None => String::new(),
        Detail::Code(code) => {
            lookup(DETAILS, code, lang).map_or_else(|| code.to_string(), str::to_string)
        }
        Detail::Language(language) => language_text(language.as_str(), lang),
        Detail::Site(site) => site.to_string(),
        Detail::Sibling(sibling, gate) => {
            let because = lookup(SIBLING_CLAUSES, gate.as_str(), lang)
                .map_or_else(|| gate_label(gate.as_str(), lang), str::to_string);
            match lang {
                Lang::En => format!("{sibling} cannot be placed here because {because}"),
                Lang::Da => format!("{sibling} kan ikke anbringes her, fordi {because}"),
            }
        }
        Detail::Needs(needs) => {
            let words: Vec<String> = needs
                .iter()
                .map(|need| detail_text(&Detail::Code(need.as_str()), lang))
                .collect();
            join_words(&words, lang)
        }
        Detail::Number(number) => number.to_string(),
    }
}

/// `a, b og c` / `a, b and c`.
pub(crate) fn join_words(words: &[String], lang: Lang) -> String {
    match words {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => {
            let and = pick(lang, "and", "og");
            format!("{} {and} {last}", rest.join(", "))
        }
    }
}

/// The sentence for a reason, with its detail filled in.
pub fn reason_text(reason: &Reason, lang: Lang) -> String {
    let code = reason.code.as_str();
    if code.starts_with("wishes.") && code != "wishes.must_not" {
        match &reason.detail {
            Detail::Code(wish) => {
                let words = lookup(WISH_WORDS, wish, lang).unwrap_or(wish);
                let text = code_text(code, lang).unwrap_or(code);
                return text.replace("{}", words);
            }
            Detail::Language(language) if code == "wishes.unknown" => {
                let text = code_text("wishes.unknown_language", lang).unwrap_or(code);
                return text.replace("{}", &language_text(language.as_str(), lang));
            }
            _ => {}
        }
    }
    if let Detail::Code(detail) = reason.detail {
        if let Some(text) = lookup(TEXTS, &format!("{code}:{detail}"), lang) {
            return text.to_string();
        }
    }
    let text = code_text(code, lang).unwrap_or(code);
    if matches!(&reason.detail, Detail::Needs(needs) if needs.is_empty()) {
        return code_text(&format!("{code}:none"), lang)
            .unwrap_or(text)
            .replace(": {}", "");
    }
    text.replace("{}", &detail_text(&reason.detail, lang))
}

/// The legal basis of a code: the paragraph of the law, or for a rule of the municipality's
/// own policy, words that say so.
pub fn law(code: &str, lang: Lang) -> Option<&'static str> {
    LAW.iter()
        .find(|(key, _)| *key == code)
        .map(|&(_, law)| law)
        .or_else(|| lookup(POLICY, code, lang))
}

/// How to word reasons for one child: the language, and whether the child is a young adult
/// (18–22, aftercare): then Danish says "den unge" for "barnet", and no paragraph of barnets
/// lov § 52 (the choice of site for a child) is cited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Wording {
    /// The language.
    pub(crate) lang: Lang,
    /// Whether the child is 18 or older.
    pub(crate) young_adult: bool,
}

impl Wording {
    /// The wording for a child of this age.
    pub(crate) fn new(lang: Lang, age: u8) -> Self {
        Wording {
            lang,
            young_adult: age >= 18,
        }
    }

    /// The sentence for a reason.
    pub(crate) fn reason(&self, reason: &Reason) -> String {
        self.adapt(reason_text(reason, self.lang))
    }

    /// The legal basis of a code, as it applies to this child.
    pub(crate) fn law(&self, code: &str) -> Option<&'static str> {
        law(code, self.lang).filter(|law| !(self.young_adult && law.contains("§ 52")))
    }

    /// A text adapted to the child: "den unge" rather than "barnet" for 18–22.
    pub(crate) fn adapt(&self, text: String) -> String {
        if !self.young_adult {
            return text;
        }
        young_adult(&text, self.lang)
    }
}

/// Rewrites "barnet" as "den unge" (and "the child" as "the young person"), leaving the name
/// of the law ("barnets lov") as it is.
fn young_adult(text: &str, lang: Lang) -> String {
    const LAW: &str = "barnets lov";
    const KEEP: &str = "\u{1}";
    let replacements: &[(&str, &str)] = match lang {
        Lang::Da => &[
            ("Barnets", "Den unges"),
            ("barnets", "den unges"),
            ("Barnet", "Den unge"),
            ("barnet skal anbringes", "den unge skal flytte"),
            ("barnet", "den unge"),
            ("et andet barn", "en anden ung"),
            ("et barn", "en ung"),
        ],
        Lang::En => &[
            ("The child's", "The young person's"),
            ("the child's", "the young person's"),
            ("The child", "The young person"),
            ("the child must move", "the young person must move"),
            ("the child", "the young person"),
            ("another child", "another young person"),
            ("a child", "a young person"),
        ],
    };
    let mut out = text.replace(LAW, KEEP);
    for (from, to) in replacements {
        out = out.replace(from, to);
    }
    out.replace(KEEP, LAW)
}

/// Whether a code's basis is the municipality's policy rather than the law.
pub fn is_policy(code: &str) -> bool {
    POLICY.iter().any(|(key, _, _)| *key == code)
}

/// `(key, English, Danish)` for labels of rendered pages and tables.
const UI: &[(&str, &str, &str)] = &[
    ("title", "Shortlist for", "Kortliste for"),
    ("as_of", "reference date", "referencedato"),
    ("weights", "Weights", "Vægte"),
    ("policy", "Local policy", "Lokal politik"),
    (
        "policy_family_care",
        "foster families first for children under {}",
        "plejefamilie først for børn under {} år",
    ),
    (
        "policy_family_off",
        "no age rule for foster families",
        "ingen aldersgrænse for plejefamilie først",
    ),
    (
        "policy_wishes_subject",
        "the child's perspective and wishes ",
        "barnets perspektiv og ønsker ",
    ),
    (
        "policy_wishes_ramp",
        "the child's perspective and wishes count from age {}, with full weight from age {}",
        "barnets perspektiv og ønsker tæller fra {} år, med fuld vægt fra {} år",
    ),
    (
        "policy_wishes_step",
        "the child's perspective and wishes count with full weight from age {}",
        "barnets perspektiv og ønsker tæller med fuld vægt fra {} år",
    ),
    (
        "policy_wishes_full",
        "at {} the child's perspective and wishes have their full weight",
        "ved {} år har barnets perspektiv og ønsker fuld vægt",
    ),
    (
        "policy_wishes_part",
        "at {} the child's perspective and wishes have {} of their full weight in the total",
        "ved {} år vægter barnets perspektiv og ønsker {} af den fulde vægt i den samlede score",
    ),
    (
        "policy_wishes_none",
        "at {} the child's perspective and wishes do not count in the total",
        "ved {} år indgår barnets perspektiv og ønsker ikke i den samlede score",
    ),
    (
        "counts",
        "{} possible sites, {} ruled out, of which {} on one condition that could be put right",
        "{} mulige steder, {} frasorteret, heraf {} på én betingelse, som kan afhjælpes",
    ),
    ("total", "total", "samlet"),
    ("confidence", "data basis", "datagrundlag"),
    ("updated", "profile updated", "oplysninger opdateret"),
    (
        "near_misses",
        "Ruled out on one condition that could be put right",
        "Frasorteret på én betingelse, som kan afhjælpes",
    ),
    (
        "excluded_by_gate",
        "Sites ruled out, by condition",
        "Frasorterede steder pr. betingelse",
    ),
    ("excluded_sites", "Sites ruled out", "Frasorterede steder"),
    (
        "none_eligible",
        "No site meets every condition for this child.",
        "Intet sted opfylder alle betingelser for barnet.",
    ),
    (
        "network_eligible",
        "The child's network foster family {} meets every condition and is listed first.",
        "Barnets netværksplejefamilie {} opfylder alle betingelser og står først.",
    ),
    (
        "network_excluded",
        "The child's network foster family {} is ruled out:",
        "Barnets netværksplejefamilie {} er frasorteret:",
    ),
    (
        "recommends",
        "placematch makes a proposal. The municipality makes the decision. Marks (!) show defaults of the law (or the municipality's policy) that are not met and need a documented reason.",
        "placematch giver et forslag. Kommunen træffer afgørelsen. Markeringer (!) viser lovens udgangspunkter (eller kommunens politik), som ikke er opfyldt, og som kræver en begrundelse.",
    ),
    ("would_be", "would have had", "ville have fået"),
    ("site", "site", "sted"),
    ("rank", "rank", "nr."),
];

/// A label of the rendered output.
pub(crate) fn ui(key: &str, lang: Lang) -> &'static str {
    UI.iter()
        .find(|(name, _, _)| *name == key)
        .map_or("", |&(_, english, danish)| pick(lang, english, danish))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::elements::registry;
    use crate::explain::{ElementId, ReasonCode, ReasonKind};

    /// Every code an element may record, plus the assignment's codes.
    fn all_codes() -> Vec<&'static str> {
        let mut codes: Vec<&str> = registry()
            .iter()
            .flat_map(|element| element.codes().iter().map(|code| code.as_str()))
            .collect();
        codes.extend([
            "siblings.split_in_assignment",
            "stability.outside_family_under_policy",
            "stability.outside_family_not_prioritized",
            "assign.no_eligible_site",
            "siblings.no_site_for_group",
            "assign.sites_saturated",
        ]);
        codes
    }

    #[test]
    fn every_code_has_both_texts_and_every_flag_a_basis() {
        for code in all_codes() {
            for lang in [Lang::Da, Lang::En] {
                let text = code_text(code, lang);
                assert!(
                    text.is_some_and(|text| !text.is_empty()),
                    "{code} in {lang:?}"
                );
            }
        }
        for (code, _) in LAW {
            assert!(code_text(code, Lang::Da).is_some(), "{code}");
            assert!(
                law(code, Lang::Da).is_some_and(|law| law.starts_with("barnets lov")
                    || law.starts_with("plejefamiliebekendtgørelsen")),
                "{code}"
            );
        }
        for (code, english, danish) in TEXTS {
            assert_eq!(english.contains("{}"), danish.contains("{}"), "{code}");
        }
        for element in registry() {
            for gate in element.gates() {
                for lang in [Lang::Da, Lang::En] {
                    assert!(
                        lookup(GATE_LABELS, gate.code.as_str(), lang).is_some(),
                        "{}",
                        gate.code
                    );
                }
                let fixable = gate.class == crate::explain::GateClass::Fixable;
                assert_eq!(
                    fixable,
                    fix_text(gate.code.as_str(), Lang::Da).is_some(),
                    "{}",
                    gate.code
                );
            }
        }
    }

    /// Danish output never shows a decimal point, a raw code or an English element key.
    #[test]
    fn danish_texts_read_as_danish() {
        let keys: Vec<&str> = ElementId::ALL
            .iter()
            .map(|element| element.as_str())
            .collect();
        let mut texts: Vec<String> = Vec::new();
        for &(_, _, danish) in TEXTS
            .iter()
            .chain(UI)
            .chain(GATE_LABELS)
            .chain(FIXES)
            .chain(POLICY)
            .chain(DETAILS)
        {
            texts.push(danish.to_string());
        }
        for code in all_codes() {
            let reason = Reason {
                code: ReasonCode(code_static(code)),
                kind: ReasonKind::Note,
                detail: Detail::Code("trauma"),
            };
            texts.push(reason_text(&reason, Lang::Da));
        }
        for text in &texts {
            let lower = text.to_lowercase();
            assert!(
                !text
                    .chars()
                    .zip(text.chars().skip(1))
                    .any(|(a, b)| a == '.' && b.is_ascii_digit()),
                "decimal point in {text:?}"
            );
            assert!(!text.contains('_'), "raw code in {text:?}");
            for key in &keys {
                let english_key = format!(" {key} ");
                assert!(
                    !format!(" {lower} ").contains(&english_key) || *key == "setting",
                    "English key {key} in {text:?}"
                );
            }
            for word in [
                "egnet",
                "egnede",
                "datasikkerhed",
                "rangerer",
                "vanskeligt samarbejde",
                "Barnets Lov",
            ] {
                assert!(!text.contains(word), "{word:?} in {text:?}");
            }
        }
    }

    fn code_static(code: &str) -> &'static str {
        all_codes().into_iter().find(|c| *c == code).expect("known")
    }

    #[test]
    fn every_vocabulary_code_used_as_detail_has_words() {
        use crate::model::{Feature, Need, Purpose, Security, SupportLevel, Wish};
        let codes = Need::ALL
            .iter()
            .map(|c| c.as_str())
            .chain(Feature::ALL.iter().map(|c| c.as_str()))
            .chain(Wish::ALL.iter().map(|c| c.as_str()))
            .chain(Purpose::ALL.iter().map(|c| c.as_str()))
            .chain(Security::ALL.iter().map(|c| c.as_str()))
            .chain(SupportLevel::ALL.iter().map(|c| c.as_str()));
        for code in codes {
            assert!(DETAILS.iter().any(|(key, _, _)| *key == code), "{code}");
        }
    }

    #[test]
    fn young_adults_are_not_called_children_and_get_no_section_52() {
        let wording = Wording::new(Lang::Da, 19);
        assert_eq!(
            wording.adapt("Barnets nuværende skole; barnets lov § 5; et barn".to_string()),
            "Den unges nuværende skole; barnets lov § 5; en ung"
        );
        assert_eq!(wording.law("school.within_reach"), None);
        assert_eq!(wording.law("wishes.met"), Some("barnets lov § 5"));
        assert_eq!(
            Wording::new(Lang::Da, 17).law("school.within_reach"),
            Some("barnets lov § 52, stk. 2")
        );
    }

    #[test]
    fn sibling_and_needs_details_read_as_sentences() {
        use crate::model::{ChildId, Need, Set};
        let sibling = Reason {
            code: ReasonCode("siblings.sibling_excluded"),
            kind: ReasonKind::Flag,
            detail: Detail::Sibling(
                ChildId::new("C-0015"),
                ReasonCode("needs.severe_need_uncovered"),
            ),
        };
        assert_eq!(
            reason_text(&sibling, Lang::Da),
            "Søskende C-0015 kan ikke anbringes her, fordi stedet mangler en kompetence, som barnets søskende har brug for; søskende vil derfor blive adskilt"
        );
        let covered = Reason {
            code: ReasonCode("needs.all_covered"),
            kind: ReasonKind::Note,
            detail: Detail::Needs(Set::of(&[Need::Trauma, Need::Attachment, Need::Adhd])),
        };
        assert_eq!(
            reason_text(&covered, Lang::Da),
            "Stedets kompetencer dækker alle barnets vurderede behov: traumer, tilknytningsvanskeligheder og ADHD"
        );
    }
}
