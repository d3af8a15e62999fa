//! The pricing problem of the column generation: among all valid panels,
//! find one maximising the sum of its members' weights. It is an integer
//! program over group counts (a panel is "how many of each group"), solved
//! exactly by microlp's branch and bound.

use microlp::{ComparisonOp, Error, OptimizationDirection, Problem, Variable};

use super::error::SortitionError;
use super::model::Instance;

/// How many members of each group sit on a panel, indexed like `Instance::groups`.
pub(super) type Composition = Vec<u32>;

/// Weights below this fraction of the largest one are dropped: they cannot
/// change the optimum by more than the solver tolerance and only worsen the
/// conditioning of the problem.
const NEGLIGIBLE_WEIGHT: f64 = 1e-9;

pub(super) fn solver_error(error: Error) -> SortitionError {
    SortitionError::Solver(error.to_string())
}

/// One integer variable per group, bounded by its size, with the seat,
/// household and (unless `soft_quotas`) quota constraints. Returns the
/// variables; quota rows are left to the caller when `soft_quotas` is set.
pub(super) fn panel_problem(
    instance: &Instance,
    direction: OptimizationDirection,
    objective: &[f64],
    soft_quotas: bool,
) -> (Problem, Vec<Variable>) {
    let mut problem = Problem::new(direction);
    let counts: Vec<Variable> = instance
        .groups
        .iter()
        .zip(objective)
        .map(|(group, &weight)| problem.add_integer_var(weight, (0, group.size() as i32)))
        .collect();
    problem.add_constraint(
        counts.iter().map(|&v| (v, 1.0)),
        ComparisonOp::Eq,
        f64::from(instance.seats()),
    );
    for groups in &instance.households {
        problem.add_constraint(groups.iter().map(|&g| (counts[g], 1.0)), ComparisonOp::Le, 1.0);
    }
    if !soft_quotas {
        for (quota, groups) in instance.quotas().iter().zip(&instance.quota_groups) {
            let expr = || groups.iter().map(|&g| (counts[g], 1.0));
            if quota.min > 0 {
                problem.add_constraint(expr(), ComparisonOp::Ge, f64::from(quota.min));
            }
            // A maximum of at least the panel size cannot bind.
            if quota.max < instance.seats() {
                problem.add_constraint(expr(), ComparisonOp::Le, f64::from(quota.max));
            }
        }
    }
    (problem, counts)
}

/// The valid panel of largest total weight (`weights` per group member), or
/// `None` when no panel meets the quotas.
pub(super) fn best_composition(
    instance: &Instance,
    weights: &[f64],
) -> Result<Option<Composition>, SortitionError> {
    let empty_minimum = instance
        .quotas()
        .iter()
        .zip(&instance.quota_groups)
        .any(|(q, groups)| q.min > 0 && groups.is_empty());
    if empty_minimum {
        return Ok(None);
    }
    let largest = weights.iter().fold(0.0f64, |m, w| m.max(w.abs()));
    let objective: Vec<f64> = weights
        .iter()
        .map(|&w| {
            let scaled = if largest > 0.0 { w / largest } else { 0.0 };
            if scaled.abs() < NEGLIGIBLE_WEIGHT {
                0.0
            } else {
                scaled
            }
        })
        .collect();
    let (problem, counts) =
        panel_problem(instance, OptimizationDirection::Maximize, &objective, false);
    let solution = match problem.solve() {
        Ok(outcome) => outcome
            .into_solution()
            .map_err(|_| SortitionError::Solver("recherche interrompue".into()))?,
        Err(Error::Infeasible) => return Ok(None),
        Err(error) => return Err(solver_error(error)),
    };
    // Values are within 1e-6 of integers; `as` saturates a rounded -0 to 0.
    let composition: Composition = counts
        .iter()
        .map(|&v| solution.var_value(v).round() as u32)
        .collect();
    if !instance.is_valid_composition(&composition) {
        return Err(SortitionError::Solver(
            "le panel calculé ne respecte pas les quotas".into(),
        ));
    }
    Ok(Some(composition))
}

#[cfg(test)]
mod tests {
    use super::super::model::tests::{pool, quota};
    use super::*;

    #[test]
    fn finds_the_heaviest_valid_panel() {
        // Groups: (f, jeune) x2, (h, jeune) x1, (f, vieux) x1, (h, vieux) x2.
        let pool = pool(
            &["genre", "âge"],
            &[
                &["f", "jeune"],
                &["f", "jeune"],
                &["h", "jeune"],
                &["f", "vieux"],
                &["h", "vieux"],
                &["h", "vieux"],
            ],
        );
        let quotas = vec![
            quota("genre", "f", 1, 2),
            quota("genre", "h", 1, 2),
            quota("âge", "jeune", 0, 1),
            quota("âge", "vieux", 0, 3),
        ];
        let instance = Instance::new(pool, quotas, 3, false).unwrap();
        // Young women weigh most, but at most one young person may sit.
        let best = best_composition(&instance, &[10.0, 1.0, 2.0, 3.0]).unwrap();
        assert_eq!(best, Some(vec![1, 0, 0, 2]));
        let best = best_composition(&instance, &[10.0, 1.0, 2.0, 5.5]).unwrap();
        assert_eq!(best, Some(vec![1, 0, 0, 2]));
        let best = best_composition(&instance, &[1.0, 1.0, 3.0, 2.0]).unwrap();
        assert_eq!(best, Some(vec![0, 0, 1, 2]));
        // At most two men, so the third seat goes to the best woman.
        let best = best_composition(&instance, &[0.0, 0.0, 0.5, 1.0]).unwrap();
        assert_eq!(best, Some(vec![0, 0, 1, 2]));
    }

    #[test]
    fn reports_infeasibility_as_none() {
        let pool = pool(&["genre"], &[&["f"], &["h"]]);
        let quotas = vec![quota("genre", "f", 2, 2), quota("genre", "h", 0, 2)];
        let instance = Instance::new(pool, quotas, 2, false).unwrap();
        assert_eq!(best_composition(&instance, &[1.0, 1.0]).unwrap(), None);
        let pool = super::super::model::tests::pool(&["genre"], &[&["f"]]);
        let quotas = vec![quota("genre", "f", 0, 1), quota("genre", "h", 1, 1)];
        let instance = Instance::new(pool, quotas, 1, false).unwrap();
        assert_eq!(best_composition(&instance, &[1.0]).unwrap(), None);
    }
}
