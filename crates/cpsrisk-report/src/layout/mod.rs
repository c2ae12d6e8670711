//! A layered (Sugiyama) layout of boxes and arrows, grouped in lanes.
//!
//! The steps, each in its own file: cycles are broken and every node gets a layer
//! (`layering.rs`), long edges are cut into one piece per layer gap through dummy slots, the
//! order inside each layer is chosen by barycenter and median sweeps that keep each lane's
//! nodes together (`ordering.rs`), positions along the layers are placed as close to their
//! neighbours as the order allows (`placement.rs`), and edges are routed orthogonally: out of
//! a port on the side facing the next layer, along a track in the gap between layers, into a
//! port of the next node (`routing.rs`). Boxes never overlap and no edge crosses a box it does
//! not belong to: edges run only in the gaps between layers and, through a layer, in a slot of
//! their own.
//!
//! Everything is computed in rank/order coordinates (rank: across the layers; order: along a
//! layer) and turned into x/y for the chosen [`Direction`] at the end. Ties are broken by
//! input index, so the same graph always gives the same layout. Work is about
//! `O((V + D + E) log V)` per sweep, `D` the dummy slots of long edges.

mod layering;
mod ordering;
mod placement;
mod routing;

/// Which way the layers run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Layers are columns; edges run from left to right.
    LeftToRight,
    /// Layers are rows; edges run from top to bottom.
    TopToBottom,
}

/// A graph to lay out. Node sizes are in pixels of the final drawing (width × height).
#[derive(Debug, Clone, Default)]
pub struct Graph {
    pub nodes: Vec<NodeSpec>,
    pub edges: Vec<EdgeSpec>,
    /// The number of lanes; lane `k` is drawn before lane `k + 1`.
    pub lanes: usize,
    /// Room before the first layer for the lanes' titles (0: no titles).
    pub header: f64,
    /// Per lane, its least extent along the layers (room for its title); missing: none.
    pub min_lane: Vec<f64>,
}

#[derive(Debug, Clone, Copy)]
pub struct NodeSpec {
    pub width: f64,
    pub height: f64,
    /// Index of its lane, below [`Graph::lanes`].
    pub lane: usize,
}

#[derive(Debug, Clone, Copy)]
pub struct EdgeSpec {
    pub from: usize,
    pub to: usize,
    /// Size (width × height) of the label written beside the edge where it leaves a node.
    pub label: (f64, f64),
}

/// An axis-aligned rectangle.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

/// Where an edge runs, from its source's boundary to its target's.
#[derive(Debug, Clone, PartialEq)]
pub struct Route {
    /// Corner points; consecutive points differ in one coordinate only.
    pub points: Vec<(f64, f64)>,
    /// The label's top-left corner (the label lies beside the first piece of the route in
    /// layer order).
    pub label: (f64, f64),
}

/// The result: everything in pixels, the drawing spans `0..width` × `0..height`.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub direction: Direction,
    pub width: f64,
    pub height: f64,
    pub nodes: Vec<Rect>,
    /// One per input edge, in input order; `None` for self-loops, which are not drawn.
    pub edges: Vec<Option<Route>>,
    /// One per lane: the lane's box (`None` for a lane without nodes).
    pub lanes: Vec<Option<Rect>>,
    /// One per lane: where its title goes.
    pub headers: Vec<Option<Rect>>,
}

/// Outer margin of the drawing.
const MARGIN: f64 = 12.0;

/// Lays the graph out with its layers running in `direction`.
pub fn layout(graph: &Graph, direction: Direction) -> Layout {
    let lanes = graph.lanes.max(1);
    let along = |n: &NodeSpec| match direction {
        Direction::LeftToRight => (n.width, n.height),
        Direction::TopToBottom => (n.height, n.width),
    };
    let label = |e: &EdgeSpec| match direction {
        Direction::LeftToRight => e.label,
        Direction::TopToBottom => (e.label.1, e.label.0),
    };
    let sizes: Vec<(f64, f64)> = graph.nodes.iter().map(along).collect();
    let node_lanes: Vec<usize> = graph.nodes.iter().map(|n| n.lane.min(lanes - 1)).collect();
    let edges: Vec<(usize, usize)> = graph.edges.iter().map(|e| (e.from, e.to)).collect();
    let labels: Vec<(f64, f64)> = graph.edges.iter().map(label).collect();

    let layered = layering::assign(graph.nodes.len(), &edges, &node_lanes, lanes);
    let mut chains = layering::Chains::new(&layered, &edges, &sizes, &node_lanes);
    ordering::reduce_crossings(&mut chains, lanes);
    let label_order: Vec<f64> = labels.iter().map(|l| l.1).collect();
    let placed = placement::place(&mut chains, &label_order, lanes, &graph.min_lane, MARGIN);
    let routed = routing::route(&mut chains, &labels, MARGIN + graph.header);

    let flip = |(r, o): (f64, f64)| match direction {
        Direction::LeftToRight => (r, o),
        Direction::TopToBottom => (o, r),
    };
    let rect = |r0: f64, o0: f64, r_len: f64, o_len: f64| {
        let (x, y) = flip((r0, o0));
        let (width, height) = flip((r_len, o_len));
        Rect {
            x,
            y,
            width,
            height,
        }
    };
    let nodes = (0..graph.nodes.len())
        .map(|v| {
            let (r0, o0) = chains.corner(v);
            let size = chains.vertices[v].size;
            rect(r0, o0, size.0, size.1)
        })
        .collect();
    let edges = routed
        .routes
        .into_iter()
        .map(|r| {
            r.map(|r| Route {
                points: r.points.into_iter().map(flip).collect(),
                label: flip(r.label),
            })
        })
        .collect();
    // The lanes reach a little past the last layer, like their padding along the layers.
    let rank_end = routed.rank_extent + placement::LANE_PAD + MARGIN;
    let order_end = placed.order_extent + MARGIN;
    // A lane ends after the last layer it has vertices in (and their edge labels), so no lane
    // leaves an empty band.
    let mut lane_end = vec![MARGIN + graph.header; lanes];
    for x in &chains.vertices {
        let l = x.layer;
        let below = if x.dummy {
            0.0
        } else {
            chains.label_room[l] + 2.0
        };
        let end = chains.layer_start[l] + chains.layer_extent[l] + placement::LANE_PAD.max(below);
        lane_end[x.lane] = lane_end[x.lane].max(end);
    }
    let lane_rects = placed
        .lanes
        .iter()
        .zip(&lane_end)
        .map(|(l, &end)| l.map(|(o0, o1)| rect(MARGIN, o0, end - MARGIN, o1 - o0)))
        .collect();
    let headers = placed
        .lanes
        .iter()
        .map(|l| {
            l.filter(|_| graph.header > 0.0)
                .map(|(o0, o1)| rect(MARGIN, o0, graph.header, o1 - o0))
        })
        .collect();
    let (width, height) = flip((rank_end, order_end));
    Layout {
        direction,
        width,
        height,
        nodes,
        edges,
        lanes: lane_rects,
        headers,
    }
}

#[cfg(test)]
mod tests;
