//! The `cpsrisk` command line: reading files and writing results; all judgement is in the engines.

mod admin;
mod catalog_cmd;
mod console;
mod convert;
mod fail_on;
mod import;
mod input;
mod interchange;
mod output;
mod pdf;
mod pipelined;
mod progress;
mod push;
mod serve;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use cpsrisk_catalog::{CatalogFormat, ExportError, Lang};
use cpsrisk_model::progress::Stage;
use cpsrisk_report::{Format, Report};

use console::{errln, outln};
use input::load;

/// The starter models `cpsrisk init` writes, one per engine.
fn starter(engine: EngineArg) -> &'static str {
    match engine {
        EngineArg::IotSsf => cpsrisk_model::starters::IOT_SSF,
        EngineArg::Dmf => cpsrisk_model::starters::DMF,
        EngineArg::Conformance => cpsrisk_model::starters::CONFORMANCE,
    }
}

#[derive(Parser)]
#[command(
    name = "cpsrisk",
    version,
    about = "METI cyber-physical security frameworks as code / 経済産業省のサイバー・フィジカル・セキュリティ枠組みをコードで"
)]
struct Cli {
    /// Language of reports and messages (default: from LC_ALL, LC_MESSAGES or LANG).
    #[arg(long, global = true, value_enum)]
    lang: Option<LangArg>,
    /// Largest model read, in bytes (suffixes K, M, G); see docs/security.md.
    #[arg(long, global = true, env = "CPSRISK_MAX_INPUT", value_parser = input::parse_size,
          default_value_t = input::DEFAULT_MAX_INPUT)]
    max_input_size: u64,
    /// No progress bar on stderr (it is shown only on a terminal, for runs over a second).
    #[arg(long, short, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    En,
    Ja,
}

#[derive(Subcommand)]
enum Command {
    /// Parse and check models; nothing else.
    Validate {
        #[arg(required = true)]
        models: Vec<PathBuf>,
    },
    /// Run every engine the model has input for and print or write the result.
    Assess {
        model: PathBuf,
        #[arg(long, value_enum, default_value = "text")]
        format: FormatArg,
        /// Write to this file instead of standard output (replaced only when complete).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Exit with 1 when the condition is met (repeatable).
        #[arg(long, value_enum)]
        fail_on: Vec<FailOn>,
        /// Indent JSON for reading (it is indented anyway when printed to a terminal).
        #[arg(long)]
        pretty: bool,
    },
    /// What changed between two versions of a model: entities, risks, findings, verdicts.
    Diff {
        old: PathBuf,
        new: PathBuf,
        #[arg(long, value_enum, default_value = "text")]
        format: FormatArg,
        #[arg(long)]
        out: Option<PathBuf>,
        /// Indent JSON for reading (it is indented anyway when printed to a terminal).
        #[arg(long)]
        pretty: bool,
    },
    /// The catalogs compiled into this binary.
    Catalog {
        #[command(subcommand)]
        command: CatalogCommand,
    },
    /// Write a model in the other notation (JSON or YAML); it reads back unchanged.
    Convert {
        model: PathBuf,
        #[arg(long, value_enum)]
        to: convert::ConvertTo,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Make a model from another tool's file (Open Threat Model), with a report of the mapping.
    Import {
        #[command(subcommand)]
        command: import::ImportCommand,
    },
    /// Print the JSON Schema of the model format.
    Schema {
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Write a commented starter model.
    Init {
        #[arg(default_value = "model.yaml")]
        path: PathBuf,
        /// Which engine the starter model is for.
        #[arg(long, value_enum, default_value = "iot-ssf")]
        engine: EngineArg,
        /// Replace the file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Run the workbench server (default: SQLite file cpsrisk.db, 127.0.0.1:8080).
    Serve {
        /// A file path, sqlite://PATH or postgres://… (default: $CPSRISK_DATABASE_URL, cpsrisk.db).
        #[arg(long)]
        database: Option<String>,
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: String,
    },
    /// Administer the workbench database directly.
    Admin {
        #[command(subcommand)]
        command: admin::AdminCommand,
    },
    /// Save a model as a new revision on a workbench server and print its assessment
    /// (API token from $CPSRISK_TOKEN).
    Push(push::PushArgs),
}

#[derive(Subcommand)]
enum CatalogCommand {
    /// List the catalogs with their number of entries.
    List {
        #[arg(long, value_enum, default_value = "text")]
        format: catalog_cmd::ListFormat,
    },
    /// Find catalog entries by ID, name or text, in Japanese or English (near matches too).
    Find {
        /// Words to look for; every word separated by a space must match.
        #[arg(required = true, num_args = 1..)]
        text: Vec<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: catalog_cmd::ListFormat,
    },
    /// Print one catalog.
    Export {
        name: String,
        #[arg(long, value_enum, default_value = "json")]
        format: CatalogFormatArg,
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum EngineArg {
    IotSsf,
    Dmf,
    Conformance,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FormatArg {
    Text,
    Json,
    Md,
    Html,
    /// SARIF 2.1.0 (assess only).
    Sarif,
    /// OSCAL assessment results (assess only).
    Oscal,
    /// OSCAL plan of action and milestones (assess only).
    OscalPoam,
    /// Excel workbook (assess only; needs --out unless standard output is redirected).
    Xlsx,
    /// The HTML report printed to A4 PDF by Chromium (assess only; needs --out unless standard
    /// output is redirected).
    Pdf,
    /// Open Threat Model 0.2.0: devices, flows, threats and measures (assess only).
    Otm,
}

#[derive(Clone, Copy, ValueEnum)]
enum CatalogFormatArg {
    Json,
    Yaml,
    Csv,
    /// An OSCAL 1.2 catalog.
    Oscal,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOn {
    /// A rated stakeholder is outside the target level.
    OutsideTarget,
    /// A device threat has neither a requirement taken nor a recorded acceptance.
    UntreatedThreat,
    /// A mandatory EN 303 645 provision is stated not met.
    MandatoryNotMet,
    /// A TS 103 701 test case has the verdict fail.
    TestFailed,
    /// Any finding of severity warning, of any engine.
    Warning,
    /// Any finding at all, of any engine.
    Finding,
}

/// How a run ends: success, a `--fail-on` condition met, or invalid input.
enum Outcome {
    Ok,
    Failed,
    Invalid,
}

impl Outcome {
    fn code(&self) -> u8 {
        match self {
            Outcome::Ok => 0,
            Outcome::Failed => 1,
            Outcome::Invalid => 2,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = match cli.lang {
        Some(LangArg::En) => Lang::En,
        Some(LangArg::Ja) => Lang::Ja,
        None => locale_lang(),
    };
    console::set_lang(lang);
    input::set_max_input(cli.max_input_size);
    let outcome = match cli.command {
        Command::Validate { models } => validate(&models, cli.quiet, lang),
        Command::Assess {
            model,
            format,
            out,
            fail_on,
            pretty,
        } => {
            let shape = Shape {
                pretty,
                quiet: cli.quiet,
            };
            assess(&model, format, out.as_deref(), &fail_on, shape, lang)
        }
        Command::Diff {
            old,
            new,
            format,
            out,
            pretty,
        } => diff(&old, &new, format, out.as_deref(), pretty, lang),
        Command::Catalog {
            command: CatalogCommand::List { format },
        } => catalog_cmd::list(format, lang),
        Command::Catalog {
            command: CatalogCommand::Find { text, format },
        } => catalog_cmd::find(&text.join(" "), format, lang),
        Command::Catalog {
            command: CatalogCommand::Export { name, format, out },
        } => catalog_export(&name, format, out.as_deref(), lang),
        Command::Convert { model, to, out } => convert::convert(&model, to, out.as_deref(), lang),
        Command::Import { command } => import::run(command, lang),
        Command::Schema { out } => {
            let text = serde_json::to_string_pretty(&cpsrisk_model::json_schema())
                .unwrap_or_default()
                + "\n";
            output::emit(out.as_deref(), &text, lang)
        }
        Command::Init {
            path,
            engine,
            force,
        } => init(&path, engine, force, lang),
        Command::Serve { database, listen } => serve::run(database, &listen, lang),
        Command::Admin { command } => admin::run(command, lang),
        Command::Push(args) => push::run(args, lang),
    };
    ExitCode::from(outcome.code())
}

fn locale_lang() -> Lang {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.is_empty())
        .map(|v| Lang::from_locale(&v))
        .unwrap_or_default()
}

fn validate(models: &[PathBuf], quiet: bool, lang: Lang) -> Outcome {
    let mut all_ok = true;
    // Read, parse and check each model.
    let bar = progress::Bar::start(3 * models.len() as u64, quiet, lang);
    for path in models {
        if input::load_with(path, lang, &bar).is_some() {
            outln!("{}: {}", path.display(), lang.pick("ok", "問題なし"));
        } else {
            all_ok = false;
            console::reached(&Outcome::Invalid);
        }
    }
    bar.finish();
    if all_ok {
        Outcome::Ok
    } else {
        Outcome::Invalid
    }
}

fn assess(
    path: &Path,
    format: FormatArg,
    out: Option<&Path>,
    fail_on: &[FailOn],
    shape: Shape,
    lang: Lang,
) -> Outcome {
    // Read, parse, check and render; one more stage per engine once the model is known.
    let bar = progress::Bar::start(4, shape.quiet, lang);
    let Some(model) = input::load_with(path, lang, &bar) else {
        bar.finish();
        return Outcome::Invalid;
    };
    bar.add_stages(progress::engines(&model));
    let shown = path.display().to_string();
    let report = Report::new_with(&shown, &model, &bar);
    let rendered = bar.as_progress().run(Stage::Render, || {
        match (
            report_format(format, out, shape.pretty),
            interchange::report_format(format),
        ) {
            _ if format == FormatArg::Pdf => pdf::emit(&report, &model, path, out, lang),
            (Some(f), _) => output::write_with(out, lang, |w| report.render_to(w, f, lang)),
            (None, Some(f)) => interchange::emit_report(&report, f, out, lang),
            (None, None) => unreachable!("every format is a document or an interchange format"),
        }
    });
    bar.finish();
    if let Outcome::Invalid = rendered {
        return Outcome::Invalid;
    }
    let outcome = fail_on::outcome(&fail_on::met(&fail_on::Counts::of(&report), fail_on), lang);
    // Freeing a large model and its report costs a noticeable share of a run, and the process
    // ends right after this: leave the memory to the operating system.
    std::mem::forget(report);
    std::mem::forget(model);
    outcome
}

/// How the run shows itself: indented JSON, no progress bar.
#[derive(Clone, Copy)]
struct Shape {
    pretty: bool,
    quiet: bool,
}

/// The report document format; `None` for the interchange formats (`interchange.rs`).
fn report_format(format: FormatArg, out: Option<&Path>, pretty: bool) -> Option<Format> {
    Some(match format {
        FormatArg::Text => Format::Text {
            colour: output::wants_colour(out),
        },
        // One line for programs and files; indented for a person at a terminal.
        FormatArg::Json => Format::Json {
            pretty: pretty || output::reaches_terminal(out),
        },
        FormatArg::Md => Format::Markdown,
        FormatArg::Html => Format::Html,
        _ => return None,
    })
}

fn diff(
    old: &Path,
    new: &Path,
    format: FormatArg,
    out: Option<&Path>,
    pretty: bool,
    lang: Lang,
) -> Outcome {
    let Some(format) = report_format(format, out, pretty) else {
        return interchange::not_for_diff(lang);
    };
    // Both are read and checked, so that every problem in either is reported at once.
    let (a, b) = (load(old, lang), load(new, lang));
    let (Some(a), Some(b)) = (a, b) else {
        return Outcome::Invalid;
    };
    let (old_path, new_path) = (old.display().to_string(), new.display().to_string());
    let text = Report::render_diff(
        &Report::new(&old_path, &a),
        &Report::new(&new_path, &b),
        format,
        lang,
    );
    output::emit(out, &text, lang)
}

fn catalog_export(name: &str, format: CatalogFormatArg, out: Option<&Path>, lang: Lang) -> Outcome {
    let format = match format {
        CatalogFormatArg::Json => CatalogFormat::Json,
        CatalogFormatArg::Yaml => CatalogFormat::Yaml,
        CatalogFormatArg::Csv => CatalogFormat::Csv,
        CatalogFormatArg::Oscal => return interchange::catalog_export_oscal(name, out, lang),
    };
    match cpsrisk_catalog::export(name, format) {
        Ok(text) => output::emit(out, &text, lang),
        Err(ExportError::UnknownCatalog { name, suggestion }) => {
            errln!(
                "error: {}{name}",
                lang.pick("unknown catalog: ", "不明なカタログ: ")
            );
            match suggestion {
                Some(s) => errln!(
                    "  = {}`{s}`",
                    lang.pick("help: did you mean ", "ヒント: 次の誤りではありませんか: ")
                ),
                None => errln!(
                    "  = {}",
                    lang.pick(
                        "help: `cpsrisk catalog list` shows the catalogs",
                        "ヒント: `cpsrisk catalog list` でカタログを一覧できます"
                    )
                ),
            }
            Outcome::Invalid
        }
        Err(ExportError::Serialize(e)) => {
            errln!("error: {e}");
            Outcome::Invalid
        }
    }
}

fn init(path: &Path, engine: EngineArg, force: bool, lang: Lang) -> Outcome {
    // `-` is standard output: the starter alone goes there, so it can be piped or redirected.
    let to_stdout = output::is_stdout(Some(path));
    if !to_stdout && path.exists() && !force {
        errln!(
            "{}: error: {}",
            path.display(),
            lang.pick(
                "the file exists; pass --force to replace it",
                "ファイルが既に存在します。置き換えるには --force を指定してください"
            )
        );
        return Outcome::Invalid;
    }
    let outcome = output::emit(Some(path), starter(engine), lang);
    if let (Outcome::Ok, false) = (&outcome, to_stdout) {
        outln!("{} {}", lang.pick("wrote", "作成しました:"), path.display());
    }
    outcome
}
