//! A finding: a gap an engine found in the records of a valid model. Unlike a
//! [`Diagnostic`](crate::Diagnostic) it does not stop the run; `--fail-on` decides.

use serde::Serialize;

use crate::diagnostic::Text;
use crate::loc::Position;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
}

impl Severity {
    /// How many of `findings` have this severity.
    pub fn count(self, findings: &[Finding]) -> usize {
        findings.iter().filter(|f| f.severity == self).count()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    /// Stable code, e.g. `SSF-G01` or `CONF-G01` (`docs/findings.md`).
    pub code: &'static str,
    /// Short name of the check, e.g. `outside-target-without-policy`.
    pub check: &'static str,
    pub severity: Severity,
    pub message: Text,
    /// The model line and column it concerns; 0 when it concerns something the model lacks.
    pub line: u64,
    pub column: u64,
}

impl Finding {
    pub fn new(
        code: &'static str,
        check: &'static str,
        severity: Severity,
        at: Position,
        message: Text,
    ) -> Self {
        Finding {
            code,
            check,
            severity,
            message,
            line: at.line,
            column: at.column,
        }
    }
}
