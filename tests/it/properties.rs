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
