//! The recruitment report (`placematch report recruit`): where one more place would help the
//! most children, each gain verified by solving again, as JSON, a terminal table and CSV.

use std::fmt::Write;

use serde::Serialize;

use super::{Lang, count, decimal, printable, round6, site_type_name};
use crate::explain::Detail;
use crate::model::Dataset;
use crate::recruit::{Recruitment, TierCounts};

/// The tiers of an assignment, or the change in them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TiersJson {
    /// Children placed.
    pub placed: i64,
    /// Sibling groups kept together.
    pub groups_together: i64,
    /// Children at their own network family.
    pub network_family: i64,
    /// Children under the policy age in a foster family.
    pub family_care: i64,
    /// Sum of total scores (6 decimals).
    pub total_score: f64,
}

impl TiersJson {
    fn of(counts: &TierCounts) -> Self {
        TiersJson {
            placed: counts.placed as i64,
            groups_together: counts.groups_together as i64,
            network_family: counts.network_family as i64,
            family_care: counts.family_care as i64,
            total_score: round6(counts.total_score),
        }
    }

    fn minus(&self, other: &TiersJson) -> TiersJson {
        TiersJson {
            placed: self.placed - other.placed,
            groups_together: self.groups_together - other.groups_together,
            network_family: self.network_family - other.network_family,
            family_care: self.family_care - other.family_care,
            total_score: round6(self.total_score - other.total_score),
        }
    }
}

/// One verified addition.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct AdditionJson {
    /// 1 for the addition that helps most (in the order of the priorities).
    pub rank: usize,
    /// The site that stands for the addition: one more place there was solved.
    pub site_id: String,
    /// Site type code.
    pub site_type: &'static str,
    /// Site type in words.
    pub site_type_text: &'static str,
    /// The site's municipality.
    pub municipality_name: String,
    /// The site's region.
    pub region: &'static str,
    /// Free places at the site today (the addition makes it one more).
    pub free_places_now: u32,
    /// The change in each tier, verified by solving again.
    pub gain: TiersJson,
    /// The tiers with the place added.
    pub after: TiersJson,
    /// Whether the solve with the place was proven optimal (else the gain is what the time
    /// limit allowed).
    pub proven: bool,
    /// The addition and its gain in words.
    pub text: String,
}

/// A count by region.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct RegionCountJson {
    /// Region.
    pub region: &'static str,
    /// Children.
    pub children: usize,
}

/// A sibling group not kept together.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct GroupApartJson {
    /// Children in the group: a site needs this many free places.
    pub size: usize,
    /// Home region.
    pub region: &'static str,
    /// Members placed somewhere.
    pub placed: usize,
}

/// A competence missing at the sites of placed children.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct MissingCompetenceJson {
    /// Need code.
    pub need: &'static str,
    /// The need in words.
    pub need_text: String,
    /// Placed children whose site does not cover it.
    pub children: usize,
}

/// The report.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct RecruitJson {
    /// Scenario name.
    pub scenario: String,
    /// Reference date.
    pub as_of: String,
    /// Language of the texts.
    pub lang: &'static str,
    /// placematch version.
    pub engine_version: &'static str,
    /// The tiers in force, highest first.
    pub priorities: Vec<&'static str>,
    /// Children in the data.
    pub children: usize,
    /// Sibling groups in the data.
    pub sibling_groups: usize,
    /// The tiers as the data stands.
    pub baseline: TiersJson,
    /// Whether the baseline is proven optimal.
    pub baseline_proven: bool,
    /// How the additions were found, in words.
    pub method: String,
    /// Sites where one more place has a positive value in the LP (the ranking).
    pub ranked_sites: usize,
    /// Candidates verified by solving again.
    pub verified: usize,
    /// Verified candidates that gained nothing (left out of `additions`).
    pub verified_without_gain: usize,
    /// The family-care policy age used (children under it are to go to foster families).
    pub family_care_under: u8,
    /// Verified additions with a gain, best first.
    pub additions: Vec<AdditionJson>,
    /// Children without a site, by home region.
    pub unplaced_by_region: Vec<RegionCountJson>,
    /// Sibling groups not kept together.
    pub sibling_groups_apart: Vec<GroupApartJson>,
    /// Children under the policy age placed outside a foster family, by home region.
    pub young_outside_family_by_region: Vec<RegionCountJson>,
    /// Needs most often uncovered at the sites of placed children.
    pub missing_competences: Vec<MissingCompetenceJson>,
    /// The map of Denmark: its outline and every municipality as a point with what the
    /// report says about it.
    pub map: MapJson,
}

/// The map: Denmark's outline (Natural Earth, public domain) and the 98 municipalities at
/// their representative points, in one projection (x east, y south; see [`project`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct MapJson {
    /// The SVG `viewBox` the outline and the points fit in.
    pub view_box: &'static str,
    /// Denmark's outline as an SVG path.
    pub outline: &'static str,
    /// Every municipality, in code order.
    pub municipalities: Vec<MapPointJson>,
}

/// One municipality on the map.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct MapPointJson {
    /// Municipality code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Projected position.
    pub x: f64,
    /// Projected position.
    pub y: f64,
    /// Children whose home is here and who have no site in the baseline.
    pub unplaced: usize,
    /// Ranks (1 = best) of the verified additions at sites here.
    pub additions: Vec<usize>,
}

/// Denmark's outline in the map's projection, written by `scripts/denmark_outline.py` from
/// Natural Earth's 1:10m countries (public domain; data/SOURCES.md).
const OUTLINE: &str = include_str!("denmark_outline.txt");

/// The map's projection: x east and y south in units of 0.01 degree of latitude, longitudes
/// shortened by cos(56.2°) so that distances look right at Danish latitudes. Must match
/// `scripts/denmark_outline.py`.
pub(crate) fn project(lon: f64, lat: f64) -> (f64, f64) {
    const LON0: f64 = 7.9;
    const LAT0: f64 = 57.85;
    let shorten = 56.2_f64.to_radians().cos();
    (
        ((lon - LON0) * shorten * 100.0 * 10.0).round() / 10.0,
        ((LAT0 - lat) * 100.0 * 10.0).round() / 10.0,
    )
}

/// The map's frame: its `viewBox` and Denmark's outline.
pub fn map_frame() -> MapFrameJson {
    MapFrameJson {
        view_box: VIEW_BOX,
        outline: OUTLINE.trim(),
    }
}

/// The map's frame alone (`GET /api/map`), for views that carry only points.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct MapFrameJson {
    /// The SVG `viewBox`.
    pub view_box: &'static str,
    /// Denmark's outline as an SVG path.
    pub outline: &'static str,
}

/// The `viewBox` every municipality fits in.
const VIEW_BOX: &str = "0 0 415 340";

fn map_json(dataset: &Dataset, report: &Recruitment) -> MapJson {
    let sites = dataset.sites();
    let municipalities = dataset
        .municipalities()
        .iter()
        .map(|municipality| {
            let (x, y) = project(municipality.lon, municipality.lat);
            MapPointJson {
                code: municipality.code.to_string(),
                name: municipality.name.clone(),
                x,
                y,
                unplaced: report
                    .unplaced_by_municipality
                    .iter()
                    .find(|(code, _)| *code == municipality.code)
                    .map_or(0, |&(_, n)| n),
                additions: report
                    .additions
                    .iter()
                    .enumerate()
                    .filter(|(_, addition)| sites[addition.site].municipality == municipality.code)
                    .map(|(idx, _)| idx + 1)
                    .collect(),
            }
        })
        .collect();
    MapJson {
        view_box: VIEW_BOX,
        outline: OUTLINE.trim(),
        municipalities,
    }
}

/// What [`recruit_json`] needs besides the analysis.
pub struct RecruitInput<'a> {
    /// Scenario name.
    pub scenario: &'a str,
    /// Reference date.
    pub as_of: &'a str,
    /// The data the analysis ran on.
    pub dataset: &'a Dataset,
    /// The tiers in force.
    pub priorities: &'a crate::optimize::Priorities,
    /// The family-care policy age used.
    pub family_care_under: u8,
}

fn gain_text(gain: &TiersJson, policy_age: u8, lang: Lang) -> String {
    let mut parts = Vec::new();
    let mut add = |n: i64, da1: String, da: String, en1: String, en: String| {
        if n == 0 {
            return;
        }
        let sign = if n > 0 { "" } else { "−" };
        let abs = n.unsigned_abs();
        parts.push(match (lang, abs) {
            (Lang::Da, 1) => format!("{sign}1 {da1}"),
            (Lang::Da, _) => format!("{sign}{abs} {da}"),
            (Lang::En, 1) => format!("{sign}1 {en1}"),
            (Lang::En, _) => format!("{sign}{abs} {en}"),
        });
    };
    add(
        gain.placed,
        "barn eller ung mere kan få et sted".into(),
        "børn og unge mere kan få et sted".into(),
        "more child can be given a site".into(),
        "more children can be given a site".into(),
    );
    add(
        gain.groups_together,
        "søskendeflok mere kan bo samlet".into(),
        "søskendeflokke mere kan bo samlet".into(),
        "more sibling group can live together".into(),
        "more sibling groups can live together".into(),
    );
    add(
        gain.network_family,
        "barn mere kan komme i sin egen netværksplejefamilie".into(),
        "børn mere kan komme i deres egen netværksplejefamilie".into(),
        "more child can go to their own network foster family".into(),
        "more children can go to their own network foster family".into(),
    );
    add(
        gain.family_care,
        format!("barn mere under {policy_age} år kan komme i plejefamilie"),
        format!("børn mere under {policy_age} år kan komme i plejefamilie"),
        format!("more child under {policy_age} can go to a foster family"),
        format!("more children under {policy_age} can go to a foster family"),
    );
    let only_score = gain.placed == 0
        && gain.groups_together == 0
        && gain.network_family == 0
        && gain.family_care == 0;
    if gain.total_score != 0.0 {
        let sign = if gain.total_score > 0.0 { "+" } else { "−" };
        let points = decimal(gain.total_score.abs(), 2, lang);
        parts.push(match (lang, only_score) {
            (Lang::Da, true) => format!(
                "ingen flere børn får et sted, men børn, der allerede har et sted, får et sted, der passer lidt bedre (samlet score {sign}{points})"
            ),
            (Lang::Da, false) => format!("samlet score {sign}{points}"),
            (Lang::En, true) => format!(
                "no more children are given a site, but children who already have one get a slightly better match (total match score {sign}{points})"
            ),
            (Lang::En, false) => format!("total match score {sign}{points}"),
        });
    }
    parts.join(", ")
}

/// A date as Danish and English write it in running text: `23. november 2026`,
/// `23 November 2026`.
fn long_date(date: &str, lang: Lang) -> String {
    const MONTHS: [(&str, &str); 12] = [
        ("januar", "January"),
        ("februar", "February"),
        ("marts", "March"),
        ("april", "April"),
        ("maj", "May"),
        ("juni", "June"),
        ("juli", "July"),
        ("august", "August"),
        ("september", "September"),
        ("oktober", "October"),
        ("november", "November"),
        ("december", "December"),
    ];
    let parts: Vec<&str> = date.split('-').collect();
    let (Some(year), Some(month), Some(day)) = (
        parts.first(),
        parts.get(1).and_then(|m| m.parse::<usize>().ok()),
        parts.get(2).and_then(|d| d.parse::<u8>().ok()),
    ) else {
        return date.to_string();
    };
    let Some((da, en)) = month.checked_sub(1).and_then(|m| MONTHS.get(m)) else {
        return date.to_string();
    };
    match lang {
        Lang::Da => format!("{day}. {da} {year}"),
        Lang::En => format!("{day} {en} {year}"),
    }
}

/// Builds the view.
pub fn recruit_json(input: &RecruitInput<'_>, report: &Recruitment, lang: Lang) -> RecruitJson {
    let RecruitInput {
        scenario,
        as_of,
        dataset,
        priorities,
        family_care_under,
    } = *input;
    let verified = report.verified;
    let sites = dataset.sites();
    let baseline = TiersJson::of(&report.baseline);
    let municipality_name = |code| {
        dataset
            .municipality(code)
            .map_or_else(String::new, |municipality| municipality.name.clone())
    };
    let additions = report
        .additions
        .iter()
        .enumerate()
        .map(|(idx, addition)| {
            let site = &sites[addition.site];
            let after = TiersJson::of(&addition.after);
            let gain = after.minus(&baseline);
            let type_text = site_type_name(addition.site_type, lang);
            let town = printable(&municipality_name(site.municipality));
            let free = site.free_places;
            let mut text = match lang {
                Lang::Da => format!(
                    "Én plads mere på {} ({type_text} i {town}, Region {}), der i dag har {} ledige {}: {}. Beregnet for netop dette sted",
                    site.id,
                    addition.region.as_str(),
                    count(free as usize, lang),
                    if free == 1 { "plads" } else { "pladser" },
                    gain_text(&gain, family_care_under, lang)
                ),
                Lang::En => format!(
                    "One more place at {} ({type_text} in {town}, Region {}), which has {} free {} today: {}. Computed for this site only",
                    site.id,
                    addition.region.as_str(),
                    count(free as usize, lang),
                    if free == 1 { "place" } else { "places" },
                    gain_text(&gain, family_care_under, lang)
                ),
            };
            text += if addition.proven {
                "."
            } else {
                match lang {
                    Lang::Da => " (den nye beregning blev stoppet af tidsgrænsen; gevinsten er mindst så stor).",
                    Lang::En => " (the new computation was stopped by the time limit; the gain is at least this).",
                }
            };
            AdditionJson {
                rank: idx + 1,
                site_id: site.id.to_string(),
                site_type: addition.site_type.as_str(),
                site_type_text: type_text,
                municipality_name: municipality_name(site.municipality),
                region: addition.region.as_str(),
                free_places_now: site.free_places,
                gain,
                after,
                proven: addition.proven,
                text,
            }
        })
        .collect();
    let regions = |list: &[(crate::model::Region, usize)]| {
        list.iter()
            .map(|&(region, children)| RegionCountJson {
                region: region.as_str(),
                children,
            })
            .collect()
    };
    let without = report.verified_without_gain;
    let order = match lang {
        Lang::Da => priorities
            .as_slice()
            .iter()
            .map(|priority| match priority {
                crate::optimize::Priority::Placed => "flest børn med et sted".to_string(),
                crate::optimize::Priority::SiblingsTogether => "samlede søskende".to_string(),
                crate::optimize::Priority::NetworkFamily => "egen netværksplejefamilie".to_string(),
                crate::optimize::Priority::FamilyCare => {
                    format!("plejefamilie til børn under {family_care_under} år")
                }
                crate::optimize::Priority::Score => "samlet score".to_string(),
            })
            .collect::<Vec<_>>(),
        Lang::En => priorities
            .as_slice()
            .iter()
            .map(|priority| match priority {
                crate::optimize::Priority::Placed => "most children with a site".to_string(),
                crate::optimize::Priority::SiblingsTogether => "siblings together".to_string(),
                crate::optimize::Priority::NetworkFamily => "own network foster family".to_string(),
                crate::optimize::Priority::FamilyCare => {
                    format!("foster families for children under {family_care_under}")
                }
                crate::optimize::Priority::Score => "total score".to_string(),
            })
            .collect::<Vec<_>>(),
    };
    let method = match lang {
        Lang::Da => format!(
            "Forslagene er fundet ved at beregne fordelingen igen med én ekstra plads på det enkelte sted. {} steder er afprøvet (udvalgt blandt {} steder, hvor en ekstra plads kan gøre en forskel, og blandt steder, hvor en søskendeflok mangler én plads); {} gav ingen forbedring og er udeladt. Rækkefølge: {}.",
            count(verified, lang),
            count(report.ranked_sites, lang),
            count(without, lang),
            order.join(", dernæst ")
        ),
        Lang::En => format!(
            "The suggestions were found by computing the assignment again with one extra place at each site. {} sites were tried (chosen among {} sites where an extra place can make a difference, and among sites where a sibling group lacks one place); {} gave no improvement and are left out. Order: {}.",
            count(verified, lang),
            count(report.ranked_sites, lang),
            count(without, lang),
            order.join(", then ")
        ),
    };
    RecruitJson {
        scenario: scenario.to_string(),
        as_of: as_of.to_string(),
        lang: lang.as_str(),
        engine_version: env!("CARGO_PKG_VERSION"),
        priorities: priorities
            .as_slice()
            .iter()
            .map(|priority| priority.as_str())
            .collect(),
        children: dataset.children().len(),
        sibling_groups: dataset.sibling_groups().len(),
        baseline,
        baseline_proven: report.baseline_proven,
        method,
        ranked_sites: report.ranked_sites,
        verified,
        verified_without_gain: report.verified_without_gain,
        family_care_under,
        additions,
        unplaced_by_region: regions(&report.unplaced),
        sibling_groups_apart: report
            .groups_apart
            .iter()
            .map(|group| GroupApartJson {
                size: group.size,
                region: group.region.as_str(),
                placed: group.placed,
            })
            .collect(),
        young_outside_family_by_region: regions(&report.young_outside_family),
        missing_competences: report
            .missing_competences
            .iter()
            .map(|&(need, children)| MissingCompetenceJson {
                need,
                need_text: super::catalog::detail_text(&Detail::Code(need), lang),
                children,
            })
            .collect(),
        map: map_json(dataset, report),
    }
}

/// The report for a terminal.
pub fn recruit_table(view: &RecruitJson, lang: Lang) -> String {
    let mut out = String::new();
    let da = lang == Lang::Da;
    let b = &view.baseline;
    let age = view.family_care_under;
    let _ = match lang {
        Lang::Da => writeln!(
            out,
            "Hvor gør én ekstra plads mest gavn? Opgjort pr. {}",
            long_date(&view.as_of, lang)
        ),
        Lang::En => writeln!(
            out,
            "Where would one extra place help most? As of {}",
            long_date(&view.as_of, lang)
        ),
    };
    let proven = match (view.baseline_proven, lang) {
        (true, _) => "",
        (false, Lang::Da) => " (beregningen er ikke bevist bedst mulig)",
        (false, Lang::En) => " (the computation is not proven best possible)",
    };
    let _ = match lang {
        Lang::Da => writeln!(
            out,
            "I beregningen kan {} af {} børn og unge få et sted; {} af {} søskendeflokke kan bo samlet; {} kan komme i deres egen netværksplejefamilie; {} børn under {age} år kommer i plejefamilie; samlet score {}{proven}.",
            count(b.placed as usize, lang),
            count(view.children, lang),
            b.groups_together,
            view.sibling_groups,
            b.network_family,
            b.family_care,
            decimal(b.total_score, 2, lang),
        ),
        Lang::En => writeln!(
            out,
            "In the computation {} of {} children can be given a site; {} of {} sibling groups can live together; {} can go to their own network foster family; {} children under {age} go to a foster family; total match score {}{proven}.",
            count(b.placed as usize, lang),
            count(view.children, lang),
            b.groups_together,
            view.sibling_groups,
            b.network_family,
            b.family_care,
            decimal(b.total_score, 2, lang),
        ),
    };
    let _ = writeln!(out);
    if view.additions.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            match (view.verified, view.ranked_sites, da) {
                (0, 0, true) => "Intet sted, hvor en ekstra plads kunne gøre en forskel.",
                (0, 0, false) => "No site where an extra place could make a difference.",
                (0, _, true) => "Ingen ekstra plads nåede at blive afprøvet inden for tidsgrænsen.",
                (0, _, false) => "No extra place could be tried within the time limit.",
                (_, _, true) => "Ingen af de afprøvede ekstra pladser forbedrer fordelingen.",
                (_, _, false) => "None of the extra places tried improves the assignment.",
            }
        );
    }
    for addition in &view.additions {
        let _ = writeln!(out, "{:>2}. {}", addition.rank, addition.text);
    }
    let _ = writeln!(out);
    let section = |out: &mut String, title: String, lines: Vec<String>| {
        if lines.is_empty() {
            return;
        }
        let _ = writeln!(out, "{title}");
        for line in lines {
            let _ = writeln!(out, "  {line}");
        }
    };
    let regions = |list: &[RegionCountJson]| {
        list.iter()
            .map(|entry| format!("Region {}: {}", entry.region, entry.children))
            .collect::<Vec<_>>()
    };
    section(
        &mut out,
        if da {
            "Børn og unge, som beregningen ikke kan finde et muligt sted til, efter hjemregion:"
                .into()
        } else {
            "Children the computation cannot find a possible site for, by home region:".into()
        },
        regions(&view.unplaced_by_region),
    );
    // Sibling groups apart, counted by region and size: one line per region and size.
    let mut apart: std::collections::BTreeMap<(&str, usize), (usize, usize)> =
        std::collections::BTreeMap::new();
    for group in &view.sibling_groups_apart {
        let entry = apart.entry((group.region, group.size)).or_default();
        entry.0 += 1;
        entry.1 += group.placed;
    }
    let groups = view.sibling_groups_apart.len();
    let children: usize = view.sibling_groups_apart.iter().map(|g| g.size).sum();
    section(
        &mut out,
        match lang {
            Lang::Da => format!(
                "Søskendeflokke, som beregningen ikke kan holde samlet ({groups} {}, {children} børn); et fælles sted skal have lige så mange ledige pladser, som flokken har børn:",
                if groups == 1 { "flok" } else { "flokke" }
            ),
            Lang::En => format!(
                "Sibling groups the computation cannot keep together ({groups} {}, {children} children); a shared site needs as many free places as the group has children:",
                if groups == 1 { "group" } else { "groups" }
            ),
        },
        apart
            .iter()
            .map(|(&(region, size), &(n, placed))| match lang {
                Lang::Da => format!(
                    "Region {region}: {n} {} på {size} børn ({})",
                    if n == 1 { "flok" } else { "flokke" },
                    if placed == 0 {
                        "ingen af børnene har fået et sted".to_string()
                    } else {
                        format!("{placed} af børnene har fået et sted hver for sig")
                    }
                ),
                Lang::En => format!(
                    "Region {region}: {n} {} of {size} children ({})",
                    if n == 1 { "group" } else { "groups" },
                    if placed == 0 {
                        "none of the children has a site".to_string()
                    } else {
                        format!("{placed} of the children have a site apart")
                    }
                ),
            })
            .collect(),
    );
    section(
        &mut out,
        match lang {
            Lang::Da => format!(
                "Børn under {age} år, som beregningen placerer uden for plejefamilie (kommunens politik: plejefamilie først), efter hjemregion:"
            ),
            Lang::En => format!(
                "Children under {age} the computation places outside a foster family (the municipality's policy: foster families first), by home region:"
            ),
        },
        regions(&view.young_outside_family_by_region),
    );
    section(
        &mut out,
        if da {
            "Behov, som det beregnede sted ikke har kompetencer til (antal børn og unge):".into()
        } else {
            "Needs the computed site has no competence for (number of children):".into()
        },
        view.missing_competences
            .iter()
            .take(8)
            .map(|missing| format!("{}: {}", missing.need_text, missing.children))
            .collect(),
    );
    let _ = writeln!(out, "{}", view.method);
    out
}

/// The verified additions as CSV rows, header first (codes and figures, no sentences).
pub fn recruit_csv_rows(view: &RecruitJson) -> Vec<Vec<String>> {
    let header = [
        "rank",
        "site_id",
        "site_type",
        "region",
        "municipality_name",
        "placed_gain",
        "groups_together_gain",
        "network_family_gain",
        "family_care_gain",
        "total_score_gain",
        "proven",
    ];
    std::iter::once(header.iter().map(|cell| cell.to_string()).collect())
        .chain(view.additions.iter().map(|addition| {
            vec![
                addition.rank.to_string(),
                super::escape_cell(&addition.site_id).into_owned(),
                addition.site_type.to_string(),
                addition.region.to_string(),
                super::escape_cell(&addition.municipality_name).into_owned(),
                addition.gain.placed.to_string(),
                addition.gain.groups_together.to_string(),
                addition.gain.network_family.to_string(),
                addition.gain.family_care.to_string(),
                format!("{:.6}", addition.gain.total_score),
                addition.proven.to_string(),
            ]
        }))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gains_read_as_sentences_with_correct_plurals() {
        let gain = TiersJson {
            placed: 1,
            groups_together: 2,
            network_family: 0,
            family_care: 0,
            total_score: 0.4124,
        };
        assert_eq!(
            gain_text(&gain, 6, Lang::Da),
            "1 barn eller ung mere kan få et sted, 2 søskendeflokke mere kan bo samlet, samlet score +0,41"
        );
        assert_eq!(
            gain_text(&gain, 6, Lang::En),
            "1 more child can be given a site, 2 more sibling groups can live together, total match score +0.41"
        );
        let loss = TiersJson {
            placed: 0,
            groups_together: 0,
            network_family: 0,
            family_care: 0,
            total_score: -0.5,
        };
        assert_eq!(
            gain_text(&loss, 6, Lang::Da),
            "ingen flere børn får et sted, men børn, der allerede har et sted, får et sted, der passer lidt bedre (samlet score −0,50)"
        );
        assert_eq!(long_date("2026-11-23", Lang::Da), "23. november 2026");
        assert_eq!(long_date("2026-03-01", Lang::En), "1 March 2026");
    }
}

#[cfg(test)]
mod map_tests {
    use super::*;

    /// Every municipality of the embedded geography lands inside the map's frame, and the
    /// outline uses the same frame (so points sit on the land they belong to).
    #[test]
    fn every_municipality_is_inside_the_frame_of_the_outline() {
        let geography = crate::io::embedded_geography().expect("embedded geography");
        let numbers: Vec<f64> = OUTLINE
            .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
            .filter(|part| !part.is_empty())
            .map(|part| part.parse().unwrap())
            .collect();
        let (xs, ys): (Vec<f64>, Vec<f64>) = numbers.chunks(2).map(|p| (p[0], p[1])).unzip();
        let max_x = xs.iter().copied().fold(f64::MIN, f64::max);
        let max_y = ys.iter().copied().fold(f64::MIN, f64::max);
        assert!(max_x < 415.0 && max_y < 340.0, "{max_x} {max_y}");
        assert_eq!(geography.dataset.municipalities().len(), 98);
        for municipality in geography.dataset.municipalities() {
            let (x, y) = project(municipality.lon, municipality.lat);
            assert!(
                (0.0..415.0).contains(&x) && (0.0..340.0).contains(&y),
                "{} at {x},{y}",
                municipality.name
            );
        }
        // Copenhagen is east of Aarhus, and Aalborg north of both.
        let at = |name: &str| {
            let m = geography
                .dataset
                .municipalities()
                .iter()
                .find(|m| m.name == name)
                .unwrap();
            project(m.lon, m.lat)
        };
        assert!(at("København").0 > at("Aarhus").0);
        assert!(at("Aalborg").1 < at("Aarhus").1 && at("Aalborg").1 < at("København").1);
    }
}
