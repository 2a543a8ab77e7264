//! Properties checked:
//! - generated data, written and loaded again, is valid and equal to what was generated;
//! - the same seed gives the same bytes;
//! - shuffling the data rows of children.csv and sites.csv does not change the model;
//! - loading never panics, whatever bytes a file holds.

use jiff::civil::date;
use placematch::generate::{GenerateParams, generate};
use placematch::io::{self, Loaded, Report, Source, Sources};
use placematch::model::Dataset;
use proptest::prelude::*;

use crate::support::{CHILDREN, SITES};

fn dataset(children: usize, sites: usize, seed: u64) -> Dataset {
    let geography = io::embedded_geography().expect("valid built-in geography");
    let params = GenerateParams {
        children,
        sites,
        seed,
        as_of: date(2026, 11, 1),
    };
    generate(
        &params,
        geography.dataset.municipalities(),
        geography.dataset.links(),
        &geography.geo,
    )
}

fn load(children: &[u8], sites: &[u8]) -> Result<Loaded, Report> {
    io::load(&Sources {
        children: Source {
            label: "children.csv",
            bytes: children,
        },
        sites: Source {
            label: "sites.csv",
            bytes: sites,
        },
        municipalities: Source {
            label: "municipalities.csv",
            bytes: io::EMBEDDED_MUNICIPALITIES.as_bytes(),
        },
        links: Source {
            label: "links.csv",
            bytes: io::EMBEDDED_LINKS.as_bytes(),
        },
    })
}

/// The header and the data rows reordered by `order` (a permutation seed).
fn shuffled(csv: &[u8], order: u64) -> Vec<u8> {
    let text = std::str::from_utf8(csv).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    let header = lines.remove(0);
    let mut state = order;
    for idx in (1..lines.len()).rev() {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        lines.swap(idx, (state >> 33) as usize % (idx + 1));
    }
    let mut out = format!("{header}\n");
    for line in lines {
        out += line;
        out.push('\n');
    }
    out.into_bytes()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn generated_data_round_trips_and_validates(children in 1usize..80, sites in 1usize..300, seed in any::<u64>()) {
        let generated = dataset(children, sites, seed);
        let loaded = load(&io::children_csv(&generated), &io::sites_csv(&generated));
        let loaded = loaded.map_err(|report| report.to_string()).expect("generated data validates");
        prop_assert_eq!(loaded.dataset.children(), generated.children());
        prop_assert_eq!(loaded.dataset.sites(), generated.sites());
    }

    #[test]
    fn the_same_seed_gives_the_same_bytes(seed in any::<u64>()) {
        let (a, b) = (dataset(40, 120, seed), dataset(40, 120, seed));
        prop_assert_eq!(io::children_csv(&a), io::children_csv(&b));
        prop_assert_eq!(io::sites_csv(&a), io::sites_csv(&b));
    }

    #[test]
    fn row_order_does_not_change_the_model(seed in any::<u64>(), order in any::<u64>()) {
        let generated = dataset(30, 100, seed);
        let children = io::children_csv(&generated);
        let sites = io::sites_csv(&generated);
        let original = load(&children, &sites).expect("valid");
        let reordered = load(&shuffled(&children, order), &shuffled(&sites, order ^ 0xABCD)).expect("valid");
        prop_assert_eq!(original.dataset, reordered.dataset);
    }

    #[test]
    fn loading_never_panics(edits in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..8), in_sites in any::<bool>()) {
        let mut bytes = if in_sites { SITES.as_bytes().to_vec() } else { CHILDREN.as_bytes().to_vec() };
        for (at, byte) in edits {
            let at = at % bytes.len();
            bytes[at] = byte;
        }
        let (children, sites) = if in_sites { (CHILDREN.as_bytes(), &bytes[..]) } else { (&bytes[..], SITES.as_bytes()) };
        match load(children, sites) {
            Ok(loaded) => prop_assert!(!loaded.report.has_errors()),
            Err(report) => prop_assert!(report.has_errors()),
        }
    }
}

mod scoring {
    //! Properties of scoring on generated data: every score and confidence is in [0, 1]; the
    //! fast path agrees with the explaining path; "the group fits" only when every sibling
    //! passes the site's gates; near misses only from a fixable gate; the ranking follows its
    //! rules (network family, family-care policy, totals); the shortlist's top K is a prefix of
    //! the full ranking; the thread count changes nothing.

    use super::*;
    use placematch::context::ScoringContext;
    use placematch::elements::registry;
    use placematch::explain::GateClass;
    use placematch::model::ChildId;
    use placematch::score::{Policy, Weights, judge_pair, score_all, score_pair};
    use placematch::shortlist::{ShortlistOptions, ranking, shortlist};

    fn loaded(children: usize, sites: usize, seed: u64) -> Loaded {
        let generated = dataset(children, sites, seed);
        load(&io::children_csv(&generated), &io::sites_csv(&generated)).expect("valid")
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

        #[test]
        fn scores_are_in_the_unit_interval_and_both_paths_agree(seed in any::<u64>()) {
            let loaded = loaded(12, 150, seed);
            let batch = ScoringContext::new(&loaded.dataset, &loaded.geo, date(2026, 11, 23));
            for child in loaded.dataset.children() {
                let ctx = batch.for_child(child);
                for site in loaded.dataset.sites() {
                    let pair = judge_pair(&ctx, child, site);
                    for (element, verdict) in registry().iter().zip(pair.0) {
                        prop_assert!((0.0..=1.0).contains(&verdict.score));
                        prop_assert!((0.0..=1.0).contains(&verdict.confidence));
                        let explanation = element.assess(&ctx, child, site);
                        prop_assert_eq!(explanation.score(), (!verdict.is_excluded()).then_some(verdict.score));
                    }
                    let fast = score_pair(&ctx, child, site, &Weights::DEFAULT);
                    prop_assert_eq!(fast.is_none(), pair.is_excluded());
                    if placematch::elements::closed_to_every_child(site) {
                        prop_assert!(pair.is_excluded(), "{} is closed, yet {} passes", site.id, child.id);
                    }
                    if let Some(fast) = fast {
                        prop_assert_eq!(fast.total, pair.total(&Weights::DEFAULT));
                        prop_assert!((0.0..=1.0).contains(&fast.total));
                    }
                }
            }
            // The batch path (which skips closed sites unseen) keeps exactly the eligible pairs.
            let batch_pairs: Vec<(usize, usize)> = score_all(&batch, loaded.dataset.children(), loaded.dataset.sites(), &Weights::DEFAULT, &Policy::DEFAULT, &|_| {})
                .iter().map(|pair| (pair.child, pair.site)).collect();
            let mut eligible = Vec::new();
            for (c, child) in loaded.dataset.children().iter().enumerate() {
                let ctx = batch.for_child(child);
                for (s, site) in loaded.dataset.sites().iter().enumerate() {
                    if !judge_pair(&ctx, child, site).is_excluded() {
                        eligible.push((c, s));
                    }
                }
            }
            prop_assert_eq!(batch_pairs, eligible);
        }

        /// Whenever a shortlist says the sibling group fits, every sibling passes every gate of
        /// that site (the false reason of issue 11).
        #[test]
        fn group_fits_only_when_every_sibling_passes_the_gates(seed in any::<u64>()) {
            let loaded = loaded(60, 300, seed);
            let dataset = &loaded.dataset;
            let batch = ScoringContext::new(dataset, &loaded.geo, date(2026, 11, 23));
            let options = ShortlistOptions { top: 300, ..ShortlistOptions::default() };
            for child in dataset.children().iter().filter(|child| child.sibling_group.is_some()) {
                let list = shortlist(dataset, &batch, &child.id, &Weights::DEFAULT, &options).expect("known child");
                for ranked in &list.eligible {
                    let fits = ranked.explanations[3].reasons.iter().any(|reason| reason.code.as_str() == "siblings.group_fits");
                    if !fits {
                        continue;
                    }
                    for sibling in dataset.children().iter().filter(|other| other.sibling_group == child.sibling_group) {
                        let ctx = batch.for_child(sibling);
                        prop_assert!(!judge_pair(&ctx, sibling, ranked.site).is_excluded(),
                            "{} at {}: group_fits while {} is excluded", child.id, ranked.site.id, sibling.id);
                    }
                }
            }
        }

        /// A near miss comes from exactly one failed gate, and that gate is fixable.
        #[test]
        fn near_misses_never_come_from_a_decisive_gate(seed in any::<u64>()) {
            let loaded = loaded(30, 400, seed);
            let dataset = &loaded.dataset;
            let batch = ScoringContext::new(dataset, &loaded.geo, date(2026, 11, 23));
            let options = ShortlistOptions { top: 400, ..ShortlistOptions::default() };
            for child in dataset.children() {
                let list = shortlist(dataset, &batch, &child.id, &Weights::DEFAULT, &options).expect("known child");
                for near in &list.near_misses {
                    let gate = registry()
                        .iter()
                        .flat_map(|element| element.gates().iter())
                        .find(|gate| gate.code == near.gate.code)
                        .expect("a known gate");
                    prop_assert_eq!(gate.class, GateClass::Fixable, "{} at {}", child.id, near.site.id);
                }
            }
        }

        /// The ranking rule against an independent oracle: for a child under the policy age no
        /// site that is not a foster family stands above one that is; the child's own network
        /// family stands first; otherwise totals descend (ties by site ID).
        #[test]
        fn the_ranking_follows_the_rules(seed in any::<u64>(), policy_age in 0u8..23) {
            let loaded = loaded(20, 300, seed);
            let dataset = &loaded.dataset;
            let batch = ScoringContext::new(dataset, &loaded.geo, date(2026, 11, 23));
            let policy = Policy { family_care_under: policy_age, ..Policy::DEFAULT };
            for child in dataset.children() {
                let ranked = ranking(dataset, &batch, child, &Weights::DEFAULT, &policy);
                let class = |idx: usize| {
                    let site = &dataset.sites()[idx];
                    if site.network_for.as_ref() == Some(&child.id) {
                        0
                    } else if child.age < policy_age && site.site_type.is_family() {
                        1
                    } else {
                        2
                    }
                };
                for pair in ranked.windows(2) {
                    let (a, b) = (pair[0], pair[1]);
                    prop_assert!(class(a.0) <= class(b.0), "{}: class order", child.id);
                    if class(a.0) == class(b.0) {
                        prop_assert!(a.1 > b.1 || (a.1 == b.1 && dataset.sites()[a.0].id < dataset.sites()[b.0].id), "{}: totals", child.id);
                    }
                }
            }
        }

        #[test]
        fn top_k_is_a_prefix_of_the_full_ranking(seed in any::<u64>(), top in 0usize..30) {
            let loaded = loaded(6, 300, seed);
            let batch = ScoringContext::new(&loaded.dataset, &loaded.geo, date(2026, 11, 23));
            for child in loaded.dataset.children() {
                let full = ranking(&loaded.dataset, &batch, child, &Weights::DEFAULT, &Policy::DEFAULT);
                let options = ShortlistOptions { top, ..ShortlistOptions::default() };
                let list = shortlist(&loaded.dataset, &batch, &child.id, &Weights::DEFAULT, &options).expect("known child");
                prop_assert_eq!(list.eligible_count, full.len());
                let shown: Vec<(ChildId, f64)> = list.eligible.iter().map(|r| (ChildId::new(r.site.id.as_str()), r.total)).collect();
                let prefix: Vec<(ChildId, f64)> = full.iter().take(top).map(|&(idx, total)| (ChildId::new(loaded.dataset.sites()[idx].id.as_str()), total)).collect();
                prop_assert_eq!(shown, prefix);
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

        /// Monotonicity: a site better in one respect never scores lower on the element that
        /// weighs it, and never fails a gate the site passed: full competence for each of the
        /// child's needs (`needs`), a higher Socialtilsyn quality (`setting`).
        #[test]
        fn a_better_site_never_scores_lower(seed in any::<u64>(), quality in 1.0f64..5.0, raise in 0.0f64..4.0) {
            use placematch::ElementId;
            let loaded = loaded(8, 120, seed);
            let batch = ScoringContext::new(&loaded.dataset, &loaded.geo, date(2026, 11, 23));
            for child in loaded.dataset.children() {
                let ctx = batch.for_child(child);
                for site in loaded.dataset.sites() {
                    let before = judge_pair(&ctx, child, site).0;
                    let mut competent = site.clone();
                    for (need, _) in child.needs.iter() {
                        competent.competences.set(need, 3);
                    }
                    let after = judge_pair(&ctx, child, &competent).0;
                    let needs = (before[ElementId::Needs], after[ElementId::Needs]);
                    prop_assert_eq!(needs.1.gates & !needs.0.gates, 0, "{} at {}: a new gate", child.id, site.id);
                    if !needs.0.is_excluded() {
                        prop_assert!(needs.1.score >= needs.0.score, "{} at {}: needs fell", child.id, site.id);
                    }

                    let mut good = site.clone();
                    good.quality = Some(quality);
                    let mut better = site.clone();
                    better.quality = Some((quality + raise).min(5.0));
                    let setting = |site: &placematch::model::Site| judge_pair(&ctx, child, site).0[ElementId::Setting];
                    let (good, better) = (setting(&good), setting(&better));
                    prop_assert_eq!(good.gates, better.gates);
                    prop_assert!(better.score >= good.score, "{} at {}: setting fell", child.id, site.id);
                }
            }
        }
    }

    #[test]
    fn the_thread_count_changes_nothing() {
        let loaded = loaded(40, 400, 7);
        let batch = ScoringContext::new(&loaded.dataset, &loaded.geo, date(2026, 11, 23));
        let run = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            pool.install(|| {
                score_all(
                    &batch,
                    loaded.dataset.children(),
                    loaded.dataset.sites(),
                    &Weights::DEFAULT,
                    &Policy::DEFAULT,
                    &|_| {},
                )
            })
        };
        assert_eq!(run(1), run(3));
    }
}
