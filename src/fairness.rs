//! Aggregate fairness figures (PRODUCT.md section 11): for the children in a report (those
//! with a recorded decision, or a scenario's assignment), by region, age band and sex:
//! children placed, sibling groups split, median travel minutes to home and to school,
//! school changes, family vs institutional share, and decisions that overrode the
//! top-ranked site. Cells with fewer than [`MIN_CELL`] children are suppressed.
//!
//! Pure: the caller supplies each child's outcome.

use std::collections::{BTreeMap, BTreeSet};

use crate::context::ScoringContext;
use crate::model::{Child, Dataset};
use crate::optimize::PlacedFigures;

/// The group a child belongs to in one dimension.
type GroupKey<'a> = &'a dyn Fn(&Child) -> String;

/// Smallest number of children a cell must have to be shown.
pub const MIN_CELL: usize = 5;

/// What happened to one child in the report.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Outcome {
    /// Index of the site in the dataset, or `None` when the child was not placed.
    pub site: Option<usize>,
    /// Whether the decision overrode the top-ranked eligible site (`None` for a scenario).
    pub overrode_top: Option<bool>,
}

/// The figures of one cell.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Figures {
    /// Children placed.
    pub placed: usize,
    /// Sibling groups with a member in the cell whose members went to more than one site.
    pub sibling_groups_split: usize,
    /// Median minutes from home to site.
    pub median_minutes_home: Option<f64>,
    /// Median minutes from school to site.
    pub median_minutes_school: Option<f64>,
    /// School-age children placed more than 45 minutes from school.
    pub school_changes: usize,
    /// Share of placed children in family care.
    pub family_share: Option<f64>,
    /// Share of placed children elsewhere.
    pub institutional_share: Option<f64>,
    /// Decisions that chose another site than the top-ranked one (`None` for a scenario).
    pub overrode_top: Option<usize>,
}

/// One group of one dimension.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// The group: a region name, an age band such as `6-11`, or a sex code.
    pub group: String,
    /// Children in the cell, `None` when suppressed.
    pub children: Option<usize>,
    /// The figures, `None` when suppressed.
    pub figures: Option<Figures>,
    /// Suppressed although it has [`MIN_CELL`] children or more, so that a small cell of the
    /// same dimension cannot be worked out as the total minus the published cells.
    pub complementary: bool,
}

impl Cell {
    /// Whether the cell is suppressed (fewer than [`MIN_CELL`] children, or complementary).
    pub fn suppressed(&self) -> bool {
        self.figures.is_none()
    }
}

/// Complementary suppression within one dimension: its cells partition the children of the
/// `all` cell, whose figures are published, so the suppressed cells together are the total
/// minus the others. While they hold fewer than [`MIN_CELL`] children together (one small
/// cell alone, or two small ones such as "not recorded" and "other"), the smallest published
/// cell is suppressed too; then neither a suppressed cell nor a group of fewer than
/// [`MIN_CELL`] children can be worked out. `sizes` are the cells' true sizes.
fn protect(cells: &mut [Cell], sizes: &[usize]) {
    let mut hidden: Vec<bool> = cells.iter().map(Cell::suppressed).collect();
    let before = hidden.clone();
    protect_sizes(sizes, &mut hidden);
    for ((cell, &now), &was) in cells.iter_mut().zip(&hidden).zip(&before) {
        if now && !was {
            cell.children = None;
            cell.figures = None;
            cell.complementary = true;
        }
    }
}

/// Complementary suppression on sizes alone (see [`protect`]): `hidden` marks the suppressed
/// cells and gains the smallest shown ones until the hidden cells hold at least [`MIN_CELL`]
/// together (or none is hidden).
pub(crate) fn protect_sizes(sizes: &[usize], hidden: &mut [bool]) {
    loop {
        let total: usize = sizes
            .iter()
            .zip(hidden.iter())
            .filter(|(_, hide)| **hide)
            .map(|(&size, _)| size)
            .sum();
        // Hidden cells that hold no one reveal no one.
        if total == 0 || total >= MIN_CELL {
            return;
        }
        let smallest = sizes
            .iter()
            .enumerate()
            .filter(|(idx, _)| !hidden[*idx])
            .min_by_key(|(idx, size)| (**size, *idx))
            .map(|(idx, _)| idx);
        let Some(idx) = smallest else { return };
        hidden[idx] = true;
    }
}

/// One dimension: all children, region, age band or sex.
#[derive(Debug, Clone, PartialEq)]
pub struct Dimension {
    /// `all`, `region`, `age_band` or `sex`.
    pub name: &'static str,
    /// Its cells in a fixed order.
    pub cells: Vec<Cell>,
}

/// The whole report.
#[derive(Debug, Clone, PartialEq)]
pub struct Fairness {
    /// Children in the report.
    pub children: usize,
    /// The dimensions, `all` first.
    pub dimensions: Vec<Dimension>,
}

/// The age band of an age: `0-5`, `6-11`, `12-17` or `18-22`.
pub fn age_band(age: u8) -> &'static str {
    match age {
        0..=5 => "0-5",
        6..=11 => "6-11",
        12..=17 => "12-17",
        _ => "18-22",
    }
}

/// Sibling groups (with two or more members in the report) whose members were placed at
/// more than one site, by group ID.
fn split_groups<'a>(children: &'a [Child], outcomes: &[Option<Outcome>]) -> BTreeSet<&'a str> {
    let mut sites: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
    for (child, outcome) in children.iter().zip(outcomes) {
        if let (
            Some(group),
            Some(Outcome {
                site: Some(site), ..
            }),
        ) = (&child.sibling_group, outcome)
        {
            sites.entry(group.as_str()).or_default().insert(*site);
        }
    }
    sites
        .into_iter()
        .filter(|(_, used)| used.len() > 1)
        .map(|(group, _)| group)
        .collect()
}

fn figures(
    dataset: &Dataset,
    batch: &ScoringContext<'_>,
    members: &[(usize, Outcome)],
    split: &BTreeSet<&str>,
) -> Figures {
    let children = dataset.children();
    let mut placed = PlacedFigures::default();
    let mut groups_split = BTreeSet::new();
    let mut overrides = None;
    for &(idx, outcome) in members {
        let child = &children[idx];
        if let Some(overrode) = outcome.overrode_top {
            *overrides.get_or_insert(0) += usize::from(overrode);
        }
        if let Some(group) = &child.sibling_group {
            if split.contains(group.as_str()) {
                groups_split.insert(group.as_str());
            }
        }
        if let Some(site) = outcome.site.and_then(|site| dataset.sites().get(site)) {
            placed.add(batch, child, site);
        }
    }
    let share = |count: usize| (placed.placed > 0).then(|| count as f64 / placed.placed as f64);
    Figures {
        placed: placed.placed,
        sibling_groups_split: groups_split.len(),
        median_minutes_home: placed.median_minutes_home(),
        median_minutes_school: placed.median_minutes_school(),
        school_changes: placed.school_changes,
        family_share: share(placed.family),
        institutional_share: share(placed.placed - placed.family),
        overrode_top: overrides,
    }
}

/// The fairness figures of the children with an outcome (`outcomes[i]` belongs to
/// `dataset.children()[i]`; `None` leaves the child out).
pub fn fairness(
    dataset: &Dataset,
    batch: &ScoringContext<'_>,
    outcomes: &[Option<Outcome>],
) -> Fairness {
    let children = dataset.children();
    let split = split_groups(children, outcomes);
    let members: Vec<(usize, Outcome)> = outcomes
        .iter()
        .take(children.len())
        .enumerate()
        .filter_map(|(idx, outcome)| outcome.map(|outcome| (idx, outcome)))
        .collect();
    let region = |child: &Child| {
        dataset
            .municipality(child.municipality)
            .map_or("unknown", |municipality| municipality.region.as_str())
            .to_string()
    };
    let sex = |child: &Child| child.sex.map_or("unknown", |sex| sex.as_str()).to_string();
    let band = |child: &Child| age_band(child.age).to_string();
    let keys: [(&'static str, GroupKey<'_>); 4] = [
        ("all", &|_: &Child| "all".to_string()),
        ("region", &region),
        ("age_band", &band),
        ("sex", &sex),
    ];
    let dimensions = keys
        .into_iter()
        .map(|(name, key)| {
            let mut cells: BTreeMap<String, Vec<(usize, Outcome)>> = BTreeMap::new();
            for &(idx, outcome) in &members {
                cells
                    .entry(key(&children[idx]))
                    .or_default()
                    .push((idx, outcome));
            }
            let mut cells: Vec<(String, Vec<(usize, Outcome)>)> = cells.into_iter().collect();
            if name == "age_band" {
                let order = ["0-5", "6-11", "12-17", "18-22"];
                cells.sort_by_key(|(group, _)| order.iter().position(|band| band == group));
            }
            let sizes: Vec<usize> = cells.iter().map(|(_, members)| members.len()).collect();
            let mut cells: Vec<Cell> = cells
                .into_iter()
                .map(|(group, members)| {
                    let shown = members.len() >= MIN_CELL;
                    Cell {
                        group,
                        children: shown.then_some(members.len()),
                        figures: shown.then(|| figures(dataset, batch, &members, &split)),
                        complementary: false,
                    }
                })
                .collect();
            if name != "all" {
                protect(&mut cells, &sizes);
            }
            Dimension { name, cells }
        })
        .collect();
    Fairness {
        children: members.len(),
        dimensions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::elements::testing::{AS_OF, FAR, HOME, child, geo, municipality, site};
    use crate::model::{ChildId, Sex, SiblingGroupId, SiteId, SiteType};

    /// Two small cells (2 and 2 children) are both suppressed, but together they are the
    /// total minus the others, 4 children: one more cell is withheld.
    #[test]
    fn small_cells_that_add_up_to_a_small_group_are_protected_too() {
        let protected = |sizes: &[usize]| {
            let mut cells: Vec<Cell> = sizes
                .iter()
                .enumerate()
                .map(|(idx, &size)| Cell {
                    group: idx.to_string(),
                    children: (size >= MIN_CELL).then_some(size),
                    figures: (size >= MIN_CELL).then(Figures::default),
                    complementary: false,
                })
                .collect();
            protect(&mut cells, sizes);
            cells.iter().map(Cell::suppressed).collect::<Vec<bool>>()
        };
        assert_eq!(protected(&[10, 12, 2, 2]), [true, false, true, true]);
        // Small cells that together hold enough children need no more.
        assert_eq!(protected(&[10, 12, 3, 4]), [false, false, true, true]);
        // One small cell alone: the smallest published cell goes too.
        assert_eq!(protected(&[10, 12, 3]), [true, false, true]);
    }

    /// `n` children aged `age`, each placed at site `i % 2` (S-0 a family, S-1 a home).
    fn report(n: usize, age: u8) -> (Dataset, Vec<Option<Outcome>>) {
        let children: Vec<Child> = (0..n)
            .map(|i| Child {
                id: ChildId::new(format!("C-{i:02}")),
                age,
                sex: Some(if i % 2 == 0 { Sex::Female } else { Sex::Male }),
                ..child()
            })
            .collect();
        let mut home = site();
        home.id = SiteId::new("S-1");
        home.site_type = SiteType::ResidentialHome;
        home.municipality = FAR;
        let mut family = site();
        family.id = SiteId::new("S-0");
        let dataset = Dataset::new(
            children,
            vec![family, home],
            vec![municipality(HOME), municipality(FAR)],
            Vec::new(),
        );
        let outcomes = (0..n)
            .map(|i| {
                Some(Outcome {
                    site: Some(i % 2),
                    overrode_top: Some(i == 0),
                })
            })
            .collect();
        (dataset, outcomes)
    }

    proptest::proptest! {
        /// Issue 13, item 11, oracle: in every dimension, the suppressed cells can never be
        /// worked out one by one from the published total and the published cells (every
        /// subtraction tried: total minus published leaves the sum of at least two suppressed
        /// cells, each of which has a child), and the published counts are the true counts.
        #[test]
        fn no_suppressed_cell_can_be_derived(people in proptest::collection::vec((0u8..23, 0u8..3), 1..60)) {
            let children: Vec<Child> = people
                .iter()
                .enumerate()
                .map(|(i, &(age, sex))| Child {
                    id: ChildId::new(format!("C-{i:02}")),
                    age,
                    sex: match sex { 0 => Some(Sex::Female), 1 => Some(Sex::Male), _ => None },
                    ..child()
                })
                .collect();
            let n = children.len();
            let dataset = Dataset::new(children, vec![site()], vec![municipality(HOME)], Vec::new());
            let outcomes: Vec<Option<Outcome>> = (0..n)
                .map(|i| Some(Outcome { site: (i % 3 != 0).then_some(0), overrode_top: Some(i % 2 == 0) }))
                .collect();
            let geo = geo();
            let batch = crate::context::ScoringContext::new(&dataset, &geo, AS_OF);
            let report = fairness(&dataset, &batch, &outcomes);
            let total = report.dimensions[0].cells[0].children;
            for dimension in &report.dimensions[1..] {
                let true_counts: Vec<usize> = dimension.cells.iter().map(|cell| {
                    dataset.children().iter().filter(|child| match dimension.name {
                        "age_band" => age_band(child.age) == cell.group,
                        "sex" => child.sex.map_or("unknown", |sex| sex.as_str()) == cell.group,
                        _ => true,
                    }).count()
                }).collect();
                for (cell, &count) in dimension.cells.iter().zip(&true_counts) {
                    if let Some(shown) = cell.children {
                        proptest::prop_assert_eq!(shown, count);
                        proptest::prop_assert!(shown >= MIN_CELL);
                    }
                }
                let Some(total) = total else { continue };
                let published: usize = dimension.cells.iter().filter_map(|cell| cell.children).sum();
                let hidden: Vec<usize> = dimension.cells.iter().zip(&true_counts)
                    .filter(|(cell, _)| cell.suppressed())
                    .map(|(_, &count)| count)
                    .collect();
                let derived = total - published;
                for &count in &hidden {
                    proptest::prop_assert!(derived != count,
                        "{}: a suppressed cell of {} is the total minus the published cells", dimension.name, count);
                }
            }
        }
    }

    #[test]
    fn age_bands_follow_the_spec() {
        for (age, band) in [
            (0, "0-5"),
            (5, "0-5"),
            (6, "6-11"),
            (11, "6-11"),
            (12, "12-17"),
            (17, "12-17"),
            (18, "18-22"),
            (22, "18-22"),
        ] {
            assert_eq!(age_band(age), band, "{age}");
        }
    }

    #[test]
    fn cells_under_five_children_are_suppressed_at_the_boundary() {
        let geo = geo();
        for (n, shown) in [(4, false), (5, true)] {
            let (dataset, outcomes) = report(n, 9);
            let batch = ScoringContext::new(&dataset, &geo, AS_OF);
            let report = fairness(&dataset, &batch, &outcomes);
            assert_eq!(report.children, n);
            let all = &report.dimensions[0].cells[0];
            assert_eq!(all.suppressed(), !shown, "{n} children");
            assert_eq!(all.children, shown.then_some(n));
            // Sex cells hold 2-3 children: always suppressed here.
            assert!(report.dimensions[3].cells.iter().all(Cell::suppressed));
        }
    }

    #[test]
    fn figures_count_placements_travel_school_and_overrides() {
        let geo = geo();
        let (dataset, outcomes) = report(6, 9);
        let batch = ScoringContext::new(&dataset, &geo, AS_OF);
        let report = fairness(&dataset, &batch, &outcomes);
        let figures = report.dimensions[0].cells[0]
            .figures
            .clone()
            .expect("shown");
        assert_eq!(figures.placed, 6);
        assert_eq!(figures.family_share, Some(0.5));
        assert_eq!(figures.institutional_share, Some(0.5));
        // Three at 10 minutes, three at 180 minutes: median 95, three school changes.
        assert_eq!(figures.median_minutes_home, Some(95.0));
        assert_eq!(figures.school_changes, 3);
        assert_eq!(figures.overrode_top, Some(1));
        assert_eq!(figures.sibling_groups_split, 0);
        let band = &report.dimensions[2];
        assert_eq!(band.name, "age_band");
        assert_eq!(band.cells[0].group, "6-11");
    }

    #[test]
    fn split_sibling_groups_are_counted_once_per_cell() {
        let geo = geo();
        let (mut dataset, outcomes) = report(6, 9);
        let mut children = dataset.children().to_vec();
        for child in children.iter_mut().take(2) {
            child.sibling_group = Some(SiblingGroupId::new("G-1"));
        }
        dataset = Dataset::new(
            children,
            dataset.sites().to_vec(),
            dataset.municipalities().to_vec(),
            Vec::new(),
        );
        let batch = ScoringContext::new(&dataset, &geo, AS_OF);
        let report = fairness(&dataset, &batch, &outcomes);
        let figures = report.dimensions[0].cells[0]
            .figures
            .clone()
            .expect("shown");
        assert_eq!(
            figures.sibling_groups_split, 1,
            "C-00 and C-01 went to S-0 and S-1"
        );
    }
}
