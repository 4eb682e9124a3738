//! Inlines → runs. Formatting is carried down as a [`Fmt`]; the paragraph's faces as a
//! [`RunEnv`]. Every character set is recorded against the face that sets it, for the
//! embedded subsets.

use super::model::{FieldChar, Link, LinkTarget, PChild, RChild, Run};
use super::props::{Border, Fonts, RPr};
use super::styles::id;
use super::{Part, Rel, Writer, REL_HYPERLINK};
use crate::doc::Inline;
use crate::fonts::Weight;
use crate::script::{is_east_asian, is_shared_punctuation, soft_break_is_space};

/// The paragraph's faces and what its runs share.
#[derive(Debug, Clone)]
pub(crate) struct RunEnv {
    /// The faces the paragraph style sets.
    pub fonts: Fonts,
    /// The paragraph style is bold.
    pub bold: bool,
    /// Direct size in points.
    pub size: Option<f32>,
    /// The paragraph holds Chinese text: shared punctuation takes the East Asian face.
    pub cjk: bool,
    /// Body-like text: Chinese emphasis changes face (in headings it does not).
    pub plain_face: bool,
    /// A character style on every run (the run-in lead).
    pub rstyle: Option<&'static str>,
    /// Frame the runs (a missing image's alt text).
    pub frame: bool,
}

/// Inherited inline formatting.
#[derive(Debug, Clone, Copy, Default)]
struct Fmt {
    bold: bool,
    italic: bool,
    strike: bool,
    code: bool,
    link: bool,
    sup: bool,
}

impl<'d> Writer<'d, '_> {
    /// The runs of `inlines` in a paragraph with `env`.
    pub fn runs(&mut self, inlines: &[Inline], env: &RunEnv) -> Vec<PChild> {
        let mut out = Vec::new();
        self.inlines(&mut out, inlines, env, Fmt::default());
        out
    }

    fn inlines(&mut self, out: &mut Vec<PChild>, inlines: &[Inline], env: &RunEnv, fmt: Fmt) {
        for (i, inline) in inlines.iter().enumerate() {
            match inline {
                Inline::Text { text } => self.text(out, text, env, fmt),
                Inline::Emphasis { content } => self.inlines(
                    out,
                    content,
                    env,
                    Fmt {
                        italic: true,
                        ..fmt
                    },
                ),
                Inline::Strong { content } => {
                    self.inlines(out, content, env, Fmt { bold: true, ..fmt })
                }
                Inline::Strikethrough { content } => self.inlines(
                    out,
                    content,
                    env,
                    Fmt {
                        strike: true,
                        ..fmt
                    },
                ),
                Inline::Code { text } => self.text(out, text, env, Fmt { code: true, ..fmt }),
                Inline::Link {
                    url,
                    title,
                    content,
                } => self.link(out, url, title, content, env, fmt),
                // An image in running text at the height of the text, its bottom where
                // the PDF puts it (on the ideographic em box's bottom, below the
                // baseline); one that cannot be used shows its alt text.
                Inline::Image(img) => {
                    let size = env.size.unwrap_or(self.style.body.size);
                    let placement = super::media::Placement::Inline { size, indent: 0.0 };
                    if let Some(d) = self.image(img, placement) {
                        let rpr = RPr {
                            position: Some(
                                -(crate::layout::INLINE_IMAGE_DROP_EM * size * 2.0).round() as i32,
                            ),
                            ..RPr::default()
                        };
                        out.push(PChild::Run(Run::of(rpr, RChild::Drawing(d))));
                    } else if img.alt.is_empty() {
                        self.text(out, &img.url, env, fmt);
                    } else {
                        self.inlines(out, &img.alt, env, fmt);
                    }
                }
                Inline::SoftBreak => {
                    let before = i
                        .checked_sub(1)
                        .and_then(|j| crate::doc::inlines_text(&inlines[j..=j]).chars().last());
                    let after = inlines.get(i + 1).and_then(|n| {
                        crate::doc::inlines_text(std::slice::from_ref(n))
                            .chars()
                            .next()
                    });
                    if soft_break_is_space(before, after) {
                        self.text(out, " ", env, fmt);
                    }
                }
                Inline::HardBreak => out.push(PChild::Run(Run::of(
                    self.rpr(env, fmt, false),
                    RChild::Break,
                ))),
                Inline::FootnoteRef { label } => self.note_ref(out, label, env, fmt),
                Inline::Raw(r) => self.text(out, &r.text, env, fmt),
            }
        }
    }

    /// The properties of a run; `east_asian` for a run of Chinese text.
    fn rpr(&self, env: &RunEnv, fmt: Fmt, east_asian: bool) -> RPr {
        let emphasis_face = fmt.italic && !fmt.bold && env.plain_face && !fmt.code && east_asian;
        RPr {
            style: if fmt.code && !fmt.link {
                Some(id::VERBATIM)
            } else if fmt.link {
                Some(id::HYPERLINK)
            } else if fmt.sup {
                Some(id::FOOTNOTE_REF)
            } else if emphasis_face && env.rstyle.is_none() {
                Some(id::EMPHASIS)
            } else {
                env.rstyle
            },
            fonts: if fmt.code && fmt.link {
                Some(self.faces.code.clone())
            } else if emphasis_face {
                Some(self.faces.emphasis.clone())
            } else {
                None
            },
            bold: fmt.bold.then_some(true),
            // Chinese is never slanted.
            italic: (fmt.italic && !east_asian).then_some(true),
            strike: fmt.strike,
            size: env.size,
            border: env.frame.then(|| Border {
                space: 2.0,
                ..Border::single(crate::style::Style::FRAME_WIDTH, "000000")
            }),
            ..RPr::default()
        }
    }

    /// The faces a run with `rpr` in `env` is set in, and its weight.
    fn run_face(&self, env: &RunEnv, fmt: Fmt, rpr: &RPr) -> (Fonts, bool) {
        let fonts = if fmt.code {
            self.faces.code.clone()
        } else {
            rpr.fonts.clone().unwrap_or_else(|| env.fonts.clone())
        };
        (fonts, env.bold || fmt.bold)
    }

    /// Text as runs: emphasis splits Chinese from Latin text (only Latin is slanted).
    fn text(&mut self, out: &mut Vec<PChild>, text: &str, env: &RunEnv, fmt: Fmt) {
        if text.is_empty() {
            return;
        }
        // Under a character grid Chinese runs are spaced to the grid's pitch (see
        // `grid_spacing`), so they stand apart from Latin ones.
        let grid = self.grid_spacing();
        let pieces: Vec<(bool, String)> = if fmt.italic || grid.is_some() {
            split_scripts(text)
        } else {
            vec![(text.chars().any(is_east_asian), text.to_string())]
        };
        for (east_asian, piece) in pieces {
            let mut rpr = self.rpr(env, fmt, east_asian && fmt.italic);
            rpr.hint_east_asia = env.cjk && piece.chars().any(is_shared_punctuation);
            if east_asian && !fmt.code {
                rpr.spacing = grid;
            }
            let (fonts, bold) = self.run_face(env, fmt, &rpr);
            self.use_chars(&fonts, bold, &piece);
            out.push(PChild::Run(Run::text(rpr, &piece)));
        }
    }

    fn link(
        &mut self,
        out: &mut Vec<PChild>,
        url: &str,
        title: &str,
        content: &[Inline],
        env: &RunEnv,
        fmt: Fmt,
    ) {
        let fmt = Fmt { link: true, ..fmt };
        let mut inner = Vec::new();
        if content.is_empty() {
            self.text(&mut inner, url, env, fmt);
        } else {
            self.inlines(&mut inner, content, env, fmt);
        }
        let target = match url.strip_prefix('#') {
            Some(anchor) => LinkTarget::Anchor(anchor.to_string()),
            None => LinkTarget::Rel(self.rel(REL_HYPERLINK, url, true, "rIdLink")),
        };
        // A link holds runs only: bookmarks and note references inside it stand after it.
        let mut runs = Vec::new();
        let mut rest = Vec::new();
        for c in inner {
            match c {
                PChild::Run(r) => runs.push(r),
                other => rest.push(other),
            }
        }
        out.push(PChild::Link(Link {
            target,
            tooltip: (!title.is_empty()).then(|| title.to_string()),
            runs,
        }));
        out.extend(rest);
    }

    /// The relationship id of `target` from the current part (one per distinct target).
    pub fn rel(
        &mut self,
        kind: &'static str,
        target: &str,
        external: bool,
        prefix: &str,
    ) -> String {
        let key = (self.part, kind, target.to_string());
        if let Some(id) = self.rel_ids.get(&key) {
            return id.clone();
        }
        let count = self.rel_counts.entry((self.part, kind)).or_default();
        *count += 1;
        let id = format!("{prefix}{count}");
        self.rel_ids.insert(key, id.clone());
        let rels = match self.part {
            Part::Document => &mut self.doc_rels,
            Part::Footnotes => &mut self.note_rels,
        };
        rels.push(Rel {
            id: id.clone(),
            kind,
            target: target.to_string(),
            external,
        });
        id
    }

    /// A footnote reference: the first one to a note is Word's footnote reference (its
    /// text written now); later ones are `NOTEREF` fields showing the same number. Inside a
    /// note, or for an undefined label, the number or label is raised text.
    fn note_ref(&mut self, out: &mut Vec<PChild>, label: &str, env: &RunEnv, fmt: Fmt) {
        let sup = Fmt { sup: true, ..fmt };
        let Some(n) = self.notes.number(label) else {
            self.text(out, label, env, sup);
            return;
        };
        let rpr = RPr {
            style: Some(id::FOOTNOTE_REF),
            ..RPr::default()
        };
        let name = format!("_RefNote{n}");
        let nested = self.part == Part::Footnotes;
        if nested && !self.notes.in_body(n) {
            // Referred to only from inside notes: the number raised, and the note's text
            // after the note that refers to it.
            self.text(out, &n.to_string(), env, sup);
            if !self.nested_notes.contains(&n) {
                self.nested_notes.push(n);
            }
            return;
        }
        if nested || self.note_marks[n - 1].is_some() {
            let number = n.to_string();
            self.use_chars(&env.fonts, env.bold || fmt.bold, &number);
            for c in [
                RChild::Field(FieldChar::Begin),
                RChild::Instr(format!(" NOTEREF {name} \\f \\h ")),
                RChild::Field(FieldChar::Separate),
                RChild::Text(number),
                RChild::Field(FieldChar::End),
            ] {
                out.push(PChild::Run(Run::of(rpr.clone(), c)));
            }
            return;
        }
        let id = self.next_bookmark;
        self.next_bookmark += 1;
        self.note_marks[n - 1] = Some(name.clone());
        out.push(PChild::BookmarkStart { id, name });
        out.push(PChild::Run(Run::of(
            rpr,
            RChild::FootnoteReference(n as u32),
        )));
        out.push(PChild::BookmarkEnd { id });
        self.use_chars(&env.fonts, env.bold, &n.to_string());
        self.write_note(n);
    }

    /// Record that `text` is set in `fonts` (both slots: which one a reader picks per
    /// character depends on its script).
    pub fn use_chars(&mut self, fonts: &Fonts, bold: bool, text: &str) {
        let weight = if bold { Weight::Bold } else { Weight::Regular };
        for family in [&fonts.latin, &fonts.east_asia] {
            let set = self.usage.entry((family.clone(), weight)).or_default();
            set.extend(text.chars().filter(|c| !c.is_control()));
        }
    }

    /// Under a character grid, the spacing of Chinese characters that sets them at the
    /// grid's pitch, in twentieths of a point rounded down (so that a line of the grid's
    /// count always fits). The PDF sets each ideograph at exactly the pitch; Word would do
    /// the same with the grid alone, but LibreOffice gives a character wider than a grid
    /// cell two cells, so paragraphs do not snap to the grid and the runs carry the
    /// spacing instead.
    pub fn grid_spacing(&self) -> Option<i32> {
        let pitch = self.style.char_pitch()?;
        Some(((pitch - self.style.body.size) * 20.0).floor() as i32 - GRID_SLACK)
    }

    /// Record characters set in the regular body face.
    pub fn use_body_chars(&mut self, text: &str) {
        let fonts = self.faces.body.clone();
        self.use_chars(&fonts, false, text);
    }
}

/// How much tighter than the grid Chinese runs are set in the DOCX, in twentieths of a
/// point: a full line of the grid must fit whatever the reader rounds (LibreOffice sets
/// indents in whole characters of the body size, not of the grid's pitch).
const GRID_SLACK: i32 = 1;

/// Split text into runs of East Asian and other characters; shared punctuation and spaces
/// go with what precedes them.
fn split_scripts(text: &str) -> Vec<(bool, String)> {
    let mut out: Vec<(bool, String)> = Vec::new();
    for c in text.chars() {
        let ea = if is_shared_punctuation(c) || c.is_whitespace() {
            out.last().map(|(e, _)| *e)
        } else {
            Some(is_east_asian(c))
        };
        match (out.last_mut(), ea) {
            (Some((e, s)), Some(ea)) if *e == ea => s.push(c),
            (Some((_, s)), None) => s.push(c),
            (_, ea) => out.push((ea.unwrap_or(false), c.to_string())),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::split_scripts;

    #[test]
    fn scripts_split_with_shared_punctuation_following() {
        let v = split_scripts("中文“text”，more");
        assert_eq!(
            v,
            vec![
                (true, "中文“".to_string()),
                (false, "text”".to_string()),
                (true, "，".to_string()),
                (false, "more".to_string())
            ]
        );
    }
}
