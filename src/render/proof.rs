//! How an assignment's optimality was established, in Danish and English: a plain sentence
//! for people ("proven best" or "stopped; at most X from the best") and the technical proof
//! for those who check it. The optimizer hands over the proof as data (`optimize::Proof`).

use super::{Lang, count, decimal};
use crate::optimize::{Proof, ProofStep};

/// `n` with the singular or plural noun.
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// How often the flow model was widened.
fn widened(n: usize, lang: Lang) -> String {
    match (n, lang) {
        (0, Lang::En) => "not widened".to_string(),
        (0, Lang::Da) => "ikke udvidet".to_string(),
        (n, Lang::En) => format!("widened in {}", plural(n, "round", "rounds")),
        (n, Lang::Da) => format!("udvidet i {}", plural(n, "runde", "runder")),
    }
}

/// The plain sentence: proven best, or stopped before the proof. The gap is not put in
/// words: on the exact objective it mixes the tiers (one more child placed and a score
/// point are far apart), so a small figure could hide a child left unplaced.
pub fn proof_summary(status: &str, _gap: f64, lang: Lang) -> String {
    match (status, lang) {
        ("optimal", Lang::En) => "Best possible assignment: proven".to_string(),
        ("optimal", Lang::Da) => "Bedste mulige fordeling: bevist".to_string(),
        (_, Lang::En) => {
            "Stopped by the time limit before the proof was complete: the best assignment found, not proven the best possible".to_string()
        }
        (_, Lang::Da) => {
            "Stoppet af tidsgrænsen, før beviset var færdigt: den bedste fordeling, der blev fundet, men den er ikke bevist at være den bedst mulige".to_string()
        }
    }
}

/// The technical proof in words.
pub fn proof_text(proof: &Proof, lang: Lang) -> String {
    let flow = match lang {
        Lang::En => format!(
            "LP relaxation solved exactly by min-cost flow (shortest augmenting paths) on the best {} sites per child, {}; \
             a dual solution proves it for all {} eligible (child or sibling group, site) columns: none has a positive reduced cost and the dual objective equals the primal",
            proof.candidates,
            widened(proof.widenings, lang),
            count(proof.pairs_certified, lang)
        ),
        Lang::Da => format!(
            "LP-relaksationen er løst eksakt som min-cost flow (korteste forøgende stier) på de {} bedste steder pr. barn, {}; \
             en dual løsning beviser resultatet for alle {} mulige søjler (barn eller søskendeflok, sted): ingen har positiv reduceret omkostning, og den duale værdi er lig den primale",
            proof.candidates,
            widened(proof.widenings, lang),
            count(proof.pairs_certified, lang)
        ),
    };
    let step = match (&proof.step, lang) {
        (ProofStep::Integral { groups_whole: true }, Lang::En) => {
            "every sibling group is whole in that optimum, so it is also the integer optimum"
                .to_string()
        }
        (ProofStep::Integral { groups_whole: true }, Lang::Da) => {
            "alle søskendeflokke er samlet i dette optimum, så det er også det bedste heltallige"
                .to_string()
        }
        (
            ProofStep::Integral {
                groups_whole: false,
            },
            Lang::En,
        ) => "the transportation problem has integral optima, so it is the integer optimum"
            .to_string(),
        (
            ProofStep::Integral {
                groups_whole: false,
            },
            Lang::Da,
        ) => {
            "transportproblemet har heltallige optima, så det er det bedste heltallige".to_string()
        }
        (
            ProofStep::BranchAndBound {
                split_groups,
                lp_bound,
                nodes,
                complete,
                best_bound,
            },
            Lang::En,
        ) => format!(
            "{} split in the LP optimum, so the LP bound {} is not integral. Branch and bound over the split groups (each node fixes a group to one site or excludes those sites), \
             every node bounded by the same certified min-cost flow and every leaf repaired to a whole-group solution: {}, {}",
            plural(*split_groups, "sibling group", "sibling groups"),
            decimal(*lp_bound, 6, lang),
            plural(*nodes, "node", "nodes"),
            if *complete {
                "search complete, proven optimal".to_string()
            } else {
                format!(
                    "stopped early, best bound {}",
                    decimal(*best_bound, 6, lang)
                )
            }
        ),
        (
            ProofStep::BranchAndBound {
                split_groups,
                lp_bound,
                nodes,
                complete,
                best_bound,
            },
            Lang::Da,
        ) => format!(
            "{} er delt i LP-optimum, så LP-grænsen {} er ikke heltallig. Branch and bound over de delte flokke (hver knude binder en flok til ét sted eller udelukker de steder), \
             hver knude afgrænset af det samme certificerede min-cost flow og hvert blad repareret til en løsning med samlede flokke: {}, {}",
            plural(*split_groups, "søskendeflok", "søskendeflokke"),
            decimal(*lp_bound, 6, lang),
            plural(*nodes, "knude", "knuder"),
            if *complete {
                "søgningen er fuldført, bevist optimal".to_string()
            } else {
                format!(
                    "stoppet før tid, bedste grænse {}",
                    decimal(*best_bound, 6, lang)
                )
            }
        ),
        (
            ProofStep::Milp {
                split_groups,
                lp_bound,
                lower_bound,
                kept_columns,
                backend,
                complete,
            },
            Lang::En,
        ) => format!(
            "{} split in the LP optimum, so the LP bound {} is not integral. Reduced-cost fixing against the lower bound {} kept {} of {} columns \
             (no column below that reduced cost can be in a better solution); MILP with {backend} on those, warm-started with the lower bound: {}",
            plural(*split_groups, "sibling group", "sibling groups"),
            decimal(*lp_bound, 6, lang),
            decimal(*lower_bound, 6, lang),
            count(*kept_columns, lang),
            count(proof.pairs_certified, lang),
            if *complete {
                "proven optimal"
            } else {
                "stopped at the time limit"
            }
        ),
        (
            ProofStep::Milp {
                split_groups,
                lp_bound,
                lower_bound,
                kept_columns,
                backend,
                complete,
            },
            Lang::Da,
        ) => format!(
            "{} er delt i LP-optimum, så LP-grænsen {} er ikke heltallig. Fiksering efter reduceret omkostning mod den nedre grænse {} beholdt {} af {} søjler \
             (ingen søjle under den reducerede omkostning kan indgå i en bedre løsning); MILP med {backend} på dem, startet fra den nedre grænse: {}",
            plural(*split_groups, "søskendeflok", "søskendeflokke"),
            decimal(*lp_bound, 6, lang),
            decimal(*lower_bound, 6, lang),
            count(*kept_columns, lang),
            count(proof.pairs_certified, lang),
            if *complete {
                "bevist optimal"
            } else {
                "stoppet ved tidsgrænsen"
            }
        ),
    };
    format!("{flow}; {step}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proofs_read_in_both_languages_with_plurals() {
        let proof = Proof {
            candidates: 32,
            widenings: 1,
            pairs_certified: 4899,
            step: ProofStep::BranchAndBound {
                split_groups: 2,
                lp_bound: 390.5912,
                nodes: 1,
                complete: true,
                best_bound: 390.5912,
            },
        };
        let danish = proof_text(&proof, Lang::Da);
        assert!(danish.contains("udvidet i 1 runde;"), "{danish}");
        assert!(danish.contains("2 søskendeflokke er delt"), "{danish}");
        assert!(danish.contains("390,591200"), "{danish}");
        assert!(
            danish.contains("1 knude, søgningen er fuldført"),
            "{danish}"
        );
        let english = proof_text(&proof, Lang::En);
        assert!(english.contains("widened in 1 round;"), "{english}");
        assert!(!english.contains("(s)"), "{english}");
        assert_eq!(
            proof_summary("optimal", 0.0, Lang::Da),
            "Bedste mulige fordeling: bevist"
        );
        assert!(
            proof_summary("time_limit", 0.000012, Lang::Da).contains("ikke bevist"),
            "a stopped search never claims a small gap in plain words"
        );
    }
}
