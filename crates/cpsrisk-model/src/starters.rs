//! The commented starter models, one per engine: what `cpsrisk init` writes and what the
//! workbench offers as templates.

/// `(engine, model)` for each engine, in the order `cpsrisk init --engine` lists them.
pub const STARTERS: [(&str, &str); 3] = [
    ("iot-ssf", IOT_SSF),
    ("dmf", DMF),
    ("conformance", CONFORMANCE),
];

pub const IOT_SSF: &str = include_str!("starter.yaml");
pub const DMF: &str = include_str!("starter-dmf.yaml");
pub const CONFORMANCE: &str = include_str!("starter-conformance.yaml");
