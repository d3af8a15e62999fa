//! Public randomness: the seed derivation of RFC 3797 and the draw of one
//! panel from a distribution, both recomputable by anyone with the
//! published numbers.
//!
//! **Seed (RFC 3797, section 4, with SHA-256 instead of MD5).** Staff type
//! the numbers of each public source (dice, a named lottery draw…). Each
//! number is written in decimal without leading zeros and followed by a
//! period; the numbers of a source are sorted in ascending order (a lottery
//! publishes its balls in any order) and the source is closed by a slash.
//! The RFC's example sources `9319`, `2 5 12 8 10` and `9 18 26 34 41 45`
//! give the key `9319./2.5.8.10.12./9.18.26.34.41.45./`. The RFC then hashes
//! the key with MD5, wrapped in a two-byte index (`0x0000 key 0x0000` for
//! the first value). MD5 is broken, so the seed here is
//! `SHA-256(0x00 0x00 ‖ key ‖ 0x00 0x00)`: the RFC's first value with the
//! hash replaced. Check it with
//! `printf '\0\0%s\0\0' "$KEY" | sha256sum`.
//!
//! **Draw.** The ticket is the first 5 bytes of the seed read as a
//! big-endian integer, uniform in `[0, 2^40)`. Walking the panels in their
//! canonical order (sorted by member list) and adding up their integer
//! weights (which total exactly 2^40), the drawn panel is the first whose
//! running total exceeds the ticket. No floating point is involved.
//!
//! **Stream.** Procedures needing many random numbers (the greedy baseline)
//! read 64-bit big-endian words from the blocks
//! `SHA-256(seed ‖ counter)`, counter a big-endian u64 from 0; an integer
//! below `n` is a word `x` drawn again while `x < 2^64 mod n`, then `x mod n`.

use sha2::{Digest, Sha256};

use super::error::SortitionError;
use super::expand::{Distribution, Panel};

/// 256 bits of public randomness.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Seed(pub [u8; 32]);

impl Seed {
    /// The seed of an RFC 3797 key string (see the module documentation).
    pub fn from_key(key: &str) -> Self {
        let mut hasher = Sha256::new();
        hasher.update([0, 0]);
        hasher.update(key.as_bytes());
        hasher.update([0, 0]);
        Self(hasher.finalize().into())
    }

    /// The seed from the numbers of each public source, one string per
    /// source (numbers separated by spaces, commas or semicolons).
    pub fn from_sources(sources: &[&str]) -> Result<Self, SortitionError> {
        Ok(Self::from_key(&rfc3797_key(sources)?))
    }

    /// An independent seed for the `index`-th of several draws:
    /// `SHA-256(seed ‖ index)`, index a big-endian u64.
    pub fn derive(&self, index: u64) -> Self {
        let mut hasher = Sha256::new();
        hasher.update(self.0);
        hasher.update(index.to_be_bytes());
        Self(hasher.finalize().into())
    }
}

/// The RFC 3797 key string of the given sources. Only non-negative integers
/// are accepted: they are what dice and lotteries produce.
pub fn rfc3797_key(sources: &[&str]) -> Result<String, SortitionError> {
    if sources.is_empty() {
        return Err(SortitionError::InvalidInput("au moins une source de hasard est nécessaire".into()));
    }
    let mut key = String::new();
    for (index, source) in sources.iter().enumerate() {
        let mut numbers = Vec::new();
        for token in source.split(|c: char| c.is_whitespace() || c == ',' || c == ';').filter(|t| !t.is_empty()) {
            if !token.bytes().all(|b| b.is_ascii_digit()) {
                return Err(SortitionError::InvalidInput(format!(
                    "source {} : « {token} » n'est pas un entier positif",
                    index + 1
                )));
            }
            let digits = token.trim_start_matches('0');
            numbers.push(if digits.is_empty() { "0" } else { digits });
        }
        if numbers.is_empty() {
            return Err(SortitionError::InvalidInput(format!("source {} : aucun nombre", index + 1)));
        }
        // Numeric order on arbitrarily long integers: shorter is smaller.
        numbers.sort_by(|a, b| a.len().cmp(&b.len()).then(a.cmp(b)));
        for number in numbers {
            key.push_str(number);
            key.push('.');
        }
        key.push('/');
    }
    Ok(key)
}

/// The panel that `seed` selects (see the module documentation).
pub fn draw<'a>(distribution: &'a Distribution, seed: &Seed) -> &'a Panel {
    let mut bytes = [0u8; 8];
    bytes[3..].copy_from_slice(&seed.0[..5]);
    let ticket = u64::from_be_bytes(bytes);
    let mut running = 0;
    for panel in &distribution.panels {
        running += panel.weight;
        if ticket < running {
            return panel;
        }
    }
    distribution.panels.last().expect("a distribution has at least one panel")
}

/// Deterministic random numbers from a seed (see the module documentation).
pub(super) struct SeedStream {
    seed: Seed,
    counter: u64,
    block: [u8; 32],
    used: usize,
}

impl SeedStream {
    pub fn new(seed: &Seed) -> Self {
        Self { seed: *seed, counter: 0, block: [0; 32], used: 32 }
    }

    fn next_word(&mut self) -> u64 {
        if self.used == 32 {
            self.block = self.seed.derive(self.counter).0;
            self.counter += 1;
            self.used = 0;
        }
        let mut word = [0u8; 8];
        word.copy_from_slice(&self.block[self.used..self.used + 8]);
        self.used += 8;
        u64::from_be_bytes(word)
    }

    /// Uniform integer in `[0, n)`, without modulo bias; `n` must be positive.
    pub fn below(&mut self, n: u64) -> u64 {
        let biased = n.wrapping_neg() % n;
        loop {
            let word = self.next_word();
            if word >= biased {
                return word % n;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3797_example_key() {
        let key = rfc3797_key(&["9319", "2 5 12 8 10", "9, 18, 26, 34, 41, 45"]).unwrap();
        assert_eq!(key, "9319./2.5.8.10.12./9.18.26.34.41.45./");
        assert_eq!(rfc3797_key(&["007 10 9"]).unwrap(), "7.9.10./");
        assert_eq!(rfc3797_key(&["0 00"]).unwrap(), "0.0./");
        assert_eq!(rfc3797_key(&["12345678901234567890123 5"]).unwrap(), "5.12345678901234567890123./");
        assert_eq!(
            rfc3797_key(&["4", "1.5"]).unwrap_err().to_string(),
            "source 2 : « 1.5 » n'est pas un entier positif"
        );
        assert_eq!(rfc3797_key(&["4", " , "]).unwrap_err().to_string(), "source 2 : aucun nombre");
    }

    #[test]
    fn seed_is_sha256_of_wrapped_key() {
        // printf '\0\0%s\0\0' '9319./2.5.8.10.12./9.18.26.34.41.45./' | sha256sum
        let seed = Seed::from_sources(&["9319", "2 5 12 8 10", "9 18 26 34 41 45"]).unwrap();
        let hex: String = seed.0.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex, EXAMPLE_SEED_HEX);
    }

    const EXAMPLE_SEED_HEX: &str = "2c387b04b3ec92a0e1361c2b44a552e020b918ea986a808e8392c70bc337d90f";

    #[test]
    fn draw_walks_the_cumulative_weights() {
        use super::super::expand::WEIGHT_SCALE;
        let panel = |members: Vec<usize>, weight| Panel { members, weight };
        let distribution = Distribution {
            panels: vec![
                panel(vec![0], WEIGHT_SCALE / 4),
                panel(vec![1], WEIGHT_SCALE / 2),
                panel(vec![2], WEIGHT_SCALE / 4),
            ],
            probabilities: vec![0.25, 0.5, 0.25],
        };
        let mut seed = Seed([0; 32]);
        assert_eq!(draw(&distribution, &seed).members, vec![0]);
        seed.0[0] = 0x3f;
        seed.0[1..5].copy_from_slice(&[0xff; 4]);
        assert_eq!(draw(&distribution, &seed).members, vec![0]);
        seed.0[0] = 0x40;
        seed.0[1..5].copy_from_slice(&[0; 4]);
        assert_eq!(draw(&distribution, &seed).members, vec![1]);
        seed.0[..5].copy_from_slice(&[0xff; 5]);
        assert_eq!(draw(&distribution, &seed).members, vec![2]);
    }

    #[test]
    fn stream_is_uniform_and_reproducible() {
        let mut stream = SeedStream::new(&Seed([1; 32]));
        let mut counts = [0u32; 6];
        for _ in 0..60_000 {
            counts[stream.below(6) as usize] += 1;
        }
        assert!(counts.iter().all(|&c| (9_500..10_500).contains(&c)), "{counts:?}");
        let first: Vec<u64> = {
            let mut s = SeedStream::new(&Seed([1; 32]));
            (0..5).map(|_| s.below(1000)).collect()
        };
        let again: Vec<u64> = {
            let mut s = SeedStream::new(&Seed([1; 32]));
            (0..5).map(|_| s.below(1000)).collect()
        };
        assert_eq!(first, again);
        assert_eq!(SeedStream::new(&Seed([1; 32])).below(1), 0);
    }
}
