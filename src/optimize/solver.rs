//! The MILP backend, chosen by Cargo feature: `highs` when enabled, else pure-Rust `microlp`.

/// Name of the MILP backend in use, for the optimality report.
#[cfg(feature = "highs")]
pub(crate) const MILP_BACKEND: &str = "HiGHS";
/// Name of the MILP backend in use, for the optimality report.
#[cfg(all(not(feature = "highs"), feature = "microlp"))]
pub(crate) const MILP_BACKEND: &str = "microlp";

/// The default MILP solver of this build.
#[cfg(feature = "highs")]
pub(crate) fn default_solver() -> impl good_lp::Solver<Model = good_lp::solvers::highs::HighsProblem>
{
    good_lp::highs
}

/// The default MILP solver of this build.
#[cfg(all(not(feature = "highs"), feature = "microlp"))]
pub(crate) fn default_solver()
-> impl good_lp::Solver<Model = good_lp::solvers::microlp::MicroLpProblem> {
    good_lp::microlp
}

/// Whether the backend gets the columns as binaries and the best known solution as a warm
/// start. HiGHS needs binaries (it may return a non-vertex, fractional optimum for continuous
/// columns) and no warm start (with one it reported wrong optima in the brute-force oracle
/// test); microlp returns vertex solutions and uses the warm start correctly.
#[cfg(feature = "highs")]
pub(crate) const STRICT_MODEL: bool = true;
/// See the `highs` variant.
#[cfg(all(not(feature = "highs"), feature = "microlp"))]
pub(crate) const STRICT_MODEL: bool = false;

/// Asks the backend for a proven optimum: HiGHS stops by default at a relative gap of
/// 1e-4, which on our objective (a large constant per placed child plus scores) would hide
/// score differences of whole tenths; the gaps are set to zero (absolute 1e-9).
#[cfg(feature = "highs")]
pub(crate) fn exact(
    model: good_lp::solvers::highs::HighsProblem,
) -> good_lp::solvers::highs::HighsProblem {
    let model = match model.set_mip_rel_gap(0.0) {
        Ok(model) => model,
        Err(_) => unreachable!("0 is a valid relative gap"),
    };
    match model.set_mip_abs_gap(1e-9) {
        Ok(model) => model,
        Err(_) => unreachable!("1e-9 is a valid absolute gap"),
    }
}

/// Asks the backend for a proven optimum (microlp always solves to optimality).
#[cfg(all(not(feature = "highs"), feature = "microlp"))]
pub(crate) fn exact(
    model: good_lp::solvers::microlp::MicroLpProblem,
) -> good_lp::solvers::microlp::MicroLpProblem {
    model
}

#[cfg(not(any(feature = "highs", feature = "microlp")))]
compile_error!(
    "placematch needs a MILP backend: enable the `microlp` (default) or `highs` feature"
);
