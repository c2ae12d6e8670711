//! STEP 2, the places (必要な制度的な保護措置（「場」）の整理, seed lines 24244–24336): which places
//! apply to which data item at which event — by category (a personal data place to personal
//! data, …) and by scope (a law in its jurisdiction, or beyond it when extraterritorial and the
//! data comes from there, or wherever it binds an organisation taking part in the event; a
//! contract, internal rule or terms where it binds one, or everywhere when it names none).

use std::collections::HashMap;

use cpsrisk_model::levels::{IpCategory, PersonalCategory, PlaceCategory, PlaceRule, TechCategory};
use cpsrisk_model::model::{Attributes, Endpoint, Event, Place};

use crate::index::Index;

/// The model's places by what brings each into scope, so that an event looks only at the
/// places that can apply there: testing every place at every event grew with events × places.
/// Entries are positions in the model's list, so results keep the model's order.
#[derive(Default)]
pub struct Scopes<'a> {
    /// Places with no scope condition: a law with neither jurisdiction nor `binds`, or another
    /// rule that binds no one.
    everywhere: Vec<usize>,
    /// Laws by jurisdiction.
    laws_in: HashMap<&'a str, Vec<usize>>,
    /// Extraterritorial laws by jurisdiction (they follow data from there).
    extraterritorial: HashMap<&'a str, Vec<usize>>,
    /// Places by each organisation they bind.
    binding: HashMap<&'a str, Vec<usize>>,
}

impl<'a> Scopes<'a> {
    pub fn new(places: &'a [Place]) -> Self {
        let mut s = Scopes::default();
        for (i, p) in places.iter().enumerate() {
            let jurisdiction = p.jurisdiction.as_ref().map(|j| j.as_str());
            match (p.rule, jurisdiction) {
                (PlaceRule::Law, Some(j)) => {
                    s.laws_in.entry(j).or_default().push(i);
                    if p.extraterritorial {
                        s.extraterritorial.entry(j).or_default().push(i);
                    }
                }
                _ if p.binds.is_empty() => s.everywhere.push(i),
                _ => {}
            }
            for b in &p.binds {
                s.binding.entry(b.as_str()).or_default().push(i);
            }
        }
        s
    }

    /// Positions of the places that may apply at `end` to data with `attributes`: a superset
    /// of those [`applies_at`] accepts, with repeats.
    fn candidates(
        &self,
        ix: &Index<'a>,
        attributes: &Attributes,
        end: &Endpoint,
        out: &mut Vec<usize>,
    ) {
        out.extend(&self.everywhere);
        out.extend(listed(&self.laws_in, ix.endpoint_country(end)));
        out.extend(listed(
            &self.binding,
            end.organisation.as_ref().map(|o| o.as_str()),
        ));
        for c in attributes.countries.iter().flatten() {
            out.extend(listed(&self.extraterritorial, Some(c.as_str())));
        }
    }
}

fn listed<'m>(map: &'m HashMap<&str, Vec<usize>>, key: Option<&str>) -> &'m [usize] {
    key.and_then(|k| map.get(k)).map_or(&[], |v| v.as_slice())
}

/// The places that apply to data with `attributes` at event `e` (at either of its ends), in
/// the model's order.
pub fn applicable<'a>(ix: &Index<'a>, attributes: &Attributes, e: &'a Event) -> Vec<&'a Place> {
    select(ix, attributes, std::iter::once(&e.at).chain(e.to.as_ref()))
}

/// The places that apply to data with `attributes` at one end of an event, in the model's order.
pub fn applicable_at<'a>(
    ix: &Index<'a>,
    attributes: &Attributes,
    end: &'a Endpoint,
) -> Vec<&'a Place> {
    select(ix, attributes, std::iter::once(end))
}

fn select<'a>(
    ix: &Index<'a>,
    attributes: &Attributes,
    ends: impl Iterator<Item = &'a Endpoint> + Clone,
) -> Vec<&'a Place> {
    let mut at = Vec::new();
    for end in ends.clone() {
        ix.scopes.candidates(ix, attributes, end, &mut at);
    }
    at.sort_unstable();
    at.dedup();
    at.into_iter()
        .map(|i| &ix.model.places[i])
        .filter(|p| ends.clone().any(|end| applies_at(ix, p, attributes, end)))
        .collect()
}

/// The place categories a data item falls under, given its attributes.
pub fn categories_of(a: &Attributes) -> Vec<PlaceCategory> {
    let mut out = Vec::new();
    if a.personal.is_some_and(|p| {
        !matches!(
            p,
            PersonalCategory::NonPersonal | PersonalCategory::Statistical
        )
    }) {
        out.push(PlaceCategory::PersonalData);
    }
    if a.ip.is_some_and(|p| p != IpCategory::None) {
        out.push(PlaceCategory::IntellectualProperty);
    }
    if matches!(
        a.technology,
        Some(TechCategory::ExportControlled | TechCategory::Undetermined)
    ) {
        out.push(PlaceCategory::SensitiveTechnology);
    }
    if a.social.is_some() {
        out.push(PlaceCategory::SocialFunction);
    }
    out
}

/// Whether `place` applies to data with `attributes` at one end of an event. The transfer gap
/// table asks this of each end, so it names the same laws at the destination as STEP 2 does.
fn applies_at<'a>(
    ix: &Index<'a>,
    place: &Place,
    attributes: &Attributes,
    end: &'a Endpoint,
) -> bool {
    // A place that names no category (an internal rule on all data, say) applies to every
    // data item within its scope.
    let categories = categories_of(attributes);
    if !place.categories.is_empty() && !place.categories.iter().any(|c| categories.contains(c)) {
        return false;
    }
    let bound = end
        .organisation
        .as_ref()
        .is_some_and(|o| place.binds.iter().any(|b| b.value == o.value));
    match place.rule {
        // `binds` makes a law apply wherever it binds the organisation, abroad included.
        PlaceRule::Law => match place.jurisdiction.as_ref().map(|c| c.as_str()) {
            None => place.binds.is_empty() || bound,
            Some(j) => {
                bound
                    || ix.endpoint_country(end) == Some(j)
                    || (place.extraterritorial
                        && attributes
                            .countries
                            .as_ref()
                            .is_some_and(|c| c.iter().any(|x| x == j)))
            }
        },
        _ => place.binds.is_empty() || bound,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(places: Vec<&Place>) -> Vec<&str> {
        places.into_iter().map(|p| p.id.as_str()).collect()
    }

    /// The scope index finds exactly the places that testing every place finds, in the same
    /// order, on the four DMF use cases (laws with and without `binds`, extraterritorial laws,
    /// contracts, internal rules, events at home and abroad) for every data item at every event.
    #[test]
    fn the_scope_index_agrees_with_testing_every_place() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/dmf");
        let mut compared = 0;
        for case in std::fs::read_dir(&root).expect("examples/dmf") {
            let text = std::fs::read_to_string(case.unwrap().path().join("model.yaml")).unwrap();
            let model = cpsrisk_model::load_and_check(&text).expect("a valid example");
            let dmf = model.dmf.as_ref().expect("a DMF model");
            let ix = Index::new(dmf);
            for e in &dmf.events {
                for d in &dmf.data {
                    let a = &d.attributes;
                    let every = |end: &Endpoint| -> Vec<&str> {
                        dmf.places
                            .iter()
                            .filter(|p| applies_at(&ix, p, a, end))
                            .map(|p| p.id.as_str())
                            .collect()
                    };
                    assert_eq!(ids(applicable_at(&ix, a, &e.at)), every(&e.at));
                    let both: Vec<&str> = dmf
                        .places
                        .iter()
                        .filter(|p| {
                            std::iter::once(&e.at)
                                .chain(e.to.as_ref())
                                .any(|end| applies_at(&ix, p, a, end))
                        })
                        .map(|p| p.id.as_str())
                        .collect();
                    assert_eq!(ids(applicable(&ix, a, e)), both, "event {}", e.id.value);
                    compared += usize::from(!both.is_empty());
                }
            }
        }
        assert!(compared > 50, "only {compared} non-empty comparisons");
    }
}
