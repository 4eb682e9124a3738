//! Which style each conversion is set in: `--style NAME|FILE.toml`, or by the document's
//! language when it is not given; command-line settings (`--paper`, `--margin`,
//! `--font-size`, `--line-height`, `--font ROLE=FAMILY`) on top. Also `cjkdoc style`.

use super::args::StyleArgs;
use super::plan::UsageError;
use crate::doc::Document;
use crate::fonts::{Book, Origin, Weight};
use crate::style::{self, file, FontStack, Overrides, Style, PRESETS};

/// A style of the run, with the notice of the faces it asked for that are not on this
/// machine: the same for every input set in it, so worked out once.
#[derive(Debug, Clone, Default)]
pub struct Styled {
    /// The style.
    pub style: Style,
    /// The notice naming the substituted faces ([`substitutions`]), if any.
    pub substituted: Option<String>,
}

impl Styled {
    /// `style` with its faces looked up in `book`.
    pub fn new(style: Style, book: &Book) -> Styled {
        let substituted = substitutions(&style, book);
        Styled { style, substituted }
    }
}

/// The style of every conversion of one run.
#[derive(Debug, Clone)]
pub enum StyleChoice {
    /// `--style` given: this style for every input.
    Fixed(Box<Styled>),
    /// By language: English (and other non-CJK) documents get `report`, the others
    /// `default`; both with the command-line settings applied.
    ByLanguage {
        /// For Chinese, Japanese and Korean documents.
        cjk: Box<Styled>,
        /// For the others.
        latin: Box<Styled>,
    },
}

impl StyleChoice {
    /// The style for `doc`, and a notice when it was chosen by language.
    pub fn for_doc(&self, doc: &Document) -> (&Styled, Option<String>) {
        match self {
            StyleChoice::Fixed(s) => (s, None),
            StyleChoice::ByLanguage { cjk, latin } => {
                let lang = crate::script::document_lang(doc);
                let is_cjk = ["zh", "ja", "ko"]
                    .iter()
                    .any(|p| lang.to_ascii_lowercase().starts_with(p));
                let (style, name) = if is_cjk {
                    (cjk, "default")
                } else {
                    (latin, "report")
                };
                (
                    style,
                    Some(format!(
                        "set in the {name} style (the text is in {lang}; choose another with --style)"
                    )),
                )
            }
        }
    }

    /// Every style the choice may use.
    pub fn styles(&self) -> Vec<&Styled> {
        match self {
            StyleChoice::Fixed(s) => vec![s],
            StyleChoice::ByLanguage { cjk, latin } => vec![cjk, latin],
        }
    }
}

/// A loaded style and the places its file set fonts (empty for a preset).
pub struct Named {
    /// The style.
    pub style: Style,
    /// Font settings of the file, to check against the fonts on the machine.
    pub fonts: Vec<file::FontSetting>,
}

/// Load `--style NAME|FILE.toml`: a preset by name, else a file.
pub fn load(spec: &str) -> Result<Named, UsageError> {
    if let Some(style) = style::preset(spec) {
        return Ok(Named {
            style,
            fonts: Vec::new(),
        });
    }
    let path = std::path::Path::new(spec);
    if !spec.ends_with(".toml") && !path.exists() {
        let names: Vec<&str> = PRESETS.iter().map(|p| p.name).collect();
        return Err(UsageError(format!(
            "--style: unknown style {spec:?} (presets: {}; or a .toml style file)",
            names.join(", ")
        )));
    }
    let loaded = style::load_file(path).map_err(|e| UsageError(e.to_string()))?;
    Ok(Named {
        style: loaded.style,
        fonts: loaded.fonts,
    })
}

/// A `--font ROLE=FAMILY` setting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FontOverride {
    /// The role as written.
    pub role: String,
    /// The family.
    pub family: String,
}

/// The roles `--font` accepts.
pub const FONT_ROLES: &[&str] = &[
    "body",
    "title",
    "subtitle",
    "heading",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "emphasis",
    "code",
    "page-number",
];

/// Parse `--font ROLE=FAMILY`.
pub fn parse_font(arg: &str) -> Result<FontOverride, UsageError> {
    let Some((role, family)) = arg.split_once('=') else {
        return Err(UsageError(format!(
            "--font {arg:?}: expected ROLE=FAMILY, e.g. body=\"LXGW WenKai\""
        )));
    };
    let role = role.trim().to_ascii_lowercase();
    let family = family.trim();
    if !FONT_ROLES.contains(&role.as_str()) {
        return Err(UsageError(format!(
            "--font {arg:?}: unknown role {role:?} (roles: {})",
            FONT_ROLES.join(", ")
        )));
    }
    if family.is_empty() {
        return Err(UsageError(format!("--font {arg:?}: empty family name")));
    }
    Ok(FontOverride {
        role,
        family: family.to_string(),
    })
}

/// Check that every font stack the style file set, and every `--font`, names a family
/// that exists (`exists`); the first that does not is the error.
pub fn check_fonts(
    settings: &[file::FontSetting],
    fonts: &[FontOverride],
    exists: &dyn Fn(&str) -> bool,
) -> Result<(), UsageError> {
    for setting in settings {
        if !setting.families.is_empty() && !setting.families.iter().any(|f| exists(f)) {
            return Err(UsageError(setting.missing().to_string()));
        }
    }
    for f in fonts {
        if !exists(&f.family) {
            return Err(UsageError(format!(
                "--font {}={}: no font family {:?} was found (looked in --font-dir, the bundled \
                 fonts and the system's fonts; `cjkdoc fonts` lists them)",
                f.role, f.family, f.family
            )));
        }
    }
    Ok(())
}

/// Put `o.family` first in the stacks of its role; the style's families stay behind it.
pub fn apply_font(style: &mut Style, o: &FontOverride) {
    let front = |stack: &mut FontStack| stack.0.insert(0, o.family.clone());
    match o.role.as_str() {
        "body" => front(&mut style.body.font),
        "title" => front(&mut style.title.font),
        "subtitle" => front(&mut style.title.subtitle_font),
        "heading" => style
            .heading
            .all_mut()
            .into_iter()
            .for_each(|h| front(&mut h.font)),
        "emphasis" => front(&mut style.emphasis.font),
        "code" => front(&mut style.code.font),
        "page-number" => front(&mut style.page_numbers.font),
        h => {
            let level: usize = h[1..].parse().unwrap_or(1);
            front(&mut style.heading.all_mut()[level.clamp(1, 6) - 1].font);
        }
    }
}

/// The command-line settings over `style`.
pub fn finish(
    mut style: Style,
    overrides: &Overrides,
    fonts: &[FontOverride],
) -> Result<Style, UsageError> {
    style.apply(overrides).map_err(UsageError)?;
    for f in fonts {
        apply_font(&mut style, f);
    }
    Ok(style)
}

/// The start of the notice [`substitutions`] gives.
pub const SUBSTITUTED: &str = "faces not on this machine: ";

/// The roles of a style with their font stacks, as `cjkdoc fonts` lists them.
fn roles(style: &Style) -> Vec<(String, &FontStack, bool)> {
    let mut out = vec![
        ("body".to_string(), &style.body.font, false),
        ("title".to_string(), &style.title.font, style.title.bold),
        ("subtitle".to_string(), &style.title.subtitle_font, true),
    ];
    for level in 1..=6u8 {
        let h = style.heading(level);
        out.push((format!("h{level}"), &h.font, h.bold));
    }
    out.push(("emphasis".to_string(), &style.emphasis.font, false));
    out.push(("code".to_string(), &style.code.font, false));
    out.push(("page-number".to_string(), style.page_number_font(), false));
    out
}

/// One notice naming the faces of `style` that were substituted: each role whose first
/// family is not found, with the family used instead (`None` when all were found).
pub fn substitutions(style: &Style, book: &Book) -> Option<String> {
    let mut seen: Vec<(String, String)> = Vec::new();
    let mut parts: Vec<String> = Vec::new();
    for (role, stack, _) in roles(style) {
        let wanted = stack.first().to_string();
        if book.find(&wanted, Weight::Regular).is_some() {
            continue;
        }
        let used = book
            .find_first(&stack.0, Weight::Regular)
            .map_or("the bundled faces".to_string(), |(_, name)| {
                name.to_string()
            });
        if seen.contains(&(wanted.clone(), used.clone())) {
            continue;
        }
        seen.push((wanted.clone(), used.clone()));
        parts.push(format!("{wanted} ({role}) → {used}"));
    }
    (!parts.is_empty()).then(|| {
        format!(
            "{SUBSTITUTED}{} (install them, or name others with --font ROLE=FAMILY or a style file)",
            parts.join(", ")
        )
    })
}

/// The style `cjkdoc fonts` reports on: `--style` (default: `default`) with `--font`s.
pub fn fonts_style(spec: Option<&str>, fonts: &[String]) -> Result<Style, UsageError> {
    let mut style = match spec {
        Some(s) => load(s)?.style,
        None => Style::default(),
    };
    for f in fonts {
        apply_font(&mut style, &parse_font(f)?);
    }
    Ok(style)
}

/// What each role of `style` resolves to and where that face comes from.
pub fn roles_report(style: &Style, book: &Book) -> String {
    let mut out =
        String::from("role         face (from)                                   asked for\n");
    for (role, stack, bold) in roles(style) {
        let weight = if bold { Weight::Bold } else { Weight::Regular };
        let found = book.find_first(&stack.0, weight);
        let face = match found {
            Some((id, _)) => {
                let name = book.info(id).map_or("?", |i| i.family());
                let from = book.info(id).map_or("?".to_string(), |i| match &i.origin {
                    Origin::Bundled => "bundled".to_string(),
                    Origin::FontDir(p) => p.display().to_string(),
                    Origin::System(p) => format!("system: {}", p.display()),
                });
                let weight = book.info(id).map_or(0, |i| i.weight);
                format!("{name} {weight} ({from})")
            }
            None => "none: the bundled faces by character".to_string(),
        };
        out.push_str(&format!("{role:<12} {face:<45} {}\n", stack.0.join(", ")));
    }
    out
}

/// `cjkdoc style`.
pub fn command(args: &StyleArgs) -> Result<String, UsageError> {
    if let Some(spec) = &args.dump {
        let (style, about) = match PRESETS.iter().find(|p| p.name.eq_ignore_ascii_case(spec)) {
            Some(p) => (
                (p.build)(),
                format!("cjkdoc style preset `{}`: {}", p.name, p.about),
            ),
            None => (load(spec)?.style, format!("cjkdoc style from {spec}")),
        };
        let heading = format!(
            "{about}\n\nA style file sets any of these keys; the others keep their values. To start from\nthis style and change a few keys, write `extends = \"NAME\"` (or \"other.toml\") on the first\nline and only the keys you change.\n"
        );
        return Ok(file::dump(&style, &heading));
    }
    let mut out = String::new();
    for p in PRESETS {
        out.push_str(&format!("{:<9} {}\n", p.name, p.about));
    }
    out.push_str(
        "\nUse one with `--style NAME`; `cjkdoc style --dump NAME` prints it as a style file.\n",
    );
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn font_overrides_go_first() {
        let mut s = Style::default();
        apply_font(&mut s, &parse_font("body=LXGW WenKai").unwrap());
        apply_font(&mut s, &parse_font("h2 = 楷体").unwrap());
        assert_eq!(s.body.font.0, ["LXGW WenKai", "Noto Serif SC"]);
        assert_eq!(s.heading.h2.font.first(), "楷体");
        assert_eq!(s.heading.h1.font.first(), "Noto Sans SC");
        assert!(parse_font("bogus=X")
            .unwrap_err()
            .0
            .contains("unknown role"));
        assert!(parse_font("body").is_err());
    }

    #[test]
    fn language_picks_the_style() {
        let book = Book::bundled();
        let choice = StyleChoice::ByLanguage {
            cjk: Box::new(Styled::new(Style::default(), book)),
            latin: Box::new(Styled::new(style::preset("report").unwrap(), book)),
        };
        let mut doc = Document::default();
        doc.meta.lang = Some("en".into());
        let (s, note) = choice.for_doc(&doc);
        assert!(s.style.body.hyphenate);
        // Every face of the presets is bundled: nothing substituted.
        assert!(s.substituted.is_none());
        assert!(note.unwrap().contains("report"));
        doc.meta.lang = Some("zh-CN".into());
        assert_eq!(choice.for_doc(&doc).0.style, Style::default());
    }
}
