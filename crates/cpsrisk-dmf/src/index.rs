//! Lookups built once per assessment, and the order of events.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

use cpsrisk_model::model::{DataItem, Dmf, DmfSystem, Endpoint, Event, Organisation, Place};

use crate::places::Scopes;

pub struct Index<'a> {
    pub model: &'a Dmf,
    pub data: HashMap<&'a str, &'a DataItem>,
    pub places: HashMap<&'a str, &'a Place>,
    pub systems: HashMap<&'a str, &'a DmfSystem>,
    pub organisations: HashMap<&'a str, &'a Organisation>,
    /// Events in the order they happen: `after` first, then the order of the file.
    pub order: Vec<&'a Event>,
    /// Position of each event in `order`.
    pub rank: HashMap<&'a str, usize>,
    pub scopes: Scopes<'a>,
}

impl<'a> Index<'a> {
    pub fn new(model: &'a Dmf) -> Self {
        let order = order(model);
        Index {
            model,
            data: model.data.iter().map(|d| (d.id.as_str(), d)).collect(),
            places: model.places.iter().map(|p| (p.id.as_str(), p)).collect(),
            systems: model.systems.iter().map(|s| (s.id.as_str(), s)).collect(),
            organisations: model
                .organisations
                .iter()
                .map(|o| (o.id.as_str(), o))
                .collect(),
            rank: order
                .iter()
                .enumerate()
                .map(|(i, e)| (e.id.as_str(), i))
                .collect(),
            order,
            scopes: Scopes::new(&model.places),
        }
    }

    /// The country of one end of an event: as given, or that of its organisation.
    pub fn endpoint_country(&self, end: &'a Endpoint) -> Option<&'a str> {
        end.country
            .as_ref()
            .map(|c| c.as_str())
            .or_else(|| self.organisation_country(end.organisation.as_ref().map(|o| o.as_str())))
    }

    /// The country of an organisation, if the model gives one.
    pub fn organisation_country(&self, id: Option<&str>) -> Option<&'a str> {
        id.and_then(|o| self.organisations.get(o))
            .and_then(|o| o.country.as_ref().map(|c| c.as_str()))
    }
}

/// Topological order of the `after` relation, the file order breaking ties (Kahn's algorithm
/// with a min-heap). Validation has rejected cycles; anything left over keeps file order.
fn order(model: &Dmf) -> Vec<&Event> {
    let index: HashMap<&str, usize> = model
        .events
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    let n = model.events.len();
    let mut successors: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut waiting = vec![0usize; n];
    for (i, e) in model.events.iter().enumerate() {
        for a in &e.after {
            if let Some(&p) = index.get(a.as_str()) {
                successors[p].push(i);
                waiting[i] += 1;
            }
        }
    }
    let mut ready: BinaryHeap<Reverse<usize>> =
        (0..n).filter(|&i| waiting[i] == 0).map(Reverse).collect();
    let mut out = Vec::with_capacity(n);
    let mut placed = vec![false; n];
    while let Some(Reverse(i)) = ready.pop() {
        out.push(&model.events[i]);
        placed[i] = true;
        for &s in &successors[i] {
            waiting[s] -= 1;
            if waiting[s] == 0 {
                ready.push(Reverse(s));
            }
        }
    }
    out.extend(
        model
            .events
            .iter()
            .enumerate()
            .filter(|(i, _)| !placed[*i])
            .map(|(_, e)| e),
    );
    out
}
