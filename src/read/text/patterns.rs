//! The line and inline patterns of the text reader: numbering markers, closings, dates,
//! document numbers and types, lead-ins and links.
//!
//! Each function replaces one regular expression, quoted in its doc comment, and matches
//! exactly what it matched (the tests compare them): `\s` is Unicode White_Space (as
//! `char::is_whitespace`), `\p{Han}` the Han script, `{m,n}` counts characters, `^` and `$`
//! are the start and the end of the text. Compiling the expressions at start-up took 8 M of
//! the 109 M instructions of converting the seed to PDF. Numerals are parsed in `numerals`.

use std::ops::Range;

/// A cursor over a text. Each `eat` method consumes what it matches at the cursor and
/// returns it, or consumes nothing (and returns `None` if it must match something).
/// Quantifiers are greedy and never give back: the patterns below need no backtracking, as
/// what follows a repeated class never belongs to it (the e-mail `domain` is the exception
/// and handles it itself).
struct Scanner<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str) -> Self {
        Self::at(text, 0)
    }

    fn at(text: &'a str, pos: usize) -> Self {
        Scanner { text, pos }
    }

    fn rest(&self) -> &'a str {
        &self.text[self.pos..]
    }

    /// `$`: the end of the text.
    fn end(&self) -> Option<()> {
        self.rest().is_empty().then_some(())
    }

    /// The literal `s`.
    fn eat(&mut self, s: &str) -> Option<&'a str> {
        self.rest().starts_with(s).then(|| self.advance(s.len()))
    }

    /// The first of `alternatives` that matches (`a|b|c`).
    fn eat_one_of(&mut self, alternatives: &[&str]) -> Option<&'a str> {
        alternatives.iter().find_map(|s| self.eat(s))
    }

    /// One character of `class`.
    fn eat_char_in(&mut self, class: impl Fn(char) -> bool) -> Option<char> {
        let c = self.rest().chars().next().filter(|&c| class(c))?;
        self.advance(c.len_utf8());
        Some(c)
    }

    /// `[class]{min,max}`: as many characters of `class` as there are, up to `max`, if
    /// there are at least `min`.
    fn eat_count(
        &mut self,
        min: usize,
        max: usize,
        class: impl Fn(char) -> bool,
    ) -> Option<&'a str> {
        let rest = self.rest();
        let (count, len) = rest
            .chars()
            .take(max)
            .take_while(|&c| class(c))
            .fold((0, 0), |(n, len), c| (n + 1, len + c.len_utf8()));
        (count >= min).then(|| self.advance(len))
    }

    /// `[class]*`.
    fn eat_while(&mut self, class: impl Fn(char) -> bool) -> &'a str {
        self.eat_count(0, usize::MAX, class).unwrap_or_default()
    }

    /// `[class]+`.
    fn eat_some(&mut self, class: impl Fn(char) -> bool) -> Option<&'a str> {
        self.eat_count(1, usize::MAX, class)
    }

    /// `\s+\S`: whitespace, then more text (the text is not consumed).
    fn eat_space_before_text(&mut self) -> Option<&'a str> {
        let space = self.eat_some(is_space)?;
        (!self.rest().is_empty()).then_some(space)
    }

    /// `pattern`, or nothing consumed if it does not match.
    fn attempt<T>(&mut self, pattern: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        let start = self.pos;
        let found = pattern(self);
        if found.is_none() {
            self.pos = start;
        }
        found
    }

    fn advance(&mut self, len: usize) -> &'a str {
        let s = &self.rest()[..len];
        self.pos += len;
        s
    }
}

/// Whether `pattern` matches the whole of `text` (`^…$`).
fn whole(text: &str, pattern: impl FnOnce(&mut Scanner) -> Option<()>) -> bool {
    let mut s = Scanner::new(text);
    pattern(&mut s).and_then(|()| s.end()).is_some()
}

/// `[一二三四五六七八九十]`
fn is_cn_digit(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// `[一二三四五六七八九]`
fn is_one_to_nine(c: char) -> bool {
    c != '十' && is_cn_digit(c)
}

/// `[0-9０-９]`: an ASCII or full-width digit.
fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// `[0-9]`
fn is_ascii_digit(c: char) -> bool {
    c.is_ascii_digit()
}

/// `\s`: Unicode White_Space.
fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// `[（(]`
fn is_open_paren(c: char) -> bool {
    matches!(c, '（' | '(')
}

/// `[）)]`
fn is_close_paren(c: char) -> bool {
    matches!(c, '）' | ')')
}

/// `\p{Han}`: Script=Han as the regex crate had it (Unicode 16.0). Unlike
/// `crate::script::is_han` this includes the radicals, 々, the Suzhou numerals 〡…〩 and
/// 〸…〻, and leaves out unassigned code points.
fn is_han_script(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{2E99}' | '\u{2E9B}'..='\u{2EF3}' | '\u{2F00}'..='\u{2FD5}'
        | '\u{3005}' | '\u{3007}' | '\u{3021}'..='\u{3029}' | '\u{3038}'..='\u{303B}'
        | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FA6D}'
        | '\u{FA70}'..='\u{FAD9}' | '\u{16FE2}'..='\u{16FE3}' | '\u{16FF0}'..='\u{16FF1}'
        | '\u{20000}'..='\u{2A6DF}' | '\u{2A700}'..='\u{2B739}' | '\u{2B740}'..='\u{2B81D}'
        | '\u{2B820}'..='\u{2CEA1}' | '\u{2CEB0}'..='\u{2EBE0}' | '\u{2EBF0}'..='\u{2EE5D}'
        | '\u{2F800}'..='\u{2FA1D}' | '\u{30000}'..='\u{3134A}' | '\u{31350}'..='\u{323AF}')
}

/// `^([一二三四五六七八九十]+)、`: the numeral of `一、` and the marker's byte length.
pub fn yi(text: &str) -> Option<(&str, usize)> {
    let mut s = Scanner::new(text);
    let numeral = s.eat_some(is_cn_digit)?;
    s.eat("、")?;
    Some((numeral, s.pos))
}

/// `^[（(]([一二三四五六七八九十]+)[）)]`: the numeral of `（一）` or `(一)` and the
/// marker's byte length.
pub fn paren_yi(text: &str) -> Option<(&str, usize)> {
    let mut s = Scanner::new(text);
    s.eat_char_in(is_open_paren)?;
    let numeral = s.eat_some(is_cn_digit)?;
    s.eat_char_in(is_close_paren)?;
    Some((numeral, s.pos))
}

/// `^([0-9０-９]{1,2})[.．、]`: the number of `1.`, `1．` or `1、` and the marker's byte
/// length.
pub fn arabic(text: &str) -> Option<(&str, usize)> {
    let mut s = Scanner::new(text);
    let number = s.eat_count(1, 2, is_digit)?;
    s.eat_char_in(|c| matches!(c, '.' | '．' | '、'))?;
    Some((number, s.pos))
}

/// `^[（(]([0-9０-９]{1,2})[）)]`: the number of `（1）` or `(1)` and the marker's byte
/// length.
pub fn paren_arabic(text: &str) -> Option<(&str, usize)> {
    let mut s = Scanner::new(text);
    s.eat_char_in(is_open_paren)?;
    let number = s.eat_count(1, 2, is_digit)?;
    s.eat_char_in(is_close_paren)?;
    Some((number, s.pos))
}

/// `^第([一二三四五六七八九十百零〇两0-9０-９]{1,5})(编|部分|章|节|条)`: the numeral and the
/// kind of `第十二条`, and the marker's byte length.
pub fn di(text: &str) -> Option<(&str, &str, usize)> {
    let mut s = Scanner::new(text);
    s.eat("第")?;
    let numeral = s.eat_count(1, 5, |c| {
        is_cn_digit(c) || matches!(c, '百' | '零' | '〇' | '两') || is_digit(c)
    })?;
    let kind = s.eat_one_of(&["编", "部分", "章", "节", "条"])?;
    Some((numeral, kind, s.pos))
}

/// `^([0-9]{1,3}(?:\.[0-9]{1,3})+)\.?\s+\S`: the number of `1.2 Scope` or `1.2.3. Scope`
/// and its byte length with the optional final dot.
pub fn decimal(text: &str) -> Option<(&str, usize)> {
    let mut s = Scanner::new(text);
    s.eat_count(1, 3, is_ascii_digit)?;
    let mut parts = 1;
    while s
        .attempt(|s| {
            s.eat(".")?;
            s.eat_count(1, 3, is_ascii_digit)
        })
        .is_some()
    {
        parts += 1;
    }
    if parts < 2 {
        return None;
    }
    let number = &text[..s.pos];
    s.eat(".");
    let len = s.pos;
    s.eat_space_before_text()?;
    Some((number, len))
}

/// `^([1-9][0-9]{0,8})\.\s+\S`: the number of an English `12. Item`.
pub fn numbered(text: &str) -> Option<&str> {
    let mut s = Scanner::new(text);
    s.eat_char_in(|c| matches!(c, '1'..='9'))?;
    s.eat_count(0, 8, is_ascii_digit)?;
    let number = &text[..s.pos];
    s.eat(".")?;
    s.eat_space_before_text()?;
    Some(number)
}

/// `^[-*•]\s+\S`: the byte length of a bullet marker and the whitespace after it.
pub fn bullet(text: &str) -> Option<usize> {
    let mut s = Scanner::new(text);
    s.eat_char_in(|c| matches!(c, '-' | '*' | '•'))?;
    s.eat_space_before_text()?;
    Some(s.pos)
}

/// `^(特此\p{Han}{1,4}[。！!]?|此致|敬礼[！!]?|此复[。]?|[妥当]否，请批示[。]?|Yours
/// (sincerely|faithfully|truly),?|Sincerely( yours)?,?|(Best|Kind|Warm) regards,?|Regards,?)$`:
/// a closing phrase.
pub fn closing(text: &str) -> bool {
    const PHRASES: [&str; 10] = [
        "此致",
        "敬礼",
        "敬礼！",
        "敬礼!",
        "此复",
        "此复。",
        "妥否，请批示",
        "妥否，请批示。",
        "当否，请批示",
        "当否，请批示。",
    ];
    const ENGLISH: [&str; 9] = [
        "Yours sincerely",
        "Yours faithfully",
        "Yours truly",
        "Sincerely",
        "Sincerely yours",
        "Best regards",
        "Kind regards",
        "Warm regards",
        "Regards",
    ];
    let te_ci = |s: &mut Scanner| {
        s.eat("特此")?;
        s.eat_count(1, 4, is_han_script)?;
        s.eat_char_in(|c| matches!(c, '。' | '！' | '!'));
        Some(())
    };
    whole(text, te_ci)
        || PHRASES.contains(&text)
        || ENGLISH.contains(&text.strip_suffix(',').unwrap_or(text))
}

/// `^(附\s*件\s*[0-9０-９]*\s*[：:]|(Attachments?|Enclosures?)\s*[0-9]*\s*:)`: an attachment
/// note.
pub fn attachment(text: &str) -> bool {
    let zh = |s: &mut Scanner| {
        s.eat("附")?;
        s.eat_while(is_space);
        s.eat("件")?;
        s.eat_while(is_space);
        s.eat_while(is_digit);
        s.eat_while(is_space);
        s.eat_char_in(|c| matches!(c, '：' | ':'))
    };
    let en = |s: &mut Scanner| {
        s.eat_one_of(&["Attachment", "Enclosure"])?;
        s.eat("s");
        s.eat_while(is_space);
        s.eat_while(is_ascii_digit);
        s.eat_while(is_space);
        s.eat(":")?;
        Some(())
    };
    zh(&mut Scanner::new(text)).is_some() || en(&mut Scanner::new(text)).is_some()
}

/// `^([0-9０-９]{1,2}[.．、]|[（(][0-9０-９]{1,2}[）)])`: an item under an attachment note.
pub fn attachment_item(text: &str) -> bool {
    arabic(text).is_some() || paren_arabic(text).is_some()
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date line:
/// ```text
/// ^([0-9０-９]{4}\s*年\s*[0-9０-９]{1,2}\s*月\s*[0-9０-９]{1,2}\s*日
/// |[〇零○Ｏ一二三四五六七八九]{4}年(十[一二]?|[一二三四五六七八九])月
///  (三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九])日
/// |(January|…|December) [0-9]{1,2}, [0-9]{4}
/// |[0-9]{1,2} (January|…|December) [0-9]{4}
/// |[0-9]{4}-[0-9]{2}-[0-9]{2})$
/// ```
pub fn date(text: &str) -> bool {
    let digits = |s: &mut Scanner| {
        s.eat_count(4, 4, is_digit)?;
        s.eat_while(is_space);
        s.eat("年")?;
        s.eat_while(is_space);
        s.eat_count(1, 2, is_digit)?;
        s.eat_while(is_space);
        s.eat("月")?;
        s.eat_while(is_space);
        s.eat_count(1, 2, is_digit)?;
        s.eat_while(is_space);
        s.eat("日")?;
        Some(())
    };
    let chinese = |s: &mut Scanner| {
        s.eat_count(4, 4, |c| {
            matches!(c, '〇' | '零' | '○' | 'Ｏ') || is_one_to_nine(c)
        })?;
        s.eat("年")?;
        // 一 … 十二
        if s.eat("十").is_some() {
            s.eat_char_in(|c| matches!(c, '一' | '二'));
        } else {
            s.eat_char_in(is_one_to_nine)?;
        }
        s.eat("月")?;
        // 一 … 三十一
        if s.eat("三十").is_some() {
            s.eat("一");
        } else if s
            .attempt(|s| {
                s.eat("二");
                s.eat("十")
            })
            .is_some()
        {
            s.eat_char_in(is_one_to_nine);
        } else {
            s.eat_char_in(is_one_to_nine)?;
        }
        s.eat("日")?;
        Some(())
    };
    let month_day_year = |s: &mut Scanner| {
        s.eat_one_of(&MONTHS)?;
        s.eat(" ")?;
        s.eat_count(1, 2, is_ascii_digit)?;
        s.eat(", ")?;
        s.eat_count(4, 4, is_ascii_digit)?;
        Some(())
    };
    let day_month_year = |s: &mut Scanner| {
        s.eat_count(1, 2, is_ascii_digit)?;
        s.eat(" ")?;
        s.eat_one_of(&MONTHS)?;
        s.eat(" ")?;
        s.eat_count(4, 4, is_ascii_digit)?;
        Some(())
    };
    let iso = |s: &mut Scanner| {
        s.eat_count(4, 4, is_ascii_digit)?;
        s.eat("-")?;
        s.eat_count(2, 2, is_ascii_digit)?;
        s.eat("-")?;
        s.eat_count(2, 2, is_ascii_digit)?;
        Some(())
    };
    whole(text, digits)
        || whole(text, chinese)
        || whole(text, month_day_year)
        || whole(text, day_month_year)
        || whole(text, iso)
}

/// `[〔\[［(（][0-9０-９]{4}[〕\]］)）][0-9０-９]+号$`: ends in a document number (发文字号)
/// such as `某政发〔2023〕12号`.
pub fn ends_in_doc_number(text: &str) -> bool {
    let number = |s: &mut Scanner| {
        s.eat_char_in(|c| matches!(c, '〔' | '[' | '［' | '(' | '（'))?;
        s.eat_count(4, 4, is_digit)?;
        s.eat_char_in(|c| matches!(c, '〕' | ']' | '］' | ')' | '）'))?;
        s.eat_some(is_digit)?;
        s.eat("号")?;
        Some(())
    };
    text.char_indices()
        .any(|(i, c)| matches!(c, '〔' | '[' | '［' | '(' | '（') && whole(&text[i..], number))
}

/// `(通知|通报|报告|请示|意见|决定|公告|通告|批复|函|纪要|方案|办法|规定|规划|条例|细则|决议|命令|议案|公报|总结|计划|要点|解释|答复|法|法典|准则|章程|守则|修正案|指引|指南|标准)$`:
/// ends in a document type.
pub fn ends_in_doc_type(text: &str) -> bool {
    const TYPES: [&str; 35] = [
        "通知",
        "通报",
        "报告",
        "请示",
        "意见",
        "决定",
        "公告",
        "通告",
        "批复",
        "函",
        "纪要",
        "方案",
        "办法",
        "规定",
        "规划",
        "条例",
        "细则",
        "决议",
        "命令",
        "议案",
        "公报",
        "总结",
        "计划",
        "要点",
        "解释",
        "答复",
        "法",
        "法典",
        "准则",
        "章程",
        "守则",
        "修正案",
        "指引",
        "指南",
        "标准",
    ];
    TYPES.iter().any(|t| text.ends_with(t))
}

/// `([一二三四五六七八九十]+)(是|要)`, every match in order (as `captures_iter`): the byte
/// offset, the numeral and the verb of each `一是`, `十二要`.
pub fn lead_in_markers(text: &str) -> impl Iterator<Item = (usize, &str, char)> {
    let mut s = Scanner::new(text);
    std::iter::from_fn(move || loop {
        s.eat_while(|c| !is_cn_digit(c));
        let start = s.pos;
        let numeral = s.eat_some(is_cn_digit)?;
        if let Some(verb) = s.eat_char_in(|c| matches!(c, '是' | '要')) {
            return Some((start, numeral, verb));
        }
    })
}

/// `https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}`,
/// every match in order (as `find_iter`): the byte ranges of the URLs and e-mail addresses.
pub fn links(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut from = 0;
    std::iter::from_fn(move || {
        let link = find_link(text, from)?;
        from = link.end;
        Some(link)
    })
}

/// The leftmost link starting at or after byte `from`.
fn find_link(text: &str, from: usize) -> Option<Range<usize>> {
    let is_url_char = |c: char| {
        c.is_ascii() && (c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=%".contains(c))
    };
    let is_local_char =
        |c: char| c.is_ascii() && (c.is_ascii_alphanumeric() || "._%+-".contains(c));
    let url = |s: &mut Scanner| {
        s.eat("http")?;
        s.eat("s");
        s.eat("://")?;
        s.eat_some(is_url_char)?;
        Some(())
    };
    // An address fails alike from anywhere in its local part: try each local part once.
    let mut no_address_before = from;
    for (i, _) in text[from..].char_indices() {
        let start = from + i;
        let mut s = Scanner::at(text, start);
        if url(&mut s).is_some() {
            return Some(start..s.pos);
        }
        if start >= no_address_before {
            let mut s = Scanner::at(text, start);
            if !s.eat_while(is_local_char).is_empty() {
                if s.attempt(domain).is_some() {
                    return Some(start..s.pos);
                }
                no_address_before = s.pos;
            }
        }
    }
    None
}

/// `@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}`: the domain of an e-mail address.
/// It ends after the letters of its last label that starts with two letters (the regex
/// backtracked to that label).
fn domain(s: &mut Scanner) -> Option<()> {
    let is_label_char = |c: char| c.is_ascii_alphanumeric() || c == '-';
    s.eat("@")?;
    s.eat_some(is_label_char)?;
    let mut end = None;
    while s.eat(".").is_some() {
        let letters = s.eat_while(|c| c.is_ascii_alphabetic());
        if letters.len() >= 2 {
            end = Some(s.pos);
        }
        if s.eat_while(is_label_char).is_empty() && letters.is_empty() {
            break;
        }
    }
    s.pos = end?;
    Some(())
}

/// Each matcher against the regular expression it replaced.
#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use regex::Regex;
    use std::sync::LazyLock;

    /// The expressions the matchers replaced.
    struct Original {
        yi: Regex,
        paren_yi: Regex,
        arabic: Regex,
        paren_arabic: Regex,
        di: Regex,
        decimal: Regex,
        numbered: Regex,
        bullet: Regex,
        closing: Regex,
        attachment: Regex,
        attachment_item: Regex,
        date: Regex,
        doc_number: Regex,
        doc_type: Regex,
        lead_in: Regex,
        link: Regex,
    }

    /// Compiled once: the proptest cases share them.
    static ORIGINAL: LazyLock<Original> = LazyLock::new(|| {
        let re = |p: &str| Regex::new(p).unwrap();
        Original {
            yi: re("^([一二三四五六七八九十]+)、"),
            paren_yi: re("^[（(]([一二三四五六七八九十]+)[）)]"),
            arabic: re("^([0-9０-９]{1,2})[.．、]"),
            paren_arabic: re("^[（(]([0-9０-９]{1,2})[）)]"),
            di: re("^第([一二三四五六七八九十百零〇两0-9０-９]{1,5})(编|部分|章|节|条)"),
            decimal: re(r"^([0-9]{1,3}(?:\.[0-9]{1,3})+)\.?\s+\S"),
            numbered: re(r"^([1-9][0-9]{0,8})\.\s+\S"),
            bullet: re(r"^[-*•]\s+\S"),
            closing: re(
                r"^(特此\p{Han}{1,4}[。！!]?|此致|敬礼[！!]?|此复[。]?|[妥当]否，请批示[。]?|Yours (sincerely|faithfully|truly),?|Sincerely( yours)?,?|(Best|Kind|Warm) regards,?|Regards,?)$",
            ),
            attachment: re(
                r"^(附\s*件\s*[0-9０-９]*\s*[：:]|(Attachments?|Enclosures?)\s*[0-9]*\s*:)",
            ),
            attachment_item: re("^([0-9０-９]{1,2}[.．、]|[（(][0-9０-９]{1,2}[）)])"),
            date: re(concat!(
                "^(",
                r"[0-9０-９]{4}\s*年\s*[0-9０-９]{1,2}\s*月\s*[0-9０-９]{1,2}\s*日",
                "|[〇零○Ｏ一二三四五六七八九]{4}年(十[一二]?|[一二三四五六七八九])月",
                "(三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九])日",
                "|(January|February|March|April|May|June|July|August|September|October|November|December) [0-9]{1,2}, [0-9]{4}",
                "|[0-9]{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) [0-9]{4}",
                "|[0-9]{4}-[0-9]{2}-[0-9]{2}",
                ")$"
            )),
            doc_number: re("[〔\\[［(（][0-9０-９]{4}[〕\\]］)）][0-9０-９]+号$"),
            doc_type: re("(通知|通报|报告|请示|意见|决定|公告|通告|批复|函|纪要|方案|办法|规定|规划|条例|细则|决议|命令|议案|公报|总结|计划|要点|解释|答复|法|法典|准则|章程|守则|修正案|指引|指南|标准)$"),
            lead_in: re("([一二三四五六七八九十]+)(是|要)"),
            link: re(
                r#"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"#,
            ),
        }
    });

    /// Capture 1 and the match's end, as the marker matchers return them.
    fn numeral_end<'t>(re: &Regex, text: &'t str) -> Option<(&'t str, usize)> {
        re.captures(text)
            .map(|c| (c.get(1).unwrap().as_str(), c.get(0).unwrap().end()))
    }

    /// Asserts that every matcher answers as its regex does on `text`.
    fn assert_same(o: &Original, text: &str) {
        let t = text;
        assert_eq!(yi(t), numeral_end(&o.yi, t), "yi {t:?}");
        assert_eq!(paren_yi(t), numeral_end(&o.paren_yi, t), "paren_yi {t:?}");
        assert_eq!(arabic(t), numeral_end(&o.arabic, t), "arabic {t:?}");
        let want = numeral_end(&o.paren_arabic, t);
        assert_eq!(paren_arabic(t), want, "paren_arabic {t:?}");
        let want = o.di.captures(t).map(|c| {
            let (n, kind) = (c.get(1).unwrap().as_str(), c.get(2).unwrap().as_str());
            (n, kind, c.get(0).unwrap().end())
        });
        assert_eq!(di(t), want, "di {t:?}");
        let want = o.decimal.captures(t).map(|c| {
            let n = c.get(1).unwrap();
            (
                n.as_str(),
                n.end() + usize::from(t[n.end()..].starts_with('.')),
            )
        });
        assert_eq!(decimal(t), want, "decimal {t:?}");
        let want = o.numbered.captures(t).map(|c| c.get(1).unwrap().as_str());
        assert_eq!(numbered(t), want, "numbered {t:?}");
        let want = o
            .bullet
            .find(t)
            .map(|m| m.end() - m.as_str().chars().next_back().unwrap().len_utf8());
        assert_eq!(bullet(t), want, "bullet {t:?}");
        assert_eq!(closing(t), o.closing.is_match(t), "closing {t:?}");
        assert_eq!(attachment(t), o.attachment.is_match(t), "attachment {t:?}");
        let want = o.attachment_item.is_match(t);
        assert_eq!(attachment_item(t), want, "attachment_item {t:?}");
        assert_eq!(date(t), o.date.is_match(t), "date {t:?}");
        let want = o.doc_number.is_match(t);
        assert_eq!(ends_in_doc_number(t), want, "doc_number {t:?}");
        assert_eq!(
            ends_in_doc_type(t),
            o.doc_type.is_match(t),
            "doc_type {t:?}"
        );
        let want: Vec<_> = o
            .lead_in
            .captures_iter(t)
            .map(|c| {
                let verb = c[2].chars().next().unwrap();
                (c.get(0).unwrap().start(), c.get(1).unwrap().as_str(), verb)
            })
            .collect();
        assert_eq!(
            lead_in_markers(t).collect::<Vec<_>>(),
            want,
            "lead_in {t:?}"
        );
        let want: Vec<_> = o.link.find_iter(t).map(|m| m.range()).collect();
        assert_eq!(links(t).collect::<Vec<_>>(), want, "links {t:?}");
    }

    const CASES: &[&str] = &[
        "",
        " ",
        // Chinese markers.
        "一、总则",
        "十二、",
        "一二三、",
        "一 、",
        "一、、",
        "、",
        "（一）提高认识",
        "(一)提高认识",
        "（一)",
        "(一）",
        "（十二）",
        "（）",
        "（一",
        "（1）",
        "(12)",
        "(123)",
        "（１２）",
        "（１)",
        "1.",
        "1．",
        "1、",
        "１、",
        "１２．",
        "12. x",
        "123. x",
        "3.5万元",
        "1、2号楼",
        "0.",
        "第一编",
        "第一部分 总则",
        "第一部",
        "第十二条",
        "第十二条　",
        "第一章 总则",
        "第二节",
        "第一百零五条",
        "第两百条",
        "第〇条",
        "第12条",
        "第１２条",
        "第一二三四五条",
        "第一二三四五六条",
        "第条",
        "第十二款",
        // Decimal, English numbering and bullets.
        "1.2 Scope",
        "1.2.3 Title",
        "1.2.3. Title",
        "1.2.3.\u{3000}标题",
        "1.2.3.",
        "1.2.3. ",
        "1.2. x",
        "1.2.a b",
        "1.2.34567 x",
        "1234.5 x",
        "123.456.789 x",
        "1.2\u{3000}x",
        "1.2\u{a0}x",
        "1.2\u{2003}x",
        "1.2\u{85}x",
        "1.2\u{200b}x",
        "1.2\tx",
        "1.2\nx",
        "1.2 \u{3000} x",
        "1.2   ",
        "1. Introduction",
        "12. x",
        "123456789. x",
        "1234567890. x",
        "01. x",
        "1.x",
        "1.\u{3000}x",
        "1.\u{2028}x",
        "１. x",
        "- item",
        "-  item",
        "-\u{3000}item",
        "* item",
        "• item",
        "•\titem",
        "-item",
        "- ",
        "-",
        "* * *",
        "— item",
        // Closings.
        "特此通知。",
        "特此通知",
        "特此通知！",
        "特此通知!",
        "特此通知。。",
        "特此函告",
        "特此通知如下。",
        "特此通知如下",
        "特此〇〇",
        "特此々",
        "特此⺀",
        "特此\u{20000}",
        "特此。",
        "特此",
        "特此ab",
        "此致",
        "此致。",
        "敬礼",
        "敬礼！",
        "敬礼!",
        "敬礼！！",
        "此复",
        "此复。",
        "妥否，请批示",
        "妥否，请批示。",
        "当否，请批示。",
        "是否，请批示。",
        "Yours sincerely,",
        "Yours sincerely",
        "Yours faithfully,",
        "Yours truly",
        "Yours  sincerely",
        "yours sincerely",
        "Sincerely,",
        "Sincerely yours,",
        "Sincerely,,",
        "Best regards",
        "Best regards,",
        "Kind regards,",
        "Warm regards",
        "Regards,",
        "Regards",
        "Best Regards",
        "Regards, Li",
        // Attachments.
        "附件：",
        "附件:",
        "附件1：",
        "附 件 1：",
        "附\u{3000}件\u{3000}１２\u{3000}：",
        "附件：1.名单",
        "附件",
        "附件1",
        "附注：",
        "Attachment:",
        "Attachment 2:",
        "Attachments 2 :",
        "Attachment２:",
        "Attachment：",
        "Enclosure:",
        "Enclosures 3: list",
        "Attachmentss:",
        "attachment:",
        // Dates.
        "2023年1月5日",
        "2023 年 1 月 5 日",
        "２０２３年１２月３１日",
        "2023年1月5日 ",
        "2023年1月5日\n",
        "2023年1月5",
        "2023年123月5日",
        "20231年1月5日",
        "2023年\u{3000}1月5日",
        "二〇二三年十二月三十一日",
        "二〇二三年十月三十二日",
        "二〇二三年十月三十日",
        "二〇二三年十月三日",
        "二〇二三年十月二日",
        "二〇二三年十月二十日",
        "二〇二三年十月二十九日",
        "二〇二三年十月十日",
        "二〇二三年十月十五日",
        "二〇二三年十三月一日",
        "二〇二三年十一月一日",
        "二〇二三年一月一日",
        "二〇二三年零月一日",
        "二零二三年一月一日",
        "二○二三年一月一日",
        "二Ｏ二三年一月一日",
        "二〇二年一月一日",
        "二〇二三年一月四十日",
        "January 5, 2023",
        "December 31, 2023",
        "January 05, 2023",
        "January 5,2023",
        "January 5, 20234",
        "Jan 5, 2023",
        "5 January 2023",
        "31 December 2023",
        "5 january 2023",
        "2023-01-05",
        "2023-1-5",
        "2023-01-05 ",
        // Document numbers and types.
        "某政发〔2023〕12号",
        "某政发[2023]12号",
        "某政发［2023］1号",
        "某政发(2023)12号",
        "某政发（２０２３）１２号",
        "某政发〔2023)12号",
        "某政发〔2023〕号",
        "某政发〔202〕12号",
        "某政发〔20233〕12号",
        "某政发((2023〕12号",
        "某政发〔2023〕12号 ",
        "〔2023〕12号文",
        "关于做好工作的通知",
        "通知",
        "函",
        "会议纪要",
        "工作要点 ",
        "通知书",
        // Lead-ins.
        "一是加强领导；二是压实责任。",
        "十二要落实",
        "一二是",
        "统一要求",
        "一是一是",
        "一二三",
        "是要",
        "一是二要三是",
        "十一是十二是",
        "一 是",
        // Links.
        "详见https://example.gov.cn/a?b=1。",
        "http://a.org/x_(y)).",
        "(see http://a.org/x_(y)) and http://b.org).",
        "http://",
        "https://",
        "http:// x",
        "https://x",
        "httpss://x",
        "xhttp://a.b",
        "http://a@b.com",
        "office@example.com.",
        "a@b.com.cn",
        "a@b.com.x1",
        "a@b.comx1",
        "a@b.c",
        "a@b",
        "a@b.",
        "a@.com",
        "a@b..com",
        "a@b.co-m",
        "a@b-c.de",
        "a@1.23",
        "a@b.1com.de",
        "a@b@c.com",
        "x@y z@w.com",
        "first.last+tag@mail.example.org,",
        "联系：office@example.com；电话",
        "mehttp@x.com",
        "see:a@b.com",
        "a.b@c.d.ef.g",
        "http://下载",
        "https://example.com/下载 and mail@ex.com",
        "..@@..",
    ];

    #[test]
    fn the_classes_are_the_regex_classes() {
        let han = Regex::new(r"^\p{Han}$").unwrap();
        let space = Regex::new(r"^\s$").unwrap();
        let mut buf = [0; 4];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let text = c.encode_utf8(&mut buf);
            assert_eq!(is_han_script(c), han.is_match(text), "{c:?}");
            assert_eq!(is_space(c), space.is_match(text), "{c:?}");
        }
    }

    #[test]
    fn the_matchers_answer_as_the_regexes_did() {
        for text in CASES {
            assert_same(&ORIGINAL, text);
        }
    }

    /// Pieces that the random texts are made of.
    const PIECES: &[&str] = &[
        "一",
        "二",
        "三",
        "九",
        "十",
        "百",
        "零",
        "〇",
        "两",
        "○",
        "Ｏ",
        "0",
        "1",
        "2",
        "9",
        "０",
        "１",
        "９",
        "12",
        "2023",
        "、",
        ".",
        "．",
        "（",
        "）",
        "(",
        ")",
        "第",
        "编",
        "部分",
        "章",
        "节",
        "条",
        "年",
        "月",
        "日",
        " ",
        "\u{3000}",
        "\u{a0}",
        "\t",
        "\n",
        "-",
        "*",
        "•",
        "特此",
        "通知",
        "。",
        "！",
        "!",
        "此致",
        "敬礼",
        "此复",
        "妥否，请批示",
        "附",
        "件",
        "：",
        ":",
        "号",
        "〔",
        "〕",
        "[",
        "]",
        "［",
        "］",
        "是",
        "要",
        "函",
        "纪要",
        "January",
        "May",
        "Attachment",
        "Enclosure",
        "s",
        "Yours ",
        "sincerely",
        "Best",
        " regards",
        "Regards",
        ",",
        ", ",
        "http",
        "https://",
        "://",
        "@",
        "a",
        "b",
        "ex",
        "com",
        "x1",
        "_",
        "%",
        "+",
        "/",
        "?",
        "#",
        "=",
        "'",
        "~",
        "下载",
        "々",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        #[test]
        fn the_matchers_answer_as_the_regexes_did_on_random_texts(
            pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..14)
        ) {
            assert_same(&ORIGINAL, &pieces.concat());
        }
    }
}
