//! STEP 2, the places (必要な制度的な保護措置（「場」）の整理, seed lines 24244–24336): which places
//! apply to which data item at which event — by category (a personal data place to personal
//! data, …) and by scope (a law in its jurisdiction, or beyond it when extraterritorial and the
//! data comes from there, or wherever it binds an organisation taking part in the event; a
//! contract, internal rule or terms where it binds one, or everywhere when it names none).

use cpsrisk_model::levels::{IpCategory, PersonalCategory, PlaceCategory, PlaceRule, TechCategory};
use cpsrisk_model::model::{Attributes, Endpoint, Event, Place};

use crate::index::Index;

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

/// Whether `place` applies to data with `attributes` at event `e`: at either of its ends.
pub fn applies<'a>(ix: &Index<'a>, place: &Place, attributes: &Attributes, e: &'a Event) -> bool {
    std::iter::once(&e.at)
        .chain(e.to.as_ref())
        .any(|end| applies_at(ix, place, attributes, end))
}

/// Whether `place` applies to data with `attributes` at one end of an event. The transfer gap
/// table asks this of each end, so it names the same laws at the destination as STEP 2 does.
pub fn applies_at<'a>(
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
