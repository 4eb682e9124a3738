//! The font book: every face a conversion may use — the bundled faces, the faces found in
//! the user's font directories (`--font-dir`, searched recursively) and the system's fonts
//! (through `fontdb`, which reads the fontconfig setup).
//!
//! A book is built once per process and shared read-only by every conversion (`Send +
//! Sync`, passed as `Arc<Book>` or `&Book`). It holds no other state than lazy slots, each
//! filled once:
//! - the system's fonts are scanned only when a family is looked up that neither the font
//!   directories nor the bundled faces have (so the default style never scans), and the
//!   scan reads metadata only;
//! - a face's font file is read on first use of that face, and parsed once.
//!
//! Font bytes read from files are leaked (`Box::leak`), so that parsed faces are
//! `'static` like the bundled ones: a book lives as long as the process, and each file is
//! read at most once per book. (A program that builds many books would leak the files of
//! each; cjkdoc builds one.)
//!
//! Face ids are stable for the book's life: the bundled faces first (in the order of
//! [`super::bundled`], so that outputs made with them do not depend on what else the book
//! holds), then the font directories' faces, then the system's. Looking a family up
//! searches the font directories first, then the bundled faces, then the system.

use super::Weight;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// A face: its index in its [`Book`].
pub type FaceId = usize;

/// Where a face came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Bundled with cjkdoc (feature `bundled-fonts`).
    Bundled,
    /// Found in a font directory given by the user: the font file.
    FontDir(PathBuf),
    /// One of the system's fonts: the font file.
    System(PathBuf),
}

impl Origin {
    /// The font file, for faces read from disk.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Origin::Bundled => None,
            Origin::FontDir(p) | Origin::System(p) => Some(p),
        }
    }
}

/// The kind of outlines a face has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outline {
    /// TrueType (`glyf`) outlines.
    TrueType,
    /// PostScript outlines in a `CFF ` table (OpenType `.otf`).
    Cff,
    /// Anything else (CFF2 variable outlines, bitmap-only faces): cannot be embedded.
    Other,
}

/// What the face's licence allows an embedding document to do, from OS/2 `fsType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Embedding {
    /// fsType 0: the face may be embedded and installed.
    Installable,
    /// Bit 3: embedded, the face may be used to edit the document.
    Editable,
    /// Bit 2: embedded, the face may be used to view and print the document.
    PreviewAndPrint,
    /// Bit 1 alone (Restricted License): the face must not be embedded.
    Restricted,
    /// Bit 9 (bitmap embedding only): the outlines must not be embedded.
    BitmapOnly,
}

impl Embedding {
    /// Whether a document may carry (a subset of) the face's outlines.
    pub fn allowed(self) -> bool {
        !matches!(self, Embedding::Restricted | Embedding::BitmapOnly)
    }

    /// A short name, for listings and messages.
    pub fn name(self) -> &'static str {
        match self {
            Embedding::Installable => "installable",
            Embedding::Editable => "editable",
            Embedding::PreviewAndPrint => "preview & print",
            Embedding::Restricted => "restricted",
            Embedding::BitmapOnly => "bitmap only",
        }
    }
}

/// What the book knows about a face without reading its font file.
#[derive(Debug, Clone)]
pub struct FaceInfo {
    /// Every family name of the face (typographic family, else font family, in every
    /// language the face gives), the English one first when there is one.
    pub families: Vec<String>,
    /// The PostScript name (empty when the face has none).
    pub post_script_name: String,
    /// OS/2 `usWeightClass` (400 regular, 700 bold).
    pub weight: u16,
    /// An italic or oblique face.
    pub italic: bool,
    /// Where the face came from.
    pub origin: Origin,
    /// The face's index in its file (a `.ttc`/`.otc` collection holds several).
    pub index: u32,
}

impl FaceInfo {
    /// The face's main family name (the English one when there is one).
    pub fn family(&self) -> &str {
        self.families.first().map_or("", String::as_str)
    }

    /// The weight as cjkdoc uses it: bold from 600 up.
    pub fn weight_class(&self) -> Weight {
        if self.weight >= 600 {
            Weight::Bold
        } else {
            Weight::Regular
        }
    }

    /// Whether one of the face's family names is `family` (ASCII case-insensitive).
    pub fn has_family(&self, family: &str) -> bool {
        let family = family.trim();
        self.families.iter().any(|f| f.eq_ignore_ascii_case(family))
    }
}

/// A parsed face, with what its tables say about embedding it.
pub struct Loaded {
    /// The shaping face (derefs to the `ttf_parser::Face` for metrics).
    pub face: rustybuzz::Face<'static>,
    /// Units per em.
    pub upem: f32,
    /// The whole font file (a collection for a face of a `.ttc`).
    pub data: &'static [u8],
    /// The face's index in `data`.
    pub index: u32,
    /// The kind of outlines.
    pub outline: Outline,
    /// The embedding permission (OS/2 `fsType`).
    pub embedding: Embedding,
    /// Whether a subset may be embedded (fsType bit 8 clear).
    pub subsetting: bool,
    /// The Unicode subtables of the `cmap`, in its order, parsed once.
    unicode: Vec<ttf_parser::cmap::Subtable<'static>>,
    /// The shape plans of [`Loaded::shape_plan`], by [`PLAN_SCRIPTS`], each made on first
    /// use.
    plans: [OnceLock<rustybuzz::ShapePlan>; PLAN_SCRIPTS.len()],
}

/// The language layout shapes all text in (Chinese glyph forms where a face has several).
pub const SHAPING_LANGUAGE: &str = "zh-Hans";

/// The OpenType features layout turns on for all of a run: `chws`, contextual half-width
/// punctuation (the adjacent-mark compression of clreq §3.1.6, e.g. "。”" takes 1.5 em)
/// where the face supports it. Kerning and ligatures are on by default for Latin.
pub fn shaping_features() -> Vec<rustybuzz::Feature> {
    vec![rustybuzz::Feature::new(
        ttf_parser::Tag::from_bytes(b"chws"),
        1,
        ..,
    )]
}

/// The scripts whose shape plans a face keeps.
const PLAN_SCRIPTS: [rustybuzz::Script; 8] = {
    use rustybuzz::script::*;
    [
        HAN, LATIN, HIRAGANA, KATAKANA, HANGUL, CYRILLIC, GREEK, BOPOMOFO,
    ]
};

impl Loaded {
    /// Whether cjkdoc may embed this face: the licence allows embedding a subset of its
    /// outlines, and they are outlines cjkdoc can subset. A face that only allows being
    /// embedded whole ("no subsetting") is treated as not embeddable: a whole CJK face
    /// is 10–20 MB.
    pub fn embeddable(&self) -> bool {
        self.embedding.allowed() && self.subsetting && self.outline != Outline::Other
    }

    /// Why the face cannot be embedded, if it cannot (for notices).
    pub fn refusal(&self) -> Option<&'static str> {
        if !self.embedding.allowed() {
            Some(match self.embedding {
                Embedding::BitmapOnly => "its licence allows embedding bitmaps only",
                _ => "its licence does not allow embedding (fsType: Restricted License)",
            })
        } else if !self.subsetting {
            Some("its licence allows embedding it only whole (fsType: no subsetting)")
        } else if self.outline == Outline::Other {
            Some("its outlines are neither TrueType nor CFF")
        } else {
            None
        }
    }

    /// The glyph for `c` (as `ttf_parser::Face::glyph_index` finds it: the first Unicode
    /// subtable that maps it), without parsing the subtables again.
    pub fn glyph_index(&self, c: char) -> Option<ttf_parser::GlyphId> {
        self.unicode
            .iter()
            .find_map(|s| s.glyph_index(u32::from(c)))
    }

    /// The plan for shaping text of `script` left to right in [`SHAPING_LANGUAGE`] with
    /// [`shaping_features`] (what `rustybuzz::shape` would make for such a buffer), made
    /// once per face; `None` for a script whose plans are not kept.
    pub fn shape_plan(&self, script: rustybuzz::Script) -> Option<&rustybuzz::ShapePlan> {
        let slot = self
            .plans
            .get(PLAN_SCRIPTS.iter().position(|&s| s == script)?)?;
        Some(slot.get_or_init(|| {
            let language = SHAPING_LANGUAGE.parse::<rustybuzz::Language>().ok();
            rustybuzz::ShapePlan::new(
                &self.face,
                rustybuzz::Direction::LeftToRight,
                Some(script),
                language.as_ref(),
                &shaping_features(),
            )
        }))
    }

    /// Parse face `index` of `data`.
    fn parse(data: &'static [u8], index: u32) -> Option<Loaded> {
        let face = rustybuzz::Face::from_slice(data, index)?;
        let tables = face.tables();
        let outline = if tables.glyf.is_some() {
            Outline::TrueType
        } else if tables.cff.is_some() {
            Outline::Cff
        } else {
            Outline::Other
        };
        let (embedding, subsetting) = match tables.os2 {
            None => (Embedding::Installable, true),
            Some(os2) => {
                let embedding = if !os2.is_outline_embedding_allowed() {
                    Embedding::BitmapOnly
                } else {
                    match os2.permissions() {
                        Some(p) => from_permissions(p),
                        None => most_permissive(&face),
                    }
                };
                (embedding, os2.is_subsetting_allowed())
            }
        };
        let unicode = tables
            .cmap
            .map(|c| c.subtables.into_iter().filter(|s| s.is_unicode()).collect())
            .unwrap_or_default();
        Some(Loaded {
            upem: face.units_per_em() as f32,
            unicode,
            plans: Default::default(),
            face,
            data,
            index,
            outline,
            embedding,
            subsetting,
        })
    }
}

fn from_permissions(p: ttf_parser::Permissions) -> Embedding {
    match p {
        ttf_parser::Permissions::Installable => Embedding::Installable,
        ttf_parser::Permissions::Restricted => Embedding::Restricted,
        ttf_parser::Permissions::PreviewAndPrint => Embedding::PreviewAndPrint,
        ttf_parser::Permissions::Editable => Embedding::Editable,
    }
}

/// fsType with more than one usage bit set, which OS/2 version 3 and later forbid
/// (ttf-parser returns no permission for it): the most permissive bit wins, as the rule
/// for versions up to 2 says (Latin Modern has 0x000C).
fn most_permissive(face: &ttf_parser::Face) -> Embedding {
    let os2 = face.raw_face().table(ttf_parser::Tag::from_bytes(b"OS/2"));
    let fs_type = os2
        .and_then(|t| t.get(8..10))
        .map_or(0, |b| u16::from_be_bytes([b[0], b[1]]));
    if fs_type & 0x000F == 0 {
        Embedding::Installable
    } else if fs_type & 8 != 0 {
        Embedding::Editable
    } else if fs_type & 4 != 0 {
        Embedding::PreviewAndPrint
    } else {
        Embedding::Restricted
    }
}

/// Where a face's bytes are.
enum Bytes {
    /// In the binary.
    Static(&'static [u8]),
    /// In file number `n` of the face's group.
    File(usize),
}

/// One face: what is known up front, and its parsed form once it was needed.
struct Slot {
    info: FaceInfo,
    bytes: Bytes,
    loaded: OnceLock<Option<Loaded>>,
}

/// A font file, read on first use of one of its faces.
struct FontFile {
    path: PathBuf,
    data: OnceLock<Option<&'static [u8]>>,
}

/// The faces of one origin (bundled, font directories, system) and their files.
#[derive(Default)]
struct Group {
    slots: Vec<Slot>,
    files: Vec<FontFile>,
    /// The faces of each family name, the name trimmed and in ASCII lower case (the
    /// matching of [`FaceInfo::has_family`]): lookups do not scan every face.
    by_name: std::collections::HashMap<String, Vec<usize>>,
}

/// A family name as [`Group::by_name`] keys it.
fn name_key(family: &str) -> String {
    family.trim().to_ascii_lowercase()
}

impl Group {
    /// `self` with its name index built.
    fn indexed(mut self) -> Group {
        let mut by_name: std::collections::HashMap<String, Vec<usize>> = Default::default();
        for (i, slot) in self.slots.iter().enumerate() {
            for name in &slot.info.families {
                let faces = by_name.entry(name_key(name)).or_default();
                if faces.last() != Some(&i) {
                    faces.push(i);
                }
            }
        }
        self.by_name = by_name;
        self
    }

    /// The bundled faces.
    fn bundled() -> Group {
        let slots = super::bundled()
            .iter()
            .map(|f| Slot {
                info: FaceInfo {
                    families: vec![f.family.to_string()],
                    post_script_name: ps_name(f.family, f.weight),
                    weight: match f.weight {
                        Weight::Regular => 400,
                        Weight::Bold => 700,
                    },
                    italic: false,
                    origin: Origin::Bundled,
                    index: 0,
                },
                bytes: Bytes::Static(f.data),
                loaded: OnceLock::new(),
            })
            .collect();
        Group {
            slots,
            ..Group::default()
        }
        .indexed()
    }

    /// The faces of a fontdb database, metadata only.
    fn from_db(db: &fontdb::Database, origin: fn(PathBuf) -> Origin) -> Group {
        let mut group = Group::default();
        let mut file_of: std::collections::HashMap<PathBuf, usize> = Default::default();
        let mut faces: Vec<&fontdb::FaceInfo> = db.faces().collect();
        // fontdb's order follows directory listings; sort for a stable book.
        faces.sort_by(|a, b| {
            source_path(a)
                .cmp(&source_path(b))
                .then(a.index.cmp(&b.index))
        });
        for f in faces {
            let Some(path) = source_path(f) else {
                continue;
            };
            let file = *file_of.entry(path.clone()).or_insert_with(|| {
                group.files.push(FontFile {
                    path: path.clone(),
                    data: OnceLock::new(),
                });
                group.files.len() - 1
            });
            let mut families: Vec<String> = Vec::new();
            for (name, _) in &f.families {
                if !families.iter().any(|n| n == name) {
                    families.push(name.clone());
                }
            }
            group.slots.push(Slot {
                info: FaceInfo {
                    families,
                    post_script_name: f.post_script_name.clone(),
                    weight: f.weight.0,
                    italic: f.style != fontdb::Style::Normal,
                    origin: origin(path),
                    index: f.index,
                },
                bytes: Bytes::File(file),
                loaded: OnceLock::new(),
            });
        }
        group.indexed()
    }

    /// The parsed face `i` of the group, read and parsed on first use.
    fn get(&self, i: usize) -> Option<&Loaded> {
        let slot = self.slots.get(i)?;
        slot.loaded
            .get_or_init(|| {
                let data = match slot.bytes {
                    Bytes::Static(d) => d,
                    Bytes::File(n) => self.file_data(n)?,
                };
                Loaded::parse(data, slot.info.index)
            })
            .as_ref()
    }

    /// The bytes of file `n`, read once and leaked (see the module documentation).
    fn file_data(&self, n: usize) -> Option<&'static [u8]> {
        let file = self.files.get(n)?;
        *file.data.get_or_init(|| {
            let bytes = std::fs::read(&file.path).ok()?;
            Some(&*Box::leak(bytes.into_boxed_slice()))
        })
    }
}

/// The file a fontdb face was found in.
fn source_path(f: &fontdb::FaceInfo) -> Option<PathBuf> {
    match &f.source {
        fontdb::Source::File(p) | fontdb::Source::SharedFile(p, _) => Some(p.clone()),
        fontdb::Source::Binary(_) => None,
    }
}

/// The PostScript-style name of a bundled face, e.g. `NotoSerifSC-Bold`.
fn ps_name(family: &str, weight: Weight) -> String {
    let w = match weight {
        Weight::Regular => "Regular",
        Weight::Bold => "Bold",
    };
    format!("{}-{w}", family.replace(' ', ""))
}

/// A face found for a family and weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// The face.
    pub id: FaceId,
    /// Whether it has the weight asked for (else it is the family's nearest weight).
    pub exact: bool,
}

/// The set of faces a conversion may use. See the module documentation.
pub struct Book {
    bundled: Group,
    dirs: Group,
    /// The font directories given, for listings.
    dir_paths: Vec<PathBuf>,
    /// `None`: this book has no system fonts.
    system: Option<OnceLock<Group>>,
    /// The same faces as a `fontdb` database, for the text of SVG images (usvg).
    svg_fonts: OnceLock<Arc<fontdb::Database>>,
}

impl fmt::Debug for Book {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Book")
            .field("bundled", &self.bundled.slots.len())
            .field("font_dirs", &self.dir_paths)
            .field("font_dir_faces", &self.dirs.slots.len())
            .field(
                "system",
                &self.system.as_ref().map(|s| {
                    s.get()
                        .map_or("not scanned".to_string(), |g| g.slots.len().to_string())
                }),
            )
            .finish()
    }
}

impl Default for Book {
    /// A bundled-only book (prefer the shared [`Book::bundled`]).
    fn default() -> Self {
        Book::with_fonts(&[] as &[PathBuf], false)
    }
}

impl Book {
    /// The bundled-only book, built once per process and shared.
    pub fn bundled() -> &'static Arc<Book> {
        static BUNDLED: OnceLock<Arc<Book>> = OnceLock::new();
        BUNDLED.get_or_init(|| Arc::new(Book::default()))
    }

    /// A book of the bundled faces, the faces in `font_dirs` (searched recursively for
    /// `.ttf`, `.otf`, `.ttc` and `.otc` files; unreadable files are skipped) and, if
    /// `system`, the system's fonts (scanned on first need).
    pub fn with_fonts(font_dirs: &[impl AsRef<Path>], system: bool) -> Book {
        let mut db = fontdb::Database::new();
        for dir in font_dirs {
            db.load_fonts_dir(dir);
        }
        Book {
            bundled: Group::bundled(),
            dirs: Group::from_db(&db, Origin::FontDir),
            dir_paths: font_dirs.iter().map(|d| d.as_ref().to_path_buf()).collect(),
            system: system.then(OnceLock::new),
            svg_fonts: OnceLock::new(),
        }
    }

    /// The book's faces as a `fontdb` database (built on the first call), for the text of
    /// SVG images: the bundled faces, the font directories' and, if the book has them, the
    /// system's. The generic families are the bundled ones (`sans-serif`: Noto Sans SC,
    /// `serif`: Noto Serif SC, `monospace`: Noto Sans Mono), so that an SVG's Chinese
    /// text has glyphs.
    pub fn svg_fonts(&self) -> Arc<fontdb::Database> {
        Arc::clone(self.svg_fonts.get_or_init(|| {
            let mut db = fontdb::Database::new();
            for face in super::bundled() {
                db.load_font_source(fontdb::Source::Binary(Arc::new(face.data)));
            }
            for dir in &self.dir_paths {
                db.load_fonts_dir(dir);
            }
            if self.system.is_some() {
                db.load_system_fonts();
            }
            db.set_sans_serif_family("Noto Sans SC");
            db.set_serif_family("Noto Serif SC");
            db.set_monospace_family("Noto Sans Mono");
            Arc::new(db)
        }))
    }

    /// The system's faces, scanned on the first call.
    fn system(&self) -> Option<&Group> {
        let cell = self.system.as_ref()?;
        Some(cell.get_or_init(|| {
            let mut db = fontdb::Database::new();
            db.load_system_fonts();
            Group::from_db(&db, Origin::System)
        }))
    }

    /// The group holding `id`, and the index in it.
    fn locate(&self, id: FaceId) -> Option<(&Group, usize)> {
        let nb = self.bundled.slots.len();
        let nd = self.dirs.slots.len();
        if id < nb {
            Some((&self.bundled, id))
        } else if id < nb + nd {
            Some((&self.dirs, id - nb))
        } else {
            // No system face id exists before the scan.
            let system = self.system.as_ref()?.get()?;
            (id - nb - nd < system.slots.len()).then_some((system, id - nb - nd))
        }
    }

    /// What is known of face `id` without reading its file.
    pub fn info(&self, id: FaceId) -> Option<&FaceInfo> {
        let (group, i) = self.locate(id)?;
        Some(&group.slots.get(i)?.info)
    }

    /// The parsed face `id`, its file read and parsed on first use (`None` if there is no
    /// such face, or it cannot be read or parsed).
    pub fn get(&self, id: FaceId) -> Option<&Loaded> {
        let (group, i) = self.locate(id)?;
        group.get(i)
    }

    /// Whether face `id` has a glyph for `c`.
    pub fn covers(&self, id: FaceId, c: char) -> bool {
        self.get(id).is_some_and(|l| l.glyph_index(c).is_some())
    }

    /// The number of bundled faces (ids `0..n`).
    pub fn bundled_count(&self) -> usize {
        self.bundled.slots.len()
    }

    /// The ids of the faces found in the font directories.
    pub fn font_dir_faces(&self) -> std::ops::Range<FaceId> {
        let nb = self.bundled.slots.len();
        nb..nb + self.dirs.slots.len()
    }

    /// The font directories the book was built with.
    pub fn font_dirs(&self) -> &[PathBuf] {
        &self.dir_paths
    }

    /// The face of `family` (any of its names, ASCII case-insensitive) nearest to
    /// `weight`: from the font directories, else bundled, else the system's fonts (which
    /// are scanned for it if not yet). Faces that cannot be read are skipped.
    pub fn find(&self, family: &str, weight: Weight) -> Option<FaceId> {
        self.find_weight(family, weight).map(|f| f.id)
    }

    /// Like [`Book::find`], telling whether the face has the exact weight.
    pub fn find_weight(&self, family: &str, weight: Weight) -> Option<Found> {
        let nb = self.bundled.slots.len();
        let nd = self.dirs.slots.len();
        if let Some(f) = self.find_in(&self.dirs, nb, family, weight) {
            return Some(f);
        }
        if let Some(f) = self.find_in(&self.bundled, 0, family, weight) {
            return Some(f);
        }
        let system = self.system()?;
        self.find_in(system, nb + nd, family, weight)
    }

    /// The first of `families` that the book has, with the name that matched (a style
    /// gives a role a stack of families to try).
    pub fn find_first<'f, S: AsRef<str>>(
        &self,
        families: &'f [S],
        weight: Weight,
    ) -> Option<(FaceId, &'f str)> {
        families.iter().find_map(|f| {
            let name = f.as_ref();
            self.find(name, weight).map(|id| (id, name))
        })
    }

    /// The best face of `family` in `group` (ids from `offset`): upright before italic,
    /// then the nearest weight (heavier on a tie for bold, lighter for regular), then the
    /// first in the group; skipping faces that do not load.
    fn find_in(&self, group: &Group, offset: usize, family: &str, weight: Weight) -> Option<Found> {
        let target: i32 = match weight {
            Weight::Regular => 400,
            Weight::Bold => 700,
        };
        let mut candidates: Vec<(usize, &FaceInfo)> = group
            .by_name
            .get(&name_key(family))
            .into_iter()
            .flatten()
            .map(|&i| (i, &group.slots[i].info))
            .collect();
        candidates.sort_by_key(|&(i, info)| {
            let d = i32::from(info.weight) - target;
            let side = match weight {
                Weight::Bold => i32::from(d < 0),
                Weight::Regular => i32::from(d > 0),
            };
            (info.italic, d.abs(), side, i)
        });
        candidates
            .into_iter()
            .find(|&(i, _)| group.get(i).is_some())
            .map(|(i, info)| Found {
                id: offset + i,
                exact: info.weight_class() == weight,
            })
    }

    /// The faces to try for a character, in order: the `preferred` ones, the bundled
    /// faces of the same weight, then every bundled face (so that a character any bundled
    /// face has is never missing).
    pub fn fallback_chain(&self, preferred: &[Option<FaceId>], weight: Weight) -> Vec<FaceId> {
        let mut chain: Vec<FaceId> = Vec::new();
        for &p in preferred.iter().flatten() {
            if !chain.contains(&p) {
                chain.push(p);
            }
        }
        for pass_weight in [Some(weight), None] {
            for (i, s) in self.bundled.slots.iter().enumerate() {
                let w = s.info.weight_class();
                if pass_weight.is_none_or(|pw| pw == w) && !chain.contains(&i) {
                    chain.push(i);
                }
            }
        }
        chain
    }

    /// One line per face for `cjkdoc fonts`: the bundled faces, then those of the font
    /// directories (reading each face's file, for its glyph count and permissions).
    /// The family column is as wide as its widest entry (CJK characters count twice, as
    /// a terminal shows them).
    pub fn describe(&self) -> Vec<String> {
        let ids = (0..self.bundled.slots.len()).chain(self.font_dir_faces());
        let rows: Vec<(String, String)> = ids
            .filter_map(|id| {
                let info = self.info(id)?;
                Some((info.families.join(" / "), self.describe_face(id, info)))
            })
            .collect();
        let width = |s: &str| -> usize {
            s.chars()
                .map(|c| if crate::script::is_wide(c) { 2 } else { 1 })
                .sum()
        };
        let column = rows.iter().map(|(f, _)| width(f)).max().unwrap_or(0);
        rows.into_iter()
            .map(|(f, rest)| format!("{f}{}  {rest}", " ".repeat(column - width(&f))))
            .collect()
    }

    /// A face's line after its family names.
    fn describe_face(&self, id: FaceId, info: &FaceInfo) -> String {
        let loaded = self.get(id);
        let glyphs = loaded.map_or(0, |l| l.face.number_of_glyphs());
        let outline = match loaded.map(|l| l.outline) {
            Some(Outline::TrueType) => "TrueType",
            Some(Outline::Cff) => "CFF",
            Some(Outline::Other) => "other",
            None => "unreadable",
        };
        let embedding = loaded.map_or("-", |l| {
            if l.embeddable() {
                l.embedding.name()
            } else if !l.subsetting && l.embedding.allowed() {
                "no subsetting"
            } else {
                l.embedding.name()
            }
        });
        let file = match &info.origin {
            Origin::Bundled => super::bundled().get(id).map_or("", |f| f.file).to_string(),
            Origin::FontDir(p) | Origin::System(p) => {
                let mut s = p.display().to_string();
                if info.index > 0 || is_collection(p) {
                    s.push_str(&format!(" #{}", info.index));
                }
                s
            }
        };
        let weight = match info.weight {
            400 => "Regular".to_string(),
            700 => "Bold".to_string(),
            w => w.to_string(),
        };
        format!(
            "{:<8} {:<8} {:>6} glyphs  {:<15} {}{}",
            weight,
            outline,
            glyphs,
            embedding,
            file,
            if info.italic { " (italic)" } else { "" }
        )
    }
}

/// Whether `p` names a font collection file.
fn is_collection(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("ttc") || e.eq_ignore_ascii_case("otc"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A font directory of this machine, or `None` with the reason printed.
    fn machine_dir(path: &str) -> Option<PathBuf> {
        let p = PathBuf::from(path);
        if p.is_dir() {
            Some(p)
        } else {
            eprintln!("skipped: {path} is not installed");
            None
        }
    }

    #[test]
    fn book_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<Book>();
        check::<Arc<Book>>();
    }

    #[cfg(feature = "bundled-fonts")]
    #[test]
    fn bundled_book_keeps_the_bundled_order_and_never_scans() {
        let book = Book::bundled();
        assert_eq!(book.bundled_count(), 10);
        for (i, f) in crate::fonts::bundled().iter().enumerate() {
            assert_eq!(book.find(f.family, f.weight), Some(i));
            assert_eq!(book.info(i).unwrap().origin, Origin::Bundled);
        }
        // Case-insensitive; a family without the weight gives its nearest face.
        assert_eq!(book.find("noto serif sc", Weight::Bold), Some(1));
        assert!(book.find("No Such Family", Weight::Regular).is_none());
        let l = book.get(0).unwrap();
        assert_eq!(l.outline, Outline::TrueType);
        assert_eq!(l.embedding, Embedding::Installable);
        assert!(l.embeddable());
        assert!(book.covers(0, '党'));
        assert_eq!(
            book.find_first(&["Nope", "Noto Sans SC", "Noto Serif SC"], Weight::Regular),
            Some((2, "Noto Sans SC"))
        );
        assert_eq!(
            book.fallback_chain(&[Some(4), None, Some(4)], Weight::Bold),
            vec![4, 1, 3, 5, 7, 9, 0, 2, 6, 8]
        );
    }

    #[test]
    fn a_collection_is_found_by_each_face_name() {
        let Some(dir) = machine_dir("/usr/share/fonts/truetype/arphic") else {
            return;
        };
        let book = Book::with_fonts(&[dir], false);
        let cn = book
            .find_weight("AR PL UKai CN", Weight::Regular)
            .expect("UKai CN");
        let tw = book
            .find("ar pl ukai tw", Weight::Regular)
            .expect("UKai TW");
        assert!(cn.exact);
        assert_ne!(cn.id, tw);
        let (ci, ti) = (book.info(cn.id).unwrap(), book.info(tw).unwrap());
        assert!(
            ci.origin.path().unwrap().ends_with("ukai.ttc"),
            "{:?}",
            ci.origin
        );
        assert!(matches!(ci.origin, Origin::FontDir(_)));
        assert_ne!(ci.index, ti.index);
        let l = book.get(cn.id).expect("parses");
        assert_eq!(l.index, ci.index);
        assert!(book.covers(cn.id, '楷'));
        // Bold asked, only a regular face: that one, not exact.
        let bold = book.find_weight("AR PL UKai CN", Weight::Bold).unwrap();
        assert_eq!((bold.id, bold.exact), (cn.id, false));
        // Debian's ukai.ttc (0.2.20080216) names its faces in English only; a build with
        // the Chinese names must be found by them too.
        if ci.families.iter().any(|f| f == "文鼎ＰＬ中楷") {
            assert_eq!(book.find("文鼎ＰＬ中楷", Weight::Regular), Some(cn.id));
        } else {
            eprintln!(
                "note: this ukai.ttc has no Chinese family name: {:?}",
                ci.families
            );
        }
        // Bundled faces stay first and keep their ids.
        #[cfg(feature = "bundled-fonts")]
        assert_eq!(book.find("Noto Serif SC", Weight::Regular), Some(0));
    }

    #[test]
    fn localized_names_and_weights() {
        let Some(dir) = machine_dir("/usr/share/fonts/truetype/lxgw-wenkai") else {
            return;
        };
        let book = Book::with_fonts(&[dir], false);
        let en = book
            .find("LXGW WenKai", Weight::Regular)
            .expect("LXGW WenKai");
        let zh = book.find("霞鹜文楷", Weight::Regular).expect("霞鹜文楷");
        assert_eq!(en, zh);
        let info = book.info(en).unwrap();
        assert_eq!(info.family(), "LXGW WenKai");
        assert!(
            info.families.iter().any(|f| f == "霞鹜文楷"),
            "{:?}",
            info.families
        );
        assert_eq!(info.weight, 400);
        let bold = book.find_weight("lxgw wenkai", Weight::Bold).unwrap();
        assert!(bold.exact);
        assert_ne!(bold.id, en);
        assert_eq!(book.info(bold.id).unwrap().weight, 700);
        // The mono family is another family.
        let mono = book.find("LXGW WenKai Mono", Weight::Regular).unwrap();
        assert_ne!(mono, en);
        let l = book.get(en).unwrap();
        assert_eq!(l.outline, Outline::TrueType);
        assert!(l.embeddable());
        assert!(book.covers(en, '鹜'));
        // Font directories come before the bundled faces, and these ids after them.
        assert!(book.font_dir_faces().contains(&en));
        assert_eq!(
            book.describe().len(),
            book.bundled_count() + book.font_dir_faces().len()
        );
    }

    #[test]
    fn cff_faces_load_with_their_permissions() {
        let Some(dir) = machine_dir("/usr/share/texmf/fonts/opentype/public/lm") else {
            return;
        };
        let book = Book::with_fonts(&[dir], false);
        let id = book
            .find("Latin Modern Roman", Weight::Regular)
            .expect("LM Roman");
        let l = book.get(id).unwrap();
        assert_eq!(l.outline, Outline::Cff);
        // fsType 0x000C (preview & print + editable): the most permissive wins.
        assert_eq!(l.embedding, Embedding::Editable);
        assert!(l.embeddable());
    }

    #[test]
    fn system_fonts_are_scanned_only_when_needed() {
        let book = Book::with_fonts(&[] as &[PathBuf], true);
        #[cfg(feature = "bundled-fonts")]
        {
            assert_eq!(book.find("Noto Serif SC", Weight::Regular), Some(0));
            assert!(
                book.system.as_ref().unwrap().get().is_none(),
                "scanned too early"
            );
        }
        let _ = book.find("No Such Family Anywhere", Weight::Regular);
        let system = book.system.as_ref().unwrap().get().expect("scanned");
        if system.slots.is_empty() {
            eprintln!("note: no system fonts on this machine");
            return;
        }
        // A system face whose family is not bundled is found as a system face.
        let own = system.slots.iter().map(|s| &s.info).find(|i| {
            !book
                .bundled
                .slots
                .iter()
                .any(|b| b.info.has_family(i.family()))
        });
        if let Some(info) = own {
            let id = book
                .find(info.family(), info.weight_class())
                .expect("found");
            let found = book.info(id).unwrap();
            assert!(matches!(found.origin, Origin::System(_)), "{found:?}");
            assert!(found.has_family(info.family()));
        }
    }
}
