//! Explanations as data: what each element found, as stable codes and figures.
//!
//! An element writes its findings into an [`Evidence`] sink. The fast path passes
//! [`NoEvidence`], which discards everything and compiles away; the explaining path passes an
//! [`Explanation`], which keeps every reason and factor. Both run the same code, so a score
//! and its explanation cannot disagree. Text for the codes is made at the edge (`render`).

use std::fmt;

use crate::model::{ChildId, LanguageCode};

/// The one list of matching elements, in the fixed order of PRODUCT.md section 3 (also the
/// order of output columns and explanation sections). Each line names the [`ElementId`]
/// variant, its stable key (weights, CSV columns, JSON), the module under `src/elements/`
/// whose type of the same name judges it, and its default weight.
///
/// Adding an element is: its file under `src/elements/`, one line here, and its texts in
/// `render/` (its name, and one entry per reason code); the compiler points at every text
/// that is missing.
macro_rules! element_list {
    ($callback:ident) => {
        $callback! {
            /// Behov og kompetencer.
            Needs = "needs" in needs, weight 0.25;
            /// Nære og stabile voksenrelationer.
            Stability = "stability" in stability, weight 0.15;
            /// Netværk og forældresamarbejde.
            Network = "network" in network, weight 0.15;
            /// Søskende.
            Siblings = "siblings" in siblings, weight 0.10;
            /// Skolegang og hverdagsliv.
            School = "school" in school, weight 0.15;
            /// Barnets perspektiv og ønsker.
            Wishes = "wishes" in wishes, weight 0.10;
            /// Rammer, kvalitet og kapacitet.
            Setting = "setting" in setting, weight 0.10;
        }
    };
}
pub(crate) use element_list;

macro_rules! element_id {
    ($( $(#[$doc:meta])* $variant:ident = $key:literal in $module:ident, weight $weight:literal; )+) => {
        crate::model::vocab::vocabulary! {
            /// The matching elements, in the fixed order of `element_list!` (in `explain.rs`). `ALL`, `COUNT`,
            /// `index` and `as_str` (the stable key) come with the vocabulary.
            ElementId as "element" {
                $( $(#[$doc])* $variant = $key ),+
            }
        }

        impl ElementId {
            /// The default weight of each element, before normalization.
            pub(crate) const DEFAULT_WEIGHTS: ElementMap<f64> = ElementMap([$($weight),+]);
        }
    };
}
element_list!(element_id);

impl ElementId {
    /// The element with this key.
    pub fn from_key(key: &str) -> Option<Self> {
        <Self as crate::model::Vocabulary>::from_code(key)
    }
}

/// One value per matching element, indexed by [`ElementId`], in the fixed order: weights,
/// verdicts, scores, gate counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct ElementMap<T>(pub [T; ElementId::COUNT]);

impl<T> ElementMap<T> {
    /// The value of each element from `value`.
    pub fn from_fn(mut value: impl FnMut(ElementId) -> T) -> Self {
        ElementMap(ElementId::ALL.map(&mut value))
    }

    /// The elements with their values, in order.
    pub fn iter(&self) -> impl Iterator<Item = (ElementId, &T)> {
        ElementId::ALL.into_iter().zip(&self.0)
    }

    /// The values, in element order.
    pub fn values(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }

    /// The values, mutable, in element order.
    pub fn values_mut(&mut self) -> std::slice::IterMut<'_, T> {
        self.0.iter_mut()
    }

    /// Each value transformed.
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> ElementMap<U> {
        ElementMap(self.0.map(f))
    }

    /// The values by reference.
    pub fn each_ref(&self) -> ElementMap<&T> {
        ElementMap(self.0.each_ref())
    }
}

impl<T> IntoIterator for ElementMap<T> {
    type Item = T;
    type IntoIter = std::array::IntoIter<T, { ElementId::COUNT }>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<T> std::ops::Index<ElementId> for ElementMap<T> {
    type Output = T;
    fn index(&self, element: ElementId) -> &T {
        &self.0[element.index()]
    }
}

impl<T> std::ops::IndexMut<ElementId> for ElementMap<T> {
    fn index_mut(&mut self, element: ElementId) -> &mut T {
        &mut self.0[element.index()]
    }
}

/// A stable reason code, `element.code`, e.g. `siblings.split_required`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ReasonCode(pub &'static str);

impl ReasonCode {
    /// The code text.
    pub fn as_str(self) -> &'static str {
        self.0
    }
}

impl fmt::Display for ReasonCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// Whether a failed gate could be put right before a placement, which decides whether the
/// site is listed as a near miss (PRODUCT.md section 4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GateClass {
    /// Can be put right by agreement with the site: a free place, a competence (supervision,
    /// training), an age a year outside the range, a purpose the site does not list.
    Fixable,
    /// Never "almost" met: a security level, another child's network family, a `must_not`
    /// item, a sex restriction, a missing approval.
    Decisive,
}

/// A hard rule of an element: its code and whether it can be put right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Gate {
    /// The stable code of the gate.
    pub code: ReasonCode,
    /// Fixable or decisive.
    pub class: GateClass,
}

impl Gate {
    /// A gate that agreement with the site can put right.
    pub const fn fixable(code: ReasonCode) -> Self {
        Gate {
            code,
            class: GateClass::Fixable,
        }
    }

    /// A gate that is never "almost" met.
    pub const fn decisive(code: ReasonCode) -> Self {
        Gate {
            code,
            class: GateClass::Decisive,
        }
    }
}

/// The bits of a gate list whose gates are decisive.
pub const fn decisive_mask(gates: &[Gate]) -> u8 {
    let mut mask = 0u8;
    let mut idx = 0;
    while idx < gates.len() {
        if matches!(gates[idx].class, GateClass::Decisive) {
            mask |= 1 << idx;
        }
        idx += 1;
    }
    mask
}

/// What kind of finding a reason is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ReasonKind {
    /// A hard rule failed: the site is excluded for this child.
    Gate,
    /// A legal default is not met: allowed, but the decision needs a documented reason.
    Flag,
    /// A need of the child the site does not cover.
    Gap,
    /// Anything else worth saying.
    Note,
}

/// The value a code is about, e.g. the need in `needs.uncovered:autism`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Detail {
    /// No detail.
    None,
    /// A vocabulary code (need, feature, purpose, wish).
    Code(&'static str),
    /// A language.
    Language(LanguageCode),
    /// A site ID (a site where siblings already live).
    Site(crate::model::SiteId),
    /// A sibling (by pseudonym) and the first gate that excludes the sibling from the site.
    Sibling(ChildId, ReasonCode),
    /// The needs a finding is about (e.g. the needs the site's competences cover).
    Needs(crate::model::Set<crate::model::Need>),
    /// A whole number (e.g. the policy age).
    Number(u32),
}

/// One finding: a code, its kind and what it is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Reason {
    /// Stable code.
    pub code: ReasonCode,
    /// Gate, flag, gap or note.
    pub kind: ReasonKind,
    /// What it is about.
    pub detail: Detail,
}

impl Reason {
    /// `code` or `code:detail`, the form used in JSON and CSV.
    pub fn key(&self) -> String {
        match &self.detail {
            Detail::None => self.code.0.to_string(),
            Detail::Code(detail) => format!("{}:{detail}", self.code.0),
            Detail::Language(language) => format!("{}:{language}", self.code.0),
            Detail::Site(site) => format!("{}:{site}", self.code.0),
            Detail::Sibling(sibling, _) => format!("{}:{sibling}", self.code.0),
            // The covered needs are named in the text; the key stays `needs.all_covered`, as
            // scripts match it.
            Detail::Needs(_) => self.code.0.to_string(),
            Detail::Number(number) => format!("{}:{number}", self.code.0),
        }
    }
}

/// A figure behind a score, with a stable name and unit in the name (`travel_minutes`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Factor {
    /// Stable name.
    pub name: &'static str,
    /// The value.
    pub value: FactorValue,
}

/// The value of a factor.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FactorValue {
    /// A number.
    Number(f64),
    /// The input was missing.
    Missing,
}

impl From<Option<f64>> for FactorValue {
    fn from(value: Option<f64>) -> Self {
        value.map_or(FactorValue::Missing, FactorValue::Number)
    }
}

/// Where an element records its findings.
pub trait Evidence {
    /// Records a finding.
    fn reason(&mut self, reason: Reason);
    /// Records a figure.
    fn factor(&mut self, name: &'static str, value: FactorValue);
    /// Whether findings are kept: an element may skip work that only feeds the explanation
    /// (the score never depends on it).
    fn records(&self) -> bool {
        true
    }
    /// Whether only the gates matter: an element may stop as soon as one has failed and
    /// return [`Verdict::excluded`], whose score means nothing. Only [`Screening`] says yes.
    fn stops_at_gate(&self) -> bool {
        false
    }
}

/// Discards all evidence and wants only to know whether a pair is excluded: the batch path,
/// which drops excluded pairs unseen.
#[derive(Debug, Default, Clone, Copy)]
pub struct Screening;

impl Evidence for Screening {
    #[inline(always)]
    fn reason(&mut self, _reason: Reason) {}
    #[inline(always)]
    fn factor(&mut self, _name: &'static str, _value: FactorValue) {}
    #[inline(always)]
    fn records(&self) -> bool {
        false
    }
    #[inline(always)]
    fn stops_at_gate(&self) -> bool {
        true
    }
}

/// Discards all evidence: the fast scoring path.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoEvidence;

impl Evidence for NoEvidence {
    #[inline(always)]
    fn reason(&mut self, _reason: Reason) {}
    #[inline(always)]
    fn factor(&mut self, _name: &'static str, _value: FactorValue) {}
    #[inline(always)]
    fn records(&self) -> bool {
        false
    }
}

/// What one element concluded about one pair: excluded (some gates failed) or a score.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Verdict {
    /// Failed gates, as bits over the element's `GATES` list; 0 when eligible.
    pub gates: u8,
    /// Score in [0, 1]; meaningless when excluded.
    pub score: f64,
    /// How complete the inputs were, in [0, 1].
    pub confidence: f64,
}

impl Verdict {
    /// A verdict with these failed gates and no score: what an element returns early under
    /// [`Screening`].
    pub fn excluded(gates: u8) -> Verdict {
        Verdict {
            gates,
            score: 0.0,
            confidence: 0.0,
        }
    }

    /// Whether any gate failed.
    pub fn is_excluded(&self) -> bool {
        self.gates != 0
    }
}

/// Outcome of one element for one pair.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Outcome {
    /// One or more hard rules failed.
    Excluded,
    /// A score in [0, 1].
    Scored(f64),
}

/// Everything one element found about one pair, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    /// Which element.
    pub element: ElementId,
    /// Excluded or scored.
    pub outcome: Outcome,
    /// How complete the inputs were, in [0, 1].
    pub confidence: f64,
    /// Findings: gates, flags, gaps and notes.
    pub reasons: Vec<Reason>,
    /// Figures behind the findings.
    pub factors: Vec<Factor>,
}

impl Explanation {
    /// An empty explanation to be filled by an element.
    pub fn new(element: ElementId) -> Self {
        Explanation {
            element,
            outcome: Outcome::Scored(0.0),
            confidence: 1.0,
            reasons: Vec::new(),
            factors: Vec::new(),
        }
    }

    /// Sets the outcome from the element's verdict.
    pub fn conclude(mut self, verdict: Verdict) -> Self {
        self.outcome = if verdict.is_excluded() {
            Outcome::Excluded
        } else {
            Outcome::Scored(verdict.score)
        };
        self.confidence = verdict.confidence;
        self
    }

    /// The score, `None` when excluded.
    pub fn score(&self) -> Option<f64> {
        match self.outcome {
            Outcome::Scored(score) => Some(score),
            Outcome::Excluded => None,
        }
    }

    /// The findings of one kind.
    pub fn of_kind(&self, kind: ReasonKind) -> impl Iterator<Item = &Reason> {
        self.reasons
            .iter()
            .filter(move |reason| reason.kind == kind)
    }
}

impl Evidence for Explanation {
    fn reason(&mut self, reason: Reason) {
        self.reasons.push(reason);
    }
    fn factor(&mut self, name: &'static str, value: FactorValue) {
        self.factors.push(Factor { name, value });
    }
}

/// Helpers elements use to record findings tersely.
pub trait EvidenceExt: Evidence {
    /// A note without detail.
    fn note(&mut self, code: ReasonCode) {
        self.reason(Reason {
            code,
            kind: ReasonKind::Note,
            detail: Detail::None,
        });
    }
    /// A finding of a kind with a detail.
    fn finding(&mut self, kind: ReasonKind, code: ReasonCode, detail: Detail) {
        self.reason(Reason { code, kind, detail });
    }
    /// A numeric factor.
    fn number(&mut self, name: &'static str, value: f64) {
        self.factor(name, FactorValue::Number(value));
    }
}

impl<E: Evidence + ?Sized> EvidenceExt for E {}

/// Confidence lost for each missing input, unless an element says otherwise.
pub const MISSING_PENALTY: f64 = 0.2;

/// The neutral score for an input that is missing (PRODUCT.md section 3).
pub const NEUTRAL: f64 = 0.5;
