//! Writing results, streamed: to standard output (`--out -` or none), through to a target that
//! is not a regular file (a device node, a FIFO), or to a regular file that is replaced only once
//! complete. `docs/security.md` describes each kind of target.

use std::fs::{self, OpenOptions, Permissions};
use std::io::{self, IsTerminal, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, Once};

use cpsrisk_catalog::Lang;

use crate::Outcome;
use crate::console::{self, errln};
use crate::pipelined;

/// Whether `--out` means standard output: absent or `-`.
pub fn is_stdout(out: Option<&Path>) -> bool {
    out.is_none_or(|p| p == Path::new("-"))
}

/// Whether what is written to `out` reaches a person at a terminal.
pub fn reaches_terminal(out: Option<&Path>) -> bool {
    is_stdout(out) && io::stdout().is_terminal()
}

/// Whether what is written to `out` may be coloured: a terminal, and no `NO_COLOR`.
pub fn wants_colour(out: Option<&Path>) -> bool {
    std::env::var_os("NO_COLOR").is_none() && reaches_terminal(out)
}

/// Writes `text` to `out`; see [`write_with`].
pub fn emit(out: Option<&Path>, text: &str, lang: Lang) -> Outcome {
    write_with(out, lang, |w| w.write_all(text.as_bytes()))
}

/// Streams what `body` writes to `out`. A regular file is written under a random name beside
/// it (created exclusively, never through a planted link) and renamed over it only when `body`
/// and every write succeeded, so a failed or interrupted run never leaves a partial result that
/// looks complete. A closed standard output ends the run quietly; any other failure is reported
/// and gives [`Outcome::Invalid`].
pub fn write_with(
    out: Option<&Path>,
    lang: Lang,
    body: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Outcome {
    let Some(path) = out.filter(|_| !is_stdout(out)) else {
        return match pipelined::write_through(io::stdout(), body) {
            Ok(_) => Outcome::Ok,
            Err(e) => console::stdout_failed(&e),
        };
    };
    match to_path(path, body) {
        Ok(()) => Outcome::Ok,
        Err(refusal) => {
            errln!("{}: error: {}", path.display(), refusal.message(lang));
            Outcome::Invalid
        }
    }
}

/// Why a target was not written.
enum Refusal {
    Io(io::Error),
    Directory,
    DanglingLink,
}

impl From<io::Error> for Refusal {
    fn from(e: io::Error) -> Self {
        Refusal::Io(e)
    }
}

impl Refusal {
    fn message(&self, lang: Lang) -> String {
        match self {
            Refusal::Io(e) => format!("{}{e}", lang.pick("cannot write: ", "書き込めません: ")),
            Refusal::Directory => lang
                .pick(
                    "--out names a directory; name a file in it",
                    "--out にディレクトリが指定されています。その中のファイル名を指定してください",
                )
                .into(),
            Refusal::DanglingLink => lang
                .pick(
                    "--out names a symbolic link to nothing; create its target or name another file",
                    "--out がリンク先の存在しないシンボリックリンクです。リンク先を作成するか別のファイルを指定してください",
                )
                .into(),
        }
    }
}

/// What is at the `--out` path, links followed.
enum Target {
    /// A regular file (the final target of any links), or nothing yet: replaced atomically.
    Replace {
        path: PathBuf,
        permissions: Option<Permissions>,
    },
    /// A device node, FIFO or socket: written through, never replaced.
    WriteThrough,
}

fn target(path: &Path) -> Result<Target, Refusal> {
    let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    match fs::metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound && is_link => Err(Refusal::DanglingLink),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Target::Replace {
            path: path.to_owned(),
            permissions: None,
        }),
        Err(e) => Err(e.into()),
        Ok(m) if m.is_dir() => Err(Refusal::Directory),
        // The link stays; the file it leads to is replaced.
        Ok(m) if m.is_file() => Ok(Target::Replace {
            path: if is_link {
                fs::canonicalize(path)?
            } else {
                path.to_owned()
            },
            permissions: Some(m.permissions()),
        }),
        Ok(_) => Ok(Target::WriteThrough),
    }
}

fn to_path(
    path: &Path,
    body: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), Refusal> {
    match target(path)? {
        Target::WriteThrough => {
            pipelined::write_through(OpenOptions::new().write(true).open(path)?, body)?;
        }
        Target::Replace { path, permissions } => replace(&path, permissions, body)?,
    }
    Ok(())
}

fn replace(
    path: &Path,
    permissions: Option<Permissions>,
    body: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let prefix = format!(
        ".{}.",
        path.file_name().unwrap_or_default().to_string_lossy()
    );
    // Declared before the file so that it is unregistered only after the file is gone.
    let pending = Pending::start();
    let file = {
        // Created and registered under the lock, so that a signal in between still finds it.
        let mut registry = pending.lock();
        let file = tempfile::Builder::new()
            .prefix(&prefix)
            .suffix(".cpsrisk-tmp")
            // A new file gets the permissions any new file gets (the umask applies).
            .permissions(Permissions::from_mode(0o666))
            .tempfile_in(dir)?;
        *registry = Some(file.path().to_owned());
        file
    };
    let file = pipelined::write_through(file, body)?;
    if let Some(p) = permissions {
        file.as_file().set_permissions(p)?;
    }
    file.as_file().sync_all()?;
    let mut registry = pending.lock();
    let persisted = file.persist(path).map(drop).map_err(|e| e.error);
    *registry = None;
    persisted
}

/// The temporary file being written, removed if the run ends by a signal or a failed write to
/// the terminal; `None` once it is renamed into place or dropped (which removes it).
static PENDING: Mutex<Option<PathBuf>> = Mutex::new(None);

struct Pending;

impl Pending {
    fn start() -> Self {
        static SIGNALS: Once = Once::new();
        SIGNALS.call_once(watch_signals);
        Pending
    }

    fn lock(&self) -> MutexGuard<'static, Option<PathBuf>> {
        PENDING.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        *self.lock() = None;
    }
}

/// Removes the unfinished `--out` file, if any. The lock stays held by a caller that then
/// exits, so that no rename can follow.
pub fn discard_pending() {
    let mut pending = PENDING.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(path) = pending.take() {
        let _ = fs::remove_file(path);
    }
    std::mem::forget(pending);
}

/// On SIGINT, SIGTERM or SIGHUP: remove the unfinished file and exit with 128 + the signal.
fn watch_signals() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            console::end(128 + signal as u8);
        }
    });
}
