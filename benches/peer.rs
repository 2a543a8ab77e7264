//! Our own method against a peer on the same model, measured in one run (issue 12).
//!
//! Run with `cargo bench --bench peer --features highs`: the peer is HiGHS (through good_lp)
//! on the whole together model, one binary per column (a child or a whole sibling group at a
//! site); ours is `solve` (certified flow, branch and bound). Both get the same `Problem`
//! (every pair scored once beforehand, not timed) and the priorities `placed`, `score`, whose
//! exact integer weights stay below 2^53, so both objectives are compared exactly. Each
//! solver runs once per workload with a 120 s limit: one-shot wall times, not a statistic.
//!
//! Workloads: generated data over the real Danish geography, 5,000 sites, seed 2026,
//! 500, 1,000 and 2,000 children with their sibling groups kept together.
//! `PEER_SIZES=1000` runs one size. Without `--features highs` the peer would be microlp, which does not finish these sizes;
//! the bench then measures ours only.

use std::time::{Duration, Instant};

use jiff::civil::date;
use placematch::context::ScoringContext;
use placematch::generate::{GenerateParams, generate};
use placematch::io;
use placematch::model::SiteId;
use placematch::optimize::{AssignOptions, Priorities, Priority, build_problem, solve};
use placematch::score::{Policy, Weights};

const LIMIT: Duration = Duration::from_secs(120);

fn main() {
    let geography = io::embedded_geography().expect("built-in geography is valid");
    let priorities = Priorities::new(vec![Priority::Placed, Priority::Score]).expect("two tiers");
    let options = AssignOptions {
        priorities,
        ..AssignOptions::default()
    };
    println!(
        "| children × sites | ours: placed, time, proven | peer ({}): placed, time, proven | same objective |",
        peer_name()
    );
    println!("|---|---|---|---|");
    // `PEER_SIZES=1000,2000` runs only those sizes.
    let sizes: Vec<usize> = std::env::var("PEER_SIZES")
        .ok()
        .map(|list| {
            list.split(',')
                .filter_map(|n| n.trim().parse().ok())
                .collect()
        })
        .unwrap_or_else(|| vec![500, 1000, 2000]);
    for children in sizes {
        let params = GenerateParams {
            children,
            sites: 5000,
            seed: 2026,
            as_of: date(2026, 11, 1),
        };
        let dataset = generate(
            &params,
            geography.dataset.municipalities(),
            geography.dataset.links(),
            &geography.geo,
        );
        let batch = ScoringContext::new(&dataset, &geography.geo, date(2026, 11, 23));
        let problem = build_problem(
            &dataset,
            &batch,
            &Weights::DEFAULT,
            &Policy::DEFAULT,
            &options,
        )
        .expect("the generated data is valid");
        let site_ids: Vec<SiteId> = dataset.sites().iter().map(|site| site.id.clone()).collect();

        let start = Instant::now();
        let stop = || start.elapsed() > LIMIT;
        let ours = solve(&problem, &options, &site_ids, &stop).expect("solves");
        let ours_time = start.elapsed();
        let ours_cell = format!(
            "{}, {:.2} s, {}",
            ours.placed,
            ours_time.as_secs_f64(),
            ours.optimality.status
        );

        let (peer_cell, same) = if cfg!(feature = "highs") {
            let start = Instant::now();
            match placematch::optimize::solve_reference(&problem, &options, LIMIT.as_secs_f64()) {
                Ok(peer) => (
                    format!(
                        "{}, {:.2} s, {}",
                        peer.placed,
                        start.elapsed().as_secs_f64(),
                        if peer.proven { "optimal" } else { "time_limit" }
                    ),
                    if peer.objective == ours.objective {
                        "yes".to_string()
                    } else {
                        format!("no (ours − peer = {})", ours.objective - peer.objective)
                    },
                ),
                Err(error) => (format!("failed: {error}"), "—".to_string()),
            }
        } else {
            (
                "not run (needs `--features highs`)".to_string(),
                "—".to_string(),
            )
        };
        println!("| {children} × 5,000 | {ours_cell} | {peer_cell} | {same} |");
    }
}

fn peer_name() -> &'static str {
    if cfg!(feature = "highs") {
        "HiGHS"
    } else {
        "none"
    }
}
