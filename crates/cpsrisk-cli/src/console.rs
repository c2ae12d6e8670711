//! Checked writes of lines to the terminal. A reader that went away (`| head -1`) ends the run
//! quietly with the exit code reached so far; a stream that cannot be written (`> /dev/full`)
//! ends it with exit 2 and, where stderr still works, a message.

use std::fmt;
use std::io::{self, Write};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

use cpsrisk_catalog::Lang;

use crate::{Outcome, output, progress};

/// The exit code the run has reached so far, for runs cut short by a closed pipe.
static REACHED: AtomicU8 = AtomicU8::new(0);

/// Records that the run will end with at least `outcome`'s exit code.
pub fn reached(outcome: &Outcome) {
    REACHED.fetch_max(outcome.code(), Ordering::Relaxed);
}

/// A line on standard output; use `outln!`. Lines on either stream are written with the
/// progress bar off the terminal, so that the two never mix.
pub fn out(line: fmt::Arguments) {
    let written = progress::suspend(|| writeln!(io::stdout().lock(), "{line}"));
    if let Err(e) = written {
        stdout_failed(&e);
    }
}

/// A line on standard error; use `errln!`.
pub fn err(line: fmt::Arguments) {
    if let Err(e) = progress::suspend(|| writeln!(io::stderr().lock(), "{line}")) {
        let code = if e.kind() == io::ErrorKind::BrokenPipe {
            REACHED.load(Ordering::Relaxed)
        } else {
            2
        };
        end(code);
    }
}

/// Ends the run after standard output failed with `e`: quietly for a closed pipe, else exit 2.
pub fn stdout_failed(e: &io::Error) -> ! {
    let lang = LANG.get().copied().unwrap_or_default();
    if e.kind() == io::ErrorKind::BrokenPipe {
        end(REACHED.load(Ordering::Relaxed));
    }
    // Whether or not stderr works, the run ends with 2.
    let _ = writeln!(
        io::stderr().lock(),
        "<stdout>: error: {}{e}",
        lang.pick("cannot write: ", "書き込めません: ")
    );
    end(2)
}

/// Ends the process, removing any unfinished `--out` file first.
pub fn end(code: u8) -> ! {
    progress::clear();
    output::discard_pending();
    std::process::exit(code.into())
}

static LANG: OnceLock<Lang> = OnceLock::new();

/// The language of messages about failed writes, set once from the command line.
pub fn set_lang(lang: Lang) {
    let _ = LANG.set(lang);
}

/// `println!` through a checked write.
macro_rules! outln {
    ($($arg:tt)*) => { $crate::console::out(format_args!($($arg)*)) };
}

/// `eprintln!` through a checked write.
macro_rules! errln {
    ($($arg:tt)*) => { $crate::console::err(format_args!($($arg)*)) };
}

pub(crate) use {errln, outln};
