//! The places residents live in: communes, and the territories votes and councils are drawn over.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub id: i64,
    pub name: String,
    pub kind: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Places {
    pub communes: Vec<Place>,
    pub territories: Vec<Place>,
}

/// Kind labels of territories, for the grouped lists of the forms.
pub fn territory_kind_label(kind: &str) -> &'static str {
    match kind {
        "departement" => "Territoires du Pas-de-Calais",
        "quartier" => "Quartiers de Béthune",
        "quartier_prioritaire" => "Quartiers prioritaires d'Alès Agglomération",
        _ => "Autres territoires",
    }
}
