//! Data-layer benches: loading and validating a national-scale dataset, and generating one.
//!
//! Workloads (generated with seed 2026 over the real Danish geography):
//! - `load/500_children_x_5000_sites`: parse and validate the four CSV files from memory and
//!   build the all-pairs travel table (what every command does at start);
//! - `generate/500_children_x_5000_sites`: generate the dataset in memory (no file IO).

use criterion::{Criterion, criterion_group, criterion_main};
use jiff::civil::date;
use placematch::generate::{GenerateParams, generate};
use placematch::io::{self, Source, Sources};

fn params() -> GenerateParams {
    GenerateParams {
        children: 500,
        sites: 5000,
        seed: 2026,
        as_of: date(2026, 11, 1),
    }
}

fn bench_load(c: &mut Criterion) {
    let geography = io::embedded_geography().expect("built-in geography is valid");
    let dataset = generate(
        &params(),
        geography.dataset.municipalities(),
        geography.dataset.links(),
        &geography.geo,
    );
    let children = io::children_csv(&dataset);
    let sites = io::sites_csv(&dataset);
    let sources = Sources {
        children: Source {
            label: "children.csv",
            bytes: &children,
        },
        sites: Source {
            label: "sites.csv",
            bytes: &sites,
        },
        municipalities: Source {
            label: "municipalities.csv",
            bytes: io::EMBEDDED_MUNICIPALITIES.as_bytes(),
        },
        links: Source {
            label: "links.csv",
            bytes: io::EMBEDDED_LINKS.as_bytes(),
        },
    };
    c.bench_function("load/500_children_x_5000_sites", |b| {
        b.iter(|| io::load(&sources).expect("generated data is valid"))
    });
}

fn bench_generate(c: &mut Criterion) {
    let geography = io::embedded_geography().expect("built-in geography is valid");
    c.bench_function("generate/500_children_x_5000_sites", |b| {
        b.iter(|| {
            generate(
                &params(),
                geography.dataset.municipalities(),
                geography.dataset.links(),
                &geography.geo,
            )
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench_load, bench_generate
}
criterion_main!(benches);
