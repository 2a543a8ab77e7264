//! The legal defaults a batch assignment leaves unmet, per placed child: the same flags the
//! shortlist raises, from the placement as it is.
//!
//! For a child at a site: every flag the seven elements raise for the pair (school change,
//! § 52, stk. 4, siblings placed elsewhere, approval of a network family), except the
//! shortlist's sibling-group flags, which speak of free places and are replaced by what the
//! assignment did (`siblings.split_in_assignment` when the group is on several sites); then
//! `network.network_family_not_first` when the child's own network family could take the
//! child but the child is elsewhere, and `stability.outside_family_under_policy` for a child
//! under the family-care policy age who is not in a foster family.

use crate::context::ScoringContext;
use crate::elements::registry;
use crate::explain::{Detail, Reason, ReasonCode, ReasonKind};
use crate::model::Dataset;
use crate::optimize::{Assignment, Placement, Priorities, Priority};
use crate::score::{Policy, judge_pair};

/// Raised on a child whose sibling group the assignment did not keep together: a sibling at
/// another site, or not placed at all.
pub const SPLIT_IN_ASSIGNMENT: ReasonCode = ReasonCode("siblings.split_in_assignment");
/// Raised on a child under the policy age placed outside a foster family, when family care is
/// a tier of the objective: the optimum shows no foster family could take the child without a
/// higher priority losing.
pub const OUTSIDE_FAMILY_UNDER_POLICY: ReasonCode =
    ReasonCode("stability.outside_family_under_policy");
/// The same when the planner's priorities leave family care out.
pub const OUTSIDE_FAMILY_NOT_PRIORITIZED: ReasonCode =
    ReasonCode("stability.outside_family_not_prioritized");

/// The flags of each child (in `Dataset::children()` order); empty for unplaced children.
pub fn assignment_flags(
    dataset: &Dataset,
    batch: &ScoringContext<'_>,
    assignment: &Assignment,
    policy: &Policy,
    priorities: &Priorities,
) -> Vec<Vec<Reason>> {
    let children = dataset.children();
    let sites = dataset.sites();
    let site_of = |idx: usize| match assignment.placements.get(idx) {
        Some(Placement::Placed { site, .. }) => Some(*site),
        _ => None,
    };
    children
        .iter()
        .enumerate()
        .map(|(child_idx, child)| {
            let Some(site_idx) = site_of(child_idx) else {
                return Vec::new();
            };
            let site = &sites[site_idx];
            let ctx = batch.for_child(child);
            let mut flags: Vec<Reason> = registry()
                .iter()
                .flat_map(|element| {
                    let explanation = element.assess(&ctx, child, site);
                    explanation
                        .of_kind(ReasonKind::Flag)
                        .filter(|reason| {
                            !matches!(
                                reason.code.as_str(),
                                "siblings.split_required" | "siblings.sibling_excluded"
                            )
                        })
                        .cloned()
                        .collect::<Vec<_>>()
                })
                .collect();
            if let Some(group) = &child.sibling_group {
                let split = children
                    .iter()
                    .enumerate()
                    .filter(|(_, other)| other.sibling_group.as_ref() == Some(group))
                    .any(|(other_idx, _)| site_of(other_idx) != Some(site_idx));
                if split {
                    flags.push(flag(SPLIT_IN_ASSIGNMENT, Detail::None));
                }
            }
            if let Some(network) = child.network_site.as_ref().and_then(|id| dataset.site(id)) {
                let eligible = !judge_pair(&ctx, child, network).is_excluded();
                if eligible && network.id != site.id {
                    flags.push(flag(
                        crate::elements::NETWORK_FAMILY_NOT_FIRST,
                        Detail::None,
                    ));
                }
            }
            if policy.family_care_applies(child.age) && !site.site_type.is_family() {
                // When family care is a tier of the objective, the optimum proves that no
                // foster family could take the child without a higher tier losing.
                let code = if priorities.contains(Priority::FamilyCare) {
                    OUTSIDE_FAMILY_UNDER_POLICY
                } else {
                    OUTSIDE_FAMILY_NOT_PRIORITIZED
                };
                flags.push(flag(
                    code,
                    Detail::Number(u32::from(policy.family_care_under)),
                ));
            }
            flags
        })
        .collect()
}

fn flag(code: ReasonCode, detail: Detail) -> Reason {
    Reason {
        code,
        kind: ReasonKind::Flag,
        detail,
    }
}
