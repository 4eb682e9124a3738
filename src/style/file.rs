//! Style files: TOML documents setting any field of a [`Style`], optionally on top of a
//! preset or another file (`extends = "gongwen"`, `extends = "base.toml"`).
//!
//! A file is checked on its own first, against the defaults, so that an unknown key or a
//! bad value is reported with the file's own line, column and key. It is then laid over
//! its base: tables merge key by key, any other value replaces the base's.

use super::{preset, units, Style, PRESETS};
use std::fmt;
use std::path::{Path, PathBuf};

/// A style file that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StyleError {
    /// The file (or the preset name) at fault.
    pub source: String,
    /// 1-based line and column of the fault, when it has a place.
    pub place: Option<(usize, usize)>,
    /// The dotted key at fault (`body.size`), when known.
    pub key: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for StyleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)?;
        if let Some((line, col)) = self.place {
            write!(f, ":{line}:{col}")?;
        }
        f.write_str(": ")?;
        if let Some(key) = &self.key {
            write!(f, "{key}: ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for StyleError {}

/// A loaded style file: the style, and where in the file each font stack was set (for
/// the check that each names at least one family that exists).
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The style, base and file merged.
    pub style: Style,
    /// Each `font` key the file (or a file it extends) sets: its source, line, column and
    /// dotted key.
    pub fonts: Vec<FontSetting>,
}

/// Where a style file sets a font stack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FontSetting {
    /// The file.
    pub source: String,
    /// 1-based line and column of the value.
    pub place: (usize, usize),
    /// The dotted key, e.g. `body.font`.
    pub key: String,
    /// The families named.
    pub families: Vec<String>,
}

impl FontSetting {
    /// The error for a stack none of whose families exists.
    pub fn missing(&self) -> StyleError {
        let names: Vec<String> = self.families.iter().map(|f| format!("{f:?}")).collect();
        StyleError {
            source: self.source.clone(),
            place: Some(self.place),
            key: Some(self.key.clone()),
            message: format!(
                "no font family {} was found (looked in --font-dir, the bundled fonts and \
                 the system's fonts; `cjkdoc fonts` lists them)",
                names.join(" or ")
            ),
        }
    }
}

/// Load a style file (and whatever it extends).
pub fn load_file(path: &Path) -> Result<Loaded, StyleError> {
    load(path, &mut Vec::new())
}

fn load(path: &Path, chain: &mut Vec<PathBuf>) -> Result<Loaded, StyleError> {
    let source = path.display().to_string();
    let fail = |message: String| StyleError {
        source: source.clone(),
        place: None,
        key: None,
        message,
    };
    let canonical = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    if chain.contains(&canonical) {
        return Err(fail("extends itself (a cycle of `extends`)".into()));
    }
    let bytes = std::fs::read(path).map_err(|e| {
        fail(match e.kind() {
            std::io::ErrorKind::NotFound => "no such file".into(),
            _ => format!("cannot read: {e}"),
        })
    })?;
    let text = String::from_utf8(bytes).map_err(|_| fail("not UTF-8 text".into()))?;
    let parsed: toml::Table = text.parse().map_err(|e| located(&source, &text, &e))?;

    // The base: a preset, another file (relative to this one), or the defaults.
    let (base, mut fonts) = match parsed.get("extends") {
        None => (Style::default(), Vec::new()),
        Some(toml::Value::String(name)) => {
            if let Some(style) = preset(name) {
                (style, Vec::new())
            } else if name.ends_with(".toml") {
                let dir = path.parent().unwrap_or(Path::new("."));
                chain.push(canonical.clone());
                let loaded = load(&dir.join(name), chain)?;
                chain.pop();
                (loaded.style, loaded.fonts)
            } else {
                let names: Vec<&str> = PRESETS.iter().map(|p| p.name).collect();
                return Err(StyleError {
                    place: find_key(&text, "extends"),
                    key: Some("extends".into()),
                    message: format!(
                        "unknown preset {name:?} (presets: {}; or a .toml file)",
                        names.join(", ")
                    ),
                    ..fail(String::new())
                });
            }
        }
        Some(_) => {
            return Err(StyleError {
                place: find_key(&text, "extends"),
                key: Some("extends".into()),
                message: "expected a preset name or a .toml file name".into(),
                ..fail(String::new())
            })
        }
    };

    // The file on its own, against the defaults: its own lines in the errors.
    let own = blank_extends(&text);
    let _: Style = toml::from_str(&own).map_err(|e| located(&source, &own, &e))?;

    let mut table = parsed;
    table.remove("extends");
    collect_fonts(&source, &own, &table, "", &mut fonts);
    let mut merged = toml::Value::try_from(&base).map_err(|e| fail(e.to_string()))?;
    overlay(&mut merged, toml::Value::Table(table));
    let style: Style = merged
        .try_into()
        .map_err(|e: toml::de::Error| fail(e.message().to_string()))?;
    Ok(Loaded { style, fonts })
}

/// `text` with a top-level `extends = …` line turned into spaces (same length, so every
/// span and line number stays as in the file).
fn blank_extends(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_root = true;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        if t.starts_with('[') {
            in_root = false;
        }
        let is_extends = in_root
            && t.strip_prefix("extends")
                .is_some_and(|rest| rest.trim_start().starts_with('='));
        if is_extends {
            let body = line.trim_end_matches(['\n', '\r']);
            out.extend(std::iter::repeat_n(' ', body.len()));
            out.push_str(&line[body.len()..]);
        } else {
            out.push_str(line);
        }
    }
    out
}

/// Lay `top` over `base`: tables merge key by key, anything else replaces.
fn overlay(base: &mut toml::Value, top: toml::Value) {
    match (base, top) {
        (toml::Value::Table(b), toml::Value::Table(t)) => {
            for (k, v) in t {
                match b.get_mut(&k) {
                    Some(slot) => overlay(slot, v),
                    None => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (slot, v) => *slot = v,
    }
}

/// Every `font`-like key (`font`, `subtitle_font`) the file sets, with its place.
fn collect_fonts(
    source: &str,
    text: &str,
    table: &toml::Table,
    prefix: &str,
    out: &mut Vec<FontSetting>,
) {
    for (k, v) in table {
        let key = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        match v {
            toml::Value::Table(t) => collect_fonts(source, text, t, &key, out),
            _ if k == "font" || k.ends_with("_font") => {
                let families = match v {
                    toml::Value::String(s) => vec![s.clone()],
                    toml::Value::Array(a) => a
                        .iter()
                        .filter_map(|x| x.as_str().map(str::to_string))
                        .collect(),
                    _ => continue,
                };
                out.push(FontSetting {
                    source: source.to_string(),
                    place: find_key(text, &key).unwrap_or((1, 1)),
                    key,
                    families,
                });
            }
            _ => {}
        }
    }
}

/// The line and column of dotted `key`'s value in `text` (tables as `[a.b]` headers or
/// dotted keys; good enough for style files, which are flat).
fn find_key(text: &str, key: &str) -> Option<(usize, usize)> {
    let (table, leaf) = key.rsplit_once('.').unwrap_or(("", key));
    let mut current = String::new();
    for (n, line) in text.lines().enumerate() {
        let t = line.trim();
        if let Some(h) = t.strip_prefix('[') {
            current = h.trim_end_matches(']').trim().replace(' ', "");
            continue;
        }
        let Some((k, _)) = t.split_once('=') else {
            continue;
        };
        let k = k.trim().trim_matches('"');
        let full = if current.is_empty() {
            k.to_string()
        } else {
            format!("{current}.{k}")
        };
        if full == key || (current == table && k == leaf) {
            let col = line.find('=').map_or(1, |i| i + 2);
            return Some((n + 1, col));
        }
    }
    None
}

/// A TOML error with the file's line, column and key.
fn located(source: &str, text: &str, e: &toml::de::Error) -> StyleError {
    let (place, key) = match e.span() {
        Some(span) => {
            let (line, col) = line_col(text, span.start);
            (Some((line, col)), key_at(text, line))
        }
        None => (None, None),
    };
    StyleError {
        source: source.to_string(),
        place,
        key,
        message: e.message().trim().replace('\n', " "),
    }
}

/// 1-based line and column (in characters) of byte `offset`.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// The dotted key set on 1-based `line`: the table header above it plus the key.
fn key_at(text: &str, line: usize) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    let here = lines.get(line - 1)?.trim();
    let header = |l: &str| {
        l.trim()
            .strip_prefix('[')
            .map(|h| h.trim_end_matches(']').trim().to_string())
    };
    if let Some(h) = header(here) {
        return Some(h);
    }
    let key = here.split_once('=')?.0.trim().trim_matches('"').to_string();
    let table = lines[..line - 1].iter().rev().find_map(|l| header(l));
    Some(match table {
        Some(t) => format!("{t}.{key}"),
        None => key,
    })
}

/// `style` as a TOML style file, every part and key with a comment saying what it is:
/// a file to start from (`cjkdoc style --dump NAME`).
pub fn dump(style: &Style, heading: &str) -> String {
    let mut value = toml::Value::try_from(style).expect("a style serialises");
    tidy_floats(&mut value);
    let body = toml::to_string(&value).expect("a TOML value prints");
    let mut out = String::new();
    for line in heading.lines() {
        out.push_str("# ");
        out.push_str(line);
        out.push('\n');
    }
    out.push('\n');
    let mut table = String::new();
    for line in body.lines() {
        let t = line.trim();
        if let Some(h) = t.strip_prefix('[') {
            table = h.trim_end_matches(']').to_string();
            if let Some(doc) = doc_of(&table) {
                out.push_str(&format!("# {doc}\n"));
            }
        } else if let Some((k, _)) = t.split_once(" = ") {
            let key = if table.is_empty() {
                k.to_string()
            } else {
                format!("{table}.{k}")
            };
            if let Some(doc) = doc_of(&key) {
                out.push_str(&format!("# {doc}\n"));
            }
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Floats printed as their shortest f32 form (`1.6`, not `1.600000023841858`).
fn tidy_floats(v: &mut toml::Value) {
    match v {
        toml::Value::Float(f) => *f = units::round(*f as f32),
        toml::Value::Table(t) => t.iter_mut().map(|(_, v)| v).for_each(tidy_floats),
        toml::Value::Array(a) => a.iter_mut().for_each(tidy_floats),
        _ => {}
    }
}

/// The comment for a part or a key of a style file.
fn doc_of(key: &str) -> Option<&'static str> {
    // Heading levels share their keys' comments.
    let generic = match key.split_once('.') {
        Some(("heading", rest)) => match rest.split_once('.') {
            Some((level, k)) if level.len() == 1 => Some(format!("heading.N.{k}")),
            None if rest.len() == 1 => Some("heading.N".to_string()),
            _ => None,
        },
        _ => None,
    };
    let key = generic.as_deref().unwrap_or(key);
    KEY_DOCS.iter().find(|(k, _)| *k == key).map(|(_, d)| *d)
}

/// Comments of the style-file parts and keys (the README's table of keys is the same).
pub const KEY_DOCS: &[(&str, &str)] = &[
    ("page", "The page: paper, margins, line and character grid."),
    ("page.paper", "a4, a5, letter or legal."),
    ("page.lines_per_page", "Line grid: this many body lines fill the text block (0: none; the pitch is body.line_height)."),
    ("page.chars_per_line", "Character grid: this many ideographs fill a line (0: none)."),
    ("page.margins", "Margins: lengths with a unit (\"25mm\", \"1in\", \"72pt\") or points."),
    ("body", "Running text."),
    ("body.font", "Font families to try in order (a name or a list); the bundled faces come last."),
    ("body.size", "Size: points or a Chinese size name (\"小四\", \"三号\")."),
    ("body.line_height", "Line pitch as a multiple of the size (ignored under a line grid)."),
    ("body.first_line_indent", "First-line indent, in em."),
    ("body.paragraph_space", "Space between paragraphs, in lines."),
    ("body.cjk_latin_gap", "Space between Han and Latin text, in em."),
    ("body.hyphenate", "Hyphenate Latin words in justified text."),
    ("body.widow_control", "Keep single first and last lines of paragraphs from page feet and heads."),
    ("title", "The title block: title, subtitle, authors, date."),
    ("title.font", "Font families of the title."),
    ("title.size", "Title size."),
    ("title.bold", "Bold title (a face without a bold weight is used as it is)."),
    ("title.line_height", "Pitch of title lines, as a multiple of the title size."),
    ("title.subtitle_font", "Font families of the subtitle."),
    ("title.subtitle_size", "Subtitle size."),
    ("title.space_after", "Space below the title block, in lines."),
    ("heading", "Headings: heading.1 (一、 or #) to heading.6."),
    ("heading.numbered", "Number headings without a label of their own: 1, 1.1, 1.1.1."),
    ("heading.N", "One heading level."),
    ("heading.N.font", "Font families."),
    ("heading.N.size", "Size."),
    ("heading.N.bold", "Bold (a face without a bold weight is used as it is)."),
    ("heading.N.align", "left or center."),
    ("heading.N.indent", "Indent, in em of the body."),
    ("heading.N.space_before", "Space above, in lines."),
    ("heading.N.space_after", "Space below, in lines."),
    ("emphasis", "Emphasis."),
    ("emphasis.font", "Font families of emphasised Han text (Latin text is slanted)."),
    ("lists", "Bullet and ordered lists."),
    ("lists.indent", "Indent of an item's text (the marker hangs in it), in em."),
    ("lists.loose_space", "Space between the items of a loose list, in lines."),
    ("quote", "Block quotes."),
    ("quote.indent", "Indent of the quoted text, in em."),
    ("quote.bar_offset", "Position of the bar inside the indent, in em."),
    ("quote.bar_width", "Width of the bar, in points."),
    ("quote.bar_gray", "Grey of the bar (0 black, 1 white)."),
    ("code", "Code."),
    ("code.font", "Font families of code (monospaced)."),
    ("code.scale", "Size, as a multiple of the body size."),
    ("code.line_height", "Line pitch, as a multiple of the code size."),
    ("code.shade_gray", "Grey of the shading behind code blocks (0 black, 1 white)."),
    ("tables", "Tables."),
    ("tables.scale", "Size of table text, as a multiple of the body size."),
    ("tables.line_height", "Line pitch in cells, as a multiple of their size."),
    ("tables.rule_heavy", "Weight of the top and bottom rules, in points."),
    ("tables.rule_light", "Weight of the rule under the header, in points."),
    ("tables.rule_hair", "Weight of the hairlines between rows, in points."),
    ("tables.hair_gray", "Grey of the hairlines (0 black, 1 white)."),
    ("captions", "Figure captions."),
    ("captions.scale", "Size, as a multiple of the body size."),
    ("notes", "Footnotes."),
    ("notes.scale", "Size, as a multiple of the body size."),
    ("notes.line_height", "Line pitch, as a multiple of the note size."),
    ("notes.indent", "Indent of the note text (the number hangs in it), in em of the note size."),
    ("notes.separator_space", "Space taken by the separator above the notes, in lines."),
    ("notes.separator_length", "Length of the separator, as a fraction of the text width."),
    ("links", "Links."),
    ("links.underline_gray", "Grey of the underline of external links (0 black, 1 white)."),
    ("page_numbers", "Page numbers in the footer."),
    ("page_numbers.format", "The text; {n} is the number. Empty: no page numbers."),
    ("page_numbers.font", "Font families."),
    ("page_numbers.size", "Size."),
    ("page_numbers.gap", "From the bottom of the text block to the number's baseline."),
    ("page_numbers.place", "center, outside (odd pages right, even pages left) or right."),
    ("page_numbers.inset", "Distance in from the edge of the text block when not centred, in em."),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    #[test]
    fn extends_a_preset_and_overrides_keys() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(
            dir.path(),
            "s.toml",
            "extends = \"gongwen\"\n[body]\nsize = \"小四\"\nfont = \"LXGW WenKai\"\n",
        );
        let loaded = load_file(&p).unwrap();
        let gongwen = preset("gongwen").unwrap();
        assert_eq!(loaded.style.body.size, 12.0);
        assert_eq!(loaded.style.body.font.0, vec!["LXGW WenKai".to_string()]);
        // Everything else is the preset's.
        assert_eq!(loaded.style.page, gongwen.page);
        assert_eq!(loaded.style.heading, gongwen.heading);
        assert_eq!(loaded.fonts.len(), 1);
        assert_eq!(loaded.fonts[0].key, "body.font");
        assert_eq!(loaded.fonts[0].place.0, 4);
    }

    #[test]
    fn unknown_key_names_file_line_and_key() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(
            dir.path(),
            "bad.toml",
            "[body]\nsize = 12\ncolour = \"red\"\n",
        );
        let e = load_file(&p).unwrap_err();
        assert_eq!(e.place.map(|p| p.0), Some(3), "{e}");
        assert_eq!(e.key.as_deref(), Some("body.colour"), "{e}");
        assert!(e.message.contains("unknown field `colour`"), "{e}");
        assert!(
            e.to_string().starts_with(&format!("{}:3:", p.display())),
            "{e}"
        );
    }

    #[test]
    fn wrong_type_and_bad_values() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(
            dir.path(),
            "t.toml",
            "extends = \"default\"\n\n[page]\nlines_per_page = \"many\"\n",
        );
        let e = load_file(&p).unwrap_err();
        assert_eq!(e.place.map(|p| p.0), Some(4), "{e}");
        assert_eq!(e.key.as_deref(), Some("page.lines_per_page"), "{e}");
        assert!(e.message.contains("invalid type"), "{e}");

        let p = write(dir.path(), "s.toml", "[heading.2]\nsize = \"huge\"\n");
        let e = load_file(&p).unwrap_err();
        assert_eq!(e.key.as_deref(), Some("heading.2.size"), "{e}");
        assert!(e.message.contains("huge"), "{e}");

        let p = write(
            dir.path(),
            "m.toml",
            "[page.margins]\ntop = \"3 furlongs\"\n",
        );
        let e = load_file(&p).unwrap_err();
        assert_eq!(e.key.as_deref(), Some("page.margins.top"), "{e}");

        let p = write(dir.path(), "x.toml", "extends = \"fancy\"\n");
        let e = load_file(&p).unwrap_err();
        assert!(e.message.contains("unknown preset \"fancy\""), "{e}");
        assert_eq!(e.place.map(|p| p.0), Some(1), "{e}");

        let p = write(dir.path(), "syntax.toml", "[body\nsize = 1\n");
        let e = load_file(&p).unwrap_err();
        assert_eq!(e.place.map(|p| p.0), Some(1), "{e}");
    }

    #[test]
    fn files_extend_files_without_cycles() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "base.toml",
            "extends = \"report\"\n[body]\nsize = 10\n",
        );
        let p = write(
            dir.path(),
            "top.toml",
            "extends = \"base.toml\"\n[code]\nscale = 0.8\n",
        );
        let s = load_file(&p).unwrap().style;
        assert_eq!(s.body.size, 10.0);
        assert_eq!(s.code.scale, 0.8);
        assert_eq!(s.heading, preset("report").unwrap().heading);
        let p = write(dir.path(), "loop.toml", "extends = \"loop.toml\"\n");
        assert!(load_file(&p).unwrap_err().message.contains("cycle"));
    }

    #[test]
    fn the_readme_names_every_key() {
        let readme = include_str!("../../README.md");
        let table = &readme[readme.find("| Part | Keys |").unwrap()..];
        for (key, _) in KEY_DOCS {
            let leaf = key.rsplit('.').next().unwrap();
            if leaf == "N" {
                continue;
            }
            let shown = if key.contains('.') {
                format!("`{leaf}`")
            } else {
                format!("`[{key}]`")
            };
            assert!(table.contains(&shown), "README lacks {key}");
        }
    }

    #[test]
    fn dumps_load_back_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        for p in PRESETS {
            let style = (p.build)();
            let text = dump(&style, p.about);
            assert!(text.contains("# Running text."), "{text}");
            let path = write(dir.path(), &format!("{}.toml", p.name), &text);
            let back = load_file(&path).unwrap().style;
            // Lengths are written in 0.01 mm.
            let m = |s: &Style| {
                let m = s.page.margins;
                [m.top, m.right, m.bottom, m.left, s.page_numbers.gap]
            };
            for (a, b) in m(&back).iter().zip(m(&style)) {
                assert!((a - b).abs() < 0.03, "{}: {a} vs {b}", p.name);
            }
            let mut back = back;
            back.page.margins = style.page.margins;
            back.page_numbers.gap = style.page_numbers.gap;
            assert_eq!(back, style, "{}", p.name);
        }
    }
}
