//! The batch screen: which sites are worth judging for a child when every pair of a batch is
//! scored. It answers from a compact table of the sites' cheapest gates (a few bytes a site,
//! so the scan stays in cache) and never leaves out a site the judges would keep: every site
//! it skips fails a gate of `setting` or `network`, and every site it keeps is judged in full.
//!
//! - A site closed to every child (no free place; not approved and nobody's network family)
//!   is never a candidate.
//! - A network foster family is a candidate only for the child it is named for (the gate of
//!   `network`); it is kept apart, so the other children never scan it.
//! - Age outside the site's range (by a year or more), the site's sex restriction, and a
//!   missing approval (for a site that is not a network family) are the gates of `setting`.

use std::collections::HashMap;

use crate::model::{Child, ChildId, Sex, Site, SiteSex, SiteType};

use super::closed_to_every_child;

/// One site's cheapest gates, packed.
#[derive(Debug, Clone, Copy)]
struct Gates {
    /// Position in the site list.
    site: u32,
    /// Youngest age taken (0 without a bound).
    age_min: u8,
    /// Oldest age taken (`u8::MAX` without a bound).
    age_max: u8,
    /// Sex the site is restricted to.
    sex: SiteSex,
    /// Not approved (and not anybody's network family, which may be unapproved).
    unapproved: bool,
}

/// The sites open to some child, split into those any child may pass and each child's own
/// network families.
#[derive(Debug, Clone)]
pub struct BatchScreen<'a> {
    general: Vec<Gates>,
    own: HashMap<&'a ChildId, Vec<u32>>,
}

impl<'a> BatchScreen<'a> {
    /// The screen of a site list.
    pub fn new(sites: &'a [Site]) -> BatchScreen<'a> {
        let mut general = Vec::new();
        let mut own: HashMap<&'a ChildId, Vec<u32>> = HashMap::new();
        for (idx, site) in sites.iter().enumerate() {
            if closed_to_every_child(site) {
                continue;
            }
            let Ok(position) = u32::try_from(idx) else {
                break;
            };
            match (&site.network_for, site.site_type == SiteType::FosterNetwork) {
                // A network family: only its own child passes the gate of `network`.
                (Some(child), true) => own.entry(child).or_default().push(position),
                // Nobody's network family of that type: no child passes it.
                (None, true) => {}
                (named, false) => general.push(Gates {
                    site: position,
                    age_min: site.age_min.unwrap_or(0),
                    age_max: site.age_max.unwrap_or(u8::MAX),
                    sex: site.sex,
                    // A site named for a child may be unapproved for that child: not screened.
                    unapproved: !site.approved && named.is_none(),
                }),
            }
        }
        BatchScreen { general, own }
    }

    /// The positions of the sites worth judging for `child`, in site order.
    pub fn candidates(&self, child: &Child) -> Vec<usize> {
        let age = child.age;
        let mut list: Vec<usize> = self
            .general
            .iter()
            .filter(|gates| {
                let sex_ok = match (gates.sex, child.sex) {
                    (SiteSex::Any, _) | (_, None) => true,
                    (SiteSex::Female, Some(sex)) => sex == Sex::Female,
                    (SiteSex::Male, Some(sex)) => sex == Sex::Male,
                };
                age >= gates.age_min && age <= gates.age_max && sex_ok && !gates.unapproved
            })
            .map(|gates| gates.site as usize)
            .collect();
        if let Some(own) = self.own.get(&child.id) {
            list.extend(own.iter().map(|&site| site as usize));
            list.sort_unstable();
        }
        list
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::elements::testing::{child, site};

    #[test]
    fn network_families_only_for_their_child_and_the_cheap_gates_screened() {
        let mut sites = vec![site(), site(), site(), site(), site()];
        sites[1].site_type = SiteType::FosterNetwork;
        sites[1].network_for = Some(ChildId::new("C-1"));
        sites[1].approved = false;
        sites[2].age_min = Some(15);
        sites[3].sex = SiteSex::Male;
        sites[4].free_places = 0;
        let screen = BatchScreen::new(&sites);
        let mut first = child();
        first.id = ChildId::new("C-1");
        first.sex = Some(Sex::Female);
        first.age = 9;
        assert_eq!(screen.candidates(&first), [0, 1]);
        let mut other = first.clone();
        other.id = ChildId::new("C-2");
        other.sex = None;
        assert_eq!(
            screen.candidates(&other),
            [0, 3],
            "no sex recorded: not screened"
        );
    }
}
