//! The stages of a run that a front end may show progress for. The loader and the report tell a
//! [`Progress`] when they enter and leave each stage; they never print anything themselves, so
//! the engines stay free of I/O and the front end decides what to show (the CLI's bar on
//! stderr, nothing in the server).

/// One stage of reading, assessing and writing a model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Reading the model file.
    Read,
    /// Parsing YAML or JSON into the model.
    Parse,
    /// Checking references and rules.
    Check,
    /// One framework's engine.
    Assess(Framework),
    /// Rendering the report, written out as it is rendered.
    Render,
}

/// The frameworks cpsrisk assesses, one engine each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framework {
    IotSsf,
    Dmf,
    Conformance,
}

/// Told of each stage as a run passes it; engines may run at once on several threads, so it is
/// `Sync`.
pub trait Progress: Sync {
    fn started(&self, stage: Stage);
    fn finished(&self, stage: Stage);
}

impl dyn Progress + '_ {
    /// Runs `work` as `stage`.
    pub fn run<T>(&self, stage: Stage, work: impl FnOnce() -> T) -> T {
        self.started(stage);
        let out = work();
        self.finished(stage);
        out
    }
}

/// Progress that nobody watches.
pub struct Unwatched;

impl Progress for Unwatched {
    fn started(&self, _: Stage) {}
    fn finished(&self, _: Stage) {}
}
