//! Scoring benches on generated data over the real Danish geography (seed 2026).
//!
//! Workloads:
//! - `shortlist/1_child_x_100k_sites`: the full shortlist of one child (all gates of all
//!   100,000 sites, ranking, explanations of the top 10, near misses, counts by gate);
//! - `score_all/2000_children_x_5000_sites`: every pair scored (10 million pairs), eligible
//!   pairs collected in order, on all cores.

use criterion::{Criterion, criterion_group, criterion_main};
use jiff::civil::date;
use placematch::context::ScoringContext;
use placematch::generate::{GenerateParams, generate};
use placematch::io;
use placematch::model::Dataset;
use placematch::score::{Policy, Weights, score_all};
use placematch::shortlist::{ShortlistOptions, shortlist};

fn dataset(children: usize, sites: usize) -> (Dataset, placematch::geo::GeoIndex) {
    let geography = io::embedded_geography().expect("built-in geography is valid");
    let params = GenerateParams {
        children,
        sites,
        seed: 2026,
        as_of: date(2026, 11, 1),
    };
    let dataset = generate(
        &params,
        geography.dataset.municipalities(),
        geography.dataset.links(),
        &geography.geo,
    );
    (dataset, geography.geo)
}

fn bench_shortlist(c: &mut Criterion) {
    let (dataset, geo) = dataset(200, 100_000);
    let batch = ScoringContext::new(&dataset, &geo, date(2026, 11, 23));
    // A child of the most common kind: 12–17, no network family.
    let child = dataset
        .children()
        .iter()
        .find(|child| (12..=17).contains(&child.age) && child.network_site.is_none())
        .expect("generated data has teenagers");
    let options = ShortlistOptions::default();
    c.bench_function("shortlist/1_child_x_100k_sites", |b| {
        b.iter(|| {
            shortlist(&dataset, &batch, &child.id, &Weights::DEFAULT, &options)
                .expect("known child")
        })
    });
}

fn bench_score_all(c: &mut Criterion) {
    let (dataset, geo) = dataset(2000, 5000);
    let batch = ScoringContext::new(&dataset, &geo, date(2026, 11, 23));
    c.bench_function("score_all/2000_children_x_5000_sites", |b| {
        b.iter(|| {
            score_all(
                &batch,
                dataset.children(),
                dataset.sites(),
                &Weights::DEFAULT,
                &Policy::DEFAULT,
                &|_| {},
            )
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench_shortlist, bench_score_all
}
criterion_main!(benches);
