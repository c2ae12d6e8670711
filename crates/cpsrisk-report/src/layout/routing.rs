//! Positions across the layers and orthogonal edge routes.
//!
//! Each piece of an edge leaves its upper vertex from a port on the side facing the next
//! layer, runs to a track in the gap, along the track to the port of its lower vertex, and in.
//! Ports on one side are spread in the order of the vertices at their other ends, so the
//! pieces of one box do not cross each other there. Pieces whose spans along the layer
//! overlap get different tracks (interval colouring, greedy in order of start: as few tracks
//! as the densest point needs). Labels lie beside the first piece, between the box and the
//! first track, where no other piece runs.

use super::Route;
use super::layering::Chains;

/// Distance between two tracks in a gap.
const TRACK_GAP: f64 = 8.0;
/// The least room between two layers.
const MIN_GAP: f64 = 36.0;

pub struct Routed {
    pub routes: Vec<Option<Route>>,
    /// Where the drawing ends across the layers (without the outer margin).
    pub rank_extent: f64,
}

/// `labels` holds per input edge its label's extent (across, along) the layers.
pub fn route(chains: &mut Chains, labels: &[(f64, f64)], start: f64) -> Routed {
    let (out_port, in_port) = ports(chains);
    let layers = chains.layers.len();

    // Labels sit at the first piece of each edge, in the gap below its upper vertex.
    let mut label_room = vec![0.0f64; layers];
    for (i, edge) in chains.edges.iter().enumerate() {
        if let Some((pieces, _)) = edge
            && labels[i].0 > 0.0
        {
            let l = chains.vertices[chains.pieces[pieces[0]].upper].layer;
            label_room[l] = label_room[l].max(labels[i].0 + 6.0);
        }
    }

    chains.label_room = label_room;

    // Tracks per gap.
    let mut track = vec![0usize; chains.pieces.len()];
    let mut tracks = vec![0usize; layers];
    let mut bends: Vec<Vec<(f64, f64, usize)>> = vec![Vec::new(); layers];
    for (p, piece) in chains.pieces.iter().enumerate() {
        let (a, b) = (out_port[p], in_port[p]);
        if a != b {
            let l = chains.vertices[piece.upper].layer;
            bends[l].push((a.min(b), a.max(b), p));
        }
    }
    for (l, spans) in bends.into_iter().enumerate() {
        // Pieces running towards higher positions take the tracks nearest the upper layer
        // when they start further along, so no piece's first leg crosses another's track;
        // pieces running back mirror that, on tracks of their own after them.
        let (mut forth, mut back): (Vec<_>, Vec<_>) = spans
            .into_iter()
            .partition(|&(_, _, p)| out_port[p] < in_port[p]);
        forth.sort_by(|x, y| {
            y.0.total_cmp(&x.0)
                .then(y.1.total_cmp(&x.1))
                .then(x.2.cmp(&y.2))
        });
        back.sort_by(|x, y| {
            x.1.total_cmp(&y.1)
                .then(x.0.total_cmp(&y.0))
                .then(x.2.cmp(&y.2))
        });
        let first = first_fit(&forth, 0, &mut track);
        tracks[l] = first_fit(&back, first, &mut track);
    }

    // Layers across, each as deep as its deepest box, gaps as wide as their labels and tracks.
    let mut cursor = start;
    let mut track_base = vec![0.0f64; layers];
    for l in 0..layers {
        chains.layer_start[l] = cursor;
        let extent = chains.layers[l]
            .iter()
            .map(|&v| chains.vertices[v].size.0)
            .fold(0.0, f64::max);
        chains.layer_extent[l] = extent;
        cursor += extent;
        if l + 1 < layers {
            let room = chains.label_room[l];
            track_base[l] = cursor + room + TRACK_GAP;
            let used = room + TRACK_GAP * (tracks[l] as f64 + 1.0);
            let gap = used.max(MIN_GAP);
            // Centre the tracks in a gap wider than they need.
            track_base[l] += (gap - used) / 2.0;
            cursor += gap;
        }
    }

    let routes = chains
        .edges
        .iter()
        .enumerate()
        .map(|(i, edge)| {
            let (pieces, reversed) = edge.as_ref()?;
            let mut points: Vec<(f64, f64)> = Vec::new();
            for &p in pieces {
                let piece = chains.pieces[p];
                let from = (far_side(chains, piece.upper), out_port[p]);
                let to = (near_side(chains, piece.lower), in_port[p]);
                points.push(from);
                if from.1 != to.1 {
                    let l = chains.vertices[piece.upper].layer;
                    let r = track_base[l] + track[p] as f64 * TRACK_GAP;
                    points.push((r, from.1));
                    points.push((r, to.1));
                }
                points.push(to);
            }
            let first = chains.pieces[pieces[0]];
            let label = (
                far_side(chains, first.upper) + 3.0,
                out_port[pieces[0]] - 3.0 - labels[i].1,
            );
            let mut points = simplify(points);
            if *reversed {
                points.reverse();
            }
            Some(Route { points, label })
        })
        .collect();
    Routed {
        routes,
        rank_extent: cursor,
    }
}

/// Gives each span the first track (from `base` on) where it overlaps no span already there;
/// returns the number of tracks used. Spans come sorted away from where tracks fill up, so
/// each track only needs its nearest edge. Linear in spans × tracks; the tracks of one gap are
/// few, and a diagram above a few hundred boxes is summarised before it is laid out.
fn first_fit(spans: &[(f64, f64, usize)], base: usize, track: &mut [usize]) -> usize {
    // Per track, the spans it holds as one covered range.
    let mut covered: Vec<(f64, f64)> = Vec::new();
    for &(lo, hi, p) in spans {
        let k = covered
            .iter()
            .position(|&(a, b)| hi + TRACK_GAP <= a || b + TRACK_GAP <= lo)
            .unwrap_or(covered.len());
        if k == covered.len() {
            covered.push((lo, hi));
        } else {
            let c = &mut covered[k];
            *c = (c.0.min(lo), c.1.max(hi));
        }
        track[p] = base + k;
    }
    base + covered.len()
}

/// Port positions along the layer: per piece, at its upper and at its lower vertex.
fn ports(chains: &Chains) -> (Vec<f64>, Vec<f64>) {
    let centre = |v: usize| {
        let x = &chains.vertices[v];
        x.order + x.size.1 / 2.0
    };
    let mut out_port = vec![0.0; chains.pieces.len()];
    let mut in_port = vec![0.0; chains.pieces.len()];
    for v in 0..chains.vertices.len() {
        let x = &chains.vertices[v];
        for (side, ports) in [
            (&chains.down[v], &mut out_port),
            (&chains.up[v], &mut in_port),
        ] {
            let mut sorted: Vec<(f64, usize)> = side
                .iter()
                .map(|&p| {
                    let piece = chains.pieces[p];
                    let other = if piece.upper == v {
                        piece.lower
                    } else {
                        piece.upper
                    };
                    (centre(other), p)
                })
                .collect();
            sorted.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            let step = x.size.1 / (sorted.len() as f64 + 1.0);
            for (k, (_, p)) in sorted.into_iter().enumerate() {
                ports[p] = x.order + step * (k as f64 + 1.0);
            }
        }
    }
    (out_port, in_port)
}

/// Where a piece leaves vertex `v` (its side facing the next layer; a dummy's layer end).
fn far_side(chains: &Chains, v: usize) -> f64 {
    let x = &chains.vertices[v];
    if x.dummy {
        chains.layer_start[x.layer] + chains.layer_extent[x.layer]
    } else {
        chains.corner(v).0 + x.size.0
    }
}

/// Where a piece enters vertex `v`.
fn near_side(chains: &Chains, v: usize) -> f64 {
    let x = &chains.vertices[v];
    if x.dummy {
        chains.layer_start[x.layer]
    } else {
        chains.corner(v).0
    }
}

/// Drops repeated points and the middle of three points on one line.
fn simplify(points: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::with_capacity(points.len());
    for p in points {
        if out.last() == Some(&p) {
            continue;
        }
        if out.len() >= 2 {
            let (a, b) = (out[out.len() - 2], out[out.len() - 1]);
            if (a.0 == b.0 && b.0 == p.0) || (a.1 == b.1 && b.1 == p.1) {
                out.pop();
            }
        }
        out.push(p);
    }
    out
}
