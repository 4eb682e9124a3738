//! HTML `<img>` tags in Markdown (READMEs size their pictures with them:
//! `<img src="logo.png" width="200">`, often inside `<p align="center">`): read into
//! [`Image`]s with their size, and written back by the Markdown writer for a sized image.
//!
//! Shared by the Markdown reader (through [`crate::commonmark`]) and the Markdown writer;
//! knows nothing else of HTML.

use crate::doc::{Image, ImageSize, Inline, Length};

/// The image of one `<img …>` tag (`src` required), or `None` when `tag` is not one.
pub fn img_tag(tag: &str) -> Option<Image> {
    let t = tag.trim();
    let rest = t.strip_prefix('<')?;
    let name_end = rest
        .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
        .unwrap_or(rest.len());
    if !rest[..name_end].eq_ignore_ascii_case("img") || !t.ends_with('>') {
        return None;
    }
    let attrs = attributes(&rest[name_end..rest.len() - 1]);
    let get = |name: &str| {
        attrs
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    };
    let src = get("src").filter(|s| !s.trim().is_empty())?;
    let alt = get("alt").unwrap_or("");
    Some(Image {
        url: src.trim().to_string(),
        title: get("title").unwrap_or("").to_string(),
        alt: if alt.is_empty() {
            Vec::new()
        } else {
            vec![Inline::text(alt)]
        },
        size: ImageSize {
            width: get("width").and_then(length),
            height: get("height").and_then(length),
        },
    })
}

/// The images of an HTML block that holds nothing but images: `<img>` tags, the tags
/// READMEs wrap them in (`p`, `div`, `center`, `a`, `span`, `picture`, `source`, `br`),
/// comments and white space. `None` for any other HTML (it stays raw).
pub fn images_only(html: &str) -> Option<Vec<Image>> {
    const WRAPPERS: [&str; 8] = ["p", "div", "center", "a", "span", "picture", "source", "br"];
    let mut images = Vec::new();
    let mut rest = html;
    loop {
        let text_end = rest.find('<').unwrap_or(rest.len());
        let text = rest[..text_end].replace("&nbsp;", " ");
        if !text.trim().is_empty() {
            return None;
        }
        rest = &rest[text_end..];
        if rest.is_empty() {
            break;
        }
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = &after[after.find("-->")? + 3..];
            continue;
        }
        let end = tag_end(rest)?;
        let tag = &rest[..end];
        rest = &rest[end..];
        if let Some(image) = img_tag(tag) {
            images.push(image);
            continue;
        }
        let name: String = tag
            .trim_start_matches('<')
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if !WRAPPERS.contains(&name.as_str()) {
            return None;
        }
    }
    (!images.is_empty()).then_some(images)
}

/// The `<img>` tag of a sized image, as the Markdown writer writes it (attributes in a
/// fixed order, values escaped).
pub fn write(image: &Image, alt: &str) -> String {
    let mut out = format!(
        "<img src=\"{}\" alt=\"{}\"",
        escape(&image.url),
        escape(alt)
    );
    if !image.title.is_empty() {
        out.push_str(&format!(" title=\"{}\"", escape(&image.title)));
    }
    for (name, len) in [("width", image.size.width), ("height", image.size.height)] {
        if let Some(len) = len {
            let v = match len {
                Length::Px(v) => format!("{v}"),
                Length::Pt(v) => format!("{v}pt"),
                Length::Percent(v) => format!("{v}%"),
            };
            out.push_str(&format!(" {name}=\"{v}\""));
        }
    }
    out.push('>');
    out
}

/// Where the tag starting `s` ends (after its `>`, quotes respected).
fn tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// `name="value"`, `name='value'`, `name=value` and bare `name` attributes, values with
/// their character references decoded.
fn attributes(s: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut chars = s.char_indices().peekable();
    let b = s;
    while let Some(&(i, c)) = chars.peek() {
        if c.is_ascii_whitespace() || c == '/' {
            chars.next();
            continue;
        }
        let mut end = i;
        while let Some(&(j, c)) = chars.peek() {
            if c.is_ascii_whitespace() || c == '=' || c == '/' {
                break;
            }
            end = j + c.len_utf8();
            chars.next();
        }
        let name = b[i..end].to_string();
        while chars.peek().is_some_and(|&(_, c)| c.is_ascii_whitespace()) {
            chars.next();
        }
        let mut value = String::new();
        if chars.peek().is_some_and(|&(_, c)| c == '=') {
            chars.next();
            while chars.peek().is_some_and(|&(_, c)| c.is_ascii_whitespace()) {
                chars.next();
            }
            match chars.peek().map(|&(_, c)| c) {
                Some(q @ ('"' | '\'')) => {
                    chars.next();
                    for (_, c) in chars.by_ref() {
                        if c == q {
                            break;
                        }
                        value.push(c);
                    }
                }
                _ => {
                    while let Some(&(_, c)) = chars.peek() {
                        if c.is_ascii_whitespace() {
                            break;
                        }
                        value.push(c);
                        chars.next();
                    }
                }
            }
        }
        if name.is_empty() {
            chars.next();
            continue;
        }
        out.push((name, unescape(&value)));
    }
    out
}

/// A length attribute as browsers read one: its leading number, a percentage when `%`
/// follows, points when `pt` does, else pixels (`200`, `200px`, `50%`, `10pt`).
fn length(v: &str) -> Option<Length> {
    let v = v.trim();
    let end = v
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(v.len());
    let n = v[..end]
        .parse::<f32>()
        .ok()
        .filter(|n| n.is_finite() && *n > 0.0)?;
    let unit = v[end..].trim_start();
    Some(if unit.starts_with('%') {
        Length::Percent(n)
    } else if unit.starts_with("pt") {
        Length::Pt(n)
    } else {
        Length::Px(n)
    })
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The character references of an attribute value (named ones for `& < > " '` and
/// `nbsp`, numeric ones).
fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(semi) = rest[..rest.len().min(12)].find(';') else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..semi];
        let c = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32)
                .filter(|&c| c != '\0'),
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn img_tags_give_their_source_alt_and_size() {
        let i = img_tag(r#"<img src="logo.png" width="200" alt='标志 &amp; 名称'>"#).unwrap();
        assert_eq!(i.url, "logo.png");
        assert_eq!(i.alt, vec![Inline::text("标志 & 名称")]);
        assert_eq!(i.size.width, Some(Length::Px(200.0)));
        assert_eq!(i.size.height, None);
        let i = img_tag("<IMG SRC=a.svg height=50% width=120px/>").unwrap();
        assert_eq!(i.url, "a.svg");
        assert_eq!(
            (i.size.width, i.size.height),
            (Some(Length::Px(120.0)), Some(Length::Percent(50.0)))
        );
        assert!(img_tag("<img alt=x>").is_none());
        assert!(img_tag("<image src=a.png>").is_none());
        assert!(img_tag("<img src=a.png width=auto>")
            .unwrap()
            .size
            .is_auto());
    }

    #[test]
    fn html_blocks_of_images_only() {
        let readme = "<p align=\"center\">\n  <a href=\"https://x.org\"><img src=\"logo.png\" width=\"300\"></a>\n  <br>\n  <!-- badges -->\n  <img src=\"b1.svg\"> <img src=\"b2.svg\">\n</p>\n";
        let images = images_only(readme).unwrap();
        let urls: Vec<&str> = images.iter().map(|i| i.url.as_str()).collect();
        assert_eq!(urls, ["logo.png", "b1.svg", "b2.svg"]);
        assert!(images_only("<div>text <img src=a.png></div>").is_none());
        assert!(images_only("<table><tr><td><img src=a.png></td></tr></table>").is_none());
        assert!(images_only("<p></p>").is_none());
    }

    #[test]
    fn written_tags_read_back() {
        let i = img_tag(r#"<img src="a b&amp;c.png" width="50%" height="20" title="t&quot;">"#)
            .unwrap();
        let tag = write(&i, "说\"明");
        assert_eq!(
            tag,
            r#"<img src="a b&amp;c.png" alt="说&quot;明" title="t&quot;" width="50%" height="20">"#
        );
        let back = img_tag(&tag).unwrap();
        assert_eq!((back.url, back.size), (i.url, i.size));
    }
}
