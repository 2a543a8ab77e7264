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

#[cfg(not(any(feature = "highs", feature = "microlp")))]
compile_error!(
    "placematch needs a MILP backend: enable the `microlp` (default) or `highs` feature"
);
