//! Differential: a model read in pieces on several threads (`load::parse_split`) is exactly the
//! model the whole-file parse reads, places included, or the split parse leaves the file to it.

#![no_main]

use cpsrisk_model::load::{self, Split};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Some(pieces) = load::parse_split(text, &Split::ALWAYS) {
        let whole = load::parse(text).expect("read in pieces, so it reads whole");
        assert_eq!(format!("{pieces:?}"), format!("{whole:?}"));
    }
});
