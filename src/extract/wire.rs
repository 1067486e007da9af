//! What extraction made of a file, in a form bytes can carry: to a reading
//! worker's parent (see [`crate::isolate`]) and into the content cache.
//!
//! The forms' serde leaves out what the report does not show
//! (`#[serde(skip)]`: where each field was found, 申请经费 as written); a
//! [`Side`] beside each form carries those, so the forms come back whole.

use super::Extracted;
use crate::model::{Form, Locations};
use crate::problem::Problem;
use serde::{Deserialize, Serialize};

/// An [`Extracted`], whole, for bincode.
#[derive(Serialize, Deserialize)]
pub struct Portable {
    forms: Vec<Form>,
    sides: Vec<Side>,
    problems: Vec<Problem>,
}

impl Portable {
    pub fn new(ex: Extracted) -> Portable {
        Portable {
            sides: ex.forms.iter().map(Side::of).collect(),
            forms: ex.forms,
            problems: ex.problems,
        }
    }

    /// The extraction back; `None` when the parts do not fit together (a
    /// side per form, every field name one zhibu knows).
    pub fn restore(self) -> Option<Extracted> {
        Some(Extracted {
            forms: restore_forms(self.forms, self.sides)?,
            problems: self.problems,
        })
    }
}

/// `forms` with their sides put back.
pub fn restore_forms(mut forms: Vec<Form>, sides: Vec<Side>) -> Option<Vec<Form>> {
    if sides.len() != forms.len() {
        return None;
    }
    for (form, side) in forms.iter_mut().zip(sides) {
        side.restore(form)?;
    }
    Some(forms)
}

/// The skipped fields of one form: where each field was found, and
/// 申请经费 as written.
#[derive(Serialize, Deserialize, Default)]
pub struct Side {
    locs: Vec<(String, String)>,
    requested_raw: String,
}

impl Side {
    pub fn of(form: &Form) -> Side {
        let locs = |l: &Locations| l.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
        match form {
            Form::Application(a) => Side {
                locs: locs(&a.locs),
                requested_raw: a.requested_raw.clone(),
            },
            Form::Pairing(p) => Side {
                locs: locs(&p.locs),
                ..Side::default()
            },
            Form::ClosingReport(r) => Side {
                locs: locs(&r.locs),
                ..Side::default()
            },
            _ => Side::default(),
        }
    }

    /// Put the fields back; `None` when a field name is not one zhibu knows.
    fn restore(self, form: &mut Form) -> Option<()> {
        let mut locs = Locations::new();
        for (k, v) in self.locs {
            locs.insert(crate::model::intern(&k)?, v);
        }
        match form {
            Form::Application(a) => {
                a.locs = locs;
                a.requested_raw = self.requested_raw;
            }
            Form::Pairing(p) => p.locs = locs,
            Form::ClosingReport(r) => r.locs = locs,
            _ => {}
        }
        Some(())
    }
}
