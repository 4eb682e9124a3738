//! Tests of the whole text reader: fixtures, the seed, encodings end to end, and the
//! text-preservation property.

use super::*;
use crate::doc::{inlines_text, ListKind, ParagraphRole};

fn read_with(input: &[u8], options: &ReadOptions) -> (Document, Vec<String>) {
    let mut diag = Diagnostics::default();
    let doc = read(input, options, &mut diag).unwrap();
    (doc, diag.warnings)
}

fn read_str(input: &str) -> Document {
    read_with(input.as_bytes(), &ReadOptions::default()).0
}

fn fixture(name: &str) -> String {
    let path = format!("{}/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).unwrap()
}

/// Inline content as compact text: `**strong**`, `<link>`.
fn md(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Strong { content } => out.push_str(&format!("**{}**", md(content))),
            Inline::Link { content, .. } => out.push_str(&format!("<{}>", md(content))),
            other => out.push_str(&inlines_text(std::slice::from_ref(other))),
        }
    }
    out
}

/// One line per block: `h2 （一）|提高认识。 run-in`, `body: …`, `date: …`, `bullet: a | b`.
fn outline(doc: &Document) -> Vec<String> {
    let mut out = vec![];
    if let Some(title) = &doc.meta.title {
        out.push(format!("title: {}", title.replace('\n', "/")));
    }
    for block in &doc.blocks {
        out.push(match block {
            Block::Heading(h) => format!(
                "h{} {}|{}{}",
                h.level,
                h.label.as_deref().unwrap_or(""),
                md(&h.content),
                if h.run_in { " run-in" } else { "" }
            ),
            Block::Paragraph(p) => {
                let role = format!("{:?}", p.role).to_lowercase();
                format!("{role}: {}", md(&p.content))
            }
            Block::List(l) => {
                let kind = match l.kind {
                    ListKind::Bullet => "bullet".to_string(),
                    ListKind::Ordered { start } => format!("ordered {start}"),
                };
                let items: Vec<String> = l
                    .items
                    .iter()
                    .map(|i| i.blocks.iter().map(crate::doc::block_text).collect())
                    .collect();
                let tight = if l.tight { "tight" } else { "loose" };
                format!("{kind} {tight}: {}", items.join(" | "))
            }
            other => format!("{other:?}"),
        });
    }
    out
}

#[test]
fn one_paragraph_per_line_without_indentation() {
    let input = "\u{feff}　　第一段*保密*。\r\n\r\n  second line\r\n\tthird\n";
    let options = ReadOptions {
        structure: false,
        ..ReadOptions::default()
    };
    let (doc, _) = read_with(input.as_bytes(), &options);
    assert_eq!(
        outline(&doc),
        ["body: 第一段*保密*。", "body: second line", "body: third"]
    );
}

#[test]
fn no_structure_keeps_every_line_as_a_paragraph() {
    let options = ReadOptions {
        structure: false,
        ..ReadOptions::default()
    };
    let (doc, _) = read_with(fixture("text/notice.txt").as_bytes(), &options);
    assert!(doc.meta.title.is_none());
    assert!(doc.blocks.iter().all(|b| matches!(b,
        Block::Paragraph(p) if p.role == ParagraphRole::Body
            && matches!(p.content[..], [Inline::Text { .. }]))));
    assert_eq!(doc.blocks.len(), 21);
}

#[test]
fn invalid_utf8_reports_line_and_column() {
    let err = read(
        b"ok\nab\xff",
        &ReadOptions::default(),
        &mut Diagnostics::default(),
    );
    assert_eq!(
        err.unwrap_err(),
        ReadError::Decode {
            encoding: "UTF-8".into(),
            line: 2,
            column: 3
        }
    );
}

#[test]
fn language_is_guessed() {
    assert_eq!(
        read_str("各单位：请按时报送。").meta.lang.as_deref(),
        Some("zh-CN")
    );
    assert_eq!(read_str("Hello world.\n").meta.lang.as_deref(), Some("en"));
    assert_eq!(
        read_str("使用 Rust 编写").meta.lang.as_deref(),
        Some("zh-CN")
    );
    assert_eq!(read_str("12345\n").meta.lang, None);
}

#[test]
fn seed_structure() {
    let doc = read_str(&fixture("seed.txt"));
    assert_eq!(doc.meta.title, None);
    assert_eq!(doc.meta.lang.as_deref(), Some("zh-CN"));
    let o = outline(&doc);
    assert_eq!(o.len(), 16, "{o:#?}");
    assert!(o[0].starts_with("body: 党的二十大是在迈上"));
    assert!(o[0].ends_with("进一步提升对党的二十大精神的理解认识："));
    let numbers = ["一、", "二、", "三、", "四、", "五、"];
    for (k, number) in numbers.iter().enumerate() {
        let Block::Heading(h) = &doc.blocks[1 + 2 * k] else {
            panic!("{}", o[1 + 2 * k])
        };
        assert_eq!(
            (h.level, h.label.as_deref(), h.run_in),
            (1, Some(*number), true)
        );
        assert!(o[2 + 2 * k].starts_with("body: "), "{}", o[2 + 2 * k]);
    }
    assert_eq!(
        o[1],
        "h1 一、|深入学习贯彻党的二十大精神，必须坚决捍卫“两个确立”，确保绝对忠诚、绝对纯洁、绝对可靠。 run-in"
    );
    assert!(o[2].starts_with("body: 旗帜鲜明把政治建设放在首位"));
    assert!(o[11].starts_with("body: 当前，学习好宣传好"));
    let leads = [
        "一要抓住“悟”的精髓，充分认识学习宣传二十大精神的重大意义。",
        "二要提高“学”的质量，全面准确领会党的二十大精神丰富内涵。",
        "三要浓厚“讲”的氛围，掀起学习贯彻党的二十大精神热潮。",
        "四要加大“用”的问效，推动队伍建设和业务工作的双提升。",
    ];
    for (k, lead) in leads.iter().enumerate() {
        let Block::Paragraph(p) = &doc.blocks[12 + k] else {
            panic!()
        };
        assert_eq!(p.role, ParagraphRole::Body);
        assert_eq!(p.content[0], Inline::strong_text(*lead), "{}", o[12 + k]);
        assert!(matches!(&p.content[1], Inline::Text { .. }));
        assert_eq!(p.content.len(), 2);
    }
    // Every character is there, including the `*` redaction marks.
    let all: String = doc.blocks.iter().map(crate::doc::block_text).collect();
    let strip = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    assert_eq!(strip(&all), strip(&fixture("seed.txt")));
    assert_eq!(
        all.matches('*').count(),
        fixture("seed.txt").matches('*').count()
    );
}

#[test]
fn notice_fixture() {
    let doc = read_str(&fixture("text/notice.txt"));
    let o = outline(&doc);
    let expected = [
        "title: 关于开展2024年度冬季安全生产/大检查工作的通知",
        "addressee: 各区县人民政府，市政府各部门，各有关单位：",
        "body: 为深入贯彻落实安全生产工作部署，有效防范和坚决遏制重特大事故发生，确保全市安全生产形势持续稳定，市政府决定在全市范围内开展冬季安全生产大检查。现将有关事项通知如下：",
        "h1 一、|检查时间",
        "body: 2024年11月20日至2025年1月10日。",
        "h1 二、|检查内容",
        "h2 （一）|落实安全生产责任制情况。 run-in",
        "body: 各单位要对照“党政同责、一岗双责”要求，逐级压实责任，确保责任落实到岗到人。",
        "h2 （二）|隐患排查治理情况",
        "body: 重点检查以下方面：",
        "h3 1.|危险化学品领域。 run-in",
        "body: 重点检查储存、运输、使用等环节，资金投入不少于3.5万元的项目要建立台账。",
        "h3 2.|消防安全领域",
        "h4 （1）|人员密集场所。 run-in",
        "body: 检查疏散通道是否畅通，消防设施是否完好有效。",
        "h4 （2）|高层建筑。 run-in",
        "body: 检查消防给水系统和自动灭火系统运行情况。",
        "h1 三、|工作要求",
        "body: 各单位要高度重视，主要措施有：**一是加强组织领导，主要负责同志亲自部署；****二是强化督导检查，确保各项措施落到实处。**检查结果请于2025年1月15日前报送市应急管理局，联系邮箱：<anjian@example.gov.cn>，相关表格可从<https://www.example.gov.cn/aqjc>下载。",
        "closing: 特此通知。",
        "attachment: 附件：1.冬季安全生产大检查重点内容",
        "attachment: 2.冬季安全生产大检查情况汇总表",
        "signature: 市人民政府办公室",
        "date: 2024年11月15日",
    ];
    assert_eq!(o, expected);
}

#[test]
fn regulation_fixture() {
    let doc = read_str(&fixture("text/regulation.txt"));
    let o = outline(&doc);
    let expected = [
        "title: 某市物业管理条例",
        "h1 第一章　|总则",
        "body: **第一条**　为了规范物业管理活动，维护业主和物业服务企业的合法权益，营造安全、舒适、文明、和谐的居住环境，根据《中华人民共和国民法典》和有关法律、行政法规，结合本市实际，制定本条例。",
        "body: **第二条**　本条例适用于本市行政区域内的物业管理及其监督管理活动。",
        "body: **第三条**　物业管理应当遵循下列原则：",
        "body: （一）坚持党的领导；",
        "body: （二）业主自治与专业服务相结合；",
        "body: （三）政府监管与社会参与相结合。",
        "h1 第二章　|业主及业主大会",
        "h2 第一节　|业主",
        "body: **第四条**　房屋的所有权人为业主。业主在物业管理活动中享有下列权利：",
        "body: （一）按照物业服务合同的约定，接受物业服务企业提供的服务；",
        "body: （二）提议召开业主大会会议，并就物业管理的有关事项提出建议；",
        "body: （三）法律、法规规定的其他权利。",
        "h2 第二节　|业主大会",
        "body: **第五条**　一个物业管理区域成立一个业主大会。业主大会由物业管理区域内的全体业主组成。",
        "h1 第三章　|附则",
        "body: **第六条**　本条例自2025年1月1日起施行。",
    ];
    assert_eq!(o, expected);
}

#[test]
fn english_fixture() {
    let doc = read_str(&fixture("text/english.txt"));
    assert_eq!(doc.meta.lang.as_deref(), Some("en"));
    let o = outline(&doc);
    let expected = [
        "title: Water Quality Monitoring Plan",
        "h1 1. |Introduction",
        "body: This plan describes how the district monitors the quality of its drinking water, who is responsible for each step, and how results are reported to the public. It replaces the plan issued in 2019.",
        "h2 1.1 |Scope",
        "body: The plan covers all public supply wells and the two treatment plants. Private wells are out of scope; owners can find guidance at <https://water.example.org/private-wells> or write to <quality@water.example.org>.",
        "h1 2. |Sampling",
        "body: Samples are taken at three kinds of points:",
        "bullet tight: raw water at every well head, once a month; | treated water leaving each plant, once a week, and more often during floods; | customer taps chosen at random, twelve per quarter.",
        "ordered 1 tight: The laboratory logs each sample on arrival and starts the analysis within twenty-four hours of collection. | Results outside the limits are repeated on a second sample before they are reported.",
    ];
    assert_eq!(o, expected);
}

#[test]
fn overlapping_lead_in_runs_keep_text_once() {
    let text = "一要统一思想：一是认识到位；二是行动到位。二要落实。";
    let doc = read_str(text);
    let all: String = doc.blocks.iter().map(crate::doc::block_text).collect();
    assert_eq!(all, text);
}

/// The tree's text: title, then every block; list items start with their marker as the
/// list kind gives it (`1.` for ordered lists, nothing for bullets).
fn tree_text(doc: &Document) -> String {
    let mut out = doc.meta.title.clone().unwrap_or_default();
    for block in &doc.blocks {
        match block {
            Block::List(list) => {
                for (k, item) in list.items.iter().enumerate() {
                    if let ListKind::Ordered { start } = list.kind {
                        out.push_str(&format!("{}.", start + k as u64));
                    }
                    for b in &item.blocks {
                        out.push_str(&crate::doc::block_text(b));
                    }
                }
            }
            other => out.push_str(&crate::doc::block_text(other)),
        }
    }
    out
}

fn no_space(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The input text as the tree must hold it: without BOM and whitespace and, when reading
/// structure, without bullet markers (the list carries them).
fn expected_text(input: &str, structure: bool) -> String {
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    if !structure {
        return no_space(input);
    }
    let bullet = regex::Regex::new(r"^[-*•]\s+\S").unwrap();
    let normalized = input.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<String> = normalized
        .split('\n')
        .map(|line| {
            let text = line.trim_start_matches(paragraphs::is_indent).trim_end();
            if bullet.is_match(text) {
                text.chars().skip(1).collect()
            } else {
                text.to_string()
            }
        })
        .collect();
    no_space(&lines.join("\n"))
}

/// Pieces that trigger the structure rules, for the property test.
const PIECES: &[&str] = &[
    "一、",
    "二、",
    "三、",
    "（一）",
    "(二)",
    "（三）",
    "1.",
    "2.",
    "1．",
    "2、",
    "3.5万元",
    "（1）",
    "(2)",
    "第一章",
    "第二章　",
    "第一节",
    "第二节",
    "第一条　",
    "第二条",
    "第一编",
    "第一部分",
    "一是",
    "二是",
    "三是",
    "一要",
    "二要",
    "附件：",
    "附件2:",
    "特此通知。",
    "此致",
    "敬礼！",
    "2023年11月20日",
    "二〇二三年十一月二十日",
    "November 20, 2023",
    "- ",
    "* ",
    "• ",
    "1. ",
    "2. ",
    "3. ",
    "1.1 ",
    "1.2 ",
    "2.3.1 ",
    "关于",
    "的通知",
    "通知",
    "各单位：",
    "Dear Li,",
    "现将有关事项通知如下：",
    "。",
    "：",
    "！",
    "？",
    "，",
    "；",
    "、",
    "“",
    "”",
    "（",
    "）",
    "(",
    ")",
    "《",
    "》",
    "http://a.cn/x",
    "https://b.org/(y)",
    "x@y.com",
    "\n",
    "\n",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    " ",
    "  ",
    "　　",
    "\t",
    "abc",
    "Hello world",
    "Introduction",
    "the quick brown fox jumps over the lazy dog",
    "汉字",
    "各单位要高度重视安全生产工作",
    "市人民政府办公室",
    "*",
    "**",
    ".",
    ":",
    "!",
    "\u{feff}",
    "\u{a0}",
    "０",
    "１．",
    "十一、",
    "十二是",
];

fn piece_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..80).prop_map(|v| v.concat())
}

use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn structured_reading_keeps_all_text(input in piece_text()) {
        let doc = read(input.as_bytes(), &ReadOptions::default(), &mut Diagnostics::default())
            .unwrap();
        prop_assert_eq!(no_space(&tree_text(&doc)), expected_text(&input, true));
    }

    #[test]
    fn plain_reading_keeps_all_text(input in piece_text()) {
        let options = ReadOptions { structure: false, ..ReadOptions::default() };
        let doc = read(input.as_bytes(), &options, &mut Diagnostics::default()).unwrap();
        prop_assert_eq!(no_space(&tree_text(&doc)), expected_text(&input, false));
    }

    #[test]
    fn arbitrary_text_keeps_all_text(input in "[^\u{0}]*", structure: bool) {
        let options = ReadOptions { structure, ..ReadOptions::default() };
        match read(input.as_bytes(), &options, &mut Diagnostics::default()) {
            Ok(doc) => prop_assert_eq!(
                no_space(&tree_text(&doc)),
                expected_text(&input, structure)
            ),
            // Only a binary signature at the start can make text unreadable.
            Err(e) => prop_assert!(matches!(e, ReadError::Binary(_)), "{e}"),
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(input in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = read(&input, &ReadOptions::default(), &mut Diagnostics::default());
    }
}
