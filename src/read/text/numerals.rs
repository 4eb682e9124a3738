//! Numerals as Chinese documents write them in headings and lead-ins: Chinese (一 … 九百九十九,
//! with 〇/零 and 两) and Arabic, ASCII or full-width. Used by the structure rules and the
//! lead-in finder alike.

/// Parse a Chinese (一 … 九百九十九) or Arabic (ASCII or full-width) number.
pub fn cn_number(s: &str) -> Option<u32> {
    if s.chars()
        .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    {
        return s
            .chars()
            .map(|c| c.to_digit(10).or_else(|| Some(c as u32 - '０' as u32)))
            .try_fold(0u32, |n, d| n.checked_mul(10)?.checked_add(d?));
    }
    let (mut total, mut digit) = (0u32, 0u32);
    for c in s.chars() {
        match c {
            '十' => (total, digit) = (total + digit.max(1) * 10, 0),
            '百' => (total, digit) = (total + digit.max(1) * 100, 0),
            '零' | '〇' => digit = 0,
            '两' => digit = 2,
            _ => digit = "一二三四五六七八九".chars().position(|d| d == c)? as u32 + 1,
        }
    }
    Some(total + digit).filter(|&n| n > 0)
}

#[cfg(test)]
mod tests {
    use super::cn_number;

    #[test]
    fn chinese_and_arabic_numerals() {
        assert_eq!(cn_number("一"), Some(1));
        assert_eq!(cn_number("十"), Some(10));
        assert_eq!(cn_number("二十三"), Some(23));
        assert_eq!(cn_number("一百零五"), Some(105));
        assert_eq!(cn_number("两"), Some(2));
        assert_eq!(cn_number("12"), Some(12));
        assert_eq!(cn_number("１２"), Some(12));
        assert_eq!(cn_number("零"), None);
        assert_eq!(cn_number("甲"), None);
    }
}
