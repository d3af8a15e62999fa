//! The small Markdown of forum posts, rendered once when a post is written and sanitised by ammonia:
//! paragraphs, emphasis, code, lists, quotes and http(s)/mailto links. Raw HTML is shown as text.
use pulldown_cmark::{Event, Options, Parser, html};
use std::collections::HashSet;

pub fn render(source: &str) -> String {
    // Typed markup is text, never HTML: turn it into text before rendering.
    let events = Parser::new_ext(source, Options::ENABLE_STRIKETHROUGH).map(|event| match event {
        Event::Html(markup) | Event::InlineHtml(markup) => Event::Text(markup),
        Event::Start(pulldown_cmark::Tag::Image { .. }) | Event::End(pulldown_cmark::TagEnd::Image) => {
            Event::Text("".into())
        }
        other => other,
    });
    let mut unsafe_html = String::new();
    html::push_html(&mut unsafe_html, events);
    let tags: HashSet<&str> =
        ["p", "br", "em", "strong", "del", "code", "pre", "ul", "ol", "li", "blockquote", "a", "hr"].into();
    ammonia::Builder::default()
        .tags(tags)
        .url_schemes(["http", "https", "mailto"].into())
        .link_rel(Some("nofollow noopener ugc"))
        .clean(&unsafe_html)
        .to_string()
}

/// The first tag of sanitised `html` that could run code or load content, if any. Text is escaped,
/// so every `<` left in the HTML opens a real tag. Tests of every text field use it.
pub fn active_markup(html: &str) -> Option<String> {
    const TAGS: [&str; 9] = ["script", "img", "svg", "iframe", "object", "embed", "style", "link", "meta"];
    html.split('<').skip(1).map(|rest| rest.split('>').next().unwrap_or(rest).to_lowercase()).find(|tag| {
        let name = tag.trim_start_matches('/').split(|c: char| !c.is_ascii_alphanumeric()).next().unwrap_or("");
        TAGS.contains(&name)
            || tag.contains("javascript:")
            || tag.contains(" style=")
            || tag.split_whitespace().skip(1).any(|attribute| attribute.starts_with("on"))
    })
}

#[cfg(test)]
mod tests {
    use super::{active_markup, render};

    #[test]
    fn the_subset_renders() {
        assert_eq!(render("Un **vrai** _débat_"), "<p>Un <strong>vrai</strong> <em>débat</em></p>\n");
        assert_eq!(render("> cité\n\nréponse"), "<blockquote>\n<p>cité</p>\n</blockquote>\n<p>réponse</p>\n");
        assert_eq!(
            render("[CESER](https://ceser.hautsdefrance.fr)"),
            "<p><a href=\"https://ceser.hautsdefrance.fr\" rel=\"nofollow noopener ugc\">CESER</a></p>\n"
        );
    }

    #[test]
    fn nothing_executable_survives() {
        for payload in [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[clic](javascript:alert(1))",
            "<a href=\"javascript:alert(1)\">x</a>",
            "\"><svg onload=alert(1)>",
            "<iframe src=//evil></iframe>",
            "![image](https://evil/x.png)",
            "<div style=\"background:url(javascript:alert(1))\">",
        ] {
            let html = render(payload);
            assert_eq!(active_markup(&html), None, "{payload:?} gave {html:?}");
        }
        assert!(active_markup("<p>a<img src=x></p>").is_some());
        assert!(active_markup("<p><a href=\"x\" onclick=\"y\">a</a></p>").is_some());
        // The typed markup stays readable, as text.
        assert_eq!(render("<b>gras</b>"), "<p>&lt;b&gt;gras&lt;/b&gt;</p>\n");
    }
}
