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
        ("case", Lang::Da) => "sagens forespørgsler",
        ("conversation", Lang::Da) => "samtale med barnet",
        ("followup", Lang::Da) => "opfølgning på anbringelsen",
        ("due", Lang::Da) => "liste over opfølgninger, der forfalder",
        ("followup", Lang::En) => "follow-up of the placement",
        ("due", Lang::En) => "list of follow-ups due",
        ("inquire", Lang::En) => "inquiry to sites",
        ("respond", Lang::En) => "answer from a site",
        ("case", Lang::En) => "the case's inquiries",
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
    let line = |cells: [String; 6]| {
        format!(
            "{:>5}  {:<19}  {:<16} {:<13} {:<26} {}",
            cells[0], cells[1], cells[2], cells[3], cells[4], cells[5]
        )
        .trim_end()
        .to_string()
            + "\n"
    };
    let mut text = heading + "\n";
    text += &line(columns.map(String::from));
    for row in rows {
        text += &line([
            row.seq.to_string(),
            local_time(&row.time),
            printable(&row.user),
            role_text(&row.role, lang),
            command_text(&row.command, lang),
            printable(&row.purpose),
        ]);
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
