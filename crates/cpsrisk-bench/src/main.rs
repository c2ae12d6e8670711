//! `cpsrisk-synth N`: prints the synthetic model of N devices (YAML) to standard output, for
//! whole-command timings such as
//! `cpsrisk-synth 100000 > /tmp/m.yaml; cpsrisk assess /tmp/m.yaml --format json`.

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let arg = std::env::args().nth(1);
    let Some(devices) = arg
        .as_deref()
        .and_then(|a| a.replace('_', "").parse::<usize>().ok())
        .filter(|&n| n > 0)
    else {
        eprintln!("usage: cpsrisk-synth DEVICES   (a positive device count, e.g. 100000)");
        return ExitCode::from(2);
    };
    let yaml = cpsrisk_bench::synthetic_model_yaml(devices);
    let mut out = std::io::stdout().lock();
    match out.write_all(yaml.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cpsrisk-synth: cannot write the model: {e}");
            ExitCode::FAILURE
        }
    }
}
