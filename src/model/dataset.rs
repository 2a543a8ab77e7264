//! A whole dataset: the children awaiting placement, the sites, and the geography.

use super::{Child, ChildId, Link, Municipality, MunicipalityCode, Site, SiteId};

/// Children, sites, municipalities and links, each sorted by ID so that row order in the
/// files never changes the model (ties cannot occur: the loader refuses duplicate IDs).
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    children: Vec<Child>,
    sites: Vec<Site>,
    municipalities: Vec<Municipality>,
    links: Vec<Link>,
}

impl Dataset {
    /// Builds a dataset, putting every list in its canonical order.
    ///
    /// The caller (normally the loader) has checked IDs for uniqueness and references for
    /// existence; this constructor only orders.
    pub fn new(
        mut children: Vec<Child>,
        mut sites: Vec<Site>,
        mut municipalities: Vec<Municipality>,
        mut links: Vec<Link>,
    ) -> Self {
        children.sort_by(|a, b| a.id.cmp(&b.id));
        sites.sort_by(|a, b| a.id.cmp(&b.id));
        municipalities.sort_by_key(|municipality| municipality.code);
        links.sort_by(|x, y| {
            (x.a.min(x.b), x.a.max(x.b), x.mode).cmp(&(y.a.min(y.b), y.a.max(y.b), y.mode))
        });
        Dataset {
            children,
            sites,
            municipalities,
            links,
        }
    }

    /// Children sorted by ID.
    pub fn children(&self) -> &[Child] {
        &self.children
    }

    /// Sites sorted by ID.
    pub fn sites(&self) -> &[Site] {
        &self.sites
    }

    /// Municipalities sorted by code.
    pub fn municipalities(&self) -> &[Municipality] {
        &self.municipalities
    }

    /// Links sorted by their (smaller, larger) end codes.
    pub fn links(&self) -> &[Link] {
        &self.links
    }

    /// The child with this ID.
    pub fn child(&self, id: &ChildId) -> Option<&Child> {
        self.child_index(id).map(|idx| &self.children[idx])
    }

    /// The position of the child with this ID in [`Dataset::children`].
    pub fn child_index(&self, id: &ChildId) -> Option<usize> {
        self.children
            .binary_search_by(|child| child.id.cmp(id))
            .ok()
    }

    /// The site with this ID.
    pub fn site(&self, id: &SiteId) -> Option<&Site> {
        self.site_index(id).map(|idx| &self.sites[idx])
    }

    /// The position of the site with this ID in [`Dataset::sites`].
    pub fn site_index(&self, id: &SiteId) -> Option<usize> {
        self.sites.binary_search_by(|site| site.id.cmp(id)).ok()
    }

    /// The sibling groups of two or more children awaiting placement, as positions in
    /// [`Dataset::children`], in order of the group label (and child order within).
    pub fn sibling_groups(&self) -> Vec<Vec<usize>> {
        let mut by_label: std::collections::BTreeMap<&str, Vec<usize>> =
            std::collections::BTreeMap::new();
        for (idx, child) in self.children.iter().enumerate() {
            if let Some(group) = &child.sibling_group {
                by_label.entry(group.as_str()).or_default().push(idx);
            }
        }
        by_label
            .into_values()
            .filter(|members| members.len() > 1)
            .collect()
    }

    /// The municipality with this code.
    pub fn municipality(&self, code: MunicipalityCode) -> Option<&Municipality> {
        self.municipalities
            .binary_search_by_key(&code, |municipality| municipality.code)
            .ok()
            .map(|idx| &self.municipalities[idx])
    }
}
