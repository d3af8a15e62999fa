//! The places residents live in: communes, and the territories votes and councils are drawn over.
use serde::{Deserialize, Serialize};

crate::stored_code! {
    /// What sort of area a territory is.
    pub enum TerritoryKind {
        /// A territory of the Pas-de-Calais department.
        Departement = "departement",
        /// A neighbourhood of Béthune.
        Quartier = "quartier",
        /// A priority neighbourhood of Alès Agglomération.
        QuartierPrioritaire = "quartier_prioritaire",
        /// The area of a campaign imported from a Pabulib file, not a place residents live in.
        Pabulib = "pabulib",
    }
}

impl TerritoryKind {
    /// The heading of its territories in the grouped lists of the forms.
    pub fn label(self) -> &'static str {
        match self {
            TerritoryKind::Departement => "Territoires du Pas-de-Calais",
            TerritoryKind::Quartier => "Quartiers de Béthune",
            TerritoryKind::QuartierPrioritaire => "Quartiers prioritaires d'Alès Agglomération",
            TerritoryKind::Pabulib => "Autres territoires",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub id: i64,
    pub name: String,
    /// `None` for a commune.
    pub kind: Option<TerritoryKind>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Places {
    pub communes: Vec<Place>,
    pub territories: Vec<Place>,
}
