//! The TS 103 701 test plan: the test cases whose provision applies (or may apply) and is not
//! stated not applicable, with what each needs and its verdict; results per clause and overall.

use std::collections::HashMap;

use cpsrisk_catalog::conformance::{Applicability, catalogs};
use cpsrisk_model::levels::{ProvisionStatus, Verdict};
use cpsrisk_model::model::Conformance;
use serde::Serialize;

use crate::checklist::ChecklistRow;

#[derive(Debug, Clone, Serialize)]
pub struct PlannedTest {
    pub id: String,
    pub group: String,
    pub provision: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub purpose_en: String,
    pub purpose_ja: String,
    pub ics: Vec<String>,
    pub ixit: Vec<String>,
    /// Null until the lab records a verdict.
    pub verdict: Option<Verdict>,
    pub evidence: Vec<String>,
    /// The lab's notes on the verdict.
    pub notes: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Tally {
    pub planned: usize,
    pub pass: usize,
    pub fail: usize,
    pub not_applicable: usize,
    pub not_run: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClauseResult {
    pub clause: String,
    #[serde(flatten)]
    pub tally: Tally,
}

pub fn test_plan(c: &Conformance, checklist: &[ChecklistRow]) -> Vec<PlannedTest> {
    let rows: HashMap<&str, &ChecklistRow> = checklist.iter().map(|r| (r.id.as_str(), r)).collect();
    let verdicts: HashMap<&str, &cpsrisk_model::model::TestResult> =
        c.tests.iter().map(|t| (t.id.as_str(), t)).collect();
    catalogs()
        .test_cases
        .iter()
        .filter(|t| match rows.get(t.provision.as_str()) {
            // Group 4-1 tests the justifications of provision 4-1, which every product needs.
            None => true,
            Some(r) => {
                !matches!(r.applicability, Applicability::DoesNotApply { .. })
                    && r.stated != Some(ProvisionStatus::NotApplicable)
            }
        })
        .map(|t| {
            let result = verdicts.get(t.id.as_str());
            PlannedTest {
                id: t.id.clone(),
                group: t.group.clone(),
                provision: t.provision.clone(),
                kind: t.kind.clone(),
                purpose_en: t.purpose_en.clone(),
                purpose_ja: t.purpose_ja_normalized.clone(),
                ics: t.ics.clone(),
                ixit: t.ixit.clone(),
                verdict: result.map(|r| r.verdict.value),
                evidence: result.map(|r| r.evidence.clone()).unwrap_or_default(),
                notes: result.and_then(|r| r.notes.clone()),
            }
        })
        .collect()
}

impl Tally {
    fn add(&mut self, verdict: Option<Verdict>) {
        self.planned += 1;
        match verdict {
            Some(Verdict::Pass) => self.pass += 1,
            Some(Verdict::Fail) => self.fail += 1,
            Some(Verdict::NotApplicable) => self.not_applicable += 1,
            None => self.not_run += 1,
        }
    }
}

/// The clause of a test group: `5.1` for `5.1-1`, `4` for `4-1`, `6` for `6-1`.
fn clause(group: &str) -> &str {
    group.split('-').next().unwrap_or(group)
}

/// Results per clause in test-plan order, and overall.
pub fn results(plan: &[PlannedTest]) -> (Vec<ClauseResult>, Tally) {
    let mut clauses: Vec<ClauseResult> = Vec::new();
    let mut overall = Tally::default();
    for t in plan {
        let name = clause(&t.group);
        if clauses.last().is_none_or(|c| c.clause != name) {
            clauses.push(ClauseResult {
                clause: name.to_string(),
                tally: Tally::default(),
            });
        }
        if let Some(last) = clauses.last_mut() {
            last.tally.add(t.verdict);
        }
        overall.add(t.verdict);
    }
    (clauses, overall)
}
