//! The shortlist as data (PRODUCT.md section 9): the JSON output, and the view the table and
//! HTML renderers read, so that every format says the same thing.

use std::collections::BTreeMap;

use serde::Serialize;

use super::catalog::{Wording, fix_text};
use super::{Lang, round6, site_type_name};
use crate::explain::{Detail, ElementId, ElementMap, Explanation, FactorValue, Reason};
use crate::model::{Dataset, Need, Site, Vocabulary};
use crate::score::Weights;
use crate::shortlist::{NetworkFamily, Shortlist};

/// The weights, one key per element in the fixed order.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct WeightsJson(ByElement<f64>);

impl WeightsJson {
    /// The weight of one element.
    pub fn get(&self, element: ElementId) -> f64 {
        self.0.0[element]
    }
}

impl From<&Weights> for WeightsJson {
    fn from(weights: &Weights) -> Self {
        WeightsJson(ByElement(weights.as_map().map(round6)))
    }
}

/// One value per element, written as a JSON object with the elements' keys in the fixed
/// order.
#[derive(Debug, Clone)]
pub struct ByElement<T>(pub ElementMap<T>);

impl<T: Serialize> Serialize for ByElement<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(ElementId::COUNT))?;
        for (element, value) in self.0.iter() {
            map.serialize_entry(element.as_str(), value)?;
        }
        map.end()
    }
}

/// The OpenAPI schema of an object with one required property per element, each `value`.
#[cfg(feature = "server")]
fn by_element_schema(
    value: impl Fn() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>,
) -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
    let mut object = utoipa::openapi::ObjectBuilder::new();
    for element in ElementId::ALL {
        object = object
            .property(element.as_str(), value())
            .required(element.as_str());
    }
    object.into()
}

#[cfg(feature = "server")]
impl utoipa::PartialSchema for WeightsJson {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        by_element_schema(|| {
            utoipa::openapi::ObjectBuilder::new()
                .schema_type(utoipa::openapi::schema::Type::Number)
                .into()
        })
    }
}

#[cfg(feature = "server")]
impl utoipa::ToSchema for WeightsJson {}

/// One element's judgement of a pair.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ElementJson {
    /// Score in [0, 1].
    pub score: f64,
    /// Confidence in [0, 1].
    pub confidence: f64,
    /// Reason keys, `element.code` or `element.code:detail`.
    pub reasons: Vec<String>,
    /// The reasons in words, in the requested language.
    pub texts: Vec<String>,
    /// The reasons with their words and, where one applies, their legal basis.
    pub reason_details: Vec<ReasonJson>,
    /// Figures behind the score; `null` when the input was missing.
    pub factors: BTreeMap<&'static str, Option<f64>>,
}

/// Every element's judgement of a pair, one key per element in the fixed order.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct ElementsJson(pub ByElement<ElementJson>);

impl ElementsJson {
    /// The elements in order, with their judgements.
    pub fn iter(&self) -> impl Iterator<Item = (ElementId, &ElementJson)> {
        self.0.0.iter()
    }
}

#[cfg(feature = "server")]
impl utoipa::PartialSchema for ElementsJson {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        by_element_schema(|| utoipa::openapi::Ref::from_schema_name("ElementJson").into())
    }
}

#[cfg(feature = "server")]
impl utoipa::ToSchema for ElementsJson {
    fn schemas(
        schemas: &mut Vec<(
            String,
            utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>,
        )>,
    ) {
        use utoipa::PartialSchema;
        schemas.push(("ElementJson".into(), ElementJson::schema()));
        <ElementJson as utoipa::ToSchema>::schemas(schemas);
    }
}

/// One reason with its words and legal basis.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ReasonJson {
    /// The reason key.
    pub code: String,
    /// In words.
    pub text: String,
    /// The paragraph it rests on, as a justification cites it, if any.
    pub law: Option<&'static str>,
}

/// The municipality's local policy used for the ranking.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PolicyJson {
    /// Children under this age have foster families that meet every condition ranked first
    /// (0: no such policy).
    pub family_care_under: u8,
    /// From this age the child's wishes count in the total.
    pub wishes_from: u8,
    /// From this age the child's wishes have their full weight.
    pub wishes_full_from: u8,
    /// The follow-ups a placement gets, counted from the decision (`14_days`, `3_months`, …).
    pub followups: Vec<String>,
}

impl PolicyJson {
    /// The policy echoed (back from its JSON).
    pub fn policy(&self) -> crate::score::Policy {
        let milestones: Vec<crate::score::Milestone> = self
            .followups
            .iter()
            .filter_map(|code| crate::score::Milestone::parse(code))
            .collect();
        crate::score::Policy {
            family_care_under: self.family_care_under,
            wishes_from: self.wishes_from,
            wishes_full_from: self.wishes_full_from,
            followups: crate::score::FollowupPlan::new(&milestones).unwrap_or_default(),
        }
    }
}

impl From<&crate::score::Policy> for PolicyJson {
    fn from(policy: &crate::score::Policy) -> Self {
        PolicyJson {
            family_care_under: policy.family_care_under,
            wishes_from: policy.wishes_from,
            wishes_full_from: policy.wishes_full_from,
            followups: policy
                .followups
                .as_slice()
                .iter()
                .map(|milestone| milestone.code())
                .collect(),
        }
    }
}

/// A flag with its legal paragraph and text.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct FlagJson {
    /// The flag key.
    pub code: String,
    /// The paragraph behind it (barnets lov or plejefamiliebekendtgørelsen), or words saying
    /// it is the municipality's own policy.
    pub law: Option<&'static str>,
    /// Whether it rests on the municipality's policy rather than the law.
    pub policy: bool,
    /// In words.
    pub text: String,
}

/// Something the site lacks or has not recorded: a need it does not cover (with the levels
/// and what would close the gap), or data to confirm with the site.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct GapJson {
    /// The gap key, `needs.uncovered:<need>`.
    pub code: String,
    /// The need.
    pub need: Option<&'static str>,
    /// The child's severity, 1–3.
    pub required_level: u8,
    /// The site's competence level, 0–3.
    pub site_level: u8,
    /// The gap and the support that would close it, in words.
    pub text: String,
}

/// One eligible site on the shortlist.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct EligibleJson {
    /// 1-based rank.
    pub rank: usize,
    /// Site ID.
    pub site_id: String,
    /// Site name.
    pub site_name: String,
    /// Site type code.
    pub site_type: &'static str,
    /// Site type in words.
    pub site_type_text: &'static str,
    /// Municipality code.
    pub municipality: String,
    /// Municipality name.
    pub municipality_name: String,
    /// Weighted total.
    pub total: f64,
    /// Weighted confidence.
    pub confidence: f64,
    /// Last update of the site's profile.
    pub updated: Option<String>,
    /// The seven elements.
    pub elements: ElementsJson,
    /// Flag keys.
    pub flags: Vec<String>,
    /// Gap keys.
    pub gaps: Vec<String>,
    /// Flags with law and text.
    pub flag_details: Vec<FlagJson>,
    /// Gaps with levels and text.
    pub gap_details: Vec<GapJson>,
    /// Gaps the conditions agreed with the site cover (with `--cases`): left out of `gaps`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub covered_gaps: Vec<GapJson>,
    /// What the site answered when asked to take the child (with `--cases`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inquiry: Option<super::InquiryJson>,
}

/// A site excluded by one gate only.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct NearMissJson {
    /// Site ID.
    pub site_id: String,
    /// The gate key.
    pub gate: String,
    /// The gate in words.
    pub text: String,
    /// What would put it right.
    pub fix: Option<String>,
    /// The total without the gate.
    pub total_without_gate: f64,
}

/// An excluded site and its gates.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ExcludedJson {
    /// Site ID.
    pub site_id: String,
    /// Gate keys.
    pub gates: Vec<String>,
    /// The gates in words.
    pub texts: Vec<String>,
    /// Last update of the site's profile.
    pub updated: Option<String>,
}

/// The child's network family and where it stands.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct NetworkFamilyJson {
    /// Site ID.
    pub site_id: String,
    /// `eligible` or `excluded`.
    pub status: &'static str,
    /// Gate keys when excluded.
    pub gates: Vec<String>,
    /// The gates in words.
    pub texts: Vec<String>,
}

/// An element's key and its name in words.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ElementNameJson {
    /// The key, as in `elements`.
    pub key: &'static str,
    /// The name in the requested language.
    pub name: &'static str,
}

/// How many sites one rule excluded.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct GateCountJson {
    /// The gate key.
    pub gate: String,
    /// Sites it excluded.
    pub count: usize,
    /// The rule in words.
    pub text: String,
}

/// The whole shortlist.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ShortlistJson {
    /// The child's pseudonym.
    pub child_id: String,
    /// The child's situation, labelled, in the requested language.
    pub child: super::ChildPanelJson,
    /// Where the child's home and the shown sites are, in the map's projection (the frame is
    /// `GET /api/map`).
    pub map: ShortlistMapJson,
    /// Reference date.
    pub as_of: String,
    /// Language of the texts.
    pub lang: &'static str,
    /// placematch version.
    pub engine_version: &'static str,
    /// Normalized weights.
    pub weights: WeightsJson,
    /// The municipality's local policy used for the ranking.
    pub policy: PolicyJson,
    /// The seven elements' keys and names in the requested language, in the fixed order.
    pub element_names: Vec<ElementNameJson>,
    /// Eligible sites in all.
    pub eligible_count: usize,
    /// Excluded sites in all.
    pub excluded_count: usize,
    /// Near misses in all.
    pub near_miss_count: usize,
    /// The child's network family, if any.
    pub network_family: Option<NetworkFamilyJson>,
    /// The top K eligible sites.
    pub eligible: Vec<EligibleJson>,
    /// The best near misses.
    pub near_misses: Vec<NearMissJson>,
    /// Excluded sites per gate.
    pub excluded_counts: BTreeMap<String, usize>,
    /// The same counts, most frequent first, with the rule in words.
    pub excluded_by_gate: Vec<GateCountJson>,
    /// Every excluded site, with `--explain-excluded`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub excluded: Option<Vec<ExcludedJson>>,
    /// Eligible sites that declined to take the child (with `--cases`): left out of the
    /// ranking.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub declined: Vec<super::InquiryJson>,
    /// Whether the child's view was sought (with `--cases`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub child_conversation: Option<super::ConversationJson>,
    /// The child's and the parents' views and the consents (with `--cases`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub child_views: Option<super::ViewsJson>,
}

fn element_json(explanation: &Explanation, wording: Wording) -> ElementJson {
    ElementJson {
        score: round6(explanation.score().unwrap_or(0.0)),
        confidence: round6(explanation.confidence),
        reasons: explanation.reasons.iter().map(Reason::key).collect(),
        texts: explanation
            .reasons
            .iter()
            .map(|reason| wording.reason(reason))
            .collect(),
        reason_details: explanation
            .reasons
            .iter()
            .map(|reason| ReasonJson {
                code: reason.key(),
                text: wording.reason(reason),
                law: wording.law(reason.code.as_str()),
            })
            .collect(),
        factors: explanation
            .factors
            .iter()
            .map(|factor| {
                let value = match factor.value {
                    FactorValue::Number(number) => Some(round6(number)),
                    FactorValue::Missing => None,
                };
                (factor.name, value)
            })
            .collect(),
    }
}

/// A flag with its legal basis and words, as the shortlist and the assignment show it.
pub(crate) fn flag_json(flag: &Reason, wording: Wording) -> FlagJson {
    FlagJson {
        code: flag.key(),
        law: wording.law(flag.code.as_str()),
        policy: super::catalog::is_policy(flag.code.as_str()),
        text: wording.reason(flag),
    }
}

fn gap_json(
    gap: &Reason,
    child_needs: &crate::model::Levels<Need>,
    site: &Site,
    wording: Wording,
) -> GapJson {
    let lang = wording.lang;
    let need = match gap.detail {
        Detail::Code(code) if gap.code.as_str() == "needs.uncovered" => Need::from_code(code),
        _ => None,
    };
    let required_level = need.and_then(|need| child_needs.get(need)).unwrap_or(0);
    let site_level = need
        .and_then(|need| site.competences.get(need))
        .unwrap_or(0);
    if let (Some(need), 0) = (need, site_level) {
        let need_words = super::catalog::detail_text(&Detail::Code(need.as_str()), lang);
        let text = match lang {
            Lang::En => format!(
                "The site has no competence within {need_words}, where the child's need is at level {required_level}. The gap could be closed with supervision, training or external specialist support, agreed with the site before the placement"
            ),
            Lang::Da => format!(
                "Stedet har ingen kompetence inden for {need_words}, hvor barnets behov er på niveau {required_level}. Manglen kan eventuelt afhjælpes med supervision, efteruddannelse eller ekstern specialiststøtte; aftales med stedet før anbringelsen"
            ),
        };
        return GapJson {
            code: gap.key(),
            need: Some(need.as_str()),
            required_level,
            site_level,
            text: wording.adapt(text),
        };
    }
    let closing = match (need, lang) {
        (None, _) => String::new(),
        (Some(_), Lang::En) => format!(
            " (the child needs level {required_level}, the site has level {site_level}). The gap could be closed with supervision, training or external specialist support, agreed with the site before the placement"
        ),
        (Some(_), Lang::Da) => format!(
            " (barnet har brug for niveau {required_level}, stedet har niveau {site_level}). Manglen kan eventuelt afhjælpes med supervision, efteruddannelse eller ekstern specialiststøtte; aftales med stedet før anbringelsen"
        ),
    };
    GapJson {
        code: gap.key(),
        need: need.map(Need::as_str),
        required_level,
        site_level,
        text: wording.adapt(format!("{}{closing}", wording.reason(gap))),
    }
}

fn municipality_name(dataset: &Dataset, site: &Site) -> String {
    dataset
        .municipality(site.municipality)
        .map_or_else(String::new, |municipality| municipality.name.clone())
}

/// A place on the map.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct MapPlaceJson {
    /// What is there: `home`, or a site's ID.
    pub id: String,
    /// The municipality's name.
    pub name: String,
    /// Projected position (see `render::map_frame`).
    pub x: f64,
    /// Projected position.
    pub y: f64,
}

/// The child's home and the shown sites on the map.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ShortlistMapJson {
    /// The child's home municipality.
    pub home: Option<MapPlaceJson>,
    /// The eligible sites shown, in rank order.
    pub sites: Vec<MapPlaceJson>,
}

fn place(
    dataset: &Dataset,
    id: String,
    code: crate::model::MunicipalityCode,
) -> Option<MapPlaceJson> {
    let municipality = dataset.municipality(code)?;
    let (x, y) = super::recruit::project(municipality.lon, municipality.lat);
    Some(MapPlaceJson {
        id,
        name: municipality.name.clone(),
        x,
        y,
    })
}

/// Builds the data view of a shortlist.
pub fn shortlist_json(shortlist: &Shortlist<'_>, dataset: &Dataset, lang: Lang) -> ShortlistJson {
    let wording = Wording::new(lang, shortlist.child.age);
    let keys = |reasons: &[Reason]| reasons.iter().map(Reason::key).collect::<Vec<_>>();
    let texts = |reasons: &[Reason]| {
        reasons
            .iter()
            .map(|r| wording.reason(r))
            .collect::<Vec<_>>()
    };
    let eligible = shortlist
        .eligible
        .iter()
        .map(|ranked| {
            let elements = ElementMap::from_fn(|element| {
                element_json(&ranked.explanations[element.index()], wording)
            });
            EligibleJson {
                rank: ranked.rank,
                site_id: ranked.site.id.to_string(),
                site_name: ranked.site.name.clone(),
                site_type: ranked.site.site_type.as_str(),
                site_type_text: site_type_name(ranked.site.site_type, lang),
                municipality: ranked.site.municipality.to_string(),
                municipality_name: municipality_name(dataset, ranked.site),
                total: round6(ranked.total),
                confidence: round6(ranked.confidence),
                updated: ranked.site.updated.map(|date| date.to_string()),
                elements: ElementsJson(ByElement(elements)),
                flags: keys(&ranked.flags),
                gaps: keys(&ranked.gaps),
                flag_details: ranked
                    .flags
                    .iter()
                    .map(|flag| flag_json(flag, wording))
                    .collect(),
                gap_details: ranked
                    .gaps
                    .iter()
                    .map(|gap| gap_json(gap, &shortlist.child.needs, ranked.site, wording))
                    .collect(),
                covered_gaps: Vec::new(),
                inquiry: None,
            }
        })
        .collect();
    let network_family = match &shortlist.network_family {
        NetworkFamily::None => None,
        NetworkFamily::Eligible(site) => Some(NetworkFamilyJson {
            site_id: site.id.to_string(),
            status: "eligible",
            gates: Vec::new(),
            texts: Vec::new(),
        }),
        NetworkFamily::Excluded(site, gates) => Some(NetworkFamilyJson {
            site_id: site.id.to_string(),
            status: "excluded",
            gates: keys(gates),
            texts: texts(gates),
        }),
    };
    ShortlistJson {
        child_id: shortlist.child.id.to_string(),
        child: super::child_panel(shortlist.child, dataset, lang),
        map: ShortlistMapJson {
            home: place(dataset, "home".to_string(), shortlist.child.municipality),
            sites: shortlist
                .eligible
                .iter()
                .filter_map(|ranked| {
                    place(
                        dataset,
                        ranked.site.id.to_string(),
                        ranked.site.municipality,
                    )
                })
                .collect(),
        },
        as_of: shortlist.as_of.to_string(),
        lang: lang.as_str(),
        engine_version: env!("CARGO_PKG_VERSION"),
        weights: WeightsJson::from(&shortlist.weights),
        policy: PolicyJson::from(&shortlist.policy),
        element_names: crate::explain::ElementId::ALL
            .iter()
            .map(|element| ElementNameJson {
                key: element.as_str(),
                name: super::element_name(*element, lang),
            })
            .collect(),
        eligible_count: shortlist.eligible_count,
        excluded_count: shortlist.excluded_count,
        near_miss_count: shortlist.near_miss_count,
        network_family,
        eligible,
        near_misses: shortlist
            .near_misses
            .iter()
            .map(|near| NearMissJson {
                site_id: near.site.id.to_string(),
                gate: near.gate.key(),
                text: wording.reason(&near.gate),
                fix: fix_text(near.gate.code.as_str(), lang)
                    .map(|fix| wording.adapt(fix.to_string())),
                total_without_gate: round6(near.total_without_gate),
            })
            .collect(),
        excluded_counts: shortlist
            .excluded_counts
            .iter()
            .map(|(code, count)| (code.to_string(), *count))
            .collect(),
        excluded_by_gate: {
            let mut counts: Vec<GateCountJson> = shortlist
                .excluded_counts
                .iter()
                .map(|(code, count)| GateCountJson {
                    gate: code.to_string(),
                    count: *count,
                    text: super::catalog::summary_text(code.as_str(), lang),
                })
                .collect();
            counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.gate.cmp(&b.gate)));
            counts
        },
        excluded: shortlist.excluded.as_ref().map(|excluded| {
            excluded
                .iter()
                .map(|site| ExcludedJson {
                    site_id: site.site.id.to_string(),
                    gates: keys(&site.gates),
                    texts: texts(&site.gates),
                    updated: site.site.updated.map(|date| date.to_string()),
                })
                .collect()
        }),
        declined: Vec::new(),
        child_conversation: None,
        child_views: None,
    }
}
