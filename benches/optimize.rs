//! Batch assignment benches on generated data over the real Danish geography (seed 2026).
//!
//! Workloads, 2,000 children and 5,000 sites (popular sites, most places taken: the
//! generator's occupancy leaves about 14 % of places free, and gates leave each child a few
//! hundred eligible sites):
//! - `assign/2000_children_x_5000_sites_capacities_only`: sibling groups removed, so the
//!   problem is a transportation problem: certified min-cost flow only;
//! - `assign/500_children_x_5000_sites_sibling_groups`: the bundled size with the generator's
//!   sibling groups (about a quarter of the children, groups of 2–3) kept together: flow, then
//!   branch and bound over the groups the LP splits (BENCHMARKS.md gives the larger sizes);
//! - `assign/500_children_x_5000_sites_allow_split`: the same children with
//!   `siblings = "allow_split"` (0.2 points per extra part): the together-first candidates,
//!   then the search over partitions, each choice solved as a together problem to its proof.
//!
//! - `recruit/500_children_x_5000_sites_default_verify`: `report recruit` on the bundled size:
//!   the baseline, the LP ranking of one more place at every site, and the verifying solves
//!   (five LP candidates, up to three sibling-group candidates).
//!
//! Scoring every pair (about 100 ms) is part of each.

use criterion::{Criterion, criterion_group, criterion_main};
use jiff::civil::date;
use placematch::context::ScoringContext;
use placematch::generate::{GenerateParams, generate};
use placematch::io;
use placematch::model::Dataset;
use placematch::optimize::{AssignOptions, assign};
use placematch::score::{Policy, Weights};

fn bench_assign(c: &mut Criterion) {
    let geography = io::embedded_geography().expect("built-in geography is valid");
    let make = |children| {
        let params = GenerateParams {
            children,
            sites: 5000,
            seed: 2026,
            as_of: date(2026, 11, 1),
        };
        generate(
            &params,
            geography.dataset.municipalities(),
            geography.dataset.links(),
            &geography.geo,
        )
    };
    let large = make(2000);
    let with_groups = make(500);
    let mut children = large.children().to_vec();
    for child in &mut children {
        child.sibling_group = None;
    }
    let without_groups = Dataset::new(
        children,
        large.sites().to_vec(),
        large.municipalities().to_vec(),
        large.links().to_vec(),
    );
    let options = AssignOptions::default();
    // Groups may split (0.2 points per extra part): the search over partitions.
    let split = AssignOptions {
        siblings: placematch::optimize::SiblingRule::AllowSplit { penalty: 0.2 },
        ..AssignOptions::default()
    };
    let mut group = c.benchmark_group("assign");
    group.sample_size(10);
    for (name, dataset, options) in [
        (
            "2000_children_x_5000_sites_capacities_only",
            &without_groups,
            &options,
        ),
        (
            "500_children_x_5000_sites_sibling_groups",
            &with_groups,
            &options,
        ),
        (
            "500_children_x_5000_sites_allow_split",
            &with_groups,
            &split,
        ),
    ] {
        let batch = ScoringContext::new(dataset, &geography.geo, date(2026, 11, 23));
        group.bench_function(name, |b| {
            b.iter(|| {
                assign(
                    dataset,
                    &batch,
                    &Weights::DEFAULT,
                    &Policy::DEFAULT,
                    options,
                    &|| false,
                )
                .expect("solves")
            })
        });
    }
    group.finish();

    // Recruitment insight on the bundled size: baseline, LP ranking and the verifying solves.
    let mut group = c.benchmark_group("recruit");
    group.sample_size(10);
    let policy = Policy::DEFAULT;
    group.bench_function("500_children_x_5000_sites_default_verify", |b| {
        b.iter(|| {
            let input = placematch::recruit::RecruitInput {
                dataset: &with_groups,
                geo: &geography.geo,
                as_of: date(2026, 11, 23),
                weights: &Weights::DEFAULT,
                policy: &policy,
                options: &options,
                verify: placematch::recruit::DEFAULT_VERIFY,
            };
            placematch::recruit::recruit(&input, &|| false).expect("solves")
        })
    });
    group.finish();
}

criterion_group!(benches, bench_assign);
criterion_main!(benches);
