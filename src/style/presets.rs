//! The built-in styles: `default` (Chinese reports and general documents), `gongwen`
//! (official documents, GB/T 9704-2012) and `report` (English and technical documents).

use super::{mm, Align, FontStack, HeadingStyle, Margins, PageNumberPlace, Paper, Style};

/// A built-in style.
#[derive(Debug, Clone, Copy)]
pub struct Preset {
    /// Its name (`--style NAME`, `extends = "NAME"`).
    pub name: &'static str,
    /// One line on what it is for.
    pub about: &'static str,
    /// The style.
    pub build: fn() -> Style,
}

/// Every preset, the default first.
pub const PRESETS: &[Preset] = &[
    Preset {
        name: "default",
        about: "Chinese documents: 小四 Song body, 2-em indents, sans headings, A4 with 25 mm margins",
        build: Style::default,
    },
    Preset {
        name: "gongwen",
        about: "Official documents after GB/T 9704-2012: 三号 FangSong on a 22 × 28 grid, Hei and Kai headings, 小标宋 title",
        build: gongwen,
    },
    Preset {
        name: "report",
        about: "English and technical documents: Latin-first faces, no indent, space between paragraphs, hyphenation",
        build: report,
    },
];

/// The preset called `name`.
pub fn preset(name: &str) -> Option<Style> {
    PRESETS
        .iter()
        .find(|p| p.name.eq_ignore_ascii_case(name))
        .map(|p| (p.build)())
}

/// 仿宋 (FangSong) faces, by the names Windows, macOS and font vendors give them. No open
/// FangSong exists; the bundled Song face stands in (gongwen.md).
pub const FANGSONG: &[&str] = &[
    "仿宋_GB2312",
    "FangSong_GB2312",
    "仿宋",
    "FangSong",
    "STFangsong",
    "华文仿宋",
    "方正仿宋_GBK",
    "FZFangSong-Z02",
    "Noto Serif SC",
];
/// 黑体 (Hei) faces, then the open sans faces.
pub const HEI: &[&str] = &[
    "黑体",
    "SimHei",
    "STHeiti",
    "华文黑体",
    "方正黑体_GBK",
    "Source Han Sans SC",
    "Noto Sans CJK SC",
    "Noto Sans SC",
];
/// 楷体 (Kai) faces, then the open Kai faces, then the bundled Song face.
pub const KAI: &[&str] = &[
    "楷体_GB2312",
    "KaiTi_GB2312",
    "楷体",
    "KaiTi",
    "STKaiti",
    "华文楷体",
    "方正楷体_GBK",
    "LXGW WenKai",
    "AR PL UKai CN",
    "AR PL KaitiM GB",
    "Noto Serif SC",
];
/// 小标宋 (a heavy Song for titles), then bold Song faces.
pub const XIAOBIAOSONG: &[&str] = &[
    "方正小标宋简体",
    "方正小标宋_GBK",
    "FZXiaoBiaoSong-B05S",
    "FZXiaoBiaoSong-B05",
    "小标宋",
    "Source Han Serif SC",
    "Noto Serif CJK SC",
    "Noto Serif SC",
];
/// 宋体 (Song) faces, for page numbers.
pub const SONG: &[&str] = &[
    "宋体",
    "SimSun",
    "STSong",
    "华文宋体",
    "Source Han Serif SC",
    "Noto Serif CJK SC",
    "Noto Serif SC",
];

/// GB/T 9704-2012: A4, top margin 37 mm, left 28 mm, a 156 × 225 mm text block holding 22
/// lines of 28 characters; 三号 (16 pt) FangSong body; 二号 (22 pt) 小标宋 title; level 1
/// in Hei, level 2 in Kai, levels 3–4 in the body face, none bold; page numbers `— N —` in
/// 四号 (14 pt), 7 mm below the text block, on the outer side one character in.
pub fn gongwen() -> Style {
    let mut s = Style::default();
    s.page.paper = Paper::A4;
    s.page.margins = Margins {
        top: mm(37.0),
        left: mm(28.0),
        right: mm(210.0 - 28.0 - 156.0),
        bottom: mm(297.0 - 37.0 - 225.0),
    };
    s.page.lines_per_page = 22;
    s.page.chars_per_line = 28;

    s.body.font = FontStack::of(FANGSONG);
    s.body.size = 16.0;
    s.body.first_line_indent = 2.0;
    // Every page holds its 22 lines: no line moves for widows and orphans (headings still
    // keep with what follows).
    s.body.widow_control = false;

    s.title.font = FontStack::of(XIAOBIAOSONG);
    s.title.size = 22.0;
    // 小标宋 is heavy in itself; the bold weight is taken where the face has one (the
    // bundled Noto Serif SC stand-in).
    s.title.bold = true;
    s.title.line_height = 1.3;
    s.title.subtitle_font = FontStack::of(KAI);
    s.title.subtitle_size = 16.0;
    // One blank line between the title and the addressee.
    s.title.space_after = 1.0;

    let level = |font: &[&str]| HeadingStyle {
        font: FontStack::of(font),
        size: 16.0,
        bold: false,
        align: Align::Left,
        indent: 2.0,
        space_before: 0.0,
        space_after: 0.0,
    };
    s.heading.h1 = level(HEI);
    s.heading.h2 = level(KAI);
    s.heading.h3 = level(FANGSONG);
    s.heading.h4 = level(FANGSONG);
    s.heading.h5 = level(FANGSONG);
    s.heading.h6 = level(FANGSONG);
    s.emphasis.font = FontStack::of(KAI);

    s.page_numbers.format = "— {n} —".into();
    s.page_numbers.font = FontStack::of(SONG);
    s.page_numbers.size = 14.0;
    // 7 mm from the text block to the top of the digits: their baseline about a cap
    // height (0.7 em) lower.
    s.page_numbers.gap = mm(7.0) + 0.7 * 14.0;
    s.page_numbers.place = PageNumberPlace::Outside;
    s.page_numbers.inset = 1.0;
    s
}

/// English and technical Markdown: Latin-first faces with the Chinese ones behind them,
/// 11 pt body at 1.45, no first-line indent and half a line between paragraphs, hyphenated
/// justified text, sans headings with more air, plain centred page numbers.
pub fn report() -> Style {
    let mut s = Style::default();
    s.page.margins = Margins {
        top: mm(25.0),
        right: mm(25.0),
        bottom: mm(25.0),
        left: mm(25.0),
    };
    s.body.font = FontStack::of(&["Noto Serif", "Noto Serif SC"]);
    s.body.size = 11.0;
    s.body.line_height = 1.45;
    s.body.first_line_indent = 0.0;
    s.body.paragraph_space = 0.5;
    s.body.hyphenate = true;

    s.title.font = FontStack::of(&["Noto Sans", "Noto Sans SC"]);
    s.title.size = 22.0;
    s.title.line_height = 1.25;
    s.title.subtitle_font = FontStack::of(&["Noto Sans", "Noto Sans SC"]);
    s.title.subtitle_size = 14.0;
    s.title.space_after = 1.5;

    let level = |size: f32, before: f32| HeadingStyle {
        font: FontStack::of(&["Noto Sans", "Noto Sans SC"]),
        size,
        bold: true,
        align: Align::Left,
        indent: 0.0,
        space_before: before,
        space_after: 0.35,
    };
    s.heading.h1 = level(17.0, 1.2);
    s.heading.h2 = level(14.0, 1.0);
    s.heading.h3 = level(12.0, 0.8);
    s.heading.h4 = level(11.0, 0.6);
    s.heading.h5 = level(11.0, 0.6);
    s.heading.h6 = level(11.0, 0.6);
    s.emphasis.font = FontStack::of(&["Noto Serif SC"]);

    s.code.scale = 0.85;
    s.code.line_height = 1.35;
    s.lists.indent = 1.5;
    s.quote.indent = 1.5;

    s.page_numbers.format = "{n}".into();
    s.page_numbers.size = 9.0;
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_by_name() {
        assert_eq!(preset("default").unwrap(), Style::default());
        assert_eq!(preset("GongWen").unwrap(), gongwen());
        assert!(preset("fancy").is_none());
        // Every stack ends in a bundled face, so a preset never lacks a face.
        for p in PRESETS {
            let s = (p.build)();
            for stack in [&s.body.font, &s.title.font, &s.heading.h1.font] {
                assert!(stack.0.last().unwrap().starts_with("Noto "), "{}", p.name);
            }
        }
    }

    #[test]
    fn gongwen_block_is_the_standards() {
        let s = gongwen();
        assert!((s.measure() - mm(156.0)).abs() < 1e-3);
        assert!((s.text_height() - mm(225.0)).abs() < 1e-3);
        assert!((s.line_pitch() - 28.95).abs() < 0.05);
        assert!((s.char_pitch().unwrap() - 15.8).abs() < 0.01);
    }
}
