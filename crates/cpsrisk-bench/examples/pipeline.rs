//! What `cpsrisk assess MODEL --format json` does, timing
//! each stage on stderr and writing the JSON report to stdout:
//!
//! ```sh
//! cargo run -p cpsrisk-bench --release --bin cpsrisk-synth -- 100000 > /tmp/m.yaml
//! cargo run -p cpsrisk-bench --release --example pipeline -- /tmp/m.yaml > /dev/null
//! ```
//!

use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

use cpsrisk_catalog::Lang;
use cpsrisk_report::{Format, Report};

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: pipeline MODEL.yaml");
        return ExitCode::from(2);
    };
    let t0 = Instant::now();
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let t1 = Instant::now();
    let model = match cpsrisk_model::load_and_check(&text) {
        Ok(model) => model,
        Err(problems) => {
            for d in problems.iter().take(10) {
                eprintln!("{}", d.render(&path, Lang::En));
            }
            return ExitCode::FAILURE;
        }
    };
    let t2 = Instant::now();
    let hwm_parse = peak_rss_mb();
    let report = Report::new(&path, &model);
    let t3 = Instant::now();
    let hwm_assess = peak_rss_mb();
    let json = report.render(Format::Json { pretty: false }, Lang::En);
    let t4 = Instant::now();
    if let Err(e) = std::io::stdout().lock().write_all(json.as_bytes()) {
        eprintln!("cannot write the report: {e}");
        return ExitCode::FAILURE;
    }
    let t5 = Instant::now();
    let ms = |a: Instant, b: Instant| (b - a).as_secs_f64() * 1e3;
    eprintln!(
        "read {:.0} ms, parse+check {:.0} ms, assess {:.0} ms, render json {:.0} ms ({} bytes), write {:.0} ms, total {:.0} ms",
        ms(t0, t1),
        ms(t1, t2),
        ms(t2, t3),
        ms(t3, t4),
        json.len(),
        ms(t4, t5),
        ms(t0, t5)
    );
    if let (Some(a), Some(b), Some(c)) = (hwm_parse, hwm_assess, peak_rss_mb()) {
        eprintln!("peak RSS after parse+check {a} MB, after assess {b} MB, at the end {c} MB");
    }
    ExitCode::SUCCESS
}

/// The process's peak resident set so far (Linux `VmHWM`), in MB.
fn peak_rss_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}
