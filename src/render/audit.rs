//! The audit trail for people: an extract of the accesses to one child (`placematch audit
//! extract`, the page's auditor section), with roles and commands in words and times in
//! Danish local time to the second. Machine formats (JSON, CSV) keep the record's own UTC
//! time (RFC 3339).

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::{Lang, escape_cell, printable};
use crate::audit::AccessRow;

/// Every access to one child's data (`audit extract --format json`,
/// `GET /api/audit/children/{id}`).
#[derive(Debug, Clone, serde::Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ExtractJson {
    /// The child's pseudonym.
    pub child_id: String,
    /// The accesses in chain order (times in UTC, RFC 3339).
    pub accesses: Vec<AccessRow>,
}

/// The time zone of the municipalities the tool serves.
const ZONE: &str = "Europe/Copenhagen";

/// A record's UTC time as Danish local time to the second (`2026-12-01 10:15:03`); a time
/// that does not parse is shown as it was recorded.
pub fn local_time(utc: &str) -> String {
    let Ok(timestamp) = utc.parse::<Timestamp>() else {
        return printable(utc);
    };
    match TimeZone::get(ZONE) {
        Ok(zone) => timestamp
            .to_zoned(zone)
            .strftime("%Y-%m-%d %H:%M:%S")
            .to_string(),
        Err(_) => timestamp.strftime("%Y-%m-%d %H:%M:%S UTC").to_string(),
    }
}

/// A role in words.
pub fn role_text(role: &str, lang: Lang) -> String {
    let text = match (role, lang) {
        ("coordinator", Lang::Da) => "koordinator",
        ("planner", Lang::Da) => "planlægger",
        ("auditor", Lang::Da) => "kontrolbruger",
        (other, _) => other,
    };
    text.to_string()
}

/// A recorded command or route in words (`denied: X` as refused X).
pub fn command_text(command: &str, lang: Lang) -> String {
    if let Some(refused) = command.strip_prefix("denied: ") {
        return match lang {
            Lang::Da => format!("afvist: {}", command_text(refused, lang)),
            Lang::En => format!("refused: {}", command_text(refused, lang)),
        };
    }
    let text = match (command, lang) {
        ("children", Lang::Da) => "liste over børn",
        ("shortlist", Lang::Da) => "kortliste",
        ("score", Lang::Da) => "scoring af alle par",
        ("assign", Lang::Da) => "fordeling",
        ("compare", Lang::Da) => "sammenligning af scenarier",
        ("decide", Lang::Da) => "afgørelse",
        ("audit extract", Lang::Da) => "udtræk af adgange",
        ("report fairness", Lang::Da) => "rapport om ligebehandling",
        ("report recruit", Lang::Da) => "rapport om nye pladser",
        ("report recruit", Lang::En) => "recruitment report",
        ("inquire", Lang::Da) => "forespørgsel til steder",
        ("respond", Lang::Da) => "svar fra et sted",
        ("case", Lang::Da) => "sagsforløb",
        ("views", Lang::Da) => "synspunkter og samtykke",
        ("views", Lang::En) => "views and consent",
        ("report outcomes", Lang::Da) => "rapport om udfald",
        ("report outcomes", Lang::En) => "outcomes report",
        ("conversation", Lang::Da) => "samtale med barnet",
        ("followup", Lang::Da) => "opfølgning på anbringelsen",
        ("due", Lang::Da) => "liste over opfølgninger, der forfalder",
        ("followup", Lang::En) => "follow-up of the placement",
        ("due", Lang::En) => "list of follow-ups due",
        ("inquire", Lang::En) => "inquiry to sites",
        ("respond", Lang::En) => "answer from a site",
        ("case", Lang::En) => "case process",
        ("conversation", Lang::En) => "conversation with the child",
        ("children", Lang::En) => "list of children",
        ("score", Lang::En) => "scoring of every pair",
        ("compare", Lang::En) => "comparison of scenarios",
        ("decide", Lang::En) => "decision",
        ("audit extract", Lang::En) => "extract of accesses",
        ("report fairness", Lang::En) => "fairness report",
        (other, _) => other,
    };
    printable(text)
}

/// The extract for a terminal: a heading, then one line per access.
pub fn access_table(view: &ExtractJson, lang: Lang) -> String {
    let (child, rows) = (view.child_id.as_str(), view.accesses.as_slice());
    let heading = match (lang, rows.len()) {
        (Lang::Da, n) => format!(
            "{} i oplysningerne om {} (tider i dansk tid). Dette udtræk registreres også, men er ikke medtaget.",
            if n == 1 {
                "1 opslag".to_string()
            } else {
                format!("{} opslag", super::count(n, lang))
            },
            printable(child)
        ),
        (Lang::En, n) => format!(
            "{} to the data of {} (times in Danish local time). This extract is recorded too, but not listed.",
            super::plural(n, "access", "accesses"),
            printable(child)
        ),
    };
    let columns = match lang {
        Lang::Da => ["nr.", "tidspunkt", "bruger", "rolle", "handling", "formål"],
        Lang::En => ["no.", "time", "user", "role", "action", "purpose"],
    };
    let mut table: Vec<[String; 6]> = vec![columns.map(String::from)];
    for row in rows {
        table.push([
            row.seq.to_string(),
            local_time(&row.time),
            printable(&row.user),
            role_text(&row.role, lang),
            command_text(&row.command, lang),
            printable(&row.purpose),
        ]);
    }
    // Each column as wide as its widest cell, two spaces between columns.
    let mut widths = [0usize; 6];
    for cells in &table {
        for (width, cell) in widths.iter_mut().zip(cells) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut text = heading + "\n";
    for cells in &table {
        let mut line = format!("{:>w$}", cells[0], w = widths[0]);
        for (cell, width) in cells.iter().zip(widths).skip(1) {
            line.push_str(&format!("  {cell:<width$}"));
        }
        text += line.trim_end();
        text += "\n";
    }
    text
}

/// The extract as CSV rows, header first: the record's own values, UTC time, cells escaped.
pub fn access_csv_rows(rows: &[AccessRow]) -> Vec<Vec<String>> {
    let header = ["seq", "time", "user", "role", "purpose", "command"];
    std::iter::once(header.iter().map(|cell| cell.to_string()).collect())
        .chain(rows.iter().map(|row| {
            vec![
                row.seq.to_string(),
                escape_cell(&row.time).into_owned(),
                escape_cell(&row.user).into_owned(),
                escape_cell(&row.role).into_owned(),
                escape_cell(&row.purpose).into_owned(),
                escape_cell(&row.command).into_owned(),
            ]
        }))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_danish_local_time_to_the_second_summer_and_winter() {
        assert_eq!(
            local_time("2026-12-01T09:15:03.123456789Z"),
            "2026-12-01 10:15:03"
        );
        assert_eq!(local_time("2026-07-01T09:15:03Z"), "2026-07-01 11:15:03");
        assert_eq!(local_time("not a time"), "not a time");
    }

    #[test]
    fn the_extract_reads_in_danish() {
        let rows = vec![AccessRow {
            seq: 7,
            time: "2026-12-01T09:15:03.5Z".into(),
            user: "anna".into(),
            role: "coordinator".into(),
            purpose: "Matchning".into(),
            command: "denied: assign".into(),
        }];
        let text = access_table(
            &ExtractJson {
                child_id: "C-0007".into(),
                accesses: rows,
            },
            Lang::Da,
        );
        assert_eq!(
            text.lines().next(),
            Some(
                "1 opslag i oplysningerne om C-0007 (tider i dansk tid). Dette udtræk registreres også, men er ikke medtaget."
            )
        );
        let headings: Vec<&str> = text
            .lines()
            .nth(1)
            .unwrap_or_default()
            .split_whitespace()
            .collect();
        assert_eq!(
            headings,
            ["nr.", "tidspunkt", "bruger", "rolle", "handling", "formål"]
        );
        let line = text.lines().nth(2).unwrap_or_default();
        let words: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(
            words.join(" "),
            "7 2026-12-01 10:15:03 anna koordinator afvist: fordeling Matchning"
        );
        let empty = ExtractJson {
            child_id: "C-0007".into(),
            accesses: Vec::new(),
        };
        assert!(access_table(&empty, Lang::En).starts_with("0 accesses to the data"));
    }
}

/// What is wrong where the audit chain breaks, in words.
pub fn break_text(kind: &crate::audit::BreakKind, lang: Lang) -> String {
    use crate::audit::BreakKind;
    match (kind, lang) {
        (BreakKind::Sequence { found, expected }, Lang::Da) => format!(
            "løbenummer {found}, hvor {expected} var ventet (en post mangler eller står i forkert rækkefølge)"
        ),
        (BreakKind::Sequence { found, expected }, Lang::En) => format!(
            "sequence number {found} where {expected} was expected (a record is missing or out of order)"
        ),
        (BreakKind::Hash, Lang::Da) => "postens indhold stemmer ikke med dens nøglebaserede hashværdi (posten er ændret eller indsat, eller kæden er genberegnet uden nøglen)".to_string(),
        (BreakKind::Hash, Lang::En) => "the record's content does not match its keyed hash (edited, added or re-chained without the key)".to_string(),
        (BreakKind::Unreadable, Lang::Da) => "posten kan ikke læses".to_string(),
        (BreakKind::Unreadable, Lang::En) => "the record cannot be read".to_string(),
        (BreakKind::Moved, Lang::Da) => "postens eget løbenummer passer ikke til dens plads (posten er flyttet)".to_string(),
        (BreakKind::Moved, Lang::En) => "the record's own sequence number differs (moved)".to_string(),
        (BreakKind::Link, Lang::Da) => "posten henviser ikke til den foregående post (en tidligere post er fjernet, erstattet eller flyttet)".to_string(),
        (BreakKind::Link, Lang::En) => "the record does not point to the one before it (a record before it was removed, replaced or reordered)".to_string(),
        (BreakKind::Index { rows, named }, Lang::Da) => format!(
            "indekset over børn pr. post stemmer ikke med posterne ({rows} rækker, men posterne nævner {named} børn; rækker fjernet, tilføjet eller ændret): udtræk kan mangle opslag"
        ),
        (BreakKind::Index { rows, named }, Lang::En) => format!(
            "the index of children by record differs from the records ({rows} rows where the records name {named} children; rows removed, added or changed): extracts may miss accesses"
        ),
        (BreakKind::HeadMissing, Lang::Da) => "den forventede sidste hashværdi findes ikke i kæden: poster er fjernet fra enden, eller loggen er erstattet".to_string(),
        (BreakKind::HeadMissing, Lang::En) => "the expected head is not in the chain: records were removed from the end, or the trail was replaced".to_string(),
    }
}

/// `audit verify --format json`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct VerifyJson {
    /// The audit database.
    pub file: String,
    /// Whether the whole chain is intact.
    pub intact: bool,
    /// Whether the chain is keyed (HMAC); older files are plain SHA-256.
    pub keyed: bool,
    /// Intact records before any break.
    pub records: u64,
    /// Hash of the last intact record.
    pub head: String,
    /// Position of the first broken record.
    pub broken_at_position: Option<u64>,
    /// Its stored sequence number.
    pub broken_seq: Option<i64>,
    /// What is wrong there, in the language asked for.
    pub problem: Option<String>,
}

/// The result of walking the chain, as data in `lang`.
pub fn verify_json(
    file: &str,
    verification: &crate::audit::Verification,
    keyed: bool,
    lang: Lang,
) -> VerifyJson {
    let broken = verification.broken.as_ref();
    VerifyJson {
        file: file.to_string(),
        intact: broken.is_none(),
        keyed,
        records: verification.records,
        head: verification.head.clone(),
        broken_at_position: broken.map(|b| b.position),
        broken_seq: broken.map(|b| b.seq),
        problem: broken.map(|b| break_text(&b.problem, lang)),
    }
}

/// The result of walking the chain, in words.
pub fn verify_table(view: &VerifyJson, lang: Lang) -> String {
    let records = match lang {
        Lang::Da => super::plural(view.records as usize, "post", "poster"),
        Lang::En => super::plural(view.records as usize, "record", "records"),
    };
    match (&view.problem, view.broken_at_position, lang) {
        (Some(problem), Some(position), Lang::Da) => format!(
            "{}: BRUDT ved post {position} (gemt løbenummer {}): {problem}\n{}\n",
            view.file,
            view.broken_seq.unwrap_or_default(),
            match view.records {
                0 => "Der er ingen poster før den.".to_string(),
                1 => format!(
                    "Posten før den er i orden og har hashværdien {}.",
                    view.head
                ),
                n => format!(
                    "De {} poster før den er i orden; den sidste af dem har hashværdien {}.",
                    super::count(n as usize, lang),
                    view.head
                ),
            }
        ),
        (Some(problem), Some(position), Lang::En) => format!(
            "{}: BROKEN at record {position} (stored sequence number {}): {problem}\n{records} before it intact, ending in {}\n",
            view.file,
            view.broken_seq.unwrap_or_default(),
            view.head
        ),
        (_, _, Lang::Da) => format!(
            "{}: intakt: {records}, sidste hashværdi {}{}\n",
            view.file,
            view.head,
            if view.keyed {
                " (kæden er sikret med en nøgle)"
            } else {
                " (ældre kæde uden nøgle: hvis en med skriveadgang omskriver hele filen, kan det ikke opdages; sammenlign den sidste hashværdi med en kopi, der opbevares et andet sted)"
            }
        ),
        (_, _, Lang::En) => format!(
            "{}: intact, {records}, head {}{}\n",
            view.file,
            view.head,
            if view.keyed {
                " (keyed chain)"
            } else {
                " (older, unkeyed chain: a rewrite of the whole file by someone who can write it cannot be detected; compare the head with one kept elsewhere)"
            }
        ),
    }
}
