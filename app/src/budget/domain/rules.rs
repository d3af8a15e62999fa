//! Counting rules for participatory budgeting, as pure functions over [`Instance`].
//!
//! All decisions use integer arithmetic, so outcomes are exact and identical on
//! every platform.

use crate::platform::text::french_number;
use std::cmp::Ordering;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    pub id: String,
    pub cost: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ballot {
    /// Indices of the approved projects.
    Approval(Vec<usize>),
    /// `(project index, points)` pairs, e.g. cumulative ballots.
    Points(Vec<(usize, i64)>),
}

impl Ballot {
    fn entries(&self) -> impl Iterator<Item = (usize, i64)> + '_ {
        let (approvals, points): (&[usize], &[(usize, i64)]) = match self {
            Ballot::Approval(a) => (a, &[]),
            Ballot::Points(p) => (&[], p),
        };
        approvals.iter().map(|&p| (p, 1)).chain(points.iter().copied())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instance {
    pub budget: i64,
    pub projects: Vec<Project>,
    pub ballots: Vec<Ballot>,
}

impl Instance {
    /// Checks what the rules rely on: non-negative amounts and valid indices.
    pub fn validate(&self) -> Result<(), String> {
        if self.budget < 0 {
            return Err(format!("budget négatif ({})", self.budget));
        }
        if let Some(p) = self.projects.iter().find(|p| p.cost < 0) {
            return Err(format!("coût négatif pour le projet « {} »", p.id));
        }
        for (voter, ballot) in self.ballots.iter().enumerate() {
            if let Some((p, _)) = ballot.entries().find(|&(p, _)| p >= self.projects.len()) {
                return Err(format!("bulletin n° {} : projet n° {p} inexistant", voter + 1));
            }
        }
        Ok(())
    }

    /// Score of each project: approvals (each voter counted once) or total points.
    pub fn scores(&self) -> Vec<i64> {
        let mut scores = vec![0; self.projects.len()];
        let mut last_voter = vec![usize::MAX; self.projects.len()];
        for (voter, ballot) in self.ballots.iter().enumerate() {
            for (p, points) in ballot.entries() {
                match ballot {
                    Ballot::Approval(_) if last_voter[p] == voter => {}
                    Ballot::Approval(_) => scores[p] += 1,
                    Ballot::Points(_) => scores[p] += points,
                }
                last_voter[p] = voter;
            }
        }
        scores
    }

    /// Voters supporting each project (approving it, or giving it positive points).
    fn supporters(&self) -> Vec<Vec<u32>> {
        let mut points = vec![0i64; self.projects.len()];
        let mut supporters = vec![Vec::new(); self.projects.len()];
        for (voter, ballot) in self.ballots.iter().enumerate() {
            for (p, pts) in ballot.entries() {
                points[p] = match ballot {
                    Ballot::Approval(_) => 1,
                    Ballot::Points(_) => points[p] + pts,
                };
            }
            for (p, _) in ballot.entries() {
                if points[p] > 0 {
                    supporters[p].push(voter as u32);
                }
                points[p] = 0;
            }
        }
        supporters
    }
}

/// Why a project was or was not funded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// Funded; `step` is its 1-based position in the selection order.
    Selected { step: usize },
    /// Greedy rules: the project cost more than what was left when its turn came.
    DidNotFitBudget { cost: i64, remaining: i64 },
    /// Greedy with threshold: not enough votes to be eligible.
    BelowThreshold { score: i64, threshold: i64 },
    /// Nobody voted for the project.
    NoSupport,
    /// Equal shares: its supporters had only `available` left, less than `cost`.
    NotEnoughSupport { available: i64, cost: i64 },
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Reason::Selected { step } => write!(f, "Retenu (sélectionné en position {step})"),
            Reason::DidNotFitBudget { cost, remaining } => write!(
                f,
                "Non retenu : coût de {} pour {} restants dans l'enveloppe",
                french_number(cost),
                french_number(remaining)
            ),
            Reason::BelowThreshold { score, threshold } => {
                write!(f, "Non retenu : {} voix, sous le seuil de {}", french_number(score), french_number(threshold))
            }
            Reason::NoSupport => f.write_str("Non retenu : aucun soutien"),
            Reason::NotEnoughSupport { available, cost } => write!(
                f,
                "Non retenu : ses soutiens ne disposaient plus que de {} pour un coût de {}",
                french_number(available),
                french_number(cost)
            ),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// Funded project indices, in selection order.
    pub selected: Vec<usize>,
    /// One reason per project, in project order.
    pub reasons: Vec<Reason>,
    /// Total cost of the funded projects.
    pub spent: i64,
    /// Budget shared among voters in the final run: the real budget, except for
    /// equal shares when the Add1 completion raised it.
    pub effective_budget: i64,
}

/// Greedy by score: projects in decreasing score order, each funded if it
/// still fits, otherwise skipped. Ties: lower cost first, then file order.
/// Projects with no positive score are never funded.
pub fn greedy(instance: &Instance) -> Outcome {
    greedy_with(instance, None)
}

/// [`greedy`] restricted to projects whose score is at least `threshold`.
pub fn greedy_threshold(instance: &Instance, threshold: i64) -> Outcome {
    greedy_with(instance, Some(threshold))
}

fn greedy_with(instance: &Instance, threshold: Option<i64>) -> Outcome {
    let scores = instance.scores();
    let cost = |p: usize| instance.projects[p].cost;
    let mut order: Vec<usize> = (0..instance.projects.len()).collect();
    order.sort_by(|&a, &b| scores[b].cmp(&scores[a]).then(cost(a).cmp(&cost(b))).then(a.cmp(&b)));
    let mut reasons = vec![Reason::NoSupport; instance.projects.len()];
    let mut selected = Vec::new();
    let mut remaining = instance.budget;
    for p in order {
        reasons[p] = if scores[p] <= 0 {
            Reason::NoSupport
        } else if let Some(threshold) = threshold
            && scores[p] < threshold
        {
            Reason::BelowThreshold { score: scores[p], threshold }
        } else if cost(p) <= remaining {
            remaining -= cost(p);
            selected.push(p);
            Reason::Selected { step: selected.len() }
        } else {
            Reason::DidNotFitBudget { cost: cost(p), remaining }
        };
    }
    Outcome { selected, reasons, spent: instance.budget - remaining, effective_budget: instance.budget }
}

/// Satisfaction a voter draws from a funded project they approve.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Utility {
    /// The project's cost: equalshares.net's default, used for Świecie 2023.
    #[default]
    Cost,
    /// 1 per approved project.
    Cardinality,
}

/// Method of Equal Shares for approval ballots, with the Add1 completion.
///
/// Each voter gets an equal share of the budget; at each step the project whose
/// supporters can pay for it with the lowest payment per unit of utility is
/// funded, each supporter paying that amount or all they have left. Ties: lower
/// cost, then more supporters, then file order. Add1 (as on equalshares.net):
/// start again from the per-voter budget rounded down to a whole unit, raising
/// it by one unit per voter while the outcome is not exhaustive and still costs
/// at most the real budget; the last such outcome is kept.
pub fn equal_shares(instance: &Instance, utility: Utility) -> Result<Outcome, String> {
    instance.validate()?;
    if instance.ballots.iter().any(|b| matches!(b, Ballot::Points(_))) {
        return Err("la méthode des parts égales n'accepte que des votes par approbation".to_string());
    }
    let mes = Mes::new(instance, utility)?;
    let budget = instance.budget;
    let mut run = mes.run(budget);
    let mut effective_budget = budget;
    if mes.voters > 0 {
        let voters = mes.voters as i64;
        let mut total = budget / voters * voters;
        while !mes.is_exhaustive(&run, budget) {
            total += voters;
            let next = mes.run(total);
            if mes.spent(&next) > budget {
                break;
            }
            run = next;
            effective_budget = total;
        }
    }
    Ok(mes.outcome(&run, effective_budget))
}

/// Money is counted in units of `1 / (voters × scale)` of a currency unit, so
/// every voter's initial share is a whole number of units. Payments are
/// rounded up to a unit (never overspending); comparisons are exact.
struct Mes<'a> {
    instance: &'a Instance,
    voters: i128,
    scale: i128,
    supporters: Vec<Vec<u32>>,
    /// Utility of a project to each of its supporters.
    weight: Vec<i128>,
}

/// Share of the cost left for the supporters who can pay equally: each pays `need / payers`.
#[derive(Debug, Clone, Copy)]
struct Payment {
    need: i128,
    payers: i128,
}

/// Voters with the same payment history share a group, and thus a budget.
struct Run {
    selected: Vec<usize>,
    voter_group: Vec<u32>,
    group_budget: Vec<i128>,
}

const BROKE: u32 = 0;

impl<'a> Mes<'a> {
    fn new(instance: &'a Instance, utility: Utility) -> Result<Mes<'a>, String> {
        let supporters = instance.supporters();
        let voters = instance.ballots.len() as i128;
        let total_cost: i128 = instance.projects.iter().map(|p| p.cost as i128).sum();
        // Largest money amount: Add1 never raises a share beyond the total cost.
        let bound = voters.checked_mul(total_cost + 2).and_then(|m| m.checked_add(instance.budget as i128));
        // Sums of budgets and cross-multiplied comparisons stay below bound² × scale.
        let scale = (0..=12)
            .rev()
            .map(|p| 10i128.pow(p))
            .find(|&s| {
                bound
                    .and_then(|m| m.checked_mul(m.max(voters)))
                    .and_then(|m| m.checked_mul(s))
                    .and_then(|m| m.checked_mul(4))
                    .is_some()
            })
            .ok_or_else(|| "montants trop grands pour un calcul exact".to_string())?;
        let weight = instance
            .projects
            .iter()
            .map(|p| match utility {
                Utility::Cost => p.cost as i128,
                Utility::Cardinality => 1,
            })
            .collect();
        Ok(Mes { instance, voters, scale, supporters, weight })
    }

    fn cost(&self, p: usize) -> i128 {
        self.instance.projects[p].cost as i128 * self.voters * self.scale
    }

    fn spent(&self, run: &Run) -> i64 {
        run.selected.iter().map(|&p| self.instance.projects[p].cost).sum()
    }

    /// No unfunded supported project fits in what is left of the real budget.
    fn is_exhaustive(&self, run: &Run, budget: i64) -> bool {
        let left = budget - self.spent(run);
        let mut funded = vec![false; self.supporters.len()];
        for &p in &run.selected {
            funded[p] = true;
        }
        (0..self.supporters.len())
            .all(|p| funded[p] || self.supporters[p].is_empty() || self.instance.projects[p].cost > left)
    }

    /// Orders projects by payment per unit of utility (`need / (payers × weight)`).
    fn compare(&self, a: (usize, Payment), b: (usize, Payment)) -> Ordering {
        let (pa, a) = a;
        let (pb, b) = b;
        (a.need * b.payers * self.weight[pb]).cmp(&(b.need * a.payers * self.weight[pa]))
    }

    /// Equal payment for project `p`, or `None` if its supporters cannot afford it.
    fn payment(&self, run: &Run, p: usize, counts: &mut Vec<u32>, groups: &mut Vec<u32>) -> Option<Payment> {
        counts.resize(run.group_budget.len(), 0);
        groups.clear();
        for &v in &self.supporters[p] {
            let g = run.voter_group[v as usize];
            if g != BROKE {
                if counts[g as usize] == 0 {
                    groups.push(g);
                }
                counts[g as usize] += 1;
            }
        }
        groups.sort_unstable_by_key(|&g| run.group_budget[g as usize]);
        let mut need = self.cost(p);
        let mut payers: i128 = groups.iter().map(|&g| counts[g as usize] as i128).sum();
        for &g in groups.iter() {
            let budget = run.group_budget[g as usize];
            // Poorest first: once a group can pay an equal share, all later ones can.
            if budget * payers >= need {
                break;
            }
            // This group cannot pay an equal share: it gives all it has.
            let count = counts[g as usize] as i128;
            need -= budget * count;
            payers -= count;
        }
        for &g in groups.iter() {
            counts[g as usize] = 0;
        }
        (payers > 0).then_some(Payment { need, payers })
    }

    /// Charges the supporters of `p`: an equal share, or everything they have.
    fn charge(&self, run: &mut Run, p: usize, payment: Payment, remap: &mut Vec<u32>) {
        // Rounded up so that the project is always fully paid.
        let share = (payment.need + payment.payers - 1) / payment.payers;
        remap.clear();
        remap.resize(run.group_budget.len(), u32::MAX);
        for &v in &self.supporters[p] {
            let g = run.voter_group[v as usize];
            if g == BROKE {
                continue;
            }
            if remap[g as usize] == u32::MAX {
                let budget = run.group_budget[g as usize];
                remap[g as usize] = if budget * payment.payers < payment.need || budget == share {
                    BROKE
                } else {
                    run.group_budget.push(budget - share);
                    (run.group_budget.len() - 1) as u32
                };
            }
            run.voter_group[v as usize] = remap[g as usize];
        }
    }

    /// One run of the method with `total` currency units shared among voters.
    fn run(&self, total: i64) -> Run {
        let projects = self.instance.projects.len();
        let mut run = Run {
            selected: Vec::new(),
            voter_group: vec![1; self.voters as usize],
            group_budget: vec![0, total as i128 * self.scale],
        };
        // Free projects cost nobody anything.
        run.selected
            .extend((0..projects).filter(|&p| self.instance.projects[p].cost == 0 && !self.supporters[p].is_empty()));
        let mut candidates: Vec<usize> =
            (0..projects).filter(|&p| self.instance.projects[p].cost > 0 && !self.supporters[p].is_empty()).collect();
        // Budgets only shrink, so a payment only grows: the last one is a lower bound.
        let mut bound: Vec<Payment> =
            (0..projects).map(|p| Payment { need: self.cost(p), payers: self.supporters[p].len() as i128 }).collect();
        let (mut counts, mut groups, mut remap) = (Vec::new(), Vec::new(), Vec::new());
        loop {
            candidates.sort_by(|&a, &b| self.compare((a, bound[a]), (b, bound[b])));
            let mut best: Vec<usize> = Vec::new();
            let mut unaffordable = Vec::new();
            for &p in &candidates {
                if let Some(&b) = best.first()
                    && self.compare((p, bound[p]), (b, bound[b])) == Ordering::Greater
                {
                    break;
                }
                let Some(payment) = self.payment(&run, p, &mut counts, &mut groups) else {
                    unaffordable.push(p);
                    continue;
                };
                bound[p] = payment;
                match best.first().map(|&b| self.compare((p, payment), (b, bound[b]))) {
                    None | Some(Ordering::Less) => best = vec![p],
                    Some(Ordering::Equal) => best.push(p),
                    Some(Ordering::Greater) => {}
                }
            }
            let Some(&chosen) = best
                .iter()
                .min_by_key(|&&p| (self.instance.projects[p].cost, std::cmp::Reverse(self.supporters[p].len()), p))
            else {
                break;
            };
            self.charge(&mut run, chosen, bound[chosen], &mut remap);
            run.selected.push(chosen);
            candidates.retain(|&p| p != chosen && !unaffordable.contains(&p));
        }
        run
    }

    fn outcome(&self, run: &Run, effective_budget: i64) -> Outcome {
        let mut reasons: Vec<Reason> = (0..self.instance.projects.len())
            .map(|p| {
                if self.supporters[p].is_empty() {
                    return Reason::NoSupport;
                }
                let left: i128 =
                    self.supporters[p].iter().map(|&v| run.group_budget[run.voter_group[v as usize] as usize]).sum();
                Reason::NotEnoughSupport {
                    available: (left / (self.voters * self.scale)) as i64,
                    cost: self.instance.projects[p].cost,
                }
            })
            .collect();
        for (step, &p) in run.selected.iter().enumerate() {
            reasons[p] = Reason::Selected { step: step + 1 };
        }
        Outcome { selected: run.selected.clone(), reasons, spent: self.spent(run), effective_budget }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An approval instance; `costs[i]` is the cost of project `i`.
    fn approval(budget: i64, costs: &[i64], ballots: &[&[usize]]) -> Instance {
        Instance {
            budget,
            projects: costs.iter().enumerate().map(|(i, &cost)| Project { id: format!("p{i}"), cost }).collect(),
            ballots: ballots.iter().map(|b| Ballot::Approval(b.to_vec())).collect(),
        }
    }

    fn selected(outcome: &Outcome) -> Vec<usize> {
        outcome.selected.clone()
    }

    #[test]
    fn greedy_skips_what_does_not_fit() {
        // Scores: p0 = 3, p1 = 2, p2 = 1, p3 = 0.
        let instance = approval(10, &[6, 5, 4, 3], &[&[0, 1, 2], &[0, 1], &[0]]);
        let outcome = greedy(&instance);
        assert_eq!(selected(&outcome), [0, 2]);
        assert_eq!(outcome.spent, 10);
        assert_eq!(
            outcome.reasons,
            [
                Reason::Selected { step: 1 },
                Reason::DidNotFitBudget { cost: 5, remaining: 4 },
                Reason::Selected { step: 2 },
                Reason::NoSupport,
            ]
        );
    }

    #[test]
    fn greedy_breaks_ties_by_cost_then_file_order() {
        // All three projects have 2 votes.
        let ballots: &[&[usize]] = &[&[0, 1, 2], &[0, 1, 2]];
        let outcome = greedy(&approval(6, &[5, 3, 3], ballots));
        assert_eq!(selected(&outcome), [1, 2]);
        let outcome = greedy(&approval(5, &[5, 3, 3], ballots));
        assert_eq!(selected(&outcome), [1]);
        assert_eq!(outcome.reasons[2], Reason::DidNotFitBudget { cost: 3, remaining: 2 });
    }

    #[test]
    fn greedy_threshold_excludes_weak_projects() {
        // Scores: 5, 3, 2.
        let ballots: &[&[usize]] = &[&[0, 1, 2], &[0, 1, 2], &[0, 1], &[0], &[0]];
        let instance = approval(100, &[10, 10, 10], ballots);
        assert_eq!(selected(&greedy(&instance)), [0, 1, 2]);
        let outcome = greedy_threshold(&instance, 3);
        assert_eq!(selected(&outcome), [0, 1]);
        assert_eq!(outcome.reasons[2], Reason::BelowThreshold { score: 2, threshold: 3 });
    }

    #[test]
    fn points_ballots_count_points() {
        let mut instance = approval(10, &[10, 10], &[]);
        instance.ballots = vec![Ballot::Points(vec![(0, 3), (1, 7)]), Ballot::Points(vec![(0, 2), (0, 2), (1, 0)])];
        assert_eq!(instance.scores(), [7, 7]);
        instance.ballots.push(Ballot::Points(vec![(1, 1)]));
        assert_eq!(selected(&greedy(&instance)), [1]);
        assert!(equal_shares(&instance, Utility::Cost).is_err());
    }

    #[test]
    fn approvals_count_each_voter_once() {
        let instance = approval(10, &[1, 1], &[&[0, 0, 1], &[0]]);
        assert_eq!(instance.scores(), [2, 1]);
        assert_eq!(instance.supporters(), [vec![0, 1], vec![0]]);
    }

    #[test]
    fn validate_rejects_bad_indices_and_amounts() {
        assert_eq!(
            approval(10, &[1], &[&[0], &[3]]).validate(),
            Err("bulletin n° 2 : projet n° 3 inexistant".to_string())
        );
        assert!(approval(-1, &[1], &[]).validate().is_err());
        assert!(approval(10, &[-1], &[]).validate().is_err());
        assert!(equal_shares(&approval(10, &[1], &[&[2]]), Utility::Cost).is_err());
    }

    #[test]
    fn equal_shares_is_proportional_where_greedy_is_not() {
        // 6 voters want p0, p1, p2; 4 voters want p3. Each voter holds 10.
        let majority: &[usize] = &[0, 1, 2];
        let minority: &[usize] = &[3];
        let ballots = [[majority; 6].as_slice(), [minority; 4].as_slice()].concat();
        let instance = approval(100, &[30, 30, 30, 30], &ballots);
        assert_eq!(selected(&greedy(&instance)), [0, 1, 2]);
        let outcome = equal_shares(&instance, Utility::Cost).unwrap();
        assert_eq!(selected(&outcome), [0, 1, 3]);
        assert_eq!(outcome.spent, 90);
        assert_eq!(outcome.effective_budget, 100);
        assert_eq!(outcome.reasons[2], Reason::NotEnoughSupport { available: 0, cost: 30 });
    }

    #[test]
    fn equal_shares_ties_lower_cost_then_file_order() {
        // Round 1: every project has two supporters holding 10 each, so all
        // cost the same per unit of cost; p1 and p2 are cheaper, p1 comes first.
        let instance = approval(40, &[20, 10, 10], &[&[0, 2], &[0, 2], &[1], &[1]]);
        let outcome = equal_shares(&instance, Utility::Cost).unwrap();
        assert_eq!(selected(&outcome), [1, 2, 0]);
    }

    #[test]
    fn equal_shares_ties_more_supporters() {
        // p0 drains voters 3..8. Then p1 ({0,1,2}) and p2 ({0,1,2,3}) both cost
        // 4 to each paying voter: the tie goes to p2, which has more supporters.
        let drained: &[usize] = &[0];
        let mut ballots = vec![&[1usize, 2][..], &[1, 2], &[1, 2], &[0, 2]];
        ballots.extend([drained; 4]);
        let instance = approval(80, &[50, 12, 12], &ballots);
        let outcome = equal_shares(&instance, Utility::Cost).unwrap();
        assert_eq!(selected(&outcome), [0, 2, 1]);
        assert_eq!(outcome.spent, 74);
    }

    #[test]
    fn add1_completion_raises_voter_budgets() {
        // With 10 each, voters 0 and 1 cannot afford p0 after paying p2; the
        // completion raises shares until they can (15 each, i.e. 60 in total).
        let instance = approval(40, &[20, 10, 10], &[&[0, 2], &[0, 2], &[1], &[1]]);
        let outcome = equal_shares(&instance, Utility::Cost).unwrap();
        assert_eq!(outcome.spent, 40);
        assert_eq!(outcome.effective_budget, 60);

        // Nothing is affordable with 10 each. At 18 each p1 is funded; at 19
        // each p1 and p2 would be, 50 in total: the completion stops at 18.
        let instance = approval(40, &[15, 25, 25], &[&[1, 2], &[], &[2], &[0, 1]]);
        let outcome = equal_shares(&instance, Utility::Cost).unwrap();
        assert_eq!(selected(&outcome), [1]);
        assert_eq!(outcome.effective_budget, 72);
        assert_eq!(
            outcome.reasons,
            [
                Reason::NotEnoughSupport { available: 5, cost: 15 },
                Reason::Selected { step: 1 },
                Reason::NotEnoughSupport { available: 23, cost: 25 },
            ]
        );
    }

    #[test]
    fn cost_and_cardinality_utilities_differ() {
        let instance = approval(100, &[90, 20], &[&[0, 1], &[0], &[0], &[0]]);
        assert_eq!(selected(&equal_shares(&instance, Utility::Cost).unwrap()), [0]);
        assert_eq!(selected(&equal_shares(&instance, Utility::Cardinality).unwrap()), [1]);
    }

    #[test]
    fn equal_shares_edge_cases() {
        // No voters: nothing is funded.
        let outcome = equal_shares(&approval(10, &[5], &[]), Utility::Cost).unwrap();
        assert_eq!(outcome.reasons, [Reason::NoSupport]);
        // Free supported projects are funded; unsupported ones are not.
        let outcome = equal_shares(&approval(10, &[0, 0, 5], &[&[0, 2]]), Utility::Cost).unwrap();
        assert_eq!(selected(&outcome), [0, 2]);
        assert_eq!(outcome.reasons[1], Reason::NoSupport);
    }

    #[test]
    fn payments_are_exact_with_thirds() {
        // Three voters share 10: each holds 10/3. p0 costs 10 and takes it all;
        // with floating point 3 × (10/3) may fall short of 10.
        let instance = approval(10, &[10, 1], &[&[0, 1], &[0], &[0]]);
        let outcome = equal_shares(&instance, Utility::Cost).unwrap();
        assert_eq!(selected(&outcome), [0]);
        assert_eq!(outcome.reasons[1], Reason::NotEnoughSupport { available: 0, cost: 1 });
    }

    #[test]
    fn reasons_read_in_french() {
        assert_eq!(Reason::Selected { step: 2 }.to_string(), "Retenu (sélectionné en position 2)");
        assert_eq!(
            Reason::DidNotFitBudget { cost: 1_250_000, remaining: 900 }.to_string(),
            "Non retenu : coût de 1\u{202f}250\u{202f}000 pour 900 restants dans l'enveloppe"
        );
        assert_eq!(
            Reason::BelowThreshold { score: 2999, threshold: 3000 }.to_string(),
            "Non retenu : 2\u{202f}999 voix, sous le seuil de 3\u{202f}000"
        );
        assert_eq!(Reason::NoSupport.to_string(), "Non retenu : aucun soutien");
        assert!(Reason::NotEnoughSupport { available: -1, cost: 10 }.to_string().contains("-1 pour un coût de 10"));
    }
}
