//! Progress of a run on stderr: a bar on a terminal once the run has lasted a second, nothing
//! when stderr is not a terminal or with `--quiet`. The loader and the report say which stage
//! they are in through [`Progress`]; this module only draws. Lines written to stderr meanwhile
//! (`errln!`: diagnostics, warnings) go through [`suspend`], which takes the bar off the
//! terminal while they are printed, so the two never mix.

use std::io::IsTerminal;
use std::sync::{Mutex, PoisonError, mpsc};
use std::thread::JoinHandle;
use std::time::Duration;

use cpsrisk_catalog::Lang;
use cpsrisk_model::Model;
use cpsrisk_model::progress::{Framework, Progress, Stage};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Runs shorter than this show nothing.
const DELAY: Duration = Duration::from_secs(1);

/// The bar being drawn, for [`suspend`] and [`clear`].
static ACTIVE: Mutex<Option<ProgressBar>> = Mutex::new(None);

/// The progress of one run; inert when nothing is to be shown.
pub struct Bar {
    shown: Option<Shown>,
}

struct Shown {
    bar: ProgressBar,
    lang: Lang,
    /// Stages started and not finished (engines run at once).
    running: Mutex<Vec<Stage>>,
    /// Dropped to tell the waiting thread that the run ended before [`DELAY`].
    stop: mpsc::Sender<()>,
    waiter: JoinHandle<()>,
}

impl Bar {
    /// A bar for a run of `stages` stages so far (more may be added with [`Bar::add_stages`]).
    pub fn start(stages: u64, quiet: bool, lang: Lang) -> Bar {
        if quiet || !std::io::stderr().is_terminal() {
            return Bar { shown: None };
        }
        let bar = ProgressBar::with_draw_target(Some(stages), ProgressDrawTarget::hidden());
        bar.set_style(
            ProgressStyle::with_template("{spinner} [{bar:24}] {pos}/{len} {msg} {elapsed}")
                .expect("a valid template")
                .progress_chars("=> "),
        );
        let (stop, stopped) = mpsc::channel::<()>();
        let waiter = {
            let bar = bar.clone();
            std::thread::spawn(move || {
                if stopped.recv_timeout(DELAY) == Err(mpsc::RecvTimeoutError::Timeout) {
                    bar.set_draw_target(ProgressDrawTarget::stderr());
                    bar.enable_steady_tick(Duration::from_millis(120));
                }
            })
        };
        *active() = Some(bar.clone());
        Bar {
            shown: Some(Shown {
                bar,
                lang,
                running: Mutex::new(Vec::new()),
                stop,
                waiter,
            }),
        }
    }

    /// Adds stages learnt on the way (one per engine the model has input for).
    pub fn add_stages(&self, stages: u64) {
        if let Some(s) = &self.shown {
            s.bar.inc_length(stages);
        }
    }

    pub fn as_progress(&self) -> &dyn Progress {
        self
    }

    /// Takes the bar off the terminal for good.
    pub fn finish(self) {
        if let Some(s) = self.shown {
            drop(s.stop);
            let _ = s.waiter.join();
            s.bar.finish_and_clear();
            *active() = None;
        }
    }
}

impl Progress for Bar {
    fn started(&self, stage: Stage) {
        if let Some(s) = &self.shown {
            let mut running = s.running.lock().unwrap_or_else(PoisonError::into_inner);
            running.push(stage);
            s.bar.set_message(describe(&running, s.lang));
        }
    }

    fn finished(&self, stage: Stage) {
        if let Some(s) = &self.shown {
            let mut running = s.running.lock().unwrap_or_else(PoisonError::into_inner);
            running.retain(|r| *r != stage);
            s.bar.inc(1);
            // Between stages the bar keeps naming the last one.
            if !running.is_empty() {
                s.bar.set_message(describe(&running, s.lang));
            }
        }
    }
}

/// How many engines will run on `model`: one stage each.
pub fn engines(model: &Model) -> u64 {
    [
        model.iot_ssf.is_some(),
        model.dmf.is_some(),
        model.conformance.is_some(),
    ]
    .into_iter()
    .map(u64::from)
    .sum()
}

fn active() -> std::sync::MutexGuard<'static, Option<ProgressBar>> {
    ACTIVE.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Runs `print` with the bar, if any, off the terminal.
pub fn suspend<T>(print: impl FnOnce() -> T) -> T {
    let bar = active().clone();
    match bar {
        Some(bar) => bar.suspend(print),
        None => print(),
    }
}

/// Takes the bar off the terminal before the process ends early.
pub fn clear() {
    if let Some(bar) = active().take() {
        bar.finish_and_clear();
    }
}

fn describe(running: &[Stage], lang: Lang) -> String {
    running
        .iter()
        .map(|s| label(*s, lang))
        .collect::<Vec<_>>()
        .join(" · ")
}

fn label(stage: Stage, lang: Lang) -> &'static str {
    match stage {
        Stage::Read => lang.pick("reading the model", "モデルを読込中"),
        Stage::Parse => lang.pick("parsing", "構文解析中"),
        Stage::Check => lang.pick("checking", "検査中"),
        Stage::Assess(Framework::IotSsf) => lang.pick("assessing IoT-SSF", "IoT-SSF を評価中"),
        Stage::Assess(Framework::Dmf) => lang.pick("assessing DMF", "DMF を評価中"),
        Stage::Assess(Framework::Conformance) => {
            lang.pick("assessing conformance", "適合性を評価中")
        }
        Stage::Render => lang.pick("writing the report", "レポートを出力中"),
    }
}
