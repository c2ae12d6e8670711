//! JSON models read through serde_json must come out exactly as through the YAML parser,
//! places included (findings in reports carry them), and errors must still be explained.

mod common;

use common::example_models;
use cpsrisk_model::load;

/// The model as JSON: pretty, on one line, pretty with CR LF line ends, and pretty with escapes
/// in strings.
fn as_json(yaml: &str) -> [String; 4] {
    let value: serde_json::Value = serde_saphyr::from_str(yaml).expect("example parses");
    let pretty = serde_json::to_string_pretty(&value).unwrap();
    [
        pretty.clone(),
        serde_json::to_string(&value).unwrap(),
        pretty.replace('\n', "\r\n"),
        escaped(&pretty),
    ]
}

/// `json` with every `-` and every non-ASCII character inside strings written as a `\u` escape,
/// so that IDs such as `SSF-R01` are read through the escape-aware path.
fn escaped(json: &str) -> String {
    let (mut out, mut in_string, mut after_backslash) = (String::new(), false, false);
    for c in json.chars() {
        if in_string && !after_backslash && (c == '-' || !c.is_ascii()) {
            let mut units = [0; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
            continue;
        }
        if c == '"' && !after_backslash {
            in_string = !in_string;
        }
        after_backslash = in_string && c == '\\' && !after_backslash;
        out.push(c);
    }
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&out).unwrap(),
        serde_json::from_str::<serde_json::Value>(json).unwrap()
    );
    out
}

#[test]
fn json_reads_the_same_model_with_the_same_places() {
    for path in example_models() {
        let yaml = std::fs::read_to_string(&path).unwrap();
        for json in as_json(&yaml) {
            assert!(load::looks_like_json(&json));
            let slow = load::parse(&json).expect("the YAML parser reads the JSON");
            let fast = load::parse_json(&json).expect("serde_json reads the JSON");
            // Debug shows every value and every place.
            assert_eq!(
                format!("{fast:?}"),
                format!("{slow:?}"),
                "{} as JSON",
                path.display()
            );
        }
    }
}

#[test]
fn json_errors_are_explained_with_their_place() {
    let cases = [
        // Unknown key, with a suggestion.
        "{\n  \"cpsrisk\": 1,\n  \"system\": {\"nmae\": \"x\"}\n}\n",
        // A dangling reference: found by the checks, placed by the YAML parser's spans.
        "{\"cpsrisk\": 1, \"system\": {\"name\": \"x\"}, \"iot_ssf\": {\"applying_entity\": \"nobody\", \"stakeholders\": [], \"target\": {\"axis1\": \"limited\", \"axis2\": \"limited\"}}}",
        // Syntax error.
        "{\"cpsrisk\": 1,\n \"system\": {\"name\": }\n}",
    ];
    for json in cases {
        let fast = cpsrisk_model::load_and_check(json).expect_err(json);
        let slow = load::parse(json)
            .map_err(|d| vec![d])
            .and_then(|m| {
                let problems = cpsrisk_model::validate::check(&m);
                if problems.is_empty() {
                    Ok(m)
                } else {
                    Err(problems)
                }
            })
            .expect_err(json);
        assert_eq!(format!("{fast:?}"), format!("{slow:?}"), "{json}");
        assert!(fast.iter().all(|d| d.at.line > 0), "{fast:?}");
    }
}

#[test]
fn repeated_keys_in_json_are_rejected_like_in_yaml() {
    let path = example_models()
        .into_iter()
        .find(|p| std::fs::read_to_string(p).unwrap().contains("changes:"))
        .expect("an example with `changes`");
    let yaml = std::fs::read_to_string(path).unwrap();
    let mut value: serde_json::Value = serde_saphyr::from_str(&yaml).unwrap();
    let events = value["dmf"]["events"].as_array_mut().unwrap();
    let event = events
        .iter_mut()
        .find(|e| {
            e.get("changes")
                .is_some_and(|c| !c.as_object().unwrap().is_empty())
        })
        .unwrap();
    let key = event["changes"]
        .as_object()
        .unwrap()
        .keys()
        .next()
        .unwrap()
        .clone();
    let json = serde_json::to_string_pretty(&value).unwrap();
    // Repeat the first entry of `changes` by hand (a JSON object value cannot hold it twice).
    let marker = "\"changes\": {\n".to_string();
    let at = json.find(&marker).unwrap() + marker.len();
    let repeated = format!(
        "{}\"{key}\": {{}},\n",
        &json[at..at + json[at..].find('"').unwrap()]
    );
    let json = format!("{}{}{}", &json[..at], repeated, &json[at..]);
    assert!(
        load::parse_json(&json).is_err(),
        "serde_json path must refuse"
    );
    let problems = cpsrisk_model::load_and_check(&json).expect_err("repeated key");
    assert!(
        problems[0]
            .message
            .en
            .contains(&format!("key `{key}` appears twice")),
        "{problems:?}"
    );
}
