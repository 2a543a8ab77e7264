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
}

fn gain_text(gain: &TiersJson, lang: Lang) -> String {
    let mut parts = Vec::new();
    let mut add = |n: i64, da1: &str, da: &str, en1: &str, en: &str| {
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
        "barn mere får et anbringelsessted",
        "børn mere får et anbringelsessted",
        "more child placed",
        "more children placed",
    );
    add(
        gain.groups_together,
        "søskendeflok mere holdes samlet",
        "søskendeflokke mere holdes samlet",
        "more sibling group kept together",
        "more sibling groups kept together",
    );
    add(
        gain.network_family,
        "barn mere kommer i sin egen netværksplejefamilie",
        "børn mere kommer i deres egen netværksplejefamilie",
        "more child at their own network family",
        "more children at their own network family",
    );
    add(
        gain.family_care,
        "barn mere under politikkens alder kommer i plejefamilie",
        "børn mere under politikkens alder kommer i plejefamilie",
        "more child under the policy age in a foster family",
        "more children under the policy age in a foster family",
    );
    if gain.total_score != 0.0 {
        let sign = if gain.total_score > 0.0 { "+" } else { "−" };
        let points = decimal(gain.total_score.abs(), 3, lang);
        parts.push(match lang {
            Lang::Da => format!("samlet score {sign}{points} point"),
            Lang::En => format!("total score {sign}{points} points"),
        });
    }
    parts.join(", ")
}

/// Builds the view.
pub fn recruit_json(input: &RecruitInput<'_>, report: &Recruitment, lang: Lang) -> RecruitJson {
    let RecruitInput {
        scenario,
        as_of,
        dataset,
        priorities,
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
            let mut text = match lang {
                Lang::Da => format!(
                    "Én plads mere af typen {type_text} i Region {} (som {} i {town}): {}",
                    addition.region.as_str(),
                    site.id,
                    gain_text(&gain, lang)
                ),
                Lang::En => format!(
                    "One more place of the type {type_text} in Region {} (like {} in {town}): {}",
                    addition.region.as_str(),
                    site.id,
                    gain_text(&gain, lang)
                ),
            };
            if !addition.proven {
                text += match lang {
                    Lang::Da => " (den nye fordeling blev stoppet af tidsgrænsen; gevinsten er mindst så stor)",
                    Lang::En => " (the new assignment was stopped by the time limit; the gain is at least this)",
                };
            }
            AdditionJson {
                rank: idx + 1,
                site_id: site.id.to_string(),
                site_type: addition.site_type.as_str(),
                site_type_text: type_text,
                municipality_name: municipality_name(site.municipality),
                region: addition.region.as_str(),
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
    let method = match lang {
        Lang::Da => format!(
            "Fordelingen er løst, som data er nu. LP-relaksationens duale priser rangerer {} steder efter værdien af én plads mere; det bedste sted for hver region og stedtype står for en ny plads af den type. De {} højest rangerede er efterprøvet ved at løse fordelingen igen med pladsen, og kun den efterprøvede gevinst vises, i prioriteternes rækkefølge",
            count(report.ranked_sites, lang),
            count(verified, lang)
        ),
        Lang::En => format!(
            "The assignment is solved as the data stands. The LP relaxation's dual prices rank {} sites by the value of one more place; the best site of each region and site type stands for a new place of that type. The {} ranked highest were verified by solving the assignment again with the place, and only the verified gain is shown, in the order of the priorities",
            count(report.ranked_sites, lang),
            count(verified, lang)
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
    }
}

/// The report for a terminal.
pub fn recruit_table(view: &RecruitJson, lang: Lang) -> String {
    let mut out = String::new();
    let da = lang == Lang::Da;
    let b = &view.baseline;
    let _ = writeln!(
        out,
        "{} · {} {}",
        if da {
            "Hvor gør én plads mere mest gavn?"
        } else {
            "Where would one more place help most?"
        },
        if da {
            "skæringsdato"
        } else {
            "reference date"
        },
        view.as_of
    );
    let _ = writeln!(
        out,
        "{}: {} / {} {}, {} / {} {}, {} {}, {} {}, {} {}{}",
        if da {
            "Som data er nu"
        } else {
            "As the data stands"
        },
        count(b.placed as usize, lang),
        count(view.children, lang),
        if da { "anbragt" } else { "placed" },
        b.groups_together,
        view.sibling_groups,
        if da {
            "søskendeflokke samlet"
        } else {
            "sibling groups together"
        },
        b.network_family,
        if da {
            "i egen netværksfamilie"
        } else {
            "at their network family"
        },
        b.family_care,
        if da {
            "små børn i plejefamilie"
        } else {
            "young children in foster families"
        },
        decimal(b.total_score, 3, lang),
        if da { "point" } else { "points" },
        if view.baseline_proven {
            ""
        } else if da {
            " (ikke bevist optimal)"
        } else {
            " (not proven optimal)"
        }
    );
    let _ = writeln!(out);
    if view.additions.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            if da {
                "Ingen af de efterprøvede pladser ændrer fordelingen."
            } else {
                "None of the verified places changes the assignment."
            }
        );
    }
    for addition in &view.additions {
        let _ = writeln!(out, "{:>2}. {}", addition.rank, addition.text);
    }
    let _ = writeln!(out);
    let section = |out: &mut String, title: &str, lines: Vec<String>| {
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
            "Børn uden anbringelsessted, efter hjemregion:"
        } else {
            "Children without a site, by home region:"
        },
        regions(&view.unplaced_by_region),
    );
    section(
        &mut out,
        if da {
            "Søskendeflokke, der ikke holdes samlet (kræver et sted med så mange ledige pladser):"
        } else {
            "Sibling groups not kept together (each needs a site with that many free places):"
        },
        view.sibling_groups_apart
            .iter()
            .map(|group| match lang {
                Lang::Da => format!(
                    "{} børn, Region {} ({} anbragt)",
                    group.size, group.region, group.placed
                ),
                Lang::En => format!(
                    "{} children, Region {} ({} placed)",
                    group.size, group.region, group.placed
                ),
            })
            .collect(),
    );
    section(
        &mut out,
        if da {
            "Børn under politikkens alder anbragt uden for plejefamilie, efter hjemregion:"
        } else {
            "Children under the policy age placed outside a foster family, by home region:"
        },
        regions(&view.young_outside_family_by_region),
    );
    section(
        &mut out,
        if da {
            "Kompetencer, der oftest mangler hos anbragte børns steder:"
        } else {
            "Competences most often missing at placed children's sites:"
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
            gain_text(&gain, Lang::Da),
            "1 barn mere får et anbringelsessted, 2 søskendeflokke mere holdes samlet, samlet score +0,412 point"
        );
        assert_eq!(
            gain_text(&gain, Lang::En),
            "1 more child placed, 2 more sibling groups kept together, total score +0.412 points"
        );
        let loss = TiersJson {
            placed: 0,
            groups_together: 0,
            network_family: 0,
            family_care: 0,
            total_score: -0.5,
        };
        assert_eq!(gain_text(&loss, Lang::Da), "samlet score −0,500 point");
    }
}
