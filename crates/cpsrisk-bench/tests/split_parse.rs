//! The synthetic models of every engine, read in pieces on several threads, come out exactly as
//! the whole-file parse reads them, every place included; a large model with a problem gets the
//! whole-file parse's diagnostics.

use cpsrisk_bench::conformance::synthetic_conformance_yaml;
use cpsrisk_bench::dmf::synthetic_dmf_yaml;
use cpsrisk_bench::synthetic_model_yaml;
use cpsrisk_model::load::{self, Split};

fn assert_read_alike(text: &str, split: &Split) {
    let pieces = load::parse_split(text, split).expect("the synthetic model is read in pieces");
    let whole = load::parse(text).expect("the synthetic model parses");
    assert_eq!(format!("{pieces:?}"), format!("{whole:?}"));
}

#[test]
fn synthetic_models_read_alike_in_pieces() {
    let texts = [
        synthetic_model_yaml(400),
        synthetic_dmf_yaml(400),
        synthetic_conformance_yaml(400),
    ];
    // Lists from 4 KB on, in pieces of a few KB, on one, two and three threads.
    for threads in 1..=3 {
        let split = Split {
            min_text_bytes: 0,
            min_list_bytes: 4 << 10,
            pieces_per_thread: 5,
            threads: Some(threads),
        };
        for text in &texts {
            assert_read_alike(text, &split);
            assert_read_alike(&text.replace('\n', "\r\n"), &split);
        }
    }
}

#[test]
fn a_large_model_with_a_problem_gets_the_whole_file_diagnostics() {
    // Large enough to be read in pieces by default.
    let mut devices = 1000;
    let text = loop {
        let text = synthetic_model_yaml(devices);
        if text.len() >= Split::DEFAULT.min_text_bytes {
            break text;
        }
        devices *= 2;
    };
    assert!(load::parse_split(&text, &Split::DEFAULT).is_some());
    // A data flow to a device that does not exist, far into the file.
    let at = text.rfind("      to: ").expect("a data flow");
    let line_end = at + text[at..].find('\n').expect("a line break");
    let broken = format!("{}      to: nowhere-1{}", &text[..at], &text[line_end..]);
    let whole = cpsrisk_model::validate::check(&load::parse(&broken).expect("parses"));
    assert!(!whole.is_empty());
    let problems = cpsrisk_model::load_and_check(&broken).expect_err("a dangling reference");
    assert_eq!(format!("{problems:?}"), format!("{whole:?}"));
}
