//! Automatic numbering (`numbering.xml`): which paragraphs are list items, of which kind,
//! and the number text Word shows before the others.
//!
//! A level whose format is `bullet` makes bullet items (`□`/`☐` and `▣`/`☒`/`☑` task items);
//! a decimal, letter or roman level written `%N.` or `%N)` makes ordered items. Any other
//! level — Chinese counting (`一、`, `（一）`), `第%1章`, circled numbers — is not a list
//! in the tree: its number text becomes the start of the paragraph's text, as a typist
//! would have written it, so that headings and articles are found by the same rules as in
//! plain text.

use super::model::{Level, Numberings};
use std::collections::HashMap;

/// What a numbered paragraph is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Marker {
    /// A bullet item; `Some(done)` for a task item.
    Bullet(Option<bool>),
    /// An ordered item with this number.
    Ordered(u64),
    /// Number text to write before the paragraph's text (`一、`, `第三章　`).
    Label(String),
}

/// The numbering definitions and the counters of one read.
#[derive(Debug, Default)]
pub struct Numbering {
    /// `w:num` id → its levels by `ilvl` (start overrides applied).
    nums: HashMap<usize, HashMap<usize, Level>>,
    /// `w:num` id → the counter of each level.
    counters: HashMap<usize, [u64; 9]>,
}

impl Numbering {
    /// The definitions of `numbering.xml`.
    pub fn new(n: &Numberings) -> Numbering {
        let abstracts: HashMap<usize, &Vec<Level>> =
            n.abstract_nums.iter().map(|a| (a.id, &a.levels)).collect();
        let mut nums = HashMap::new();
        for num in &n.numberings {
            let Some(levels) = abstracts.get(&num.abstract_num_id) else {
                continue;
            };
            let mut by_level: HashMap<usize, Level> =
                levels.iter().map(|l| (l.level, l.clone())).collect();
            for o in &num.level_overrides {
                if let (Some(start), Some(l)) = (o.override_start, by_level.get_mut(&o.level)) {
                    l.start = start;
                }
            }
            nums.insert(num.id, by_level);
        }
        Numbering {
            nums,
            counters: HashMap::new(),
        }
    }

    /// The level `ilvl` of numbering `num`, if defined.
    pub fn level(&self, num: usize, ilvl: usize) -> Option<&Level> {
        self.nums.get(&num)?.get(&ilvl)
    }

    /// Count a paragraph numbered `num` at `ilvl` and say what it is; `None` for numId 0
    /// (numbering switched off) or an undefined numbering.
    pub fn next(&mut self, num: usize, ilvl: usize) -> Option<Marker> {
        let ilvl = ilvl.min(8);
        let levels = self.nums.get(&num)?;
        let level = levels.get(&ilvl)?.clone();
        let starts: Vec<u64> = (0..9)
            .map(|l| levels.get(&l).map_or(1, |l| l.start))
            .collect();
        let counters = self.counters.entry(num).or_insert_with(|| {
            let mut c = [0; 9];
            for (l, c) in c.iter_mut().enumerate() {
                *c = starts[l].saturating_sub(1);
            }
            c
        });
        counters[ilvl] += 1;
        for l in ilvl + 1..9 {
            counters[l] = starts[l].saturating_sub(1);
        }
        let counters = *counters;
        let format = level.format.as_str();
        let text = level.text.trim();
        if format == "bullet" {
            return Some(Marker::Bullet(match text {
                "□" | "☐" => Some(false),
                "▣" | "☒" | "☑" | "■" => Some(true),
                _ => None,
            }));
        }
        if format == "none" {
            return Some(Marker::Label(String::new()));
        }
        let own = format!("%{}", ilvl + 1);
        let simple = [".", ")"].iter().any(|end| text == format!("{own}{end}"));
        if simple && matches!(format, "decimal" | "decimalZero") {
            return Some(Marker::Ordered(counters[ilvl]));
        }
        // Any other level: its text, `%N` replaced by level N's number in its format.
        let mut label = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, chars.peek().and_then(|d| d.to_digit(10))) {
                ('%', Some(d @ 1..=9)) => {
                    chars.next();
                    let l = d as usize - 1;
                    let fmt = levels.get(&l).map_or("decimal", |l| l.format.as_str());
                    label.push_str(&format_number(counters[l], fmt));
                }
                _ => label.push(c),
            }
        }
        Some(Marker::Label(label))
    }
}

/// `n` in a `w:numFmt` format.
pub fn format_number(n: u64, format: &str) -> String {
    match format {
        "decimalZero" if n < 10 => format!("0{n}"),
        "upperRoman" => roman(n),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperLetter" => letters(n),
        "lowerLetter" => letters(n).to_lowercase(),
        "chineseCounting"
        | "chineseCountingThousand"
        | "ideographDigital"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "koreanCounting" => chinese(n),
        "chineseLegalSimplified" => chinese(n)
            .chars()
            .map(|c| match c {
                '一' => '壹',
                '二' => '贰',
                '三' => '叁',
                '四' => '肆',
                '五' => '伍',
                '六' => '陆',
                '七' => '柒',
                '八' => '捌',
                '九' => '玖',
                '十' => '拾',
                '百' => '佰',
                '千' => '仟',
                c => c,
            })
            .collect(),
        "ideographTraditional" => nth_of("甲乙丙丁戊己庚辛壬癸", n),
        "ideographZodiac" => nth_of("子丑寅卯辰巳午未申酉戌亥", n),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n as u32 - 1).map_or(n.to_string(), String::from)
        }
        "decimalEnclosedParen" if (1..=20).contains(&n) => {
            char::from_u32(0x2474 + n as u32 - 1).map_or(n.to_string(), String::from)
        }
        "decimalEnclosedFullstop" if (1..=20).contains(&n) => {
            char::from_u32(0x2488 + n as u32 - 1).map_or(n.to_string(), String::from)
        }
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap_or(c))
            .collect(),
        _ => n.to_string(),
    }
}

/// The `n`-th character of `set` (1-based, cycling).
fn nth_of(set: &str, n: u64) -> String {
    let chars: Vec<char> = set.chars().collect();
    let i = (n.max(1) - 1) as usize % chars.len();
    chars[i].to_string()
}

/// `n` in Roman numerals (as decimal above 3999).
fn roman(mut n: u64) -> String {
    if n == 0 || n > 3999 {
        return n.to_string();
    }
    let table = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in table {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// `n` as Word's letters: A…Z, then AA, BB, … (the letter repeated).
fn letters(n: u64) -> String {
    if n == 0 {
        return "0".into();
    }
    let letter = (b'A' + ((n - 1) % 26) as u8) as char;
    let times = ((n - 1) / 26 + 1).min(100) as usize;
    std::iter::repeat_n(letter, times).collect()
}

/// `n` in Chinese numerals as a Chinese reader writes them: 一 … 十, 十一, 二十, 一百零五.
pub fn chinese(n: u64) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    if n == 0 {
        return DIGITS[0].into();
    }
    if n >= 10_000 {
        return n.to_string();
    }
    let units = [(1000, "千"), (100, "百"), (10, "十"), (1, "")];
    let mut out = String::new();
    let mut zero = false;
    for (v, unit) in units {
        let d = (n / v % 10) as usize;
        if d == 0 {
            zero = !out.is_empty();
            continue;
        }
        if zero {
            out.push_str(DIGITS[0]);
            zero = false;
        }
        // 十一, not 一十一, at the start.
        if !(v == 10 && d == 1 && out.is_empty()) {
            out.push_str(DIGITS[d]);
        }
        out.push_str(unit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::docx::model::{AbstractNum, Num};

    #[test]
    fn chinese_numbers() {
        let got: Vec<String> = [1, 9, 10, 11, 20, 21, 100, 105, 110, 1001]
            .iter()
            .map(|&n| chinese(n))
            .collect();
        assert_eq!(
            got,
            [
                "一",
                "九",
                "十",
                "十一",
                "二十",
                "二十一",
                "一百",
                "一百零五",
                "一百一十",
                "一千零一"
            ]
        );
        assert_eq!(format_number(3, "chineseLegalSimplified"), "叁");
        assert_eq!(format_number(2, "decimalEnclosedCircle"), "②");
        assert_eq!(format_number(14, "lowerRoman"), "xiv");
        assert_eq!(format_number(28, "upperLetter"), "BB");
    }

    fn level(l: usize, format: &str, text: &str) -> Level {
        Level {
            level: l,
            start: 1,
            format: format.into(),
            text: text.into(),
            ..Level::default()
        }
    }

    #[test]
    fn levels_make_items_or_labels() {
        let n = Numberings {
            abstract_nums: vec![AbstractNum {
                id: 0,
                levels: vec![
                    level(0, "chineseCounting", "%1、"),
                    level(1, "chineseCounting", "（%2）"),
                    level(2, "decimal", "%3."),
                    level(3, "bullet", "•"),
                ],
            }],
            numberings: vec![Num {
                id: 1,
                abstract_num_id: 0,
                level_overrides: vec![],
            }],
        };
        let mut num = Numbering::new(&n);
        let got: Vec<Marker> = [
            (1, 0),
            (1, 1),
            (1, 1),
            (1, 0),
            (1, 1),
            (1, 2),
            (1, 2),
            (1, 3),
        ]
        .iter()
        .map(|&(id, l)| num.next(id, l).unwrap())
        .collect();
        use Marker::*;
        assert_eq!(
            got,
            [
                Label("一、".into()),
                Label("（一）".into()),
                Label("（二）".into()),
                Label("二、".into()),
                Label("（一）".into()),
                Ordered(1),
                Ordered(2),
                Bullet(None)
            ]
        );
        assert_eq!(num.next(7, 0), None);
    }
}
