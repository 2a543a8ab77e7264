//! The command line's help in Danish: what each command does, what each option means, the
//! name of its value and what each choice means.
//!
//! The English help is the doc comments of `cli::args`; this is its Danish twin, looked up by
//! the command's path (`"shortlist"`, `"audit verify"`) and the option's id. The CLI edge
//! applies it to clap's command tree; a test there checks that nothing is missing.

/// What a command does: the one-line summary and, for some, a longer text for `--help`.
pub struct CommandHelp {
    /// One line, shown in lists of commands and under `-h`.
    pub about: &'static str,
    /// More paragraphs for `--help`, after the summary.
    pub more: Option<&'static str>,
}

/// The Danish summary of the command at `path` (`""` is placematch itself).
pub fn command_help(path: &str) -> Option<CommandHelp> {
    let (about, more) = match path {
        "" => (
            "placematch: rangerede anbringelsessteder med begrundelser til børn, der skal anbringes uden for hjemmet. Værktøjet anbefaler; et menneske træffer afgørelsen.",
            None,
        ),
        "validate" => (
            "Kontrollér alle datafiler og vis hvert problem med fil, linje og kolonne.",
            Some(
                "Afslutter med 0, når data er gyldige (advarsler er tilladt), 65, når de er ugyldige, og 66, når en fil mangler eller ikke kan læses.",
            ),
        ),
        "children" => (
            "Børnene, der venter på anbringelse: pseudonym, alder, støtteniveau, formål, hjemkommune, søskende og netværksfamilie (ingen behov, ønsker eller fritekst).",
            None,
        ),
        "shortlist" => (
            "De egnede steder til ét barn i rangorden med begrundelser, mangler, næsten egnede og udelukkede steder.",
            None,
        ),
        "score" => (
            "Alle egnede par af barn og sted som CSV (`child_id,site_id,total,needs,...,setting,confidence`) med point angivet med 6 decimaler.",
            None,
        ),
        "assign" => (
            "Fordel mange børn på én gang, bedst muligt efter disse prioriteter: flest anbragt, søskende samlet (barnets lov § 52, stk. 3), egen netværksplejefamilie, plejefamilie til børn under kommunens aldersgrænse (kommunens politik) og til sidst den højeste samlede score.",
            None,
        ),
        "compare" => (
            "To scenarier side om side: anbragte, score, søskende samlet, rejsetid, skoleskift, andel i familiepleje, markeringer og hvilke børn der flytter.",
            None,
        ),
        "generate" => (
            "Skriv et realistisk syntetisk datasæt (byte for byte det samme for de samme argumenter).",
            Some(
                "Data er kalibreret til offentliggjorte danske tal (se data/README.md) og består altid `validate`. Filerne skrives atomart: en kørsel, der fejler, efterlader intet.",
            ),
        ),
        "serve" => (
            "Kør HTTP-API'et og websiden på de indlæste data.",
            Some(
                "Uden --tokens har alle, der sender forespørgsler, alle roller, så serveren lytter kun på denne maskine (127.0.0.1). SIGTERM eller Ctrl-C stopper den, når igangværende forespørgsler er færdige.",
            ),
        ),
        "decide" => (
            "Registrér en persons afgørelse for et barn med stedets plads på listen og markeringer på det tidspunkt.",
            Some(
                "Der kræves en begrundelse, når stedet ikke er det højest rangerede egnede sted, eller når et af lovens udgangspunkter (søskende, skole, familiepleje, netværksfamilie) er markeret. Et udelukket sted kan ikke vælges. Kræver en adgangslog.",
            ),
        ),
        "inquire" => (
            "Registrér, at steder er blevet spurgt, om de kan tage et barn (i sagsregistret).",
            None,
        ),
        "conversation" => (
            "Registrér, at barnets synspunkter er søgt før afgørelsen: en samtale med barnet (barnets lov § 5, stk. 3) eller, i helt særlige tilfælde (fx på grund af barnets alder), på anden vis (stk. 4).",
            None,
        ),
        "views" => (
            "Registrér barnets og forældrenes synspunkter og samtykke (i sagsregistret): barnets ønsker med barnets egne ord, forældrenes ønsker, barnets ressourcer, forældremyndighedsindehaverens samtykke (barnets lov § 46, ved ændring af anbringelsessted § 98) og barnets eget (§ 46 fra 15 år; § 98 fra 12 år ved ændring af anbringelsessted). Angiv mindst én; de øvrige beholder deres værdi.",
            None,
        ),
        "respond" => (
            "Registrér et steds svar: ja (evt. med betingelser) eller nej (med en begrundelse).",
            None,
        ),
        "followup" => (
            "Registrér, hvordan barnets seneste anbringelse går: en opfølgning (kræver, at anbringelsen er registreret med `decide --cases`).",
            None,
        ),
        "due" => (
            "Opfølgninger, der endnu ikke er registreret, og som forfalder 14 dage og 3, 6 og 12 måneder efter hver anbringelse.",
            None,
        ),
        "case" => (
            "Barnets sagsforløb samlet: samtalen med barnet, barnets og forældrenes synspunkter og samtykke, de spurgte steder og deres svar, afgørelsen og opfølgningerne med den næste, der forfalder.",
            None,
        ),
        "audit" => (
            "Adgangsloggen: kontrollér kæden, eller vis alle opslag i ét barns data.",
            None,
        ),
        "audit verify" => (
            "Gennemgå hashkæden og vis den første brudte eller manglende post (afslutter med 65).",
            None,
        ),
        "audit extract" => (
            "Alle opslag i ét barns data: tidspunkt, bruger, rolle, formål og kommando (til en anmodning om indsigt). Udtrækket registreres også.",
            None,
        ),
        "report" => ("Samlede rapporter.", None),
        "report recruit" => (
            "Hvor én plads mere ville hjælpe flest børn: beregningen peger på de steder, hvor en ekstra plads hjælper mest, det bedste i hver region og af hver stedtype efterprøves ved at fordele igen, og kun efterprøvede gevinster vises; desuden hvor fordelingen ikke slår til.",
            None,
        ),
        "report outcomes" => (
            "Virker matchningen? Sammenbrud inden for 12 måneder efter hver registreret anbringelse efter samlet score, markering, som afgørelsen gik imod, stedtype og region, med 95 %-intervaller og små grupper skjult; og hvad hvert elements score siger om sammenbrud, med forslag til vægte kun når data taler klart. Kun samlede tal: aldrig et tal om ét barn, aldrig en risikoscore.",
            None,
        ),
        "report fairness" => (
            "Ligebehandlingstal efter region, aldersgruppe og køn ud fra de registrerede afgørelser (eller et scenaries fordeling); celler med færre end 5 børn vises ikke.",
            None,
        ),
        _ => return None,
    };
    Some(CommandHelp { about, more })
}

/// What an option means and the name of its value, in Danish.
pub struct ArgHelp {
    /// The value's name in the usage line (`FIL`, `DATO`); empty for a switch.
    pub value_name: &'static str,
    /// What it means.
    pub help: &'static str,
}

/// The Danish help of option `id` of the command at `path`: first what is particular to that
/// command, then what the option means wherever it appears.
pub fn arg_help(path: &str, id: &str) -> Option<ArgHelp> {
    particular_arg(path, id).or_else(|| common_arg(id))
}

fn particular_arg(path: &str, id: &str) -> Option<ArgHelp> {
    let (value_name, help) = match (path, id) {
        ("generate", "children") => ("ANTAL", "Antal børn, der venter på anbringelse."),
        ("generate", "sites") => ("ANTAL", "Antal steder."),
        ("generate", "out") => (
            "MAPPE",
            "Mappen, der skrives til; oprettes, hvis den mangler.",
        ),
        ("generate", "as_of") => (
            "DATO",
            "Datoen, datasættet gælder for (ÅÅÅÅ-MM-DD); stedernes opdateringsdatoer og historikken regnes bagud herfra.",
        ),
        ("generate", "history") => (
            "",
            "Skriv også et sagsregister `cases.sqlite` med en syntetisk historik: tidligere børn (`H-00001`…, tre pr. barn i datasættet, mindst 300) anbragt på de dannede steder i de tre år før --as-of, de spurgte steder og deres svar, opfølgninger og sammenbrud, der afhænger af matchet (se data/README.md), til `report outcomes`, `case` og `due`.",
        ),
        ("inquire", "sites") => ("ID", "Et sted, der er spurgt (gentag for flere)."),
        ("inquire", "on") | ("respond", "on") | ("views", "on") => {
            ("DATO", "Dagen (ÅÅÅÅ-MM-DD; standard: i dag, dansk tid).")
        }
        ("report outcomes", "on") => (
            "DATO",
            "Skæringsdato (ÅÅÅÅ-MM-DD; standard: i dag, dansk tid).",
        ),
        ("report outcomes", "file") | ("due", "file") | ("case", "file") => (
            "FIL",
            "Sagsregister (SQLite), der læses fra; det skal findes.",
        ),
        ("due", "weights") | ("case", "weights") => (
            "FIL",
            "Vægtfil, hvis `[policy]`-tabel fastsætter opfølgningerne (`followups = [\"14_days\", \"3_months\", \"6_months\", \"12_months\"]` er standard).",
        ),
        ("due", "on") => (
            "DATO",
            "Dagen, der ses fra (ÅÅÅÅ-MM-DD; standard: i dag, dansk tid).",
        ),
        ("decide", "reason") => (
            "BEGRUNDELSE",
            "Hvorfor dette sted (gemmes i adgangsloggen og skrives i --document; vises ikke i terminalen).",
        ),
        ("respond", "reason") => ("KODE", "Hvorfor stedet sagde nej."),
        ("respond", "site") => ("ID", "Stedet, der har svaret."),
        ("decide", "site") => ("ID", "Det valgte sted."),
        ("assign", "out") => (
            "FIL",
            "Skriv resultatet til denne fil (samlet, så en fejl ikke efterlader en halv fil) i stedet for at vise det i terminalen.",
        ),
        ("assign", "time_limit") => (
            "SEKUNDER",
            "Stop søgningen efter så mange sekunder og vis den bedste fordeling med dens beviste afstand til den bedste mulige.",
        ),
        ("compare", "time_limit") => ("SEKUNDER", "Tidsgrænse i sekunder for hvert scenarie."),
        ("report recruit", "time_limit") => (
            "SEKUNDER",
            "Sekunder til hele rapporten; løsninger, der stoppes, markeres som ikke beviste.",
        ),
        ("assign", "scenario") => (
            "FIL",
            "Scenariefil (TOML): vægte, søskenderegel, prioriteter, låste og forbudte par, steder fjernet eller tilføjet, ledige pladser, grænse for rejsetid.",
        ),
        ("report recruit", "scenario") => (
            "FIL",
            "Analysér dette scenarie i stedet for data, som de er.",
        ),
        ("report fairness", "scenario") => (
            "FIL",
            "Brug dette scenaries bedste fordeling i stedet for de registrerede afgørelser.",
        ),
        ("serve", "audit") => (
            "FIL",
            "Adgangslog: hver API-forespørgsel, der læser persondata, registreres med tokenets bruger og rolle og formålet fra `X-Purpose` (som så er påkrævet).",
        ),
        ("audit verify", "audit") => ("FIL", "Adgangslog (SQLite)."),
        ("followup", "at") => (
            "DATO",
            "Dagen for opfølgningen (ÅÅÅÅ-MM-DD; standard: i dag, dansk tid).",
        ),
        ("report outcomes", "weights") => (
            "FIL",
            "De vægte, der bruges nu (TOML), som forslaget tager udgangspunkt i (standard: standardvægtene).",
        ),
        _ => return None,
    };
    Some(ArgHelp { value_name, help })
}

fn common_arg(id: &str) -> Option<ArgHelp> {
    let (value_name, help) = match id {
        "data" => (
            "MAPPE",
            "Mappen med children.csv, sites.csv, municipalities.csv og links.csv.",
        ),
        "weights" => (
            "FIL",
            "TOML-fil med de syv elementers vægte (standard: produktets vægte).",
        ),
        "as_of" => (
            "DATO",
            "Den dato, beregningen gælder for (ÅÅÅÅ-MM-DD; standard: i dag).",
        ),
        "allow_outside" => (
            "",
            "Lad et scenaries `add_sites` pege på en fil uden for scenariefilens mappe (som standard skal den ligge i mappen eller under den; kun scenarier).",
        ),
        "cases" | "file" => (
            "FIL",
            "Sagsregister (SQLite, oprettes med rettighed 0600, hvis det mangler): de spurgte steder og deres svar, samtaler, afgørelser og opfølgninger.",
        ),
        "audit" => (
            "FIL",
            "Adgangslog (SQLite); hvert opslag i persondata registreres i den.",
        ),
        "purpose" => (
            "FORMÅL",
            "Hvorfor data læses (påkrævet, når der er en adgangslog).",
        ),
        "by" => (
            "BRUGER",
            "Hvem der kører kommandoen (påkrævet, når der er en adgangslog).",
        ),
        "lang" => ("SPROG", "Sproget i tekster og meddelelser."),
        "format" => ("FORMAT", "Uddataformat."),
        "child" => ("ID", "Barnets pseudonym."),
        "max_problems" => (
            "ANTAL",
            "Højst så mange problemer vises i tabelformatet; resten tælles.",
        ),
        "top" => (
            "ANTAL",
            "Hvor mange egnede steder (og næsten egnede) der vises, mindst 1.",
        ),
        "explain_excluded" => (
            "",
            "Vis også hvert udelukket sted med de regler, det ikke opfylder.",
        ),
        "candidates" => (
            "ANTAL",
            "Kandidatsteder pr. barn i første runde (flere tilføjes efter behov).",
        ),
        "a" => ("A", "Scenarie A (TOML)."),
        "b" => ("B", "Scenarie B (TOML)."),
        "seed" => ("TAL", "Startværdi for tilfældighedsgeneratoren."),
        "force" => ("", "Erstat datafilerne, hvis mappen allerede har dem."),
        "addr" => ("ADRESSE", "Adressen, der lyttes på."),
        "tokens" => (
            "FIL",
            "Fil med adgangsnøgler (TOML), der knytter hver nøgle til en bruger og en rolle.",
        ),
        "max_body" => ("BYTES", "Største tilladte forespørgsel i bytes."),
        "request_timeout" => (
            "SEKUNDER",
            "Længste tid for én forespørgsel, sekunder (fordelinger stopper deres søgning før).",
        ),
        "max_in_flight" => (
            "ANTAL",
            "Højeste antal samtidige forespørgsler til /api/; flere besvares med 503.",
        ),
        "max_connections" => (
            "ANTAL",
            "Åbne forbindelser på én gang; flere lukkes med det samme.",
        ),
        "header_timeout" => (
            "SEKUNDER",
            "Længste tid i sekunder, en klient må bruge på at sende forespørgslens hoved (HTTP-hovedet; også hvor længe en ledig forbindelse holdes åben); derefter lukkes forbindelsen.",
        ),
        "document" => (
            "FIL",
            "Skriv afgørelsesgrundlaget til sagen i denne HTML-fil, klar til udskrift på A4; dens SHA-256 registreres med afgørelsen.",
        ),
        "held_on" => ("DATO", "Dagen (ÅÅÅÅ-MM-DD)."),
        "how" => ("MÅDE", "Hvordan barnets synspunkter blev søgt."),
        "accept" => ("", "Stedet siger ja."),
        "decline" => ("", "Stedet siger nej."),
        "closes" => (
            "BEHOV",
            "Et behov, hvis mangel betingelserne dækker (gentag for flere), som behovskode i data (fx trauma, adhd, attachment): stedet mangler kompetencen (kortlistens mangel), og den aftalte støtte dækker den.",
        ),
        "conditions" => (
            "TEKST",
            "Betingelser aftalt med stedet (højst 1.000 tegn; vises aldrig i fejl).",
        ),
        "status" => ("STATUS", "Hvordan anbringelsen går."),
        "child_wishes" => (
            "TEKST",
            "Barnets ønsker med barnets egne ord (højst 1.000 tegn; vises aldrig i fejl eller log).",
        ),
        "parents_wishes" => (
            "TEKST",
            "Forældrenes ønsker (højst 1.000 tegn; vises aldrig i fejl eller log).",
        ),
        "resources" => (
            "TEKST",
            "Barnets ressourcer (højst 1.000 tegn; vises aldrig i fejl eller log).",
        ),
        "parents_consent" => (
            "SAMTYKKE",
            "Forældremyndighedsindehaverens samtykke til anbringelsen (barnets lov § 46) eller, når barnet allerede er anbragt, til ændring af anbringelsessted (§ 98).",
        ),
        "child_consent" => (
            "SAMTYKKE",
            "Barnets eget samtykke (§ 46 fra 15 år; § 98 ved ændring af anbringelsessted fra 12 år).",
        ),
        "cause" => (
            "KODE",
            "Hvorfor den brød sammen (med `--status breakdown`).",
        ),
        "within" => ("DAGE", "Vis også det, der forfalder så mange dage frem."),
        "expect_head" => (
            "HASH",
            "Sidste hashværdi gemt andetsteds fra en tidligere kontrol: en anden værdi betyder, at poster er fjernet fra enden, eller at sporet er udskiftet (afslutter med 65).",
        ),
        "write_head" => (
            "FIL",
            "Skriv efter en kontrol uden brud den sidste hashværdi og antallet af poster til FIL (gem den på en anden maskine eller et andet medie, og giv den tilbage med --expect-head).",
        ),
        "verify" => (
            "ANTAL",
            "Hvor mange kandidater der efterprøves ved at løse igen (hver tager omtrent én fordeling).",
        ),
        _ => return None,
    };
    Some(ArgHelp { value_name, help })
}

/// What one choice of an option means (`table`, `breakdown`), in Danish.
pub fn value_help(id: &str, value: &str) -> Option<&'static str> {
    Some(match (id, value) {
        (_, "table") => "tekst til en terminal",
        ("format", "json") => "JSON",
        ("format", "csv") => "CSV; celler, der ligner formler, gøres ufarlige",
        ("format", "html") => "en selvstændig side, klar til print til sagen",
        ("lang", "da") => "dansk",
        ("lang", "en") => "engelsk",
        ("how", "conversation") => "en samtale med barnet (barnets lov § 5, stk. 3)",
        ("how", "other-ways") => {
            "på anden vis, hvor en samtale ikke kan holdes (fx på grund af barnets alder) (§ 5, stk. 4)"
        }
        (_, "given") => "givet",
        (_, "refused") => "ikke givet",
        ("status", "ongoing") => "anbringelsen fortsætter",
        ("status", "breakdown") => "den er brudt sammen (sammenbrud)",
        ("status", "planned-end") => "den er afsluttet som planlagt",
        ("status", "moved") => "barnet er flyttet til et andet sted som planlagt",
        ("cause", "site-ended") => "stedet afsluttede anbringelsen",
        ("cause", "needs-not-met") | ("reason", "needs-not-met") => {
            "barnets behov kunne ikke dækkes der"
        }
        ("cause", "child-left") => "barnet gik eller ville ikke blive",
        ("cause", "parents") => "forældrenes situation eller ønske afsluttede den",
        ("cause", "other") | ("reason", "other") => "en anden årsag",
        ("reason", "no-capacity") => "ingen ledig plads",
        ("reason", "group-fit") => "barnet passer ikke ind i børnegruppen på stedet",
        ("reason", "timing") => "ikke på det tidspunkt, der blev spurgt om",
        _ => return None,
    })
}

/// clap's own words in Danish: headings, the help and version switches, the usage line.
pub mod words {
    /// Heading of the usage line.
    pub const USAGE: &str = "Brug:";
    /// Heading of the options.
    pub const OPTIONS: &str = "Tilvalg";
    /// Heading of the positional arguments.
    pub const ARGUMENTS: &str = "Argumenter";
    /// Heading of the commands.
    pub const COMMANDS: &str = "Kommandoer";
    /// Placeholder for a command in the usage line.
    pub const COMMAND: &str = "<KOMMANDO>";
    /// Placeholder for the options in the usage line.
    pub const OPTIONS_PLACEHOLDER: &str = "[TILVALG]";
    /// The `-h`/`--help` switch.
    pub const HELP: &str = "Vis hjælp (mere med --help)";
    /// The `-V`/`--version` switch.
    pub const VERSION: &str = "Vis versionsnummer";
    /// The `help` command.
    pub const HELP_COMMAND: &str = "Vis denne hjælp eller hjælpen til en kommando";
    /// Before a default value.
    pub const DEFAULT: &str = "standard";
    /// Before the possible values.
    pub const POSSIBLE: &str = "mulige værdier";
    /// Before an environment variable.
    pub const ENV: &str = "miljøvariabel";
}
