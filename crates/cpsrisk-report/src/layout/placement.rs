//! Positions along the layers: each lane gets a band wide enough for its fullest layer, and
//! inside it each vertex goes as close to the mean of its neighbours as the order allows
//! (weighted isotonic regression, pool-adjacent-violators, linear per layer), sweeping down
//! and up the layers a few times.

use super::layering::Chains;

/// Space between two boxes of a layer.
const NODE_GAP: f64 = 18.0;
/// Space between an edge passing through a layer and its neighbours.
const DUMMY_GAP: f64 = 6.0;
/// Space between a lane's border and its boxes, and between lanes.
pub const LANE_PAD: f64 = 10.0;
const LANE_GAP: f64 = 8.0;
/// The least distance between two ports on one side of a box.
pub const PORT_GAP: f64 = 12.0;
const SWEEPS: usize = 8;

pub struct Placed {
    /// Per lane, its band along the layers (with padding), if it has vertices.
    pub lanes: Vec<Option<(f64, f64)>>,
    /// Where the drawing ends along the layers (without the outer margin).
    pub order_extent: f64,
}

/// Makes room for the ports of each box, then places every vertex along its layer.
/// `label_order` is, per input edge, the extent of its label along the layer.
pub fn place(
    chains: &mut Chains,
    label_order: &[f64],
    lanes: usize,
    min_lane: &[f64],
    margin: f64,
) -> Placed {
    grow_for_ports(chains, label_order);
    let gap = |a: &super::layering::Vertex, b: &super::layering::Vertex| {
        if a.dummy || b.dummy {
            DUMMY_GAP
        } else {
            NODE_GAP
        }
    };
    // The fullest layer of each lane sets its band.
    let mut need: Vec<Option<f64>> = vec![None; lanes];
    for layer in &chains.layers {
        let mut i = 0;
        while i < layer.len() {
            let lane = chains.vertices[layer[i]].lane;
            let mut total = chains.vertices[layer[i]].size.1;
            let mut j = i + 1;
            while j < layer.len() && chains.vertices[layer[j]].lane == lane {
                let (a, b) = (&chains.vertices[layer[j - 1]], &chains.vertices[layer[j]]);
                total += gap(a, b) + b.size.1;
                j += 1;
            }
            let slot = &mut need[lane];
            *slot = Some(slot.map_or(total, |n: f64| n.max(total)));
            i = j;
        }
    }
    let mut bands: Vec<Option<(f64, f64)>> = vec![None; lanes];
    let mut cursor = margin;
    for (k, n) in need.iter().enumerate() {
        if let Some(n) = n {
            let least = min_lane.get(k).copied().unwrap_or(0.0);
            let inner = n.max(least - 2.0 * LANE_PAD);
            bands[k] = Some((cursor + LANE_PAD, cursor + LANE_PAD + inner));
            cursor += inner + 2.0 * LANE_PAD + LANE_GAP;
        }
    }
    let order_extent = (cursor - LANE_GAP).max(margin);

    // Start centred in the band, then pull towards the neighbours.
    for l in 0..chains.layers.len() {
        let desired: Vec<Option<f64>> = vec![None; chains.layers[l].len()];
        settle(chains, l, &desired, &bands, &gap);
    }
    for sweep in 0..SWEEPS {
        let downwards = sweep % 2 == 0;
        for l in chains.sweep(downwards) {
            let desired: Vec<Option<f64>> = chains.layers[l]
                .iter()
                .map(|&v| {
                    let centres: Vec<f64> = chains
                        .fixed_neighbours(v, downwards)
                        .map(|u| {
                            let x = &chains.vertices[u];
                            x.order + x.size.1 / 2.0
                        })
                        .collect();
                    (!centres.is_empty())
                        .then(|| centres.iter().sum::<f64>() / centres.len() as f64)
                })
                .collect();
            settle(chains, l, &desired, &bands, &gap);
        }
    }
    Placed {
        lanes: bands
            .iter()
            .map(|b| b.map(|(lo, hi)| (lo - LANE_PAD, hi + LANE_PAD)))
            .collect(),
        order_extent,
    }
}

/// Boxes grow along the layer until their ports, one per piece on each side, are at least
/// [`PORT_GAP`] apart, and outgoing ones at least as far as the labels beside them need.
fn grow_for_ports(chains: &mut Chains, label_order: &[f64]) {
    let mut label_at = vec![0.0f64; chains.vertices.len()];
    for (i, edge) in chains.edges.iter().enumerate() {
        if let Some((pieces, _)) = edge {
            let upper = chains.pieces[pieces[0]].upper;
            label_at[upper] = label_at[upper].max(label_order[i]);
        }
    }
    for (v, x) in chains.vertices.iter_mut().enumerate() {
        if x.dummy {
            continue;
        }
        // Labels stand beside the outgoing ports only.
        let incoming = (chains.up[v].len() as f64 + 1.0) * PORT_GAP;
        let outgoing = (chains.down[v].len() as f64 + 1.0) * PORT_GAP.max(label_at[v] + 6.0);
        x.size.1 = x.size.1.max(incoming).max(outgoing);
    }
}

/// Places layer `l` lane by lane: each vertex as near its desired centre (or where it is) as
/// the order and the band allow.
fn settle(
    chains: &mut Chains,
    l: usize,
    desired: &[Option<f64>],
    bands: &[Option<(f64, f64)>],
    gap: &dyn Fn(&super::layering::Vertex, &super::layering::Vertex) -> f64,
) {
    let layer = &chains.layers[l];
    let mut i = 0;
    while i < layer.len() {
        let lane = chains.vertices[layer[i]].lane;
        let mut j = i + 1;
        while j < layer.len() && chains.vertices[layer[j]].lane == lane {
            j += 1;
        }
        let Some((lo, hi)) = bands[lane] else {
            i = j;
            continue;
        };
        // y = start − offset must not decrease, where offset is the room the vertices before need.
        let mut offsets = Vec::with_capacity(j - i);
        let mut offset = 0.0;
        for k in i..j {
            if k > i {
                let (a, b) = (&chains.vertices[layer[k - 1]], &chains.vertices[layer[k]]);
                offset += a.size.1 + gap(a, b);
            }
            offsets.push(offset);
        }
        let last = &chains.vertices[layer[j - 1]];
        let total = offset + last.size.1;
        let centred = lo + ((hi - lo) - total) / 2.0;
        let targets: Vec<(f64, f64)> = (i..j)
            .map(|k| {
                let x = &chains.vertices[layer[k]];
                let fallback = if x.order.is_nan() {
                    centred + offsets[k - i]
                } else {
                    x.order
                };
                let weight = if x.dummy { 2.0 } else { 1.0 };
                match desired[k] {
                    Some(c) => (c - x.size.1 / 2.0 - offsets[k - i], weight),
                    None => (fallback - offsets[k - i], 0.25),
                }
            })
            .collect();
        let ys = isotonic(&targets);
        let max_y = (hi - total).max(lo);
        for (k, y) in (i..j).zip(ys) {
            let v = layer[k];
            chains.vertices[v].order = y.clamp(lo, max_y) + offsets[k - i];
        }
        i = j;
    }
}

/// The non-decreasing sequence nearest to the weighted targets (least squares).
fn isotonic(targets: &[(f64, f64)]) -> Vec<f64> {
    // Blocks of (weighted sum, weight, length).
    let mut blocks: Vec<(f64, f64, usize)> = Vec::with_capacity(targets.len());
    for &(t, w) in targets {
        blocks.push((t * w, w, 1));
        while blocks.len() > 1 {
            let (s1, w1, n1) = blocks[blocks.len() - 1];
            let (s0, w0, n0) = blocks[blocks.len() - 2];
            if s0 / w0 <= s1 / w1 {
                break;
            }
            blocks.pop();
            let top = blocks.len() - 1;
            blocks[top] = (s0 + s1, w0 + w1, n0 + n1);
        }
    }
    blocks
        .into_iter()
        .flat_map(|(s, w, n)| std::iter::repeat_n(s / w, n))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::isotonic;

    #[test]
    fn isotonic_pools_violators() {
        assert_eq!(isotonic(&[(1.0, 1.0), (3.0, 1.0)]), vec![1.0, 3.0]);
        assert_eq!(isotonic(&[(3.0, 1.0), (1.0, 1.0)]), vec![2.0, 2.0]);
        assert_eq!(isotonic(&[(4.0, 3.0), (0.0, 1.0)]), vec![3.0, 3.0]);
    }
}
