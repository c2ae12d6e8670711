//! Crossing reduction: the order of the vertices in each layer.
//!
//! Sweeps down and up the layers sort each layer by the barycenter (even sweeps) or the median
//! (odd sweeps) of its neighbours' positions in the layer just fixed; lanes keep their order,
//! so a lane's vertices stay together in every layer. The order with the fewest crossings
//! (counted per pair of layers with a Fenwick tree, Barth–Mutzel–Jünger) is kept.

use super::layering::Chains;

const SWEEPS: usize = 12;

pub fn reduce_crossings(chains: &mut Chains, lanes: usize) {
    // Start in lane order, then input order (real nodes first, dummies by creation).
    for layer in &mut chains.layers {
        layer.sort_by_key(|&v| (chains.vertices[v].lane.min(lanes), v));
    }
    let mut position = vec![0usize; chains.vertices.len()];
    refresh(chains, &mut position);
    let mut best = chains.layers.clone();
    let mut best_crossings = crossings(chains, &position);
    for sweep in 0..SWEEPS {
        if best_crossings == 0 {
            break;
        }
        let downwards = sweep % 2 == 0;
        let median = (sweep / 2) % 2 == 1;
        for l in chains.sweep(downwards) {
            let mut keyed: Vec<(usize, f64, usize, usize)> = chains.layers[l]
                .iter()
                .map(|&v| {
                    let mut ps: Vec<usize> = chains
                        .fixed_neighbours(v, downwards)
                        .map(|u| position[u])
                        .collect();
                    let key = if ps.is_empty() {
                        position[v] as f64
                    } else if median {
                        ps.sort_unstable();
                        let m = ps.len() / 2;
                        if ps.len() % 2 == 1 {
                            ps[m] as f64
                        } else {
                            (ps[m - 1] + ps[m]) as f64 / 2.0
                        }
                    } else {
                        ps.iter().sum::<usize>() as f64 / ps.len() as f64
                    };
                    (chains.vertices[v].lane, key, position[v], v)
                })
                .collect();
            keyed.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)).then(a.2.cmp(&b.2)));
            chains.layers[l] = keyed.into_iter().map(|k| k.3).collect();
            for (i, &v) in chains.layers[l].iter().enumerate() {
                position[v] = i;
            }
        }
        let c = crossings(chains, &position);
        if c < best_crossings {
            best_crossings = c;
            best = chains.layers.clone();
        }
    }
    chains.layers = best;
}

fn refresh(chains: &Chains, position: &mut [usize]) {
    for layer in &chains.layers {
        for (i, &v) in layer.iter().enumerate() {
            position[v] = i;
        }
    }
}

/// The number of crossings between pieces of consecutive layers.
pub fn crossings(chains: &Chains, position: &[usize]) -> usize {
    let mut per_layer: Vec<Vec<(usize, usize)>> = vec![Vec::new(); chains.layers.len()];
    for piece in &chains.pieces {
        let l = chains.vertices[piece.upper].layer;
        per_layer[l].push((position[piece.upper], position[piece.lower]));
    }
    per_layer
        .into_iter()
        .enumerate()
        .map(|(l, mut pairs)| {
            let width = chains.layers.get(l + 1).map_or(0, Vec::len);
            pairs.sort_unstable();
            inversions(pairs.into_iter().map(|p| p.1), width)
        })
        .sum()
}

/// Pairs `i < j` with `seq[i] > seq[j]`, for values below `width`.
fn inversions(seq: impl Iterator<Item = usize>, width: usize) -> usize {
    let mut tree = vec![0usize; width + 1];
    let mut total = 0;
    for (seen, value) in seq.enumerate() {
        // Values seen so far that are at most `value`.
        let mut i = value + 1;
        let mut not_greater = 0;
        while i > 0 {
            not_greater += tree[i];
            i &= i - 1;
        }
        total += seen - not_greater;
        let mut i = value + 1;
        while i <= width {
            tree[i] += 1;
            i += i & i.wrapping_neg();
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::inversions;

    #[test]
    fn inversions_count_pairs_out_of_order() {
        assert_eq!(inversions([0, 1, 2].into_iter(), 3), 0);
        assert_eq!(inversions([2, 1, 0].into_iter(), 3), 3);
        assert_eq!(inversions([1, 0, 1, 0].into_iter(), 2), 3);
    }
}
