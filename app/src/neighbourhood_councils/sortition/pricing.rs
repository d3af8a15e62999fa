//! The pricing problem of the column generation: among all valid panels,
//! find one maximising the sum of its members' weights. It is an integer
//! program over group counts (a panel is "how many of each group"), solved
//! by microlp's branch and bound, seeded with a swap local search. The
//! search is cut short (node budgets) only where optimality does not matter:
//! when an improving panel is already known, and for the initial covering
//! panels; the proof that no panel improves a stage is always exact.

use microlp::{ComparisonOp, Error, OptimizationDirection, Problem, SolveOptions, Variable};

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
    problem.add_constraint(counts.iter().map(|&v| (v, 1.0)), ComparisonOp::Eq, f64::from(instance.seats()));
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

/// Smallest gain, relative to the largest weight, that counts as an
/// improvement: below it the difference is solver round-off.
const IMPROVEMENT: f64 = 1e-7;
/// Branch-and-bound nodes spent improving on an improving panel found by
/// local search.
const IMPROVING_NODES: u64 = 200;
/// Branch-and-bound nodes spent looking for a covering panel before
/// settling for any panel containing the target.
const COVER_NODES: u64 = 100;

/// Weights scaled so the largest is 1, tiny ones dropped; and the scale.
fn normalized(weights: &[f64]) -> (Vec<f64>, f64) {
    let largest = weights.iter().fold(0.0f64, |m, w| m.max(w.abs()));
    let objective = weights
        .iter()
        .map(|&w| {
            let scaled = if largest > 0.0 { w / largest } else { 0.0 };
            if scaled.abs() < NEGLIGIBLE_WEIGHT { 0.0 } else { scaled }
        })
        .collect();
    (objective, largest)
}

/// A minimum on a value nobody has: no panel at all.
fn empty_minimum(instance: &Instance) -> bool {
    instance.quotas().iter().zip(&instance.quota_groups).any(|(q, groups)| q.min > 0 && groups.is_empty())
}

/// Solves and reads the composition; `None` when infeasible or when the
/// node budget ran out before any panel was found.
fn solve(
    instance: &Instance,
    problem: &Problem,
    counts: &[Variable],
    options: SolveOptions,
) -> Result<Option<Composition>, SortitionError> {
    let solution = match problem.solve_with(options) {
        Ok(outcome) => match outcome.into_solution() {
            Ok(solution) => solution,
            Err(_) => return Ok(None),
        },
        Err(Error::Infeasible) => return Ok(None),
        Err(error) => return Err(solver_error(error)),
    };
    // Values are within 1e-6 of integers; `as` saturates a rounded -0 to 0.
    let composition: Composition = counts.iter().map(|&v| solution.var_value(v).round() as u32).collect();
    if !instance.is_valid_composition(&composition) {
        return Err(SortitionError::Solver("le panel calculé ne respecte pas les quotas".into()));
    }
    Ok(Some(composition))
}

/// The valid panel of largest total weight (`weights` per group member), or
/// `None` when no panel meets the quotas.
pub(super) fn best_composition(instance: &Instance, weights: &[f64]) -> Result<Option<Composition>, SortitionError> {
    if empty_minimum(instance) {
        return Ok(None);
    }
    let (objective, _) = normalized(weights);
    let (problem, counts) = panel_problem(instance, OptimizationDirection::Maximize, &objective, false);
    solve(instance, &problem, &counts, SolveOptions::default())
}

/// The valid panel of largest total weight if it exceeds `threshold`, or
/// `None` when no panel does (up to `IMPROVEMENT` of the largest weight).
/// Single swaps from the valid `starts` give the branch and bound a good
/// first incumbent: without one it can wander for a long time on panels
/// with many equal weights.
pub(super) fn improving_composition(
    instance: &Instance,
    weights: &[f64],
    threshold: f64,
    starts: &[&Composition],
) -> Result<Option<Composition>, SortitionError> {
    let (objective, scale) = normalized(weights);
    if scale == 0.0 {
        return Ok(None);
    }
    let value = |composition: &Composition| -> f64 {
        composition.iter().zip(&objective).map(|(&c, &w)| f64::from(c) * w).sum()
    };
    let mut incumbent: Option<(Composition, f64)> = None;
    for start in starts {
        let candidate = local_search(instance, &objective, start);
        let candidate_value = value(&candidate);
        if incumbent.as_ref().is_none_or(|(_, v)| candidate_value > *v) {
            incumbent = Some((candidate, candidate_value));
        }
    }
    let (problem, counts) = panel_problem(instance, OptimizationDirection::Maximize, &objective, false);
    let mut options = SolveOptions::default();
    // Once an improving panel is in hand, a better one is welcome (it makes
    // for fewer rounds) but proving it best is not worth a long search.
    if incumbent.as_ref().is_some_and(|(_, v)| *v > threshold / scale + IMPROVEMENT) {
        options.node_limit = Some(IMPROVING_NODES);
    }
    options.warm_start =
        incumbent.map(|(composition, _)| counts.iter().zip(composition).map(|(&v, c)| (v, f64::from(c))).collect());
    Ok(solve(instance, &problem, &counts, options)?.filter(|best| value(best) > threshold / scale + IMPROVEMENT))
}

/// Best-improvement search over single swaps (one member out, another in)
/// from a valid panel, keeping it valid at every step.
fn local_search(instance: &Instance, weights: &[f64], start: &Composition) -> Composition {
    let quotas = instance.quotas();
    let groups = &instance.groups;
    let mut counts = start.clone();
    let mut totals: Vec<u32> =
        instance.quota_groups.iter().map(|members| members.iter().map(|&g| counts[g]).sum()).collect();
    let household_of: Vec<Option<usize>> = groups.iter().map(|g| instance.candidate_household[g.members[0]]).collect();
    let mut household_seated: Vec<u32> =
        instance.households.iter().map(|members| members.iter().map(|&g| counts[g]).sum()).collect();
    loop {
        let mut best: Option<(f64, usize, usize)> = None;
        for out in (0..groups.len()).filter(|&g| counts[g] > 0) {
            for into in 0..groups.len() {
                let gain = weights[into] - weights[out];
                if into == out || counts[into] >= groups[into].size() || gain <= best.map_or(IMPROVEMENT, |(b, _, _)| b)
                {
                    continue;
                }
                let quotas_hold = groups[out].quotas.iter().zip(&groups[into].quotas).all(|(&left, &joined)| {
                    left == joined || (totals[left] > quotas[left].min && totals[joined] < quotas[joined].max)
                });
                let household_free =
                    household_of[into].is_none_or(|h| household_seated[h] == 0 || household_of[out] == Some(h));
                if quotas_hold && household_free {
                    best = Some((gain, out, into));
                }
            }
        }
        let Some((_, out, into)) = best else {
            return counts;
        };
        counts[out] -= 1;
        counts[into] += 1;
        for &q in &groups[out].quotas {
            totals[q] -= 1;
        }
        for &q in &groups[into].quotas {
            totals[q] += 1;
        }
        if let Some(h) = household_of[out] {
            household_seated[h] -= 1;
        }
        if let Some(h) = household_of[into] {
            household_seated[h] += 1;
        }
    }
}

/// A valid panel seating someone of group `target`, preferring panels that
/// also seat the groups with positive `weights`; `None` if `target` can
/// never sit.
pub(super) fn covering_composition(
    instance: &Instance,
    target: usize,
    weights: &[f64],
) -> Result<Option<Composition>, SortitionError> {
    let (objective, _) = normalized(weights);
    let (mut problem, counts) = panel_problem(instance, OptimizationDirection::Maximize, &objective, false);
    problem.add_constraint([(counts[target], 1.0)], ComparisonOp::Ge, 1.0);
    // Many equal weights make optimality slow to prove and gain nothing
    // here: keep the best panel found within a small budget.
    let mut options = SolveOptions::default();
    options.node_limit = Some(COVER_NODES);
    if let Some(composition) = solve(instance, &problem, &counts, options)? {
        return Ok(Some(composition));
    }
    let zeros = vec![0.0; weights.len()];
    let (mut problem, counts) = panel_problem(instance, OptimizationDirection::Maximize, &zeros, false);
    problem.add_constraint([(counts[target], 1.0)], ComparisonOp::Ge, 1.0);
    solve(instance, &problem, &counts, SolveOptions::default())
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
            &[&["f", "jeune"], &["f", "jeune"], &["h", "jeune"], &["f", "vieux"], &["h", "vieux"], &["h", "vieux"]],
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
