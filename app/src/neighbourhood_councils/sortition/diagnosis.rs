//! Explaining infeasible quotas: the smallest relaxation, in total seats
//! moved across all quota bounds, that lets a valid panel exist.

use microlp::{ComparisonOp, OptimizationDirection};

use super::error::{Bound, Conflict, Relaxation, SortitionError};
use super::model::Instance;
use super::pricing::{panel_problem, solver_error};

/// The error to return for an instance without any valid panel.
pub(super) fn diagnose(instance: &Instance) -> SortitionError {
    let seats = instance.seats();
    let in_households: usize = instance.households.iter().map(Vec::len).sum();
    let capacity = instance.pool().candidates.len() - in_households + instance.households.len();
    if capacity < seats as usize {
        return SortitionError::NotEnoughCandidates {
            available: capacity,
            seats,
            households: !instance.households.is_empty(),
        };
    }
    match smallest_relaxation(instance) {
        Ok(relaxations) => SortitionError::InfeasibleQuotas(relaxations),
        Err(error) => error,
    }
}

fn smallest_relaxation(instance: &Instance) -> Result<Vec<Relaxation>, SortitionError> {
    let seats = instance.seats();
    let zeros = vec![0.0; instance.groups.len()];
    let (mut problem, counts) = panel_problem(instance, OptimizationDirection::Minimize, &zeros, true);
    // Integer slack per bound that can bind, each seat of slack costing 1.
    let mut slacks = Vec::new();
    for (index, (quota, groups)) in instance.quotas().iter().zip(&instance.quota_groups).enumerate() {
        let expr = || groups.iter().map(|&g| (counts[g], 1.0));
        if quota.min > 0 {
            let slack = problem.add_integer_var(1.0, (0, quota.min as i32));
            problem.add_constraint(expr().chain([(slack, 1.0)]), ComparisonOp::Ge, f64::from(quota.min));
            slacks.push((index, Bound::Min, slack));
        }
        if quota.max < seats {
            let slack = problem.add_integer_var(1.0, (0, (seats - quota.max) as i32));
            problem.add_constraint(expr().chain([(slack, -1.0)]), ComparisonOp::Le, f64::from(quota.max));
            slacks.push((index, Bound::Max, slack));
        }
    }
    let solution = problem
        .solve()
        .map_err(solver_error)?
        .into_solution()
        .map_err(|_| SortitionError::Solver("recherche interrompue".into()))?;

    let available =
        |quota: usize| -> u32 { instance.quota_groups[quota].iter().map(|&g| instance.groups[g].size()).sum() };
    let feature_of = |quota: usize| {
        instance.feature_quotas.iter().find(|quotas| quotas.contains(&quota)).map_or(&[][..], Vec::as_slice)
    };
    let mut relaxations = Vec::new();
    for (index, bound, slack) in slacks {
        let moved = solution.var_value(slack).round() as u32;
        if moved == 0 {
            continue;
        }
        let quota = &instance.quotas()[index];
        let siblings = feature_of(index);
        let (proposed, conflict) = match bound {
            Bound::Min => {
                let minima: u32 = siblings.iter().map(|&q| instance.quotas()[q].min).sum();
                let conflict = if available(index) < quota.min {
                    Conflict::Shortage { available: available(index) }
                } else if minima > seats {
                    Conflict::MinimaAboveSeats { total: minima, seats }
                } else {
                    Conflict::OtherQuotas
                };
                (quota.min - moved, conflict)
            }
            Bound::Max => {
                let maxima: u32 = siblings.iter().map(|&q| instance.quotas()[q].max.min(available(q))).sum();
                let conflict = if maxima < seats {
                    Conflict::MaximaBelowSeats { total: maxima, seats }
                } else {
                    Conflict::OtherQuotas
                };
                (quota.max + moved, conflict)
            }
        };
        relaxations.push(Relaxation {
            feature: quota.feature.clone(),
            value: quota.value.clone(),
            bound,
            current: match bound {
                Bound::Min => quota.min,
                Bound::Max => quota.max,
            },
            proposed,
            conflict,
        });
    }
    Ok(relaxations)
}

#[cfg(test)]
mod tests {
    use super::super::model::tests::{pool, quota};
    use super::super::model::{Instance, Pool};
    use super::*;

    fn actors_pool() -> Pool {
        let mut rows: Vec<&[&str]> = vec![&["acteur", "f"]; 3];
        rows.extend(vec![&["habitant", "h"] as &[&str]; 10]);
        pool(&["statut", "genre"], &rows)
    }

    #[test]
    fn shortage_proposes_lowering_the_minimum() {
        let quotas = vec![
            quota("statut", "acteur", 4, 6),
            quota("statut", "habitant", 0, 6),
            quota("genre", "f", 0, 6),
            quota("genre", "h", 0, 6),
        ];
        let instance = Instance::new(actors_pool(), quotas, 6, false).unwrap();
        let error = diagnose(&instance);
        assert_eq!(
            error.to_string(),
            "les quotas ne peuvent pas être respectés ensemble ; plus petit assouplissement : \
             3 candidats dans la catégorie « acteur » (statut) pour 4 sièges minimum : \
             abaisser le minimum à 3"
        );
    }

    #[test]
    fn names_feature_totals_and_interactions() {
        // Minima of "statut" add up to 7 for 6 seats.
        let quotas = vec![
            quota("statut", "acteur", 2, 6),
            quota("statut", "habitant", 5, 6),
            quota("genre", "f", 0, 6),
            quota("genre", "h", 0, 6),
        ];
        let instance = Instance::new(actors_pool(), quotas, 6, false).unwrap();
        let SortitionError::InfeasibleQuotas(relaxations) = diagnose(&instance) else {
            panic!("expected infeasible quotas");
        };
        assert_eq!(relaxations.len(), 1);
        assert_eq!(relaxations[0].conflict, Conflict::MinimaAboveSeats { total: 7, seats: 6 });
        assert_eq!(relaxations[0].current - relaxations[0].proposed, 1);

        // Every woman is an actor: at least 3 women and at most 2 actors clash.
        let quotas = vec![
            quota("statut", "acteur", 0, 2),
            quota("statut", "habitant", 0, 6),
            quota("genre", "f", 3, 6),
            quota("genre", "h", 0, 6),
        ];
        let instance = Instance::new(actors_pool(), quotas, 6, false).unwrap();
        let SortitionError::InfeasibleQuotas(relaxations) = diagnose(&instance) else {
            panic!("expected infeasible quotas");
        };
        assert_eq!(relaxations.len(), 1);
        assert_eq!(relaxations[0].conflict, Conflict::OtherQuotas);
        let text = relaxations[0].to_string();
        assert!(
            text == "le maximum de 2 sièges pour « acteur » (statut) est incompatible avec les autres quotas : relever le maximum à 3"
                || text
                    == "le minimum de 3 sièges pour « f » (genre) est incompatible avec les autres quotas : abaisser le minimum à 2",
            "{text}"
        );

        // Maxima of "genre" only allow 5 seats.
        let quotas = vec![
            quota("statut", "acteur", 0, 6),
            quota("statut", "habitant", 0, 6),
            quota("genre", "f", 0, 6),
            quota("genre", "h", 0, 2),
        ];
        let instance = Instance::new(actors_pool(), quotas, 6, false).unwrap();
        let SortitionError::InfeasibleQuotas(relaxations) = diagnose(&instance) else {
            panic!("expected infeasible quotas");
        };
        assert_eq!(
            relaxations[0].to_string(),
            "les maximums de « genre » ne permettent de pourvoir que 5 sièges sur 6 : \
             relever le maximum de « h » (genre) à 3"
        );
    }

    #[test]
    fn too_few_households() {
        let mut pool = pool(&["genre"], &[&["f"], &["h"], &["f"]]);
        for candidate in &mut pool.candidates {
            candidate.household = Some("maison".into());
        }
        let quotas = vec![quota("genre", "f", 0, 2), quota("genre", "h", 0, 2)];
        let instance = Instance::new(pool, quotas, 2, true).unwrap();
        assert_eq!(diagnose(&instance).to_string(), "le vivier ne compte que 1 foyer distinct pour 2 sièges");
    }
}
