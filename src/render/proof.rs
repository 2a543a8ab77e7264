//! How an assignment's optimality was established, in Danish and English: a plain sentence
//! for people ("proven best" or "stopped; at most X from the best") and the technical proof
//! for those who check it. The optimizer hands over the proof as data (`optimize::Proof`).

use super::{Lang, count, decimal};
use crate::optimize::{Optimality, Proof, ProofStep};

use super::plural;

/// How often the flow model was widened.
fn widened(n: usize, lang: Lang) -> String {
    match (n, lang) {
        (0, Lang::En) => "not widened".to_string(),
        (0, Lang::Da) => "ikke udvidet".to_string(),
        (n, Lang::En) => format!("widened in {}", plural(n, "round", "rounds")),
        (n, Lang::Da) => format!("udvidet i {}", plural(n, "runde", "runder")),
    }
}

/// The plain sentence: proven best, or stopped before the proof, then what is proven per tier:
/// how many more children could at most be placed, and, when the gap lies in the score alone,
/// how many score points at most are missing. The relative gap is never put in words: on the
/// exact objective it mixes the tiers, so a small figure could hide a child left unplaced.
pub fn proof_summary(optimality: &Optimality, lang: Lang) -> String {
    if optimality.status == "optimal" {
        return match lang {
            Lang::En => {
                "It is proven that no other assignment is better under the chosen priorities"
                    .to_string()
            }
            Lang::Da => {
                "Det er bevist, at ingen anden fordeling er bedre efter de valgte prioriteter"
                    .to_string()
            }
        };
    }
    let mut text = match lang {
        Lang::En => "The calculation was stopped by the time limit before the proof was complete. The assignment is the best one found, but it is not proven to be the best possible".to_string(),
        Lang::Da => "Beregningen blev stoppet af tidsgrænsen, før beviset var færdigt. Fordelingen er den bedste, der blev fundet, men det er ikke bevist, at den er den bedst mulige".to_string(),
    };
    match (optimality.more_placed_at_most, lang) {
        (Some(0), Lang::En) => {
            text.push_str(". It is proven that no assignment gives more children a placement site")
        }
        (Some(0), Lang::Da) => text
            .push_str(". Det er bevist, at ingen fordeling giver flere børn et anbringelsessted"),
        (Some(n), Lang::En) => text.push_str(&format!(
            ". It is proven that at most {} more can be given a placement site",
            plural(n as usize, "child", "children")
        )),
        (Some(n), Lang::Da) => text.push_str(&format!(
            ". Det er bevist, at højst {} mere kan få et anbringelsessted",
            plural(n as usize, "barn", "børn")
        )),
        (None, _) => {}
    }
    if let Some(points) = optimality.gap_score_points {
        text.push_str(&match lang {
            Lang::En => format!(
                ". It is proven that the priorities before the score cannot be improved, and the total score is at most {} points below the best possible",
                decimal(points, 3, lang)
            ),
            Lang::Da => format!(
                ". Det er bevist, at prioriteterne før scoren ikke kan forbedres, og den samlede score ligger højst {} point under den bedst mulige",
                decimal(points, 3, lang)
            ),
        });
    }
    text
}

/// The technical proof in words.
pub fn proof_text(proof: &Proof, lang: Lang) -> String {
    let flow = match lang {
        Lang::En => format!(
            "LP relaxation solved exactly by min-cost flow (shortest augmenting paths) on the best {} per child, {}; \
             a dual solution proves it for all {} eligible (child or sibling group, site) columns: none has a positive reduced cost and the dual objective equals the primal",
            if proof.candidates == 1 {
                "site".to_string()
            } else {
                format!("{} sites", proof.candidates)
            },
            widened(proof.widenings, lang),
            count(proof.pairs_certified, lang)
        ),
        Lang::Da => format!(
            "LP-relaksationen er løst eksakt som en minimumsomkostningsstrømning i et netværk (korteste forøgende stier) på {} pr. barn, {}; \
             en dual løsning beviser resultatet for alle {} tilladte søjler (barn eller søskendeflok, sted): ingen har positiv reduceret omkostning, og den duale værdi er lig med den primale",
            if proof.candidates == 1 {
                "det bedste sted".to_string()
            } else {
                format!("de {} bedste steder", proof.candidates)
            },
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
            "alle søskendeflokke er samlet i dette optimum, så det er også det heltallige optimum"
                .to_string()
        }
        (ProofStep::Integral { .. }, Lang::En) => {
            "the transportation problem has integral optima, so it is the integer optimum"
                .to_string()
        }
        (ProofStep::Integral { .. }, Lang::Da) => {
            "transportproblemet har heltallige optima, så det er det heltallige optimum".to_string()
        }
        (
            ProofStep::BranchAndBound {
                split_groups,
                nodes,
                complete,
            },
            Lang::En,
        ) => format!(
            "{} split in the LP optimum, so it is not a whole-group solution. Branch and bound over the sibling groups (each node places a group whole at one site or leaves it without a site; \
             a group with one option left is decided at once), every node bounded by a Lagrangian relaxation with one exact knapsack problem per site, never weaker than the LP relaxation; \
             columns that cannot be part of a better solution are left out, and once every group is decided the single children are placed by the certified min-cost flow: {}, {}",
            plural(*split_groups, "sibling group", "sibling groups"),
            plural(*nodes, "node", "nodes"),
            if *complete {
                "search complete, proven optimal"
            } else {
                "stopped before the search was complete"
            }
        ),
        (
            ProofStep::BranchAndBound {
                split_groups,
                nodes,
                complete,
            },
            Lang::Da,
        ) => format!(
            "{} er delt i LP-optimum, så det er ikke en løsning med samlede flokke. En forgreningssøgning over søskendeflokkene (hver knude placerer en flok samlet på ét sted eller lader den stå uden sted; \
             en flok med kun én mulighed tilbage afgøres straks), hver knude afgrænset af en Lagrange-relaksation med ét eksakt rygsækproblem pr. sted, aldrig svagere end LP-relaksationen; \
             søjler, der ikke kan indgå i en bedre løsning, er udeladt, og når alle flokke er afgjort, placeres de enkelte børn af den certificerede minimumsomkostningsstrømning: {}; {}",
            plural(*split_groups, "søskendeflok", "søskendeflokke"),
            plural(*nodes, "knude", "knuder"),
            if *complete {
                "søgningen er fuldført, og optimum er bevist"
            } else {
                "søgningen blev stoppet, før den var fuldført"
            }
        ),
        (
            ProofStep::Partitions {
                groups,
                choices,
                solved,
                complete,
                ..
            },
            Lang::En,
        ) => format!(
            "{} may be split; each part beyond the first (a part without a place included) costs one unit of the siblings tier. \
             A Lagrangian relaxation of the sites' places gives an upper bound for each way of dividing the groups into parts; {} could not be ruled out beforehand: \
             {} solved with the parts kept together, by the same method and each with its own proof, the rest ruled out by a better solution already found: {}",
            plural(*groups, "sibling group", "sibling groups"),
            plural(*choices, "way", "ways"),
            count(*solved, lang),
            if *complete {
                "proven optimal"
            } else {
                "stopped before all were done"
            }
        ),
        (
            ProofStep::Partitions {
                groups,
                choices,
                solved,
                complete,
                ..
            },
            Lang::Da,
        ) => format!(
            "{} kan deles; hver del ud over den første (også en del uden sted) koster én enhed i prioriteten om samlede søskende. \
             En Lagrange-relaksation af stedernes pladser giver en øvre grænse for, hvad hver måde at dele flokkene på kan give; {} kunne ikke udelukkes på forhånd: \
             {} er løst med delene holdt samlet, med samme metode og hver med sit eget bevis, og resten er udelukket af en bedre løsning, der allerede var fundet: {}",
            plural(*groups, "søskendeflok", "søskendeflokke"),
            plural(*choices, "måde", "måder"),
            count(*solved, lang),
            if *complete {
                "optimum er bevist"
            } else {
                "stoppet, før alle var afgjort"
            }
        ),
        (
            ProofStep::Milp {
                split_groups,
                kept_columns,
                backend,
                complete,
            },
            Lang::En,
        ) => format!(
            "{} split in the LP optimum, so it is not a whole-group solution. Reduced-cost fixing against the best solution found kept {} of {} columns \
             (no other column can be part of a better solution); MILP with {backend} on those, warm-started with that solution: {}",
            plural(*split_groups, "sibling group", "sibling groups"),
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
                kept_columns,
                backend,
                complete,
            },
            Lang::Da,
        ) => format!(
            "{} er delt i LP-optimum, så det er ikke en løsning med samlede flokke. Fiksering efter reduceret omkostning mod den bedste fundne løsning beholdt {} af {} søjler \
             (ingen anden søjle kan indgå i en bedre løsning); et blandet heltalsprogram løst med {backend} på dem, startet fra den løsning: {}",
            plural(*split_groups, "søskendeflok", "søskendeflokke"),
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
                nodes: 1,
                complete: true,
            },
        };
        let danish = proof_text(&proof, Lang::Da);
        assert!(danish.contains("udvidet i 1 runde;"), "{danish}");
        assert!(danish.contains("2 søskendeflokke er delt"), "{danish}");
        assert!(
            !danish.contains("grænsen"),
            "no raw bound: it mixes the tiers"
        );
        assert!(
            danish.contains("1 knude; søgningen er fuldført"),
            "{danish}"
        );
        let english = proof_text(&proof, Lang::En);
        assert!(english.contains("widened in 1 round;"), "{english}");
        assert!(!english.contains("(s)"), "{english}");
        let mut optimality = Optimality {
            status: "optimal",
            proof,
            gap: 0.0,
            more_placed_at_most: Some(0),
            gap_score_points: Some(0.0),
            pairs_certified: 4899,
            candidate_pairs: 100,
            rounds: 2,
            milp_columns: 0,
            backend: "microlp",
        };
        assert_eq!(
            proof_summary(&optimality, Lang::Da),
            "Det er bevist, at ingen anden fordeling er bedre efter de valgte prioriteter"
        );
        optimality.status = "time_limit";
        optimality.more_placed_at_most = Some(2);
        optimality.gap_score_points = None;
        let stopped = proof_summary(&optimality, Lang::Da);
        assert!(stopped.contains("ikke bevist"), "{stopped}");
        assert!(
            stopped.contains("højst 2 børn mere kan få et anbringelsessted"),
            "{stopped}"
        );
        optimality.more_placed_at_most = Some(0);
        optimality.gap_score_points = Some(0.0421);
        let stopped = proof_summary(&optimality, Lang::En);
        assert!(
            stopped.contains("no assignment gives more children a placement site"),
            "{stopped}"
        );
        assert!(stopped.contains("at most 0.042 points below"), "{stopped}");
    }

    #[test]
    fn the_search_over_partitions_reads_in_both_languages() {
        let proof = Proof {
            candidates: 32,
            widenings: 0,
            pairs_certified: 192_750,
            step: ProofStep::Partitions {
                split_groups: 1,
                groups: 58,
                choices: 1,
                solved: 1,
                complete: true,
            },
        };
        let danish = proof_text(&proof, Lang::Da);
        assert!(danish.contains("58 søskendeflokke kan deles;"), "{danish}");
        assert!(danish.contains("også en del uden sted"), "{danish}");
        assert!(
            danish.contains("1 måde kunne ikke udelukkes på forhånd: 1 er løst"),
            "{danish}"
        );
        assert!(danish.ends_with("optimum er bevist"), "{danish}");
        let english = proof_text(&proof, Lang::En);
        assert!(
            english.contains("1 way could not be ruled out beforehand: 1 solved"),
            "{english}"
        );
        assert!(english.ends_with("proven optimal"), "{english}");
    }
}
