//! Parsing of the values a user writes, on the command line and in style files: paper
//! names, lengths with units, font sizes (points or Chinese size names), line heights.
//! The `serde_*` modules apply the same rules to style-file fields.

use super::{Margins, Paper};

/// Millimetres to points.
pub fn mm(v: f32) -> f32 {
    v * 72.0 / 25.4
}

/// Parse a paper name: `a4`, `a5`, `letter`, `legal`.
pub fn parse_paper(s: &str) -> Result<Paper, String> {
    Paper::from_name(s.trim())
        .ok_or_else(|| format!("unknown paper size {s:?} (expected a4, a5, letter or legal)"))
}

/// Parse a length with a unit (`25mm`, `2.5cm`, `1in`, `72pt`) into points. A bare
/// number is taken as points.
pub fn parse_length(s: &str) -> Result<f32, String> {
    let t = s.trim().to_ascii_lowercase();
    let (num, factor) = if let Some(n) = t.strip_suffix("mm") {
        (n, 72.0 / 25.4)
    } else if let Some(n) = t.strip_suffix("cm") {
        (n, 72.0 / 2.54)
    } else if let Some(n) = t.strip_suffix("in") {
        (n, 72.0)
    } else if let Some(n) = t.strip_suffix("pt") {
        (n, 1.0)
    } else {
        (t.as_str(), 1.0)
    };
    let v: f32 = num
        .trim()
        .parse()
        .map_err(|_| format!("invalid length {s:?} (expected e.g. 25mm, 2.5cm, 1in, 72pt)"))?;
    if !v.is_finite() || v < 0.0 {
        return Err(format!("invalid length {s:?}: must be a positive number"));
    }
    Ok(v * factor)
}

/// Parse margins: one length for all sides, or two (`top/bottom,left/right`) or four
/// (`top,right,bottom,left`) separated by commas.
pub fn parse_margins(s: &str) -> Result<Margins, String> {
    let parts = s
        .split(',')
        .map(parse_length)
        .collect::<Result<Vec<_>, _>>()?;
    match parts[..] {
        [a] => Ok(Margins::uniform(a)),
        [v, h] => Ok(Margins {
            top: v,
            right: h,
            bottom: v,
            left: h,
        }),
        [top, right, bottom, left] => Ok(Margins {
            top,
            right,
            bottom,
            left,
        }),
        _ => Err(format!(
            "invalid margins {s:?} (expected one, two or four lengths separated by commas)"
        )),
    }
}

/// The Chinese font size names and their sizes in points.
pub const SIZE_NAMES: &[(&str, f32)] = &[
    ("初号", 42.0),
    ("小初", 36.0),
    ("一号", 26.0),
    ("小一", 24.0),
    ("二号", 22.0),
    ("小二", 18.0),
    ("三号", 16.0),
    ("小三", 15.0),
    ("四号", 14.0),
    ("小四", 12.0),
    ("五号", 10.5),
    ("小五", 9.0),
    ("六号", 7.5),
];

/// Parse a font size: points (`12`, `12pt`, `10.5`) or a Chinese size name (`小四`, `三号`).
pub fn parse_font_size(s: &str) -> Result<f32, String> {
    let t = s.trim();
    if let Some(&(_, v)) = SIZE_NAMES.iter().find(|(n, _)| *n == t) {
        return Ok(v);
    }
    let v = parse_length(t)
        .map_err(|_| format!("invalid font size {s:?} (expected e.g. 12, 10.5pt or 小四)"))?;
    check_font_size(v).map_err(|_| format!("font size {s:?} out of range (4 to 200 pt)"))
}

fn check_font_size(v: f32) -> Result<f32, String> {
    if (4.0..=200.0).contains(&v) {
        Ok(v)
    } else {
        Err(format!("font size {v} out of range (4 to 200 pt)"))
    }
}

/// Parse a line height: a multiple of the font size (`1.6`) or an absolute pitch with a
/// unit (`28pt`, `10mm`), returned as a multiple of `font_size`.
pub fn parse_line_height(s: &str, font_size: f32) -> Result<f32, String> {
    let t = s.trim();
    let v = if t.chars().last().is_some_and(|c| c.is_ascii_alphabetic()) {
        parse_length(t)? / font_size
    } else {
        t.parse::<f32>()
            .map_err(|_| format!("invalid line height {s:?} (expected e.g. 1.6 or 28pt)"))?
    };
    if !(0.8..=5.0).contains(&v) {
        return Err(format!(
            "line height {s:?} out of range (0.8 to 5 times the font size)"
        ));
    }
    Ok(v)
}

/// A number or a string, as a style file may write a size or a length.
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum NumOrText {
    Num(f64),
    Text(String),
}

/// A length field: a number of points or a string with a unit (`"37mm"`); written back
/// in millimetres.
pub mod serde_length {
    use super::*;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Deserialize.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<f32, D::Error> {
        match NumOrText::deserialize(d)
            .map_err(|_| serde::de::Error::custom("expected a length such as \"25mm\" or 72"))?
        {
            NumOrText::Num(v) if v.is_finite() && v >= 0.0 => Ok(v as f32),
            NumOrText::Num(v) => Err(serde::de::Error::custom(format!(
                "invalid length {v}: must be a positive number"
            ))),
            NumOrText::Text(s) => parse_length(&s).map_err(serde::de::Error::custom),
        }
    }

    /// Serialize as millimetres, rounded to 0.01 mm.
    pub fn serialize<S: Serializer>(v: &f32, s: S) -> Result<S::Ok, S::Error> {
        let in_mm = (v * 25.4 / 72.0 * 100.0).round() / 100.0;
        s.serialize_str(&format!("{in_mm}mm"))
    }
}

/// A font-size field: points or a Chinese size name (`"三号"`); written back in points.
pub mod serde_size {
    use super::*;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Deserialize.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<f32, D::Error> {
        match NumOrText::deserialize(d).map_err(|_| {
            serde::de::Error::custom("expected a font size such as 12, \"10.5pt\" or \"小四\"")
        })? {
            NumOrText::Num(v) => check_font_size(v as f32).map_err(serde::de::Error::custom),
            NumOrText::Text(s) => parse_font_size(&s).map_err(serde::de::Error::custom),
        }
    }

    /// Serialize as points.
    pub fn serialize<S: Serializer>(v: &f32, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(round(*v))
    }
}

/// `v` as the f64 with the same shortest decimal form, so that dumps print `28.9` and
/// not `28.899999618530273`.
pub(crate) fn round(v: f32) -> f64 {
    format!("{v}").parse::<f64>().unwrap_or(f64::from(v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_and_units() {
        assert_eq!(parse_length("72pt").unwrap(), 72.0);
        assert_eq!(parse_length("1in").unwrap(), 72.0);
        assert!((parse_length("25.4mm").unwrap() - 72.0).abs() < 1e-3);
        assert!((parse_length("2.54cm").unwrap() - 72.0).abs() < 1e-3);
        assert_eq!(parse_length(" 10 ").unwrap(), 10.0);
        assert!(parse_length("ten").is_err());
        assert!(parse_length("-3mm").is_err());
    }

    #[test]
    fn margins_one_two_four() {
        assert_eq!(parse_margins("1in").unwrap(), Margins::uniform(72.0));
        let m = parse_margins("72pt,36pt").unwrap();
        assert_eq!((m.top, m.right, m.bottom, m.left), (72.0, 36.0, 72.0, 36.0));
        let m = parse_margins("1pt,2pt,3pt,4pt").unwrap();
        assert_eq!((m.top, m.right, m.bottom, m.left), (1.0, 2.0, 3.0, 4.0));
        assert!(parse_margins("1pt,2pt,3pt").is_err());
    }

    #[test]
    fn paper_font_size_line_height() {
        assert_eq!(parse_paper("A5").unwrap(), Paper::A5);
        assert!(parse_paper("b4").unwrap_err().contains("b4"));
        assert_eq!(parse_font_size("小四").unwrap(), 12.0);
        assert_eq!(parse_font_size("10.5pt").unwrap(), 10.5);
        assert!(parse_font_size("1000").is_err());
        assert_eq!(parse_line_height("1.5", 12.0).unwrap(), 1.5);
        assert_eq!(parse_line_height("24pt", 12.0).unwrap(), 2.0);
        assert!(parse_line_height("x", 12.0).is_err());
    }
}
