//! Long lists shown a page at a time (`?page=N`), so that no public page grows with the data.
//! Pure code.
use serde::{Deserialize, Serialize};

/// Items a page of a public list (petitions, threads of a theme, collectifs).
pub const LIST_PAGE_SIZE: i64 = 20;

/// Which page is shown, of how many.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageOf {
    pub page: i64,
    pub pages: i64,
}

impl PageOf {
    /// The page `asked` for (the first when absent), kept within the pages `total` items fill at
    /// `size` a page; an empty list still has its one page.
    pub fn new(asked: Option<i64>, total: i64, size: i64) -> Self {
        let pages = ((total + size - 1) / size).max(1);
        Self { page: asked.unwrap_or(1).clamp(1, pages), pages }
    }

    /// How many items the pages before this one hold.
    pub fn offset(self, size: i64) -> i64 {
        (self.page - 1) * size
    }
}

#[cfg(test)]
mod tests {
    use super::PageOf;

    #[test]
    fn pages_are_counted_and_the_page_asked_for_kept_within_them() {
        assert_eq!(PageOf::new(None, 0, 50), PageOf { page: 1, pages: 1 });
        assert_eq!(PageOf::new(Some(1), 50, 50).pages, 1);
        assert_eq!(PageOf::new(Some(1), 51, 50).pages, 2);
        assert_eq!(PageOf::new(Some(1), 2001, 50).pages, 41);
        assert_eq!(PageOf::new(Some(0), 120, 50).page, 1);
        assert_eq!(PageOf::new(Some(9), 120, 50), PageOf { page: 3, pages: 3 });
        assert_eq!(PageOf::new(Some(-4), 120, 50).page, 1);
        assert_eq!(PageOf::new(Some(3), 120, 50).offset(50), 100);
    }
}
