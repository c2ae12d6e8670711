//! Reading models: a regular file or standard input (`-`), at most `--max-input-size` bytes,
//! never blocking on a FIFO and never aborting on a failed allocation.

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::sync::OnceLock;

use cpsrisk_catalog::Lang;
use cpsrisk_model::progress::{Progress, Stage, Unwatched};
use cpsrisk_model::{Diagnostic, Model, Position, Text};

use crate::console::errln;

/// The default of `--max-input-size`: room for the 100,000-device benchmark model (~66 MB).
pub const DEFAULT_MAX_INPUT: u64 = 256 << 20;

static MAX_INPUT: OnceLock<u64> = OnceLock::new();

/// Sets the size limit for every model read in this run.
pub fn set_max_input(bytes: u64) {
    let _ = MAX_INPUT.set(bytes);
}

fn max_input() -> u64 {
    MAX_INPUT.get().copied().unwrap_or(DEFAULT_MAX_INPUT)
}

/// Parses a size such as `1000`, `64K`, `300MiB` or `1G` (binary multiples).
pub fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let digits = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let (number, unit) = s.split_at(digits);
    let shift = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kib" | "kb" => 10,
        "m" | "mib" | "mb" => 20,
        "g" | "gib" | "gb" => 30,
        _ => return Err(format!("unknown unit `{unit}`: use K, M or G")),
    };
    let n: u64 = number
        .parse()
        .map_err(|_| format!("`{s}` is not a size such as 256M"))?;
    n.checked_mul(1 << shift)
        .ok_or_else(|| format!("`{s}` is too large"))
}

/// Prints the first diagnostics about `path` to stderr, then how many more there are.
pub fn report_diagnostics(path: &Path, diagnostics: &[Diagnostic], lang: Lang) {
    let shown = path.display().to_string();
    for d in diagnostics.iter().take(cpsrisk_model::PRINTED_DIAGNOSTICS) {
        errln!("{}", d.render(&shown, lang));
    }
    let more = diagnostics
        .len()
        .saturating_sub(cpsrisk_model::PRINTED_DIAGNOSTICS);
    if more > 0 {
        let (en, ja) = (
            format!("… and {more} more problems; fix these first"),
            format!("… ほかに {more} 件の問題があります。まず上記を直してください"),
        );
        errln!("{shown}: {}", lang.pick(&en, &ja));
    }
}

/// Reads and checks a model, reporting every problem; `None` when there was any.
pub fn load(path: &Path, lang: Lang) -> Option<Model> {
    load_with(path, lang, &Unwatched)
}

/// [`load`], telling `progress` of reading, parsing and checking.
pub fn load_with(path: &Path, lang: Lang, progress: &dyn Progress) -> Option<Model> {
    let text = progress.run(Stage::Read, || read_text(path, lang))?;
    match cpsrisk_model::load_and_check_with(&text, progress) {
        Ok(model) => {
            let shown = path.display().to_string();
            for w in cpsrisk_model::flow_lists::cut_items(&text) {
                errln!("{}", w.render_warning(&shown, lang));
            }
            Some(model)
        }
        Err(diagnostics) => {
            report_diagnostics(path, &diagnostics, lang);
            None
        }
    }
}

/// Reads a file given on the command line (or `-`) as text, within the size limit; reports
/// why not and gives `None` when it cannot.
pub fn read_text(path: &Path, lang: Lang) -> Option<String> {
    match read(path) {
        Ok(text) => Some(text),
        Err(why) => {
            let d = Diagnostic::new(why.position(), why.text());
            report_diagnostics(path, &[d], lang);
            None
        }
    }
}

/// Why a model could not be read.
enum Unreadable {
    Io(io::Error),
    NotRegular { en: &'static str, ja: &'static str },
    TooLarge { limit: u64 },
    OutOfMemory { bytes: u64 },
    NotUtf8(Position),
}

impl Unreadable {
    fn position(&self) -> Position {
        match self {
            Unreadable::NotUtf8(at) => *at,
            _ => Position { line: 1, column: 1 },
        }
    }

    fn text(&self) -> Text {
        match self {
            Unreadable::Io(e) => Text::new(
                format!("cannot read the model: {e}"),
                format!("モデルを読み込めません: {e}"),
            ),
            Unreadable::NotRegular { en, ja } => Text::new(
                format!(
                    "not a regular file but {en}; pipe it to `cpsrisk … -` (standard input) instead"
                ),
                format!(
                    "通常のファイルではなく{ja}です。標準入力から読むには `cpsrisk … -` にパイプで渡してください"
                ),
            ),
            Unreadable::TooLarge { limit } => Text::new(
                format!(
                    "the model is larger than the input limit of {limit} bytes; raise it with --max-input-size or CPSRISK_MAX_INPUT (e.g. 1G)"
                ),
                format!(
                    "モデルが入力の上限 {limit} バイトを超えています。--max-input-size または CPSRISK_MAX_INPUT で上限を上げてください（例: 1G）"
                ),
            ),
            Unreadable::OutOfMemory { bytes } => Text::new(
                format!("not enough memory to read {bytes} bytes"),
                format!("{bytes} バイトを読み込むためのメモリが足りません"),
            ),
            Unreadable::NotUtf8(_) => Text::new(
                "the model is not UTF-8 text; save it as UTF-8",
                "モデルが UTF-8 のテキストではありません。UTF-8 で保存してください",
            ),
        }
    }
}

impl From<io::Error> for Unreadable {
    fn from(e: io::Error) -> Self {
        Unreadable::Io(e)
    }
}

fn read(path: &Path) -> Result<String, Unreadable> {
    let limit = max_input();
    let bytes = if path == Path::new("-") {
        read_limited(io::stdin().lock(), 0, limit)?
    } else {
        let file = open_regular(path)?;
        let size = file.metadata()?.len();
        if size > limit {
            return Err(Unreadable::TooLarge { limit });
        }
        read_limited(file, size, limit)?
    };
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&valid[line_start..])
            .chars()
            .count()
            + 1;
        Unreadable::NotUtf8(Position {
            line: line as u64,
            column: column as u64,
        })
    })
}

/// Opens `path` without blocking (a FIFO with no writer would block a plain open) and accepts
/// it only if it is a regular file.
fn open_regular(path: &Path) -> Result<File, Unreadable> {
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)?;
    let kind = file.metadata()?.file_type();
    if kind.is_file() {
        Ok(file)
    } else {
        use std::os::unix::fs::FileTypeExt;
        let (en, ja) = if kind.is_dir() {
            ("a directory", "ディレクトリ")
        } else if kind.is_fifo() {
            ("a FIFO", "FIFO（名前付きパイプ）")
        } else if kind.is_char_device() || kind.is_block_device() {
            ("a device", "デバイス")
        } else {
            ("a socket", "ソケット")
        };
        Err(Unreadable::NotRegular { en, ja })
    }
}

/// Reads at most `limit` bytes, reserving memory fallibly so that a failed allocation is an
/// error rather than an abort.
fn read_limited(reader: impl Read, size_hint: u64, limit: u64) -> Result<Vec<u8>, Unreadable> {
    let mut bytes = Vec::new();
    let oom = |bytes: u64| Unreadable::OutOfMemory { bytes };
    bytes
        .try_reserve_exact(usize::try_from(size_hint).map_err(|_| oom(size_hint))?)
        .map_err(|_| oom(size_hint))?;
    let mut reader = reader.take(limit.saturating_add(1));
    let mut chunk = [0u8; 64 * 1024];
    loop {
        let n = match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e.into()),
        };
        bytes
            .try_reserve(n)
            .map_err(|_| oom(bytes.len() as u64 + n as u64))?;
        bytes.extend_from_slice(&chunk[..n]);
    }
    if bytes.len() as u64 > limit {
        return Err(Unreadable::TooLarge { limit });
    }
    Ok(bytes)
}
