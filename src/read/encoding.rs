//! Encoding detection and decoding for text inputs (plain text and Markdown).
//!
//! Rules, in the order they are applied:
//! 1. Binary signatures (PDF, PNG, JPEG, GIF, WebP, TIFF, zip/DOCX, OLE/DOC, gzip, 7z, RAR,
//!    ELF) → [`ReadError::Binary`].
//! 2. `ReadOptions.encoding` (an `encoding_rs` label) forces the decoder: a BOM of that
//!    encoding is dropped, undecodable bytes become U+FFFD and a warning is raised. An
//!    unknown label → [`ReadError::UnknownEncoding`].
//! 3. A byte-order mark (UTF-8, UTF-16LE, UTF-16BE) decides the encoding.
//! 4. NUL bytes: UTF-16 without a BOM when a byte order decodes cleanly, without control
//!    characters (the one whose text is more of the common scripts when both do; warning
//!    "decoded as UTF-16LE (guessed)"); otherwise [`ReadError::Binary`].
//! 5. Valid UTF-8 is UTF-8.
//! 6. Mostly-valid UTF-8 (at least four good multi-byte characters per bad sequence) is a
//!    damaged UTF-8 file: [`ReadError::Decode`] names the first bad byte, rather than
//!    silently decoding the whole file as something else.
//! 7. Otherwise `chardetng` guesses. Big5, Shift_JIS, EUC-JP and EUC-KR guesses are
//!    kept; otherwise it guesses again told the text comes from `.cn`, so that GBK/GB18030
//!    wins for Chinese byte patterns (a short Chinese text is otherwise often taken for a
//!    single-byte encoding); GBK is decoded with the GB18030 decoder (a superset,
//!    lossless for 4-byte sequences) and reported as GB18030. The guess is reported with
//!    `diag.warn("decoded as GB18030 (guessed)")`; bytes invalid in the guess →
//!    [`ReadError::Decode`] (reported as UTF-8 when the bad byte precedes any non-ASCII
//!    text, since then nothing supports the guess).
//!
//! Line ends are normalised afterwards: CRLF and lone CR become LF.

use super::{ReadError, ReadOptions};
use crate::diag::WarningKind;
use crate::Diagnostics;
use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{
    DecoderResult, Encoding, BIG5, EUC_JP, EUC_KR, GB18030, GBK, SHIFT_JIS, UTF_16BE, UTF_16LE,
    UTF_8,
};

/// Decode `input` to a `String` with `\n` line ends, following the module rules.
pub fn decode(
    input: &[u8],
    options: &ReadOptions,
    diag: &mut Diagnostics,
) -> Result<String, ReadError> {
    if let Some(kind) = binary_signature(input) {
        return Err(ReadError::Binary(kind.into()));
    }
    let text = if let Some(label) = &options.encoding {
        decode_forced(input, label, diag)?
    } else if let Some((enc, bom_len)) = Encoding::for_bom(input) {
        decode_strict(enc, &input[bom_len..])?
    } else if input.contains(&0) {
        let enc = utf16_without_bom(input)
            .ok_or_else(|| ReadError::Binary("it contains NUL bytes".into()))?;
        let text = decode_strict(enc, input)?;
        diag.warn_as(
            WarningKind::Encoding,
            format!("decoded as {} (guessed)", display_name(enc)),
        );
        text
    } else if let Ok(text) = std::str::from_utf8(input) {
        text.to_owned()
    } else if mostly_utf8(input) {
        return Err(utf8_error(input));
    } else {
        let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
        detector.feed(input, true);
        // Without a hint chardetng recognises Big5, Shift_JIS, EUC-JP and EUC-KR well;
        // otherwise ask again as if from `.cn`, so that short Chinese texts become GBK
        // rather than a single-byte encoding.
        let mut enc = detector.guess(None, Utf8Detection::Deny);
        if ![BIG5, SHIFT_JIS, EUC_JP, EUC_KR].contains(&enc) {
            enc = detector.guess(Some(b"cn"), Utf8Detection::Deny);
        }
        if enc == GBK {
            enc = GB18030;
        }
        // When the guess fails before any non-ASCII text, it was no real guess: report
        // the input as broken UTF-8, the encoding users expect.
        let text = decode_strict(enc, input).map_err(|e| match e {
            ReadError::Decode { .. } if ascii_prefix(input) => utf8_error(input),
            e => e,
        })?;
        diag.warn_as(
            WarningKind::Encoding,
            format!("decoded as {} (guessed)", display_name(enc)),
        );
        text
    };
    Ok(normalize_line_ends(&text))
}

/// A short description of the file type if `input` starts with a known binary signature.
fn binary_signature(input: &[u8]) -> Option<&'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"%PDF-", "a PDF document"),
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF87a", "a GIF image"),
        (b"GIF89a", "a GIF image"),
        (b"PK\x03\x04", "a zip archive, e.g. DOCX or XLSX"),
        (b"PK\x05\x06", "a zip archive, e.g. DOCX or XLSX"),
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
            "an old Office document, e.g. DOC or XLS",
        ),
        (b"II*\x00", "a TIFF image"),
        (b"MM\x00*", "a TIFF image"),
        (b"\x1F\x8B", "a gzip archive"),
        (b"7z\xBC\xAF\x27\x1C", "a 7z archive"),
        (b"Rar!\x1A\x07", "a RAR archive"),
        (b"\x7FELF", "an ELF executable"),
    ];
    if input.len() >= 12 && &input[..4] == b"RIFF" && &input[8..12] == b"WEBP" {
        return Some("a WebP image");
    }
    SIGNATURES
        .iter()
        .find(|(magic, _)| input.starts_with(magic))
        .map(|&(_, kind)| kind)
}

/// The name users know an encoding by (`encoding_rs` spells GB18030 in lower case).
fn display_name(enc: &'static Encoding) -> &'static str {
    if enc == GB18030 {
        "GB18030"
    } else {
        enc.name()
    }
}

/// Decode with a user-chosen encoding, replacing bad bytes (with a warning).
fn decode_forced(input: &[u8], label: &str, diag: &mut Diagnostics) -> Result<String, ReadError> {
    let enc = Encoding::for_label_no_replacement(label.trim().as_bytes())
        .ok_or_else(|| ReadError::UnknownEncoding(label.into()))?;
    // Drop a BOM only when it belongs to the forced encoding.
    let body = match Encoding::for_bom(input) {
        Some((bom_enc, len)) if bom_enc == enc => &input[len..],
        _ => input,
    };
    let (text, had_errors) = enc.decode_without_bom_handling(body);
    if had_errors {
        diag.warn_as(
            WarningKind::Encoding,
            format!(
                "some bytes are not valid {} and were replaced with U+FFFD",
                display_name(enc)
            ),
        );
    }
    Ok(text.into_owned())
}

/// Decode without replacement; the first malformed sequence is a [`ReadError::Decode`].
fn decode_strict(enc: &'static Encoding, bytes: &[u8]) -> Result<String, ReadError> {
    if enc == UTF_8 {
        return std::str::from_utf8(bytes)
            .map(str::to_owned)
            .map_err(|_| utf8_error(bytes));
    }
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(bytes.len() * 2 + 16);
    let mut src = bytes;
    loop {
        let (result, read) = decoder.decode_to_string_without_replacement(src, &mut out, true);
        src = &src[read..];
        match result {
            DecoderResult::InputEmpty => return Ok(out),
            DecoderResult::OutputFull => out.reserve(src.len() * 3 + 16),
            // `out` holds exactly the text before the bad bytes.
            DecoderResult::Malformed(..) => {
                return Err(position_error(&out, display_name(enc)));
            }
        }
    }
}

/// The error for invalid UTF-8, positioned at the first bad byte.
fn utf8_error(bytes: &[u8]) -> ReadError {
    let good = match std::str::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default(),
    };
    position_error(good, "UTF-8")
}

/// A decode error at the end of `good`, the text decoded before the bad bytes.
fn position_error(good: &str, encoding: &str) -> ReadError {
    let good = normalize_line_ends(good);
    let line_start = good.rfind('\n').map_or(0, |p| p + 1);
    ReadError::Decode {
        encoding: encoding.into(),
        line: good.matches('\n').count() + 1,
        column: good[line_start..].chars().count() + 1,
    }
}

/// True when the first invalid UTF-8 byte comes before any non-ASCII character.
fn ascii_prefix(input: &[u8]) -> bool {
    let valid = std::str::from_utf8(input).map_or_else(|e| e.valid_up_to(), |s| s.len());
    input[..valid].is_ascii()
}

/// True when invalid UTF-8 still looks like UTF-8 with a few damaged bytes: legacy
/// encodings such as GBK only rarely form valid multi-byte UTF-8 sequences by chance.
fn mostly_utf8(input: &[u8]) -> bool {
    let (mut good, mut bad) = (0usize, 0usize);
    for chunk in input.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            bad += 1;
        }
    }
    good > 0 && good >= 4 * bad
}

/// UTF-16 without a BOM: text with ASCII characters (line ends at least) has NUL high
/// bytes, but NULs need not share one parity (`一` is U+4E00, whose low byte is NUL). Each
/// byte order that decodes without errors or control characters is a candidate; the one
/// whose text is more of the common scripts (ASCII, Han, CJK and general punctuation,
/// kana, Hangul, Latin, Greek, Cyrillic) wins, the more NUL high bytes on a tie.
fn utf16_without_bom(input: &[u8]) -> Option<&'static Encoding> {
    if !input.len().is_multiple_of(2) {
        return None;
    }
    let nul_even = input.iter().step_by(2).filter(|&&b| b == 0).count();
    let nul_odd = input.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    [(UTF_16LE, nul_odd), (UTF_16BE, nul_even)]
        .into_iter()
        .filter_map(|(enc, high_nuls)| {
            let (text, had_errors) = enc.decode_without_bom_handling(input);
            let clean = !had_errors
                && !text
                    .chars()
                    .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0C'));
            let common = text.chars().filter(|&c| common_script(c)).count();
            clean.then_some((common, high_nuls, enc))
        })
        .max_by_key(|&(common, high_nuls, _)| (common, high_nuls))
        .map(|(_, _, enc)| enc)
}

/// A character of the scripts and punctuation that text files are mostly made of.
fn common_script(c: char) -> bool {
    c.is_ascii()
        || crate::script::is_han(c)
        || matches!(c,
            '\u{A0}'..='\u{24F}'        // Latin-1 and Latin Extended
            | '\u{370}'..='\u{4FF}'     // Greek, Cyrillic
            | '\u{2000}'..='\u{206F}'   // general punctuation
            | '\u{3000}'..='\u{30FF}'   // CJK punctuation, kana
            | '\u{AC00}'..='\u{D7AF}'   // Hangul
            | '\u{FF00}'..='\u{FFEF}') // full-width forms
}

/// CRLF and lone CR → LF.
fn normalize_line_ends(text: &str) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(input: &[u8]) -> (Result<String, ReadError>, Vec<String>) {
        let mut diag = Diagnostics::default();
        let r = decode(input, &ReadOptions::default(), &mut diag);
        (r, diag.warnings)
    }

    fn forced(input: &[u8], label: &str) -> (Result<String, ReadError>, Vec<String>) {
        let mut diag = Diagnostics::default();
        let options = ReadOptions {
            encoding: Some(label.into()),
            ..ReadOptions::default()
        };
        let r = decode(input, &options, &mut diag);
        (r, diag.warnings)
    }

    fn utf16le(s: &str, bom: bool) -> Vec<u8> {
        let mut out = if bom { vec![0xFF, 0xFE] } else { vec![] };
        out.extend(s.encode_utf16().flat_map(u16::to_le_bytes));
        out
    }

    const NOTICE: &str = "关于开展安全检查的通知\n各单位：\n为切实做好冬季安全生产工作，现将有关事项通知如下。\n一、检查时间\n2023年11月20日至12月10日。\n";

    #[test]
    fn utf8_bom_and_crlf() {
        let input = format!("\u{feff}{}", NOTICE.replace('\n', "\r\n"));
        let (text, warnings) = dec(input.as_bytes());
        assert_eq!(text.unwrap(), NOTICE);
        assert!(warnings.is_empty());
    }

    #[test]
    fn lone_cr_line_ends() {
        assert_eq!(dec(b"a\rb\r\nc").0.unwrap(), "a\nb\nc");
    }

    #[test]
    fn utf16le_with_bom() {
        let (text, warnings) = dec(&utf16le(&NOTICE.replace('\n', "\r\n"), true));
        assert_eq!(text.unwrap(), NOTICE);
        assert!(warnings.is_empty());
    }

    #[test]
    fn utf16be_with_bom() {
        let mut input = vec![0xFE, 0xFF];
        input.extend(NOTICE.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(dec(&input).0.unwrap(), NOTICE);
    }

    #[test]
    fn utf16le_without_bom_is_guessed() {
        let (text, warnings) = dec(&utf16le("Hello 世界\r\n", false));
        assert_eq!(text.unwrap(), "Hello 世界\n");
        assert_eq!(warnings, ["decoded as UTF-16LE (guessed)"]);
    }

    #[test]
    fn utf16_without_bom_with_nul_low_bytes_is_guessed() {
        // 一 is U+4E00 and the ideographic space U+3000: their low bytes are NUL, so
        // NULs sit at both parities.
        let text = "一、总则\n\u{3000}\u{3000}第一条 为了规范管理，制定本办法。\n";
        let (got, warnings) = dec(&utf16le(text, false));
        assert_eq!(got.unwrap(), text);
        assert_eq!(warnings, ["decoded as UTF-16LE (guessed)"]);
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let (got, warnings) = dec(&be);
        assert_eq!(got.unwrap(), text);
        assert_eq!(warnings, ["decoded as UTF-16BE (guessed)"]);
    }

    #[test]
    fn gb18030_is_detected() {
        let (bytes, _, _) = GB18030.encode(NOTICE);
        let (text, warnings) = dec(&bytes);
        assert_eq!(text.unwrap(), NOTICE);
        assert_eq!(warnings, ["decoded as GB18030 (guessed)"]);
    }

    #[test]
    fn gb18030_four_byte_sequences_survive() {
        // 𠀀 (U+20000) and € are 4-byte / special sequences in GB18030.
        let sample = format!("{NOTICE}生僻字𠀀与欧元符号€。\n");
        let (bytes, _, _) = GB18030.encode(&sample);
        assert_eq!(dec(&bytes).0.unwrap(), sample);
    }

    #[test]
    fn other_east_asian_encodings_and_short_chinese() {
        for (enc, text, name) in [
            (
                encoding_rs::BIG5,
                "臺灣的繁體中文文件範例，包含常用字與標點符號。",
                "Big5",
            ),
            (
                SHIFT_JIS,
                "日本語のテキストです。ひらがなとカタカナを含みます。",
                "Shift_JIS",
            ),
            (
                EUC_KR,
                "한국어 텍스트입니다. 이것은 시험용 문장입니다.",
                "EUC-KR",
            ),
            (GB18030, "短文。", "GB18030"),
            (GB18030, "关于", "GB18030"),
        ] {
            let (bytes, _, _) = enc.encode(text);
            let (decoded, warnings) = dec(&bytes);
            assert_eq!(decoded.unwrap(), text);
            assert_eq!(warnings, [format!("decoded as {name} (guessed)")]);
        }
    }

    #[test]
    fn seed_in_gb18030() {
        let seed = include_str!("../../fixtures/seed.txt");
        let (bytes, _, _) = GB18030.encode(seed);
        assert_eq!(dec(&bytes).0.unwrap(), seed);
    }

    #[test]
    fn windows_1252_is_not_mistaken_for_chinese() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode("Le café est très animé à Paris.\n");
        let (text, warnings) = dec(&bytes);
        assert_eq!(text.unwrap(), "Le café est très animé à Paris.\n");
        assert_eq!(warnings, ["decoded as windows-1252 (guessed)"]);
    }

    #[test]
    fn damaged_utf8_names_line_and_column() {
        let mut input = "第一行中文内容\n第二行中文\u{3000}内容".as_bytes().to_vec();
        input.insert(input.len() - 6, 0xFF);
        assert_eq!(
            dec(&input).0.unwrap_err(),
            ReadError::Decode {
                encoding: "UTF-8".into(),
                line: 2,
                column: 7
            }
        );
    }

    #[test]
    fn bad_utf16_names_position() {
        let mut input = utf16le("ab\ncd", true);
        input.extend([0x00, 0xD8]); // unpaired high surrogate
        input.extend(utf16le("e", false));
        assert_eq!(
            dec(&input).0.unwrap_err(),
            ReadError::Decode {
                encoding: "UTF-16LE".into(),
                line: 2,
                column: 3
            }
        );
    }

    #[test]
    fn forced_encoding_decodes_lossily() {
        let (bytes, _, _) = GB18030.encode("中文");
        let mut input = bytes.into_owned();
        input.push(0xFF);
        let (text, warnings) = forced(&input, "gb18030");
        assert_eq!(text.unwrap(), "中文\u{FFFD}");
        assert_eq!(
            warnings,
            ["some bytes are not valid GB18030 and were replaced with U+FFFD"]
        );
    }

    #[test]
    fn forced_encoding_overrides_detection() {
        // Valid UTF-8 read as GBK on purpose.
        let (text, _) = forced("中".as_bytes(), "GBK");
        assert_ne!(text.unwrap(), "中");
        let (text, _) = forced(&utf16le("x", true), "utf-16le");
        assert_eq!(text.unwrap(), "x");
    }

    #[test]
    fn unknown_encoding_label() {
        assert_eq!(
            forced(b"x", "klingon").0.unwrap_err(),
            ReadError::UnknownEncoding("klingon".into())
        );
    }

    #[test]
    fn binary_inputs() {
        for (input, what) in [
            (&b"%PDF-1.7\n..."[..], "a PDF document"),
            (b"\x89PNG\r\n\x1a\n\0\0", "a PNG image"),
            (b"PK\x03\x04\x14\0", "a zip archive, e.g. DOCX or XLSX"),
            (b"\xFF\xD8\xFF\xE0", "a JPEG image"),
            (b"abc\0\0\0def\x01", "it contains NUL bytes"),
        ] {
            assert_eq!(dec(input).0.unwrap_err(), ReadError::Binary(what.into()));
        }
    }
}
