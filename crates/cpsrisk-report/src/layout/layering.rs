//! Cycle removal, layer assignment, and long edges cut into one piece per layer gap.

/// Each node's layer and, per edge, whether it was turned round to break a cycle.
pub struct Layered {
    pub layer: Vec<usize>,
    /// Per edge: `None` for a self-loop (not laid out), else whether it runs against the layers.
    pub reversed: Vec<Option<bool>>,
    pub layers: usize,
}

/// Breaks cycles by turning round the edges a depth-first search meets as back edges, then
/// puts each node one layer below its lowest predecessor (longest path) and sources right
/// above their first successor. Nodes on no edge fill the emptiest layers of their lane.
pub fn assign(n: usize, edges: &[(usize, usize)], lane: &[usize], lanes: usize) -> Layered {
    let mut out: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
    for (i, &(a, b)) in edges.iter().enumerate() {
        if a != b {
            out[a].push((b, i));
        }
    }
    let reversed = back_edges(n, edges, &out);

    // The edges as laid out, every one pointing down the layers.
    let mut down: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut indegree = vec![0usize; n];
    let mut on_edge = vec![false; n];
    for (i, &(a, b)) in edges.iter().enumerate() {
        let Some(rev) = reversed[i] else { continue };
        let (u, v) = if rev { (b, a) } else { (a, b) };
        down[u].push(v);
        indegree[v] += 1;
        on_edge[u] = true;
        on_edge[v] = true;
    }
    // Kahn's order, smallest index first among the ready nodes for determinism.
    let mut ready: std::collections::BinaryHeap<std::cmp::Reverse<usize>> = (0..n)
        .filter(|&v| indegree[v] == 0)
        .map(std::cmp::Reverse)
        .collect();
    let mut topo = Vec::with_capacity(n);
    let mut remaining = indegree.clone();
    while let Some(std::cmp::Reverse(u)) = ready.pop() {
        topo.push(u);
        for &v in &down[u] {
            remaining[v] -= 1;
            if remaining[v] == 0 {
                ready.push(std::cmp::Reverse(v));
            }
        }
    }
    let mut layer = vec![0usize; n];
    for &u in &topo {
        for &v in &down[u] {
            layer[v] = layer[v].max(layer[u] + 1);
        }
    }
    // Sources move down next to their nearest successor, so their edges stay short.
    for &u in topo.iter().rev() {
        if indegree[u] == 0
            && let Some(m) = down[u].iter().map(|&v| layer[v]).min()
        {
            layer[u] = m.saturating_sub(1);
        }
    }
    let mut layers = layer
        .iter()
        .zip(&on_edge)
        .filter(|(_, on)| **on)
        .map(|(l, _)| l + 1)
        .max()
        .unwrap_or(0);
    let loose: Vec<usize> = (0..n).filter(|&v| !on_edge[v]).collect();
    if !loose.is_empty() {
        // A few layers at least, so that a graph with few edges does not become one long row.
        layers = layers.max(loose.len().min(3));
        let mut count = vec![vec![0usize; layers]; lanes];
        for v in 0..n {
            if on_edge[v] {
                count[lane[v]][layer[v]] += 1;
            }
        }
        for v in loose {
            let c = &mut count[lane[v]];
            let best = (0..layers).min_by_key(|&l| (c[l], l)).unwrap_or(0);
            layer[v] = best;
            c[best] += 1;
        }
    }
    Layered {
        layer,
        reversed,
        layers,
    }
}

/// The edges that close a cycle in a depth-first search from each node in index order
/// (iterative: a long chain must not overflow the stack).
fn back_edges(
    n: usize,
    edges: &[(usize, usize)],
    out: &[Vec<(usize, usize)>],
) -> Vec<Option<bool>> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        Open,
        Done,
    }
    let mut reversed: Vec<Option<bool>> = edges
        .iter()
        .map(|&(a, b)| if a == b { None } else { Some(false) })
        .collect();
    let mut state = vec![State::New; n];
    let mut stack: Vec<(usize, usize)> = Vec::new();
    for root in 0..n {
        if state[root] != State::New {
            continue;
        }
        state[root] = State::Open;
        stack.push((root, 0));
        while let Some(&mut (u, ref mut next)) = stack.last_mut() {
            if let Some(&(v, i)) = out[u].get(*next) {
                *next += 1;
                match state[v] {
                    State::New => {
                        state[v] = State::Open;
                        stack.push((v, 0));
                    }
                    State::Open => reversed[i] = Some(true),
                    State::Done => {}
                }
            } else {
                state[u] = State::Done;
                stack.pop();
            }
        }
    }
    reversed
}

/// A slot in a layer: a node, or a dummy that a long edge passes through.
#[derive(Debug, Clone)]
pub struct Vertex {
    pub layer: usize,
    pub lane: usize,
    /// Extent across and along the layer; a dummy takes no room across.
    pub size: (f64, f64),
    pub dummy: bool,
    /// Start of the vertex along the layer, set by the placement (NaN until then).
    pub order: f64,
}

/// One piece of an edge, between consecutive layers.
#[derive(Debug, Clone, Copy)]
pub struct Piece {
    pub upper: usize,
    pub lower: usize,
}

/// The graph as the later steps see it: layers of vertices and edges cut into pieces.
pub struct Chains {
    pub vertices: Vec<Vertex>,
    pub layers: Vec<Vec<usize>>,
    pub pieces: Vec<Piece>,
    /// Per vertex, the pieces to the layer above and below it.
    pub up: Vec<Vec<usize>>,
    pub down: Vec<Vec<usize>>,
    /// Per input edge: its pieces from upper to lower layer and whether it runs against them.
    pub edges: Vec<Option<(Vec<usize>, bool)>>,
    /// Start of each layer across the layers, and its extent; set by the placement.
    pub layer_start: Vec<f64>,
    pub layer_extent: Vec<f64>,
    /// Per layer, the room the labels of the edges leaving it take in the gap after it.
    pub label_room: Vec<f64>,
}

/// The width of the slot a long edge takes in each layer it passes.
pub const DUMMY: f64 = 10.0;

impl Chains {
    pub fn new(
        layered: &Layered,
        edges: &[(usize, usize)],
        sizes: &[(f64, f64)],
        lane: &[usize],
    ) -> Self {
        let mut vertices: Vec<Vertex> = (0..sizes.len())
            .map(|v| Vertex {
                layer: layered.layer[v],
                lane: lane[v],
                size: sizes[v],
                dummy: false,
                order: f64::NAN,
            })
            .collect();
        let mut pieces = Vec::new();
        let mut chain_edges = Vec::with_capacity(edges.len());
        for (i, &(a, b)) in edges.iter().enumerate() {
            let Some(rev) = layered.reversed[i] else {
                chain_edges.push(None);
                continue;
            };
            let (u, v) = if rev { (b, a) } else { (a, b) };
            let (top, bottom) = (layered.layer[u], layered.layer[v]);
            let mut ids = Vec::with_capacity(bottom - top);
            let mut prev = u;
            for l in top + 1..bottom {
                // The first half of a long edge keeps to its source's lane, the rest to its target's.
                let lane = if (l - top) * 2 <= bottom - top {
                    lane[u]
                } else {
                    lane[v]
                };
                vertices.push(Vertex {
                    layer: l,
                    lane,
                    size: (0.0, DUMMY),
                    dummy: true,
                    order: f64::NAN,
                });
                let d = vertices.len() - 1;
                pieces.push(Piece {
                    upper: prev,
                    lower: d,
                });
                ids.push(pieces.len() - 1);
                prev = d;
            }
            pieces.push(Piece {
                upper: prev,
                lower: v,
            });
            ids.push(pieces.len() - 1);
            chain_edges.push(Some((ids, rev)));
        }
        let mut up = vec![Vec::new(); vertices.len()];
        let mut down = vec![Vec::new(); vertices.len()];
        for (p, piece) in pieces.iter().enumerate() {
            down[piece.upper].push(p);
            up[piece.lower].push(p);
        }
        let mut layers = vec![Vec::new(); layered.layers.max(1)];
        for (v, vertex) in vertices.iter().enumerate() {
            layers[vertex.layer].push(v);
        }
        let count = layers.len();
        Chains {
            vertices,
            layers,
            pieces,
            up,
            down,
            edges: chain_edges,
            layer_start: vec![0.0; count],
            layer_extent: vec![0.0; count],
            label_room: vec![0.0; count],
        }
    }

    /// The layers a sweep visits in turn: downwards from the second, upwards from the last
    /// but one (the first or last stays as it is, the one the next is fitted to).
    pub fn sweep(&self, downwards: bool) -> Vec<usize> {
        let count = self.layers.len();
        if downwards {
            (1..count).collect()
        } else {
            (0..count.saturating_sub(1)).rev().collect()
        }
    }

    /// The vertices joined to `v` in the layer a sweep has just fixed: the one above when
    /// sweeping downwards, else the one below.
    pub fn fixed_neighbours(&self, v: usize, downwards: bool) -> impl Iterator<Item = usize> + '_ {
        let pieces = if downwards {
            &self.up[v]
        } else {
            &self.down[v]
        };
        pieces.iter().map(move |&p| {
            let piece = self.pieces[p];
            if downwards { piece.upper } else { piece.lower }
        })
    }

    /// The top-left corner (rank, order) of vertex `v`, centred across its layer.
    pub fn corner(&self, v: usize) -> (f64, f64) {
        let x = &self.vertices[v];
        let l = x.layer;
        (
            self.layer_start[l] + (self.layer_extent[l] - x.size.0) / 2.0,
            x.order,
        )
    }
}
