//! Reading a large YAML model on every core: the long lists of a model (devices, data flows,
//! DMF events, conformance provisions …) are cut at their items into pieces, each piece is read
//! alone as a list on its own thread, and the rest of the file is read with those lists' lines
//! left blank. Every place comes out as the whole-file parse gives it: a piece keeps its lines
//! as they are (so its columns) and its [`Loc`](crate::Loc)s are moved down by the lines before it.
//!
//! Cutting is only safe where a piece means alone what it meant in the file, so the file is
//! first read line by line, and anything that could make a difference sends it back to the
//! single parse: anchors, aliases, tags, merge keys, directives and document markers, quoted
//! scalars or flow collections over more than one line, explicit keys, tabs, line breaks other
//! than LF and CR LF. A piece or the rest that fails to parse does the same, so errors are
//! always explained by the whole-file parse.

use std::any::Any;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use serde::de::DeserializeOwned;

use crate::loc::with_yaml_line_offset;
use crate::model::{
    Control, DataFlow, DataItem, Decision, Device, DeviceThreat, DmfSystem, Event,
    ExtraRequirement, Incident, Model, Organisation, Place, Policy, ProvisionStatement, Rating,
    Stakeholder, TestResult,
};

/// When to cut and into what.
#[derive(Debug, Clone, Copy)]
pub struct Split {
    /// Smaller files are read whole: cutting would not pay.
    pub min_text_bytes: usize,
    /// A list is cut out of the file from this size on.
    pub min_list_bytes: usize,
    /// Pieces per thread: more pieces even out the threads' shares.
    pub pieces_per_thread: usize,
    /// Threads to read on; `None`: the machine's cores.
    pub threads: Option<usize>,
}

impl Split {
    pub const DEFAULT: Split = Split {
        min_text_bytes: 4 << 20,
        min_list_bytes: 256 << 10,
        pieces_per_thread: 4,
        threads: None,
    };

    /// Cuts any file and every list, into many pieces on two threads: the cutting at work on
    /// small files (tests, fuzzing).
    pub const ALWAYS: Split = Split {
        min_text_bytes: 0,
        min_list_bytes: 0,
        pieces_per_thread: 3,
        threads: Some(2),
    };
}

/// Reads `text` in pieces on several threads; `None` where the file must be read whole (too
/// small, a construct that a piece would read differently, or any parse error).
pub fn parse(text: &str, split: &Split) -> Option<Model> {
    if text.len() < split.min_text_bytes {
        return None;
    }
    let lists = scan(text, split)?;
    if lists.is_empty() {
        return None;
    }
    let threads = split
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let pieces = pieces(&lists, threads * split.pieces_per_thread.max(1));
    let options = || super::options(text.len());
    // A piece's list stands two containers deep in the file (the top mapping and its section):
    // nesting counts from the list in a piece, so the piece may nest two levels less.
    let piece_options = || {
        let mut options = options();
        if let Some(budget) = &mut options.budget {
            budget.max_depth = budget.max_depth.saturating_sub(2);
        }
        options
    };

    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let results: Vec<Mutex<Option<Box<dyn Any + Send>>>> =
        pieces.iter().map(|_| Mutex::new(None)).collect();
    let work = || {
        while !failed.load(Ordering::Relaxed) {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(piece) = pieces.get(i) else { break };
            let piece_text = &text[piece.bytes.clone()];
            let read = plain(piece_text).then(|| {
                with_yaml_line_offset(piece.lines_before, || {
                    LISTS[piece.list].read(piece_text, piece_options())
                })
            });
            match read {
                Some(Some(items)) => *results[i].lock().expect("no panic") = Some(items),
                _ => failed.store(true, Ordering::Relaxed),
            }
        }
    };
    let rest = std::thread::scope(|scope| {
        for _ in 1..threads.min(pieces.len()) {
            scope.spawn(work);
        }
        // This thread reads the rest of the file, then joins in on the pieces.
        let rest = rest_of(text, &lists);
        let rest = plain(&rest)
            .then(|| serde_saphyr::from_str_with_options::<Model>(&rest, options()).ok());
        work();
        rest.flatten()
    });
    if failed.into_inner() {
        return None;
    }
    let mut model = rest?;
    let mut results = results
        .into_iter()
        .map(|r| r.into_inner().expect("no panic"));
    let mut pieces = pieces.iter().peekable();
    while let Some(first) = pieces.peek() {
        let list = first.list;
        let mut parts = Vec::new();
        while pieces.next_if(|p| p.list == list).is_some() {
            parts.push(results.next()??);
        }
        if !LISTS[list].install(&mut model, parts) {
            return None;
        }
    }
    Some(model)
}

/// A list of the model that may be read in pieces: where it stands, and how to read a piece
/// of it and put the pieces in their place.
trait List: Sync {
    fn section(&self) -> &'static str;
    fn key(&self) -> &'static str;
    fn read(&self, piece: &str, options: serde_saphyr::Options) -> Option<Box<dyn Any + Send>>;
    /// Puts the pieces' items, in order, where the rest of the file left the list empty.
    fn install(&self, model: &mut Model, parts: Vec<Box<dyn Any + Send>>) -> bool;
}

struct ListOf<T> {
    section: &'static str,
    key: &'static str,
    field: fn(&mut Model) -> Option<&mut Vec<T>>,
}

impl<T: DeserializeOwned + Send + 'static> List for ListOf<T> {
    fn section(&self) -> &'static str {
        self.section
    }

    fn key(&self) -> &'static str {
        self.key
    }

    fn read(&self, piece: &str, options: serde_saphyr::Options) -> Option<Box<dyn Any + Send>> {
        let items = serde_saphyr::from_str_with_options::<Vec<T>>(piece, options).ok()?;
        Some(Box::new(items))
    }

    fn install(&self, model: &mut Model, parts: Vec<Box<dyn Any + Send>>) -> bool {
        let Some(slot) = (self.field)(model).filter(|s| s.is_empty()) else {
            return false;
        };
        let Ok(parts) = parts
            .into_iter()
            .map(|p| p.downcast::<Vec<T>>())
            .collect::<Result<Vec<_>, _>>()
        else {
            return false;
        };
        slot.reserve_exact(parts.iter().map(|p| p.len()).sum());
        for part in parts {
            slot.extend(*part);
        }
        true
    }
}

/// Every list of a model section: any of them may be long.
static LISTS: &[&dyn List] = &[
    &ListOf::<Stakeholder> {
        section: "iot_ssf",
        key: "stakeholders",
        field: |m| m.iot_ssf.as_mut().map(|s| &mut s.stakeholders),
    },
    &ListOf::<Device> {
        section: "iot_ssf",
        key: "devices",
        field: |m| m.iot_ssf.as_mut().map(|s| &mut s.devices),
    },
    &ListOf::<DataFlow> {
        section: "iot_ssf",
        key: "data_flows",
        field: |m| m.iot_ssf.as_mut().map(|s| &mut s.data_flows),
    },
    &ListOf::<Incident> {
        section: "iot_ssf",
        key: "incidents",
        field: |m| m.iot_ssf.as_mut().map(|s| &mut s.incidents),
    },
    &ListOf::<Rating> {
        section: "iot_ssf",
        key: "ratings",
        field: |m| m.iot_ssf.as_mut().map(|s| &mut s.ratings),
    },
    &ListOf::<Policy> {
        section: "iot_ssf",
        key: "policies",
        field: |m| m.iot_ssf.as_mut().map(|s| &mut s.policies),
    },
    &ListOf::<DeviceThreat> {
        section: "iot_ssf",
        key: "threats",
        field: |m| m.iot_ssf.as_mut().map(|s| &mut s.threats),
    },
    &ListOf::<ExtraRequirement> {
        section: "iot_ssf",
        key: "extra_requirements",
        field: |m| m.iot_ssf.as_mut().map(|s| &mut s.extra_requirements),
    },
    &ListOf::<Decision> {
        section: "iot_ssf",
        key: "decisions",
        field: |m| m.iot_ssf.as_mut().map(|s| &mut s.decisions),
    },
    &ListOf::<Control> {
        section: "iot_ssf",
        key: "controls",
        field: |m| m.iot_ssf.as_mut().map(|s| &mut s.controls),
    },
    &ListOf::<Organisation> {
        section: "dmf",
        key: "organisations",
        field: |m| m.dmf.as_mut().map(|s| &mut s.organisations),
    },
    &ListOf::<DmfSystem> {
        section: "dmf",
        key: "systems",
        field: |m| m.dmf.as_mut().map(|s| &mut s.systems),
    },
    &ListOf::<Place> {
        section: "dmf",
        key: "places",
        field: |m| m.dmf.as_mut().map(|s| &mut s.places),
    },
    &ListOf::<DataItem> {
        section: "dmf",
        key: "data",
        field: |m| m.dmf.as_mut().map(|s| &mut s.data),
    },
    &ListOf::<Event> {
        section: "dmf",
        key: "events",
        field: |m| m.dmf.as_mut().map(|s| &mut s.events),
    },
    &ListOf::<ProvisionStatement> {
        section: "conformance",
        key: "provisions",
        field: |m| m.conformance.as_mut().map(|s| &mut s.provisions),
    },
    &ListOf::<TestResult> {
        section: "conformance",
        key: "tests",
        field: |m| m.conformance.as_mut().map(|s| &mut s.tests),
    },
];

/// A list found in the file: where its items start.
struct ListSpan {
    list: usize,
    /// Byte offset just after the list's key and its `:`, where the rest of the file gets `[]`.
    key_end: usize,
    /// Byte offset and line index (0-based) of each item's first line.
    items: Vec<(usize, u64)>,
    /// Byte offset just past the list.
    end: usize,
}

impl ListSpan {
    fn start(&self) -> usize {
        self.items[0].0
    }
}

/// Reads the file line by line for the long lists of its sections, at their starts only:
/// [`plain`] reads every line of the pieces and of the rest. `None` where a line could open a
/// block scalar and is not plain.
fn scan(text: &str, split: &Split) -> Option<Vec<ListSpan>> {
    let mut lists: Vec<ListSpan> = Vec::new();
    // Top-level key whose block mapping we are in, and the indentation of its keys.
    let mut section: Option<(&str, Option<usize>)> = None;
    // A list key seen, waiting for its first item: the list, its key's indentation and end.
    let mut pending: Option<(usize, usize, usize)> = None;
    // The list being read, and the indentation of its items.
    let mut open: Option<(ListSpan, usize)> = None;
    // Lines more indented than this belong to a block scalar.
    let mut block_scalar: Option<usize> = None;
    let mut close = |span: ListSpan, end: usize| {
        let span = ListSpan { end, ..span };
        if span.end - span.start() >= split.min_list_bytes {
            lists.push(span);
        }
    };
    for Line {
        start,
        index,
        text: line,
        indent,
    } in lines(text)
    {
        let content = &line[indent..];
        let blank = content.is_empty();
        if block_scalar.is_some_and(|above| blank || indent > above) {
            continue;
        }
        // Only a line with `|` or `>` can open a block scalar.
        let bar = content
            .bytes()
            .fold(false, |seen, b| seen | (b == b'|') | (b == b'>'));
        block_scalar = if bar { lex(line, indent)? } else { None };
        if blank || content.starts_with('#') {
            continue;
        }
        if let Some((span, item_indent)) = &mut open {
            if indent > *item_indent {
                continue;
            }
            if indent == *item_indent && is_item(content) {
                span.items.push((start, index));
                continue;
            }
            let (span, _) = open.take().expect("a list is open");
            close(span, start);
        }
        if let Some((list, key_indent, key_end)) = pending.take()
            && is_item(content)
            && indent >= key_indent
        {
            let items = vec![(start, index)];
            open = Some((
                ListSpan {
                    list,
                    key_end,
                    items,
                    end: text.len(),
                },
                indent,
            ));
            continue;
        }
        if indent == 0 {
            section = bare_key(content).map(|k| (k, None));
        } else if let Some((name, keys)) = &mut section {
            let keys = *keys.get_or_insert(indent);
            if indent == keys
                && let Some(key) = bare_key(content)
                && let Some(list) = LISTS
                    .iter()
                    .position(|l| l.section() == *name && l.key() == key)
            {
                pending = Some((list, indent, start + indent + key.len() + 1));
            }
        }
    }
    if let Some((span, _)) = open {
        close(span, text.len());
    }
    Some(lists)
}

/// The file with the lists' lines left empty (so that the others keep their numbers) and `[]`
/// after the lists' keys.
fn rest_of(text: &str, lists: &[ListSpan]) -> String {
    let mut rest = String::with_capacity(text.len() / 16);
    let mut from = 0;
    for span in lists {
        rest.push_str(&text[from..span.key_end]);
        rest.push_str(" []");
        rest.push_str(&text[span.key_end..span.start()]);
        for _ in text[span.start()..span.end].matches('\n') {
            rest.push('\n');
        }
        from = span.end;
    }
    rest.push_str(&text[from..]);
    rest
}

/// A piece of a list: its bytes in the file and the lines before it.
struct Piece {
    list: usize,
    bytes: std::ops::Range<usize>,
    lines_before: u64,
}

/// Cuts the lists into about `count` pieces in all, at item boundaries.
fn pieces(lists: &[ListSpan], count: usize) -> Vec<Piece> {
    let total: usize = lists.iter().map(|l| l.end - l.start()).sum();
    let target = total.div_ceil(count).max(1);
    let mut pieces = Vec::new();
    for span in lists {
        let mut i = 0;
        while i < span.items.len() {
            let (start, line) = span.items[i];
            let mut j = i + 1;
            while j < span.items.len() && span.items[j].0 - start < target {
                j += 1;
            }
            let end = span.items.get(j).map_or(span.end, |item| item.0);
            pieces.push(Piece {
                list: span.list,
                bytes: start..end,
                lines_before: line,
            });
            i = j;
        }
    }
    pieces
}

/// Whether no line of `text` (a piece, or the rest of the file) holds anything a piece could
/// read differently. The text of block scalars is only looked at for odd characters.
fn plain(text: &str) -> bool {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut block_scalar: Option<usize> = None;
    for Line {
        text: line, indent, ..
    } in lines(text)
    {
        if odd(line.as_bytes()) {
            return false;
        }
        if block_scalar.is_some_and(|above| indent == line.len() || indent > above) {
            continue;
        }
        match lex(line, indent) {
            Some(opens) => block_scalar = opens,
            None => return false,
        }
    }
    true
}

/// A line of the file, without its break.
struct Line<'a> {
    /// Byte offset of its start, and its index (0-based).
    start: usize,
    index: u64,
    text: &'a str,
    /// Leading spaces.
    indent: usize,
}

fn lines(text: &str) -> impl Iterator<Item = Line<'_>> {
    let mut start = 0;
    text.split_inclusive('\n')
        .zip(0..)
        .map(move |(raw, index)| {
            let line = raw.strip_suffix('\n').unwrap_or(raw);
            let line = line.strip_suffix('\r').unwrap_or(line);
            let at = start;
            start += raw.len();
            Line {
                start: at,
                index,
                text: line,
                indent: line.len() - line.trim_start_matches(' ').len(),
            }
        })
}

/// Tabs, a CR that is not part of a line's CR LF, and characters some YAML readers take for a
/// line break or a byte-order mark (NEL, LS, PS, U+FEFF).
fn odd(line: &[u8]) -> bool {
    line.iter().enumerate().any(|(i, &b)| match b {
        b'\t' | b'\r' => true,
        0xC2 => line.get(i + 1) == Some(&0x85),
        0xE2 => matches!(line.get(i + 1..i + 3), Some([0x80, 0xA8 | 0xA9])),
        0xEF => matches!(line.get(i + 1..i + 3), Some([0xBB, 0xBF])),
        _ => false,
    })
}

/// Whether a line's content (after its indentation) starts a block sequence item.
fn is_item(content: &str) -> bool {
    content == "-" || content.starts_with("- ")
}

/// `key` of a line `key:` with nothing after it but a comment: a plain key that opens a block.
fn bare_key(content: &str) -> Option<&str> {
    let (key, after) = content.split_once(':')?;
    let after = after.trim_start_matches(' ');
    let simple = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    (simple && (after.is_empty() || after.starts_with('#'))).then_some(key)
}

/// Reads one line (without its break) for anything a piece could read differently: `None` if
/// there is; otherwise whether the line opens a block scalar, and the indentation its text
/// must exceed.
#[allow(clippy::option_option)]
fn lex(line: &str, indent: usize) -> Option<Option<usize>> {
    // Document markers: a piece would not see the documents around it.
    if line.starts_with("---") || line.starts_with("...") {
        return None;
    }
    let bytes = line.as_bytes();
    let mut i = indent;
    // Column of the key or `-` that owns what follows (a block scalar's text is indented more).
    let mut owner = indent;
    let mut flow_depth = 0usize;
    loop {
        // At the start of a node.
        while i < bytes.len() && bytes[i] == b' ' {
            i += 1;
        }
        let Some(&c) = bytes.get(i) else { break };
        let next_is_space = bytes.get(i + 1).is_none_or(|&b| b == b' ');
        let token = i;
        match c {
            b'#' => break,
            b'-' if next_is_space && flow_depth == 0 => {
                owner = i;
                i += 1;
                continue;
            }
            b'"' => i = closing_double_quote(bytes, i + 1)? + 1,
            b'\'' => i = closing_single_quote(bytes, i + 1)? + 1,
            b'[' | b'{' => {
                flow_depth += 1;
                i += 1;
                continue;
            }
            b']' | b'}' if flow_depth > 0 => {
                flow_depth -= 1;
                i += 1;
            }
            b',' if flow_depth > 0 => {
                i += 1;
                continue;
            }
            b'|' | b'>' if flow_depth == 0 => {
                let header = line[i + 1..].split(" #").next().unwrap_or("");
                return header
                    .trim_end_matches(' ')
                    .bytes()
                    .all(|b| b == b'+' || b == b'-')
                    .then_some(Some(owner));
            }
            // Anchors, aliases, tags, explicit keys, empty keys, directives, reserved, merge.
            b'&' | b'*' | b'!' | b'?' | b':' | b'%' | b'@' | b'`' | b'<' => return None,
            _ => {
                // A plain scalar: up to `: `, ` #`, or in a flow collection `,`, `]`, `}`.
                while let Some(&b) = bytes.get(i) {
                    let next = bytes.get(i + 1).copied();
                    if b == b':' && (next.is_none_or(|n| n == b' ') || flow_depth > 0) {
                        break;
                    }
                    if b == b' ' && next == Some(b'#') {
                        break;
                    }
                    if flow_depth > 0 && matches!(b, b',' | b']' | b'}' | b'[' | b'{') {
                        break;
                    }
                    i += 1;
                }
            }
        }
        // After a node: a key's `:`, the end of a flow item, or a comment.
        while i < bytes.len() && bytes[i] == b' ' {
            i += 1;
        }
        match bytes.get(i) {
            None => break,
            Some(b':') => {
                owner = token;
                i += 1;
            }
            Some(b'#') if bytes[i - 1] == b' ' => break,
            Some(b',' | b']' | b'}') if flow_depth > 0 => {}
            Some(_) => return None,
        }
    }
    (flow_depth == 0).then_some(None)
}

/// The index of the `"` that closes a double-quoted scalar opened before `from`, on this line.
fn closing_double_quote(bytes: &[u8], mut from: usize) -> Option<usize> {
    while from < bytes.len() {
        match bytes[from] {
            b'\\' => from += 2,
            b'"' => return Some(from),
            _ => from += 1,
        }
    }
    None
}

/// The index of the `'` that closes a single-quoted scalar opened before `from`, on this line.
fn closing_single_quote(bytes: &[u8], mut from: usize) -> Option<usize> {
    while from < bytes.len() {
        if bytes[from] == b'\'' {
            if bytes.get(from + 1) == Some(&b'\'') {
                from += 2;
                continue;
            }
            return Some(from);
        }
        from += 1;
    }
    None
}
