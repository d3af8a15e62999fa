//! The greedy method of legacy sortition tools, kept as a baseline to show
//! what leximin improves: seat by seat, take the category furthest below its
//! minimum relative to the people left in it, and seat a uniformly random
//! person of that category among those who keep the quotas reachable.
//! Reachability is checked with counting bounds only (as legacy tools do),
//! so a draw can still reach a dead end: it then starts over, continuing the
//! same random stream.

use std::collections::BTreeMap;

use super::draw::{Seed, SeedStream};
use super::error::SortitionError;
use super::model::Instance;

/// Dead ends tolerated before giving up on a draw.
const MAX_ATTEMPTS: u32 = 100;

/// One greedy panel (candidate indices, ascending) drawn from `seed`.
pub fn greedy_draw(instance: &Instance, seed: &Seed) -> Result<Vec<usize>, SortitionError> {
    let mut stream = SeedStream::new(seed);
    for _ in 0..MAX_ATTEMPTS {
        if let Some(panel) = Attempt::new(instance).run(&mut stream) {
            return Ok(panel);
        }
    }
    Err(SortitionError::GreedyDeadEnd { attempts: MAX_ATTEMPTS })
}

/// Each candidate's selection frequency over `draws` greedy draws, the
/// i-th drawn from `seed.derive(i)`.
pub fn greedy_probabilities(instance: &Instance, seed: &Seed, draws: u32) -> Result<Vec<f64>, SortitionError> {
    let mut counts = vec![0u32; instance.pool().candidates.len()];
    for index in 0..draws {
        for member in greedy_draw(instance, &seed.derive(u64::from(index)))? {
            counts[member] += 1;
        }
    }
    Ok(counts.into_iter().map(|c| f64::from(c) / f64::from(draws.max(1))).collect())
}

struct Attempt<'a> {
    instance: &'a Instance,
    /// Members of each group still in the pool.
    remaining: Vec<Vec<usize>>,
    /// Seats taken per quota.
    taken: Vec<u32>,
}

impl<'a> Attempt<'a> {
    fn new(instance: &'a Instance) -> Self {
        Self {
            instance,
            remaining: instance.groups.iter().map(|g| g.members.clone()).collect(),
            taken: vec![0; instance.quotas().len()],
        }
    }

    /// Whether anyone of group `g` may still sit: people left and no full category.
    fn open(&self, g: usize) -> bool {
        let quotas = self.instance.quotas();
        !self.remaining[g].is_empty() && self.instance.groups[g].quotas.iter().all(|&q| self.taken[q] < quotas[q].max)
    }

    fn run(mut self, stream: &mut SeedStream) -> Option<Vec<usize>> {
        let instance = self.instance;
        let quotas = instance.quotas();
        let mut panel = Vec::with_capacity(instance.seats() as usize);
        for seat in 0..instance.seats() {
            let open: Vec<bool> = (0..instance.groups.len()).map(|g| self.open(g)).collect();
            let available: Vec<u32> = instance
                .quota_groups
                .iter()
                .map(|groups| groups.iter().filter(|&&g| open[g]).map(|&g| self.remaining[g].len() as u32).sum())
                .collect();
            // Furthest below its minimum, relative to the people left.
            let mut category: Option<(f64, usize)> = None;
            for (q, quota) in quotas.iter().enumerate() {
                if available[q] == 0 {
                    continue;
                }
                let ratio = (f64::from(quota.min) - f64::from(self.taken[q])) / f64::from(available[q]);
                if category.is_none_or(|(best, _)| ratio > best) {
                    category = Some((ratio, q));
                }
            }
            let candidates: Vec<usize> = match category {
                Some((_, q)) => instance.quota_groups[q].clone(),
                None => (0..instance.groups.len()).collect(),
            };
            let left = instance.seats() - seat - 1;
            let allowed: Vec<usize> = candidates
                .into_iter()
                .filter(|&g| open[g] && self.keeps_feasible(g, &open, &available, left))
                .collect();
            let total: usize = allowed.iter().map(|&g| self.remaining[g].len()).sum();
            if total == 0 {
                return None;
            }
            let mut ticket = stream.below(total as u64) as usize;
            let mut chosen = allowed[0];
            for &g in &allowed {
                if ticket < self.remaining[g].len() {
                    chosen = g;
                    break;
                }
                ticket -= self.remaining[g].len();
            }
            let member = self.remaining[chosen].remove(ticket);
            for &q in &instance.groups[chosen].quotas {
                self.taken[q] += 1;
            }
            if let Some(household) = instance.candidate_household[member] {
                for &g in &instance.households[household] {
                    self.remaining[g].clear();
                }
            }
            panel.push(member);
        }
        panel.sort_unstable();
        Some(panel)
    }

    /// Counting check that seating one person of group `g` leaves every
    /// minimum reachable and enough room to fill the `left` seats.
    fn keeps_feasible(&self, g: usize, open: &[bool], available: &[u32], left: u32) -> bool {
        let instance = self.instance;
        let quotas = instance.quotas();
        let mut taken = self.taken.clone();
        for &q in &instance.groups[g].quotas {
            taken[q] += 1;
            if taken[q] > quotas[q].max {
                return false;
            }
        }
        // Groups losing people: g by one; household mates and the groups of
        // categories now full entirely.
        let mut closed: BTreeMap<usize, bool> = BTreeMap::from([(g, false)]);
        if let Some(household) = instance.candidate_household[instance.groups[g].members[0]] {
            for &h in &instance.households[household] {
                closed.insert(h, true);
            }
        }
        for &q in &instance.groups[g].quotas {
            if taken[q] == quotas[q].max {
                for &h in &instance.quota_groups[q] {
                    closed.insert(h, true);
                }
            }
        }
        let mut available = available.to_vec();
        let mut people: u32 =
            (0..instance.groups.len()).filter(|&h| open[h]).map(|h| self.remaining[h].len() as u32).sum();
        for (&h, &entirely) in &closed {
            if !open[h] {
                continue;
            }
            let lost = if entirely { self.remaining[h].len() as u32 } else { 1 };
            people -= lost;
            for &q in &instance.groups[h].quotas {
                available[q] -= lost;
            }
        }
        if people < left {
            return false;
        }
        let need = |q: usize| quotas[q].min.saturating_sub(taken[q]);
        if (0..quotas.len()).any(|q| need(q) > available[q].min(left)) {
            return false;
        }
        instance.feature_quotas.iter().all(|feature| {
            let needed: u32 = feature.iter().map(|&q| need(q)).sum();
            let room: u32 = feature.iter().map(|&q| (quotas[q].max - taken[q]).min(available[q])).sum();
            needed <= left && room >= left
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::model::tests::{pool, quota};
    use super::*;

    #[test]
    fn greedy_panels_meet_quotas_and_are_reproducible() {
        let mut rows: Vec<&[&str]> = vec![&["f", "jeune"]; 4];
        rows.extend(vec![&["h", "jeune"] as &[&str]; 3]);
        rows.extend(vec![&["f", "vieux"] as &[&str]; 2]);
        rows.extend(vec![&["h", "vieux"] as &[&str]; 5]);
        let mut pool = pool(&["genre", "âge"], &rows);
        pool.candidates[0].household = Some("a".into());
        pool.candidates[13].household = Some("a".into());
        let quotas = vec![
            quota("genre", "f", 2, 3),
            quota("genre", "h", 2, 3),
            quota("âge", "jeune", 1, 2),
            quota("âge", "vieux", 3, 4),
        ];
        let instance = Instance::new(pool, quotas, 5, true).unwrap();
        for index in 0..200 {
            let seed = Seed([3; 32]).derive(index);
            let panel = greedy_draw(&instance, &seed).unwrap();
            assert!(instance.is_valid_panel(&panel), "{panel:?}");
            assert_eq!(greedy_draw(&instance, &seed).unwrap(), panel);
        }
        let probabilities = greedy_probabilities(&instance, &Seed([4; 32]), 300).unwrap();
        let sum: f64 = probabilities.iter().sum();
        assert!((sum - 5.0).abs() < 1e-9);
    }

    #[test]
    fn impossible_quotas_end_in_a_dead_end() {
        let pool = pool(&["genre"], &[&["f"], &["h"], &["h"]]);
        let quotas = vec![quota("genre", "f", 2, 2), quota("genre", "h", 0, 2)];
        let instance = Instance::new(pool, quotas, 2, false).unwrap();
        assert_eq!(
            greedy_draw(&instance, &Seed([0; 32])),
            Err(SortitionError::GreedyDeadEnd { attempts: MAX_ATTEMPTS })
        );
    }
}
