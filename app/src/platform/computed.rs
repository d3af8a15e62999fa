//! Figures that cost a pass over many rows (a vote's results, say), kept with the fingerprint of
//! what they were computed from: they are computed again only when the fingerprint changes, so a
//! crowd of visitors asking for the same page costs one cheap read each, not one count each.
use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};

#[derive(Default)]
pub struct Computed {
    /// Per key: the fingerprint and the value as serialised.
    entries: Mutex<HashMap<String, (String, Arc<str>)>>,
}

impl Computed {
    /// The value kept under `key`, if it was computed from `fingerprint`.
    pub fn get(&self, key: &str, fingerprint: &str) -> Option<Arc<str>> {
        let entries = self.entries.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        entries.get(key).filter(|(kept, _)| kept == fingerprint).map(|(_, value)| Arc::clone(value))
    }

    /// Keeps `value`, computed from `fingerprint`, in place of what `key` held.
    pub fn put(&self, key: &str, fingerprint: String, value: Arc<str>) {
        let mut entries = self.entries.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        entries.insert(key.to_string(), (fingerprint, value));
    }
}

#[cfg(test)]
mod tests {
    use super::Computed;
    use std::sync::Arc;

    #[test]
    fn a_value_is_served_only_for_the_fingerprint_it_was_computed_from() {
        let computed = Computed::default();
        assert!(computed.get("results:1", "10").is_none());
        computed.put("results:1", "10".into(), Arc::from("dix"));
        assert_eq!(computed.get("results:1", "10").as_deref(), Some("dix"));
        assert!(computed.get("results:1", "11").is_none(), "the data moved: compute again");
        assert!(computed.get("results:2", "10").is_none(), "keys are apart");
        computed.put("results:1", "11".into(), Arc::from("onze"));
        assert!(computed.get("results:1", "10").is_none(), "one value per key");
    }
}
