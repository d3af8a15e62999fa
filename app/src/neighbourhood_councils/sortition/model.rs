//! The sortition instance: pool, quotas, seats, and the grouping of
//! interchangeable candidates that the solvers work on.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::error::SortitionError;

/// One person who volunteered. `values` has one entry per feature of the
/// pool, in the pool's feature order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub id: String,
    pub values: Vec<String>,
    /// Only read when the instance asks for at most one person per household.
    pub household: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pool {
    pub features: Vec<String>,
    pub candidates: Vec<Candidate>,
}

/// Bounds on how many panel members carry `value` for `feature`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quota {
    pub feature: String,
    pub value: String,
    pub min: u32,
    pub max: u32,
}

/// Candidates that no constraint tells apart: same value for every feature
/// with quotas, and no household shared with anyone else. Swapping two of them
/// maps feasible panels to feasible panels, so the (unique) leximin
/// probabilities are equal inside a group and the solvers only need counts.
#[derive(Debug)]
pub(super) struct Group {
    /// Candidate indices, ascending.
    pub members: Vec<usize>,
    /// Indices of the quotas this group counts towards, one per quota feature.
    pub quotas: Vec<usize>,
}

impl Group {
    pub fn size(&self) -> u32 {
        self.members.len() as u32
    }
}

/// A validated sortition problem.
#[derive(Debug)]
pub struct Instance {
    pool: Pool,
    quotas: Vec<Quota>,
    seats: u32,
    one_per_household: bool,
    pub(super) groups: Vec<Group>,
    /// For each quota, the groups counting towards it.
    pub(super) quota_groups: Vec<Vec<usize>>,
    /// For each quota feature, its quotas.
    pub(super) feature_quotas: Vec<Vec<usize>>,
    /// Groups whose members share a household: at most one of them may sit.
    pub(super) households: Vec<Vec<usize>>,
    /// For each candidate, the household constraint it belongs to, if any.
    pub(super) candidate_household: Vec<Option<usize>>,
    pub(super) candidate_group: Vec<usize>,
}

pub(super) fn invalid(message: String) -> SortitionError {
    SortitionError::InvalidInput(message)
}

impl Instance {
    /// Checks the inputs and groups interchangeable candidates. Pool
    /// features without quotas are ignored; a pool value of a feature with
    /// quotas must have its own quota (a typo such as « Femme » against
    /// « femme » would otherwise escape every bound).
    pub fn new(pool: Pool, quotas: Vec<Quota>, seats: u32, one_per_household: bool) -> Result<Self, SortitionError> {
        if seats == 0 {
            return Err(invalid("le nombre de sièges doit être d'au moins 1".into()));
        }
        if pool.candidates.is_empty() {
            return Err(invalid("le vivier est vide".into()));
        }
        let mut ids = HashMap::new();
        for candidate in &pool.candidates {
            if candidate.values.len() != pool.features.len() {
                return Err(invalid(format!(
                    "le candidat « {} » a {} valeurs pour {} caractéristiques",
                    candidate.id,
                    candidate.values.len(),
                    pool.features.len()
                )));
            }
            if ids.insert(candidate.id.as_str(), ()).is_some() {
                return Err(invalid(format!(
                    "l'identifiant « {} » apparaît plusieurs fois dans le vivier",
                    candidate.id
                )));
            }
        }

        // (feature column, value) -> quota index; columns in first-quota order.
        let mut quota_index: HashMap<(usize, &str), usize> = HashMap::new();
        let mut quota_columns: Vec<usize> = Vec::new();
        let mut feature_quotas: Vec<Vec<usize>> = Vec::new();
        for (index, quota) in quotas.iter().enumerate() {
            let Some(column) = pool.features.iter().position(|f| *f == quota.feature) else {
                return Err(invalid(format!(
                    "la caractéristique « {} » des quotas n'existe pas dans le vivier",
                    quota.feature
                )));
            };
            if quota.min > quota.max {
                return Err(invalid(format!(
                    "quota « {} » ({}) : minimum {} supérieur au maximum {}",
                    quota.value, quota.feature, quota.min, quota.max
                )));
            }
            if quota_index.insert((column, quota.value.as_str()), index).is_some() {
                return Err(invalid(format!("quota en double pour « {} » ({})", quota.value, quota.feature)));
            }
            match quota_columns.iter().position(|&c| c == column) {
                Some(slot) => feature_quotas[slot].push(index),
                None => {
                    quota_columns.push(column);
                    feature_quotas.push(vec![index]);
                }
            }
        }

        let mut candidate_quotas = Vec::with_capacity(pool.candidates.len());
        for candidate in &pool.candidates {
            let mut keys = Vec::with_capacity(quota_columns.len());
            for &column in &quota_columns {
                let value = candidate.values[column].as_str();
                let Some(&quota) = quota_index.get(&(column, value)) else {
                    return Err(invalid(format!(
                        "le candidat « {} » a la valeur « {} » pour « {} », qui n'a pas de quota",
                        candidate.id, value, pool.features[column]
                    )));
                };
                keys.push(quota);
            }
            candidate_quotas.push(keys);
        }

        // Households with two or more candidates; BTreeMap for a stable order.
        let mut household_members: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        if one_per_household {
            for (index, candidate) in pool.candidates.iter().enumerate() {
                if let Some(household) = &candidate.household {
                    household_members.entry(household).or_default().push(index);
                }
            }
            household_members.retain(|_, members| members.len() > 1);
        }
        let mut candidate_household = vec![None; pool.candidates.len()];
        for (slot, members) in household_members.values().enumerate() {
            for &member in members {
                candidate_household[member] = Some(slot);
            }
        }

        let mut groups: Vec<Group> = Vec::new();
        let mut group_of_key: HashMap<&[usize], usize> = HashMap::new();
        let mut candidate_group = Vec::with_capacity(pool.candidates.len());
        for (index, keys) in candidate_quotas.iter().enumerate() {
            let shared = candidate_household[index].is_some();
            let existing = if shared { None } else { group_of_key.get(keys.as_slice()).copied() };
            let group = existing.unwrap_or_else(|| {
                groups.push(Group { members: Vec::new(), quotas: keys.clone() });
                if !shared {
                    group_of_key.insert(keys.as_slice(), groups.len() - 1);
                }
                groups.len() - 1
            });
            groups[group].members.push(index);
            candidate_group.push(group);
        }
        let households =
            household_members.values().map(|members| members.iter().map(|&m| candidate_group[m]).collect()).collect();

        let mut quota_groups = vec![Vec::new(); quotas.len()];
        for (index, group) in groups.iter().enumerate() {
            for &quota in &group.quotas {
                quota_groups[quota].push(index);
            }
        }

        Ok(Self {
            pool,
            quotas,
            seats,
            one_per_household,
            groups,
            quota_groups,
            feature_quotas,
            households,
            candidate_household,
            candidate_group,
        })
    }

    pub fn pool(&self) -> &Pool {
        &self.pool
    }

    pub fn quotas(&self) -> &[Quota] {
        &self.quotas
    }

    pub fn seats(&self) -> u32 {
        self.seats
    }

    pub fn one_per_household(&self) -> bool {
        self.one_per_household
    }

    /// Whether a panel, given as candidate indices, meets every constraint:
    /// size, distinct members, quotas and households.
    pub fn is_valid_panel(&self, members: &[usize]) -> bool {
        let mut sorted = members.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        if sorted.len() != members.len()
            || members.len() != self.seats as usize
            || sorted.last().is_some_and(|&m| m >= self.pool.candidates.len())
        {
            return false;
        }
        let mut counts = vec![0u32; self.groups.len()];
        for &member in members {
            counts[self.candidate_group[member]] += 1;
        }
        self.is_valid_composition(&counts)
    }

    /// Whether per-group counts describe a valid panel.
    pub(super) fn is_valid_composition(&self, counts: &[u32]) -> bool {
        counts.len() == self.groups.len()
            && counts.iter().sum::<u32>() == self.seats
            && counts.iter().zip(&self.groups).all(|(&c, g)| c <= g.size())
            && self.quotas.iter().zip(&self.quota_groups).all(|(q, groups)| {
                let total: u32 = groups.iter().map(|&g| counts[g]).sum();
                (q.min..=q.max).contains(&total)
            })
            && self.households.iter().all(|groups| groups.iter().map(|&g| counts[g]).sum::<u32>() <= 1)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A pool from rows of feature values; ids are "1", "2", ….
    pub fn pool(features: &[&str], rows: &[&[&str]]) -> Pool {
        Pool {
            features: features.iter().map(|f| f.to_string()).collect(),
            candidates: rows
                .iter()
                .enumerate()
                .map(|(i, row)| Candidate {
                    id: (i + 1).to_string(),
                    values: row.iter().map(|v| v.to_string()).collect(),
                    household: None,
                })
                .collect(),
        }
    }

    pub fn quota(feature: &str, value: &str, min: u32, max: u32) -> Quota {
        Quota { feature: feature.into(), value: value.into(), min, max }
    }

    #[test]
    fn groups_interchangeable_candidates() {
        let mut pool = pool(
            &["genre", "âge", "note"],
            &[
                &["f", "jeune", "a"],
                &["h", "jeune", "b"],
                &["f", "jeune", "c"],
                &["f", "vieux", "a"],
                &["f", "jeune", "d"],
            ],
        );
        pool.candidates[4].household = Some("rue 1".into());
        pool.candidates[3].household = Some("rue 1".into());
        let quotas = vec![
            quota("genre", "f", 0, 3),
            quota("genre", "h", 0, 3),
            quota("âge", "jeune", 0, 3),
            quota("âge", "vieux", 0, 3),
        ];
        let grouped = Instance::new(pool.clone(), quotas.clone(), 2, false).unwrap();
        let members: Vec<_> = grouped.groups.iter().map(|g| g.members.clone()).collect();
        // The unquoted "note" column does not split groups.
        assert_eq!(members, vec![vec![0, 2, 4], vec![1], vec![3]]);
        assert!(grouped.households.is_empty());

        let households = Instance::new(pool, quotas, 2, true).unwrap();
        let members: Vec<_> = households.groups.iter().map(|g| g.members.clone()).collect();
        assert_eq!(members, vec![vec![0, 2], vec![1], vec![3], vec![4]]);
        assert_eq!(households.households, vec![vec![2, 3]]);
        assert_eq!(households.feature_quotas, vec![vec![0, 1], vec![2, 3]]);
        assert!(households.is_valid_panel(&[0, 3]));
        assert!(!households.is_valid_panel(&[3, 4]));
        assert!(!households.is_valid_panel(&[0, 0]));
        assert!(!households.is_valid_panel(&[0, 1, 2]));
    }

    #[test]
    fn rejects_inconsistent_inputs() {
        let base = pool(&["genre"], &[&["f"], &["h"]]);
        let quotas = vec![quota("genre", "f", 0, 1), quota("genre", "h", 0, 1)];
        let error =
            |pool: Pool, quotas: Vec<Quota>, seats| Instance::new(pool, quotas, seats, false).unwrap_err().to_string();
        assert_eq!(error(base.clone(), quotas.clone(), 0), "le nombre de sièges doit être d'au moins 1");
        assert_eq!(
            error(base.clone(), vec![quota("genre", "f", 0, 1)], 1),
            "le candidat « 2 » a la valeur « h » pour « genre », qui n'a pas de quota"
        );
        assert_eq!(
            error(base.clone(), vec![quota("âge", "x", 0, 1)], 1),
            "la caractéristique « âge » des quotas n'existe pas dans le vivier"
        );
        assert_eq!(
            error(base.clone(), vec![quota("genre", "f", 2, 1)], 1),
            "quota « f » (genre) : minimum 2 supérieur au maximum 1"
        );
        let mut twins = base;
        twins.candidates[1].id = "1".into();
        assert_eq!(error(twins, quotas, 1), "l'identifiant « 1 » apparaît plusieurs fois dans le vivier");
    }
}
