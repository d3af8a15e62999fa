//! From panels as group counts to panels of named candidates.
//!
//! Probabilities are first rounded to integer weights out of
//! `WEIGHT_SCALE` = 2^40, so that the published distribution, the draw and
//! every candidate's probability are exact integers and fractions that anyone
//! can recompute. Each group-level panel then owns an interval of
//! `[0, WEIGHT_SCALE)`, its length being its weight, and every group deals its
//! seats inside that line to its members so that each member is on the
//! panel for an equal share of the line (to one unit of 2^-40):
//!
//! * the group's panels are laid out by decreasing count; "seat r" of the
//!   group is then occupied on a prefix `[0, L_r)` of that layout, where
//!   `L_r` is the weight of the panels with more than r of its members;
//! * members are served one by one (those owed one extra unit first), as in
//!   the alias method: a member takes the whole of the shortest remaining
//!   seat and tops up from the end of the longest one, which stays a prefix.
//!   Both pieces are disjoint in time because the longest seat is at least as
//!   long as the member's share, so nobody holds two seats at once.
//!
//! Cutting the line at every change of any group's members gives panels of
//! named candidates that keep every group count, hence every quota; equal
//! member sets are merged.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet};

use super::leximin::GroupDistribution;
use super::model::Instance;

/// Denominator of every panel weight.
pub const WEIGHT_SCALE: u64 = 1 << 40;

/// A panel of candidates (indices into the pool, ascending) and its weight:
/// its probability is `weight / WEIGHT_SCALE`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Panel {
    pub members: Vec<usize>,
    pub weight: u64,
}

impl Panel {
    pub fn probability(&self) -> f64 {
        self.weight as f64 / WEIGHT_SCALE as f64
    }
}

/// A lottery over panels. `panels` is sorted by member list (the canonical
/// order the draw walks) and the weights add up to exactly `WEIGHT_SCALE`;
/// `probabilities[i]` is the chance that candidate `i` of the pool sits.
#[derive(Clone, Debug, PartialEq)]
pub struct Distribution {
    pub panels: Vec<Panel>,
    pub probabilities: Vec<f64>,
}

/// Largest-remainder rounding of probabilities to weights summing to
/// `WEIGHT_SCALE`; ties go to the earlier panel.
fn quantize(probabilities: &[f64]) -> Vec<u64> {
    let clean: Vec<f64> = probabilities.iter().map(|p| p.max(0.0)).collect();
    let total: f64 = clean.iter().sum();
    let scaled: Vec<f64> = clean.iter().map(|p| p / total * WEIGHT_SCALE as f64).collect();
    let mut weights: Vec<u64> = scaled.iter().map(|s| s.floor() as u64).collect();
    let assigned: u64 = weights.iter().sum();
    let fraction = |i: usize| scaled[i] - scaled[i].floor();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by(|&a, &b| fraction(b).total_cmp(&fraction(a)).then(a.cmp(&b)));
    // Each floor loses less than one unit, so at most one pass is needed;
    // round-off in the scaling can also overshoot by a unit.
    if assigned <= WEIGHT_SCALE {
        for &index in order.iter().take((WEIGHT_SCALE - assigned) as usize) {
            weights[index] += 1;
        }
    } else {
        let surplus = (assigned - WEIGHT_SCALE) as usize;
        let trimmed: Vec<usize> = order.iter().rev().copied().filter(|&i| weights[i] > 0).take(surplus).collect();
        for index in trimmed {
            weights[index] -= 1;
        }
    }
    weights
}

/// On/off switches of one candidate at a position of the line; ends sort
/// before starts so adjacent pieces of one candidate join up.
type Event = (u64, bool, usize);

pub(super) fn expand(instance: &Instance, groups: &GroupDistribution) -> Distribution {
    let weights = quantize(&groups.probabilities);
    // (start on the line, weight, composition) of each panel kept.
    let mut panels = Vec::new();
    let mut start = 0;
    for (composition, &weight) in groups.compositions.iter().zip(&weights) {
        if weight > 0 {
            panels.push((start, weight, composition));
            start += weight;
        }
    }

    let mut events: Vec<Event> = Vec::new();
    for (g, group) in instance.groups.iter().enumerate() {
        let mut layout: Vec<(u64, u64, u32)> = panels
            .iter()
            .filter(|(_, _, composition)| composition[g] > 0)
            .map(|&(start, weight, composition)| (start, weight, composition[g]))
            .collect();
        // Stable: equal counts keep the line order.
        layout.sort_by_key(|&(_, _, count)| Reverse(count));
        deal_seats(&group.members, &layout, &mut events);
    }
    events.sort_unstable();

    let mut merged: BTreeMap<Vec<usize>, u64> = BTreeMap::new();
    let mut active: BTreeSet<usize> = BTreeSet::new();
    let mut position = 0;
    let mut index = 0;
    while index < events.len() {
        let here = events[index].0;
        if here > position && !active.is_empty() {
            debug_assert_eq!(active.len(), instance.seats() as usize);
            *merged.entry(active.iter().copied().collect()).or_default() += here - position;
        }
        while index < events.len() && events[index].0 == here {
            let (_, starts, candidate) = events[index];
            if starts {
                active.insert(candidate);
            } else {
                active.remove(&candidate);
            }
            index += 1;
        }
        position = here;
    }

    let mut probabilities = vec![0u64; instance.pool().candidates.len()];
    let panels: Vec<Panel> = merged
        .into_iter()
        .map(|(members, weight)| {
            for &member in &members {
                probabilities[member] += weight;
            }
            Panel { members, weight }
        })
        .collect();
    Distribution { panels, probabilities: probabilities.into_iter().map(|w| w as f64 / WEIGHT_SCALE as f64).collect() }
}

/// Deals one group's seats to its members (see the module comment).
/// `layout` lists the group's panels by decreasing count as
/// (start on the line, weight, count).
fn deal_seats(members: &[usize], layout: &[(u64, u64, u32)], events: &mut Vec<Event>) {
    let size = members.len();
    // Offsets of the panels in the sorted layout.
    let mut offsets = Vec::with_capacity(layout.len());
    let mut total = 0;
    for &(_, weight, _) in layout {
        offsets.push(total);
        total += weight;
    }
    // Seat r is occupied on [0, L_r); seats beyond the largest count never.
    let mut seats: BTreeSet<(u64, usize)> = BTreeSet::new();
    let mut length = total;
    let mut kept = layout.len();
    for seat in 0..size {
        while kept > 0 && layout[kept - 1].2 as usize <= seat {
            kept -= 1;
            length -= layout[kept].1;
        }
        seats.insert((length, seat));
    }
    let owed: u64 = seats.iter().map(|&(length, _)| length).sum();
    let share = owed / size as u64;
    let extra = (owed % size as u64) as usize;

    for (index, &member) in members.iter().enumerate() {
        let due = share + u64::from(index < extra);
        let (short, short_seat) = seats.pop_first().expect("one seat per member");
        // The shortest seat is never longer than the largest share still due.
        debug_assert!(short <= due);
        map_to_line(member, 0, short, layout, &offsets, events);
        if short < due {
            let (long, long_seat) = seats.pop_last().expect("a seat long enough");
            debug_assert!(long >= due && long_seat != short_seat);
            let left = long - (due - short);
            map_to_line(member, left, long, layout, &offsets, events);
            seats.insert((left, long_seat));
        }
    }
}

/// Turns `[from, to)` of a group's sorted layout into on/off events on the
/// line, one pair per panel it crosses.
fn map_to_line(
    member: usize,
    from: u64,
    to: u64,
    layout: &[(u64, u64, u32)],
    offsets: &[u64],
    events: &mut Vec<Event>,
) {
    if from >= to {
        return;
    }
    let mut panel = offsets.partition_point(|&offset| offset <= from) - 1;
    while panel < layout.len() && offsets[panel] < to {
        let (start, weight, _) = layout[panel];
        let begin = from.max(offsets[panel]) - offsets[panel];
        let end = to.min(offsets[panel] + weight) - offsets[panel];
        events.push((start + begin, true, member));
        events.push((start + end, false, member));
        panel += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::super::model::tests::{pool, quota};
    use super::*;

    #[test]
    fn quantize_sums_exactly() {
        let weights = quantize(&[1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0, -1e-12]);
        assert_eq!(weights.iter().sum::<u64>(), WEIGHT_SCALE);
        assert_eq!(weights[3], 0);
        assert!(weights[0] >= weights[1] && weights[0] - weights[2] <= 1);
        assert_eq!(quantize(&[0.25, 0.75]), vec![WEIGHT_SCALE / 4, WEIGHT_SCALE / 4 * 3]);
    }

    #[test]
    fn members_of_a_group_share_its_probability() {
        // One group of 5 women, one of 4 men; panels of 3 with 1–2 women.
        let rows: Vec<&[&str]> = [vec![&["f"] as &[&str]; 5], vec![&["h"]; 4]].concat();
        let pool = pool(&["genre"], &rows);
        let quotas = vec![quota("genre", "f", 1, 2), quota("genre", "h", 1, 2)];
        let instance = Instance::new(pool, quotas, 3, false).unwrap();
        let groups = GroupDistribution { compositions: vec![vec![1, 2], vec![2, 1]], probabilities: vec![0.3, 0.7] };
        let distribution = expand(&instance, &groups);
        assert_eq!(distribution.panels.iter().map(|p| p.weight).sum::<u64>(), WEIGHT_SCALE);
        let women = (0.3 * 1.0 + 0.7 * 2.0) / 5.0;
        let men = (0.3 * 2.0 + 0.7 * 1.0) / 4.0;
        for (i, &p) in distribution.probabilities.iter().enumerate() {
            let expected = if i < 5 { women } else { men };
            assert!((p - expected).abs() < 1e-11, "{i}: {p} vs {expected}");
        }
        for panel in &distribution.panels {
            assert!(instance.is_valid_panel(&panel.members));
        }
        // Canonical order: sorted by member list.
        assert!(distribution.panels.windows(2).all(|w| w[0].members < w[1].members));
    }

    #[test]
    fn uneven_counts_never_seat_anyone_twice() {
        // A group of 2 with counts 2 (10%), 1 (80%) and 0 (10%): the layout
        // where the naive wrap-around would seat one member twice.
        let pool = pool(&["g"], &[&["a"], &["a"], &["b"], &["b"], &["b"]]);
        let quotas = vec![quota("g", "a", 0, 2), quota("g", "b", 0, 2)];
        let instance = Instance::new(pool, quotas, 2, false).unwrap();
        let groups = GroupDistribution {
            compositions: vec![vec![1, 1], vec![2, 0], vec![0, 2]],
            probabilities: vec![0.8, 0.1, 0.1],
        };
        let distribution = expand(&instance, &groups);
        for panel in &distribution.panels {
            assert!(instance.is_valid_panel(&panel.members), "{panel:?}");
        }
        assert!((distribution.probabilities[0] - 0.5).abs() < 1e-11);
        assert!((distribution.probabilities[1] - 0.5).abs() < 1e-11);
        let b = (0.8 + 0.2) / 3.0;
        assert!((distribution.probabilities[4] - b).abs() < 1e-11);
    }
}
