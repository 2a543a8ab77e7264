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
    //! fast path agrees with the explaining path; permuting site rows changes no ranking; the
    //! shortlist's top K is a prefix of the full ranking; the thread count changes nothing.

    use super::*;
    use placematch::elements::{Batch, registry};
    use placematch::model::ChildId;
    use placematch::score::{Weights, judge_pair, score_all, score_pair};
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
            let batch = Batch::new(&loaded.dataset, &loaded.geo, date(2026, 11, 23));
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
                    if let Some(fast) = fast {
                        prop_assert_eq!(fast.total, pair.total(&Weights::DEFAULT));
                        prop_assert!((0.0..=1.0).contains(&fast.total));
                    }
                }
            }
        }

        #[test]
        fn permuting_site_rows_changes_no_ranking(seed in any::<u64>(), order in any::<u64>()) {
            let generated = dataset(8, 200, seed);
            let children = io::children_csv(&generated);
            let sites = io::sites_csv(&generated);
            let a = load(&children, &sites).expect("valid");
            let b = load(&children, &shuffled(&sites, order)).expect("valid");
            let batch_a = Batch::new(&a.dataset, &a.geo, date(2026, 11, 23));
            let batch_b = Batch::new(&b.dataset, &b.geo, date(2026, 11, 23));
            for child in a.dataset.children() {
                let ids = |loaded: &Loaded, batch: &Batch<'_>| {
                    ranking(&loaded.dataset, batch, child, &Weights::DEFAULT)
                        .into_iter()
                        .map(|(idx, total)| (loaded.dataset.sites()[idx].id.clone(), total))
                        .collect::<Vec<_>>()
                };
                prop_assert_eq!(ids(&a, &batch_a), ids(&b, &batch_b));
            }
        }

        #[test]
        fn top_k_is_a_prefix_of_the_full_ranking(seed in any::<u64>(), top in 0usize..30) {
            let loaded = loaded(6, 300, seed);
            let batch = Batch::new(&loaded.dataset, &loaded.geo, date(2026, 11, 23));
            for child in loaded.dataset.children() {
                let full = ranking(&loaded.dataset, &batch, child, &Weights::DEFAULT);
                let options = ShortlistOptions { top, explain_excluded: false };
                let list = shortlist(&loaded.dataset, &batch, &child.id, &Weights::DEFAULT, &options).expect("known child");
                prop_assert_eq!(list.eligible_count, full.len());
                let shown: Vec<(ChildId, f64)> = list.eligible.iter().map(|r| (ChildId::new(r.site.id.as_str()), r.total)).collect();
                let prefix: Vec<(ChildId, f64)> = full.iter().take(top).map(|&(idx, total)| (ChildId::new(loaded.dataset.sites()[idx].id.as_str()), total)).collect();
                prop_assert_eq!(shown, prefix);
            }
        }
    }

    #[test]
    fn the_thread_count_changes_nothing() {
        let loaded = loaded(40, 400, 7);
        let batch = Batch::new(&loaded.dataset, &loaded.geo, date(2026, 11, 23));
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
                    &|_| {},
                )
            })
        };
        assert_eq!(run(1), run(3));
    }
}
