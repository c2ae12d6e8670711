use super::*;

impl Rect {
    fn right(&self) -> f64 {
        self.x + self.width
    }
    fn bottom(&self) -> f64 {
        self.y + self.height
    }
}

/// Checks what every layout must satisfy; panics naming the first violation.
pub(crate) fn check(graph: &Graph, layout: &Layout) {
    const EPS: f64 = 0.01;
    let inside = |r: &Rect| {
        r.x >= -EPS
            && r.y >= -EPS
            && r.right() <= layout.width + EPS
            && r.bottom() <= layout.height + EPS
    };
    for (i, a) in layout.nodes.iter().enumerate() {
        assert!(
            inside(a),
            "node {i} {a:?} outside {}×{}",
            layout.width,
            layout.height
        );
        assert!(a.width >= graph.nodes[i].width - EPS && a.height >= graph.nodes[i].height - EPS);
        for (j, b) in layout.nodes.iter().enumerate().skip(i + 1) {
            let apart = a.right() <= b.x + EPS
                || b.right() <= a.x + EPS
                || a.bottom() <= b.y + EPS
                || b.bottom() <= a.y + EPS;
            assert!(apart, "nodes {i} {a:?} and {j} {b:?} overlap");
        }
        if let Some(Some(lane)) = layout.lanes.get(graph.nodes[i].lane) {
            assert!(
                a.x >= lane.x - EPS
                    && a.y >= lane.y - EPS
                    && a.right() <= lane.right() + EPS
                    && a.bottom() <= lane.bottom() + EPS,
                "node {i} {a:?} outside its lane {lane:?}"
            );
        }
    }
    let lanes: Vec<&Rect> = layout.lanes.iter().flatten().collect();
    for (i, a) in lanes.iter().enumerate() {
        assert!(inside(a), "lane {a:?} outside the drawing");
        for b in &lanes[i + 1..] {
            let apart = a.right() <= b.x + EPS
                || b.right() <= a.x + EPS
                || a.bottom() <= b.y + EPS
                || b.bottom() <= a.y + EPS;
            assert!(apart, "lanes {a:?} and {b:?} overlap");
        }
    }
    // Labels overlap no box and no other label.
    let labels: Vec<Rect> = graph
        .edges
        .iter()
        .zip(&layout.edges)
        .filter_map(|(spec, route)| {
            let route = route.as_ref()?;
            (spec.label.0 > 0.0).then_some(Rect {
                x: route.label.0,
                y: route.label.1,
                width: spec.label.0,
                height: spec.label.1,
            })
        })
        .collect();
    let overlap = |a: &Rect, b: &Rect| {
        a.right() > b.x + EPS
            && b.right() > a.x + EPS
            && a.bottom() > b.y + EPS
            && b.bottom() > a.y + EPS
    };
    for (i, l) in labels.iter().enumerate() {
        assert!(inside(l), "label {l:?} outside the drawing");
        for (n, r) in layout.nodes.iter().enumerate() {
            assert!(!overlap(l, r), "label {l:?} overlaps node {n} {r:?}");
        }
        for m in &labels[i + 1..] {
            assert!(!overlap(l, m), "labels {l:?} and {m:?} overlap");
        }
    }
    for (e, (spec, route)) in graph.edges.iter().zip(&layout.edges).enumerate() {
        let Some(route) = route else {
            assert_eq!(spec.from, spec.to, "edge {e} has no route");
            continue;
        };
        let pts = &route.points;
        assert!(pts.len() >= 2, "edge {e} has {} points", pts.len());
        assert!(
            on_boundary(&layout.nodes[spec.from], pts[0]),
            "edge {e} starts at {:?}, not on {:?}",
            pts[0],
            layout.nodes[spec.from]
        );
        assert!(
            on_boundary(&layout.nodes[spec.to], pts[pts.len() - 1]),
            "edge {e} ends at {:?}, not on {:?}",
            pts[pts.len() - 1],
            layout.nodes[spec.to]
        );
        for w in pts.windows(2) {
            let (a, b) = (w[0], w[1]);
            assert!(
                (a.0 - b.0).abs() < EPS || (a.1 - b.1).abs() < EPS,
                "edge {e} segment {a:?}–{b:?} is not orthogonal"
            );
            for p in [a, b] {
                assert!(
                    p.0 >= -EPS
                        && p.1 >= -EPS
                        && p.0 <= layout.width + EPS
                        && p.1 <= layout.height + EPS,
                    "edge {e} point {p:?} outside the drawing"
                );
            }
            for (n, r) in layout.nodes.iter().enumerate() {
                assert!(
                    !crosses(r, a, b),
                    "edge {e} ({}→{}) segment {a:?}–{b:?} crosses node {n} {r:?}",
                    spec.from,
                    spec.to
                );
            }
        }
    }
}

fn on_boundary(r: &Rect, p: (f64, f64)) -> bool {
    const EPS: f64 = 0.01;
    let within_x = p.0 >= r.x - EPS && p.0 <= r.right() + EPS;
    let within_y = p.1 >= r.y - EPS && p.1 <= r.bottom() + EPS;
    let on_x = (p.0 - r.x).abs() < EPS || (p.0 - r.right()).abs() < EPS;
    let on_y = (p.1 - r.y).abs() < EPS || (p.1 - r.bottom()).abs() < EPS;
    (on_x && within_y) || (on_y && within_x)
}

/// Whether the axis-parallel segment a–b enters the interior of `r`.
pub(crate) fn crosses(r: &Rect, a: (f64, f64), b: (f64, f64)) -> bool {
    const EPS: f64 = 0.01;
    let (x0, x1) = (a.0.min(b.0), a.0.max(b.0));
    let (y0, y1) = (a.1.min(b.1), a.1.max(b.1));
    x1 > r.x + EPS && x0 < r.right() - EPS && y1 > r.y + EPS && y0 < r.bottom() - EPS
}

/// A small deterministic generator for test graphs.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

fn random_graph(seed: u64, nodes: usize, edges: usize, lanes: usize) -> Graph {
    let mut rng = Lcg(seed);
    Graph {
        nodes: (0..nodes)
            .map(|_| NodeSpec {
                width: 80.0 + rng.next(100) as f64,
                height: 30.0 + rng.next(30) as f64,
                lane: rng.next(lanes),
            })
            .collect(),
        edges: (0..edges)
            .map(|_| EdgeSpec {
                from: rng.next(nodes),
                to: rng.next(nodes),
                label: (10.0 + rng.next(30) as f64, 12.0),
            })
            .collect(),
        lanes,
        header: 40.0,
        min_lane: vec![30.0; lanes],
    }
}

#[test]
fn random_graphs_keep_every_invariant_in_both_directions() {
    for seed in 0..40 {
        let nodes = 1 + (seed as usize * 7) % 40;
        let graph = random_graph(seed, nodes, nodes * 3 / 2, 1 + seed as usize % 4);
        for direction in [Direction::LeftToRight, Direction::TopToBottom] {
            check(&graph, &layout(&graph, direction));
        }
    }
}

#[test]
fn same_graph_same_layout() {
    let graph = random_graph(7, 30, 50, 3);
    assert_eq!(
        layout(&graph, Direction::LeftToRight),
        layout(&graph, Direction::LeftToRight)
    );
}

fn chain(n: usize, back: bool) -> Graph {
    let mut edges: Vec<EdgeSpec> = (0..n - 1)
        .map(|i| EdgeSpec {
            from: i,
            to: i + 1,
            label: (0.0, 0.0),
        })
        .collect();
    if back {
        edges.push(EdgeSpec {
            from: n - 1,
            to: 0,
            label: (20.0, 12.0),
        });
    }
    Graph {
        nodes: vec![
            NodeSpec {
                width: 100.0,
                height: 40.0,
                lane: 0,
            };
            n
        ],
        edges,
        lanes: 1,
        header: 0.0,
        min_lane: Vec::new(),
    }
}

#[test]
fn a_chain_is_straight_and_a_cycle_is_broken() {
    let graph = chain(5, false);
    let l = layout(&graph, Direction::LeftToRight);
    check(&graph, &l);
    // One layer per node, all on one line: every edge is a single straight segment.
    for route in l.edges.iter().flatten() {
        assert_eq!(route.points.len(), 2, "{route:?}");
    }
    let graph = chain(5, true);
    let l = layout(&graph, Direction::TopToBottom);
    check(&graph, &l);
    // The edge closing the cycle runs back up: it ends at the top node.
    let back = l.edges[4].as_ref().expect("routed");
    assert!(back.points[0].1 > back.points[back.points.len() - 1].1);
}

#[test]
fn long_edges_pass_layers_beside_the_boxes() {
    // 0→1→2→3 and 0→3: the long edge needs dummy slots in layers 1 and 2.
    let mut graph = chain(4, false);
    graph.edges.push(EdgeSpec {
        from: 0,
        to: 3,
        label: (30.0, 12.0),
    });
    let l = layout(&graph, Direction::LeftToRight);
    check(&graph, &l);
}

#[test]
fn crossings_are_removed_where_an_order_without_them_exists() {
    // Two layers, edges a0→b1 and a1→b0 cross in input order; the sweeps uncross them.
    let node = NodeSpec {
        width: 60.0,
        height: 30.0,
        lane: 0,
    };
    let graph = Graph {
        nodes: vec![node; 4],
        edges: vec![
            EdgeSpec {
                from: 0,
                to: 3,
                label: (0.0, 0.0),
            },
            EdgeSpec {
                from: 1,
                to: 2,
                label: (0.0, 0.0),
            },
        ],
        lanes: 1,
        header: 0.0,
        min_lane: Vec::new(),
    };
    let l = layout(&graph, Direction::LeftToRight);
    check(&graph, &l);
    for route in l.edges.iter().flatten() {
        assert_eq!(route.points.len(), 2, "edges run straight: {route:?}");
    }
}

#[test]
fn lanes_hold_their_nodes_and_loose_nodes_are_spread() {
    let mut graph = random_graph(3, 12, 0, 3);
    graph.edges.clear();
    let l = layout(&graph, Direction::LeftToRight);
    check(&graph, &l);
    // Twelve nodes on no edge stand in three layers, not in one long column.
    let columns: std::collections::BTreeSet<i64> = l.nodes.iter().map(|r| r.x as i64).collect();
    assert!(columns.len() >= 3, "{columns:?}");
}

#[test]
fn a_thousand_nodes_lay_out() {
    let graph = random_graph(11, 1000, 1500, 8);
    let l = layout(&graph, Direction::LeftToRight);
    assert_eq!(l.nodes.len(), 1000);
}

#[test]
fn empty_and_single_node_graphs_lay_out() {
    for n in [0, 1] {
        let graph = random_graph(5, n.max(1), 0, 1);
        let graph = Graph {
            nodes: graph.nodes[..n].to_vec(),
            ..graph
        };
        for direction in [Direction::LeftToRight, Direction::TopToBottom] {
            let l = layout(&graph, direction);
            check(&graph, &l);
            assert!(l.width > 0.0 && l.height > 0.0);
        }
    }
}
