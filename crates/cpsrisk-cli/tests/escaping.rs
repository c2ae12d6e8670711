//! Model text is untrusted wherever it is shown: Markdown that a renderer turns into HTML, and
//! terminals that obey escape sequences (docs/security.md).

mod support;

use support::{cpsrisk, scratch, stderr};

const STARTER: &str = cpsrisk_model::starters::IOT_SSF;

/// The starter model with markup and terminal escape sequences in its free text.
fn hostile_model(name: &str) -> String {
    let text = STARTER
        .replace(
            "  name: Smart door lock with a cloud app\n",
            "  name: \"<script>alert(1)</script> lock *bold* [x](javascript:alert(1))\"\n",
        )
        .replace(
            "      name: Door lock\n",
            "      name: \"<img src=x onerror=alert(1)> | cell\\e]0;pwned\\a\\e[2J\"\n",
        )
        .replace(
            "      description: A forged command unlocks the door; a burglar enters\n",
            "      description: \"# heading\\n<iframe src=//evil>\\e[31mred\"\n",
        );
    let path = scratch(name).join("model.yaml");
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

fn render(model: &str, format: &str) -> String {
    let o = cpsrisk()
        .args(["assess", model, "--format", format])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn markdown_shows_model_markup_as_text() {
    let model = hostile_model("md");
    let md = render(&model, "md");
    for raw in ["<script", "<img", "<iframe", "[x](javascript:", "\u{1b}"] {
        assert!(!md.contains(raw), "`{raw}` reached the Markdown");
    }
    assert!(
        md.starts_with(
            "# Risk assessment: &lt;script&gt;alert(1)&lt;/script&gt; lock \\*bold\\* \\[x\\](javascript:alert(1))\n"
        ),
        "{}",
        &md[..200]
    );
    assert!(
        md.contains("&lt;img src=x onerror=alert(1)&gt; \\| cell\\\\u{1b}\\]0;pwned"),
        "pipes stay inside their cell"
    );
    // Every table row still has as many cells as its header.
    for table in md.split("\n\n").filter(|b| b.starts_with("| ")) {
        let cells = |row: &str| row.replace("\\|", "").matches('|').count();
        let mut rows = table.lines();
        let header = cells(rows.next().unwrap());
        assert!(rows.all(|r| cells(r) == header), "{table}");
    }
}

#[test]
fn terminal_output_shows_escape_sequences_inert() {
    let model = hostile_model("text");
    let text = render(&model, "text");
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "no raw ESC or BEL"
    );
    assert!(
        text.contains("cell\\u{1b}]0;pwned\\u{7}\\u{1b}[2J"),
        "shown as text instead"
    );
}

#[test]
fn diff_output_is_escaped_like_reports() {
    let model = hostile_model("diff");
    let o = cpsrisk()
        .args([
            "diff",
            support::example().to_str().unwrap(),
            &model,
            "--format",
            "md",
        ])
        .output()
        .unwrap();
    let md = String::from_utf8_lossy(&o.stdout);
    assert!(!md.contains("<script") && !md.contains('\u{1b}'), "{md}");
    let o = cpsrisk()
        .args(["diff", support::example().to_str().unwrap(), &model])
        .output()
        .unwrap();
    assert!(!o.stdout.contains(&0x1b));
}

#[test]
fn html_escapes_model_markup() {
    let model = hostile_model("html");
    let html = render(&model, "html");
    assert!(!html.contains("<script") && !html.contains("<img") && !html.contains("<iframe"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}
