//! The diagrams of the HTML reports, read back from the SVG: no two boxes overlap, every edge
//! starts and ends on its boxes' boundaries and runs orthogonally without crossing a box it
//! does not belong to, nothing lies outside the view box, every device (or event) is drawn,
//! and the same model gives the same bytes. On every example in both languages and on
//! synthetic models of the benchmark generator (full and summarised diagrams).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use cpsrisk_catalog::Lang;
use cpsrisk_report::{Format, Report};
use quick_xml::Reader;
use quick_xml::events::Event;

#[derive(Debug, Clone, Copy)]
struct Rect {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

/// An edge: source ID, target ID, corner points.
type Edge = (String, String, Vec<(f64, f64)>);

#[derive(Debug, Default)]
struct Picture {
    view: (f64, f64),
    nodes: BTreeMap<String, Rect>,
    lanes: Vec<Rect>,
    edges: Vec<Edge>,
    /// Anchor points of every text.
    texts: Vec<(f64, f64)>,
}

fn attrs(
    e: &quick_xml::events::BytesStart,
    decoder: quick_xml::Decoder,
) -> BTreeMap<String, String> {
    e.attributes()
        .map(|a| {
            let a = a.expect("well-formed attribute");
            (
                String::from_utf8(a.key.as_ref().to_vec()).unwrap(),
                // (`unescape_value` is missing where the workspace enables quick-xml's `encoding`.)
                a.decode_and_unescape_value(decoder)
                    .expect("escaped value")
                    .into_owned(),
            )
        })
        .collect()
}

fn num(a: &BTreeMap<String, String>, key: &str) -> f64 {
    a.get(key)
        .unwrap_or_else(|| panic!("missing {key} in {a:?}"))
        .parse()
        .unwrap_or_else(|_| panic!("{key} not a number in {a:?}"))
}

fn parse(svg: &str) -> Picture {
    let mut reader = Reader::from_str(svg);
    let mut pic = Picture::default();
    // The data-* attributes of the enclosing <g>.
    let mut group: Vec<BTreeMap<String, String>> = Vec::new();
    loop {
        let event = reader.read_event().expect("well-formed SVG");
        let (e, empty) = match &event {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(_) => {
                group.pop();
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        let a = attrs(e, reader.decoder());
        let class = a.get("class").map(String::as_str).unwrap_or("");
        match (e.name().as_ref(), class) {
            (b"svg", _) => {
                let v: Vec<f64> = a["viewBox"]
                    .split(' ')
                    .map(|n| n.parse().unwrap())
                    .collect();
                assert_eq!((v[0], v[1]), (0.0, 0.0));
                pic.view = (v[2], v[3]);
            }
            (b"rect", "node") => {
                let id = group
                    .last()
                    .and_then(|g| g.get("data-node"))
                    .expect("a node box inside <g data-node>")
                    .clone();
                let r = Rect {
                    x: num(&a, "x"),
                    y: num(&a, "y"),
                    w: num(&a, "width"),
                    h: num(&a, "height"),
                };
                assert!(pic.nodes.insert(id.clone(), r).is_none(), "node {id} twice");
            }
            (b"rect", "lane") => pic.lanes.push(Rect {
                x: num(&a, "x"),
                y: num(&a, "y"),
                w: num(&a, "width"),
                h: num(&a, "height"),
            }),
            (b"path", "edge") => {
                let g = group.last().expect("an edge inside <g data-from data-to>");
                let points = a["d"]
                    .split(['M', 'L'])
                    .filter(|p| !p.trim().is_empty())
                    .map(|p| {
                        let (x, y) = p.trim().split_once(',').expect("x,y");
                        (x.parse().unwrap(), y.parse().unwrap())
                    })
                    .collect();
                pic.edges
                    .push((g["data-from"].clone(), g["data-to"].clone(), points));
            }
            (b"text", _) => pic.texts.push((num(&a, "x"), num(&a, "y"))),
            _ => {}
        }
        if !empty {
            group.push(a);
        }
    }
    pic
}

/// Tolerance for the one decimal the SVG keeps.
const EPS: f64 = 0.11;

fn check(svg: &str, what: &str) -> Picture {
    let pic = parse(svg);
    let (vw, vh) = pic.view;
    let inside = |x: f64, y: f64| x >= -EPS && y >= -EPS && x <= vw + EPS && y <= vh + EPS;
    let rects: Vec<(&String, &Rect)> = pic.nodes.iter().collect();
    for (i, (id, r)) in rects.iter().enumerate() {
        assert!(
            inside(r.x, r.y) && inside(r.x + r.w, r.y + r.h),
            "{what}: node {id} {r:?} outside the view box {vw}×{vh}"
        );
        for (other, q) in &rects[i + 1..] {
            let apart = r.x + r.w <= q.x + EPS
                || q.x + q.w <= r.x + EPS
                || r.y + r.h <= q.y + EPS
                || q.y + q.h <= r.y + EPS;
            assert!(apart, "{what}: nodes {id} {r:?} and {other} {q:?} overlap");
        }
    }
    for l in &pic.lanes {
        assert!(
            inside(l.x, l.y) && inside(l.x + l.w, l.y + l.h),
            "{what}: lane {l:?} outside"
        );
    }
    for &(x, y) in &pic.texts {
        assert!(inside(x, y), "{what}: text at {x},{y} outside");
    }
    let on_boundary = |r: &Rect, (x, y): (f64, f64)| {
        let within_x = x >= r.x - EPS && x <= r.x + r.w + EPS;
        let within_y = y >= r.y - EPS && y <= r.y + r.h + EPS;
        let on_x = (x - r.x).abs() < EPS || (x - r.x - r.w).abs() < EPS;
        let on_y = (y - r.y).abs() < EPS || (y - r.y - r.h).abs() < EPS;
        (on_x && within_y) || (on_y && within_x)
    };
    for (from, to, points) in &pic.edges {
        let (a, b) = (&pic.nodes[from], &pic.nodes[to]);
        assert!(points.len() >= 2, "{what}: edge {from}→{to} has no segment");
        assert!(
            on_boundary(a, points[0]),
            "{what}: edge {from}→{to} starts at {:?}, not on {from} {a:?}",
            points[0]
        );
        assert!(
            on_boundary(b, points[points.len() - 1]),
            "{what}: edge {from}→{to} ends at {:?}, not on {to} {b:?}",
            points[points.len() - 1]
        );
        for w in points.windows(2) {
            let ((x0, y0), (x1, y1)) = (w[0], w[1]);
            assert!(
                inside(x0, y0) && inside(x1, y1),
                "{what}: edge {from}→{to} leaves the view box"
            );
            assert!(
                (x0 - x1).abs() < EPS || (y0 - y1).abs() < EPS,
                "{what}: edge {from}→{to} segment {:?}–{:?} is not orthogonal",
                w[0],
                w[1]
            );
            let (lx, hx, ly, hy) = (x0.min(x1), x0.max(x1), y0.min(y1), y0.max(y1));
            for (id, r) in &pic.nodes {
                let enters = hx > r.x + EPS
                    && lx < r.x + r.w - EPS
                    && hy > r.y + EPS
                    && ly < r.y + r.h - EPS;
                assert!(
                    !enters,
                    "{what}: edge {from}→{to} segment {:?}–{:?} crosses node {id} {r:?}",
                    w[0], w[1]
                );
            }
        }
    }
    pic
}

/// The diagrams (not the risk map) of an HTML report.
fn diagrams(html: &str) -> Vec<&str> {
    html.match_indices("<svg ")
        .map(|(i, _)| {
            let end = html[i..].find("</svg>").expect("closed svg") + i + 6;
            &html[i..end]
        })
        .filter(|svg| svg.contains(r#"class="diagram""#))
        .collect()
}

fn examples() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut out = Vec::new();
    for framework in std::fs::read_dir(&root).expect("examples/") {
        for example in std::fs::read_dir(framework.unwrap().path()).unwrap() {
            let model = example.unwrap().path().join("model.yaml");
            if model.exists() {
                out.push(model);
            }
        }
    }
    out.sort();
    out
}

fn model(text: &str, what: &str) -> cpsrisk_model::Model {
    cpsrisk_model::load_and_check(text).unwrap_or_else(|d| panic!("{what}: {} problems", d.len()))
}

#[test]
fn every_example_draws_clean_diagrams_in_both_languages() {
    let mut drawn = 0;
    for path in examples() {
        let text = std::fs::read_to_string(&path).unwrap();
        let m = model(&text, &path.display().to_string());
        for lang in [Lang::En, Lang::Ja] {
            let html = Report::new("model.yaml", &m).render(Format::Html, lang);
            let what = format!("{} ({lang:?})", path.display());
            let svgs = diagrams(&html);
            if let Some(iot) = &m.iot_ssf {
                let pic = check(svgs[0], &what);
                // Every device is drawn, with or without flows.
                assert_eq!(pic.nodes.len(), iot.devices.len(), "{what}");
                assert!(!pic.edges.is_empty(), "{what}: no flows drawn");
                drawn += 1;
            }
            if let Some(dmf) = &m.dmf {
                let pic = check(svgs[svgs.len() - 1], &what);
                assert_eq!(pic.nodes.len(), dmf.events.len(), "{what}");
                drawn += 1;
            }
            assert_eq!(
                html,
                Report::new("model.yaml", &m).render(Format::Html, lang),
                "{what}: not deterministic"
            );
        }
    }
    assert!(drawn >= 20, "{drawn} diagrams checked");
}

#[test]
fn synthetic_models_draw_full_and_summarised_diagrams() {
    // 200 devices: every device in the picture.
    let m = model(&cpsrisk_bench::synthetic_model_yaml(200), "synthetic 200");
    for lang in [Lang::En, Lang::Ja] {
        let html = Report::new("s.yaml", &m).render(Format::Html, lang);
        let pic = check(diagrams(&html)[0], "synthetic 200");
        assert_eq!(pic.nodes.len(), 200);
    }
    // 2,000 devices: one box per group, with the counts.
    let m = model(
        &cpsrisk_bench::synthetic_model_yaml(2_000),
        "synthetic 2000",
    );
    let html = Report::new("s.yaml", &m).render(Format::Html, Lang::En);
    let svg = diagrams(&html)[0];
    let pic = check(svg, "synthetic 2000");
    assert!(
        pic.nodes.len() <= 40 && pic.nodes.len() > 1,
        "{}",
        pic.nodes.len()
    );
    assert!(svg.contains(" devices · "), "counts in the summary boxes");
    // A DMF model of many events.
    let m = model(
        &cpsrisk_bench::dmf::synthetic_dmf_yaml(120),
        "synthetic dmf",
    );
    let html = Report::new("d.yaml", &m).render(Format::Html, Lang::Ja);
    let svgs = diagrams(&html);
    let pic = check(svgs[svgs.len() - 1], "synthetic dmf 120");
    assert_eq!(pic.nodes.len(), 120);
}

#[test]
fn a_crowded_risk_map_counts_the_rest_instead_of_spilling_over() {
    let m = model(
        &cpsrisk_bench::synthetic_model_yaml(2_000),
        "synthetic 2000",
    );
    let stakeholders = m.iot_ssf.as_ref().expect("IoT-SSF part").stakeholders.len();
    assert!(stakeholders > 9 * 5, "enough stakeholders to crowd a cell");
    for (lang, more) in [(Lang::En, " more<"), (Lang::Ja, ">ほか ")] {
        let html = Report::new("s.yaml", &m).render(Format::Html, lang);
        let map = html
            .match_indices("<svg ")
            .map(|(i, _)| &html[i..i + html[i..].find("</svg>").unwrap() + 6])
            .find(|svg| !svg.contains(r#"class="diagram""#))
            .expect("the risk map");
        let shown = map.matches("<circle").count();
        let counted: usize = map
            .split("<text")
            .filter(|t| t.contains(more))
            .map(|t| {
                let label = &t[t.find('>').unwrap() + 1..t.find("</text>").unwrap()];
                let digits: String = label.chars().filter(char::is_ascii_digit).collect();
                digits.parse::<usize>().unwrap()
            })
            .sum();
        assert!(shown <= 9 * 5, "{shown} points drawn");
        assert_eq!(
            shown + counted,
            stakeholders,
            "every stakeholder drawn or counted"
        );
        let pic = parse(map);
        for (x, y) in pic.texts {
            assert!(
                x <= pic.view.0 && y <= pic.view.1,
                "text at ({x}, {y}) outside"
            );
        }
    }
}
