//! `municipalities.csv` and `links.csv` rows into model types (PRODUCT.md section 6.3).

use std::collections::BTreeMap;

use super::cell::{self, CellError};
use super::problem::{Report, Rule, Severity, noun, text as arg};
use super::row::{Located, RowReader};
use super::table::{ColumnSpec, Table, required};
use crate::model::{Link, LinkMode, Municipality, MunicipalityCode, Region};

pub(crate) const MUNICIPALITY_COLUMNS: &[ColumnSpec] = &[
    required("code"),
    required("name"),
    required("region"),
    required("lat"),
    required("lon"),
    required("population"),
];

pub(crate) const LINK_COLUMNS: &[ColumnSpec] = &[
    required("a"),
    required("b"),
    required("km"),
    required("minutes"),
    required("mode"),
];

/// Denmark's bounding box, degrees, with a small margin (Bornholm east, Gedser south).
const LAT_RANGE: (f64, f64) = (54.4, 57.9);
const LON_RANGE: (f64, f64) = (7.9, 15.3);

/// Municipality codes and names, for checking and suggesting codes in other files.
pub(crate) type KnownMunicipalities = BTreeMap<MunicipalityCode, String>;

/// A municipality code cell: a number that must name a known municipality when `known` is
/// given. A municipality name in the cell gets the code suggested.
pub(crate) fn municipality_code(
    text: &str,
    known: Option<&KnownMunicipalities>,
) -> Result<MunicipalityCode, CellError> {
    let number = match text.parse::<u16>() {
        Ok(number) if number <= 999 => number,
        _ => {
            let by_name = known.and_then(|known| {
                known
                    .iter()
                    .find(|(_, name)| name.to_lowercase() == text.to_lowercase())
            });
            let rule = match by_name {
                Some((code, _)) => Rule::new(
                    "expected a municipality code, not a name; use {0}",
                    [arg(code)],
                ),
                None => Rule::fixed("expected a three-digit municipality code"),
            };
            return Err(cell::error("unknown_code", rule));
        }
    };
    let code = MunicipalityCode(number);
    match known {
        Some(known) if !known.contains_key(&code) => {
            let nearest = known
                .iter()
                .min_by_key(|(candidate, _)| candidate.0.abs_diff(number));
            let rule = match nearest {
                Some((nearest, name)) => Rule::new(
                    "unknown municipality code; closest valid code is {0} ({1})",
                    [arg(nearest), arg(name)],
                ),
                None => Rule::fixed("unknown municipality code"),
            };
            Err(cell::error("unknown_code", rule))
        }
        _ => Ok(code),
    }
}

pub(crate) fn read_municipalities(
    table: &Table,
    report: &mut Report,
) -> Vec<Located<Municipality>> {
    let mut municipalities = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        let mut cells = RowReader::new(table, row, report);
        let code = cells.required("code", |text| municipality_code(text, None));
        let name = cells.required("name", |text| Ok(text.to_string()));
        let region = cells.required("region", cell::code::<Region>);
        let lat = cells.required("lat", |text| coordinate(text, LAT_RANGE, "latitude"));
        let lon = cells.required("lon", |text| coordinate(text, LON_RANGE, "longitude"));
        let population = cells.required("population", |text| cell::integer(text, 0, 10_000_000));
        if let (
            true,
            Some(code),
            Some(name),
            Some(region),
            Some(lat),
            Some(lon),
            Some(population),
        ) = (cells.is_ok(), code, name, region, lat, lon, population)
        {
            municipalities.push(Located {
                line: cells.line(),
                value: Municipality {
                    code,
                    name,
                    region,
                    lat,
                    lon,
                    population: u32::try_from(population).expect("checked range"),
                },
            });
        }
    }
    municipalities
}

fn coordinate(text: &str, (min, max): (f64, f64), what: &'static str) -> Result<f64, CellError> {
    cell::decimal(text, min, max).map_err(|error| match error.code {
        "out_of_range" => cell::error(
            "out_of_range",
            Rule::new(
                "{0} must be within Denmark ({1} to {2}); lat and lon swapped?",
                [noun(what), arg(min), arg(max)],
            ),
        ),
        _ => error,
    })
}

pub(crate) fn read_links(
    table: &Table,
    known: Option<&KnownMunicipalities>,
    report: &mut Report,
) -> Vec<Located<Link>> {
    let mut links = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        let mut cells = RowReader::new(table, row, report);
        let a = cells.required("a", |text| municipality_code(text, known));
        let b = cells.required("b", |text| municipality_code(text, known));
        let km = cells.required("km", |text| cell::decimal(text, 0.0, 2_000.0));
        let minutes = cells.required("minutes", |text| {
            let minutes = cell::decimal(text, 0.0, 2_000.0)?;
            if minutes > 0.0 {
                Ok(minutes)
            } else {
                Err(cell::error(
                    "out_of_range",
                    Rule::fixed("travel minutes must be more than 0"),
                ))
            }
        });
        let mode = cells.required("mode", cell::code::<LinkMode>);
        if let (Some(a), Some(b)) = (a, b) {
            if a == b {
                let error = cell::error(
                    "bad_link",
                    Rule::fixed("a link must join two different municipalities"),
                );
                cells.problem(Severity::Error, "b", error);
            }
        }
        if let (true, Some(a), Some(b), Some(km), Some(minutes), Some(mode)) =
            (cells.is_ok(), a, b, km, minutes, mode)
        {
            links.push(Located {
                line: cells.line(),
                value: Link {
                    a,
                    b,
                    km,
                    minutes,
                    mode,
                },
            });
        }
    }
    links
}
