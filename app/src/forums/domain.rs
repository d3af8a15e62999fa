//! Forum rules without I/O: the edit window, the size of a thread's pages, quoting, and the text limits.

/// Authors may edit a post for 15 minutes after writing it.
pub const EDIT_WINDOW: i64 = 15 * 60;
/// Posts shown per page of a thread (replies included, in reading order).
pub const PAGE_SIZE: i64 = 50;
pub const POST_MAX: usize = 10_000;
pub const TITLE_MAX: usize = 150;

pub fn can_edit(created_at: i64, now: i64) -> bool {
    (0..=EDIT_WINDOW).contains(&(now - created_at))
}

/// The Markdown that quotes `author`'s `text`, each line behind `> `, before a reply.
pub fn quote(author: &str, text: &str) -> String {
    let quoted: Vec<String> = text.lines().map(|line| format!("> {line}").trim_end().to_string()).collect();
    format!("> **{author}** a écrit :\n>\n{}\n\n", quoted.join("\n"))
}

/// Whether posting is possible in a theme's period and an unlocked thread; otherwise why not.
pub fn check_postable(opens_at: i64, closes_at: i64, locked: bool, now: i64) -> Result<(), &'static str> {
    if locked {
        Err("Ce fil est verrouillé par la modération : il ne reçoit plus de messages.")
    } else if now < opens_at {
        Err("Ce forum n'est pas encore ouvert.")
    } else if now >= closes_at {
        Err("Ce forum est clos : il ne reçoit plus de messages.")
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_edit_window_is_fifteen_minutes() {
        assert!(can_edit(1000, 1000));
        assert!(can_edit(1000, 1000 + 900));
        assert!(!can_edit(1000, 1000 + 901));
        assert!(!can_edit(1000, 999), "a clock going backwards gives no right");
    }

    #[test]
    fn quotes_mark_every_line() {
        assert_eq!(quote("Léa", "Oui.\n\nEt non."), "> **Léa** a écrit :\n>\n> Oui.\n>\n> Et non.\n\n");
    }

    #[test]
    fn posting_needs_an_open_unlocked_thread() {
        assert_eq!(check_postable(10, 20, false, 15), Ok(()));
        assert!(check_postable(10, 20, true, 15).unwrap_err().contains("verrouillé"));
        assert!(check_postable(10, 20, false, 5).unwrap_err().contains("pas encore"));
        assert!(check_postable(10, 20, false, 20).unwrap_err().contains("clos"));
    }
}
