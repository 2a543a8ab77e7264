//! The rules an input file can break (`io::Rule`), in Danish and English: what `validate`
//! prints and what every command says about bad data. The English template is the key; each
//! has its Danish wording here (a test reads `src/io` to check that none is missing).

use super::Lang;
use crate::io::{Arg, Rule};

/// `(English template, Danish template)`; `{0}`, `{1}`, … are the arguments.
const RULES: &[(&str, &str)] = &[
    // Weights files and the `[policy]` table (`io::weights`).
    (
        "`policy` must be a table, e.g. [policy] family_care_under = 6",
        "`policy` skal være en tabel, fx [policy] family_care_under = 6",
    ),
    (
        "key `policy.{0}`: must be a whole number of years from 0 to {1}",
        "nøglen `policy.{0}`: skal være et helt antal år fra 0 til {1}",
    ),
    (
        "key `policy.followups`: must be a list of 1 to {0} follow-ups, each later than the one before, such as [\"14_days\", \"3_months\"] (days, weeks or months, at most five years)",
        "nøglen `policy.followups`: skal være en liste med 1 til {0} opfølgninger, hver senere end den forrige, fx [\"14_days\", \"3_months\"] (dage, uger eller måneder, højst fem år)",
    ),
    (
        "`policy.wishes_full_from` must not be below `policy.wishes_from`",
        "`policy.wishes_full_from` må ikke være lavere end `policy.wishes_from`",
    ),
    (
        "unknown key in [policy]; did you mean `{0}`?",
        "ukendt nøgle i [policy]; mente du `{0}`?",
    ),
    ("unknown key in [policy]", "ukendt nøgle i [policy]"),
    (
        "`weights` must be a table of the element keys",
        "`weights` skal være en tabel med elementernes nøgler",
    ),
    (
        "key `{0}`: the weight must be a number",
        "nøglen `{0}`: vægten skal være et tal",
    ),
    (
        "missing weight for {0}",
        "disse elementer mangler en vægt: {0}",
    ),
    (
        "key `{0}`: the weight must be a number from 0 to 1000000",
        "nøglen `{0}`: vægten skal være et tal fra 0 til 1.000.000",
    ),
    (
        "at least one weight must be above 0",
        "mindst én vægt skal være over 0",
    ),
    // Scenario files (`io::scenario`).
    (
        "line {0}, column {1}: a key is given twice",
        "linje {0}, kolonne {1}: nøglen står to gange",
    ),
    (
        "line {0}, column {1}: a text must be in quotes, e.g. name = \"more places\"",
        "linje {0}, kolonne {1}: en tekst skal stå i anførselstegn, fx name = \"flere pladser\"",
    ),
    (
        "line {0}, column {1}: a backslash in a text is not followed by a valid escape",
        "linje {0}, kolonne {1}: en omvendt skråstreg i en tekst følges ikke af en gyldig tegnkode",
    ),
    (
        "line {0}, column {1}: a text lacks its closing quote",
        "linje {0}, kolonne {1}: teksten mangler et afsluttende anførselstegn",
    ),
    (
        "line {0}, column {1}: a table name lacks its closing ]",
        "linje {0}, kolonne {1}: tabellens navn mangler sin afsluttende ]",
    ),
    (
        "line {0}, column {1}: a list lacks its closing ]",
        "linje {0}, kolonne {1}: listen mangler sin afsluttende ]",
    ),
    (
        "line {0}, column {1}: a table on one line lacks its closing brace",
        "linje {0}, kolonne {1}: tabellen på én linje mangler sin afsluttende krøllede parentes",
    ),
    (
        "line {0}, column {1}: a comma is missing or one too many",
        "linje {0}, kolonne {1}: der mangler et komma, eller der er et for meget",
    ),
    (
        "line {0}, column {1}: something follows the value; write one key = value per line",
        "linje {0}, kolonne {1}: der står noget efter værdien; skriv én nøgle = værdi pr. linje",
    ),
    (
        "line {0}, column {1}: a key is missing or not valid (letters, digits, - and _)",
        "linje {0}, kolonne {1}: en nøgle mangler eller er ugyldig (bogstaver, cifre, - og _)",
    ),
    (
        "line {0}, column {1}: the key has no value",
        "linje {0}, kolonne {1}: nøglen har ingen værdi",
    ),
    (
        "line {0}, column {1}: the date is not valid (write YYYY-MM-DD)",
        "linje {0}, kolonne {1}: datoen er ugyldig (skriv ÅÅÅÅ-MM-DD)",
    ),
    (
        "line {0}, column {1}: the number is not valid",
        "linje {0}, kolonne {1}: tallet er ugyldigt",
    ),
    (
        "line {0}, column {1}: this is not valid TOML",
        "linje {0}, kolonne {1}: her er filen ikke gyldig TOML",
    ),
    ("the file is not valid TOML", "filen er ikke gyldig TOML"),
    ("cannot read: {0}", "kan ikke læses: {0}"),
    (
        "cannot read (key `add_sites` of {0}): {1}",
        "kan ikke læses: {1} (filen er angivet under nøglen `add_sites` i {0})",
    ),
    (
        "key `add_sites`: the file lies outside this scenario's folder; move it beside the scenario, or pass --allow-outside",
        "nøglen `add_sites`: filen ligger uden for scenariets mappe; flyt den til samme mappe som scenariet, eller brug --allow-outside",
    ),
    ("unknown key `{0}`", "ukendt nøgle `{0}`"),
    (
        "unknown key `{0}`; did you mean `{1}`?",
        "ukendt nøgle `{0}`; mente du `{1}`?",
    ),
    (
        "key `{0}`, item {1} is not a valid ID: {2}",
        "nøglen `{0}`, punkt {1} er ikke et gyldigt ID: {2}",
    ),
    (
        "key `{0}`: expected a text in quotes",
        "nøglen `{0}`: der skal stå en tekst i anførselstegn",
    ),
    (
        "key `{0}`: expected a number",
        "nøglen `{0}`: der skal stå et tal",
    ),
    (
        "key `{0}`: must be a finite number of at least {1}",
        "nøglen `{0}`: skal være et tal på mindst {1}",
    ),
    (
        "key `{0}`, item {1}: expected an ID in quotes",
        "nøglen `{0}`, punkt {1}: der skal stå et ID i anførselstegn",
    ),
    (
        "key `{0}`: expected a list of IDs",
        "nøglen `{0}`: der skal stå en liste med ID'er",
    ),
    (
        "key `{0}`, item {1}: expected [\"child ID\", \"site ID\"]",
        "nøglen `{0}`, punkt {1}: der skal stå [\"barnets ID\", \"stedets ID\"]",
    ),
    (
        "key `{0}`: expected a list of [\"child ID\", \"site ID\"] pairs",
        "nøglen `{0}`: der skal stå en liste med par [\"barnets ID\", \"stedets ID\"]",
    ),
    (
        "key `{0}`: at most {1} score points per extra site (a split can never outweigh keeping siblings together; the penalty only orders splits among themselves)",
        "nøglen `{0}`: må højst være {1} point pr. ekstra sted (en opdeling kan aldrig veje tungere end at holde søskende samlet; fradraget bruges kun til at rangordne opdelinger indbyrdes)",
    ),
    (
        "key `siblings`: expected \"together\" or \"allow_split\"",
        "nøglen `siblings`: der skal stå \"together\" (samlet) eller \"allow_split\" (må adskilles)",
    ),
    (
        "key `priorities`, item {0}: expected one of {1}",
        "nøglen `priorities`, punkt {0}: der skal stå en af {1}",
    ),
    (
        "key `priorities`, item {0}: expected one of {1}; did you mean `{2}`?",
        "nøglen `priorities`, punkt {0}: der skal stå en af {1}; mente du `{2}`?",
    ),
    (
        "key `priorities`: a priority is listed twice: {0}",
        "nøglen `priorities`: en prioritet står to gange: {0}",
    ),
    (
        "key `priorities`: at least one priority is needed",
        "nøglen `priorities`: der skal være mindst én prioritet",
    ),
    (
        "key `priorities`: expected a list such as [\"placed\", \"siblings_together\", \"network_family\", \"family_care\", \"score\"]",
        "nøglen `priorities`: der skal stå en liste som [\"placed\", \"siblings_together\", \"network_family\", \"family_care\", \"score\"]",
    ),
    ("key `weights`: {0}", "nøglen `weights`: {0}"),
    (
        "key `weights`: expected a table of the seven element weights",
        "nøglen `weights`: der skal stå en tabel med de syv elementers vægte",
    ),
    (
        "key `{0}.{1}`: expected a whole number of at least {2}",
        "nøglen `{0}.{1}`: der skal stå et helt tal på mindst {2}",
    ),
    (
        "key `{0}`: expected a table like { \"S-4\" = 3 }",
        "nøglen `{0}`: der skal stå en tabel som { \"S-4\" = 3 }",
    ),
    (
        "key `add_sites`: the file was not read (only scenario files may add sites)",
        "nøglen `add_sites`: filen blev ikke læst (kun scenariefiler kan tilføje steder)",
    ),
    (
        "key `remove_sites`: site {0} is not in the data",
        "nøglen `remove_sites`: stedet {0} findes ikke i data",
    ),
    (
        "line {0}: site ID is already in the data or earlier in this file",
        "linje {0}: stedets ID findes allerede i data eller tidligere i denne fil",
    ),
    (
        "line {0}: network_for names no child in the data",
        "linje {0}: network_for henviser ikke til noget barn i data",
    ),
    ("invalid added sites:{0}", "ugyldige tilføjede steder:{0}"),
    (
        "key `free_places`: site {0} is taken out by `remove_sites`",
        "nøglen `free_places`: stedet {0} er fjernet med `remove_sites`",
    ),
    (
        "key `extra_places`: site {0} is taken out by `remove_sites`",
        "nøglen `extra_places`: stedet {0} er fjernet med `remove_sites`",
    ),
    (
        "key `free_places`: site {0} is not in the data",
        "nøglen `free_places`: stedet {0} findes ikke i data",
    ),
    (
        "key `free_places.{0}`: more free places than the site's {1} places",
        "nøglen `free_places.{0}`: flere ledige pladser, end stedet har ({1} i alt)",
    ),
    (
        "key `extra_places`: site {0} is not in the data",
        "nøglen `extra_places`: stedet {0} findes ikke i data",
    ),
    ("must be between {0} and {1}", "skal være mellem {0} og {1}"),
    (
        "NaN and infinity are not allowed; expected a whole number",
        "NaN og uendelige værdier er ikke tilladt; der skal stå et helt tal",
    ),
    ("expected a whole number", "der skal stå et helt tal"),
    ("expected a number", "der skal stå et tal"),
    (
        "NaN and infinity are not allowed; expected a number",
        "NaN og uendelige værdier er ikke tilladt; der skal stå et tal",
    ),
    ("expected true or false", "der skal stå true eller false"),
    (
        "unknown {0} code; closest valid code is \"{1}\"",
        "ukendt kode for {0}; nærmeste gyldige kode er \"{1}\"",
    ),
    (
        "unknown {0} code; valid codes: {1}",
        "ukendt kode for {0}; gyldige koder: {1}",
    ),
    ("a {0} is listed twice", "samme {0} står to gange"),
    (
        "expected items as {0}:{1} with {1} 1-{2}, separated by |",
        "der skal stå punkter som {0}:{1} med {1} 1-{2}, adskilt af |",
    ),
    (
        "{0} of a {1} must be 1, 2 or 3",
        "{0} for {1} skal være 1, 2 eller 3",
    ),
    (
        "expected a real date written YYYY-MM-DD",
        "der skal stå en gyldig dato på formen ÅÅÅÅ-MM-DD",
    ),
    (
        "an ID may have at most {0} characters",
        "et ID må højst have {0} tegn",
    ),
    (
        "an ID may not contain spaces or control characters",
        "et ID må ikke indeholde mellemrum eller kontroltegn",
    ),
    (
        "value looks like a CPR number and is refused (not shown); use a pseudonym",
        "værdien ligner et CPR-nummer og afvises uden at blive vist; brug et pseudonym",
    ),
    (
        "duplicate {0}: the same ID is on lines {1} and {2}",
        "{0} står to gange: samme ID står i linje {1} og {2}",
    ),
    (
        "network_site names no site in sites.csv",
        "network_site henviser ikke til noget sted i sites.csv",
    ),
    (
        "network_site names the site on line {0}, which is not of type foster_network",
        "network_site henviser til stedet i linje {0}, som ikke er af typen foster_network",
    ),
    (
        "network_site names the site on line {0}, whose network_for names another child",
        "network_site henviser til stedet i linje {0}, hvis network_for henviser til et andet barn",
    ),
    (
        "network_for names no child in children.csv",
        "network_for henviser ikke til noget barn i children.csv",
    ),
    (
        "network_for names the child on line {0}, whose network_site does not name this site",
        "network_for henviser til barnet i linje {0}, hvis network_site ikke henviser til dette sted",
    ),
    (
        "sibling group label differs only in case or punctuation from the one on line {0}; write it the same way",
        "søskendegruppens betegnelse adskiller sig kun ved store og små bogstaver eller tegnsætning fra betegnelsen i linje {0}; skriv den ens",
    ),
    (
        "sibling group has only this child; leave it empty if no sibling awaits placement",
        "søskendegruppen har kun dette barn; lad feltet stå tomt, hvis ingen søskende venter på anbringelse",
    ),
    (
        "sibling group of {0} children is larger than any site ({1} places at most)",
        "søskendegruppen på {0} børn er større end noget sted (højst {1} pladser)",
    ),
    (
        "siblings_placed_at names a site that is not in sites.csv",
        "siblings_placed_at henviser til et sted, der ikke står i sites.csv",
    ),
    (
        "expected two-letter ISO 639-1 language codes separated by |",
        "der skal stå sprogkoder på to bogstaver (ISO 639-1) adskilt af |",
    ),
    (
        "expected a municipality code, not a name; use {0}",
        "der skal stå en kommunekode, ikke et navn; brug {0}",
    ),
    (
        "expected a three-digit municipality code",
        "der skal stå en kommunekode på tre cifre",
    ),
    (
        "unknown municipality code; closest valid code is {0} ({1})",
        "ukendt kommunekode; nærmeste gyldige kode er {0} ({1})",
    ),
    ("unknown municipality code", "ukendt kommunekode"),
    (
        "{0} must be within Denmark ({1} to {2}); lat and lon swapped?",
        "{0} skal ligge inden for Danmark ({1} til {2}); er lat og lon byttet om?",
    ),
    (
        "travel minutes must be more than 0",
        "rejsetiden i minutter skal være over 0",
    ),
    (
        "a link must join two different municipalities",
        "en forbindelse skal gå mellem to forskellige kommuner",
    ),
    (
        "no road, bridge or ferry link reaches {0}; add a link",
        "ingen vej-, bro- eller færgeforbindelse når {0}; tilføj en forbindelse",
    ),
    (
        "link {0} names municipality {1}, which is not in the municipality list",
        "forbindelse {0} nævner kommune {1}, som ikke står i listen over kommuner",
    ),
    ("a value is required", "feltet skal udfyldes"),
    (
        "free_places is larger than places",
        "free_places er større end places",
    ),
    (
        "age_min is larger than age_max",
        "age_min er større end age_max",
    ),
    (
        "a foster_network site needs network_for: the child it is approved for",
        "et sted af typen foster_network skal have network_for: det barn, stedet er godkendt til",
    ),
    (
        "network_for is only for sites of type foster_network",
        "network_for bruges kun for steder af typen foster_network",
    ),
    (
        "name may not contain control characters",
        "navnet må ikke indeholde kontroltegn",
    ),
    ("file is larger than {0} MiB", "filen er større end {0} MiB"),
    (
        "file is UTF-16; save it as \"CSV UTF-8\"",
        "filen er i UTF-16; gem den som \"CSV UTF-8\"",
    ),
    (
        "file is empty; expected a header row and at least one data row",
        "filen er tom; der skal være en overskriftsrække og mindst én datarække",
    ),
    (
        "header row is longer than {0} KiB; the row is not shown",
        "overskriftsrækken er længere end {0} KiB; rækken vises ikke",
    ),
    (
        "line is longer than {0} MiB; the line is not shown",
        "linjen er længere end {0} MiB; linjen vises ikke",
    ),
    (
        "header row cannot be read as CSV ({0})",
        "overskriftsrækken kan ikke læses som CSV ({0})",
    ),
    ("file has no header row", "filen har ingen overskriftsrække"),
    (
        "header row has {0} columns, more than the {1} accepted; the row is not shown",
        "overskriftsrækken har {0} kolonner, flere end de {1}, der accepteres; rækken vises ikke",
    ),
    (
        "header row is not UTF-8; save the file as \"CSV UTF-8\"",
        "overskriftsrækken er ikke UTF-8; gem filen som \"CSV UTF-8\"",
    ),
    (
        "file has more than {0} data rows",
        "filen har flere end {0} datarækker",
    ),
    (
        "record cannot be read as CSV ({0})",
        "posten kan ikke læses som CSV ({0})",
    ),
    (
        "row has {0} fields but the header has {1}",
        "antallet af felter i rækken er {0}, men i overskriftsrækken {1}",
    ),
    (
        "cell is longer than {0} KiB",
        "feltet er længere end {0} KiB",
    ),
    (
        "cell is not UTF-8 (Windows-1252?); save the file as \"CSV UTF-8\"",
        "feltet er ikke UTF-8 (Windows-1252?); gem filen som \"CSV UTF-8\"",
    ),
    (
        "file has a header but no data rows",
        "filen har en overskriftsrække, men ingen datarækker",
    ),
    (
        "the first row has none of the expected column names, so it may be a data row (was the file saved without its header row?); the row is not shown; expected columns: {0}",
        "første række indeholder ingen af de forventede kolonnenavne og er måske en datarække (blev filen gemt uden overskriftsrække?); rækken vises ikke; forventede kolonner: {0}",
    ),
    (
        "column name appears twice (first as column {0})",
        "kolonnenavnet står to gange (første gang som kolonne {0})",
    ),
    (
        "unknown column; did you mean \"{0}\"?",
        "ukendt kolonne; mente du \"{0}\"?",
    ),
    (
        "unknown column (name not shown)",
        "ukendt kolonne (navnet vises ikke)",
    ),
    ("missing column \"{0}\"", "kolonnen \"{0}\" mangler"),
    (
        "missing column \"{0}\"; all its values count as missing",
        "kolonnen \"{0}\" mangler; alle dens værdier regnes som manglende",
    ),
    (
        "purpose permanent with a partly closed or secure placement; a secure placement is never permanent, check both cells",
        "purpose er permanent ved en delvis lukket eller sikret anbringelse; en sikret anbringelse kan ikke være permanent, kontrollér begge felter",
    ),
    (
        "purpose emergency for a young adult aged 18 to 22 in aftercare; check the purpose",
        "purpose er emergency for en ung på 18–22 år med ungestøtte; kontrollér feltet",
    ),
    (
        "secure placement for a young adult aged 18 to 22; secure units take children under 18, check the cell",
        "sikret anbringelse for en ung på 18–22 år; sikrede institutioner modtager børn under 18 år, kontrollér feltet",
    ),
    (
        "wishes recorded for a child under 3; record what the child's perspective shows in the conversation notes instead",
        "ønsker registreret for et barn under 3 år; beskriv i stedet, hvordan barnets perspektiv er belyst, fx ved observation (barnets lov § 5, stk. 4)",
    ),
    (
        "a network family has an age range; it is approved for one named child, leave age_min and age_max empty",
        "en netværksplejefamilie har et aldersinterval; den er godkendt til ét bestemt barn, lad age_min og age_max stå tomme",
    ),
];

/// `(English, Danish)` for the words of the data format used as arguments.
const NOUNS: &[(&str, &str)] = &[
    ("sex", "køn"),
    ("site sex", "stedets kønsafgrænsning"),
    ("support level", "støtteniveau"),
    ("security level", "sikringsniveau"),
    ("purpose", "anbringelsens art"),
    ("site type", "stedtype"),
    ("need", "behov"),
    ("wish", "ønske"),
    ("feature", "forhold"),
    ("region", "region"),
    ("link mode", "forbindelsestype"),
    ("language", "sprog"),
    ("site", "sted"),
    ("severity", "sværhedsgrad"),
    ("importance", "vigtighed"),
    ("level", "niveau"),
    ("latitude", "breddegrad"),
    ("longitude", "længdegrad"),
    ("municipality code", "kommunekode"),
    ("child ID", "barne-ID"),
    ("site ID", "steds-ID"),
    ("not UTF-8", "ikke UTF-8"),
    ("unequal row lengths", "rækker af forskellig længde"),
    ("read error", "læsefejl"),
    ("malformed CSV", "ugyldig CSV"),
];

/// A number written with a decimal point, as Danish writes it: a decimal comma.
fn danish_number(text: &str) -> Option<String> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = digits.split_once('.')?;
    let numeric = |part: &str| !part.is_empty() && part.chars().all(|c| c.is_ascii_digit());
    (numeric(whole) && numeric(fraction)).then(|| text.replacen('.', ",", 1))
}

fn argument(arg: &Arg, lang: Lang) -> String {
    match (arg, lang) {
        (Arg::Text(text), Lang::En) => text.clone(),
        (Arg::Text(text), Lang::Da) if text == crate::io::NOT_SHOWN => "(vises ikke)".to_string(),
        (Arg::Text(text), Lang::Da) => danish_number(text).unwrap_or_else(|| text.clone()),
        (Arg::Noun(word), Lang::En) => (*word).to_string(),
        (Arg::Noun(word), Lang::Da) => NOUNS
            .iter()
            .find(|(english, _)| english == word)
            .map_or(*word, |(_, danish)| danish)
            .to_string(),
        (Arg::Rule(rule), _) => rule_text(rule, lang),
        (Arg::Io(kind, text), _) => super::errors::io_kind_text(*kind, text, lang),
        // One problem per line, each on a line of its own.
        (Arg::Problems(problems), _) => problems
            .iter()
            .map(|problem| format!("\n{}", super::problem_line(problem, lang)))
            .collect(),
    }
}

/// The rule in words.
pub fn rule_text(rule: &Rule, lang: Lang) -> String {
    let template = match lang {
        Lang::En => rule.template,
        Lang::Da => RULES
            .iter()
            .find(|(english, _)| *english == rule.template)
            .map_or(rule.template, |(_, danish)| danish),
    };
    let mut text = template.to_string();
    for (idx, arg) in rule.args.iter().enumerate() {
        text = text.replace(&format!("{{{idx}}}"), &argument(arg, lang));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The string literal that `rest` begins inside, up to its closing quote.
    fn literal(rest: &str) -> String {
        let mut literal = String::new();
        let mut chars = rest.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => literal.extend(chars.next()),
                '"' => break,
                c => literal.push(c),
            }
        }
        literal
    }

    /// Every template written in `src/io` (as `Rule::fixed("…")`, `Rule::new("…", …)` or a
    /// TOML mistake's `"line {0}, column {1}: …"`).
    fn templates_in_io() -> Vec<String> {
        let mut found = Vec::new();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/io");
        for entry in std::fs::read_dir(dir).expect("src/io") {
            let path = entry.expect("entry").path();
            let source = std::fs::read_to_string(&path).expect("source");
            // The TOML mistakes are a table of templates (`io::weights`).
            for (at, _) in source.match_indices("\"line {0}, column {1}: ") {
                found.push(literal(&source[at + 1..]));
            }
            for opening in ["Rule::fixed(", "Rule::new("] {
                for (at, _) in source.match_indices(opening) {
                    let rest = source[at + opening.len()..].trim_start();
                    if let Some(rest) = rest.strip_prefix('"') {
                        found.push(literal(rest));
                    }
                }
            }
        }
        found
    }

    #[test]
    fn every_rule_written_in_io_has_its_danish_wording_with_the_same_places() {
        let templates = templates_in_io();
        assert!(templates.len() >= 60, "found only {}", templates.len());
        for template in templates {
            let danish = RULES
                .iter()
                .find(|(english, _)| *english == template)
                .map(|(_, danish)| *danish);
            let Some(danish) = danish else {
                panic!("no Danish wording for {template:?}");
            };
            for idx in 0..4 {
                let place = format!("{{{idx}}}");
                assert_eq!(
                    template.contains(&place),
                    danish.contains(&place),
                    "{template:?} and {danish:?} differ in {place}"
                );
            }
        }
    }

    #[test]
    fn arguments_are_put_in_place_and_translated() {
        let rule = Rule::new(
            "unknown {0} code; closest valid code is \"{1}\"",
            [Arg::Noun("need"), Arg::Text("autism".into())],
        );
        assert_eq!(
            rule_text(&rule, Lang::Da),
            "ukendt kode for behov; nærmeste gyldige kode er \"autism\""
        );
        assert_eq!(
            rule_text(&rule, Lang::En),
            "unknown need code; closest valid code is \"autism\""
        );
        let range = Rule::new(
            "must be between {0} and {1}",
            [Arg::Text("0.5".into()), Arg::Text("12".into())],
        );
        assert_eq!(rule_text(&range, Lang::Da), "skal være mellem 0,5 og 12");
    }

    #[test]
    fn every_noun_of_the_vocabularies_has_a_danish_word() {
        use crate::model::*;
        for name in [
            Sex::NAME,
            SiteSex::NAME,
            SupportLevel::NAME,
            Security::NAME,
            Purpose::NAME,
            SiteType::NAME,
            Need::NAME,
            Wish::NAME,
            Feature::NAME,
            Region::NAME,
            LinkMode::NAME,
        ] {
            assert!(NOUNS.iter().any(|(english, _)| *english == name), "{name}");
        }
    }
}
