//! The restricted master LP of a leximin stage, solved by a dense revised
//! primal simplex. Few rows (one per group, plus one) and many columns (one
//! per panel found) make an explicit basis inverse cheap, and column
//! generation only appends columns, so each new panel restarts from the
//! previous optimal basis.
//!
//! ```text
//! max z  s.t.  Σ_j p_j = 1                              (row 0)
//!              Σ_j a_g,j p_j − z − s_g = 0     g unfixed (row g + 1)
//!              Σ_j a_g,j p_j − s_g = f_g       g fixed
//!              p, z, s ≥ 0
//! ```
//!
//! with `a_g,j` the share of group g seated by panel j. Variables are
//! numbered: artificial of row r → r, z → R, surplus of row r ≥ 1 → R + r,
//! panel j → 2R + j (R rows). Phase 1 starts from the artificial basis.

use super::error::SortitionError;

/// Reduced costs and infeasibilities below this are round-off.
const TOLERANCE: f64 = 1e-9;
/// Smallest pivot element accepted.
const PIVOT_TOLERANCE: f64 = 1e-9;
/// Pivots between recomputations of the inverse from scratch.
const REFACTOR_INTERVAL: usize = 1000;
/// Degenerate pivots in a row after which Bland's rule takes over, which
/// cannot cycle.
const DEGENERATE_STREAK: usize = 50;
/// Pivots allowed per call; far beyond what the problem sizes need.
const MAX_PIVOTS: usize = 1_000_000;

fn failure(message: &str) -> SortitionError {
    SortitionError::Solver(format!("programme linéaire : {message}"))
}

pub(super) struct MasterLp {
    rows: usize,
    /// Per group row (index r − 1): whether the row still bounds z.
    unfixed: Vec<bool>,
    rhs: Vec<f64>,
    /// Sparse panel columns: (row, coefficient).
    panels: Vec<Vec<(usize, f64)>>,
    /// Basic variable of each row.
    basis: Vec<usize>,
    /// Position in `basis` of each basic variable.
    position: Vec<Option<usize>>,
    /// Row-major basis inverse.
    inverse: Vec<f64>,
    /// Values of the basic variables.
    values: Vec<f64>,
    pivots_since_refactor: usize,
    /// The level z is measured from: the optimum of the previous stage.
    base: f64,
}

#[derive(Clone, Copy, PartialEq)]
enum Phase {
    Feasibility,
    Optimality,
}

impl MasterLp {
    /// A master over `groups` group rows, all unfixed, without panels.
    pub fn new(groups: usize) -> Self {
        let rows = groups + 1;
        let mut rhs = vec![0.0; rows];
        rhs[0] = 1.0;
        let mut lp = Self {
            rows,
            unfixed: vec![true; groups],
            rhs,
            panels: Vec::new(),
            basis: Vec::new(),
            position: Vec::new(),
            inverse: Vec::new(),
            values: Vec::new(),
            pivots_since_refactor: 0,
            base: 0.0,
        };
        lp.reset_to_artificial();
        lp
    }

    fn reset_to_artificial(&mut self) {
        let rows = self.rows;
        self.basis = (0..rows).collect();
        self.position = vec![None; 2 * rows + self.panels.len()];
        for r in 0..rows {
            self.position[r] = Some(r);
        }
        self.inverse = vec![0.0; rows * rows];
        for r in 0..rows {
            self.inverse[r * rows + r] = 1.0;
        }
        self.values = self.rhs.clone();
        self.pivots_since_refactor = 0;
    }

    /// Adds a panel column: (group row index from 0, share of the group).
    pub fn add_panel(&mut self, shares: impl IntoIterator<Item = (usize, f64)>) {
        let mut column = vec![(0, 1.0)];
        column.extend(shares.into_iter().map(|(g, a)| (g + 1, a)));
        self.panels.push(column);
        self.position.push(None);
    }

    /// Fixes group rows at `value`, the current optimum: they stop bounding
    /// z and must keep at least `value`. The other unfixed rows now measure
    /// z from `value` (their right-hand side becomes `value`), so the current
    /// point stays feasible with z back at 0: z leaves the basis and an
    /// artificial variable at 0 takes its place until phase 1 drives it out.
    pub fn fix(&mut self, groups: &[usize], value: f64) {
        for &g in groups {
            self.unfixed[g] = false;
        }
        for (g, &unfixed) in self.unfixed.iter().enumerate() {
            if unfixed || groups.contains(&g) {
                self.rhs[g + 1] = value;
            }
        }
        self.base = value;
        if let Some(k) = self.position[self.rows] {
            // The artificial whose column keeps the basis regular: the
            // largest entry of row k of the inverse.
            let n = self.rows;
            let row = (0..n)
                .max_by(|&a, &b| self.inverse[k * n + a].abs().total_cmp(&self.inverse[k * n + b].abs()))
                .expect("at least one row");
            self.position[self.rows] = None;
            self.position[row] = Some(k);
            self.basis[k] = row;
        }
        let feasible = self.refactor().is_ok() && self.values.iter().all(|&v| v >= -TOLERANCE);
        if !feasible {
            self.reset_to_artificial();
        }
    }

    /// Calls `f(row, coefficient)` for each non-zero of a variable's column.
    fn for_column(&self, var: usize, mut f: impl FnMut(usize, f64)) {
        let rows = self.rows;
        match var {
            v if v < rows => f(v, 1.0),
            v if v == rows => {
                for r in (1..rows).filter(|&r| self.unfixed[r - 1]) {
                    f(r, -1.0);
                }
            }
            v if v < 2 * rows => f(v - rows, -1.0),
            v => {
                for &(r, a) in &self.panels[v - 2 * rows] {
                    f(r, a);
                }
            }
        }
    }

    /// `B⁻¹ A_var`: how the basic variables move when `var` increases.
    fn direction(&self, var: usize) -> Vec<f64> {
        let n = self.rows;
        let mut direction = vec![0.0; n];
        self.for_column(var, |r, a| {
            for (k, d) in direction.iter_mut().enumerate() {
                *d += self.inverse[k * n + r] * a;
            }
        });
        direction
    }

    fn cost(&self, var: usize, phase: Phase) -> f64 {
        match phase {
            Phase::Feasibility if var < self.rows => -1.0,
            // Once every row is fixed, z is bound by nothing and worth nothing.
            Phase::Optimality if var == self.rows && self.unfixed.contains(&true) => 1.0,
            _ => 0.0,
        }
    }

    /// Recomputes the inverse and values of the current basis by
    /// Gauss–Jordan elimination with partial pivoting.
    fn refactor(&mut self) -> Result<(), SortitionError> {
        let n = self.rows;
        let mut matrix = vec![0.0; n * n];
        for (k, &var) in self.basis.iter().enumerate() {
            self.for_column(var, |r, a| matrix[r * n + k] = a);
        }
        let mut inverse = vec![0.0; n * n];
        for r in 0..n {
            inverse[r * n + r] = 1.0;
        }
        for col in 0..n {
            let pivot_row = (col..n)
                .max_by(|&a, &b| matrix[a * n + col].abs().total_cmp(&matrix[b * n + col].abs()))
                .expect("non-empty range");
            let pivot = matrix[pivot_row * n + col];
            if pivot.abs() < PIVOT_TOLERANCE {
                return Err(failure("base singulière"));
            }
            if pivot_row != col {
                for c in 0..n {
                    matrix.swap(pivot_row * n + c, col * n + c);
                    inverse.swap(pivot_row * n + c, col * n + c);
                }
            }
            for c in 0..n {
                matrix[col * n + c] /= pivot;
                inverse[col * n + c] /= pivot;
            }
            for r in 0..n {
                let factor = matrix[r * n + col];
                if r != col && factor != 0.0 {
                    for c in 0..n {
                        matrix[r * n + c] -= factor * matrix[col * n + c];
                        inverse[r * n + c] -= factor * inverse[col * n + c];
                    }
                }
            }
        }
        self.values = (0..n).map(|r| (0..n).map(|c| inverse[r * n + c] * self.rhs[c]).sum()).collect();
        self.inverse = inverse;
        self.pivots_since_refactor = 0;
        Ok(())
    }

    /// Simplex multipliers `c_B B⁻¹` for the phase's costs.
    fn multipliers(&self, phase: Phase) -> Vec<f64> {
        let n = self.rows;
        let mut y = vec![0.0; n];
        for (k, &var) in self.basis.iter().enumerate() {
            let cost = self.cost(var, phase);
            if cost != 0.0 {
                for (c, value) in y.iter_mut().enumerate() {
                    *value += cost * self.inverse[k * n + c];
                }
            }
        }
        y
    }

    fn run(&mut self, phase: Phase) -> Result<(), SortitionError> {
        let n = self.rows;
        let variables = 2 * n + self.panels.len();
        let mut streak = 0;
        for _ in 0..MAX_PIVOTS {
            if self.pivots_since_refactor >= REFACTOR_INTERVAL {
                self.refactor()?;
            }
            let y = self.multipliers(phase);
            let bland = streak >= DEGENERATE_STREAK;
            let mut entering: Option<(usize, f64)> = None;
            // Artificial variables never re-enter.
            for var in n..variables {
                if self.position[var].is_some() {
                    continue;
                }
                let mut reduced = self.cost(var, phase);
                self.for_column(var, |r, a| reduced -= y[r] * a);
                if reduced > TOLERANCE && entering.is_none_or(|(_, best)| reduced > best) {
                    entering = Some((var, reduced));
                    if bland {
                        break;
                    }
                }
            }
            let Some((var, _)) = entering else {
                return Ok(());
            };
            let direction = self.direction(var);
            let mut leaving: Option<(usize, f64)> = None;
            for (k, &d) in direction.iter().enumerate() {
                if d <= PIVOT_TOLERANCE {
                    continue;
                }
                let ratio = self.values[k].max(0.0) / d;
                let better = match leaving {
                    None => true,
                    Some((best, best_ratio)) => {
                        ratio < best_ratio - TOLERANCE
                            || (ratio <= best_ratio + TOLERANCE
                                && if bland { self.basis[k] < self.basis[best] } else { d > direction[best] })
                    }
                };
                if better {
                    leaving = Some((k, ratio));
                }
            }
            let Some((k, ratio)) = leaving else {
                return Err(failure("problème non borné"));
            };
            streak = if ratio <= TOLERANCE { streak + 1 } else { 0 };
            self.pivot(k, var, &direction);
        }
        Err(failure("trop d'itérations"))
    }

    fn pivot(&mut self, k: usize, var: usize, direction: &[f64]) {
        let n = self.rows;
        let pivot = direction[k];
        for entry in &mut self.inverse[k * n..(k + 1) * n] {
            *entry /= pivot;
        }
        self.values[k] /= pivot;
        let (pivot_row, pivot_value) = (self.inverse[k * n..(k + 1) * n].to_vec(), self.values[k]);
        for (i, &factor) in direction.iter().enumerate() {
            if i != k && factor != 0.0 {
                let row = &mut self.inverse[i * n..(i + 1) * n];
                for (entry, &p) in row.iter_mut().zip(&pivot_row) {
                    *entry -= factor * p;
                }
                self.values[i] -= factor * pivot_value;
            }
        }
        self.position[self.basis[k]] = None;
        self.position[var] = Some(k);
        self.basis[k] = var;
        self.pivots_since_refactor += 1;
    }

    /// Solves to optimality from the current basis.
    pub fn optimize(&mut self) -> Result<(), SortitionError> {
        let infeasibility =
            |lp: &Self| -> f64 { (0..lp.rows).filter_map(|var| lp.position[var].map(|k| lp.values[k])).sum() };
        if infeasibility(self) > TOLERANCE {
            self.run(Phase::Feasibility)?;
            if infeasibility(self) > 1e-7 {
                return Err(failure("aucune solution"));
            }
        }
        self.drive_out_artificials()?;
        self.run(Phase::Optimality)
    }

    /// Replaces artificial variables left in the basis at zero by real
    /// ones; the rows are independent, so one always fits.
    fn drive_out_artificials(&mut self) -> Result<(), SortitionError> {
        let n = self.rows;
        let variables = 2 * n + self.panels.len();
        for k in 0..n {
            if self.basis[k] >= n {
                continue;
            }
            // Only round-off can leave it above zero.
            self.values[k] = 0.0;
            // The largest pivot available, for stability.
            let mut best: Option<(usize, f64)> = None;
            for var in (n..variables).filter(|&var| self.position[var].is_none()) {
                let mut alpha = 0.0;
                self.for_column(var, |r, a| alpha += self.inverse[k * n + r] * a);
                if best.is_none_or(|(_, b)| alpha.abs() > b) {
                    best = Some((var, alpha.abs()));
                }
            }
            match best {
                Some((var, alpha)) if alpha > 1e-7 => {
                    let direction = self.direction(var);
                    self.pivot(k, var, &direction);
                }
                _ => return Err(failure("contraintes dépendantes")),
            }
        }
        Ok(())
    }

    /// The optimal z.
    pub fn objective(&self) -> f64 {
        self.base + self.position[self.rows].map_or(0.0, |k| self.values[k])
    }

    /// Dual prices of the optimum: the price of the probability row (ŷ)
    /// and the weight of each group row (≥ 0, summing to 1 over unfixed
    /// rows when z > 0).
    pub fn duals(&self) -> (f64, Vec<f64>) {
        let y = self.multipliers(Phase::Optimality);
        (y[0], y[1..].iter().map(|&v| (-v).max(0.0)).collect())
    }

    /// Probability of each panel, in the order added.
    pub fn panel_probabilities(&self) -> Vec<f64> {
        let offset = 2 * self.rows;
        (0..self.panels.len()).map(|j| self.position[offset + j].map_or(0.0, |k| self.values[k].max(0.0))).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maximin_with_warm_columns_and_fixing() {
        // Three groups of one person; panels of one seat.
        let mut lp = MasterLp::new(3);
        lp.add_panel([(0, 1.0)]);
        lp.add_panel([(1, 1.0)]);
        lp.optimize().unwrap();
        // Group 2 is never seated yet: z = 0.
        assert!(lp.objective().abs() < 1e-12);
        lp.add_panel([(2, 1.0)]);
        lp.optimize().unwrap();
        assert!((lp.objective() - 1.0 / 3.0).abs() < 1e-12);
        let (price, weights) = lp.duals();
        assert!((weights.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        // No panel has a reduced cost above zero: Σ w a ≤ ŷ for each.
        assert!(weights.iter().all(|&w| w <= price + 1e-12));
        lp.fix(&[0], 1.0 / 3.0);
        lp.optimize().unwrap();
        assert!((lp.objective() - 1.0 / 3.0).abs() < 1e-12);
        let p = lp.panel_probabilities();
        assert!(p.iter().all(|&v| (v - 1.0 / 3.0).abs() < 1e-12), "{p:?}");
    }

    #[test]
    fn fixed_rows_keep_their_level_while_others_rise() {
        // Three singletons, one seat: 1/3 each. Fix group 0, then offer a
        // panel seating groups 1 and 2 together: they rise to 2/3.
        let mut lp = MasterLp::new(3);
        for g in 0..3 {
            lp.add_panel([(g, 1.0)]);
        }
        lp.optimize().unwrap();
        let third = lp.objective();
        assert!((third - 1.0 / 3.0).abs() < 1e-12);
        lp.fix(&[0], third);
        lp.add_panel([(1, 1.0), (2, 1.0)]);
        lp.optimize().unwrap();
        assert!((lp.objective() - 2.0 / 3.0).abs() < 1e-12);
        let p = lp.panel_probabilities();
        assert!((p[0] - 1.0 / 3.0).abs() < 1e-12 && (p[3] - 2.0 / 3.0).abs() < 1e-12, "{p:?}");
        // The fixed row binds too, but only unfixed rows share the unit weight.
        let (_, weights) = lp.duals();
        assert!((weights[1] + weights[2] - 1.0).abs() < 1e-12, "{weights:?}");
    }
}
