//! `catalog export NAME --format oscal`: the frameworks' catalogs as OSCAL catalogs. Each entry
//! is a control whose `id` is the entry's ID as an OSCAL token (`SSF-R01` → `ssf-r01`,
//! `5.1-1` → `en303645-5.1-1`), the original ID kept in the `label` prop; the text in the chosen
//! language is the statement and the other language is kept beside it, so nothing of the
//! bilingual catalog is lost; the seed lines are a link to the seed resource.

use cpsrisk_catalog::conformance::{Provision, TestCase};
use cpsrisk_catalog::dmf::Countermeasure;
use cpsrisk_catalog::iot_ssf::Requirement;
use cpsrisk_catalog::{Lang, Source};
use serde::Serialize;

use super::common::{
    BackMatter, Link, Metadata, NS, Part, Prop, Timestamp, seed_resource, to_json, token, uuid,
};

#[derive(Serialize)]
struct Document {
    catalog: Catalog,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Catalog {
    uuid: String,
    metadata: Metadata,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    groups: Vec<Group>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    controls: Vec<Control>,
    back_matter: BackMatter,
}

#[derive(Serialize)]
struct Group {
    id: String,
    title: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    props: Vec<Prop>,
    controls: Vec<Control>,
}

#[derive(Serialize)]
pub(super) struct Control {
    id: String,
    title: String,
    props: Vec<Prop>,
    links: Vec<Link>,
    parts: Vec<Part>,
}

/// The catalogs this module writes, with the prefix their IDs get where they start with a digit.
pub const CATALOGS: &[&str] = &[
    "iot-ssf-requirements",
    "en303645-provisions",
    "dmf-countermeasures",
    "ts103701-test-cases",
];

/// The OSCAL control ID of catalog `catalog`'s entry `id`.
pub fn control_id(catalog: &str, id: &str) -> String {
    let prefix = match catalog {
        "en303645-provisions" => "en303645",
        "ts103701-test-cases" => "ts103701",
        _ => "cpsrisk",
    };
    token(prefix, id)
}

/// The catalog `name` as an OSCAL catalog document; `None` for a name this module does not write.
pub fn render(name: &str, lang: Lang, stamp: &Timestamp) -> Option<Vec<u8>> {
    let (title, groups, controls) = match name {
        "iot-ssf-requirements" => (
            lang.pick(
                "IoT-SSF countermeasure requirements (表A-1 with 添付B)",
                "IoT-SSF 対策要件（表A-1、添付B）",
            ),
            iot_ssf_requirements(lang),
            Vec::new(),
        ),
        "en303645-provisions" => (
            lang.pick("ETSI EN 303 645 provisions", "ETSI EN 303 645 の規定"),
            en303645_provisions(lang),
            Vec::new(),
        ),
        "dmf-countermeasures" => (
            lang.pick(
                "Data Management Framework countermeasures (表B-2.6)",
                "データマネジメント・フレームワークの対策（表B-2.6）",
            ),
            Vec::new(),
            dmf_countermeasures(lang),
        ),
        "ts103701-test-cases" => (
            lang.pick(
                "ETSI TS 103 701 test cases",
                "ETSI TS 103 701 のテストケース",
            ),
            ts103701_test_cases(lang),
            Vec::new(),
        ),
        _ => return None,
    };
    let mut metadata = Metadata::new(title.to_string(), stamp);
    metadata.props.push(Prop::own("cpsrisk-catalog", name));
    Some(to_json(&Document {
        catalog: Catalog {
            uuid: uuid(&format!("catalog/{name}")),
            metadata,
            groups,
            controls,
            back_matter: BackMatter {
                resources: vec![seed_resource()],
            },
        },
    }))
}

/// A control with the parts and props every catalog entry has: its label, its statement in
/// `lang` and the other language beside it, and its seed lines.
fn control(
    catalog: &str,
    id: &str,
    (en, ja): (&str, &str),
    (statement_en, statement_ja): (&str, &str),
    source: &Source,
    lang: Lang,
) -> Control {
    let cid = control_id(catalog, id);
    let mut statement = Part::new(
        format!("{cid}_smt"),
        "statement",
        lang.pick(statement_en, statement_ja),
    );
    let (other_code, other_text) = match lang {
        Lang::En => ("ja", statement_ja),
        Lang::Ja => ("en", statement_en),
    };
    let mut translation = Part::new(format!("{cid}_smt.{other_code}"), "translation", other_text);
    translation.ns = Some(NS);
    translation.props.push(Prop::own("lang", other_code));
    statement.parts.push(translation);
    Control {
        title: lang.pick(en, ja).to_string(),
        props: vec![
            Prop::oscal("label", id),
            Prop::own(
                "title-other-language",
                match lang {
                    Lang::En => ja,
                    Lang::Ja => en,
                },
            ),
        ],
        links: vec![source_link(source)],
        parts: vec![statement],
        id: cid,
    }
}

fn source_link(source: &Source) -> Link {
    Link {
        href: format!("#{}", seed_resource().uuid),
        rel: "reference".into(),
        text: Some(format!(
            "{}, seed lines {}–{}",
            source.document, source.lines[0], source.lines[1]
        )),
    }
}

/// Free-text notes of a catalog entry (corrections of the source and their reasons).
fn notes_part(cid: &str, notes: &[String]) -> Option<Part> {
    (!notes.is_empty()).then(|| {
        let mut p = Part::new(format!("{cid}_notes"), "notes", &notes.join("\n\n"));
        p.ns = Some(NS);
        p
    })
}

fn iot_ssf_requirements(lang: Lang) -> Vec<Group> {
    let catalogs = cpsrisk_catalog::iot_ssf::catalogs();
    let viewpoints = catalogs.levels["viewpoints"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    viewpoints
        .iter()
        .filter_map(|v| {
            let n = v["id"].as_u64()?;
            let title = lang.pick(v["name_en"].as_str()?, v["name_ja"].as_str()?);
            let controls: Vec<Control> = catalogs
                .requirements
                .iter()
                .filter(|r| u64::from(r.viewpoint) == n)
                .map(|r| requirement(r, lang))
                .collect();
            Some(Group {
                id: format!("viewpoint-{n}"),
                title: format!("{} {n}: {title}", lang.pick("Viewpoint", "観点")),
                props: Vec::new(),
                controls,
            })
        })
        .filter(|g| !g.controls.is_empty())
        .collect()
}

fn requirement(r: &Requirement, lang: Lang) -> Control {
    let catalog = "iot-ssf-requirements";
    let mut c = control(
        catalog,
        &r.id,
        (&r.name_en, &r.name_ja),
        (&r.name_en, &r.name_ja),
        &r.source,
        lang,
    );
    c.props
        .push(Prop::own("viewpoint", &r.viewpoint.to_string()));
    c.props.push(Prop::own("target", &r.target));
    c.props
        .extend(r.cpsf.iter().map(|id| Prop::own("cpsf-measure", id)));
    if let Some(annex) = &r.annex_b {
        let mut guidance = Part::new(
            format!("{}_gdn", c.id),
            "guidance",
            lang.pick(
                "Examples of measures actually taken (添付B).",
                "実際に講じる対策の例（添付B）。",
            ),
        );
        guidance.parts = annex
            .measures
            .iter()
            .enumerate()
            .map(|(i, m)| {
                Part::new(
                    format!("{}_gdn.{}", c.id, i + 1),
                    "item",
                    lang.pick(&m.text_en, &m.text_ja),
                )
            })
            .collect();
        c.parts.push(guidance);
        c.links.push(source_link(&annex.source));
    }
    c.parts.extend(notes_part(&c.id, &r.notes));
    c
}

fn en303645_provisions(lang: Lang) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for p in &cpsrisk_catalog::conformance::catalogs().provisions {
        let control = provision(p, lang);
        match groups.last_mut() {
            Some(g) if g.id == token("clause", &p.clause) => g.controls.push(control),
            _ => groups.push(Group {
                id: token("clause", &p.clause),
                title: format!(
                    "{} {}",
                    p.clause,
                    lang.pick(&p.clause_title_en, &p.clause_title_ja_normalized)
                ),
                props: vec![Prop::oscal("label", &p.clause)],
                controls: vec![control],
            }),
        }
    }
    groups
}

fn provision(p: &Provision, lang: Lang) -> Control {
    let mut c = control(
        "en303645-provisions",
        &p.id,
        (&p.id, &p.id),
        (&p.text_en, &p.text_ja_normalized),
        &p.source,
        lang,
    );
    c.title = format!(
        "{} ({})",
        p.id,
        lang.pick(&p.clause_title_en, &p.clause_title_ja_normalized)
    );
    c.props.retain(|prop| prop.name != "title-other-language");
    c.props.push(Prop::own("obligation", &p.status));
    c.props.push(Prop::own("obligation-basis", &p.status_basis));
    c.props.push(Prop::own(
        "conditional",
        if p.conditional { "true" } else { "false" },
    ));
    c.props
        .extend(p.applies_when.iter().map(|w| Prop::own("applies-when", w)));
    if p.psti {
        c.props.push(Prop::own("uk-psti", "true"));
    }
    if let (Some(en), Some(ja)) = (&p.condition_en, &p.condition_ja_normalized) {
        let mut condition = Part::new(format!("{}_cnd", c.id), "condition", lang.pick(en, ja));
        condition.ns = Some(NS);
        c.parts.push(condition);
    }
    c.parts.extend(notes_part(&c.id, &p.notes));
    c
}

fn dmf_countermeasures(lang: Lang) -> Vec<Control> {
    cpsrisk_catalog::dmf::catalogs()
        .countermeasures
        .iter()
        .map(|m| countermeasure(m, lang))
        .collect()
}

fn countermeasure(m: &Countermeasure, lang: Lang) -> Control {
    let mut c = control(
        "dmf-countermeasures",
        &m.id,
        (&m.name_en, &m.name_ja),
        (&m.name_en, &m.name_ja),
        &m.source,
        lang,
    );
    c.props
        .extend(m.events.iter().map(|e| Prop::own("event", e)));
    for (name, ids) in [
        ("cpsf-measure", &m.cpsf),
        ("iso27001", &m.iso27001),
        ("sp800-53", &m.sp800_53),
        ("dmbok", &m.dmbok),
    ] {
        c.props.extend(ids.iter().map(|id| Prop::own(name, id)));
    }
    c.props.push(Prop::own(
        "in-mapping-table",
        if m.in_mapping_table { "true" } else { "false" },
    ));
    if !m.guidelines.is_empty() {
        let mut guidance = Part::new(
            format!("{}_gdn", c.id),
            "guidance",
            lang.pick("Guidelines.", "ガイドライン。"),
        );
        guidance.parts = m
            .guidelines
            .iter()
            .enumerate()
            .map(|(i, g)| {
                Part::new(
                    format!("{}_gdn.{}", c.id, i + 1),
                    "item",
                    lang.pick(&g.text_en, &g.text_ja),
                )
            })
            .collect();
        c.parts.push(guidance);
    }
    let corrections: Vec<String> = m
        .corrections
        .iter()
        .map(|k| {
            format!(
                "{}: printed {} recorded {} — {}",
                k.field, k.printed, k.recorded, k.reason
            )
        })
        .chain(m.notes.iter().cloned())
        .collect();
    c.parts.extend(notes_part(&c.id, &corrections));
    c
}

/// The test cases grouped by the provision they test; each is a control whose statement is
/// the test purpose (TS 103 701's test cases are assessment objectives more than controls, so
/// the provision they test is also a prop).
fn ts103701_test_cases(lang: Lang) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for t in &cpsrisk_catalog::conformance::catalogs().test_cases {
        let control = test_case(t, lang);
        let id = token("provision", &t.provision);
        match groups.last_mut() {
            Some(g) if g.id == id => g.controls.push(control),
            _ => groups.push(Group {
                title: format!("{} {}", lang.pick("Test group", "テストグループ"), t.group),
                id,
                props: vec![Prop::own("provision", &t.provision)],
                controls: vec![control],
            }),
        }
    }
    groups
}

fn test_case(t: &TestCase, lang: Lang) -> Control {
    let mut c = control(
        "ts103701-test-cases",
        &t.id,
        (&t.id, &t.id),
        (&t.purpose_en, &t.purpose_ja_normalized),
        &t.source,
        lang,
    );
    c.title = format!("{} {}", lang.pick("Test case", "テストケース"), t.id);
    c.props.retain(|prop| prop.name != "title-other-language");
    c.props.push(Prop::own("test-type", &t.kind));
    c.props.push(Prop::own("provision", &t.provision));
    c.props.extend(t.ics.iter().map(|x| Prop::own("ics", x)));
    c.props.extend(t.ixit.iter().map(|x| Prop::own("ixit", x)));
    c.parts.extend(notes_part(&c.id, &t.notes));
    c
}
