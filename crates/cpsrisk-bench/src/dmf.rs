//! Synthetic DMF models: a data supply chain of `events` events over `events / 10` data items,
//! `max(4, events / 100)` places, and organisations and systems in four countries.
//!
//! Each data item goes through a chain of ten events, each `after` the one before it:
//! generation, processing (every fourth with an attribute change), storage, a transfer to the
//! next organisation (abroad for every third item), processing and storage there, a second
//! transfer back, storage, processing into itself, and disposal. Places are two laws per
//! country (one of Japan's extraterritorial), then contracts binding two organisations and internal rules
//! binding one, so the places that apply at an event do not grow with the model; every fifth
//! transfer records its compliance facts and a countermeasure.

use std::fmt::Write;

use crate::q;

const COUNTRIES: [&str; 4] = ["JP", "US", "DE", "SG"];
const CHAIN: [&str; 10] = [
    "generation",
    "processing",
    "storage",
    "transfer",
    "processing",
    "storage",
    "transfer",
    "storage",
    "processing",
    "disposal",
];
const PERSONAL: [&str; 4] = [
    "personal-information",
    "personal-data",
    "personally-related",
    "non-personal",
];
const VALUES: [&str; 4] = ["low", "medium", "high", "very-high"];

/// The number of data items of a DMF model of `events` events.
pub fn data_count(events: usize) -> usize {
    (events / CHAIN.len()).max(1)
}

/// The number of places of a DMF model of `events` events.
pub fn place_count(events: usize) -> usize {
    (events / 100).max(4)
}

fn organisation_count(events: usize) -> usize {
    (events / 200).max(2)
}

/// A valid cpsrisk model with a `dmf` section of about `events` events (a multiple of ten, at
/// least ten).
pub fn synthetic_dmf_yaml(events: usize) -> String {
    let items = data_count(events);
    let orgs = organisation_count(events);
    let mut y = String::with_capacity(items * CHAIN.len() * 400 + 4096);
    let _ = write!(
        y,
        concat!(
            "# Synthetic DMF model written by cpsrisk-bench (cpsrisk-synth --dmf {n}); deterministic.\n",
            "cpsrisk: 1\n\nsystem:\n  name: \"Synthetic data supply chain of {n} events\"\n",
            "  name_ja: \"合成データサプライチェーン（{n} イベント）\"\n\ndmf:\n  organisations:\n"
        ),
        n = items * CHAIN.len()
    );
    for o in 0..orgs {
        let _ = writeln!(
            y,
            "    - {{ id: org-{o}, name: \"Company {o}\", name_ja: \"{o}社\", country: {} }}",
            COUNTRIES[o % COUNTRIES.len()]
        );
    }
    y.push_str("  systems:\n");
    for o in 0..orgs {
        let _ = writeln!(
            y,
            "    - {{ id: sys-{o}, name: \"Data platform {o}\", operator: org-{o}, country: {} }}",
            COUNTRIES[o % COUNTRIES.len()]
        );
    }
    write_places(&mut y, place_count(events), orgs);
    write_data(&mut y, items, orgs);
    write_events(&mut y, items, orgs);
    y
}

fn write_places(y: &mut String, places: usize, orgs: usize) {
    y.push_str("  places:\n");
    for p in 0..places {
        let _ = writeln!(y, "    - id: place-{p}\n      name: \"Norm {p}\"");
        match p % 4 {
            // Two laws per country at most: the laws that apply at an event stay as many
            // whatever the model's size, as in a real supply chain (more parties, same laws).
            0 | 1 if p < 4 * COUNTRIES.len() => {
                let country = COUNTRIES[(p / 4) % COUNTRIES.len()];
                let _ = writeln!(
                    y,
                    "      rule: law\n      categories: [personal-data]\n      jurisdiction: {country}\n      requires: [category-personal, purpose, controller, storage, deadline]"
                );
                if p == 1 {
                    y.push_str("      extraterritorial: true\n");
                }
            }
            0..=2 => {
                let _ = writeln!(
                    y,
                    "      rule: contract\n      categories: [intellectual-property]\n      binds: [org-{}, org-{}]\n      requires: [category-ip, disclosure-scope, value]",
                    p % orgs,
                    (p + 1) % orgs
                );
            }
            _ => {
                let _ = writeln!(
                    y,
                    "      rule: internal-rule\n      categories: []\n      binds: [org-{}]\n      requires: [disclosure-scope, controller, value, storage, deadline]",
                    p % orgs
                );
            }
        }
    }
}

fn write_data(y: &mut String, items: usize, orgs: usize) {
    y.push_str("  data:\n");
    for d in 0..items {
        let _ = writeln!(
            y,
            concat!(
                "    - id: d{d}\n      name: \"Data item {d}\"\n      name_ja: \"データ {d}\"\n",
                "      attributes:\n        personal: {personal}\n        ip: trade-secret\n",
                "        disclosure_scope: [\"Company {o}\"]\n        purposes: [\"Service {d}\"]\n",
                "        controllers: [\"Company {o}\"]\n        storage: [sys-{o}]\n",
                "        deadline: \"5 years\"\n      judgements:\n        value: {value}"
            ),
            d = d,
            o = d % orgs,
            personal = PERSONAL[d % PERSONAL.len()],
            value = VALUES[d % VALUES.len()],
        );
    }
}

fn write_events(y: &mut String, items: usize, orgs: usize) {
    y.push_str("  events:\n");
    for d in 0..items {
        let home = d % orgs;
        // Every third item goes abroad: to an organisation in another country.
        let away = if d % 3 == 0 {
            (home + 1) % orgs
        } else {
            (home + COUNTRIES.len()) % orgs
        };
        for (step, kind) in CHAIN.iter().enumerate() {
            let id = d * CHAIN.len() + step;
            let org = if (4..=6).contains(&step) { away } else { home };
            let _ = writeln!(
                y,
                "    - id: e{id}\n      kind: {kind}\n      name: {}\n      at: {{ organisation: org-{org}, system: sys-{org} }}",
                q(&format!("{kind} of data item {d}"))
            );
            if step > 0 {
                let _ = writeln!(y, "      after: [e{}]\n      inputs: [d{d}]", id - 1);
            }
            if step + 1 < CHAIN.len() {
                let _ = writeln!(y, "      outputs: [d{d}]");
            }
            if *kind == "transfer" {
                let to = if step == 3 { away } else { home };
                let _ = writeln!(
                    y,
                    "      to: {{ organisation: org-{to}, system: sys-{to} }}"
                );
                if d % 5 == 0 {
                    y.push_str("      records: { foreign_country_notice: true, provision_records: true }\n");
                    y.push_str(
                        "      countermeasures:\n        - { id: DMF-C01, status: in-place }\n",
                    );
                }
            }
            if step == 1 && d % 4 == 0 {
                let _ = writeln!(
                    y,
                    "      changes:\n        d{d}: {{ personal: statistical }}"
                );
            }
        }
    }
}
