//! LEXIMIN selection probabilities (Flanigan, Gölz, Gupta, Hennig, Procaccia,
//! "Fair algorithms for selecting citizens' assemblies", Nature 596, 2021):
//! the distribution over valid panels that maximises the smallest selection
//! probability, then the second smallest, and so on.
//!
//! Computed on groups of interchangeable candidates (see `model::Group`):
//! the leximin probability vector is unique and symmetric, so members of a
//! group share one probability and a panel is a count per group. Each stage
//! solves, by column generation over the panels found so far,
//!
//! ```text
//! max z  s.t.  Σ_P p_P = 1,  p ≥ 0,
//!              π_g = Σ_P p_P · c_P,g / |g| ≥ z    for groups g not yet fixed,
//!              π_g ≥ f_g                          for groups fixed at f_g.
//! ```
//!
//! With dual prices ŷ for the first row and weights y_g ≥ 0 for the others,
//! a panel P not yet in the master improves it when
//! `Σ_g y_g · c_P,g / |g| > ŷ`: the pricing integer program
//! (`pricing::best_composition`) finds the panel maximising the left side.
//! When none improves, the master's optimum is the stage optimum and, by
//! complementary slackness, every unfixed group with positive weight has
//! probability exactly z in every optimal distribution: those groups are
//! fixed at z. When every group is fixed, the master's solution is the
//! leximin distribution.

use std::collections::HashSet;

use super::diagnosis::diagnose;
use super::error::SortitionError;
use super::expand::{Distribution, expand};
use super::model::Instance;
use super::pricing::{Composition, best_composition, covering_composition, improving_composition};
use super::simplex::MasterLp;

/// A panel improving the master by less than this is not worth adding: the
/// stage optimum is then known to within this margin.
const PRICING_TOLERANCE: f64 = 1e-9;
/// Dual weights above this mark a group as tight at the stage optimum.
const FIXING_THRESHOLD: f64 = 1e-7;

/// Panels as group counts, with their probabilities.
pub(super) struct GroupDistribution {
    pub compositions: Vec<Composition>,
    pub probabilities: Vec<f64>,
}

/// The leximin distribution over panels of `instance`, with each candidate's
/// selection probability. Fails with the smallest quota relaxation when no
/// panel meets the quotas.
pub fn leximin(instance: &Instance) -> Result<Distribution, SortitionError> {
    Ok(expand(instance, &leximin_groups(instance)?))
}

/// Local search for new panels starts from the known panels that weigh most.
const SEARCH_STARTS: usize = 2;

/// The `SEARCH_STARTS` heaviest known panels under `weights`; ties keep the
/// discovery order.
fn best_known<'a>(compositions: &'a [Composition], weights: &[f64]) -> Vec<&'a Composition> {
    let weight =
        |composition: &Composition| -> f64 { composition.iter().zip(weights).map(|(&c, &w)| f64::from(c) * w).sum() };
    let mut ranked: Vec<(f64, &Composition)> = compositions.iter().map(|c| (weight(c), c)).collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    ranked.into_iter().take(SEARCH_STARTS).map(|(_, c)| c).collect()
}

/// Panels found so far, without duplicates, in discovery order.
struct Portfolio {
    compositions: Vec<Composition>,
    seen: HashSet<Composition>,
}

impl Portfolio {
    fn insert(&mut self, composition: Composition) -> bool {
        let new = self.seen.insert(composition.clone());
        if new {
            self.compositions.push(composition);
        }
        new
    }
}

pub(super) fn leximin_groups(instance: &Instance) -> Result<GroupDistribution, SortitionError> {
    let group_count = instance.groups.len();
    let Some(first) = best_composition(instance, &vec![0.0; group_count])? else {
        return Err(diagnose(instance));
    };
    let mut portfolio = Portfolio { compositions: Vec::new(), seen: HashSet::new() };
    let mut covered: Vec<bool> = first.iter().map(|&c| c > 0).collect();
    portfolio.insert(first);

    // Start with panels covering every group that can sit at all; a group
    // no panel can include is fixed at probability 0 from the outset. Each
    // panel also seats as many other uncovered groups as it easily can.
    let mut unseatable = vec![false; group_count];
    for target in 0..group_count {
        if covered[target] {
            continue;
        }
        let weights: Vec<f64> = (0..group_count).map(|g| f64::from(u8::from(!covered[g] && !unseatable[g]))).collect();
        let composition = covering_composition(instance, target, &weights)?;
        let Some(composition) = composition else {
            unseatable[target] = true;
            continue;
        };
        for (flag, &count) in covered.iter_mut().zip(&composition) {
            *flag |= count > 0;
        }
        portfolio.insert(composition);
    }
    // Master rows: the groups that can sit.
    let rows: Vec<usize> = (0..group_count).filter(|&g| !unseatable[g]).collect();
    let shares = |composition: &Composition| -> Vec<(usize, f64)> {
        rows.iter()
            .enumerate()
            .filter(|&(_, &g)| composition[g] > 0)
            .map(|(row, &g)| {
                let share = f64::from(composition[g]) / f64::from(instance.groups[g].size());
                (row, share)
            })
            .collect()
    };
    let mut master = MasterLp::new(rows.len());
    for composition in &portfolio.compositions {
        master.add_panel(shares(composition));
    }
    let mut unfixed = vec![true; rows.len()];
    while unfixed.contains(&true) {
        master.optimize()?;
        let weights = loop {
            let (price, weights) = master.duals();
            let mut per_member = vec![0.0; group_count];
            for (row, &g) in rows.iter().enumerate() {
                per_member[g] = weights[row] / f64::from(instance.groups[g].size());
            }
            let starts = best_known(&portfolio.compositions, &per_member);
            let found = improving_composition(instance, &per_member, price, &starts)?;
            let Some(composition) = found else {
                break weights;
            };
            let gain: f64 = composition.iter().zip(&per_member).map(|(&c, &w)| f64::from(c) * w).sum();
            let column = shares(&composition);
            // A known panel can only look improving through round-off.
            if gain <= price + PRICING_TOLERANCE || !portfolio.insert(composition) {
                break weights;
            }
            master.add_panel(column);
            master.optimize()?;
        };
        let value = master.objective();
        let mut tight: Vec<usize> =
            (0..rows.len()).filter(|&row| unfixed[row] && weights[row] > FIXING_THRESHOLD).collect();
        if tight.is_empty() {
            // Round-off spread the weight thin; the heaviest group is tight.
            let heaviest = (0..rows.len())
                .filter(|&row| unfixed[row])
                .max_by(|&a, &b| weights[a].total_cmp(&weights[b]).then(b.cmp(&a)));
            tight.extend(heaviest);
        }
        for &row in &tight {
            unfixed[row] = false;
        }
        master.fix(&tight, value);
    }
    // Fixing the last rows may have reset the basis.
    master.optimize()?;
    let probabilities = master.panel_probabilities();
    let (compositions, probabilities) =
        portfolio.compositions.into_iter().zip(probabilities).filter(|&(_, p)| p > 0.0).unzip();
    Ok(GroupDistribution { compositions, probabilities })
}

#[cfg(test)]
mod tests {
    use super::super::draw::{Seed, SeedStream};
    use super::super::model::tests::{pool, quota};
    use super::super::model::{Pool, Quota};
    use super::*;
    use microlp::{ComparisonOp, OptimizationDirection, Problem, Variable};

    const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../reference/sortition/");

    fn check_distribution(instance: &Instance, distribution: &Distribution) {
        let total: u64 = distribution.panels.iter().map(|p| p.weight).sum();
        assert_eq!(total, super::super::expand::WEIGHT_SCALE);
        for panel in &distribution.panels {
            assert!(instance.is_valid_panel(&panel.members), "{:?}", panel.members);
        }
        let sum: f64 = distribution.probabilities.iter().sum();
        assert!((sum - f64::from(instance.seats())).abs() < 1e-9, "{sum}");
    }

    /// Max-min probability by brute force: every valid panel, one LP.
    fn brute_force_maximin(instance: &Instance) -> f64 {
        let n = instance.pool().candidates.len();
        let k = instance.seats() as usize;
        let mut panels = Vec::new();
        for mask in 0u32..(1 << n) {
            if mask.count_ones() as usize == k {
                let members: Vec<usize> = (0..n).filter(|i| mask & (1 << i) != 0).collect();
                if instance.is_valid_panel(&members) {
                    panels.push(members);
                }
            }
        }
        let mut problem = Problem::new(OptimizationDirection::Maximize);
        let z = problem.add_var(1.0, (0.0, 1.0));
        let p: Vec<Variable> = panels.iter().map(|_| problem.add_var(0.0, (0.0, 1.0))).collect();
        problem.add_constraint(p.iter().map(|&v| (v, 1.0)), ComparisonOp::Eq, 1.0);
        for person in 0..n {
            let mut row: Vec<(Variable, f64)> =
                panels.iter().zip(&p).filter(|(panel, _)| panel.contains(&person)).map(|(_, &v)| (v, 1.0)).collect();
            row.push((z, -1.0));
            problem.add_constraint(row, ComparisonOp::Ge, 0.0);
        }
        problem.solve().unwrap().into_solution().unwrap().objective()
    }

    /// A small random instance: 2–3 features, quotas around proportional.
    fn random_instance(stream: &mut SeedStream, households: bool) -> (Pool, Vec<Quota>, u32) {
        let features = 2 + stream.below(2) as usize;
        let people = 5 + stream.below(9) as usize;
        let seats = 2 + stream.below(people as u64 / 2) as u32;
        let values: Vec<usize> = (0..features).map(|_| 2 + stream.below(2) as usize).collect();
        let names: Vec<String> = (0..features).map(|f| format!("c{f}")).collect();
        let rows: Vec<Vec<String>> =
            (0..people).map(|_| values.iter().map(|&v| format!("v{}", stream.below(v as u64))).collect()).collect();
        let mut pool = Pool {
            features: names.clone(),
            candidates: rows
                .into_iter()
                .enumerate()
                .map(|(i, values)| super::super::model::Candidate { id: format!("p{i}"), values, household: None })
                .collect(),
        };
        if households {
            for candidate in &mut pool.candidates {
                candidate.household = Some(format!("h{}", stream.below(people as u64 * 2 / 3)));
            }
        }
        let mut quotas = Vec::new();
        for (f, &count) in values.iter().enumerate() {
            for v in 0..count {
                let value = format!("v{v}");
                let present = pool.candidates.iter().filter(|c| c.values[f] == value).count() as u32;
                let share = present * seats / people as u32;
                let min = share.saturating_sub(stream.below(2) as u32);
                let max = (share + 1 + stream.below(2) as u32).min(seats);
                quotas.push(quota(&names[f], &value, min, max));
            }
        }
        (pool, quotas, seats)
    }

    #[test]
    fn random_instances_meet_quotas_and_reach_the_maximin() {
        let mut stream = SeedStream::new(&Seed([7; 32]));
        let (mut solved, mut infeasible) = (0, 0);
        for round in 0..150 {
            let households = round % 3 == 2;
            let (pool, quotas, seats) = random_instance(&mut stream, households);
            let instance = Instance::new(pool, quotas, seats, households).unwrap();
            match leximin(&instance) {
                Ok(distribution) => {
                    check_distribution(&instance, &distribution);
                    let min = distribution.probabilities.iter().copied().fold(f64::INFINITY, f64::min);
                    let expected = brute_force_maximin(&instance);
                    assert!((min - expected).abs() < 1e-6, "round {round}: {min} vs {expected}");
                    solved += 1;
                }
                Err(SortitionError::InfeasibleQuotas(relaxations)) => {
                    assert!(!relaxations.is_empty());
                    assert_eq!(brute_force_maximin_or_none(&instance), None);
                    infeasible += 1;
                }
                Err(SortitionError::NotEnoughCandidates { .. }) => infeasible += 1,
                Err(other) => panic!("round {round}: {other}"),
            }
        }
        assert!(solved > 60 && infeasible > 5, "{solved} solved, {infeasible} infeasible");
    }

    fn brute_force_maximin_or_none(instance: &Instance) -> Option<f64> {
        let n = instance.pool().candidates.len();
        let k = instance.seats();
        (0u32..(1 << n))
            .filter(|mask| mask.count_ones() == k)
            .any(|mask| {
                let members: Vec<usize> = (0..n).filter(|i| mask & (1 << i) != 0).collect();
                instance.is_valid_panel(&members)
            })
            .then(|| brute_force_maximin(instance))
    }

    #[test]
    fn leximin_goes_beyond_the_minimum() {
        // One man must sit (min 1) among 1 man; women share the other seat:
        // the man has probability 1 and the second stage spreads the women.
        let pool = pool(&["genre"], &[&["h"], &["f"], &["f"], &["f"]]);
        let quotas = vec![quota("genre", "h", 1, 1), quota("genre", "f", 0, 2)];
        let instance = Instance::new(pool, quotas, 2, false).unwrap();
        let distribution = leximin(&instance).unwrap();
        check_distribution(&instance, &distribution);
        let probabilities = &distribution.probabilities;
        assert!((probabilities[0] - 1.0).abs() < 1e-9);
        for &p in &probabilities[1..] {
            assert!((p - 1.0 / 3.0).abs() < 1e-6, "{probabilities:?}");
        }
    }

    #[test]
    fn unselectable_candidates_get_zero() {
        // "vieux" has max 0: its member can never sit.
        let pool = pool(&["âge"], &[&["jeune"], &["jeune"], &["vieux"]]);
        let quotas = vec![quota("âge", "jeune", 0, 2), quota("âge", "vieux", 0, 0)];
        let instance = Instance::new(pool, quotas, 1, false).unwrap();
        let distribution = leximin(&instance).unwrap();
        check_distribution(&instance, &distribution);
        assert_eq!(distribution.probabilities[2], 0.0);
        assert!((distribution.probabilities[0] - 0.5).abs() < 1e-9);
    }

    fn load(name: &str, seats: u32) -> Instance {
        let dir = format!("{DATA}{name}/");
        let pool = std::fs::read_to_string(format!("{dir}respondents.csv")).unwrap();
        let quotas = std::fs::read_to_string(format!("{dir}categories.csv")).unwrap();
        let pool = super::super::csv::parse_pool(&pool).unwrap();
        let quotas = super::super::csv::parse_quotas(&quotas).unwrap();
        Instance::new(pool, quotas, seats, false).unwrap()
    }

    fn solve_real(name: &str, seats: u32, greedy_draws: u32) {
        let instance = load(name, seats);
        let started = std::time::Instant::now();
        let distribution = leximin(&instance).unwrap();
        let elapsed = started.elapsed();
        check_distribution(&instance, &distribution);
        let min = distribution.probabilities.iter().copied().fold(f64::INFINITY, f64::min);
        println!("{name}: min probability {min:.9}, {} panels, {elapsed:?}", distribution.panels.len());
        assert!((min - 0.1).abs() < 0.001, "{min}");
        // Same input, same bits.
        let again = leximin(&instance).unwrap();
        assert_eq!(again, distribution);
        // The baseline, for comparison: its unluckiest candidates fare worse.
        let started = std::time::Instant::now();
        let greedy = super::super::greedy_probabilities(&instance, &Seed([0; 32]), greedy_draws).unwrap();
        let (low, high) = greedy.iter().fold((f64::INFINITY, 0.0f64), |(l, h), &p| (l.min(p), h.max(p)));
        println!("{name}: greedy over {greedy_draws} draws: min {low:.4}, max {high:.4}, {:?}", started.elapsed());
    }

    #[test]
    fn small_example_gives_everyone_ten_percent() {
        solve_real("example_small_20", 20, 1000);
    }

    #[test]
    #[ignore = "slow in debug builds: run with --release -- --ignored"]
    fn large_example_gives_everyone_ten_percent() {
        solve_real("example_large_200", 200, 10_000);
    }

    /// A realistic pool: 5 correlated features, several hundred groups.
    fn synthetic(people: usize, seats: u32, seed: u8) -> Instance {
        let mut stream = SeedStream::new(&Seed([seed; 32]));
        let sizes = [2u64, 5, 6, 4, 3];
        let names: Vec<String> = (0..sizes.len()).map(|f| format!("c{f}")).collect();
        let candidates = (0..people)
            .map(|i| {
                let first = stream.below(sizes[0]);
                let values = sizes
                    .iter()
                    .enumerate()
                    .map(|(f, &size)| {
                        // Skewed and correlated with the first feature.
                        let v = if f == 0 {
                            first
                        } else if stream.below(3) == 0 {
                            (first + stream.below(2)) % size
                        } else {
                            stream.below(size).min(stream.below(size))
                        };
                        format!("v{v}")
                    })
                    .collect();
                super::super::model::Candidate { id: format!("p{i}"), values, household: None }
            })
            .collect();
        let pool = Pool { features: names.clone(), candidates };
        let mut quotas = Vec::new();
        for (f, &size) in sizes.iter().enumerate() {
            for v in 0..size {
                let value = format!("v{v}");
                let present = pool.candidates.iter().filter(|c| c.values[f] == value).count();
                // Proportional to a made-up census, not to the pool.
                let share = (u64::from(seats) / size) as u32;
                let share = share.min(present as u32);
                quotas.push(quota(&names[f], &value, share.saturating_sub(2), share + 3));
            }
        }
        Instance::new(pool, quotas, seats, false).unwrap()
    }

    #[test]
    #[ignore = "benchmark: run with --release -- --ignored --nocapture"]
    fn synthetic_benchmark() {
        for (people, seats, seed) in [(300, 20, 4), (600, 30, 1)] {
            let instance = synthetic(people, seats, seed);
            let started = std::time::Instant::now();
            match leximin(&instance) {
                Ok(distribution) => {
                    check_distribution(&instance, &distribution);
                    let min = distribution.probabilities.iter().copied().fold(f64::INFINITY, f64::min);
                    println!(
                        "{people} people, {seats} seats, {} groups: min {min:.6}, {} panels, {:?}",
                        instance.groups.len(),
                        distribution.panels.len(),
                        started.elapsed()
                    );
                }
                Err(error) => println!("{people} people: {error}"),
            }
        }
    }
}
