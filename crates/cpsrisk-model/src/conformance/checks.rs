//! Checks of the conformance section: statuses and verdicts must agree with what the product's
//! stated properties make applicable; each provision and test case is stated once.

use foldhash::{HashMap, HashMapExt};

use cpsrisk_catalog::conformance::{self, Applicability, ConformanceCatalogs, Provision};

use crate::conformance::model::{Conformance, ProvisionStatement, TestResult};
use crate::diagnostic::{Diagnostic, Text, did_you_mean};
use crate::levels::{Named, ProvisionStatus, Verdict};
use crate::loc::Position;
use crate::validate::unknown;

const PROVISION: (&str, &str) = ("EN 303 645 provision", "EN 303 645 の規定");
const TEST_CASE: (&str, &str) = ("TS 103 701 test case", "TS 103 701 のテストケース");

/// The provisions stated so far: where, and with which status.
type Statements<'m> = HashMap<&'m str, (Position, ProvisionStatus)>;

pub(crate) fn check(c: &Conformance, out: &mut Vec<Diagnostic>) {
    let catalog = conformance::catalogs();
    let mut statements = Statements::new();
    for st in &c.provisions {
        let Some(provision) = catalog.provision(&st.id.value) else {
            let d = unknown(
                PROVISION,
                &st.id,
                catalog.provisions.iter().map(|p| p.id.as_str()),
                out,
            )
            .with_hint(provision_hint(&st.id.value));
            out.push(d);
            continue;
        };
        one_statement_per_provision(&mut statements, st, out);
        status_agrees_with_applicability(c, provision, st, out);
    }
    let mut verdicts: HashMap<&str, Position> = HashMap::new();
    for t in &c.tests {
        let Some(case) = catalog.test_case(&t.id.value) else {
            let d = unknown(
                TEST_CASE,
                &t.id,
                catalog.test_cases.iter().map(|x| x.id.as_str()),
                out,
            );
            out.push(d);
            continue;
        };
        if let Some(first) = verdicts.insert(t.id.as_str(), t.id.at) {
            out.push(Diagnostic::new(
                t.id.at,
                Text::new(
                    format!(
                        "test case `{}` has two verdicts (first at line {})",
                        t.id.value, first.line
                    ),
                    format!(
                        "テストケース `{}` の判定が二つあります（最初: {} 行目）",
                        t.id.value, first.line
                    ),
                ),
            ));
        }
        verdict_only_where_applicable(c, catalog, &statements, t, &case.provision, out);
    }
    label_level_in_range(c, out);
}

fn one_statement_per_provision<'m>(
    statements: &mut Statements<'m>,
    st: &'m ProvisionStatement,
    out: &mut Vec<Diagnostic>,
) {
    if let Some((first, _)) = statements.insert(st.id.as_str(), (st.id.at, st.status.value)) {
        out.push(Diagnostic::new(
            st.id.at,
            Text::new(
                format!(
                    "provision `{}` has two statements (first at line {})",
                    st.id.value, first.line
                ),
                format!(
                    "規定 `{}` の記述が二つあります（最初: {} 行目）",
                    st.id.value, first.line
                ),
            ),
        ));
    }
}

/// A provision the product's properties make apply is not `not-applicable`, and one they rule
/// out is neither `met` nor `not-met`.
fn status_agrees_with_applicability(
    c: &Conformance,
    provision: &Provision,
    st: &ProvisionStatement,
    out: &mut Vec<Diagnostic>,
) {
    match (provision.applicability(|p| c.product.properties.get(p)), st.status.value) {
        (Applicability::Applies, ProvisionStatus::NotApplicable) => out.push(
            Diagnostic::new(
                st.status.at,
                Text::new(
                    format!("provision `{}` is stated not applicable, but the product's properties make it apply", st.id.value),
                    format!("規定 `{}` は適用外とされていますが、製品の属性からは適用されます", st.id.value),
                ),
            )
            .with_hint(Some(condition_hint(provision))),
        ),
        (Applicability::DoesNotApply { condition }, ProvisionStatus::Met | ProvisionStatus::NotMet) => out.push(
            Diagnostic::new(
                st.status.at,
                Text::new(
                    format!("provision `{}` is stated `{}`, but it does not apply: the product does not satisfy `{condition}`", st.id.value, Named::id(st.status.value)),
                    format!("規定 `{}` は `{}` とされていますが、製品が条件 `{condition}` を満たさないため適用されません", st.id.value, Named::id(st.status.value)),
                ),
            )
            .with_hint(Some(Text::new("state it `not-applicable`, or correct the product's properties", "`not-applicable` とするか、製品の属性を見直してください"))),
        ),
        _ => {}
    }
}

/// A test case of a provision that is not applicable has the verdict `not-applicable`.
fn verdict_only_where_applicable(
    c: &Conformance,
    catalog: &ConformanceCatalogs,
    statements: &Statements,
    t: &TestResult,
    provision: &str,
    out: &mut Vec<Diagnostic>,
) {
    if t.verdict.value == Verdict::NotApplicable {
        return;
    }
    let stated_na = statements
        .get(provision)
        .is_some_and(|(_, s)| *s == ProvisionStatus::NotApplicable);
    let does_not_apply = catalog.provision(provision).is_some_and(|p| {
        matches!(
            p.applicability(|x| c.product.properties.get(x)),
            Applicability::DoesNotApply { .. }
        )
    });
    if stated_na || does_not_apply {
        out.push(Diagnostic::new(
            t.verdict.at,
            Text::new(
                format!("test case `{}` has a verdict, but its provision `{}` is not applicable to this product", t.id.value, provision),
                format!("テストケース `{}` に判定がありますが、対応する規定 `{}` はこの製品に適用されません", t.id.value, provision),
            ),
        )
        .with_hint(Some(Text::new("record the verdict `not-applicable`", "判定を `not-applicable` としてください"))));
    }
}

/// CLS has levels 1 to 4.
fn label_level_in_range(c: &Conformance, out: &mut Vec<Diagnostic>) {
    if let Some(level) = c.label.as_ref().and_then(|l| l.target_level.as_ref())
        && !(1..=4).contains(&level.value)
    {
        out.push(Diagnostic::new(
            level.at,
            Text::new(
                format!("label level must be 1, 2, 3 or 4, not {}", level.value),
                format!("ラベルのレベルは 1〜4 です（{} は不可）", level.value),
            ),
        ));
    }
}

/// For `5.1.1` or `6.1`: the provision ID in the standard's spelling.
fn provision_hint(id: &str) -> Option<Text> {
    let catalog = conformance::catalogs();
    let digits: Vec<&str> = id.split(['.', '-']).collect();
    let candidates = match digits.as_slice() {
        [a, b, c] => vec![format!("{a}.{b}-{c}")],
        [a, b] => vec![format!("{a}-{b}"), format!("{a}.{b}")],
        _ => vec![],
    };
    candidates
        .into_iter()
        .find(|c| c != id && catalog.provision(c).is_some())
        .map(|c| {
            Text::new(
                format!("did you mean `{c}`?"),
                format!("`{c}` の誤りではありませんか？"),
            )
        })
        .or_else(|| did_you_mean(id, catalog.provisions.iter().map(|p| p.id.as_str())))
}

fn condition_hint(p: &Provision) -> Text {
    let en = p
        .condition_en
        .clone()
        .unwrap_or_else(|| "it applies to every product".into());
    let ja = p
        .condition_ja_normalized
        .clone()
        .or_else(|| p.condition_ja.clone())
        .unwrap_or_else(|| "すべての製品に適用されます".into());
    Text::new(
        format!("condition: {en}; state `met` or `not-met` with a justification"),
        format!("条件: {ja}。`met` か、理由を付けて `not-met` としてください"),
    )
}
