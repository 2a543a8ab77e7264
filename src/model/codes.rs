//! The vocabularies themselves, in the order PRODUCT.md section 6 lists them.

use super::vocab::vocabulary;

vocabulary! {
    /// A child's recorded sex; used only against a site's sex restriction.
    Sex as "sex" { Female = "f", Male = "m", Other = "x" }
}

vocabulary! {
    /// Which children a site takes by sex.
    SiteSex as "site sex" { Any = "any", Female = "f", Male = "m" }
}

vocabulary! {
    /// Support level from the child's assessment (børnefaglig undersøgelse), lightest first.
    SupportLevel as "support level" { Light = "light", Moderate = "moderate", Severe = "severe" }
}

vocabulary! {
    /// Security a placement needs or a site provides, least restrictive first.
    Security as "security level" { None = "none", PartlyClosed = "partly_closed", Secure = "secure" }
}

vocabulary! {
    /// What a placement is for.
    Purpose as "purpose" {
        Emergency = "emergency", ShortTerm = "short_term", LongTerm = "long_term", Permanent = "permanent",
    }
}

vocabulary! {
    /// Type of placement site under Barnets Lov § 43.
    SiteType as "site type" {
        /// Almen plejefamilie.
        FosterGeneral = "foster_general",
        /// Forstærket plejefamilie.
        FosterReinforced = "foster_reinforced",
        /// Specialiseret plejefamilie.
        FosterSpecialised = "foster_specialised",
        /// Netværksplejefamilie, approved for one specific child.
        FosterNetwork = "foster_network",
        /// Døgninstitution (børne- og ungehjem).
        ResidentialHome = "residential_home",
        /// Socialpædagogisk opholdssted.
        CareHome = "care_home",
        /// Delvis lukket institution or unit.
        PartlyClosed = "partly_closed",
        /// Sikret institution.
        SecureUnit = "secure_unit",
        /// Eget værelse, kollegium.
        OwnRoom = "own_room",
        /// Kost- or efterskole.
        BoardingSchool = "boarding_school",
    }
}

impl SiteType {
    /// Whether the site is a family (plejefamilie of any kind): family care in § 52 terms.
    pub fn is_family(self) -> bool {
        matches!(
            self,
            SiteType::FosterGeneral
                | SiteType::FosterReinforced
                | SiteType::FosterSpecialised
                | SiteType::FosterNetwork
        )
    }

    /// Whether the site is a children's home (børne- og ungehjem, barnets lov § 43, stk. 1,
    /// nr. 6): a døgninstitution of any security level or an opholdssted.
    pub fn is_childrens_home(self) -> bool {
        matches!(
            self,
            SiteType::ResidentialHome
                | SiteType::CareHome
                | SiteType::PartlyClosed
                | SiteType::SecureUnit
        )
    }

    /// Whether the site type can take a child with this support level (PRODUCT.md section 6.2).
    ///
    /// A network family takes its own child at any level; that it is the child's own is checked
    /// by the `network` element, not here.
    pub fn takes_support_level(self, level: SupportLevel) -> bool {
        match level {
            SupportLevel::Light => true,
            SupportLevel::Moderate => self != SiteType::FosterGeneral,
            SupportLevel::Severe => matches!(
                self,
                SiteType::FosterSpecialised
                    | SiteType::FosterNetwork
                    | SiteType::ResidentialHome
                    | SiteType::CareHome
                    | SiteType::PartlyClosed
                    | SiteType::SecureUnit
            ),
        }
    }
}

vocabulary! {
    /// Assessed needs of a child, and the matching competences of a site.
    Need as "need" {
        Trauma = "trauma",
        Attachment = "attachment",
        AnxietyDepression = "anxiety_depression",
        Adhd = "adhd",
        Autism = "autism",
        IntellectualDisability = "intellectual_disability",
        PhysicalDisability = "physical_disability",
        MedicalCare = "medical_care",
        SelfHarm = "self_harm",
        SubstanceUse = "substance_use",
        Crime = "crime",
        Aggression = "aggression",
        SexualisedBehaviour = "sexualised_behaviour",
        SchoolAbsence = "school_absence",
        EatingDisorder = "eating_disorder",
        UnaccompaniedMinor = "unaccompanied_minor",
    }
}

vocabulary! {
    /// What a child (or the parents) wished for.
    Wish as "wish" {
        Dog = "dog",
        Cat = "cat",
        OtherPets = "other_pets",
        Rural = "rural",
        Urban = "urban",
        OtherChildren = "other_children",
        NoOtherChildren = "no_other_children",
        OwnRoom = "own_room",
        Sports = "sports",
        Music = "music",
        HorseRiding = "horse_riding",
        NearFriends = "near_friends",
        FaithPractice = "faith_practice",
    }
}

vocabulary! {
    /// Features of a site, also what a child `must_not` have.
    Feature as "feature" {
        Dog = "dog",
        Cat = "cat",
        OtherPets = "other_pets",
        Rural = "rural",
        Urban = "urban",
        OwnRoom = "own_room",
        InternalSchool = "internal_school",
        WheelchairAccess = "wheelchair_access",
        Sports = "sports",
        Music = "music",
        Horses = "horses",
        FaithPractice = "faith_practice",
        YoungChildrenInHome = "young_children_in_home",
    }
}

impl Feature {
    /// The features the `must_not` shorthand `pets` stands for.
    pub const PETS: [Feature; 3] = [Feature::Dog, Feature::Cat, Feature::OtherPets];
}

vocabulary! {
    /// The five Danish regions.
    Region as "region" {
        Hovedstaden = "Hovedstaden",
        Sjaelland = "Sjælland",
        Syddanmark = "Syddanmark",
        Midtjylland = "Midtjylland",
        Nordjylland = "Nordjylland",
    }
}

vocabulary! {
    /// How a link between two municipalities is travelled.
    LinkMode as "link mode" { Road = "road", Bridge = "bridge", Ferry = "ferry" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn support_level_table_matches_product_spec() {
        use SiteType::*;
        assert!(FosterGeneral.takes_support_level(SupportLevel::Light));
        assert!(!FosterGeneral.takes_support_level(SupportLevel::Moderate));
        assert!(OwnRoom.takes_support_level(SupportLevel::Moderate));
        for site_type in [FosterGeneral, FosterReinforced, OwnRoom, BoardingSchool] {
            assert!(!site_type.takes_support_level(SupportLevel::Severe));
        }
        for site_type in [
            FosterSpecialised,
            ResidentialHome,
            CareHome,
            PartlyClosed,
            SecureUnit,
        ] {
            assert!(site_type.takes_support_level(SupportLevel::Severe));
        }
    }
}
