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
/// structure, without bullet markers (the list carries them; which lines are bullet items
/// is the reader's `bullet_label`, tested separately).
fn expected_text(input: &str, structure: bool) -> String {
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    if !structure {
        return no_space(input);
    }
    let normalized = input.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<String> = normalized
        .split('\n')
        .map(|line| {
            let text = line.trim_start_matches(paragraphs::is_indent).trim_end();
            if structure::bullet_label(text).is_some() {
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
    fn arbitrary_bytes_never_panic(
        input in prop::collection::vec(any::<u8>(), 0..400),
        encoding in prop::sample::select(&[None, Some("gb18030"), Some("utf-16le"), Some("utf-16be"), Some("utf-8"), Some("big5")][..]),
        structure: bool,
    ) {
        let options = ReadOptions { encoding: encoding.map(str::to_owned), structure, ..ReadOptions::default() };
        let _ = read(&input, &options, &mut Diagnostics::default());
    }

    #[test]
    fn utf16_and_gb18030_inputs_keep_all_text(input in piece_text()) {
        let expected = expected_text(&input, true);
        let body = input.strip_prefix('\u{feff}').unwrap_or(&input);
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(body.encode_utf16().flat_map(u16::to_le_bytes));
        let doc = read(&utf16, &ReadOptions::default(), &mut Diagnostics::default()).unwrap();
        prop_assert_eq!(no_space(&tree_text(&doc)), expected.clone());
        let (gb, _, unmappable) = encoding_rs::GB18030.encode(body);
        prop_assume!(!unmappable);
        let options = ReadOptions { encoding: Some("gb18030".into()), ..ReadOptions::default() };
        let doc = read(&gb, &options, &mut Diagnostics::default()).unwrap();
        prop_assert_eq!(no_space(&tree_text(&doc)), expected);
    }
}

fn o(text: &str) -> Vec<String> {
    outline(&read_str(text))
}

// ---- Encodings, end to end: the notice in every encoding gives the same tree.

#[test]
fn notice_in_gb18030_utf16_and_utf8_bom_crlf() {
    let notice = fixture("text/notice.txt");
    let expected = read_str(&notice);
    let (gb, _, _) = encoding_rs::GB18030.encode(&notice);
    let (doc, warnings) = read_with(&gb, &ReadOptions::default());
    assert_eq!(doc, expected);
    assert_eq!(warnings, ["decoded as GB18030 (guessed)"]);

    let crlf = notice.replace('\n', "\r\n");
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(crlf.encode_utf16().flat_map(u16::to_le_bytes));
    let (doc, warnings) = read_with(&utf16, &ReadOptions::default());
    assert_eq!(doc, expected);
    assert!(warnings.is_empty());

    let bom = format!("\u{feff}{crlf}");
    let (doc, warnings) = read_with(bom.as_bytes(), &ReadOptions::default());
    assert_eq!(doc, expected);
    assert!(warnings.is_empty());
}

#[test]
fn forced_encoding_and_errors_surface() {
    let options = ReadOptions {
        encoding: Some("big5".into()),
        ..ReadOptions::default()
    };
    let mut diag = Diagnostics::default();
    assert!(read("中文".as_bytes(), &options, &mut diag).is_ok());
    let options = ReadOptions {
        encoding: Some("nope".into()),
        ..ReadOptions::default()
    };
    let err = read(b"x", &options, &mut Diagnostics::default()).unwrap_err();
    assert_eq!(err, ReadError::UnknownEncoding("nope".into()));
    let err = read(
        b"%PDF-1.4",
        &ReadOptions::default(),
        &mut Diagnostics::default(),
    );
    assert_eq!(
        err.unwrap_err().to_string(),
        "this is a binary file (a PDF document), not text"
    );
}

// ---- Paragraph styles.

#[test]
fn hard_wrapped_english_joins_with_spaces() {
    let text = "The committee met on Tuesday to review the draft budget for\nthe coming year and agreed to publish it for comment.\n\n  A second paragraph, indented, follows the blank line and is\nwrapped in the same way as the first one was.\n    A third paragraph starts with a deeper indent than the line\nabove it, so it does not continue the second paragraph.\n";
    assert_eq!(
        o(text),
        [
            "body: The committee met on Tuesday to review the draft budget for the coming year and agreed to publish it for comment.",
            "body: A second paragraph, indented, follows the blank line and is wrapped in the same way as the first one was.",
            "body: A third paragraph starts with a deeper indent than the line above it, so it does not continue the second paragraph.",
        ]
    );
}

#[test]
fn hard_wrapped_chinese_joins_without_spaces() {
    let text = "　　为进一步加强安全生产工作，有效防范各类事故发生，现就有关\n事项通知如下，请各单位结合实际认真贯彻执行，确保取得实效，\n并于月底前报送工作情况\n\n　　各单位要高度重视，加强组织领导，明确责任分工，落实各项\n措施，使用 Rust 和 Python 工具做好统计，确保各项工作落到实处\n";
    assert_eq!(
        o(text),
        [
            "body: 为进一步加强安全生产工作，有效防范各类事故发生，现就有关事项通知如下，请各单位结合实际认真贯彻执行，确保取得实效，并于月底前报送工作情况",
            "body: 各单位要高度重视，加强组织领导，明确责任分工，落实各项措施，使用 Rust 和 Python 工具做好统计，确保各项工作落到实处",
        ]
    );
}

#[test]
fn wrapped_run_in_heading_takes_its_continuation() {
    let text = "一、提高思想认识。各单位要充分认识做好安全生产工作的重要意义，切实\n增强责任感和紧迫感，把各项工作抓紧抓实抓细，确保安全形势稳定\n\n二、检查时间\n\n各单位要在十一月底前完成自查工作，并将自查情况报送市应急管理局\n备案，市应急管理局将适时组织抽查。\n";
    assert_eq!(
        o(text),
        [
            "h1 一、|提高思想认识。 run-in",
            "body: 各单位要充分认识做好安全生产工作的重要意义，切实增强责任感和紧迫感，把各项工作抓紧抓实抓细，确保安全形势稳定",
            "h1 二、|检查时间",
            "body: 各单位要在十一月底前完成自查工作，并将自查情况报送市应急管理局备案，市应急管理局将适时组织抽查。",
        ]
    );
}

// ---- Title and addressee.

#[test]
fn signature_is_not_the_attachment_note() {
    let text = "正文。\n\n附件：实施方案\n\n某市人民政府\n2023年11月20日\n（此件公开发布）\n";
    assert_eq!(
        o(text),
        [
            "body: 正文。",
            "attachment: 附件：实施方案",
            "signature: 某市人民政府",
            "date: 2023年11月20日",
            "body: （此件公开发布）",
        ]
    );
}

#[test]
fn short_lines_do_not_decide_the_paragraph_style() {
    let text = "Hi team,\n\nPlease find the minutes below. We agreed to ship version 2.1 on\nFriday, after the final review.\n\nThanks,\nBob\n";
    assert_eq!(
        o(text),
        [
            "addressee: Hi team,",
            "body: Please find the minutes below. We agreed to ship version 2.1 on Friday, after the final review.",
            "body: Thanks,",
            "body: Bob",
        ]
    );
    // Chinese lines of different lengths without punctuation are not wrapped text.
    let list = "二〇二四年度安全生产先进单位名单公示\n\n市应急管理局安全生产基础科全体工作人员名单汇总表\n市交通运输局综合执法支队第一大队\n市住房和城乡建设局机关党委办公室全体人员\n";
    assert_eq!(o(list).len(), 4);
}

#[test]
fn titles() {
    assert_eq!(
        o("关于做好元旦春节期间安全工作的通知\n各单位要认真落实。\n")[0],
        "title: 关于做好元旦春节期间安全工作的通知"
    );
    assert_eq!(
        o("关于做好元旦春节期间\n安全工作的通知\n正文。\n")[0],
        "title: 关于做好元旦春节期间/安全工作的通知"
    );
    assert_eq!(
        o("某某市人民政府办公室\n通知\n正文。\n")[0],
        "title: 某某市人民政府办公室/通知"
    );
    assert_eq!(
        o("Annual Report\n\nThe year went well.\n")[0],
        "title: Annual Report"
    );
    // Not titles: punctuated, numbered, alone, or a wrapped first line.
    assert_eq!(o("请大家注意安全。\n正文。\n")[0], "body: 请大家注意安全。");
    assert_eq!(o("一、总体要求\n正文。\n")[0], "h1 一、|总体要求");
    assert_eq!(o("关于安全工作的通知\n"), ["body: 关于安全工作的通知"]);
    assert_eq!(
        o("某政发〔2023〕12号\n关于安全工作的通知\n")[0],
        "body: 某政发〔2023〕12号"
    );
    let wrapped = "This first line is the start of a paragraph that wraps onto\nthe next line, as plain text often does when it is\nwrapped by an editor.\n\nAnother paragraph.\n";
    assert!(o(wrapped)[0].starts_with("body: This first line"));
}

#[test]
fn addressees() {
    assert_eq!(
        o("关于开展检查的通知\n各区县人民政府，市政府各部门：\n正文。\n")[1],
        "addressee: 各区县人民政府，市政府各部门："
    );
    assert_eq!(o("各位同事：\n下周一放假。\n")[0], "addressee: 各位同事：");
    assert_eq!(
        o("Dear Ms Li,\n\nThank you for your letter.\n")[0],
        "addressee: Dear Ms Li,"
    );
    // A body sentence ending in a colon is not an addressee.
    assert_eq!(
        o("现将有关事项通知如下：\n一、时间\n")[0],
        "body: 现将有关事项通知如下："
    );
    // Only right after the title.
    assert_eq!(o("正文第一段。\n各单位：\n")[1], "body: 各单位：");
}

// ---- Numbered headings.

#[test]
fn levels_are_compacted() {
    let text = "（一）总体要求\n正文。\n（1）基本原则\n正文。\n（二）主要任务\n正文。\n";
    assert_eq!(
        o(text),
        [
            "h1 （一）|总体要求",
            "body: 正文。",
            "h2 （1）|基本原则",
            "body: 正文。",
            "h1 （二）|主要任务",
            "body: 正文。",
        ]
    );
    // 一、 and 1. without （一）: no gap either.
    assert_eq!(
        o("一、目标\n1.近期目标\n正文。\n")[..2],
        ["h1 一、|目标", "h2 1.|近期目标"]
    );
}

#[test]
fn heading_marker_forms() {
    let text = "(一)半角括号\n正文。\n(二)第二项\n1．全角点号\n2、顿号\n(1)半角括号\n";
    assert_eq!(
        o(text),
        [
            "h1 (一)|半角括号",
            "body: 正文。",
            "h1 (二)|第二项",
            "h2 1．|全角点号",
            "h2 2、|顿号",
            "h3 (1)|半角括号",
        ]
    );
}

#[test]
fn amounts_and_stray_numbers_are_not_headings() {
    assert_eq!(
        o("3.5万元用于采购设备。\n"),
        ["body: 3.5万元用于采购设备。"]
    );
    assert_eq!(o("1、2号楼停电。\n"), ["body: 1、2号楼停电。"]);
    // A lone 3、 does not continue anything.
    assert_eq!(o("正文。\n3、其他事项\n正文。\n")[1], "body: 3、其他事项");
    // An excerpt may start mid-sequence when the next number follows.
    assert_eq!(o("三、时间\n正文。\n四、地点\n")[0], "h1 三、|时间");
}

#[test]
fn enumerations_and_long_lines_are_body() {
    let text = "一、原则\n（一）依法依规；\n（二）公开透明；\n（三）注重实效。\n";
    assert_eq!(
        o(text),
        [
            "h1 一、|原则",
            "body: （一）依法依规；",
            "body: （二）公开透明；",
            "body: （三）注重实效。",
        ]
    );
    // A run-in heading whose body ends in `；` is still a heading.
    let run_in = "（一）提高认识。各单位要重视；\n（二）加强领导。各单位要落实。\n";
    assert_eq!(o(run_in)[0], "h1 （一）|提高认识。 run-in");
    let long = "一、各单位要高度重视安全生产工作切实加强组织领导明确责任分工落实各项措施确保不发生重大事故\n";
    assert!(o(long)[0].starts_with("body: 一、"));
}

#[test]
fn run_in_heading_with_colon() {
    assert_eq!(
        o("（一）工作目标：到2025年，建成覆盖全市的监测网络。\n"),
        [
            "h1 （一）|工作目标： run-in",
            "body: 到2025年，建成覆盖全市的监测网络。"
        ]
    );
}

#[test]
fn parts_chapters_sections_take_the_top_levels() {
    let text = "第一编　总则\n第一章　一般规定\n第一节　适用范围\n一、原则\n正文。\n";
    assert_eq!(
        o(text),
        [
            "h1 第一编　|总则",
            "h2 第一章　|一般规定",
            "h3 第一节　|适用范围",
            "h4 一、|原则",
            "body: 正文。",
        ]
    );
    assert_eq!(o("第一部分 工作回顾\n正文。\n")[0], "h1 第一部分 |工作回顾");
}

#[test]
fn articles() {
    assert_eq!(
        o("第十二条　本办法自发布之日起施行。\n"),
        ["body: **第十二条**　本办法自发布之日起施行。"]
    );
    assert_eq!(
        o("第一条为了规范管理，制定本办法。\n第二条本办法适用于全市。\n"),
        [
            "body: **第一条**为了规范管理，制定本办法。",
            "body: **第二条**本办法适用于全市。"
        ]
    );
    // Prose that happens to start with 第三条.
    assert_eq!(
        o("第三条规定的情形除外。\n"),
        ["body: 第三条规定的情形除外。"]
    );
}

#[test]
fn lead_ins_need_a_sequence() {
    let text = "一是加强领导。各级要重视。\n二是压实责任。层层落实。\n";
    assert_eq!(
        o(text),
        [
            "body: **一是加强领导。**各级要重视。",
            "body: **二是压实责任。**层层落实。"
        ]
    );
    assert_eq!(o("一要加强领导。\n其他内容。\n")[0], "body: 一要加强领导。");
}

// ---- English structure.

#[test]
fn english_headings_by_depth() {
    let text = "1. Scope\n\nText.\n\n1.1 Purpose\n\nText.\n\n1.1.1 Details\n\nText.\n\n2. Terms\n\nText.\n";
    assert_eq!(
        o(text),
        [
            "h1 1. |Scope",
            "body: Text.",
            "h2 1.1 |Purpose",
            "body: Text.",
            "h3 1.1.1 |Details",
            "body: Text.",
            "h1 2. |Terms",
            "body: Text.",
        ]
    );
}

#[test]
fn english_lists() {
    let text = "Shopping:\n\n• apples\n* pears\n- plums\n\n1. Flour\n2. Sugar\n3. Eggs\n\n5. This long numbered line is a list item, since it reads like a sentence.\n";
    assert_eq!(
        o(text),
        [
            "body: Shopping:",
            "bullet tight: apples | pears | plums",
            "ordered 1 tight: Flour | Sugar | Eggs",
            "ordered 5 tight: This long numbered line is a list item, since it reads like a sentence.",
        ]
    );
}

#[test]
fn scene_breaks_are_not_bullets() {
    assert_eq!(o("Part one.\n\n* * *\n\nPart two.\n")[1], "body: * * *");
    assert_eq!(
        structure::bullet_label("•\u{3000}要点"),
        Some("•\u{3000}".len())
    );
    assert_eq!(structure::bullet_label("-5℃"), None);
}

#[test]
fn bullets_in_chinese_text() {
    assert_eq!(
        o("要求如下：\n- 按时报送\n- 内容真实\n")[1],
        "bullet tight: 按时报送 | 内容真实"
    );
}

// ---- Closing, attachment, signature, date.

#[test]
fn letter_ending() {
    let text = "王主任：\n现将有关情况报告如下。\n此致\n敬礼！\n\n办公室\n综合科\n二〇二三年十一月二十日\n";
    assert_eq!(
        o(text),
        [
            "addressee: 王主任：",
            "body: 现将有关情况报告如下。",
            "closing: 此致",
            "closing: 敬礼！",
            "signature: 办公室",
            "signature: 综合科",
            "date: 二〇二三年十一月二十日",
        ]
    );
    let en =
        "Dear Mr Smith,\n\nThe goods arrived today.\n\nSincerely,\nJane Doe\nNovember 20, 2023\n";
    assert_eq!(
        o(en),
        [
            "addressee: Dear Mr Smith,",
            "body: The goods arrived today.",
            "closing: Sincerely,",
            "signature: Jane Doe",
            "date: November 20, 2023",
        ]
    );
}

#[test]
fn dates_with_spaces_and_attachment_then_body() {
    let text = "附件：名单\n　　各单位要按时报送。\n办公室\n2023 年 11 月 20 日\n";
    assert_eq!(
        o(text),
        [
            "attachment: 附件：名单",
            "body: 各单位要按时报送。",
            "signature: 办公室",
            "date: 2023 年 11 月 20 日",
        ]
    );
}

#[test]
fn dates_only_near_the_end() {
    let text = "2023年11月20日\n第一段。\n第二段。\n第三段。\n第四段。\n";
    assert_eq!(o(text)[0], "body: 2023年11月20日");
}

#[test]
fn attachments() {
    let text =
        "正文。\n附件：1.名单\n2.汇总表\n　　　3.说明\n其他正文。\nAttachment: budget.xlsx\n";
    assert_eq!(
        o(text),
        [
            "body: 正文。",
            "attachment: 附件：1.名单",
            "attachment: 2.汇总表",
            "attachment: 3.说明",
            "body: 其他正文。",
            "attachment: Attachment: budget.xlsx",
        ]
    );
}

// ---- The misses of the check on real regulations (issue 14), fixed in the shared rules.

#[test]
fn long_titles_of_judicial_interpretations() {
    // 53 characters (106 columns): a joint judicial interpretation.
    let title = "最高人民法院、最高人民检察院关于办理非法利用信息网络、帮助信息网络犯罪活动等刑事案件适用法律若干问题的解释";
    assert_eq!(
        o(&format!(
            "{title}\n第一条　为依法惩治危害生产安全犯罪，制定本解释。\n"
        ))[0],
        format!("title: {title}")
    );
    // 关于 in the middle of the line, no document type at the end.
    let title = "国务院办公厅关于进一步加强和改进新形势下高等学校安全生产与应急管理工作的若干措施";
    assert_eq!(
        o(&format!(
            "{title}\n各省、自治区、直辖市人民政府：\n正文。\n"
        ))[0],
        format!("title: {title}")
    );
    assert_eq!(
        o("中华人民共和国民法典\n第一编　总则\n正文。\n")[0],
        "title: 中华人民共和国民法典"
    );
    // Without 关于 or a document type, a long line is still not a title.
    let long = "各单位各部门各级领导干部职工群众要高度重视今年以来安全生产形势的新变化新特点新要求切实做好各项工作";
    assert!(o(&format!("{long}\n正文。\n"))[0].starts_with("body: "));
}

#[test]
fn a_chapter_after_a_gap_in_the_numbering_is_a_heading() {
    let text = "第一章　总则\n第一条　正文。\n第三章　附则\n第二条　正文。\n";
    assert_eq!(
        o(text),
        [
            "h1 第一章　|总则",
            "body: **第一条**　正文。",
            "h1 第三章　|附则",
            "body: **第二条**　正文。",
        ]
    );
    // A section that starts at 第二节 is one too.
    assert_eq!(o("第二节　罚则\n正文。\n")[0], "h1 第二节　|罚则");
}

#[test]
fn amendment_items_are_not_headings() {
    let text = "一、将第五条修改为：\n“第五条　生产经营单位的主要负责人是本单位安全生产第一责任人。”\n二、将第十条第二款修改为：\n“安全生产标准化是指……。”\n";
    assert_eq!(
        o(text),
        [
            "body: 一、将第五条修改为：",
            "body: “第五条　生产经营单位的主要负责人是本单位安全生产第一责任人。”",
            "body: 二、将第十条第二款修改为：",
            "body: “安全生产标准化是指……。”",
        ]
    );
    // A heading ending in a colon with ordinary text after it stays a heading.
    assert_eq!(
        o("一、工作要求：\n各单位要落实。\n二、保障措施：\n加强领导。\n")[0],
        "h1 一、|工作要求："
    );
}
