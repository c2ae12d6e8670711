//! Cycles in a relation between entries of one kind (`after` between events, `runs_on`
//! between systems, `protected_by` between devices): each is an input error.

use foldhash::HashMap;

use crate::diagnostic::{Diagnostic, Text};
use crate::loc::Loc;

/// A cycle in the relation, as the IDs along it with the first repeated at the end (`a → a`
/// for an entry that refers to itself). `refs(i)` are the IDs entry `i` refers to; unknown
/// ones are skipped (they are reported elsewhere). Iterative depth-first search: linear in
/// entries plus references.
pub(crate) fn find<'m, R>(
    ids: &[&'m Loc<String>],
    refs: impl Fn(usize) -> R,
) -> Option<Vec<&'m Loc<String>>>
where
    R: IntoIterator<Item = &'m str>,
{
    let index: HashMap<&str, usize> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i))
        .collect();
    let edges: Vec<Vec<usize>> = (0..ids.len())
        .map(|i| {
            refs(i)
                .into_iter()
                .filter_map(|r| index.get(r).copied())
                .collect()
        })
        .collect();
    // 0 = unvisited, 1 = on the current path, 2 = done.
    let mut state = vec![0u8; ids.len()];
    let mut parent = vec![usize::MAX; ids.len()];
    for start in 0..ids.len() {
        if state[start] != 0 {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        state[start] = 1;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if let Some(&succ) = edges[node].get(*next) {
                *next += 1;
                match state[succ] {
                    0 => {
                        state[succ] = 1;
                        parent[succ] = node;
                        stack.push((succ, 0));
                    }
                    1 => {
                        let mut cycle = vec![ids[succ]];
                        let mut at = node;
                        while at != succ {
                            cycle.push(ids[at]);
                            at = parent[at];
                        }
                        cycle.push(ids[succ]);
                        cycle.reverse();
                        return Some(cycle);
                    }
                    _ => {}
                }
            } else {
                state[node] = 2;
                stack.pop();
            }
        }
    }
    None
}

/// A diagnostic at the cycle's first entry; `message` gets the path `a → b → a`.
pub(crate) fn diagnostic(
    cycle: &[&Loc<String>],
    message: impl Fn(&str) -> Text,
    hint: Text,
) -> Diagnostic {
    let path = cycle
        .iter()
        .map(|e| e.value.as_str())
        .collect::<Vec<_>>()
        .join(" → ");
    Diagnostic::new(cycle[0].at, message(&path)).with_hint(Some(hint))
}
